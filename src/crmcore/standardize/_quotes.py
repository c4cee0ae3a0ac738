"""Quotation marks in names: find a wrapping pair, strip it, normalise the rest.

Company names arrive quoted in every style of our markets: «Ромашка»,
„Kowalski”, „Muster“, “Acme”, "Acme", 'Acme'. Two questions matter:

* is the whole text wrapped in one pair of quotes (so the pair can go)?
  ``«A» и «B»`` is not: its first mark closes before the end;
* what do the quotes *inside* a name look like once standardised? All double
  marks become ``"`` and all single marks and apostrophes become ``'``, so
  that one name has one spelling.

Directional marks (« » „) tell on their own whether they open or close. The
others (" “ ” ' ’) are judged by their neighbours: a mark after a space (or at
the start, or after another opening mark) opens; any other mark closes.
"""

from __future__ import annotations

import re

__all__ = [
    "DOUBLE_QUOTES",
    "QUOTES",
    "drop_unpaired",
    "has_double_quote",
    "is_wrapped",
    "normalize_inner",
    "unwrap",
    "wrap",
]

# The families of marks that pair with one another.
_GUILLEMETS = ("«", "»")
_LOW9_OPEN = "„"
_LOW9_CLOSE = "“”"
_TYPOGRAPHIC = "“”‟〝〞"
_ASCII = '"＂'
_SINGLE = "'‘’‛‚`´ʼ"

#: Every double quotation mark we recognise.
DOUBLE_QUOTES = frozenset('«»„“”‟〝〞″＂"')
#: Every quotation mark (double or single) we recognise.
QUOTES = DOUBLE_QUOTES | frozenset(_SINGLE) | frozenset("‹›")

_DOUBLE_QUOTE = re.compile(f"[{re.escape(''.join(sorted(DOUBLE_QUOTES)))}]")


def has_double_quote(text: str) -> bool:
    """Tell whether ``text`` holds a double quotation mark of any kind."""
    return _DOUBLE_QUOTE.search(text) is not None


_TO_ASCII_MARKS = "«»„“”‟〝〞″＂‘’‛‚`´ʼ‹›"
_TO_ASCII = str.maketrans(dict.fromkeys("«»„“”‟〝〞″＂", '"') | dict.fromkeys("‘’‛‚`´ʼ‹›", "'"))
# A search for one character class is much quicker than a translation by a
# table of code points, which looks up every character: most names have no mark.
_HAS_MARK_TO_REWRITE = re.compile(f"[{re.escape(_TO_ASCII_MARKS)}]")


def _role(text: str, i: int) -> str | None:
    """Say whether the double mark at ``text[i]`` opens, closes, or stands alone."""
    char = text[i]
    if char in "«„":
        return "open"
    if char == "»":
        return "close"
    if _opens(text, i):
        return "open"
    before = text[i - 1] if i else " "
    return None if before.isspace() else "close"


def drop_unpaired(text: str) -> str:
    """Remove double quotation marks that have no partner: they carry no meaning.

    Single marks are left alone: most of them are apostrophes (``O'Brien``,
    ``Jones' Bakery``).

    >>> drop_unpaired("0 «ТОВ"), drop_unpaired("«A» и «B»"), drop_unpaired('"A" x"')
    ('0 ТОВ', '«A» и «B»', '"A" x')
    """
    if _DOUBLE_QUOTE.search(text) is None:
        return text
    stack: list[tuple[int, bool]] = []
    unpaired: set[int] = set()
    for mark in _DOUBLE_QUOTE.finditer(text):
        i, char = mark.start(), mark.group()
        guillemet = char in "«»"
        role = _role(text, i)
        if role == "open":
            stack.append((i, guillemet))
        elif role == "close" and stack and stack[-1][1] == guillemet:
            stack.pop()
        else:
            unpaired.add(i)
    unpaired.update(i for i, _ in stack)
    if not unpaired:
        return text
    kept = "".join(c for i, c in enumerate(text) if i not in unpaired)
    return " ".join(kept.split())


def normalize_inner(text: str) -> str:
    """Return ``text`` with every double mark as ``"`` and every single mark as ``'``.

    >>> print(normalize_inner("Компания «Альфа» і Мар’яна"))
    Компания "Альфа" і Мар'яна
    """
    if _HAS_MARK_TO_REWRITE.search(text) is None:
        return text
    return text.translate(_TO_ASCII)


def _family(first: str, last: str) -> tuple[str, str, bool] | None:
    """Return (openers, closers, contextual) if ``first``/``last`` can pair."""
    if first == "«" and last == "»":
        return "«", "»", False
    if first == "»" and last == "«":
        return "»", "«", False
    if first == _LOW9_OPEN and last in _LOW9_CLOSE:
        return _LOW9_OPEN, _LOW9_CLOSE, False
    if first == "‚" and last in "‘’":
        return "‚", "‘’", False
    for family in (_TYPOGRAPHIC, _ASCII, _SINGLE):
        if first in family and last in family:
            return family, family, True
    return None


def _opens(text: str, i: int) -> bool:
    """Judge a contextual mark at ``text[i]``: does it open a quotation?"""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{" or before in QUOTES) and not after.isspace()


def is_wrapped(text: str) -> bool:
    """Tell whether the whole of ``text`` sits inside one pair of quotes.

    >>> is_wrapped("«Ромашка»"), is_wrapped("«A» и «B»"), is_wrapped('"A" and "B"')
    (True, False, False)
    """
    if len(text) < 2:  # a pair needs two characters
        return False
    family = _family(text[0], text[-1])
    if family is None:
        return False
    openers, closers, contextual = family
    depth = 1
    for i in range(1, len(text) - 1):
        char = text[i]
        if contextual:
            if char not in openers:
                continue
            depth += 1 if _opens(text, i) else -1
        elif char in openers:
            depth += 1
        elif char in closers:
            depth -= 1
        if depth <= 0:
            return False
    return depth == 1


def unwrap(text: str) -> str:
    """Strip every pair of quotes that wraps the whole of ``text``.

    >>> unwrap("«„Ромашка“»")
    'Ромашка'
    >>> unwrap("«A» и «B»")
    '«A» и «B»'
    """
    while is_wrapped(text):
        text = text[1:-1].strip()
    return text


def wrap(text: str, quotes: tuple[str, str]) -> str:
    """Return ``text`` inside the pair ``quotes``.

    >>> wrap("Ромашка", ("«", "»"))
    '«Ромашка»'
    """
    return f"{quotes[0]}{text}{quotes[1]}"

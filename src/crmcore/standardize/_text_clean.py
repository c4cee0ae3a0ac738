"""The character table behind :func:`crmcore.standardize.texts.clean`."""

from __future__ import annotations

import functools
import re
import unicodedata

from crmcore._data import load_json
from crmcore.standardize._homoglyphs import MIXABLE_LETTERS, may_mix_scripts, repair_homoglyphs

__all__ = [
    "canonical_chars",
    "canonical_text",
    "clean_in_full",
    "clean_one_script_text",
    "clean_text",
    "clean_unmixed_text",
    "is_clean",
    "kept_chars",
]

_SPACE = ord(" ")
#: The blocks whose characters the "already clean" check knows: ASCII, Latin,
#: Greek, Cyrillic, general punctuation and letterlike symbols. A character
#: outside them only means the full cleaning runs.
_KNOWN_BLOCKS = (
    (0x0021, 0x007E),
    (0x00A1, 0x024F),
    (0x0370, 0x052F),
    (0x1E00, 0x1FFF),
    (0x2010, 0x20CF),
    (0x2100, 0x214F),
)


class _CanonicalChars(dict[int, int | str | None]):
    """A :meth:`str.translate` table, filled in lazily by Unicode category.

    Explicit entries come from ``data/text_canonical.json``; any other code
    point is classified on first sight and remembered, so a text is translated
    at C speed once its characters have been seen.
    """

    def __missing__(self, code: int) -> int | str | None:
        char = chr(code)
        category = unicodedata.category(char)
        value: int | str | None
        if category in {"Zs", "Zl", "Zp"} or (category == "Cc" and char.isspace()):
            value = _SPACE
        elif category in {"Cc", "Cf"}:
            value = None
        else:
            value = code
        self[code] = value
        return value


def _code_points(spec: str) -> range:
    first, _, last = spec.partition("-")
    return range(int(first, 16), int(last or first, 16) + 1)


@functools.cache
def canonical_chars() -> _CanonicalChars:
    """Return the (shared, lazily growing) translation table."""
    raw = load_json("standardize", "text_canonical.json")
    table = _CanonicalChars()
    for spec in raw["remove"]:
        table.update(dict.fromkeys(_code_points(spec)))
    for replacement, chars in raw["replace"].items():
        for spec in chars:
            table.update(dict.fromkeys(_code_points(spec), replacement))
    return table


@functools.cache
def kept_chars() -> list[str]:
    """Return the characters of :data:`_KNOWN_BLOCKS` that clean text may hold.

    They are the assigned characters the table maps to themselves, none of
    them a space of any kind.
    """
    table = canonical_chars()
    return [
        chr(code)
        for first, last in _KNOWN_BLOCKS
        for code in range(first, last + 1)
        if table[code] == code
        and not chr(code).isspace()
        and unicodedata.category(chr(code)) != "Cn"
    ]


def _words_of(chars: list[str]) -> re.Pattern[str]:
    """Return a pattern fully matching words of ``chars`` separated by single spaces."""
    chars_class = _char_class(sorted(ord(c) for c in chars))
    return re.compile(rf"[{chars_class}]+(?: [{chars_class}]+)*")


@functools.cache
def clean_text() -> re.Pattern[str]:
    """Return a pattern that fully matches text the translation and spacing keep as it is.

    Its characters are those of :func:`kept_chars`, in words separated by
    single spaces, without spaces at the ends.
    """
    return _words_of(kept_chars())


@functools.cache
def clean_one_script_text() -> re.Pattern[str]:
    """Return :func:`clean_text` for text whose letters are of one mixable script.

    The letters of the Latin, Cyrillic and Greek classes of
    :data:`~crmcore.standardize._homoglyphs.MIXABLE_LETTERS` come from one
    of them only, so no two letters of different scripts can stand side by
    side. One alternative per script: the engine leaves a wrong one at the
    first letter of another script.
    """
    kept = kept_chars()
    classes = {script: re.compile(pattern) for script, pattern in MIXABLE_LETTERS.items()}
    neutral = [c for c in kept if not any(p.fullmatch(c) for p in classes.values())]
    alternatives = [
        _words_of(neutral + [c for c in kept if pattern.fullmatch(c)]).pattern
        for pattern in classes.values()
    ]
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


@functools.cache
def clean_unmixed_text() -> re.Pattern[str]:
    """Return :func:`clean_text` for text in which no two letters of different scripts touch.

    The letters are those of the Latin, Cyrillic and Greek classes of
    :data:`~crmcore.standardize._homoglyphs.MIXABLE_LETTERS`: such text has
    no mixed-script word (``may_mix_scripts`` is false), whether all its
    letters are of one script or its words are each in their own
    (``вул. Хрещатик, 22, UA``). A run of one script's letters is taken
    whole (possessively) and may not be followed by a letter of another; the
    other kept characters (digits, punctuation, letters of no mixable
    script) stand between runs. Clean text holds no combining mark of
    ``U+0300..U+036F`` (the known blocks leave them out), the only
    characters the pre-check lets stand between two letters.
    """
    kept = kept_chars()
    classes = [re.compile(pattern) for pattern in MIXABLE_LETTERS.values()]
    groups = [[c for c in kept if pattern.fullmatch(c)] for pattern in classes]
    neutral = [c for c in kept if not any(p.fullmatch(c) for p in classes)]

    def chars_class(chars: list[str]) -> str:
        return f"[{_char_class(sorted(ord(c) for c in chars))}]"

    runs = [
        chars_class(group)
        + "++(?!"
        + chars_class([c for other in groups if other is not group for c in other])
        + ")"
        for group in groups
    ]
    word = "(?:" + "|".join([chars_class(neutral) + "++", *runs]) + ")++"
    return re.compile(f"{word}(?: {word})*")


def _char_class(codes: list[int]) -> str:
    """Write sorted code points as the ranges of a regular-expression character class."""
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(
        re.escape(chr(first)) + (f"-{re.escape(chr(last))}" if last != first else "")
        for first, last in ranges
    )


def is_clean(text: str, *, homoglyphs: bool = True) -> bool:
    """Tell, cheaply, whether ``text`` is certainly its own canonical form.

    ``True`` proves that cleaning gives ``text`` back: every character is one
    the translation keeps (and there is no space but single spaces between
    words), the text is NFC, and, when homoglyphs are repaired, no word mixes
    scripts (its letters are of one script, or no two letters of different
    scripts stand side by side). ``False`` only means that the full cleaning
    has to decide.

    >>> is_clean('ТОВ "Ромашка"'), is_clean("ТОВ «Ромашка»"), is_clean("Jan  Kowalski")
    (True, False, False)
    >>> is_clean("Kowalski i ТОВ"), is_clean("Kоwalski"), is_clean("Kоwalski", homoglyphs=False)
    (True, False, True)
    """
    if homoglyphs and (
        clean_one_script_text().fullmatch(text) is not None
        or clean_unmixed_text().fullmatch(text) is not None
    ):
        # ASCII text is NFC (and of one script).
        return text.isascii() or unicodedata.is_normalized("NFC", text)
    return (
        clean_text().fullmatch(text) is not None
        and unicodedata.is_normalized("NFC", text)
        and not (homoglyphs and may_mix_scripts(text))
    )


def canonical_text(raw: str, *, homoglyphs: bool = True) -> str:
    """Return the canonical form of any string, of any length.

    The work of :func:`crmcore.standardize.texts.clean` without its checks of
    the argument: for text the standardisers derived from input they already
    checked (a rendered address, a line with its country added), which may
    be a little longer than the input was. Text proved clean
    (:func:`is_clean`) is returned as it is; other text is cleaned in full
    (:func:`clean_in_full`).

    >>> canonical_text("  ТОВ\u00a0«Ромашка» "), canonical_text("x" * 2000) == "x" * 2000
    ('ТОВ "Ромашка"', True)
    """
    if is_clean(raw, homoglyphs=homoglyphs):
        return raw
    return clean_in_full(raw, homoglyphs=homoglyphs)


def clean_in_full(raw: str, *, homoglyphs: bool = True) -> str:
    """Clean ``raw`` step by step, without the shortcut of text proved clean.

    >>> clean_in_full("Jan\u00a0 Kоwalski")
    'Jan Kowalski'
    """
    text = raw
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = text.translate(canonical_chars())
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        # Removing an invisible character can bring a letter and its
        # combining mark together.
        text = unicodedata.normalize("NFC", text)
    text = " ".join(text.split())
    if homoglyphs:
        text = repair_homoglyphs(text)
    return text

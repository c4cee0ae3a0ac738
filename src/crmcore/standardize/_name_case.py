"""Letter case of person names: McDonald, O'Brien, van der Berg, Παπαδόπουλος.

A word is re-cased only when it was typed all in capitals or all in small
letters; a word in mixed case (``McDonald``, ``DiCaprio``, ``deVries``) was
written that way on purpose and is kept. Greek final sigma is put right in
every word: ``σ`` at the end of a word becomes ``ς``, and ``ς`` inside a word
becomes ``σ``. Accents lost in capitals (``ΠΑΠΑΔΟΠΟΥΛΟΣ``) cannot be restored:
the result is ``Παπαδοπουλος``.
"""

from __future__ import annotations

import functools
import re

from crmcore.standardize._name_tables import tables

__all__ = ["fix_final_sigma", "is_one_case", "recase"]

_SIGMA_AT_END = re.compile(r"(?<=\w)σ(?!\w)")
_FINAL_INSIDE = re.compile(r"ς(?=\w)")
_APOSTROPHE_PREFIXES = frozenset("odl")
#: The titlecase letters (Unicode category Lt): the only letters that are
#: cased but neither capitals nor small letters (a test checks the list).
_TITLECASE = re.compile(
    "[\u01c5\u01c8\u01cb\u01f2\u1f88-\u1f8f\u1f98-\u1f9f\u1fa8-\u1faf\u1fbc\u1fcc\u1ffc]"
)


def fix_final_sigma(text: str) -> str:
    """Write Greek sigma as ``ς`` at the end of a word and ``σ`` elsewhere.

    >>> fix_final_sigma("Παπαδόπουλοσ"), fix_final_sigma("Οδυςςέας")
    ('Παπαδόπουλος', 'Οδυσσέας')
    """
    if "σ" not in text and "ς" not in text:
        return text
    return _FINAL_INSIDE.sub("σ", _SIGMA_AT_END.sub("ς", text))


def is_one_case(word: str) -> bool:
    """Tell whether ``word`` has letters and they are all capitals or all small.

    >>> is_one_case("KOWALSKI"), is_one_case("kowalski"), is_one_case("McDonald")
    (True, True, False)
    """
    if _TITLECASE.search(word) is None:
        # Without titlecase letters, str.isupper() and str.islower() ask the
        # same as the letter-by-letter test below, at C speed.
        return word.isupper() or word.islower()
    cased = [c for c in word if c.isupper() or c.islower()]
    return bool(cased) and (all(c.isupper() for c in cased) or all(c.islower() for c in cased))


@functools.cache
def _mac_names() -> dict[str, str]:
    return {name.casefold(): name for name in tables().mac_names}


def _capitalize(segment: str) -> str:
    head = segment[:1].upper()
    return (head if len(head) == 1 else segment[:1]) + segment[1:]


def _proper(part: str) -> str:
    """Proper-case one hyphen-free part of a word (already in small letters)."""
    mac = _mac_names().get(part)
    if mac is not None:
        return mac
    if part.startswith("mc") and len(part) > 2:  # "mc" and a letter
        return "Mc" + _capitalize(part[2:])
    segments = re.split(r"([.'])", part)
    out: list[str] = []
    for i, segment in enumerate(segments):
        if i == 0 or (segments[i - 1] == "." and segment):
            out.append(_capitalize(segment))
        elif segments[i - 1] == "'" and len(segments[i - 2]) == 1:
            # O'Brien, D'Angelo, L'Estrange; but Мар'яна, Ap'yan.
            capital = segments[i - 2] in _APOSTROPHE_PREFIXES
            out.append(_capitalize(segment) if capital else segment)
        else:
            out.append(segment)
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def recase(word: str, *, first: bool) -> str:
    """Return ``word`` in the case of a name, if it was typed in one case.

    Asked of the words of names one at a time, so its results are kept for
    the most recent few thousand.

    Args:
        word: One word of a name.
        first: Whether it is the first word of the name (particles such as
            ``van`` are capitalised only there).

    >>> recase("O'BRIEN", first=False), recase("mcdonald", first=False)
    ("O'Brien", 'McDonald')
    >>> recase("VAN", first=False), recase("KOWALSKA-NOWAK", first=False)
    ('van', 'Kowalska-Nowak')
    >>> recase("ΠΑΠΑΔΟΠΟΥΛΟΣ", first=False)
    'Παπαδοπουλος'
    """
    if is_one_case(word):
        lower = word.lower()
        if not first and lower in tables().particles:
            word = lower
        else:
            word = "-".join(_proper(part) for part in lower.split("-"))
    return fix_final_sigma(word)

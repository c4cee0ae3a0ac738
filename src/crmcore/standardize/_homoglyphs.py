"""Mixed-script homoglyphs: a Cyrillic "а" in a Latin word, and the reverse.

A word (a run of letters and combining marks) whose letters come from more
than one of the Latin, Cyrillic and Greek scripts is *mixed*. Such a word is
*repairable* to a script ``S`` when every letter from another script has a
look-alike in ``S`` (from the confusables table, ``data/confusables.json``).

Which script a mixed word is repaired to:

1. If exactly one script is repairable, that one (``Kоwalski`` with a
   Cyrillic ``о`` can only become Latin: ``w``, ``l``... have no Cyrillic
   twin).
2. If several are (every letter has a twin: ``PАО``), the script that
   dominates the *distinctive* letters of the whole text (letters that have
   no look-alike, such as ``ж``, ``f`` or ``λ``), when that is one of them.
3. Otherwise the script of most of the word's letters, if there is one.
4. Otherwise the word is left alone and reported without a replacement.

A mixed word that is not repairable (``ТехноSoft``: ``f`` has no Cyrillic
twin and ``н`` no Latin one) is left alone, and its minority letters are
reported without a replacement.

Repairs only swap look-alike letters for look-alike letters, so the counts of
distinctive letters, and with them every decision above, are the same on the
repaired text: the repair is idempotent by construction.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final

import attrs

from crmcore._data import load_json

__all__ = [
    "CYRILLIC",
    "GREEK",
    "LATIN",
    "MIXABLE_LETTERS",
    "Homoglyph",
    "find_homoglyphs",
    "may_mix_scripts",
    "repair_homoglyphs",
    "script_of",
    "scripts",
]

LATIN: Final = "Latin"
CYRILLIC: Final = "Cyrillic"
GREEK: Final = "Greek"
_MIXABLE: Final = (LATIN, CYRILLIC, GREEK)
_MIX: Final = 2  # letters of two scripts in one word make it mixed

# Unicode names start with the script's name for most letters; these first
# words name a script differently from the way people call it.
_SCRIPT_ALIASES: Final = {"CJK": "Han"}

# A word is a run of letters and combining marks.
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f\u0483-\u0489\u1dc0-\u1dff\u20d0-\u20ff])+")
# The cheap pre-check: a word mixing two scripts has two letters of different
# scripts side by side (combining marks aside), so a text without such a pair
# has no mixed word. One linear search finds it.
_L = r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff\uab30-\uab6f]"
_C = r"[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]"
_G = r"[\u0370-\u03ff\u1f00-\u1fff]"
_M = r"[\u0300-\u036f]*"
#: The letters of each script that :func:`may_mix_scripts` tells apart, as
#: regular-expression character classes.
MIXABLE_LETTERS: Final = {LATIN: _L, CYRILLIC: _C, GREEK: _G}
_SCRIPTS_SIDE_BY_SIDE = re.compile(
    rf"{_L}{_M}(?:{_C}|{_G})|{_C}{_M}(?:{_L}|{_G})|{_G}{_M}(?:{_L}|{_C})"
)


@attrs.frozen(kw_only=True)
class Homoglyph:
    """A letter from another script inside a word, found by :func:`find_homoglyphs`.

    Attributes:
        position: The index of the letter in the text that was searched.
        char: The letter as found.
        script: The letter's script (``"Latin"``, ``"Cyrillic"`` or ``"Greek"``).
        replacement: Its look-alike in the word's script, or ``None`` when the
            word is genuinely in two scripts (or no script can be told apart)
            and is left alone.
    """

    position: int
    char: str
    script: str
    replacement: str | None


@attrs.frozen
class _Table:
    """The confusables table, indexed for lookups."""

    twins: dict[tuple[str, str], str]  # (letter, target script) -> look-alike
    confusable: frozenset[str]  # every letter that has a look-alike


@functools.cache
def _table() -> _Table:
    raw = load_json("", "confusables.json")
    order: list[str] = raw["scripts"]
    never_target = frozenset(raw["source_only"]["letters"])
    twins: dict[tuple[str, str], str] = {}
    confusable: set[str] = set()
    for group in raw["groups"]:
        members = [(script, ch) for script, ch in zip(order, group, strict=True) if ch]
        for _, ch in members:
            confusable.add(ch)
        for _, source in members:
            for script, target in members:
                if target != source and target not in never_target:
                    twins.setdefault((source, script), target)
    return _Table(twins=twins, confusable=frozenset(confusable))


@functools.cache
def script_of(char: str) -> str | None:
    """Return the script of a letter (``"Latin"``, ``"Cyrillic"``...), else ``None``.

    Combining marks, modifier letters (``ʼ``), digits, punctuation and spaces
    belong to no script here.

    >>> script_of("a"), script_of("а"), script_of("α"), script_of("7")
    ('Latin', 'Cyrillic', 'Greek', None)
    """
    if not char.isalpha():
        return None
    first = unicodedata.name(char, "").split(" ", 1)[0]
    if first in _SCRIPT_ALIASES:
        return _SCRIPT_ALIASES[first]
    if not first or first == "MODIFIER":
        return None
    return first.title()


@functools.cache
def _twin(char: str, script: str) -> str | None:
    """Return the look-alike of ``char`` in ``script``, decomposing accents."""
    table = _table()
    direct = table.twins.get((char, script))
    if direct is not None:
        return direct
    decomposed = unicodedata.normalize("NFD", char)
    if len(decomposed) > 1:
        base = table.twins.get((decomposed[0], script))
        if base is not None:
            return unicodedata.normalize("NFC", base + decomposed[1:])
    return None


@functools.cache
def _is_confusable(char: str) -> bool:
    confusable = _table().confusable
    return char in confusable or unicodedata.normalize("NFD", char)[0] in confusable


def scripts(word: str) -> frozenset[str]:
    """Return the scripts of the letters in ``word``.

    >>> sorted(scripts("Kоwalski"))  # a Cyrillic "о"
    ['Cyrillic', 'Latin']
    >>> sorted(scripts("Київ 2024"))
    ['Cyrillic']
    """
    found = {script_of(ch) for ch in word}
    found.discard(None)
    return frozenset(s for s in found if s is not None)


def _distinctive_counts(text: str) -> dict[str, int]:
    counts = dict.fromkeys(_MIXABLE, 0)
    for ch in text:
        script = script_of(ch)
        if script in counts and not _is_confusable(ch):
            counts[script] += 1
    return counts


def _strict_max(counts: dict[str, int], among: list[str]) -> str | None:
    ranked = sorted(among, key=lambda s: counts[s], reverse=True)
    if len(ranked) == 1 or counts[ranked[0]] > counts[ranked[1]]:
        return ranked[0]
    return None


def _word_findings(
    word: str, start: int, text: str, context: list[dict[str, int]]
) -> list[Homoglyph]:
    letters = [(i, ch, script_of(ch)) for i, ch in enumerate(word)]
    present = sorted({s for _, _, s in letters if s in _MIXABLE}, key=_MIXABLE.index)
    if len(present) < _MIX or any(s is not None and s not in _MIXABLE for _, _, s in letters):
        return []
    counts = {s: sum(1 for _, _, t in letters if t == s) for s in present}
    repairable = [
        s
        for s in present
        if all(t == s or t is None or _twin(ch, s) is not None for _, ch, t in letters)
    ]
    target: str | None = None
    if len(repairable) == 1:
        target = repairable[0]
    elif repairable:
        if not context:
            context.append(_distinctive_counts(text))
        target = _strict_max(context[0], repairable) or _strict_max(counts, repairable)
    keep = target or _strict_max(counts, present) or present[0]
    return [
        Homoglyph(
            position=start + i,
            char=ch,
            script=script,
            replacement=_twin(ch, target) if target else None,
        )
        for i, ch, script in letters
        if script is not None and script != keep
    ]


def may_mix_scripts(text: str) -> bool:
    """Tell whether ``text`` may hold a mixed-script word (the cheap pre-check).

    ``False`` proves that :func:`find_homoglyphs` finds nothing in ``text``.

    >>> may_mix_scripts("Jan Kowalski, ТОВ Ромашка"), may_mix_scripts("Kоwalski")
    (False, True)
    """
    return not text.isascii() and _SCRIPTS_SIDE_BY_SIDE.search(text) is not None


def find_homoglyphs(text: str) -> tuple[Homoglyph, ...]:
    """Find the letters from another script inside mixed-script words.

    Args:
        text: Any text; positions in the result index into it.

    Returns:
        One :class:`Homoglyph` per foreign letter, in text order; empty when
        no word mixes Latin, Cyrillic or Greek letters.

    >>> find_homoglyphs("Jan Kоwalski")  # doctest: +NORMALIZE_WHITESPACE
    (Homoglyph(position=5, char='о', script='Cyrillic', replacement='o'),)
    >>> find_homoglyphs("Кyiв")  # Latin y in a Cyrillic word  # doctest: +NORMALIZE_WHITESPACE
    (Homoglyph(position=1, char='y', script='Latin', replacement='у'),
     Homoglyph(position=2, char='i', script='Latin', replacement='і'))
    """
    if not may_mix_scripts(text):
        return ()
    context: list[dict[str, int]] = []  # computed at most once, when needed
    found: list[Homoglyph] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if _SCRIPTS_SIDE_BY_SIDE.search(word) is None:
            continue  # a word in one script: nothing to find
        found.extend(_word_findings(word, match.start(), text, context))
    return tuple(found)


def repair_homoglyphs(text: str) -> str:
    """Replace the look-alike letters of mixed-script words by the word's script.

    Words genuinely in two scripts are left alone (see
    :func:`find_homoglyphs`, which reports them). The result is in NFC if the
    input was.

    >>> repair_homoglyphs("Jan Kоwalski, ТОВ «Рoмашка»")
    'Jan Kowalski, ТОВ «Ромашка»'
    """
    repairs = [h for h in find_homoglyphs(text) if h.replacement is not None]
    if not repairs:
        return text
    chars = list(text)
    for h in repairs:
        chars[h.position] = h.replacement or h.char
    repaired = "".join(chars)
    return unicodedata.normalize("NFC", repaired)

"""The transliteration engine: data tables in, ASCII out.

A scheme (``data/translit/<language>.json``) has ordered context ``rules``
(regular expressions on lowercase text, with ``{start}``, ``{end}``,
``{letter}`` and the scheme's own ``classes`` as placeholders) and one-letter
``letters``. Both are compiled into one case-insensitive pattern, so the text
is read once from left to right; the case of each match is carried over to
its output (``Щукин`` Shchukin, ``ЩУКИН`` SHCHUKIN).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final

import attrs

from crmcore._data import load_json

__all__ = [
    "CYRILLIC_LANGUAGES",
    "LANGUAGES",
    "alphabet",
    "detect_cyrillic",
    "fold_latin",
    "scheme",
    "strip_accents",
]

#: The Cyrillic languages with a scheme, in the order their tables complete
#: each other for letters a scheme lacks.
CYRILLIC_LANGUAGES: Final = ("ru", "uk", "bg", "sr", "mk")
#: Every language with a scheme.
LANGUAGES: Final = frozenset({*CYRILLIC_LANGUAGES, "el"})

_PLACEHOLDERS: Final = {
    # Not after a letter or an apostrophe: the apostrophe is inside a word.
    "start": r"(?<![^\W\d_]|')",
    "end": r"(?![^\W\d_])",
    "letter": r"[^\W\d_]",
}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")

# Accents that carry stress or breathing only: dropped before transliteration.
# The diaeresis (U+0308) stays: it keeps Greek vowels apart and makes ё and ї;
# so does the acute of the Macedonian letters ѓ and ќ.
_ACCENTS = re.compile("(?<![гкГК])[\u0300\u0301\u0313\u0314\u0342\u0345]")

_UKRAINIAN_ONLY: Final = frozenset("іїєґ")
_RUSSIAN_ONLY: Final = frozenset("ыэё")
_SERBIAN_ONLY: Final = frozenset("ђћ")
_MACEDONIAN_ONLY: Final = frozenset("ѓќѕ")
_SERBIAN_OR_MACEDONIAN: Final = frozenset("јљњџ")
_RUSSIAN_HARD_SIGN = re.compile("ъ(?=[еёюя])")


def _data(name: str) -> dict[str, object]:
    loaded: dict[str, object] = load_json("standardize", f"translit/{name}.json")
    return loaded


@functools.cache
def alphabet(language: str) -> frozenset[str]:
    """Return the lowercase letters of ``language``'s own table (no borrowed letters).

    >>> sorted(alphabet("uk") - alphabet("ru"))
    ['є', 'і', 'ї', 'ґ']
    """
    letters: dict[str, str] = _data(language)["letters"]  # type: ignore[assignment]
    return frozenset(letters)


@attrs.frozen
class Scheme:
    """One compiled transliteration scheme."""

    language: str
    standard: str
    pattern: re.Pattern[str]
    outputs: tuple[str, ...]  # output of each rule, by group number - 1
    letters: dict[str, str]

    def apply(self, text: str) -> str:
        """Transliterate the letters of this scheme's script in ``text``.

        A letter the table lacks but whose base letter it has (Cyrillic ӱ,
        Greek ᾶ) is written as its base letter.
        """
        return self.pattern.sub(self._replace, _to_base_letters(text, self.letters))

    def _replace(self, match: re.Match[str]) -> str:
        source = match.group()
        index = match.lastindex or 0
        out = self.outputs[index - 1] if index <= len(self.outputs) else ""
        if index > len(self.outputs):
            # casefold: the pattern ignores case, so µ (micro sign) matched μ.
            out = self.letters.get(source.casefold(), source)
        if not out or not source[0].isupper():
            return out
        text, start, end = match.string, match.start(), match.end()
        shouting = (len(source) > 1 and source[1].isupper()) or (
            (end < len(text) and text[end].isupper()) or (start > 0 and text[start - 1].isupper())
        )
        return out.upper() if shouting else out[0].upper() + out[1:]


_MARKED_LETTER = re.compile(r"[^\W\d_\x00-\u024f]")


def _to_base_letters(text: str, letters: dict[str, str]) -> str:
    def base(match: re.Match[str]) -> str:
        char = match.group()
        if char.lower() in letters:
            return char
        first = unicodedata.normalize("NFD", char)[0]
        return first if first.lower() in letters else char

    return _MARKED_LETTER.sub(base, text)


def _expand(pattern: str, classes: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: classes[m.group(1)], pattern)


@functools.cache
def scheme(language: str) -> Scheme:
    """Return the compiled scheme of ``language`` (one of :data:`LANGUAGES`)."""
    raw = _data(language)
    classes = {**_PLACEHOLDERS, **raw.get("classes", {})}  # type: ignore[dict-item]
    rules: list[dict[str, str]] = raw["rules"]  # type: ignore[assignment]
    letters: dict[str, str] = dict(raw["letters"])  # type: ignore[call-overload]
    if language in CYRILLIC_LANGUAGES:
        # Letters of the other Cyrillic languages, by the first table that has them.
        for other in CYRILLIC_LANGUAGES:
            for ch, out in _data(other)["letters"].items():  # type: ignore[attr-defined]
                letters.setdefault(ch, out)
    parts = [f"({_expand(rule['pattern'], classes)})" for rule in rules]
    parts.append("([" + "".join(sorted(letters)) + "])")
    return Scheme(
        language=language,
        standard=str(raw["standard"]),
        pattern=re.compile("|".join(parts), re.IGNORECASE),
        outputs=tuple(rule["out"] for rule in rules),
        letters=letters,
    )


def detect_cyrillic(text: str, default: str) -> str:
    """Return the Cyrillic language of ``text`` from its telling letters.

    і, ї, є, ґ tell Ukrainian; ы, э, ё and ъ before a soft vowel tell Russian;
    ъ elsewhere tells Bulgarian; ђ, ћ tell Serbian and ѓ, ќ, ѕ Macedonian (ј,
    љ, њ, џ alone: Serbian). With no telling letter, or a tie, ``default``.
    """
    lower = text.lower()
    hard_signs = lower.count("ъ")
    russian_hard = len(_RUSSIAN_HARD_SIGN.findall(lower))
    counts = {
        "uk": sum(1 for ch in lower if ch in _UKRAINIAN_ONLY),
        "ru": sum(1 for ch in lower if ch in _RUSSIAN_ONLY) + russian_hard,
        "bg": hard_signs - russian_hard,
        "sr": sum(1 for ch in lower if ch in _SERBIAN_ONLY),
        "mk": sum(1 for ch in lower if ch in _MACEDONIAN_ONLY),
    }
    if not counts["sr"] and not counts["mk"] and any(ch in _SERBIAN_OR_MACEDONIAN for ch in lower):
        counts["sr"] = 1
    best = max(counts.values())
    winners = [lang for lang, n in counts.items() if n == best]
    return winners[0] if best and len(winners) == 1 else default


def strip_accents(text: str) -> str:
    """Drop stress and breathing accents, keeping the diaeresis (NFC result)."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _ACCENTS.sub("", decomposed))


class _LatinFold(dict[int, str | int]):
    """A :meth:`str.translate` table folding Latin letters to ASCII, lazily."""

    def __init__(self, explicit: dict[str, str]) -> None:
        super().__init__({ord(k): v for k, v in explicit.items()})

    def __missing__(self, code: int) -> str | int:
        char = chr(code)
        value: str | int = code
        if unicodedata.name(char, "").startswith("LATIN"):
            base = unicodedata.normalize("NFD", char)[0]
            if base.isascii():
                value = base
        self[code] = value
        return value


@functools.cache
def _latin_fold() -> _LatinFold:
    return _LatinFold(_data("latin")["letters"])  # type: ignore[arg-type]


def fold_latin(text: str) -> str:
    """Fold Latin letters with diacritics to ASCII (ł l, ß ss, é e).

    Combining marks left over (after letters of other scripts) are kept.
    """
    if text.isascii():
        return text
    folded = text.translate(_latin_fold())
    # Marks that were combined with a now-ASCII letter in a non-NFC text.
    return re.sub(r"(?<=[A-Za-z])[\u0300-\u036f]+", "", folded)

"""Mojibake: text decoded with the wrong character encoding, found and repaired.

A file written in one encoding and read in another turns ``ТОВ`` into
``ŇÎÂ`` (Windows-1251 read as Windows-1250), ``Kraków`` into ``KrakÃ³w``
(UTF-8 read as Windows-1252), ``Αθήνα`` into ``ÁèÞíá`` (Windows-1253 read as
Windows-1252). Each misreading looked for (``data/mojibake.json``) is
undone by encoding the text as it was read and decoding it as it was
written, both strictly; a repair is taken only when it is clearly more
plausible than the text:

* none of the words it makes is *odd*: a symbol among letters (``Ã³``),
  letters of two scripts, accented letters no one alphabet holds (``Ň``,
  ``Î`` and ``Â`` in one word: the Latin alphabets are
  ``data/alphabets.json``, the Cyrillic ones the transliteration tables'),
  or a lowercase letter followed by capitals only (KOI8-R read as
  Windows-1251 swaps the case);
* and, for a misreading of a single-byte encoding, at least half of the
  words it changes were odd. UTF-8 needs no more: a strict decoding of
  text that was not UTF-8 almost never succeeds.

Real text in any of those alphabets is never odd, so it is never taken for
mojibake; a short word whose misreading happens to look like a word of one
language (``Àííà``) may go unnoticed. The quick test first (a regular
expression for the pairs of characters that misreadings make) keeps the cost
on clean text low.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from typing import Final

import attrs

from crmcore._data import load_json
from crmcore.errors import ValidationError
from crmcore.standardize._base import MAX_INPUT_LENGTH, N_
from crmcore.standardize._homoglyphs import script_of
from crmcore.standardize._text_clean import canonical_text
from crmcore.standardize._translit import CYRILLIC_LANGUAGES, alphabet

__all__ = [
    "CODE",
    "Mojibake",
    "check_mojibake",
    "check_read_again",
    "encoding_name",
    "find_mojibake",
    "mojibake_error",
]

#: The reason code of garbled text, whatever the field.
CODE: Final = "text.mojibake"

_LATIN: Final = "Latin"
_CYRILLIC: Final = "Cyrillic"
_REPAIRED_SCRIPTS: Final = frozenset({_LATIN, _CYRILLIC, "Greek"})
# Spaces are ASCII in every encoding looked for, so the words of a text and
# of its repair stand side by side.
_SPACES = re.compile(r"[\t\n\v\f\r ]+")
# Punctuation of real text, beyond ASCII, anywhere in a word (Знам’янка,
# Kowalska–Nowak).
_PUNCTUATION: Final = frozenset("‘’–—‐‑‒")
# Quotes and signs of real text, but never between two letters.
_SIGNS: Final = frozenset("«»„“”…′″€£§°№")
_VOWELS: Final = frozenset("aeiouyаеёиоуыэюяіїєαεηιουω")
_SHORT_WORD: Final = 4
_FEWEST_LETTERS: Final = 3
_CAPITALS_AFTER_LOWER: Final = 2


@attrs.frozen(kw_only=True)
class Mojibake:
    """Text that is almost certainly a wrong decoding, with its likely repair.

    Attributes:
        text: The text found garbled: as it was given, or cleaned.
        repaired: The text as it was most likely written.
        encoding: The encoding it was written in (a Python codec name, such
            as ``"utf-8"`` or ``"cp1251"``).
        read_as: The encoding it was wrongly decoded with (``"cp1252"``...).
        alternatives: Other repairs that read as well (another encoding
            may give other letters), most likely first; usually none.
    """

    text: str
    repaired: str
    encoding: str
    read_as: str
    alternatives: tuple[str, ...] = ()


@attrs.frozen
class _Reading:
    encoding: str
    read_as: str


@functools.cache
def _readings() -> tuple[_Reading, ...]:
    table = load_json("standardize", "mojibake.json")
    return tuple(_Reading(r["encoding"], r["read_as"]) for r in table["readings"])


def encoding_name(codec: str) -> str:
    """Return the name people know an encoding by (``"cp1251"`` -> ``"Windows-1251"``).

    >>> encoding_name("cp1251"), encoding_name("utf-8")
    ('Windows-1251', 'UTF-8')
    """
    names: dict[str, str] = load_json("standardize", "mojibake.json")["names"]
    return names.get(codec, codec)


@functools.cache
def _latin_alphabets() -> tuple[frozenset[str], ...]:
    table: dict[str, str] = load_json("standardize", "alphabets.json")["Latin"]
    return tuple(frozenset(letters) for letters in table.values())


@functools.cache
def _cyrillic_alphabets() -> tuple[frozenset[str], ...]:
    others: dict[str, str] = load_json("standardize", "alphabets.json")["Cyrillic"]
    return (
        *(alphabet(language) for language in CYRILLIC_LANGUAGES),
        *(frozenset(letters) for letters in others.values()),
    )


def _decoded(codec: str, codes: range) -> str:
    """Return the characters ``codec`` decodes the single bytes ``codes`` to."""
    chars = []
    for code in codes:
        try:
            chars.append(bytes([code]).decode(codec))
        except UnicodeDecodeError:
            continue
    return "".join(chars)


def _char_class(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


def _gate(reading: _Reading) -> tuple[str, str]:
    """Return the pattern of a pair of characters that ``reading`` makes, and its first characters.

    UTF-8 read as a single-byte encoding: a lead byte's character followed
    by a continuation byte's. A single-byte encoding read as another of
    another script: two characters of letters side by side. Two encodings
    of one script (KOI8-R, Windows-1251): a lowercase letter before
    capitals, as the case is swapped, or a sign that a letter became
    (KOI8-U і read as Windows-1251 is ¶). Character classes only, without
    nested quantifiers.
    """
    if reading.encoding == "utf-8":
        lead = _decoded(reading.read_as, range(0xC2, 0xF5))
        follow = _decoded(reading.read_as, range(0x80, 0xC0))
        return _char_class(lead) + _char_class(follow), lead
    letters = [
        (written, read)
        for code in range(0x80, 0x100)
        if (written := _decoded(reading.encoding, range(code, code + 1))).isalpha()
        and (read := _decoded(reading.read_as, range(code, code + 1)))
    ]
    if all(script_of(w) == script_of(r) for w, r in letters if r.isalpha()):
        lower = "".join(r for _, r in letters if r.islower())
        upper = "".join(r for _, r in letters if r.isupper())
        swapped = _char_class(lower) + _char_class(upper) * _CAPITALS_AFTER_LOWER
        signs = "".join(r for _, r in letters if not r.isalpha())
        if signs:
            return f"{swapped}|{_char_class(signs)}", lower + signs
        return swapped, lower
    read = "".join(r for _, r in letters)
    return _char_class(read) * 2, read


@functools.cache
def _gates() -> tuple[re.Pattern[str], tuple[tuple[_Reading, re.Pattern[str]], ...]]:
    """Return the quick test of any misreading, and each reading's own."""
    gates = {reading: _gate(reading) for reading in _readings()}
    own = tuple((reading, re.compile(gate)) for reading, (gate, _) in gates.items())
    # Every pair starts with a character of one of the classes: a lookahead
    # for their union lets the engine skip the other characters at C speed.
    firsts = _char_class("".join(first for _, first in gates.values()))
    alternatives = "|".join(dict.fromkeys(gate for gate, _ in gates.values()))
    either = re.compile(f"(?={firsts})(?:{alternatives})")
    return either, own


@functools.lru_cache(maxsize=8192)
def find_mojibake(text: str) -> Mojibake | None:
    """Return the misreading ``text`` almost certainly is, or ``None``.

    ``text`` is a string of any length (the public function checks it). The
    text as given is looked at, then its cleaned form
    (:func:`~crmcore.standardize._text_clean.canonical_text`, which may
    repair homoglyphs), so that what the standardisers would keep is never
    garbled either.

    >>> find_mojibake("ŇÎÂ «Đîěŕřęŕ»").repaired
    'ТОВ «Ромашка»'
    >>> find_mojibake("Łódź, Źdźbło, Ćwierć") is None
    True
    """
    if text.isascii():
        return None
    found = _misreading(text)
    if found is None:
        cleaned = canonical_text(text)
        if cleaned != text:
            found = _misreading(cleaned)
    return found


def _misreading(text: str) -> Mojibake | None:
    """Do the work of :func:`find_mojibake` on one text."""
    either, gates = _gates()
    if either.search(text) is None:
        return None
    words: list[str] = []
    odd_words = False
    found: list[tuple[tuple[int, float], int, str, _Reading]] = []
    for order, (reading, gate) in enumerate(gates):
        if gate.search(text) is None:
            continue
        try:
            repaired = text.encode(reading.read_as).decode(reading.encoding)
        except UnicodeError:
            continue
        if repaired == text:
            continue
        if not words:
            words = _SPACES.split(text)
            odd_words = any(_oddness(word) for word in words if not word.isascii())
        # UTF-8 tells a misreading by its own structure: a strict decoding
        # of text that was not UTF-8 almost never succeeds. A single-byte
        # misreading has to be told by the odd words it makes.
        structural = reading.encoding == "utf-8"
        if not (structural or odd_words):
            continue
        rank = _better(words, _SPACES.split(repaired), structural=structural)
        if rank is not None:
            found.append((rank, order, repaired, reading))
    if not found:
        return None
    found.sort(key=lambda item: item[:2])
    _, _, repaired, reading = found[0]
    others = tuple(dict.fromkeys(r for _, _, r, _ in found[1:] if r != repaired))
    return Mojibake(
        text=text,
        repaired=repaired,
        encoding=reading.encoding,
        read_as=reading.read_as,
        alternatives=others,
    )


def mojibake_error(raw: object, *, field: str) -> ValidationError | None:
    """Return the ``text.mojibake`` error of ``raw`` about ``field``, or ``None``.

    Only text the standardisers take (a string of up to
    :data:`~crmcore.standardize._base.MAX_INPUT_LENGTH` characters) is
    looked at. The hint names the encodings and carries the repair (also
    in its ``params``: ``encoding``, ``read_as``, ``repaired``).

    >>> error = mojibake_error("Ęčżâ", field="city")
    >>> error.code, error.hint.params["repaired"]
    ('text.mojibake', 'Київ')
    >>> print(error.hint)
    text written in Windows-1251 and read as Windows-1250; it probably reads: Київ
    """
    if type(raw) is not str or raw.isascii() or len(raw) > MAX_INPUT_LENGTH:
        return None
    found = find_mojibake(raw)
    if found is None:
        return None
    return ValidationError(
        N_("the text is garbled: it was decoded with the wrong character encoding"),
        code=CODE,
        field=field,
        value=raw,
        hint=N_(
            "text written in {encoding} and read as {read_as}; it probably reads: {repaired}",
            encoding=encoding_name(found.encoding),
            read_as=encoding_name(found.read_as),
            repaired=found.repaired,
        ),
    )


def check_mojibake(raw: object, *, field: str) -> None:
    """Raise the ``text.mojibake`` error of ``raw`` (see :func:`mojibake_error`), if any."""
    error = mojibake_error(raw, field=field)
    if error is not None:
        raise error


def check_read_again(canonical: str, *, given: object, field: str) -> None:
    """Refuse ``given`` as garbled if ``canonical``, the text it was made into, reads as garbled.

    Re-casing can make text that no misreading produces look like text that
    one does (``¹ÀÀÒ``, whose capitals are no Windows-1253, becomes
    ``¹ààò``, which is): a value's canonical text must pass the check its
    input passed, or the value could not be read again.
    """
    if canonical.isascii():
        return
    error = mojibake_error(canonical, field=field)
    if error is not None:
        error.value = given
        raise error


def _better(words: list[str], repaired: list[str], *, structural: bool) -> tuple[int, float] | None:
    """Return the rank of a repair clearly better than the text, else ``None``.

    None of the changed words may become odd, and they must hold three
    different letters beyond ASCII (one for a ``structural`` repair, from
    UTF-8, if a changed word was odd: ``KrakÃ³w``), all of the Latin, Cyrillic or Greek script; a
    single-byte repair must also change words that were odd, at least half
    of them. The rank (lower is more plausible: capitals inside words, then
    fewer vowels) orders the repairs found.
    """
    if len(words) != len(repaired):
        return None
    changed = [(old, new) for old, new in zip(words, repaired, strict=True) if old != new]
    new_letters = [c for _, new in changed for c in new if c.isalpha()]
    distinct = len({c.casefold() for c in new_letters if not c.isascii()})
    if distinct < (1 if structural else _FEWEST_LETTERS) or any(
        script_of(c) not in _REPAIRED_SCRIPTS for c in new_letters if not c.isascii()
    ):
        # Too little to tell a misreading from junk (¸¸ would be ёё), or
        # letters of a script the misreadings looked for never make.
        return None
    odd = 0
    capitals = 0
    for old, new in changed:
        oddness, new_oddness = _oddness(old), _oddness(new)
        if new_oddness:
            # A repair makes no odd word, not even one odd only by its
            # swapped case (ыААМ): that is a misreading of its own, and the
            # repair could not be read again. (Capitals inside a word that
            # starts with one, ПрАТ or ТзОВ, are no oddness.)
            return None
        if oddness == _ODD_CASE and _capital_inside(new):
            return None
        odd += oddness > 0
        capitals += sum(1 for a, b in itertools.pairwise(new) if a.islower() and b.isupper())
    # A single-byte misreading must repair odd words, at least half of those
    # it changes; one from UTF-8 of a letter or two, out of plausible words
    # of letters only (ГЄ would be ê), is a real word as often as not.
    unproven = (
        not (odd and 2 * odd >= len(changed))
        if not structural
        else distinct < _FEWEST_LETTERS and not odd and all(o.isalpha() for o, _ in changed)
    )
    if unproven:
        return None
    bases = [unicodedata.normalize("NFD", c)[0].casefold() for c in new_letters]
    vowels = sum(1 for base in bases if base in _VOWELS) / len(bases)
    return capitals, -vowels


_ODD_CASE: Final = 1
_ODD: Final = 2


def _capital_inside(word: str) -> bool:
    return any(a.islower() and b.isupper() for a, b in itertools.pairwise(word))


@functools.lru_cache(maxsize=8192)
def _oddness(word: str) -> int:
    """Tell whether a word (text between spaces) is unlike any real word.

    ``0`` for a plausible word, :data:`_ODD_CASE` for one whose only oddity
    is its swapped case (:func:`_case_swapped`), :data:`_ODD` for any other.
    """
    word = unicodedata.normalize("NFC", word)
    if any(_odd_char(word, index) for index in range(len(word))):
        return _ODD
    letters = [c for c in word if c.isalpha() and unicodedata.category(c) != "Lm"]
    if _odd_letters(letters):
        return _ODD
    return _ODD_CASE if _case_swapped(word) else 0


def _odd_char(word: str, index: int) -> bool:
    """Tell whether the character at ``index`` is no letter, digit or sign of real text there."""
    char = word[index]
    if char.isalpha() or char.isascii() or char.isspace() or char in _PUNCTUATION:
        return False
    if unicodedata.category(char) in {"Nd", "Mn", "Lm"}:
        return False
    return char not in _SIGNS or _between_letters(word, index)


def _odd_letters(letters: list[str]) -> bool:
    """Tell whether letters are of two scripts, or of no one alphabet of their script."""
    scripts = {_LATIN if c.isascii() else script_of(c) for c in letters}
    if len(scripts) > 1:
        return True
    # The lowercase of the Turkish İ is an i with a combining dot.
    accented = {low for c in letters if not c.isascii() for low in c.lower()} - {"i", "\u0307"}
    if not accented:
        return False
    script = scripts.pop()
    if script == _LATIN:
        return not any(accented <= known for known in _latin_alphabets())
    if script == _CYRILLIC:
        return not any(accented <= known for known in _cyrillic_alphabets())
    return False


def _case_swapped(word: str) -> bool:
    """Tell whether a word's letters are a lowercase letter and then capitals only.

    That is a capitalised word whose case was swapped (йЧБОПЧ for Иванов,
    KOI8-R read as Windows-1251); abbreviations such as ПрАТ or ТзОВ
    start with a capital.
    """
    letters = [char for char in word if char.isalpha()]
    return (
        len(letters) >= _SHORT_WORD
        and letters[0].islower()
        and all(char.isupper() for char in letters[1:])
    )


def _between_letters(word: str, index: int) -> bool:
    return 0 < index < len(word) - 1 and word[index - 1].isalpha() and word[index + 1].isalpha()

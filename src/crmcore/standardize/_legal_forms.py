"""The table of legal forms and trade descriptors, and finding them in a name.

The table is package data (``data/legal_forms.json``), loaded once. Each written
form is reduced to a *key* (case, dots, spaces and diacritics dropped), so that
``Sp. z o.o.``, ``SP.Z O.O``, ``spzoo`` and ``Sp.z.o.o`` are one key.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING, Any, Literal

import attrs

from crmcore._data import load_json
from crmcore.standardize._quotes import QUOTES

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "ENDS_FORM",
    "STARTS_DESCRIPTOR",
    "STARTS_FORM",
    "STARTS_WRITTEN",
    "Descriptor",
    "LegalForm",
    "Match",
    "Word",
    "descriptor_for_key",
    "descriptors",
    "examples",
    "find_descriptor",
    "find_forms",
    "form_key",
    "forms",
    "may_be_written_form",
    "quotes_for",
    "word",
]

Position = Literal["prefix", "suffix"]

_FOLD = str.maketrans({"ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ß": "ss"})
#: Characters that end a word before or after a legal form.
_SEPARATORS = frozenset(" ,;")
_WORD = re.compile(r"[^ ,;]+")
_NOT_KEY = re.compile(r"[\W_]+")


@attrs.frozen(kw_only=True)
class LegalForm:
    """One legal form of one country, as listed in the table.

    Attributes:
        country: ISO 3166-1 alpha-2 code of the country whose law defines the form.
        abbreviation: The canonical abbreviation, e.g. ``"sp. z o.o."``, ``"ТОВ"``.
        name: The full name in the local language.
        name_en: The name in English.
        elf_code: The ISO 20275 ELF code, or ``None`` where the list has none.
        position: Where the form is written in the canonical text.
        quote_core: Whether the name is quoted after a prefixed form (``ТОВ «…»``).
        variants: Further written forms recognised in input.
        note: A remark on the ELF code, if any.
        detect: The ends of a name where the form is looked for (``IĮ`` only
            at the start: at the end it would be read in ``Fund II``).
        sole_trader: Whether the form is that of a person trading in their
            own name (``ИП``, ``ФОП``, ``e.K.``): what it goes with is a
            person's name, initials included (``ИП Соколов А.О.``).
    """

    country: str
    abbreviation: str
    name: str
    name_en: str
    elf_code: str | None
    position: Position
    quote_core: bool
    variants: tuple[str, ...]
    note: str | None = None
    detect: tuple[Position, ...] = ("prefix", "suffix")
    sole_trader: bool = False


@attrs.frozen(kw_only=True)
class Descriptor:
    """A trade descriptor such as ``PPHU``: part of a trading name, not a legal form.

    Attributes:
        country: The country where the descriptor is used.
        abbreviation: The canonical abbreviation, e.g. ``"PPHU"``.
        name: The words it abbreviates.
        variants: Further written forms recognised in input.
    """

    country: str
    abbreviation: str
    name: str
    variants: tuple[str, ...]


@attrs.frozen
class Match:
    """A legal form found at one end of a text."""

    candidates: tuple[LegalForm, ...]
    at: Position
    rest: str
    key_length: int


@functools.lru_cache(maxsize=8192)
def form_key(text: str) -> str:
    """Reduce a written form to its key: letters and digits, no case, no diacritics.

    >>> form_key("Sp. z o.o."), form_key("SPÓŁKA Z O.O."), form_key("Α.Ε.")
    ('spzoo', 'spolkazoo', 'αε')
    """
    # Combining marks and punctuation are no word characters: one pass drops both.
    return _NOT_KEY.sub("", unicodedata.normalize("NFKD", text.translate(_FOLD)).casefold())


@functools.cache
def _table() -> dict[str, Any]:
    data: dict[str, Any] = load_json("standardize", "legal_forms.json")
    return data


@functools.cache
def forms() -> tuple[LegalForm, ...]:
    """Return every legal form of the table, in table order."""
    result = []
    for row in _table()["forms"]:
        position = row["position"]
        detect = row.get("detect", "both")
        result.append(
            LegalForm(
                country=row["country"],
                abbreviation=row["abbreviation"],
                name=row["name"],
                name_en=row["name_en"],
                elf_code=row["elf_code"],
                position=position,
                quote_core=row.get("quote_core", position == "prefix"),
                variants=tuple(row["variants"]),
                note=row.get("note"),
                detect=("prefix", "suffix") if detect == "both" else (detect,),
                sole_trader=row.get("sole_trader", False),
            )
        )
    return tuple(result)


@functools.cache
def descriptors() -> tuple[Descriptor, ...]:
    """Return every trade descriptor of the table, in table order."""
    return tuple(
        Descriptor(
            country=row["country"],
            abbreviation=row["abbreviation"],
            name=row["name"],
            variants=tuple(row["variants"]),
        )
        for row in _table()["descriptors"]
    )


def examples() -> dict[str, str]:
    """Return a well-formed company name per country, for hints."""
    result: dict[str, str] = _table()["examples"]
    return result


@functools.cache
def quotes_for(country: str | None) -> tuple[str, str]:
    """Return the quotation marks a country puts around a company name."""
    quotes: dict[str, list[str]] = _table()["quotes"]
    pair = quotes.get(country or "", ["«", "»"])
    return pair[0], pair[1]


@attrs.frozen
class _Keys:
    """The written forms of one kind, by key, with every stem of those keys.

    A *stem* is the start (for a search from the start of a name) or the end
    (from the end) of a key, the empty string included. The key of a run of
    words is the keys of its words put together, so a run whose key is no
    stem can grow into no key: the search stops at the first word that leaves
    the stems (a name rarely gets past its first word).
    """

    found: dict[str, Any]  # key -> what it is the key of
    stems: frozenset[str]


def _keys(found: dict[str, Any], *, from_end: bool) -> _Keys:
    stems = {k[i:] if from_end else k[:i] for k in found for i in range(len(k) + 1)}
    return _Keys(found=found, stems=frozenset(stems))


@functools.cache
def _form_index() -> dict[Position, _Keys]:
    index: dict[Position, dict[str, list[LegalForm]]] = {"prefix": {}, "suffix": {}}
    for form in forms():
        keys = {form_key(w) for w in (form.abbreviation, form.name, *form.variants)}
        for end in form.detect:
            for key in sorted(keys):
                index[end].setdefault(key, []).append(form)
    return {
        end: _keys({k: tuple(v) for k, v in keys.items()}, from_end=end == "suffix")
        for end, keys in index.items()
    }


@functools.cache
def _descriptor_index() -> _Keys:
    index: dict[str, Descriptor] = {}
    for descriptor in descriptors():
        for written in (descriptor.abbreviation, descriptor.name, *descriptor.variants):
            index.setdefault(form_key(written), descriptor)
    return _keys(index, from_end=False)


@functools.cache
def _whole_stems() -> frozenset[str]:
    """Every start of the key of a written form or descriptor, in any position."""
    written = [w for f in forms() for w in (f.abbreviation, f.name, *f.variants)]
    written += [w for d in descriptors() for w in (d.abbreviation, d.name, *d.variants)]
    return _keys(dict.fromkeys(form_key(w) for w in written), from_end=False).stems


def may_be_written_form(text: str) -> bool:
    """Tell whether ``text`` may be, in whole, a written legal form or descriptor.

    ``False`` proves that :func:`form_key` of ``text`` is the key of no form
    and no descriptor: the key of its first word (up to a space, a character
    that adds nothing to a key and cannot join with its neighbours) starts
    no such key.

    >>> may_be_written_form("Sp. z o.o."), may_be_written_form("Kowalski sp. z o.o.")
    (True, False)
    """
    return form_key(text.split(" ", 1)[0]) in _whole_stems()


@functools.cache
def _limits() -> tuple[int, int]:
    """Return (most words, most characters) of any written form, with slack."""
    written = [w for f in forms() for w in (f.abbreviation, f.name, *f.variants)]
    written += [w for d in descriptors() for w in (d.abbreviation, d.name, *d.variants)]
    words = max(len(w.split()) for w in written)
    chars = max(len(w) for w in written)
    # Slack for extra spaces and dots in input ("s p. z o. o.").
    return words + 4, 2 * chars


def _words_from_start(text: str) -> Iterator[tuple[int, str]]:
    """Yield the start and the text of each word: runs of all but space, comma, semicolon."""
    for match in _WORD.finditer(text):
        yield match.start(), match.group()


def _words_from_end(text: str) -> Iterator[tuple[int, str]]:
    """Yield the words of :func:`_words_from_start`, the last first."""
    for match in reversed(list(_WORD.finditer(text))):
        yield match.start(), match.group()


#: What the key of a word may start or end, as :func:`word` tells (bit flags).
STARTS_FORM = 1
ENDS_FORM = 2
STARTS_DESCRIPTOR = 4
STARTS_WRITTEN = 8

#: What :func:`word` tells of a word.
Word = tuple[str, bool, bool, bool, int]


@functools.lru_cache(maxsize=4096)
def word(text: str) -> Word:
    """Return what the searches ask of a word (a token, so a small key space).

    That is its key, whether it has no quotation mark, whether a form may
    start with it (a letter or digit), whether a form may end with it (a
    letter, digit, dot or bracket), and which stems its key is, as the flags
    :data:`STARTS_FORM` (a start of the key of a form found at the start of
    a name), :data:`ENDS_FORM` (an end of the key of a form found at the
    end), :data:`STARTS_DESCRIPTOR` and :data:`STARTS_WRITTEN` (a start of
    the key of any form or descriptor).

    >>> key, unquoted, can_start, can_end, stems = word("Sp.")
    >>> key, unquoted, can_start, can_end, bool(stems & STARTS_FORM)
    ('sp', True, True, True, True)
    """
    key = form_key(text)
    index = _form_index()
    stems = (
        (STARTS_FORM if key in index["prefix"].stems else 0)
        | (ENDS_FORM if key in index["suffix"].stems else 0)
        | (STARTS_DESCRIPTOR if key in _descriptor_index().stems else 0)
        | (STARTS_WRITTEN if key in _whole_stems() else 0)
    )
    return (
        key,
        QUOTES.isdisjoint(text),
        text[0].isalnum(),
        text[-1].isalnum() or text[-1] in ".)",
        stems,
    )


def _from_start(text: str, keys: _Keys) -> tuple[Any, int, int] | None:
    """Find the longest written form at the start of ``text``, not all of it.

    Returns what its key is the key of, where it ends and the length of its
    key. A form starts with a letter or digit, ends with one or with a dot
    or bracket, has no quotation marks and fits in the first words and
    characters of :func:`_limits` (a word cut by the character limit is not
    read).
    """
    if not text[:1].isalnum():
        return None
    if "," in text or ";" in text:
        return _from_start_of_words(_words_from_start(text), len(text), keys)
    # No comma or semicolon: the words are what spaces leave, read straight
    # from one split (an empty string where two spaces meet is no word).
    words = text.split(" ")
    stems = keys.stems
    if word(words[0])[0] not in stems:
        return None  # the first word is no start of a key: what the loop finds at once
    most_words, most_chars = _limits()
    size = len(text)
    found = None
    key = ""
    count = 0
    end = -1
    for token in words:
        end += len(token) + 1
        if not token:
            continue
        word_key, unquoted, _, can_end, _ = word(token)
        if end > most_chars or count == most_words or not unquoted:
            break  # ... and no longer run of words can be a form either
        key += word_key
        if key not in stems:
            break
        if can_end and key and end != size and key in keys.found:
            found = (keys.found[key], end, len(key))
        count += 1
    return found


def _from_start_of_words(
    words: Iterator[tuple[int, str]], size: int, keys: _Keys
) -> tuple[Any, int, int] | None:
    """Do the work of :func:`_from_start` on the words (and their starts) of a text."""
    most_words, most_chars = _limits()
    found = None
    key = ""
    for count, (start, token) in enumerate(words):
        end = start + len(token)
        word_key, unquoted, _, can_end, _ = word(token)
        if end > most_chars or count == most_words or not unquoted:
            break
        key += word_key
        if key not in keys.stems:
            break
        if can_end and key and end != size and key in keys.found:
            found = (keys.found[key], end, len(key))
    return found


def _from_end(text: str, keys: _Keys) -> tuple[Any, int, int] | None:
    """Find the longest written form at the end of ``text``, not all of it.

    As :func:`_from_start`, from the end: the form starts where the returned
    offset says, in the last words and characters of :func:`_limits`.
    """
    if not text[-1:].isalnum() and text[-1:] not in {".", ")"}:
        return None
    if "," in text or ";" in text:
        return _from_end_of_words(_words_from_end(text), len(text), keys)
    words = text.split(" ")  # as in _from_start
    stems = keys.stems
    if word(words[-1])[0] not in stems:
        return None  # the last word is no end of a key: what the loop finds at once
    most_words, most_chars = _limits()
    first = len(text) - most_chars
    found = None
    key = ""
    count = 0
    start = len(text) + 1
    for token in reversed(words):
        start -= len(token) + 1
        if not token:
            continue
        word_key, unquoted, can_start, _, _ = word(token)
        if start < first or count == most_words or not unquoted:
            break
        key = word_key + key
        if key not in stems:
            break
        if can_start and key and start != 0 and key in keys.found:
            found = (keys.found[key], start, len(key))
        count += 1
    return found


def _from_end_of_words(
    words: Iterator[tuple[int, str]], size: int, keys: _Keys
) -> tuple[Any, int, int] | None:
    """Do the work of :func:`_from_end` on the words (and their starts) of a text, last first."""
    most_words, most_chars = _limits()
    first = size - most_chars
    found = None
    key = ""
    for count, (start, token) in enumerate(words):
        word_key, unquoted, can_start, _, _ = word(token)
        if start < first or count == most_words or not unquoted:
            break
        key = word_key + key
        if key not in keys.stems:
            break
        if can_start and key and start != 0 and key in keys.found:
            found = (keys.found[key], start, len(key))
    return found


def find_forms(text: str) -> list[Match]:
    """Find the longest legal form at the start and at the end of ``text``.

    A form inside quotation marks is part of the name and is not found. The
    rest of the text (without the form) comes with each match: the suffix
    match first, then the prefix match.

    >>> [(m.at, m.rest, m.candidates[0].abbreviation) for m in find_forms("ТОВ Ромашка")]
    [('prefix', ' Ромашка', 'ТОВ')]
    """
    index = _form_index()
    matches: list[Match] = []
    suffix = _from_end(text, index["suffix"])
    if suffix is not None:
        candidates, start, length = suffix
        matches.append(Match(candidates, "suffix", text[:start], length))
    prefix = _from_start(text, index["prefix"])
    if prefix is not None:
        candidates, end, length = prefix
        matches.append(Match(candidates, "prefix", text[end:], length))
    return matches


def descriptor_for_key(key: str) -> Descriptor | None:
    """Return the descriptor written with ``key`` (see :func:`form_key`), if any."""
    found: Descriptor | None = _descriptor_index().found.get(key)
    return found


def find_descriptor(text: str) -> tuple[Descriptor, str] | None:
    """Find a trade descriptor at the start of ``text``; return it and the rest.

    >>> descriptor, rest = find_descriptor("P.P.H.U. Kowalski")
    >>> descriptor.abbreviation, rest
    ('PPHU', ' Kowalski')
    """
    found = _from_start(text, _descriptor_index())
    if found is None:
        return None
    descriptor, end, _ = found
    return descriptor, text[end:]

"""The table of legal forms and trade descriptors, and finding them in a name.

The table is package data (``data/legal_forms.json``), loaded once. Each written
form is reduced to a *key* (case, dots, spaces and diacritics dropped), so that
``Sp. z o.o.``, ``SP.Z O.O``, ``spzoo`` and ``Sp.z.o.o`` are one key.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from importlib import resources
from typing import Any, Literal

import attrs

from crmcore.standardize._quotes import QUOTES

__all__ = [
    "Descriptor",
    "LegalForm",
    "Match",
    "descriptor_for_key",
    "descriptors",
    "examples",
    "find_descriptor",
    "find_forms",
    "form_key",
    "forms",
    "quotes_for",
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
    source = resources.files("crmcore.standardize") / "data" / "legal_forms.json"
    data: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
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


@functools.cache
def _form_index() -> dict[Position, dict[str, tuple[LegalForm, ...]]]:
    index: dict[Position, dict[str, list[LegalForm]]] = {"prefix": {}, "suffix": {}}
    for form in forms():
        keys = {form_key(w) for w in (form.abbreviation, form.name, *form.variants)}
        for end in form.detect:
            for key in sorted(keys):
                index[end].setdefault(key, []).append(form)
    return {end: {k: tuple(v) for k, v in keys.items()} for end, keys in index.items()}


@functools.cache
def _descriptor_index() -> dict[str, Descriptor]:
    index: dict[str, Descriptor] = {}
    for descriptor in descriptors():
        for written in (descriptor.abbreviation, descriptor.name, *descriptor.variants):
            index.setdefault(form_key(written), descriptor)
    return index


@functools.cache
def _limits() -> tuple[int, int]:
    """Return (most words, most characters) of any written form, with slack."""
    written = [w for f in forms() for w in (f.abbreviation, f.name, *f.variants)]
    written += [w for d in descriptors() for w in (d.abbreviation, d.name, *d.variants)]
    words = max(len(w.split()) for w in written)
    chars = max(len(w) for w in written)
    # Slack for extra spaces and dots in input ("s p. z o. o.").
    return words + 4, 2 * chars


def _suffix_starts(text: str) -> list[int]:
    """Start offsets of the last few words of ``text``, nearest the end first."""
    most_words, most_chars = _limits()
    offset = max(0, len(text) - most_chars)
    starts = [m.start() for m in _WORD.finditer(text, offset)]
    if offset and starts and starts[0] == offset and text[offset - 1] not in _SEPARATORS:
        starts = starts[1:]  # cut in the middle of a word
    return starts[::-1][:most_words]


def _prefix_ends(text: str) -> list[int]:
    """End offsets of the first few words of ``text``."""
    most_words, most_chars = _limits()
    ends = []
    for match in _WORD.finditer(text, 0, most_chars):
        end = match.end()
        if end == most_chars < len(text) and text[end] not in _SEPARATORS:
            break  # cut in the middle of a word
        ends.append(end)
        if len(ends) == most_words:
            break
    return ends


def _clean_candidate(candidate: str) -> str | None:
    """Return the key of a candidate form: a run of words from a letter to a letter or dot."""
    if not (candidate[0].isalnum() and (candidate[-1].isalnum() or candidate[-1] in ".)")):
        return None
    if not QUOTES.isdisjoint(candidate):
        return None
    key = form_key(candidate)
    return key or None


def find_forms(text: str) -> list[Match]:
    """Find the longest legal form at the start and at the end of ``text``.

    A form inside quotation marks is part of the name and is not found. The
    rest of the text (without the form) comes with each match.
    """
    index = _form_index()
    matches: list[Match] = []
    for start in _suffix_starts(text):
        if start == 0:
            continue
        key = _clean_candidate(text[start:])
        if key and key in index["suffix"]:
            best = Match(index["suffix"][key], "suffix", text[:start], len(key))
            if not matches or best.key_length >= matches[-1].key_length:
                matches[-1:] = [best]
    suffix = matches[:1]
    prefix: list[Match] = []
    for end in _prefix_ends(text):
        if end == len(text):
            continue
        key = _clean_candidate(text[:end])
        if key and key in index["prefix"]:
            prefix = [Match(index["prefix"][key], "prefix", text[end:], len(key))]
    return suffix + prefix


def descriptor_for_key(key: str) -> Descriptor | None:
    """Return the descriptor written with ``key`` (see :func:`form_key`), if any."""
    return _descriptor_index().get(key)


def find_descriptor(text: str) -> tuple[Descriptor, str] | None:
    """Find a trade descriptor at the start of ``text``; return it and the rest."""
    index = _descriptor_index()
    found = None
    for end in _prefix_ends(text):
        if end == len(text):
            continue
        key = _clean_candidate(text[:end])
        if key and key in index:
            found = (index[key], text[end:])
    return found

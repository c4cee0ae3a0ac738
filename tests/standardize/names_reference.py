"""The plain, general algorithms that the fast ones of names and text must equal.

These are the searches for legal forms and descriptors as first written:
every candidate run of words at each end of a name is keyed and looked up,
with no index of stems to stop early. The tests compare the library's
searches with them on generated names.
"""

from __future__ import annotations

import functools
import re

from crmcore.standardize._legal_forms import (
    Descriptor,
    LegalForm,
    Match,
    Position,
    _limits,
    descriptors,
    form_key,
    forms,
)
from crmcore.standardize._quotes import QUOTES

_SEPARATORS = frozenset(" ,;")
_WORD = re.compile(r"[^ ,;]+")


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


def _suffix_starts(text: str) -> list[int]:
    most_words, most_chars = _limits()
    offset = max(0, len(text) - most_chars)
    starts = [m.start() for m in _WORD.finditer(text, offset)]
    if offset and starts and starts[0] == offset and text[offset - 1] not in _SEPARATORS:
        starts = starts[1:]
    return starts[::-1][:most_words]


def _prefix_ends(text: str) -> list[int]:
    most_words, most_chars = _limits()
    ends = []
    for match in _WORD.finditer(text, 0, most_chars):
        end = match.end()
        if end == most_chars < len(text) and text[end] not in _SEPARATORS:
            break
        ends.append(end)
        if len(ends) == most_words:
            break
    return ends


def _clean_candidate(candidate: str) -> str | None:
    if not (candidate[0].isalnum() and (candidate[-1].isalnum() or candidate[-1] in ".)")):
        return None
    if not QUOTES.isdisjoint(candidate):
        return None
    return form_key(candidate) or None


def find_forms(text: str) -> list[Match]:
    """Find the longest legal form at the start and at the end of ``text``."""
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


def is_written_form(text: str) -> bool:
    """Tell whether the key of the whole of ``text`` is that of a form or descriptor."""
    written = [w for f in forms() for w in (f.abbreviation, f.name, *f.variants)]
    written += [w for d in descriptors() for w in (d.abbreviation, d.name, *d.variants)]
    return form_key(text) in {form_key(w) for w in written}

"""Legal forms and descriptors found in a name split into words once.

The searches of :mod:`crmcore.standardize._legal_forms` take a text and
split it each time. These take what :func:`~._legal_forms.word` tells of
each word of a text split once at single spaces, and a run ``lo:hi`` of
them, so one split serves every search of a name and its parts. They give
what the text searches give on ``" ".join(words[lo:hi])`` when that text has
no comma or semicolon (nothing but spaces separates words) and fits the
limits of :func:`~._legal_forms._limits` (no more words or characters than a
written form may have), which :func:`fits` tells: the limits then never cut
a search short.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crmcore.standardize._legal_forms import (
    ENDS_FORM,
    STARTS_DESCRIPTOR,
    STARTS_FORM,
    STARTS_WRITTEN,
    _descriptor_index,
    _form_index,
    _Keys,
    _limits,
    _whole_stems,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from crmcore.standardize._legal_forms import Descriptor, LegalForm, Word

__all__ = ["descriptor_at_start", "fits", "form_at_end", "form_at_start", "written_key"]


def fits(text: str, count: int) -> bool:
    """Tell whether a text of ``count`` words fits the limits of the searches."""
    most_words, most_chars = _limits()
    return count <= most_words and len(text) <= most_chars


def _at_start(words: Sequence[Word], lo: int, hi: int, keys: _Keys) -> tuple[Any, int] | None:
    """As ``_legal_forms._from_start``: what the longest key found is of, and its end."""
    found = None
    key = ""
    stems = keys.stems
    last = hi - 1
    for i in range(lo, hi):
        word_key, unquoted, _, can_end, _ = words[i]
        if not unquoted:
            break
        key += word_key
        if key not in stems:
            break
        if can_end and key and i != last and key in keys.found:
            found = (keys.found[key], i + 1)
    return found


def form_at_start(
    words: Sequence[Word], lo: int, hi: int
) -> tuple[tuple[LegalForm, ...], int] | None:
    """Find the longest legal form that starts ``words[lo:hi]``, not all of them.

    Returns the candidate forms and the index of the first word after the form.
    """
    if not words[lo][2] or not words[lo][4] & STARTS_FORM:
        return None  # a form starts with a letter or digit, and with a start of a key
    return _at_start(words, lo, hi, _form_index()["prefix"])


def descriptor_at_start(words: Sequence[Word], lo: int, hi: int) -> tuple[Descriptor, int] | None:
    """Find the longest descriptor that starts ``words[lo:hi]``, not all of them."""
    if not words[lo][2] or not words[lo][4] & STARTS_DESCRIPTOR:
        return None
    return _at_start(words, lo, hi, _descriptor_index())


def form_at_end(
    words: Sequence[Word], lo: int, hi: int
) -> tuple[tuple[LegalForm, ...], int] | None:
    """Find the longest legal form that ends ``words[lo:hi]``, not all of them.

    Returns the candidate forms and the index of the first word of the form.
    """
    if not words[hi - 1][3] or not words[hi - 1][4] & ENDS_FORM:
        return None  # a form ends with a letter, digit, dot or bracket, and an end of a key
    keys = _form_index()["suffix"]
    stems = keys.stems
    found = None
    key = ""
    for i in range(hi - 1, lo - 1, -1):
        word_key, unquoted, can_start, _, _ = words[i]
        if not unquoted:
            break
        key = word_key + key
        if key not in stems:
            break
        if can_start and key and i != lo and key in keys.found:
            found = (keys.found[key], i)
    return found


def written_key(words: Sequence[Word], lo: int, hi: int) -> str | None:
    """Return the key of ``words[lo:hi]`` if it may be that of a written form or descriptor.

    ``None`` proves that the run, all of it, is written like no legal form
    and no descriptor: the key of its first words starts no such key. (The
    key of words joined by a space is their keys put together.)
    """
    if not words[lo][4] & STARTS_WRITTEN:
        return None
    stems = _whole_stems()
    key = ""
    for i in range(lo, hi):
        key += words[i][0]
        if key not in stems:
            return None  # ... nor does the key of any longer run: it starts with this
    return key

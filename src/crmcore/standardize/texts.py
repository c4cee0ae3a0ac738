"""Temporary stand-in for ``crmcore.standardize.texts`` (replaced on merge)."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean"]

_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SPACES = re.compile(r"\s+")
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
_QUOTES = str.maketrans(dict.fromkeys("\u201c\u201d\u201e\u201f", '"'))


def clean(raw: str) -> str:
    """Return ``raw`` in NFC, without invisible characters, whitespace collapsed."""
    text = unicodedata.normalize("NFC", raw)
    text = _INVISIBLE.sub("", text)
    text = text.translate(_DASHES).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip()

"""Standardisers: one canonical form for every field, and hints."""

from crmcore.standardize import keys, texts
from crmcore.standardize.keys import matching_key, transliterate
from crmcore.standardize.texts import Homoglyph

text = texts.validate

__all__: list[str] = [
    "Homoglyph",
    "keys",
    "matching_key",
    "text",
    "texts",
    "transliterate",
]

"""Standardisers: one canonical form for every field, and hints."""

from crmcore.standardize import texts
from crmcore.standardize.texts import Homoglyph

text = texts.validate

__all__: list[str] = [
    "Homoglyph",
    "text",
    "texts",
]

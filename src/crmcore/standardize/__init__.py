"""Standardisers: one canonical form for every field, and hints."""

from crmcore.standardize import texts
from crmcore.standardize._hints import Hint, hint, localize
from crmcore.standardize._records import StandardizedRecord, standardize_record
from crmcore.standardize.texts import Homoglyph

text = texts.validate

__all__: list[str] = [
    "Hint",
    "Homoglyph",
    "StandardizedRecord",
    "hint",
    "localize",
    "standardize_record",
    "text",
    "texts",
]

"""Standardisers: one canonical form for every field, and hints."""

from crmcore.standardize._hints import Hint, hint, localize
from crmcore.standardize._records import StandardizedRecord, standardize_record

__all__ = [
    "Hint",
    "StandardizedRecord",
    "hint",
    "localize",
    "standardize_record",
]

"""Standardisers: one canonical form for every field, and hints."""

from crmcore.standardize import addresses, countries, dates, postal_codes, tax_ids, texts
from crmcore.standardize.addresses import Address
from crmcore.standardize.tax_ids import TaxId
from crmcore.standardize.texts import Homoglyph

address = addresses.validate
country = countries.validate
date = dates.validate
postal_code = postal_codes.validate
tax_id = tax_ids.validate
text = texts.validate

__all__: list[str] = [
    "Address",
    "Homoglyph",
    "TaxId",
    "address",
    "addresses",
    "countries",
    "country",
    "date",
    "dates",
    "postal_code",
    "postal_codes",
    "tax_id",
    "tax_ids",
    "text",
    "texts",
]

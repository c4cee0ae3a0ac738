"""Standardisers: one canonical form for every field, and hints."""

from crmcore.standardize import (
    addresses,
    countries,
    dates,
    emails,
    keys,
    phones,
    postal_codes,
    tax_ids,
    texts,
)
from crmcore.standardize._hints import Hint, hint, localize
from crmcore.standardize._records import StandardizedRecord, standardize_record
from crmcore.standardize.addresses import Address
from crmcore.standardize.emails import Email
from crmcore.standardize.keys import matching_key, transliterate
from crmcore.standardize.phones import Phone, PhoneKind
from crmcore.standardize.tax_ids import TaxId
from crmcore.standardize.texts import Homoglyph

address = addresses.validate
country = countries.validate
date = dates.validate
email = emails.validate
phone = phones.validate
postal_code = postal_codes.validate
tax_id = tax_ids.validate
text = texts.validate

__all__: list[str] = [
    "Address",
    "Email",
    "Hint",
    "Homoglyph",
    "Phone",
    "PhoneKind",
    "StandardizedRecord",
    "TaxId",
    "address",
    "addresses",
    "countries",
    "country",
    "date",
    "dates",
    "email",
    "emails",
    "hint",
    "keys",
    "localize",
    "matching_key",
    "phone",
    "phones",
    "postal_code",
    "postal_codes",
    "standardize_record",
    "tax_id",
    "tax_ids",
    "text",
    "texts",
    "transliterate",
]

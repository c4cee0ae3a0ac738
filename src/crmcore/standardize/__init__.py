"""Standardisers: one canonical form for every field, and hints."""

from crmcore.standardize import (
    addresses,
    company_names,
    countries,
    dates,
    emails,
    keys,
    person_names,
    phones,
    postal_codes,
    tax_ids,
    texts,
    websites,
)
from crmcore.standardize._hints import Hint, hint, localize
from crmcore.standardize._records import StandardizedRecord, standardize_record
from crmcore.standardize.addresses import Address
from crmcore.standardize.company_names import CompanyName, LegalForm
from crmcore.standardize.emails import Email
from crmcore.standardize.keys import matching_key, transliterate
from crmcore.standardize.person_names import FullName
from crmcore.standardize.phones import Phone, PhoneKind
from crmcore.standardize.tax_ids import TaxId
from crmcore.standardize.texts import Homoglyph

address = addresses.validate
company_name = company_names.validate
country = countries.validate
date = dates.validate
email = emails.validate
person_name = person_names.validate
phone = phones.validate
postal_code = postal_codes.validate
tax_id = tax_ids.validate
text = texts.validate
website = websites.validate

__all__: list[str] = [
    "Address",
    "CompanyName",
    "Email",
    "FullName",
    "Hint",
    "Homoglyph",
    "LegalForm",
    "Phone",
    "PhoneKind",
    "StandardizedRecord",
    "TaxId",
    "address",
    "addresses",
    "company_name",
    "company_names",
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
    "person_name",
    "person_names",
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
    "website",
    "websites",
]


def __dir__() -> list[str]:
    # Only the public surface: not the private modules that import as attributes.
    return sorted(__all__)

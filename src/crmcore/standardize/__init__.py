"""Standardisers: one canonical form for every field, and hints."""

from crmcore.standardize import (
    company_names,
    emails,
    keys,
    person_names,
    phones,
    texts,
    websites,
)
from crmcore.standardize.company_names import CompanyName, LegalForm
from crmcore.standardize.emails import Email
from crmcore.standardize.keys import matching_key, transliterate
from crmcore.standardize.person_names import PersonName
from crmcore.standardize.phones import Phone, PhoneKind
from crmcore.standardize.texts import Homoglyph

company_name = company_names.validate
email = emails.validate
person_name = person_names.validate
phone = phones.validate
text = texts.validate
website = websites.validate

__all__: list[str] = [
    "CompanyName",
    "Email",
    "Homoglyph",
    "LegalForm",
    "PersonName",
    "Phone",
    "PhoneKind",
    "company_name",
    "company_names",
    "email",
    "emails",
    "keys",
    "matching_key",
    "person_name",
    "person_names",
    "phone",
    "phones",
    "text",
    "texts",
    "transliterate",
    "website",
    "websites",
]

"""Standardisers: one canonical form for every field, and hints."""

from crmcore.standardize import emails, keys, phones, texts
from crmcore.standardize.emails import Email
from crmcore.standardize.keys import matching_key, transliterate
from crmcore.standardize.phones import Phone, PhoneKind
from crmcore.standardize.texts import Homoglyph

email = emails.validate
phone = phones.validate
text = texts.validate

__all__: list[str] = [
    "Email",
    "Homoglyph",
    "Phone",
    "PhoneKind",
    "email",
    "emails",
    "keys",
    "matching_key",
    "phone",
    "phones",
    "text",
    "texts",
    "transliterate",
]

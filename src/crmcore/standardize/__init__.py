"""Standardisers: one canonical form for every field, and hints."""

from crmcore.standardize import company_names, person_names, texts, websites
from crmcore.standardize.company_names import CompanyName, LegalForm
from crmcore.standardize.person_names import PersonName
from crmcore.standardize.texts import Homoglyph

company_name = company_names.validate
person_name = person_names.validate
text = texts.validate
website = websites.validate

__all__: list[str] = [
    "CompanyName",
    "Homoglyph",
    "LegalForm",
    "PersonName",
    "company_name",
    "company_names",
    "person_name",
    "person_names",
    "text",
    "texts",
    "website",
    "websites",
]

"""Standardisers: one canonical form for every field, and hints."""

from crmcore.standardize import company_names, person_names, websites
from crmcore.standardize.company_names import CompanyName, LegalForm
from crmcore.standardize.person_names import PersonName

company_name = company_names.validate
person_name = person_names.validate
website = websites.validate

__all__: list[str] = [
    "CompanyName",
    "LegalForm",
    "PersonName",
    "company_name",
    "company_names",
    "person_name",
    "person_names",
    "website",
    "websites",
]

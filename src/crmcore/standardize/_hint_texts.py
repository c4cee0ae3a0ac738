"""The sentences of the hints, as gettext message ids (English).

They are code rather than a data file so that ``pybabel extract`` finds them
by their ``N_`` marker, like every other message. Each sentence describes the
expected form of a field after the words "expected:", so it starts in lower
case and has no final full stop; ``{example}`` is replaced by the field's
example and the other placeholders as documented beside them. The Greek,
Polish, Russian, Ukrainian (and German) texts are in the catalogues.
"""

from __future__ import annotations

from crmcore.standardize._base import N_

__all__ = [
    "ADDRESS_NUMBER_FIRST",
    "ADDRESS_STREET_FIRST",
    "COMPANY_NAME",
    "COUNTRY",
    "CUSTOMER_NUMBER",
    "DATE",
    "DATE_PLACEHOLDERS",
    "EMAIL",
    "PERSON_NAME",
    "PHONE_INTERNATIONAL",
    "PHONE_IN_COUNTRY",
    "POSTAL_CODE_ANY",
    "POSTAL_CODE_SHAPED",
    "TAX_ID_ANY",
    "TAX_ID_BY_COUNTRY",
    "WEBSITE",
]

# {prefix}: the country calling code, such as +48.
PHONE_IN_COUNTRY = N_(
    "the national number, or the international form with {prefix}, as in {example}"
)
PHONE_INTERNATIONAL = N_("a plus sign, the country code and the number, as in {example}")

EMAIL = N_("a mailbox name, the @ sign and a domain, as in {example}")

PERSON_NAME = N_("the first name or names, then the surname, in any script, as in {example}")

COMPANY_NAME = N_("the registered name of the company with its legal form, as in {example}")

WEBSITE = N_("a domain name, optionally with https:// and a path, as in {example}")

COUNTRY = N_(
    "the name of the country in a supported language or its two-letter ISO code, as in {example}"
)

# {shape}: the shape in words, such as "2 digits, a dash and 3 digits".
POSTAL_CODE_SHAPED = N_("{shape}, as in {example}")
POSTAL_CODE_ANY = N_("the postal code in the form its country uses, as in {example}")

ADDRESS_STREET_FIRST = N_(
    "the street, the building number and, if any, the flat number, followed by the town"
    " and the postal code in the order the country's post uses, as in {example}"
)
ADDRESS_NUMBER_FIRST = N_(
    "the building number and the street, followed by the town and the postal code"
    " in the order the country's post uses, as in {example}"
)

TAX_ID_ANY = N_(
    "a tax identification number; an EU VAT number starts with the two-letter code"
    " of its country, as in {example}"
)

#: The tax identification numbers of the countries whose numbers crmcore checks,
#: named as people in that country name them.
TAX_ID_BY_COUNTRY = {
    "DE": N_(
        "USt-IdNr., the German VAT identification number: 9 digits, with or without DE"
        " before them, as in {example}"
    ),
    "GB": N_(
        "the UK VAT registration number: 9 digits, with or without GB before them, as in {example}"
    ),
    "GR": N_("AFM (ΑΦΜ), the Greek tax registration number: 9 digits, as in {example}"),
    "PL": N_("NIP, the Polish tax identification number: 10 digits, as in {example}"),
    "RU": N_(
        "INN (ИНН), the Russian taxpayer number: 10 digits for an organisation,"
        " 12 for a person, as in {example}"
    ),
    "UA": N_(
        "the EDRPOU code (ЄДРПОУ) of a legal entity, 8 digits, or the RNOKPP (РНОКПП)"
        " of a person, 10 digits, as in {example}"
    ),
    "US": N_(
        "a US taxpayer number: the EIN of a business as 12-3456789, or the SSN or ITIN"
        " of a person as 123-45-6789, as in {example}"
    ),
}

# {pattern}: the locale's numeric date pattern, such as DD.MM.YYYY.
DATE = N_("a date as {pattern}, as in {example}")

#: The placeholders of a date pattern, in the order day, month, year.
DATE_PLACEHOLDERS = (
    # TRANSLATORS: the placeholder for the day in a date pattern such as DD.MM.YYYY.
    N_("DD"),
    # TRANSLATORS: the placeholder for the month in a date pattern such as DD.MM.YYYY.
    N_("MM"),
    # TRANSLATORS: the placeholder for the year in a date pattern such as DD.MM.YYYY.
    N_("YYYY"),
)

CUSTOMER_NUMBER = N_("the customer number as printed on documents, as in {example}")

"""One check of a ``country`` argument: every public ``country=`` reads it, and refuses alike.

A country argument is an ISO 3166-1 alpha-2 code, in any case, with spaces
around it ignored. A country's name in its own script, its alpha-3 code, a
code no country has, an empty text and a value that is no text are all refused
with the one code ``country.unknown``, whose field is the argument's name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmcore import storage
from crmcore._countries import check_country, known_countries, read_country
from crmcore.errors import ValidationError, localize
from crmcore.model import Identifier, Party, PhoneNumber, PostalAddress
from crmcore.standardize import (
    Address,
    addresses,
    company_names,
    countries,
    dates,
    emails,
    hint,
    person_names,
    phones,
    postal_codes,
    standardize_record,
    tax_ids,
    texts,
    websites,
)
from crmcore.standardize import localize as localize_with_hint
from crmcore.storage import backend

if TYPE_CHECKING:
    from collections.abc import Callable

# What people and programs write where a code is wanted: names in the
# countries' own scripts, alpha-3 codes, a code no country has, nothing.
NOT_CODES = ["Polska", "UKR", "Україна", "GRC", "Ελλάδα", "Россия", "XX", "", "  ", 48]


#: The functions whose ``country`` has no default: ``None`` is refused too.
REQUIRED = frozenset({"postal_codes.validate", "postal_codes.is_valid", "postal_codes.format"})


def _nobody(*_: object) -> list[Party]:
    return []


def _store_parties() -> storage.Parties:
    return storage.open("memory://").parties


#: Every public callable that takes ``country=``, called with it.
CALLS: dict[str, Callable[[object], object]] = {
    # the standardisers' fields
    "addresses.validate": lambda c: addresses.validate("ul. Piotrkowska 104, Łódź", country=c),
    "addresses.is_valid": lambda c: addresses.is_valid("ul. Piotrkowska 104, Łódź", country=c),
    "addresses.format": lambda c: addresses.format(Address(locality="Łódź"), country=c),
    "addresses.example": addresses.example,
    "Address": lambda c: Address(locality="Київ", country=c),
    "company_names.validate": lambda c: company_names.validate("Orlen S.A.", country=c),
    "company_names.is_valid": lambda c: company_names.is_valid("Orlen S.A.", country=c),
    "company_names.format": lambda c: company_names.format("Orlen S.A.", country=c),
    "company_names.example": company_names.example,
    "company_names.legal_forms": company_names.legal_forms,
    "countries.example": countries.example,
    "dates.validate": lambda c: dates.validate("23.11.2026", country=c),
    "dates.is_valid": lambda c: dates.is_valid("23.11.2026", country=c),
    "dates.example": dates.example,
    "emails.example": emails.example,
    "person_names.example": person_names.example,
    "phones.validate": lambda c: phones.validate("+48 601 234 567", country=c),
    "phones.is_valid": lambda c: phones.is_valid("601 234 567", country=c),
    "phones.format": lambda c: phones.format("+30 691 234 5678", country=c),
    "phones.example": phones.example,
    "postal_codes.validate": lambda c: postal_codes.validate("00-950", country=c),
    "postal_codes.is_valid": lambda c: postal_codes.is_valid("00-950", country=c),
    "postal_codes.format": lambda c: postal_codes.format("00-950", country=c),
    "postal_codes.example": postal_codes.example,
    "tax_ids.validate": lambda c: tax_ids.validate("ЄДРПОУ 00032112", country=c),
    "tax_ids.is_valid": lambda c: tax_ids.is_valid("7707083893", country=c),
    "tax_ids.detect": lambda c: tax_ids.detect("5260250274", country=c),
    "tax_ids.format": lambda c: tax_ids.format("ru.inn:7707083893", country=c),
    "tax_ids.example": tax_ids.example,
    "texts.example": texts.example,
    "websites.example": websites.example,
    # the standardisers' records and hints
    "standardize_record": lambda c: standardize_record({"Telefon": "601 234 567"}, country=c),
    "hint": lambda c: hint("postal_code", country=c),
    # the model
    "Identifier": lambda c: Identifier("nip", "5260250274", country=c),
    "Identifier.parse": lambda c: Identifier.parse("526-025-02-74", country=c),
    "Party.identifier": lambda c: Party.organization("Ромашка").identifier("nip", c),
    "PhoneNumber.parse": lambda c: PhoneNumber.parse("+48 601 234 567", country=c),
    "PostalAddress": lambda c: PostalAddress(locality="Київ", country=c),
    "PostalAddress.parse": lambda c: PostalAddress.parse("Ερμού 25, 10563 Αθήνα", country=c),
    # storage
    "Parties.find_by_phone": lambda c: _store_parties().find_by_phone("+48601234567", country=c),
    "Parties.find_by_identifier": lambda c: _store_parties().find_by_identifier(
        "nip",
        "5260250274",
        country=c,
    ),
    "backend.phone_query_key": lambda c: backend.phone_query_key("+48601234567", c),
    "backend.find_phone": lambda c: backend.find_phone("+48601234567", c, _nobody),
    "backend.identifier_query": lambda c: backend.identifier_query("nip", "5260250274", c),
    "backend.find_identifier": lambda c: backend.find_identifier(
        "nip",
        "5260250274",
        c,
        _nobody,
    ),
}


@pytest.mark.parametrize("value", NOT_CODES, ids=repr)
@pytest.mark.parametrize("name", CALLS)
def test_every_country_argument_refuses_what_is_no_code(name: str, value: object) -> None:
    with pytest.raises(ValidationError) as info:
        CALLS[name](value)
    assert (info.value.code, info.value.field, info.value.value) == (
        "country.unknown",
        "country",
        value,
    )


@pytest.mark.parametrize("value", ["PL", "pl", " ua ", "Gr", "DE", "gb", "US", "XK", "EU", None])
@pytest.mark.parametrize("name", CALLS)
def test_every_country_argument_takes_a_code_in_any_case(name: str, value: object) -> None:
    # The value may not be of that country (a Polish postal code in Greece):
    # that is an error about the value, never one about the argument.
    if value is None and name in REQUIRED:
        return
    try:
        CALLS[name](value)
    except ValidationError as error:
        code = error.code
    else:
        code = None
    assert code != "country.unknown"


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_a_country_a_function_needs_is_no_default(name: str) -> None:
    with pytest.raises(ValidationError) as info:
        CALLS[name](None)
    assert (info.value.code, info.value.field) == ("country.unknown", "country")


def test_the_hint_of_the_refusal_is_in_the_readers_language() -> None:
    with pytest.raises(ValidationError) as info:
        phones.validate("601 234 567", country="Україна")
    error = localize(info.value, "uk")
    assert error.message == "країна не є кодом ISO 3166-1 alpha-2"
    assert error.hint == "дволітерний код, наприклад PL, UA, GR або DE"


def test_localize_ignores_a_country_that_is_no_code() -> None:
    # An error being translated is not replaced by one about the argument.
    error = ValidationError("the value is empty", code="postal_code.empty", field="kod", value=" ")
    for value in NOT_CODES:
        assert localize_with_hint(error, "pl", country=value).code == "postal_code.empty"


@given(
    st.one_of(
        st.none(),
        st.integers(),
        st.text(alphabet="PLUAGRDEBXKplua ΡΑΠЛ\u00a0\t", max_size=4),
        st.sampled_from(["PL", "UA", "RU", "GR", "DE", "GB", "US", "pl", " gr ", "GBR", "П Л"]),
    )
)
def test_reading_a_country_is_stripping_and_upper_casing_a_known_code(value: object) -> None:
    # read_country answers a canonical code with one look-up; that shortcut changes nothing.
    expected = value.strip().upper() if isinstance(value, str) else None
    assert read_country(value) == (expected if expected in known_countries() else None)


def test_the_codes_are_the_countries_and_no_placeholders() -> None:
    assert {"PL", "UA", "RU", "GR", "DE", "GB", "US", "EU", "XK"} <= known_countries()
    assert not {"ZZ", "QO", "XA", "EZ", "UN", "XX"} & known_countries()
    assert check_country(" ru ", "default_country") == "RU"

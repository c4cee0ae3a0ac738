"""What a type checker makes of crmcore's public API: checked by ``mypy --strict``.

Not a test module: nothing here runs. ``nox -s typecheck`` checks this file
with the library (see ``files`` under ``[tool.mypy]`` in pyproject.toml):

* each ``assert_type`` pins the type a public call gives a user's code;
* each call marked ``# type: ignore[<code>]`` is wrong and must stay an error
  of that code: mypy reports an ignore that is no longer needed
  (``warn_unused_ignores``, part of ``strict``), so an API that starts
  accepting a wrong call fails the check.
"""

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any, assert_type

import crmcore as crm
from crmcore import ids, storage
from crmcore import standardize as std
from crmcore.errors import ValidationError
from crmcore.model import (
    EmailAddress,
    Identifier,
    OrganizationName,
    PartyKind,
    PersonName,
    PhoneNumber,
    Website,
)
from crmcore.storage import BatchResult, Store

WHEN = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)


def party_construction() -> crm.Party:
    """Parties are built from typed values; their reads are typed."""
    kovalenko = crm.Party(
        name=PersonName(given="Олена", family="Коваленко"),
        created_at="2026-11-23T10:00:00+02:00",
        id=uuid.UUID("0193f1c2-7d4e-7a51-9c3b-5f2e8d1a6b70"),
        roles={crm.Role.CLIENT, "prospect"},
        contacts=[crm.PhoneNumber("+380671234567")],
        attributes={"fleet_size": 12},
        tags=["опт"],
        groups=["0193f1c2-7d4e-7a51-9c3b-000000000001"],
        customer_number=None,
        version=0,
        deleted_at=None,
    )
    assert_type(kovalenko, crm.Party)
    papadopoulos = crm.Party.organization(
        "Παπαδόπουλος", legal_form="Ο.Ε.", roles=[crm.Role.SUPPLIER], created_at=WHEN
    )
    assert_type(papadopoulos, crm.Party)
    assert_type(crm.Party.person(family="Müller", tags={"b2b"}, created_at=WHEN), crm.Party)
    assert_type(papadopoulos.display_name, str)
    assert_type(papadopoulos.kind, PartyKind)
    assert_type(papadopoulos.with_role("client"), crm.Party)
    assert_type(papadopoulos.primary("email"), crm.ContactPoint | None)
    assert_type(papadopoulos.customer_number, str | None)
    assert_type(repr(papadopoulos), str)
    return kovalenko


def wrong_party_construction() -> None:
    """Values of the wrong type are refused before anything runs."""
    name = OrganizationName("Ромашка", legal_form="ТОВ")
    crm.Party(name=123, created_at=object())  # type: ignore[arg-type]
    crm.Party(name="Ромашка", created_at=WHEN)  # type: ignore[arg-type]
    crm.Party(name=name, created_at=WHEN, roles=5)  # type: ignore[arg-type]
    crm.Party(name=name, created_at=WHEN, contacts=["+380441234567"])  # type: ignore[list-item]
    crm.Party(name=name, created_at=WHEN, version="3")  # type: ignore[arg-type]
    crm.Party(name=name, created_at=WHEN, id=42)  # type: ignore[arg-type]
    crm.Party(name=name, created_at=WHEN, attributes=[("fleet_size", 12)])  # type: ignore[arg-type]
    crm.Party(name=name, created_at=dt.date(2026, 11, 23))  # type: ignore[arg-type]
    crm.Party(name=name)  # type: ignore[call-arg]
    crm.Party.person(family="Kowalski", roles=5)  # type: ignore[arg-type]
    crm.Party.person(family="Kowalski", customer_number=20250314093015007000008)  # type: ignore[arg-type]
    crm.Party.organization("Ромашка", identifiers=["32855961"])  # type: ignore[list-item]
    crm.Party.organization("Ромашка", colour="red")  # type: ignore[call-arg]


def standardisers() -> None:
    """Each standardiser gives its own value type."""
    assert_type(std.phone("601 234 567", country="PL"), std.Phone)
    assert_type(std.email("Biuro@Example.PL"), std.Email)
    assert_type(std.person_name("ІВАНОВ Іван Петрович"), std.FullName)
    assert_type(std.company_name("ТОВ «Ромашка»"), std.CompanyName)
    assert_type(std.address("ul. Marszałkowska 10", country="PL"), std.Address)
    assert_type(std.tax_id("ЄДРПОУ 32855961"), std.TaxId)
    assert_type(std.date("23.11.2026", locale="pl"), dt.date)
    assert_type(std.country("Ελλάδα"), str)
    assert_type(std.postal_code("10563", country="GR"), str)
    assert_type(std.website("WWW.Example.gr/"), str)
    assert_type(std.hint("tax_id", country="PL", locale="pl"), std.Hint)
    assert_type(std.phones.is_valid("601 234 567", country="PL"), bool)


def records_to_the_model() -> None:
    """A record's values reach the model's bridges with their types."""
    record = std.standardize_record({"Telefon": "601 234 567", "NIP": "526-025-02-74"})
    assert_type(record, std.StandardizedRecord)
    assert_type(record.values, Mapping[str, object])
    phone = record.value("Telefon", std.Phone)
    assert_type(phone, std.Phone | None)
    assert_type(record.value("Data", dt.date), dt.date | None)
    assert_type(record.value("Kraj", str), str | None)
    if phone is not None:
        assert_type(PhoneNumber.from_standardized(phone), PhoneNumber)
    nip = record.value("NIP", std.TaxId)
    if nip is not None:
        assert_type(Identifier.from_standardized(nip), Identifier)
    email = record.value("E-mail", std.Email)
    if email is not None:
        assert_type(EmailAddress.from_standardized(email), EmailAddress)
    website = record.value("WWW", str)
    if website is not None:
        assert_type(Website.from_standardized(website), Website)


def wrong_records_to_the_model() -> None:
    """The untyped values, a blank value and a wrong kind are refused."""
    record = std.standardize_record({"Telefon": "601 234 567"}, country="PL")
    PhoneNumber.from_standardized(record.values["Telefon"])  # type: ignore[arg-type]
    PhoneNumber.from_standardized(record.value("Telefon", std.Phone))  # type: ignore[arg-type]
    PhoneNumber.from_standardized(record.value("Telefon", std.Email))  # type: ignore[arg-type]
    record.value("Telefon", "phone")  # type: ignore[arg-type]


def customer_numbers() -> None:
    """Customer numbers are text; the generator issues them."""
    numbers = ids.CustomerNumberGenerator(node=7)
    number = numbers.new()
    assert_type(number, str)
    assert_type(ids.is_valid(number), bool)
    assert_type(ids.validate(number), str)
    assert_type(ids.format(number), str)
    assert_type(ids.new_id(), uuid.UUID)


def stores(party: crm.Party) -> None:
    """A store takes and gives parties; a batch only parties."""
    with storage.open("memory://") as store:
        assert_type(store, Store)
        stored = store.parties.add(party)
        assert_type(stored, crm.Party)
        assert_type(store.parties.add_many([party]), list[crm.Party])
        result = store.parties.add_batch([party, stored])
        assert_type(result, BatchResult)
        assert_type(store.parties.add_batch(iter([party])), BatchResult)
        assert_type(store.parties.get(stored.id), crm.Party)
        assert_type(store.parties.find_by_phone("601 234 567", country="PL"), list[crm.Party])
        store.parties.add_batch(["Ромашка"])  # type: ignore[list-item]
        store.parties.add_batch([party, {"name": "Ромашка"}])  # type: ignore[list-item]
        store.parties.add(to_dict_form(party))  # type: ignore[arg-type]


def to_dict_form(party: crm.Party) -> dict[str, Any]:
    """The dict form is plain data; reading it back gives the class asked for."""
    data = crm.to_dict(party)
    assert_type(crm.from_dict(crm.Party, data), crm.Party)
    return data


def errors() -> None:
    """Errors carry typed data."""
    try:
        std.phone("12", country="UA")
    except ValidationError as error:
        assert_type(error.code, str)
        assert_type(error.field, str | None)
        assert_type(error.hint, str | None)

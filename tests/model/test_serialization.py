import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from crmcore.errors import ValidationError
from crmcore.model import (
    SCHEMA_VERSION,
    ClientProfile,
    ContactPoint,
    EmailAddress,
    Identifier,
    Money,
    Party,
    PhoneNumber,
    PostalAddress,
    RoleProfile,
    SupplierProfile,
    from_dict,
    to_dict,
)

DATA = Path(__file__).parent / "data"
CREATED = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def golden(version=SCHEMA_VERSION):
    return json.loads((DATA / f"party_v{version}.json").read_text(encoding="utf-8"))


def test_the_documented_example_reads_and_writes_back_exactly():
    data = golden()
    party = from_dict(Party, data)
    assert party.display_name == "Ромашка"
    assert party.profile("supplier").lead_time_days == 5
    assert party.attributes["fleet_size"] == 12
    assert party.attributes["founded"] == date(1998, 3, 12)
    assert party.attributes["rating"] == Decimal("4.50")
    assert to_dict(party) == data


def test_version_and_type_are_checked():
    data = golden()
    assert data["schema_version"] == SCHEMA_VERSION
    for change, code in [
        ({"schema_version": SCHEMA_VERSION + 1}, "serialization.unsupported_version"),
        ({"schema_version": 0}, "serialization.unsupported_version"),
        ({"schema_version": "1"}, "serialization.unsupported_version"),
        ({"schema_version": None}, "serialization.missing_version"),
        ({"type": "purchase"}, "serialization.wrong_type"),
    ]:
        with pytest.raises(ValidationError) as info:
            from_dict(Party, {**data, **change})
        assert info.value.code == code


def _broken(path, value):
    data = golden()
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "field", "code"),
    [
        (["contacts", 0, "number"], 48441234567, "contacts[0].number", "text.not_text"),
        (["contacts", 1, "kind"], "pigeon", "contacts[1].kind", "contact.unknown_kind"),
        (["contacts", 2, "country"], "XX", "contacts[2].country", "country.unknown"),
        (["contacts", 0, "fax"], True, "contacts[0]", "serialization.unknown_field"),
        (["contacts", 0, "number"], KeyError, "contacts[0].number", "serialization.missing_field"),
        (["contacts", 0], "+380441234567", "contacts[0]", "serialization.not_mapping"),
        (
            ["profiles", 0, "potential", "currency"],
            "ZZZ",
            "profiles[0].potential.currency",
            "money.unknown_currency",
        ),
        (["profiles", 1, "role"], "boss", "profiles[1].role", "party.unknown_role"),
        (["roles", 0], "investor", "roles", "party.unknown_role"),
        (["roles"], "client", "roles", "collection.not_collection"),
        (["created_at"], "2026-11-23T09:30:00", "created_at", "moment.naive"),
        (["name", "name"], "", "name.name", "text.empty"),
        (["name", "given"], "Jan", "name", "serialization.unknown_field"),
        (["name"], "Ромашка", "name", "serialization.not_mapping"),
        (["kind"], "robot", "kind", "party.unknown_kind"),
        (
            ["attributes", "fleet_size", "value"],
            "12",
            "attributes.fleet_size",
            "serialization.invalid_attribute",
        ),
        (
            ["attributes", "fleet_size"],
            {"type": "integer"},
            "attributes.fleet_size",
            "serialization.invalid_attribute",
        ),
        (["attributes", "fleet_size"], 12, "attributes.fleet_size", "serialization.not_mapping"),
        (["attributes"], [], "attributes", "serialization.not_mapping"),
        (["attributes", "rating", "value"], "4,5", "attributes.rating", "decimal.invalid"),
        (["attributes", "founded", "value"], "12.03.1998", "attributes.founded", "date.invalid"),
        (["identifiers", 0], ["edrpou", "32855961"], "identifiers[0]", "serialization.not_mapping"),
        (["holdings", 0, "quantity"], 1.5, "holdings[0].quantity", "decimal.float"),
        (["version"], "3", "version", "number.not_integer"),
        (["id"], KeyError, "id", "serialization.missing_field"),
        (["surprise"], 1, None, "serialization.unknown_field"),
    ],
)
def test_errors_name_the_path(path, value, field, code):
    with pytest.raises(ValidationError) as info:
        from_dict(Party, _broken(path, value))
    assert (info.value.field, info.value.code) == (field, code)


def test_not_a_mapping_or_not_a_model_class():
    with pytest.raises(ValidationError) as info:
        from_dict(Party, "{}")
    assert info.value.code == "serialization.not_mapping"
    with pytest.raises(ValidationError) as info:
        from_dict(dict, {})
    assert info.value.code == "serialization.unsupported_type"
    with pytest.raises(ValidationError) as info:
        to_dict({"a": 1})
    assert info.value.code == "serialization.unsupported_type"


def test_value_objects_and_union_members():
    phone = PhoneNumber("+48601234567", primary=True)
    data = to_dict(phone)
    assert data == {
        "type": "contact_point",
        "schema_version": SCHEMA_VERSION,
        "kind": "phone",
        "number": "+48601234567",
        "line": None,
        "primary": True,
        "label": None,
        "source": None,
        "verified_at": None,
    }
    assert from_dict(ContactPoint, data) == phone
    assert from_dict(PhoneNumber, data) == phone
    with pytest.raises(ValidationError) as info:
        from_dict(EmailAddress, data)
    assert (info.value.field, info.value.code) == ("kind", "serialization.wrong_kind")
    profile = SupplierProfile(lead_time_days=3)
    assert from_dict(RoleProfile, to_dict(profile)) == profile
    with pytest.raises(ValidationError) as info:
        from_dict(ClientProfile, to_dict(profile))
    assert info.value.code == "serialization.wrong_role"
    assert from_dict(Money, to_dict(Money("0.10", "EUR"))) == Money("0.10", "EUR")
    nip = Identifier("nip", "5260250995", country="PL")
    assert from_dict(Identifier, to_dict(nip)) == nip


def test_sets_are_sorted_lists():
    party = Party.organization(
        "Ромашка", created_at=CREATED, roles=["supplier", "client"], tags=["опт", "B2B", "vip"]
    )
    data = to_dict(party)
    assert data["roles"] == ["client", "supplier"]
    assert data["tags"] == ["B2B", "vip", "опт"]


def test_an_address_dict_keeps_its_parts():
    address = PostalAddress(
        street="Οδός Ερμού", building="10", postal_code="105 63", locality="Αθήνα", country="GR"
    )
    data = to_dict(address)
    assert list(data)[:5] == ["type", "schema_version", "kind", "street", "building"]
    assert from_dict(ContactPoint, json.loads(json.dumps(data))) == address


def test_the_documented_example_is_the_tested_one():
    page = (Path(__file__).parents[2] / "docs" / "model.md").read_text(encoding="utf-8")
    documented = page.split("```json\n", 1)[1].split("```", 1)[0]
    assert json.loads(documented) == golden()

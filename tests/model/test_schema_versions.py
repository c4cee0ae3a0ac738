"""Documents of schema version 1 read as the current version, the added keys null."""

import copy
import json
from pathlib import Path

import pytest

from crmcore.errors import ValidationError
from crmcore.model import (
    SCHEMA_VERSION,
    ContactPoint,
    OrganizationName,
    Party,
    PersonName,
    PostalAddress,
    from_dict,
    to_dict,
)

DATA = Path(__file__).parent / "data"


def _document(version):
    return json.loads((DATA / f"party_v{version}.json").read_text(encoding="utf-8"))


def _v1(data):
    """Return a current dict form as version 1 wrote it: without the keys version 2 added."""
    old = copy.deepcopy(data)
    old["schema_version"] = 1
    name = old["name"] if old["type"] == "party" else old
    for key in ("middle", "suffix", "elf_code", "descriptor"):
        name.pop(key, None)
    for contact in old.get("contacts", [old]):
        if contact.get("kind") == "postal":
            contact.pop("extra", None)
    return old


def test_the_version_1_example_reads_as_the_current_one():
    old = _document(1)
    kept = copy.deepcopy(old)
    party = from_dict(Party, old)
    assert to_dict(party) == _document(SCHEMA_VERSION)
    assert old == kept  # the caller's dicts are not changed


def test_the_helper_writes_what_version_1_wrote():
    assert _v1(_document(SCHEMA_VERSION)) == _document(1)


def test_a_person_of_version_1_reads_without_middle_name_and_suffix():
    party = Party.person(
        given="Олена", family="Коваленко", patronymic="Петрівна",
        created_at="2026-11-23T09:30:00+02:00",
    )  # fmt: skip
    old = _v1(to_dict(party))
    assert "middle" not in old["name"]
    assert from_dict(Party, old) == party


@pytest.mark.parametrize(
    "value",
    [
        PersonName(given="Łukasz", family="Wójcik", title="dr"),
        OrganizationName("Ромашка", legal_form="ТОВ"),
        PostalAddress(street="ul. Marszałkowska", building="10", locality="Warszawa", country="PL"),
    ],
)
def test_parts_of_version_1_read_on_their_own(value):
    old = _v1(to_dict(value))
    assert old["schema_version"] == 1
    cls = ContactPoint if isinstance(value, PostalAddress) else type(value)
    assert from_dict(cls, old) == value


def test_version_1_documents_are_still_checked():
    old = _v1(to_dict(PostalAddress(locality="Київ", country="UA")))
    old["flat"] = ["5"]
    with pytest.raises(ValidationError) as info:
        from_dict(ContactPoint, old)
    assert info.value.field == "flat"
    broken = _document(1)
    broken["name"] = "Ромашка"
    with pytest.raises(ValidationError) as info:
        from_dict(Party, broken)
    assert (info.value.field, info.value.code) == ("name", "serialization.not_mapping")
    broken = _document(1)
    broken["contacts"] = [["not", "a", "contact"]]
    with pytest.raises(ValidationError) as info:
        from_dict(Party, broken)
    assert info.value.code == "serialization.not_mapping"


def test_a_current_document_needs_every_key():
    data = to_dict(PersonName(given="Anna", family="Nowak"))
    del data["middle"]
    with pytest.raises(ValidationError) as info:
        from_dict(PersonName, data)
    assert (info.value.field, info.value.code) == ("middle", "serialization.missing_field")


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"kind": "robot"}, "kind", "party.unknown_kind"),
        ({"contacts": "+48601234567"}, "contacts", "serialization.not_mapping"),
    ],
)
def test_a_version_1_party_of_another_shape_is_refused_as_any_other(change, field, code):
    with pytest.raises(ValidationError) as info:
        from_dict(Party, {**_document(1), **change})
    assert info.value.code == code
    assert info.value.field.startswith(field)

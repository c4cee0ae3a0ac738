"""Parties are stored as the JSON of their dict form and read back as they were."""

import json
from datetime import date
from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from crmcore.errors import StorageError
from crmcore.model import (
    Attributes,
    ClientProfile,
    EmailAddress,
    ExternalKey,
    Holding,
    Identifier,
    MessengerHandle,
    Party,
    PhoneLine,
    PhoneNumber,
    PostalAddress,
    ProspectProfile,
    Role,
    SupplierProfile,
    Website,
    from_dict,
    to_dict,
)
from crmcore.model._serialization import decode_party
from crmcore.storage._codec import dumps, loads, party_from_json, party_to_json
from crmcore.testing.strategies import parties

#: Documents as the stores of schema version 2 wrote them before the dict form
#: had one writer (the keys of a contact point and a role profile in another
#: order): they must still read as the parties they were written from.
STORED_ORGANIZATION = (
    '{"type":"party","schema_version":2,"id":"01a250f2-e36e-75e8-b5ff-08f792cff8f8","kind":"org'
    'anization","name":{"name":"Ромашка \\"Квіт\\"","legal_form":"ТОВ","trade_name":null,"elf_c'
    'ode":null,"descriptor":null},"display_name":"Ромашка","created_at":"2026-11-23T09:30:00+02'
    ':00","roles":["client","prospect","supplier"],"profiles":[{"role":"client","since":"2024-0'
    '1-02","until":null,"value_tier":"gold","potential":null,"segment":null,"preferred_channel"'
    ':null},{"role":"prospect","since":null,"until":null,"source":"fair","stage":"qualified"},{'
    '"role":"supplier","since":null,"until":null,"payment_terms":null,"lead_time_days":null,"su'
    'pplies":["flowers","seeds"]}],"contacts":[{"kind":"phone","primary":true,"label":"office",'
    '"source":null,"verified_at":null,"number":"+380441234567","line":"landline"},{"kind":"emai'
    'l","primary":false,"label":null,"source":null,"verified_at":"2026-11-24T10:00:00+00:00","a'
    'ddress":"info@romashka.ua"},{"kind":"postal","primary":false,"label":null,"source":null,"v'
    'erified_at":null,"street":"вул. Хрещатик","building":"1","flat":"5","postal_code":"01001",'
    '"locality":"Київ","region":null,"country":"UA","extra":"2nd floor"},{"kind":"website","pri'
    'mary":false,"label":null,"source":null,"verified_at":null,"url":"https://romashka.ua"},{"k'
    'ind":"messenger","primary":false,"label":null,"source":null,"verified_at":null,"service":"'
    'telegram","handle":"@romashka"}],"identifiers":[{"scheme":"edrpou","value":"32855961","cou'
    'ntry":"UA"}],"external_keys":[{"system":"erp","key":"C-1001"}],"attributes":{"channels":{"'
    'type":"set","value":["b2b","опт"]},"credit":{"type":"integer","value":12},"note":{"type":"'
    'text","value":"x"},"rate":{"type":"decimal","value":"1.50"},"since":{"type":"date","value"'
    ':"2020-05-01"},"vip":{"type":"boolean","value":true}},"tags":["a\\"b","b2b","опт"],"groups'
    '":["0190f1a2-0000-7000-8000-000000000001"],"holdings":[{"item":"Premium plan","kind":"serv'
    'ice","quantity":"2","since":"2025-01-01","until":null,"reference":"P-7"}],"customer_number'
    '":null,"version":3,"updated_at":"2026-11-25T08:00:00+01:00","deleted_at":null}'
)
STORED_PERSON = (
    '{"type":"party","schema_version":2,"id":"01a250f2-e36e-75e8-b5ff-08f792cff8f9","kind":"per'
    'son","name":{"given":"Olena","family":"Koval","patronymic":"Petrivna","title":null,"middle'
    '":null,"suffix":null},"display_name":"Olena Petrivna Koval","created_at":"2026-11-23T09:30'
    ':00+02:00","roles":[],"profiles":[],"contacts":[{"kind":"phone","primary":false,"label":nu'
    'll,"source":null,"verified_at":null,"number":"+48601234567","line":"mobile"}],"identifiers'
    '":[],"external_keys":[],"attributes":{},"tags":[],"groups":[],"holdings":[],"customer_numb'
    'er":null,"version":0,"updated_at":"2026-11-23T09:30:00+02:00","deleted_at":null}'
)


def _organization():
    return Party.organization(
        'Ромашка "Квіт"',
        legal_form="ТОВ",
        created_at="2026-11-23T09:30:00+02:00",
        id="01a250f2-e36e-75e8-b5ff-08f792cff8f8",
        display_name="Ромашка",
        roles=[Role.CLIENT, Role.SUPPLIER, Role.PROSPECT],
        profiles=[
            ClientProfile(value_tier="gold", since="2024-01-02"),
            SupplierProfile(supplies={"flowers", "seeds"}),
            ProspectProfile(source="fair", stage="qualified"),
        ],
        contacts=[
            PhoneNumber("+380441234567", line=PhoneLine.LANDLINE, primary=True, label="office"),
            EmailAddress("info@romashka.ua", verified_at="2026-11-24T10:00:00+00:00"),
            PostalAddress(
                street="вул. Хрещатик",
                building="1",
                flat="5",
                locality="Київ",
                postal_code="01001",
                country="UA",
                extra="2nd floor",
            ),
            Website("https://romashka.ua"),
            MessengerHandle("telegram", "@romashka"),
        ],
        identifiers=[Identifier("ua.edrpou", "32855961")],
        external_keys=[ExternalKey("erp", "C-1001")],
        attributes=Attributes(
            {
                "credit": 12,
                "vip": True,
                "rate": Decimal("1.50"),
                "since": date(2020, 5, 1),
                "channels": ["b2b", "опт"],
                "note": "x",
            }
        ),
        tags={"опт", "b2b", 'a"b'},
        groups={"0190f1a2-0000-7000-8000-000000000001"},
        holdings=[
            Holding(
                "Premium plan", kind="service", quantity="2", since="2025-01-01", reference="P-7"
            )
        ],
        version=3,
        updated_at="2026-11-25T08:00:00+01:00",
    )


def _person():
    return Party.person(
        given="Olena",
        family="Koval",
        patronymic="Petrivna",
        created_at="2026-11-23T09:30:00+02:00",
        id="01a250f2-e36e-75e8-b5ff-08f792cff8f9",
        contacts=[PhoneNumber("+48601234567", line="mobile")],
    )


def _fields(party):
    return [getattr(party, field.name) for field in attrs.fields(Party)]


@pytest.mark.parametrize(
    ("stored", "written"), [(STORED_ORGANIZATION, _organization), (STORED_PERSON, _person)]
)
def test_a_stored_document_of_the_current_version_reads_as_the_party_it_was(stored, written):
    party = written()
    read = party_from_json(stored)
    assert read == party
    assert _fields(read) == _fields(party)  # the display name as given, too
    assert read == from_dict(Party, json.loads(stored))
    # Written again, it is the same dict form.
    assert json.loads(party_to_json(read)) == json.loads(stored)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parties())
def test_reading_agrees_with_the_model(party):
    body = json.loads(json.dumps(to_dict(party)))
    assert decode_party(body) == from_dict(Party, body) == party
    assert party_from_json(party_to_json(party)) == party


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parties())
def test_the_stored_text_is_the_dict_forms_json(party):
    assert party_to_json(party) == dumps(to_dict(party))


def test_other_schema_versions_go_to_the_model():
    party = Party.person(family="Nowak", created_at="2026-11-23T09:30:00+01:00")
    body = to_dict(party)
    body["schema_version"] = 99
    with pytest.raises(StorageError) as caught:
        party_from_json(body)
    assert caught.value.code == "storage.corrupt_document"
    assert caught.value.field == "schema_version"


def test_an_unexpected_shape_is_read_by_the_model():
    party = Party.person(family="Nowak", created_at="2026-11-23T09:30:00+01:00")
    body = to_dict(party)
    del body["tags"]
    with pytest.raises(StorageError) as caught:
        party_from_json(body)
    assert caught.value.__cause__.code == "serialization.missing_field"


def test_a_document_that_is_not_json():
    with pytest.raises(StorageError) as caught:
        loads("{not json")
    assert caught.value.code == "storage.corrupt_document"

"""Junk in any field of any model class raises our ValidationError naming that field."""

from datetime import UTC, date, datetime
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crmcore.model as m
from crmcore.errors import ValidationError
from crmcore.ids import new_id

AT = datetime(2026, 11, 23, tzinfo=UTC)
MONEY = m.Money("1", "PLN")

# One valid set of arguments per class; the test spoils one field at a time.
VALID = {
    m.Money: {"amount": "1", "currency": "PLN"},
    m.PersonName: {"family": "Wójcik"},
    m.OrganizationName: {"name": "Ромашка"},
    m.PhoneNumber: {"number": "+48601234567"},
    m.EmailAddress: {"address": "a@b.pl"},
    m.Website: {"url": "https://b.pl"},
    m.MessengerHandle: {"service": "telegram", "handle": "@a"},
    m.PostalAddress: {"locality": "Київ"},
    m.Identifier: {"scheme": "nip", "value": "1"},
    m.ExternalKey: {"system": "1C", "key": "1"},
    m.ClientProfile: {},
    m.ProspectProfile: {},
    m.PartnerProfile: {},
    m.SupplierProfile: {},
    m.CompetitorProfile: {},
    m.Holding: {"item": "Hosting"},
    m.Group: {"name": "HoReCa"},
    m.Party: {"name": m.PersonName(family="Wójcik"), "created_at": AT},
    m.Affiliation: {"party_id": new_id(), "related_party_id": new_id(), "kind": "works_at"},
    m.Interaction: {
        "party_id": new_id(),
        "channel": "phone",
        "direction": "inbound",
        "occurred_at": AT,
    },
    m.OrderLine: {"item": "a", "quantity": 1, "amount": MONEY},
    m.Purchase: {"party_id": new_id(), "lines": [m.OrderLine("a", 1, MONEY)], "occurred_at": AT},
    m.Campaign: {"name": "x", "starts_on": date(2026, 1, 1)},
    m.AttributeDefinition: {"name": "age", "value_type": "integer"},
    m.AttributeSchema: {"definitions": []},
    m.GroupTree: {"groups": []},
}

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=5),
    st.just(""),
    st.just("\x00"),
    st.just("x" * 1001),
    st.binary(max_size=3),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.just(object()),
    st.just(Decimal("NaN")),
    st.just(datetime(2026, 1, 1)),  # noqa: DTZ001
    st.just(date(2026, 1, 1)),
    st.just(MONEY),
)

FIELDS = [(cls, field.alias) for cls in VALID for field in attrs.fields(cls) if field.init]


def test_every_model_class_is_covered():
    classes = {getattr(m, name) for name in m.__all__}
    model_classes = {cls for cls in classes if isinstance(cls, type) and attrs.has(cls)}
    assert model_classes - {m.ContactPoint, m.RoleProfile} == set(VALID)


@pytest.mark.parametrize(("cls", "field"), FIELDS, ids=[f"{c.__name__}.{f}" for c, f in FIELDS])
@settings(max_examples=25, deadline=None)
@given(junk=JUNK)
def test_junk_raises_only_our_error_naming_the_field(cls, field, junk):
    try:
        cls(**{**VALID[cls], field: junk})
    except ValidationError as error:
        caught = error
    else:
        return
    assert caught.field is not None
    assert caught.code
    assert caught.field.split(".")[0].split("[")[0] == field, caught

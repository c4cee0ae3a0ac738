"""Every entity survives the dict form, and a trip through JSON, unchanged."""

import json

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.model import (
    Affiliation,
    AttributeDefinition,
    AttributeSchema,
    Campaign,
    ContactKind,
    ContactPoint,
    ExternalKey,
    Group,
    Holding,
    Identifier,
    Interaction,
    Money,
    OrderLine,
    OrganizationName,
    Party,
    PersonName,
    Purchase,
    Role,
    RoleProfile,
    from_dict,
    to_dict,
)
from crmcore.testing import strategies as s

CASES = [
    (Party, s.parties()),
    (Affiliation, s.affiliations()),
    (Interaction, s.interactions()),
    (Purchase, s.purchases()),
    (Campaign, s.campaigns()),
    (Group, s.groups()),
    (AttributeSchema, s.attribute_schemas()),
    (AttributeDefinition, s.attribute_definitions()),
    (Money, s.money()),
    (ContactPoint, s.contact_points()),
    (RoleProfile, s.role_profiles()),
    (Identifier, s.identifiers()),
    (ExternalKey, s.external_keys()),
    (Holding, s.holdings()),
    (OrderLine, s.order_lines()),
    (PersonName, s.person_names()),
    (OrganizationName, s.organization_names()),
]


def _json_round_trip(data):
    return json.loads(json.dumps(data, ensure_ascii=False))


@pytest.mark.parametrize(("cls", "strategy"), CASES, ids=[c.__name__ for c, _ in CASES])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_dict_form_round_trips(cls, strategy, data):
    entity = data.draw(strategy)
    form = to_dict(entity)
    back = from_dict(cls, _json_round_trip(form))
    assert back == entity
    assert type(back) is type(entity)
    assert to_dict(back) == form


@settings(max_examples=60, deadline=None)
@given(s.parties())
def test_party_dict_form_is_deterministic_and_plain(party):
    first = json.dumps(to_dict(party), ensure_ascii=False)
    again = json.dumps(to_dict(attrs.evolve(party)), ensure_ascii=False)
    assert first == again
    assert list(to_dict(party))[:4] == ["type", "schema_version", "id", "kind"]


@settings(max_examples=30, deadline=None)
@given(s.entities())
def test_entities_hash_and_compare_by_value(entity):
    assert entity == attrs.evolve(entity)
    assert hash(entity) == hash(attrs.evolve(entity))


@pytest.mark.parametrize("kind", list(ContactKind))
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_contact_points_of_one_kind(kind, data):
    assert data.draw(s.contact_points(kind)).kind is kind


@pytest.mark.parametrize("role", list(Role))
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_profiles_of_one_role(role, data):
    assert data.draw(s.role_profiles(role)).role is role

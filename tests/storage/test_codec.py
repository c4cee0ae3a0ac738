import json

import pytest
from hypothesis import HealthCheck, given, settings

from crmcore.errors import StorageError
from crmcore.model import Party, from_dict, to_dict
from crmcore.storage._codec import (
    decode_party,
    encode_party,
    loads,
    party_from_json,
    party_to_json,
)
from crmcore.testing.strategies import parties


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parties())
def test_the_stored_form_is_the_models_dict_form(party):
    assert encode_party(party) == to_dict(party)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parties())
def test_reading_agrees_with_the_model(party):
    body = json.loads(json.dumps(to_dict(party)))
    assert decode_party(body) == from_dict(Party, body) == party
    assert party_from_json(party_to_json(party)) == party


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

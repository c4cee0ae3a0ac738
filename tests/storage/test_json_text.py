"""The compiled JSON writers write exactly the text of the dict form."""

import json
from datetime import date
from decimal import Decimal

import attrs
from hypothesis import HealthCheck, given, settings

from crmcore.model import Attributes, Party, PartyKind, to_dict
from crmcore.storage._codec import _encode_object, dumps, encode_party
from crmcore.storage._json_text import _object_json, party_json
from crmcore.testing.strategies import parties


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parties())
def test_the_text_is_the_dict_forms_text(party):
    text = party_json(party)
    assert text == dumps(encode_party(party))
    assert json.loads(text) == json.loads(json.dumps(to_dict(party)))


def test_text_that_needs_escaping_and_attributes():
    party = Party.organization(
        'Ромашка "Квіт" \\ ТОВ',
        created_at="2026-11-23T09:30:00+01:00",
        tags={"опт", "b2b", 'a"b'},
        attributes=Attributes({"credit": 12, "vip": True, "since": "2020"}),
    )
    assert party_json(party) == dumps(encode_party(party))


@attrs.frozen
class _Sample:
    numbers: frozenset[int]
    steps: tuple[int, ...]
    amount: Decimal | None
    on: date
    kind: PartyKind | None = None


def test_types_outside_a_party_are_written_as_the_dict_form():
    sample = _Sample(frozenset({3, 1, 2}), (5, 4), Decimal("1.50"), date(2026, 11, 23))
    assert _object_json(sample) == dumps(_encode_object(sample))
    assert json.loads(_object_json(sample)) == {
        "numbers": [1, 2, 3],
        "steps": [5, 4],
        "amount": "1.50",
        "on": "2026-11-23",
        "kind": None,
    }

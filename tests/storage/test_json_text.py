"""The compiled JSON writers write exactly the text of the dict form."""

import json

from hypothesis import HealthCheck, given, settings

from crmcore.model import Attributes, Party, to_dict
from crmcore.storage._codec import dumps, encode_party
from crmcore.storage._json_text import party_json
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

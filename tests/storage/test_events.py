import uuid
from datetime import UTC, datetime

import pytest

from crmcore.errors import ValidationError
from crmcore.storage import Event

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def test_payload_is_copied_and_normalised():
    payload = {"a": (1, 2), "b": {"c": [None, True, 1.5, "ż"]}}
    event = Event(stream="s", type="t", occurred_at=NOW, payload=payload)
    assert event.payload == {"a": [1, 2], "b": {"c": [None, True, 1.5, "ż"]}}
    payload["b"]["c"].append("x")
    assert event.payload["b"]["c"] == [None, True, 1.5, "ż"]
    assert hash(event) == hash(Event(stream="s", type="t", occurred_at=NOW, id=event.id))


def test_ids_from_text():
    party_id = uuid.uuid4()
    event = Event(stream="s", type="t", occurred_at=NOW, id=str(party_id), party_id=str(party_id))
    assert event.id == event.party_id == party_id


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"stream": ""}, "event.invalid_stream"),
        ({"stream": 5}, "event.invalid_stream"),
        ({"type": "x" * 201}, "event.invalid_type"),
        ({"occurred_at": datetime(2026, 1, 1)}, "event.invalid_moment"),  # noqa: DTZ001
        ({"recorded_at": "2026-01-01"}, "event.invalid_moment"),
        ({"id": "not-a-uuid"}, "event.invalid_id"),
        ({"party_id": 42}, "event.invalid_id"),
        ({"schema_version": 0}, "event.invalid_schema_version"),
        ({"payload": [1]}, "event.not_json"),
        ({"payload": {"x": float("nan")}}, "event.not_json"),
        ({"payload": {"x": {1: "a"}}}, "event.not_json"),
        ({"payload": {"x": {"y", "z"}}}, "event.not_json"),
        ({"payload": {"x": b"bytes"}}, "event.not_json"),
    ],
)
def test_bad_events(fields, code):
    base = {"stream": "s", "type": "t", "occurred_at": NOW}
    with pytest.raises(ValidationError) as caught:
        Event(**{**base, **fields})
    assert caught.value.code == code


def test_deep_payloads_are_refused():
    deep: dict = {}
    node = deep
    for _ in range(100):
        node["x"] = {}
        node = node["x"]
    with pytest.raises(ValidationError) as caught:
        Event(stream="s", type="t", occurred_at=NOW, payload=deep)
    assert caught.value.code == "event.not_json"

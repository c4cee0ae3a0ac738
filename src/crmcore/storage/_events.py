"""Events: facts appended to a log, read back in order, never changed."""

from __future__ import annotations

import math
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import TypeAlias

import attrs

from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.ids import new_id
from crmcore.model._checks import check_characters

__all__ = [
    "ERASED",
    "RETAINED",
    "Event",
    "JsonValue",
    "erased_payload",
    "not_a_moment",
    "to_stream",
]

#: A JSON-compatible value: what an event's payload is made of.
JsonValue: TypeAlias = "bool | int | float | str | list[JsonValue] | dict[str, JsonValue] | None"

#: The type of the tombstone event a store appends when it erases a party.
ERASED = "party.erased"
#: The member of a payload that outlives its party's erasure, if it is a mapping.
RETAINED = "retained"

_MAX_NAME = 200
#: Why a stream or a type is refused, one message per field.
_NOT_A_NAME = {
    "stream": N_("the stream is not a short, non-empty text"),
    "type": N_("the type is not a short, non-empty text"),
}
_MAX_DEPTH = 64


def _name(value: object, field: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > _MAX_NAME:
        raise ValidationError(
            _NOT_A_NAME[field],
            code=f"event.invalid_{field}",
            field=field,
            value=value,
            hint=N_('a dotted name such as "consent.granted", at most 200 characters'),
        )
    return check_characters(value, field)


def to_stream(value: object) -> str:
    """Return ``value`` as an event's stream holds it, or raise ``event.invalid_stream``."""
    return _name(value, "stream")


def _to_type(value: object) -> str:
    return _name(value, "type")


def not_a_moment(value: object, field: str) -> ValidationError:
    """Return the error for ``value`` where an aware datetime is wanted."""
    return ValidationError(
        N_("the moment is not a timezone-aware datetime"),
        code="event.invalid_moment",
        field=field,
        value=value,
        hint=N_("a datetime with a timezone, such as datetime.now(UTC)"),
    )


def _moment(value: object, field: str) -> datetime:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise not_a_moment(value, field)
    return value


def _to_occurred_at(value: object) -> datetime:
    return _moment(value, "occurred_at")


def _to_recorded_at(value: object) -> datetime | None:
    return None if value is None else _moment(value, "recorded_at")


def _to_id(value: object) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    return _uuid_text(value, "id")


def _to_party_id(value: object) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    return _uuid_text(value, "party_id")


def _uuid_text(value: object, field: str) -> uuid.UUID:
    error = ValidationError(
        N_("the value is not a UUID"),
        code="event.invalid_id",
        field=field,
        value=value,
        hint=N_("a UUID such as 01890a5d-ac96-774b-bcce-b302099a8057"),
    )
    if not isinstance(value, str):
        raise error
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        raise error from exc


def _to_schema_version(value: object) -> int:
    if type(value) is not int or value < 1:
        raise ValidationError(
            N_("the schema version is not a positive integer"),
            code="event.invalid_schema_version",
            field="schema_version",
            value=value,
            hint="1, 2, ...",
        )
    return value


def _json(value: object, path: str, depth: int) -> JsonValue:
    if isinstance(value, str):  # free text, any character but a lone surrogate
        return check_characters(value, path, controls=False)
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
    elif depth < _MAX_DEPTH:
        if isinstance(value, Mapping):
            result: dict[str, JsonValue] = {}
            for key, item in value.items():
                if not isinstance(key, str):
                    break
                check_characters(key, f"{path}.{key}", controls=False)
                result[key] = _json(item, f"{path}.{key}", depth + 1)
            else:
                return result
        elif isinstance(value, list | tuple):
            return [_json(item, f"{path}[{index}]", depth + 1) for index, item in enumerate(value)]
    raise ValidationError(
        N_("the value is not JSON-compatible"),
        code="event.not_json",
        field=path,
        value=value,
        hint=N_("text, a number, true/false, null, a list or a mapping with text keys"),
    )


def _to_payload(value: object) -> dict[str, JsonValue]:
    if not isinstance(value, Mapping):
        raise ValidationError(
            N_("the payload is not a mapping"),
            code="event.not_json",
            field="payload",
            value=value,
            hint=N_('a mapping with text keys, such as {"channel": "email"}'),
        )
    result = _json(value, "payload", 0)
    assert isinstance(result, dict)  # noqa: S101 - a Mapping reads as a dict
    return result


def erased_payload(payload: dict[str, JsonValue]) -> dict[str, JsonValue]:
    """Return what is kept of an event's payload when its party is erased.

    Only its ``"retained"`` member, if that is a mapping: the part its
    writer chose to keep, without what identifies the party (the consent
    ledger keeps its minimal proof there). Anything else goes.

    >>> erased_payload({"email": "anna@example.pl", "retained": {"purpose": "newsletter"}})
    {'retained': {'purpose': 'newsletter'}}
    >>> erased_payload({"email": "anna@example.pl", "retained": "anna@example.pl"})
    {}
    """
    kept = payload.get(RETAINED)
    return {RETAINED: kept} if isinstance(kept, dict) else {}


@attrs.frozen(kw_only=True)
class Event:
    """Something that happened, as appended to a store's event log.

    Events are appended and read back in the order they were appended; they
    are never updated, with one exception: erasing a party empties the
    payloads of its events, but for a ``"retained"`` member that is a
    mapping, which stays (see :func:`erased_payload` and
    :meth:`~crmcore.storage.Parties.erase`). A writer puts there only what
    may outlive the party: nothing that identifies it.

    Attributes:
        stream: The stream the event belongs to (``"consent"``,
            ``"party.<id>"``): what a reader asks for.
        type: What happened (``"consent.granted"``).
        occurred_at: When it happened (timezone-aware).
        payload: The facts, as a JSON-compatible mapping (copied on the way in:
            tuples become lists); its ``"retained"`` member, a mapping,
            outlives the party's erasure.
        party_id: The party the event is about, if any: erasure finds events by it.
        id: The event's id (a UUIDv7 by default).
        recorded_at: When the store appended it; set by the store.
        schema_version: The version of the payload's shape, for its readers.

    >>> from datetime import UTC, datetime
    >>> event = Event(stream="consent", type="consent.granted",
    ...               occurred_at=datetime(2026, 11, 23, 9, 30, tzinfo=UTC),
    ...               payload={"channel": "email", "purposes": ("marketing",)})
    >>> event.payload, event.recorded_at
    ({'channel': 'email', 'purposes': ['marketing']}, None)
    """

    stream: str = attrs.field(converter=to_stream)
    type: str = attrs.field(converter=_to_type)
    occurred_at: datetime = attrs.field(converter=_to_occurred_at)
    payload: dict[str, JsonValue] = attrs.field(factory=dict, converter=_to_payload, hash=False)
    party_id: uuid.UUID | None = attrs.field(default=None, converter=_to_party_id)
    id: uuid.UUID = attrs.field(factory=new_id, converter=_to_id)
    recorded_at: datetime | None = attrs.field(default=None, converter=_to_recorded_at)
    schema_version: int = attrs.field(default=1, converter=_to_schema_version)

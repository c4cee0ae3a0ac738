"""What every backend does the same way when it writes: stamping, numbering, errors.

Keeping these in one place is what makes the backends agree: the memory
store (the reference) and the SQL stores assign versions, times and customer
numbers here, and raise the same errors with the same codes.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Final

import attrs

from crmcore._i18n import N_
from crmcore.errors import ConflictError, NotFoundError
from crmcore.ids import CustomerNumberGenerator
from crmcore.model import Party
from crmcore.model._document import set_fields
from crmcore.storage._events import ERASED, Event

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from crmcore.ids import CustomerNumberSource

__all__ = [
    "ERASURE_STREAM",
    "CurrentNumbers",
    "check_update",
    "conflict",
    "deleted",
    "duplicate_id",
    "erased_event",
    "event_recorded",
    "not_found",
    "stale",
    "stamped_new",
    "stamped_new_all",
    "stamped_update",
    "stamper",
    "utc_now",
]

#: The stream the tombstones of erased parties are appended to.
ERASURE_STREAM: Final = "party"

_PARTY_FIELDS = attrs.fields(Party)
_TO_NUMBER: Final[Callable[[object], str]] = _PARTY_FIELDS.customer_number.converter  # type: ignore[assignment]

# A party is copied without running ``__init__``: its fields fetched at once,
# then set on a new instance through the slots. Storage stamps parties by the
# hundred thousand.
_INDEX: Final = {name: index for index, name in enumerate(attrs.fields_dict(Party))}
_values: Final = attrgetter(*_INDEX)
_set_all: Final = set_fields(Party)
_VERSION, _NUMBER, _UPDATED_AT = _INDEX["version"], _INDEX["customer_number"], _INDEX["updated_at"]


def _built(values: list[Any]) -> Party:
    """Return a new party whose fields are ``values``, in the order of its fields."""
    party: Party = object.__new__(Party)
    _set_all(party, values)
    return party


def utc_now() -> datetime:
    """Return the current moment in UTC: the stores' default clock."""
    return datetime.now(UTC)


def _converted(name: str, value: object) -> Any:  # noqa: ANN401 - a field's value
    """Return ``value`` passed through the converter of Party's field ``name``."""
    converter: Callable[[Any], Any] | None = getattr(_PARTY_FIELDS, name).converter
    return value if converter is None else converter(value)


def _with(party: Party, **changes: Any) -> Party:  # noqa: ANN401 - field values
    """Return a copy of ``party`` with ``changes``, each passed through its field's converter.

    The same conversion :func:`attrs.evolve` applies, without validating the
    unchanged fields again: none of the fields a store changes takes part in
    a check across fields. Storage writes parties by the hundred thousand.
    """
    values = list(_values(party))
    for name, value in changes.items():
        values[_INDEX[name]] = _converted(name, value)
    return _built(values)


def stamped_new(party: Party, *, numbers: CustomerNumberSource, now: datetime) -> Party:
    """Return ``party`` as a store keeps it when added: version 1, a number, ``updated_at``."""
    number = party.customer_number if party.customer_number is not None else numbers.new()
    return _with(party, version=1, customer_number=number, updated_at=now)


def stamper(*, numbers: CustomerNumberSource, now: datetime) -> Callable[[Party], Party]:
    """Return a function that does what :func:`stamped_new` does, ``now`` converted once."""
    version, updated_at = _converted("version", 1), _converted("updated_at", now)
    to_number, values_of, built = _TO_NUMBER, _values, _built
    issue = numbers.new if type(numbers) in _CANONICAL_SOURCES else None

    def stamp(party: Party) -> Party:
        values = list(values_of(party))
        number = values[_NUMBER]
        if number is None and issue is not None:
            values[_NUMBER] = issue()
        else:
            values[_NUMBER] = to_number(numbers.new() if number is None else number)
        values[_VERSION] = version
        values[_UPDATED_AT] = updated_at
        return built(values)

    return stamp


class CurrentNumbers:
    """The number source a store holds now, asked anew for each number; numbers checked.

    For writes that may outlive the store's source (a rolled-back transaction
    can make a store replace its generator). The numbers it returns are
    canonical: those of crmcore's own generator as issued, any other's checked.
    """

    __slots__ = ("_source",)

    def __init__(self, source: Callable[[], CustomerNumberSource]) -> None:
        self._source = source

    def new(self) -> str:
        """Return a new canonical number from the store's source of now."""
        numbers = self._source()
        number = numbers.new()
        return number if type(numbers) is CustomerNumberGenerator else _TO_NUMBER(number)


# crmcore's own generator issues canonical numbers by construction
# (tests/ids/test_issued_numbers_are_canonical.py checks it for every layout),
# and numbers are unique, so checking one again is never answered from a
# cache: only a number from another source, or one the party brings, is checked.
_CANONICAL_SOURCES: Final = frozenset({CustomerNumberGenerator, CurrentNumbers})


def stamped_new_all(
    parties: Iterable[Party], *, numbers: CustomerNumberSource, now: datetime
) -> list[Party]:
    """Return each of ``parties`` as :func:`stamped_new` does, ``now`` converted once."""
    return list(map(stamper(numbers=numbers, now=now), parties))


def check_update(party: Party, stored: tuple[int, str] | None) -> str:
    """Check that ``party`` may replace the stored one; return the customer number to keep.

    Args:
        party: The party to write.
        stored: The stored party's version and customer number, or ``None``.

    Raises:
        NotFoundError: ``party.not_found`` if nothing is stored.
        ConflictError: ``party.stale_version`` or ``party.customer_number_changed``.
    """
    if stored is None:
        raise not_found("party", party.id)
    version, number = stored
    if party.version != version:
        raise stale(party.version, version)
    if party.customer_number is not None and party.customer_number != number:
        raise ConflictError(
            N_("a customer number cannot change"),
            code="party.customer_number_changed",
            field="customer_number",
            value=party.customer_number,
            hint=number,
        )
    return number


def stale(given: int, stored: int | None) -> ConflictError:
    """Return the error for an update whose version is not the stored one."""
    return ConflictError(
        N_("the party was changed by someone else since it was read"),
        code="party.stale_version",
        field="version",
        value=given,
        hint=N_(
            "read the party again (stored version {version}) and reapply the change",
            version=stored,
        ),
    )


def stamped_update(party: Party, *, number: str, now: datetime) -> Party:
    """Return ``party`` as a store keeps it when updated: version + 1, ``updated_at``."""
    return _with(party, version=party.version + 1, customer_number=number, updated_at=now)


def deleted(stored: Party, *, now: datetime) -> Party:
    """Return ``stored`` soft-deleted ``now`` (version + 1)."""
    return _with(stored, version=stored.version + 1, deleted_at=now, updated_at=now)


_EVENT_FIELDS: Final = {name: index for index, name in enumerate(attrs.fields_dict(Event))}
_event_values: Final = attrgetter(*_EVENT_FIELDS)
_set_event: Final = set_fields(Event)
_RECORDED_AT: Final = _EVENT_FIELDS["recorded_at"]


def event_recorded(event: Event, now: datetime) -> Event:
    """Return ``event`` as a store appends it: ``recorded_at`` set to ``now``, an aware moment.

    What ``attrs.evolve(event, recorded_at=now)`` returns, without checking
    the event's fields (its payload above all) again: they were checked when
    it was made. The payload is the event's own, not a copy: for a store that
    writes the event out at once (a SQL store), not for one that keeps it.
    """
    values = list(_event_values(event))
    values[_RECORDED_AT] = now
    recorded: Event = object.__new__(Event)
    _set_event(recorded, values)
    return recorded


def erased_event(party_id: uuid.UUID, *, now: datetime) -> Event:
    """Return the tombstone appended when ``party_id`` is erased."""
    return Event(
        stream=ERASURE_STREAM, type=ERASED, occurred_at=now, party_id=party_id, recorded_at=now
    )


#: Nothing stored under a key, one message per entity and key.
_NOT_FOUND: Final = {
    ("party", "id"): N_("no party is stored under that id"),
    ("party", "customer_number"): N_("no party is stored under that customer number"),
    ("affiliation", "id"): N_("no affiliation is stored under that id"),
    ("interaction", "id"): N_("no interaction is stored under that id"),
    ("purchase", "id"): N_("no purchase is stored under that id"),
    ("campaign", "id"): N_("no campaign is stored under that id"),
    ("event", "id"): N_("no event is stored under that id"),
}

#: A second entity with a stored one's id, one message per entity.
_DUPLICATE_ID: Final = {
    "party": N_("a party with this id is already stored"),
    "affiliation": N_("an affiliation with this id is already stored"),
    "interaction": N_("an interaction with this id is already stored"),
    "purchase": N_("a purchase with this id is already stored"),
    "campaign": N_("a campaign with this id is already stored"),
    "event": N_("an event with this id is already stored"),
}


def not_found(entity: str, key: object, *, field: str = "id") -> NotFoundError:
    """Return the error for a missing ``entity`` (``"party"``, ``"interaction"``, ...)."""
    return NotFoundError(
        _NOT_FOUND.get((entity, field))
        or N_(
            "no {entity} is stored under that {key}",
            entity=entity,
            key=field.replace("_", " "),
        ),
        code=f"{entity}.not_found",
        field=field,
        value=str(key) if isinstance(key, uuid.UUID) else key,
    )


def duplicate_id(entity: str, key: object) -> ConflictError:
    """Return the error for a second ``entity`` with the id of a stored one."""
    return ConflictError(
        _DUPLICATE_ID.get(entity) or N_("a {entity} with this id is already stored", entity=entity),
        code=f"{entity}.duplicate_id",
        field="id",
        value=None if key is None else str(key),
        hint=N_("a new id, or update the stored one"),
    )


_DUPLICATES: Final = {
    "customer_number": (
        "party.duplicate_customer_number",
        N_("another party has this customer number"),
    ),
    "identifiers": ("party.duplicate_identifier", N_("another party holds this identifier")),
    "external_keys": ("party.duplicate_external_key", N_("another party has this external key")),
}


def conflict(field: str, value: object) -> ConflictError:
    """Return the error for a party whose unique ``field`` is another party's."""
    code, message = _DUPLICATES[field]
    return ConflictError(
        message,
        code=code,
        field=field,
        value=value,
        hint=N_("each value at most once in the store"),
    )

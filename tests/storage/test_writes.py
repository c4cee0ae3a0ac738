"""The errors of the shared write rules carry all their data, not only their code.

Every backend raises these errors; an application shows their message and
hint and reads their field and value, so each is checked whole.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from crmcore.errors import ConflictError, NotFoundError
from crmcore.model import Party
from crmcore.storage import _writes as writes
from crmcore.storage._events import ERASED

WHEN = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
NUMBER = "20261105093015007000044"
OTHER = "20261123073000007000428"


def _party(**changes):
    return Party.person(given="Olena", family="Koval", created_at=WHEN, **changes)


def _data(error):
    return (type(error), error.code, error.field, error.value, str(error.message), error.hint)


def test_an_update_of_nothing_stored_is_not_found():
    party = _party(version=2)
    with pytest.raises(NotFoundError) as info:
        writes.check_update(party, None)
    assert _data(info.value) == (
        NotFoundError,
        "party.not_found",
        "id",
        str(party.id),
        "no party is stored under that id",
        None,
    )


@pytest.mark.parametrize(("given", "stored"), [(2, 3), (3, 2), (0, 1), (7, 57)])
def test_an_update_of_another_version_is_stale(given, stored):
    with pytest.raises(ConflictError) as info:
        writes.check_update(_party(version=given), (stored, NUMBER))
    error = info.value
    assert _data(error)[:5] == (
        ConflictError,
        "party.stale_version",
        "version",
        given,
        "the party was changed by someone else since it was read",
    )
    assert str(error.hint) == (
        f"read the party again (stored version {stored}) and reapply the change"
    )


def test_a_changed_customer_number_is_refused_with_the_stored_one_as_hint():
    party = _party(version=4, customer_number=OTHER)
    with pytest.raises(ConflictError) as info:
        writes.check_update(party, (4, NUMBER))
    assert _data(info.value) == (
        ConflictError,
        "party.customer_number_changed",
        "customer_number",
        OTHER,
        "a customer number cannot change",
        NUMBER,
    )


@pytest.mark.parametrize("number", [None, NUMBER])
def test_an_update_of_the_stored_version_keeps_the_stored_number(number):
    assert writes.check_update(_party(version=4, customer_number=number), (4, NUMBER)) == NUMBER


@pytest.mark.parametrize(
    ("entity", "field", "message"),
    [
        ("party", "id", "no party is stored under that id"),
        ("party", "customer_number", "no party is stored under that customer number"),
        ("interaction", "id", "no interaction is stored under that id"),
        ("event", "id", "no event is stored under that id"),
        ("party", "external_key", "no party is stored under that external key"),
    ],
)
def test_not_found_names_the_entity_and_the_key(entity, field, message):
    key = uuid.UUID("01a24f04-592a-70eb-a41a-ef0785196ea4")
    error = writes.not_found(entity, key, field=field)
    assert _data(error) == (NotFoundError, f"{entity}.not_found", field, str(key), message, None)
    assert writes.not_found(entity, NUMBER, field=field).value == NUMBER


def test_a_second_entity_with_a_stored_id_is_a_conflict():
    key = uuid.UUID("01a24f04-592a-70eb-a41a-ef0785196ea4")
    error = writes.duplicate_id("purchase", key)
    assert _data(error)[:5] == (
        ConflictError,
        "purchase.duplicate_id",
        "id",
        str(key),
        "a purchase with this id is already stored",
    )
    assert str(error.hint) == "a new id, or update the stored one"
    assert writes.duplicate_id("party", None).value is None


@pytest.mark.parametrize(
    ("field", "code", "message"),
    [
        (
            "customer_number",
            "party.duplicate_customer_number",
            "another party has this customer number",
        ),
        ("identifiers", "party.duplicate_identifier", "another party holds this identifier"),
        ("external_keys", "party.duplicate_external_key", "another party has this external key"),
    ],
)
def test_a_unique_value_of_another_party_is_a_conflict(field, code, message):
    error = writes.conflict(field, "PL5260250274")
    assert _data(error)[:5] == (ConflictError, code, field, "PL5260250274", message)
    assert str(error.hint) == "each value at most once in the store"


def test_an_erasure_leaves_a_tombstone_of_its_party_and_moment():
    party_id = uuid.UUID("01a24f04-592a-70eb-a41a-ef0785196ea4")
    event = writes.erased_event(party_id, now=WHEN)
    assert (event.stream, event.type, event.party_id) == (writes.ERASURE_STREAM, ERASED, party_id)
    assert event.occurred_at == event.recorded_at == WHEN


def test_a_deletion_and_an_update_stamp_version_and_moment():
    later = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    stored = _party(version=3, customer_number=NUMBER)
    gone = writes.deleted(stored, now=later)
    assert (gone.version, gone.deleted_at, gone.updated_at) == (4, later, later)
    updated = writes.stamped_update(_party(version=3), number=NUMBER, now=later)
    assert (updated.version, updated.customer_number, updated.updated_at) == (4, NUMBER, later)

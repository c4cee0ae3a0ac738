"""The errors of the shared write rules carry all their data, not only their code.

Every backend raises these errors; an application shows their message and
hint and reads their field and value, so each is checked whole.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import attrs
import pytest

from crmcore._i18n import translations
from crmcore.errors import ConflictError, NotFoundError, localize
from crmcore.model import Party
from crmcore.storage import _writes as writes
from crmcore.storage._events import ERASED

WHEN = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
LATER = datetime(2026, 12, 1, 9, 0, tzinfo=timezone(timedelta(hours=2)))  # Athens, Kyiv
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
    assert writes.not_found(entity, 7, field=field).value == 7  # only a UUID becomes text


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


class _Numbers:
    """A number source handing out the given numbers in turn."""

    def __init__(self, *numbers):
        self.left = list(numbers)

    def new(self):
        return self.left.pop(0)


def _unstamped(party):
    return attrs.evolve(party, version=0, customer_number=None, updated_at=party.created_at)


@pytest.mark.parametrize("stamp", ["one", "many"])
def test_a_new_party_gets_version_1_the_moment_and_its_own_or_the_next_number(stamp):
    given = _party(version=5, customer_number=OTHER, tags={"vip"})
    bare = _party(version=0, tags={"опт"})
    numbers = _Numbers(NUMBER, "20261201070000007000158")
    if stamp == "one":
        stamped = [writes.stamped_new(p, numbers=numbers, now=LATER) for p in (given, bare)]
    else:
        stamped = writes.stamped_new_all([given, bare], numbers=numbers, now=LATER)
    assert [(p.version, p.customer_number, p.updated_at) for p in stamped] == [
        (1, OTHER, LATER),
        (1, NUMBER, LATER),
    ]
    assert numbers.left == ["20261201070000007000158"]  # a given number takes none
    assert [_unstamped(p) for p in stamped] == [_unstamped(given), _unstamped(bare)]


def test_the_stamps_are_read_as_the_fields_read_them():
    # A moment written as ISO 8601 text is read as the field reads it.
    stamp = writes.stamper(numbers=_Numbers(NUMBER), now="2026-12-01T09:00:00+02:00")
    assert stamp(_party()).updated_at == LATER
    updated = writes.stamped_update(_party(version=2), number=OTHER, now="2026-12-01T07:00Z")
    assert (updated.version, updated.updated_at) == (3, LATER)


def test_the_default_clock_tells_utc():
    before = datetime.now(UTC)
    now = writes.utc_now()
    assert now.tzinfo is UTC
    assert before <= now <= datetime.now(UTC)


def test_a_deletion_changes_nothing_else():
    stored = _party(version=3, customer_number=NUMBER, tags={"χονδρική"})
    gone = writes.deleted(stored, now=LATER)
    assert attrs.evolve(gone, version=3, deleted_at=None, updated_at=stored.updated_at) == stored


_LANGUAGES = ("pl", "uk", "ru", "el", "de")


@pytest.mark.parametrize(
    ("entity", "field", "message"),
    [
        ("party", "id", "no party is stored under that id"),
        ("party", "customer_number", "no party is stored under that customer number"),
        ("affiliation", "id", "no affiliation is stored under that id"),
        ("interaction", "id", "no interaction is stored under that id"),
        ("purchase", "id", "no purchase is stored under that id"),
        ("campaign", "id", "no campaign is stored under that id"),
        ("event", "id", "no event is stored under that id"),
    ],
)
def test_each_known_thing_not_found_has_a_sentence_translated_whole(entity, field, message):
    # Not the general pattern with the entity put in: a language that inflects
    # its nouns needs the whole sentence ("żadnego zakupu", "żadnej kampanii").
    error = writes.not_found(entity, NUMBER, field=field)
    assert error.message.msgid == message
    for language in _LANGUAGES:
        translated = localize(error, language).message
        assert translated == translations(language).gettext(message) != message


def test_an_unknown_thing_not_found_is_told_by_the_general_sentence():
    error = writes.not_found("note", "ab-12", field="external_key")
    assert error.message.msgid == "no {entity} is stored under that {key}"
    assert _data(error) == (
        NotFoundError,
        "note.not_found",
        "external_key",
        "ab-12",
        "no note is stored under that external key",
        None,
    )


@pytest.mark.parametrize(
    ("entity", "message"),
    [
        ("party", "a party with this id is already stored"),
        ("affiliation", "an affiliation with this id is already stored"),
        ("interaction", "an interaction with this id is already stored"),
        ("purchase", "a purchase with this id is already stored"),
        ("campaign", "a campaign with this id is already stored"),
        ("event", "an event with this id is already stored"),
    ],
)
def test_each_known_thing_stored_twice_has_a_sentence_translated_whole(entity, message):
    key = uuid.UUID("01a24f04-592a-70eb-a41a-ef0785196ea4")
    error = writes.duplicate_id(entity, key)
    assert _data(error)[:5] == (ConflictError, f"{entity}.duplicate_id", "id", str(key), message)
    assert error.message.msgid == message
    for language in _LANGUAGES:
        translated = localize(error, language).message
        assert translated == translations(language).gettext(message) != message


def test_an_unknown_thing_stored_twice_is_told_by_the_general_sentence():
    error = writes.duplicate_id("note", 42)
    assert error.message.msgid == "a {entity} with this id is already stored"
    assert _data(error)[:5] == (
        ConflictError,
        "note.duplicate_id",
        "id",
        "42",
        "a note with this id is already stored",
    )

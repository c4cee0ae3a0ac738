"""crmcore.storage.backend is enough to key parties as the shipped stores do."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.errors import ConflictError, NotFoundError, ValidationError
from crmcore.model import ContactKind, Party
from crmcore.storage import MemoryStore, backend
from crmcore.testing import SequenceNumbers, strategies

_NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def _index(parties: list[Party]) -> tuple[dict[tuple[str, str], set[object]], dict[object, object]]:
    """A store of one's own, in two dictionaries: its key rows and its identifier rows."""
    keys: dict[tuple[str, str], set[object]] = {}
    identifiers: dict[tuple[str, str, str], object] = {}
    for party in parties:
        for row in backend.index_rows(party):
            keys.setdefault(row, set()).add(party.id)
        for scheme, value, country in backend.identifier_rows(party):
            identifiers[scheme, value, country] = party.id
    return keys, identifiers


@settings(max_examples=60, deadline=None)
@given(st.lists(strategies.parties(), min_size=1, max_size=4, unique_by=lambda p: p.id))
def test_an_index_built_from_the_door_answers_as_the_memory_store(parties: list[Party]) -> None:
    store = MemoryStore()
    added = store.parties.add_batch(parties).accepted
    live = [party for party in added if party.deleted_at is None]  # what a look-up finds
    keys, identifiers = _index(live)
    for party in added:
        for contact in party.contacts:
            if contact.kind is ContactKind.PHONE:
                query = contact.number  # type: ignore[attr-defined]
                ours = keys.get((backend.PHONE, backend.phone_query_key(query)), set())
                theirs = {p.id for p in store.parties.find_by_phone(query)}
                assert ours == theirs
            elif contact.kind is ContactKind.EMAIL:
                query = contact.address  # type: ignore[attr-defined]
                ours = keys.get((backend.EMAIL, backend.email_query_key(query)), set())
                theirs = {p.id for p in store.parties.find_by_email(query)}
                assert ours == theirs
        for identifier in party.identifiers:

            def search(scheme: str, value: str, country: str | None) -> list[Party]:
                if country is None:
                    return [
                        p
                        for p in added
                        if (scheme, value) in {r[:2] for r in backend.identifier_rows(p)}
                    ]
                found = identifiers.get((scheme, value, country))
                return [p for p in added if p.id == found]

            ours_ids = {
                p.id
                for p in backend.find_identifier(
                    identifier.scheme, identifier.value, identifier.country, search
                )
            }
            theirs_ids = {
                p.id
                for p in store.parties.find_by_identifier(
                    identifier.scheme, identifier.value, country=identifier.country
                )
            }
            assert ours_ids == theirs_ids
            assert (party.id in ours_ids) is (party.deleted_at is None)


def test_the_stamps_and_errors_a_backend_gives() -> None:
    party = Party.organization("Kowalski i Synowie", legal_form="sp.j.")
    new = backend.stamped_new(party, numbers=SequenceNumbers(), now=_NOW)
    assert (new.version, new.updated_at) == (1, _NOW)
    assert backend.check_update(new, (1, new.customer_number)) == new.customer_number
    with pytest.raises(ConflictError) as stale:
        backend.check_update(new, (2, new.customer_number))
    assert stale.value.code == "party.stale_version"
    with pytest.raises(NotFoundError) as missing:
        backend.check_update(new, None)
    assert missing.value.code == "party.not_found"
    assert backend.deleted(new, now=_NOW).deleted_at == _NOW
    event = backend.erased_event(new.id, now=_NOW)
    assert event.stream == backend.ERASURE_STREAM
    assert backend.not_found("party", new.id).code == "party.not_found"
    assert backend.duplicate_id("party", new.id).code == "party.duplicate_id"


def test_a_look_up_that_names_nothing_raises_through_the_door_too() -> None:
    with pytest.raises(ValidationError) as caught:
        backend.phone_query_key("601 234 567")
    assert caught.value.code == "phone.no_country"


@pytest.mark.parametrize(
    ("query", "country"),
    [
        ("+48601234567", None),  # the stored key itself: found without reading it
        ("+48 601 234 567", None),  # read, then found by its E.164 number
        ("+480601234567", None),  # + and digits, but not its own key: read on a miss
        ("601 234 567", "pl"),  # national, in the look-up's country
    ],
)
def test_find_phone_finds_a_number_however_the_query_writes_it(
    query: str, country: str | None
) -> None:
    zofia = Party.person(given="Zofia", family="Wójcik")
    stored = {"+48601234567": [zofia]}
    asked: list[str] = []

    def search(key: str) -> list[Party]:
        asked.append(key)
        return stored.get(key, [])

    assert backend.find_phone(query, country, search) == [zofia]
    assert asked[-1] == "+48601234567"
    assert len(asked) == (1 if query != "+480601234567" else 2)


@pytest.mark.parametrize(
    ("query", "country", "code"),
    [
        ("+48000000000", None, "phone.placeholder"),  # + and digits, no one has it: read, refused
        ("601 234 567", None, "phone.no_country"),
        ("601 234 567", "Poland", "country.unknown"),  # the country is checked before any search
        ("+48601234567", "Poland", "country.unknown"),
    ],
)
def test_find_phone_refuses_a_query_that_names_no_number(
    query: str, country: str | None, code: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        backend.find_phone(query, country, lambda _: [])
    assert caught.value.code == code


def test_find_phone_answers_nobody_for_a_valid_number_nobody_has() -> None:
    asked: list[str] = []

    def search(key: str) -> list[Party]:
        asked.append(key)
        return []

    assert backend.find_phone("+380671234567", None, search) == []
    assert asked == ["+380671234567"]  # its own key: not searched twice

"""The merge part of the storage contract: ``store.merges``, and what a merge does to reads.

:class:`~crmcore.testing.StoreContract` includes these tests. They build the
survivor by hand (the union of the inputs), as any caller of
``store.merges.merge`` may: the store's rules hold whatever survivorship
chose.
"""

# a pytest suite: asserts are its checks, literals its data

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from crmcore.errors import ConflictError, CrmError, NotFoundError, ValidationError
from crmcore.model import (
    Affiliation,
    EmailAddress,
    ExternalKey,
    Identifier,
    Interaction,
    Money,
    OrderLine,
    Party,
    PhoneNumber,
    PostalAddress,
    Purchase,
)
from crmcore.storage import ERASED, MERGED, UNMERGED, Event
from crmcore.testing.strategies import parties

if TYPE_CHECKING:
    from collections.abc import Sequence

    from crmcore.storage import Store

__all__ = ["MergeContract", "snapshot", "union"]

_AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def union(survivor: Party, others: Sequence[Party]) -> Party:
    """Return ``survivor`` with every part of ``others`` added, once: a merge's result by hand."""
    everyone = [survivor, *others]
    contacts: dict[object, Any] = {}
    primary: set[object] = set()
    for contact in (each for party in everyone for each in party.contacts):
        if (contact.kind, contact.key) not in contacts:
            if contact.primary and contact.kind in primary:
                contact = attrs.evolve(contact, primary=False)  # noqa: PLW2901
            primary.update({contact.kind} if contact.primary else set())
            contacts[contact.kind, contact.key] = contact
    profiles = {profile.role: profile for party in everyone[::-1] for profile in party.profiles}
    return attrs.evolve(
        survivor,
        roles=frozenset().union(*(party.roles for party in everyone)),
        profiles=list(profiles.values()),
        contacts=list(contacts.values()),
        identifiers=list(
            {i.key: i for party in everyone[::-1] for i in party.identifiers}.values()
        ),
        external_keys=list(dict.fromkeys(k for party in everyone for k in party.external_keys)),
        tags=frozenset().union(*(party.tags for party in everyone)),
        groups=frozenset().union(*(party.groups for party in everyone)),
        holdings=list(dict.fromkeys(h for party in everyone for h in party.holdings)),
    )


def snapshot(store: Store, ids: Sequence[uuid.UUID]) -> list[Any]:
    """Return what a store shows of itself and of the parties ``ids``: equal if nothing changed."""

    def read(party_id: uuid.UUID) -> object:
        try:
            return store.parties.get(party_id, include_deleted=True)
        except CrmError as error:
            return error.code

    return [
        list(store.parties.select(include_deleted=True)),
        [read(party_id) for party_id in ids],
        [store.interactions.for_party(party_id) for party_id in ids],
        [store.purchases.for_party(party_id) for party_id in ids],
        [store.affiliations.for_party(party_id) for party_id in ids],
        [(event.id, event.type, event.payload) for event in store.events.read()],
    ]


def _cluster(store: Store) -> tuple[Party, Party, Party]:
    """Two records of one Polish-Ukrainian client and a company she works at, with activities."""
    older = store.parties.add(
        Party.person(
            given="Олена",
            family="Коваленко",
            created_at="2024-03-01T10:00:00+02:00",
            roles={"client"},
            contacts=[PhoneNumber("+380671234567", primary=True)],
            identifiers=[Identifier("rnokpp", "3184710691", country="UA")],
            external_keys=[ExternalKey("1C", "00-000123")],
            tags={"опт"},
        )
    )
    newer = store.parties.add(
        Party.person(
            given="Olena",
            family="Kowalenko",
            created_at="2026-11-02T09:30:00+01:00",
            roles={"prospect"},
            contacts=[
                PhoneNumber("+380671234567"),
                PhoneNumber("+48601234567", primary=True),
                EmailAddress("olena.k@example.pl"),
                PostalAddress(locality="Kraków", country="PL"),
            ],
            external_keys=[ExternalKey("shop", "W-77")],
            tags={"vip"},
        )
    )
    company = store.parties.add(
        Party.organization("Οικονόμου Α.Ε.", created_at="2025-01-05T10:00:00+02:00")
    )
    store.interactions.add(
        Interaction(party_id=older.id, channel="phone", direction="inbound", occurred_at=_AT)
    )
    store.interactions.add(
        Interaction(party_id=newer.id, channel="email", direction="outbound", occurred_at=_AT)
    )
    store.purchases.add(
        Purchase(
            party_id=newer.id,
            occurred_at=_AT,
            lines=[OrderLine("Kawa", 2, Money("12.50", "PLN"))],
        )
    )
    store.affiliations.add(
        Affiliation(party_id=newer.id, related_party_id=company.id, kind="works_at")
    )
    return older, newer, company


class MergeContract:
    """The tests of ``store.merges``: a mixin of :class:`~crmcore.testing.StoreContract`."""

    def test_a_merge_keeps_everything_and_redirects(self, store: Store) -> None:
        older, newer, company = _cluster(store)
        result = union(older, [newer])
        record = store.merges.merge(result, [newer], lineage={"name": older.id})
        survivor = store.parties.get(older.id)
        assert attrs.evolve(survivor, version=result.version, updated_at=result.updated_at) == (
            result
        )
        assert survivor.version == older.version + 1
        assert record == store.merges.get(record.id)
        assert (record.survivor_id, record.merged_ids) == (older.id, (newer.id,))
        assert record.originals == (older, newer)
        assert record.result == survivor
        assert record.lineage == {"name": older.id}
        assert record.undone_at is None
        # The merged party's id and customer number resolve to the survivor.
        assert store.parties.get(newer.id) == survivor
        assert store.parties.get_by_customer_number(str(newer.customer_number)) == survivor
        # Every read but those leaves it out; the survivor holds its keys.
        assert [party.id for party in store.parties.select()] == sorted([older.id, company.id])
        assert store.parties.count(include_deleted=True) == 2
        assert store.parties.find_by_phone("+48601234567") == [survivor]
        assert store.parties.find_by_email("OLENA.K@example.pl") == [survivor]
        assert store.parties.find_by_external_key("shop", "W-77") == [survivor]
        # Its activities and ties are the survivor's now.
        assert len(store.interactions.for_party(older.id)) == 2
        assert store.interactions.for_party(newer.id) == []
        assert [each.party_id for each in store.purchases.for_party(older.id)] == [older.id]
        assert [each.party_id for each in store.affiliations.for_party(company.id)] == [older.id]
        assert sorted((each.entity, each.party_id == newer.id) for each in record.moved) == [
            ("affiliation", True),
            ("interaction", True),
            ("purchase", True),
        ]
        for party_id in (older.id, newer.id):
            merged = [e for e in store.events.read(party_id=party_id) if e.type == MERGED]
            assert [(e.stream, e.payload["merge_id"]) for e in merged] == [
                ("party", str(record.id))
            ]

    def test_a_merged_party_takes_no_new_activity_or_tie(self, store: Store) -> None:
        older, newer, company = _cluster(store)
        store.merges.merge(union(older, [newer]), [newer])
        before = snapshot(store, [older.id, newer.id, company.id])
        writes = (
            lambda: store.interactions.add(
                Interaction(party_id=newer.id, channel="sms", direction="outbound", occurred_at=_AT)
            ),
            lambda: store.purchases.add_many(
                [
                    Purchase(
                        party_id=newer.id,
                        occurred_at=_AT,
                        lines=[OrderLine("Herbata", 1, Money("9.90", "PLN"))],
                    )
                ]
            ),
            lambda: store.affiliations.add(
                Affiliation(party_id=company.id, related_party_id=newer.id, kind="works_at")
            ),
        )
        for write in writes:
            with pytest.raises(ConflictError) as caught:
                write()
            assert caught.value.code == "party.merged"
            assert str(older.id) in str(caught.value.hint)
        assert snapshot(store, [older.id, newer.id, company.id]) == before

    def test_unmerge_gives_back_the_inputs_exactly(self, store: Store) -> None:
        older, newer, company = _cluster(store)
        before = snapshot(store, [older.id, newer.id, company.id])
        record = store.merges.merge(union(older, [newer]), [newer])
        survivor, merged = store.merges.unmerge(record.id)
        assert merged == newer  # not changed at all: only hidden
        assert attrs.evolve(survivor, version=older.version, updated_at=older.updated_at) == older
        assert survivor.version == older.version + 2
        after = snapshot(store, [older.id, newer.id, company.id])
        # The same, but the survivor's stamps and the events of the merge.
        assert after[1][1:] == before[1][1:]
        assert after[2:5] == before[2:5]
        events = [event[1] for event in after[5][len(before[5]) :]]
        assert events == [MERGED, MERGED, UNMERGED, UNMERGED]
        assert store.merges.get(record.id).undone_at is not None
        assert store.parties.find_by_phone("+48601234567") == [newer]
        assert store.parties.get_by_customer_number(str(newer.customer_number)) == newer

    def test_a_merge_that_clashes_fails_whole(self, store: Store) -> None:
        older, newer, company = _cluster(store)
        outsider = store.parties.add(
            Party.person(
                given="Georg",
                family="Müller",
                created_at="2026-01-05T10:00:00+01:00",
                external_keys=[ExternalKey("sap", "K-77")],
            )
        )
        ids = [older.id, newer.id, company.id, outsider.id]
        before = snapshot(store, ids)
        clashing = union(older, [newer]).with_external_key(ExternalKey("sap", "K-77"))
        with pytest.raises(ConflictError) as caught:
            store.merges.merge(clashing, [newer])
        assert caught.value.code == "party.duplicate_external_key"
        assert snapshot(store, ids) == before

    def test_stale_parties_are_refused(self, store: Store) -> None:
        older, newer, company = _cluster(store)
        store.parties.update(newer.with_tags("changed"))
        ids = [older.id, newer.id, company.id]
        before = snapshot(store, ids)
        with pytest.raises(ConflictError) as caught:
            store.merges.merge(union(older, [newer]), [newer])
        assert caught.value.code == "party.stale_version"
        assert snapshot(store, ids) == before
        store.parties.update(store.parties.get(older.id).with_tags("changed"))
        with pytest.raises(ConflictError) as caught:
            store.merges.merge(older, [store.parties.get(company.id)])
        assert caught.value.code == "party.stale_version"
        assert snapshot(store, ids)[2:5] == before[2:5]

    def test_what_cannot_be_merged_is_refused(self, store: Store) -> None:
        older, newer, company = _cluster(store)
        refused: list[tuple[Party, list[Party], type[CrmError], str]] = [
            (older, [], ValidationError, "merge.too_few"),
            (older, [older], ValidationError, "merge.duplicate"),
            (older, [newer, newer], ValidationError, "merge.duplicate"),
            (
                older,
                [Party.person(family="Nowak", created_at=_AT)],
                NotFoundError,
                "party.not_found",
            ),
        ]
        gone = store.parties.delete(company.id)
        refused.append((older, [gone], ValidationError, "merge.deleted"))
        for result, merged, error, code in refused:
            with pytest.raises(error) as caught:
                store.merges.merge(result, merged)
            assert caught.value.code == code
        store.merges.merge(union(older, [newer]), [newer])
        survivor = store.parties.get(older.id)
        merged_again: list[tuple[Party, list[Party]]] = [(survivor, [newer]), (newer, [survivor])]
        for result, merged in merged_again:
            with pytest.raises(ConflictError) as caught:
                store.merges.merge(result, merged)
            assert caught.value.code == "party.merged"
        # A merged party is not written to: its survivor is.
        with pytest.raises(ConflictError) as caught:
            store.parties.update(newer)
        assert (caught.value.code, caught.value.value) == ("party.merged", str(newer.id))
        with pytest.raises(ConflictError) as caught:
            store.parties.delete(newer.id)
        assert (caught.value.code, caught.value.value) == ("party.merged", str(newer.id))
        assert store.parties.get(newer.id) == survivor

    def test_what_cannot_be_unmerged_is_refused(self, store: Store) -> None:
        older, newer, _ = _cluster(store)
        with pytest.raises(NotFoundError) as missing:
            store.merges.unmerge(uuid.UUID(int=7))
        assert missing.value.code == "merge.not_found"
        record = store.merges.merge(union(older, [newer]), [newer])
        changed = store.parties.update(store.parties.get(older.id).with_tags("після злиття"))
        with pytest.raises(ConflictError) as caught:
            store.merges.unmerge(record.id)
        assert caught.value.code == "merge.survivor_changed"
        # Changed back to what the merge left, the survivor may be unmerged.
        store.parties.update(attrs.evolve(record.result, version=changed.version))
        store.merges.unmerge(record.id)
        with pytest.raises(ConflictError) as caught:
            store.merges.unmerge(record.id)
        assert caught.value.code == "merge.undone"

    def test_merges_chain_and_unwind_in_reverse(self, store: Store) -> None:
        older, newer, company = _cluster(store)
        first = store.merges.merge(union(older, [newer]), [newer])
        survivor = store.parties.get(older.id)
        second = store.merges.merge(union(company, [survivor]), [survivor])
        assert store.parties.get(newer.id).id == company.id
        assert store.parties.get_by_customer_number(str(newer.customer_number)).id == company.id
        with pytest.raises(ConflictError) as caught:
            store.merges.unmerge(first.id)
        assert caught.value.code == "party.merged"
        store.merges.unmerge(second.id)
        store.merges.unmerge(first.id)
        assert store.parties.get(newer.id) == newer
        assert store.parties.count() == 3

    @pytest.mark.parametrize("erased", ["survivor", "merged"])
    def test_erasure_takes_the_survivor_and_all_merged_into_it(
        self, store: Store, erased: str
    ) -> None:
        older, newer, company = _cluster(store)
        store.events.append(
            Event(
                stream="consent",
                type="consent.granted",
                occurred_at=_AT,
                party_id=newer.id,
                payload={"email": "olena.k@example.pl"},
            )
        )
        undone = store.merges.merge(union(older, [newer]), [newer])
        store.merges.unmerge(undone.id)
        record = store.merges.merge(
            union(store.parties.get(older.id), [newer]), [store.parties.get(newer.id)]
        )
        store.parties.erase(older.id if erased == "survivor" else newer.id)
        for party_id in (older.id, newer.id):
            with pytest.raises(NotFoundError):
                store.parties.get(party_id, include_deleted=True)
            events = list(store.events.read(party_id=party_id))
            assert all(event.payload == {} for event in events)
            assert events[-1].type == ERASED
        # No copy is left in a merge record, applied or undone.
        for merge_id in (undone.id, record.id):
            with pytest.raises(NotFoundError):
                store.merges.get(merge_id)
        assert [party.id for party in store.parties.select()] == [company.id]
        assert store.affiliations.for_party(company.id) == []
        # Their keys and customer numbers are free again.
        store.parties.add(attrs.evolve(newer, id=uuid.uuid4(), version=0))
        store.parties.add(attrs.evolve(older, id=uuid.uuid4(), version=0))

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.differing_executors,
        ],
    )
    @given(inputs=st.lists(parties(), min_size=2, max_size=3, unique_by=lambda p: p.id))
    def test_a_merge_keeps_everything_and_unmerge_gives_it_back(
        self, store: Store, inputs: list[Party]
    ) -> None:
        # One store for all the examples: each cluster joins those stored before.
        try:
            stored = store.parties.add_many([attrs.evolve(p, deleted_at=None) for p in inputs])
        except ConflictError:
            reject()  # a unique key an earlier example (or another input) holds
        ids = [party.id for party in stored]
        for party in stored:
            store.interactions.add(
                Interaction(
                    party_id=party.id, channel="phone", direction="inbound", occurred_at=_AT
                )
            )
        before = snapshot(store, ids)
        activities = {each.id for one in ids for each in store.interactions.for_party(one)}
        survivor, merged = stored[0], stored[1:]
        # A merge that fails (a stale party) leaves the store as it was.
        with pytest.raises(ConflictError):
            store.merges.merge(union(survivor, merged), [attrs.evolve(merged[0], version=0)])
        assert snapshot(store, ids) == before
        record = store.merges.merge(union(survivor, merged), merged)
        result = store.parties.get(survivor.id)
        kept = {(contact.kind, contact.key) for contact in result.contacts}
        assert kept == {(c.kind, c.key) for party in stored for c in party.contacts}
        assert {i.key for i in result.identifiers} == {
            i.key for party in stored for i in party.identifiers
        }
        assert set(result.external_keys) == {k for party in stored for k in party.external_keys}
        assert {each.id for each in store.interactions.for_party(survivor.id)} == activities
        restored = store.merges.unmerge(record.id)
        assert restored[1:] == merged
        assert attrs.evolve(
            restored[0], version=survivor.version, updated_at=survivor.updated_at
        ) == (survivor)
        after = snapshot(store, ids)
        assert after[1][1:] == before[1][1:]
        assert after[2:5] == before[2:5]

"""The query part of the storage contract: pages, search by name, upsert, deleted parties, purge.

:class:`~crmcore.testing.StoreContract` includes these tests. Where a store
must give the same answer as every other, the test compares it with the
reference the memory store computes from :meth:`~crmcore.storage.Parties.select`
(sorted pages, :meth:`~crmcore.storage._search.NameQuery.finds` for a search).
"""

# a pytest suite: asserts are its checks, literals its data

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, cast

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmcore.errors import ConflictError, CrmError, NotFoundError, ValidationError
from crmcore.model import (
    EmailAddress,
    ExternalKey,
    Interaction,
    Party,
    PhoneNumber,
    PostalAddress,
)
from crmcore.storage import ERASED, ORDER_FIELDS, Compare, HasTag
from crmcore.storage._paging import check_order, sort_value
from crmcore.storage._search import name_query
from crmcore.storage._upsert import upsert
from crmcore.testing.strategies import parties

if TYPE_CHECKING:
    from crmcore.storage import Parties, Store

__all__ = ["QueryContract"]

_WARSAW = timezone(timedelta(hours=1))
_KYIV = timezone(timedelta(hours=2))
_AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
_ORDERS = [*ORDER_FIELDS, *(f"-{field}" for field in ORDER_FIELDS)]
_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.differing_executors,  # one test, run on each subclass's store
    ],
)
#: Family names and organisations of our markets, each in its own script.
_NAMES = (
    ("Jan", "Kowalski"),
    ("Anna", "Kowalska"),
    ("Олександр", "Іванов"),
    ("Александр", "Иванов"),
    ("Ευάγγελος", "Παπαδόπουλος"),
    ("Jürgen", "Müller-Lüdenscheidt"),
    ("Oliver", "Smith"),
    ("Emily", "Smyth"),
)
_ORGANIZATIONS = ("ТОВ «Ромашка»", "PPHU Kowalski i Synowie Sp. z o.o.", "Acme Widgets Inc.")


def _person(given: str, family: str, **fields: Any) -> Party:  # noqa: ANN401 - Party's fields
    fields.setdefault("created_at", datetime(2026, 11, 2, 9, 30, tzinfo=_WARSAW))
    return Party.person(given=given, family=family, **fields)


def _code(call: Any) -> str:  # noqa: ANN401 - any call that raises
    try:
        call()
    except CrmError as exc:
        return exc.code
    pytest.fail("no error was raised")


def _id(party: Party) -> uuid.UUID:
    return party.id


def _race(store: Store, key: ExternalKey, names: tuple[str, ...]) -> list[bool]:
    """Upsert one party per name by ``key``, each from its own thread, all at once."""
    barrier = threading.Barrier(len(names))
    created: list[bool] = []

    def upsert(name: str) -> None:
        barrier.wait()
        party = _person("Jan", name, external_keys=[key])
        created.append(store.parties.upsert(party, by=key).created)

    threads = [threading.Thread(target=upsert, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return created


class _LateReader:
    """A store's parties whose first look-up by external key finds nobody.

    As a writer sees the store when another adds the party between its
    look-up and its own add.
    """

    def __init__(self, parties: Parties) -> None:
        self._parties = parties
        self._late = True

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401 - any method of Parties
        return getattr(self._parties, name)

    def find_by_external_key(
        self, system: str, key: str, *, include_deleted: bool = False
    ) -> list[Party]:
        if self._late:
            self._late = False
            return []
        return self._parties.find_by_external_key(system, key, include_deleted=include_deleted)


class QueryContract:
    """Pages, search by name, upsert by an external key, deleted parties and purge."""

    # --- pages -----------------------------------------------------------------

    @_SETTINGS
    @given(
        minutes=st.lists(st.integers(0, 3), min_size=0, max_size=12),
        order_by=st.sampled_from(_ORDERS),
        limit=st.integers(1, 7),
        tagged=st.booleans(),
    )
    def test_walking_the_pages_yields_every_party_once_in_order(
        self, store: Store, minutes: list[int], order_by: str, limit: int, tagged: bool
    ) -> None:
        # One store for all the examples: parties of earlier examples stay.
        # Few distinct creation times (some in another offset): many ties.
        for index, minute in enumerate(minutes):
            zone = _KYIV if index % 2 else UTC
            created = (_AT + timedelta(minutes=minute)).astimezone(zone)
            store.parties.add(
                _person("Jan", "Nowak", created_at=created, tags={"vip"} if index % 3 else set())
            )
        where = HasTag("vip") if tagged else None
        order = check_order(order_by)
        expected = sorted(
            store.parties.select(where),
            key=lambda party: sort_value(party, order),
            reverse=order.descending,
        )
        walked: list[Party] = []
        after = None
        while True:
            page = store.parties.page(where, order_by=order_by, limit=limit, after=after)
            assert len(page.items) <= limit
            walked.extend(page.items)
            if page.next is None:
                break
            assert len(page.items) == limit
            after = page.next
        assert [party.id for party in walked] == [party.id for party in expected]

    def test_a_page_goes_on_from_its_place_while_parties_are_added(self, store: Store) -> None:
        first = [
            store.parties.add(_person("Jan", f"Nowak{n}", created_at=_AT + timedelta(hours=n)))
            for n in range(0, 10, 2)
        ]
        page = store.parties.page(order_by="created_at", limit=2)
        assert page.items == tuple(first[:2])
        # Parties added before and after the cursor's place: the next page
        # starts after the last party read, not at a count of rows.
        store.parties.add(_person("Olena", "Koval", created_at=_AT - timedelta(hours=1)))
        late = store.parties.add(_person("Olena", "Koval", created_at=_AT + timedelta(hours=3)))
        rest = store.parties.page(order_by="created_at", limit=10, after=page.next)
        assert [party.id for party in rest.items] == [
            late.id,
            first[2].id,
            first[3].id,
            first[4].id,
        ]
        assert rest.next is None
        assert store.parties.page(order_by="-created_at", limit=1).items == (first[-1],)

    def test_a_page_with_a_predicate_and_deleted_parties(self, store: Store) -> None:
        pl = [
            store.parties.add(
                _person(
                    "Jan",
                    "Nowak",
                    contacts=[
                        PostalAddress(locality="Warszawa", postal_code="00-950", country="PL")
                    ],
                )
            )
            for _ in range(3)
        ]
        store.parties.add(_person("Olena", "Koval"))
        store.parties.delete(pl[1].id)
        where = Compare("country", "==", "PL")
        assert store.parties.page(where).items == tuple(sorted((pl[0], pl[2]), key=_id))
        deleted = store.parties.page(where, include_deleted="only")
        assert [party.id for party in deleted.items] == [pl[1].id]
        assert deleted.next is None
        everyone = store.parties.page(where, include_deleted=True, order_by="customer_number")
        assert [party.id for party in everyone.items] == [party.id for party in pl]

    def test_misused_pages_are_refused(self, store: Store) -> None:
        for number in range(3):
            store.parties.add(_person("Jan", f"Nowak{number}"))
        cursor = store.parties.page(order_by="updated_at", limit=1).next
        assert cursor is not None
        assert store.parties.page(order_by="updated_at", limit=1, after=cursor).items
        refused = {
            "order": lambda: store.parties.page(order_by="display_name"),
            "order not text": lambda: store.parties.page(order_by=["id"]),  # type: ignore[arg-type]
            "limit": lambda: store.parties.page(limit=0),
            "limit not int": lambda: store.parties.page(limit="10"),  # type: ignore[arg-type]
            "other order": lambda: store.parties.page(order_by="-updated_at", after=cursor),
            "junk": lambda: store.parties.page(after="not a cursor"),
            "empty": lambda: store.parties.page(after=""),
            "not text": lambda: store.parties.page(after=b"abc"),  # type: ignore[arg-type]
            "cut": lambda: store.parties.page(order_by="updated_at", after=cursor[:-9]),
            "deleted": lambda: store.parties.page(include_deleted="yes"),  # type: ignore[arg-type]
        }
        codes = {name: _code(call) for name, call in refused.items()}
        assert codes == {
            "order": "query.unknown_order",
            "order not text": "query.unknown_order",
            "limit": "query.invalid_limit",
            "limit not int": "query.invalid_limit",
            "other order": "query.cursor_order",
            "junk": "query.invalid_cursor",
            "empty": "query.invalid_cursor",
            "not text": "query.invalid_cursor",
            "cut": "query.invalid_cursor",
            "deleted": "query.invalid_include_deleted",
        }

    # --- deleted parties ---------------------------------------------------------

    def test_only_the_deleted_parties_are_listed_and_counted(self, store: Store) -> None:
        live = store.parties.add(_person("Jan", "Kowalski"))
        gone = store.parties.delete(store.parties.add(_person("Anna", "Kowalska")).id)
        assert list(store.parties.select(include_deleted="only")) == [gone]
        assert store.parties.count(include_deleted="only") == 1
        assert store.parties.count() == 1
        assert [party.id for party in store.parties.select(include_deleted=True)] == sorted(
            [live.id, gone.id]
        )
        with pytest.raises(ValidationError) as caught:
            store.parties.count(include_deleted="all")  # type: ignore[arg-type]
        assert caught.value.code == "query.invalid_include_deleted"

    def test_purge_erases_the_deleted_parties_and_what_belongs_to_them(self, store: Store) -> None:
        key = ExternalKey("1C", "00-000123")
        old = store.parties.add(
            _person("Jan", "Kowalski", contacts=[PhoneNumber("+48601234567")], external_keys=[key])
        )
        store.interactions.add(
            Interaction(party_id=old.id, channel="phone", direction="inbound", occurred_at=_AT)
        )
        live = store.parties.add(_person("Anna", "Kowalska"))
        store.parties.delete(old.id)
        # A live party is refused, and nothing of the purge is done.
        with pytest.raises(ConflictError) as caught:
            store.parties.purge(ids=[old.id, live.id])
        assert caught.value.code == "party.not_deleted"
        assert store.parties.get(old.id, include_deleted=True).deleted_at is not None
        assert store.parties.purge(ids=[old.id, old.id]) == [old.id]
        with pytest.raises(NotFoundError):
            store.parties.get(old.id, include_deleted=True)
        assert store.interactions.for_party(old.id) == []
        assert store.parties.find_by_phone("+48601234567", include_deleted=True) == []
        # Its keys are free again: the same external key makes a new party.
        again = store.parties.add(_person("Jan", "Kowalski", external_keys=[key]))
        assert store.parties.find_by_external_key("1C", "00-000123") == [again]
        assert [event.type for event in store.events.read(party_id=old.id)][-1] == ERASED

    def test_purge_before_a_moment_erases_only_the_parties_deleted_before_it(
        self, store: Store
    ) -> None:
        first = store.parties.delete(store.parties.add(_person("Jan", "Nowak")).id)
        second = store.parties.delete(store.parties.add(_person("Olena", "Koval")).id)
        live = store.parties.add(_person("Anna", "Kowalska"))
        assert first.deleted_at is not None
        assert second.deleted_at is not None
        assert first.deleted_at < second.deleted_at
        assert store.parties.purge(before=second.deleted_at) == [first.id]
        assert [party.id for party in store.parties.select(include_deleted=True)] == sorted(
            [second.id, live.id]
        )
        assert store.parties.purge(before=second.deleted_at + timedelta(days=1)) == [second.id]
        assert store.parties.purge(before=second.deleted_at + timedelta(days=1)) == []

    def test_misused_purges_are_refused(self, store: Store) -> None:
        survivor = store.parties.add(_person("Jan", "Kowalski"))
        merged = store.parties.add(_person("Jan", "Kowalsky"))
        store.merges.merge(survivor, [merged])
        refused = {
            "neither": store.parties.purge,
            "both": lambda: store.parties.purge(before=_AT, ids=[survivor.id]),
            "naive": lambda: store.parties.purge(before=_AT.replace(tzinfo=None)),
            "not a moment": lambda: store.parties.purge(before="2026-11-23"),  # type: ignore[arg-type]
            "not ids": lambda: store.parties.purge(ids=["a"]),  # type: ignore[list-item]
            "unknown": lambda: store.parties.purge(ids=[uuid.uuid4()]),
            "merged": lambda: store.parties.purge(ids=[merged.id]),
            "live": lambda: store.parties.purge(ids=[survivor.id]),
        }
        codes = {name: _code(call) for name, call in refused.items()}
        assert codes == {
            "neither": "query.purge_selection",
            "both": "query.purge_selection",
            "naive": "query.invalid_value",
            "not a moment": "query.invalid_value",
            "not ids": "uuid.invalid",
            "unknown": "party.not_found",
            "merged": "party.merged",
            "live": "party.not_deleted",
        }
        assert store.parties.count() == 1

    # --- upsert by an external key --------------------------------------------------

    def test_upsert_adds_then_updates_keeping_id_number_and_creation(self, store: Store) -> None:
        key = ExternalKey("SAP", "0000104711")
        other = ExternalKey("shop", "c-77")
        first = _person(
            "Jürgen", "Müller", tags={"vip"}, external_keys=[key, other], created_at=_AT
        )
        added = store.parties.upsert(first, by=key)
        assert added.created
        assert added.party.version == 1
        assert added.party.id == first.id
        incoming = _person(
            "Jürgen",
            "Müller-Lüdenscheidt",
            contacts=[EmailAddress("j.mueller@example.de")],
            external_keys=[key],
            created_at=_AT + timedelta(days=30),
            version=7,  # not checked: the last upsert wins
        )
        updated = store.parties.upsert(incoming, by=key)
        assert not updated.created
        party = updated.party
        assert (party.id, party.customer_number, party.created_at) == (
            added.party.id,
            added.party.customer_number,
            _AT,
        )
        assert party.version == 2
        assert party.display_name == "Jürgen Müller-Lüdenscheidt"
        assert party.tags == frozenset()  # what the incoming party lacks is gone ...
        assert set(party.external_keys) == {key, other}  # ... but its other keys stay
        assert store.parties.find_by_external_key("shop", "c-77") == [party]
        assert store.parties.count() == 1

    def test_upsert_refuses_what_it_cannot_tell(self, store: Store) -> None:
        key = ExternalKey("1C", "00-000123")
        stored = store.parties.add(_person("Олена", "Коваль", external_keys=[key]))
        with pytest.raises(ValidationError) as missing:
            store.parties.upsert(_person("Олена", "Коваль"), by=key)
        assert missing.value.code == "party.upsert_key_missing"
        with pytest.raises(ValidationError) as not_a_key:
            store.parties.upsert(stored, by=("1C", "00-000123"))  # type: ignore[arg-type]
        assert not_a_key.value.code == "party.upsert_key_missing"
        with pytest.raises(ValidationError) as not_a_party:
            store.parties.upsert({"name": "Коваль"}, by=key)  # type: ignore[arg-type]
        assert not_a_party.value.code == "party.not_a_party"
        other = store.parties.add(_person("Taras", "Shevchenko"))
        renumbered = attrs.evolve(stored, id=uuid.uuid4(), customer_number=other.customer_number)
        with pytest.raises(ConflictError) as number:
            store.parties.upsert(renumbered, by=key)
        assert number.value.code == "party.customer_number_changed"
        store.parties.delete(stored.id)
        with pytest.raises(ConflictError) as deleted:
            store.parties.upsert(_person("Олена", "Коваль", external_keys=[key]), by=key)
        assert deleted.value.code == "party.deleted"
        assert store.parties.count(include_deleted=True) == 2

    def test_upsert_by_a_key_a_merge_moved_updates_the_survivor(self, store: Store) -> None:
        key = ExternalKey("ERP", "K-1")
        survivor = store.parties.add(_person("Jan", "Kowalski"))
        merged = store.parties.add(_person("Jan", "Kowalski", external_keys=[key]))
        store.merges.merge(attrs.evolve(survivor, external_keys=[key]), [merged])
        result = store.parties.upsert(_person("Jan", "Kowalski", external_keys=[key]), by=key)
        assert not result.created
        assert result.party.id == survivor.id

    def test_an_upsert_that_loses_the_race_to_add_updates_instead(self, store: Store) -> None:
        key = ExternalKey("1C", "00-000777")
        winner = store.parties.upsert(_person("Jan", "Kowalski", external_keys=[key]), by=key)
        late = cast("Parties", _LateReader(store.parties))
        loser = upsert(late, _person("Jan", "Kowalski-Nowak", external_keys=[key]), key)
        assert not loser.created
        assert loser.party.id == winner.party.id
        assert loser.party.version == 2
        assert store.parties.count() == 1
        # Refused for another reason than the race (a second key another party
        # holds): the refusal stands, nothing is retried.
        taken = ExternalKey("shop", "c-1")
        store.parties.add(_person("Anna", "Nowak", external_keys=[taken]))
        both = _person("Olena", "Koval", external_keys=[ExternalKey("1C", "00-1"), taken])
        with pytest.raises(ConflictError) as caught:
            store.parties.upsert(both, by=ExternalKey("1C", "00-1"))
        assert caught.value.code == "party.duplicate_external_key"

    def test_upserts_of_one_key_at_once_make_one_party(self, store: Store) -> None:
        # Threads sharing the store; each backend's own tests race separate connections.
        for round_ in range(5):
            key = ExternalKey("1C", f"race-{round_}")
            names = ("Kowalski", "Nowak", "Wiśniewski", "Wójcik")
            assert sorted(_race(store, key, names)) == [False, False, False, True]
            found = store.parties.find_by_external_key(key.system, key.key)
            assert len(found) == 1
            assert found[0].version == len(names)

    # --- search by name ------------------------------------------------------------

    def _stored_names(self, store: Store) -> dict[str, Party]:
        stored = {family: store.parties.add(_person(given, family)) for given, family in _NAMES}
        for name in _ORGANIZATIONS:
            stored[name] = store.parties.add(Party.organization(name, created_at=_AT))
        return stored

    def test_search_by_name_in_each_mode(self, store: Store) -> None:
        stored = self._stored_names(store)

        def found(text: str, mode: str) -> set[str]:
            return {p.display_name for p in store.parties.search(text, mode=mode)}  # type: ignore[arg-type]

        assert found("Ivanov", "matching") == {"Олександр Іванов", "Александр Иванов"}
        assert found("Kowalski", "exact") == {"Jan Kowalski"}
        assert found("KOWALSKI", "exact") == {"Jan Kowalski"}
        assert found("Kowal", "prefix") == {
            "Jan Kowalski",
            "Anna Kowalska",
            "PPHU Kowalski i Synowie Sp. z o.o.",
        }
        assert found("Romashka", "matching") == {"ТОВ «Ромашка»"}
        assert found("Ромашка", "exact") == {"ТОВ «Ромашка»"}
        assert found('ООО "Ромашка"', "matching") == {"ТОВ «Ромашка»"}
        assert found("Papadopoulos", "matching") == {"Ευάγγελος Παπαδόπουλος"}
        assert found("Παπαδόπουλος", "exact") == {"Ευάγγελος Παπαδόπουλος"}
        assert found("Müller Lüdenscheidt", "matching") == {"Jürgen Müller-Lüdenscheidt"}
        assert found("Smith", "matching") == {"Oliver Smith", "Emily Smyth"}
        assert found("Smith", "exact") == {"Oliver Smith"}
        assert found("Acme Widgets", "exact") == {"Acme Widgets Inc."}
        assert found("Kowalski", "matching") == {"Jan Kowalski"}
        assert found("Jan", "matching") == set()  # a person is found by the family name
        # ... or by the whole name, in either order
        assert found("Jan Kowalski", "matching") == {"Jan Kowalski"}
        assert found("kowalski jan", "exact") == {"Jan Kowalski"}
        assert found("Oleksandr Ivanov", "matching") == {"Олександр Іванов"}
        assert found("Иванов Александр", "matching") == {"Александр Иванов"}
        assert found("Ja Kowal", "prefix") == {"Jan Kowalski"}
        assert found("Anna Kowalski", "matching") == set()
        assert found("Evangelos Papadopoulos", "matching") == {"Ευάγγελος Παπαδόπουλος"}
        assert [p.id for p in store.parties.search("Kowal", mode="prefix", limit=2)] == sorted(
            p.id for p in (stored["Kowalski"], stored["Kowalska"], stored[_ORGANIZATIONS[1]])
        )[:2]

    def test_search_leaves_out_deleted_and_merged_parties_unless_asked(self, store: Store) -> None:
        kept = store.parties.add(_person("Jan", "Kowalski"))
        merged = store.parties.add(_person("Jan", "Kowalski"))
        gone = store.parties.delete(store.parties.add(_person("Jan", "Kowalski")).id)
        store.merges.merge(kept, [merged])
        assert store.parties.search("Kowalski") == [store.parties.get(kept.id)]
        assert store.parties.search("Kowalski", include_deleted="only") == [gone]
        assert {p.id for p in store.parties.search("Kowalski", include_deleted=True)} == {
            kept.id,
            gone.id,
        }

    def test_misused_searches_are_refused(self, store: Store) -> None:
        refused = {
            "empty": lambda: store.parties.search(""),
            "junk": lambda: store.parties.search(" «» -- ;; "),
            "not text": lambda: store.parties.search(None),  # type: ignore[arg-type]
            "too long": lambda: store.parties.search("a" * 301),
            "mode": lambda: store.parties.search("Kowalski", mode="fuzzy"),  # type: ignore[arg-type]
            "limit": lambda: store.parties.search("Kowalski", limit=0),
            "deleted": lambda: store.parties.search("Kowalski", include_deleted=None),  # type: ignore[arg-type]
        }
        codes = {name: _code(call) for name, call in refused.items()}
        assert codes == {
            "empty": "query.empty_name",
            "junk": "query.empty_name",
            "not text": "storage.wrong_type",
            "too long": "query.invalid_name",
            "mode": "query.unknown_mode",
            "limit": "query.invalid_limit",
            "deleted": "query.invalid_include_deleted",
        }

    @_SETTINGS
    @given(
        party=parties(),
        cut=st.integers(1, 20),
        mode=st.sampled_from(["exact", "prefix", "matching"]),
        whole=st.booleans(),
    )
    def test_search_finds_what_the_reference_finds(
        self, store: Store, party: Party, cut: int, mode: str, whole: bool
    ) -> None:
        # One store for all the examples; the query is (a prefix of) the party's own name.
        try:
            stored = store.parties.add(attrs.evolve(party, deleted_at=None, external_keys=[]))
        except ConflictError:
            stored = None
        name = stored.name if stored is not None else party.name
        text = getattr(name, "family", None) or getattr(name, "name", None) or "x"
        given = getattr(name, "given", None)
        if whole and given:
            text = f"{text} {given}"  # the whole name, family name first
        text = text[:cut] if mode == "prefix" else text
        try:
            query = name_query(text, mode)
        except ValidationError:
            return  # a name without a letter or digit is no query
        expected = [each for each in store.parties.select() if query.finds(each)][:5]
        assert store.parties.search(text, mode=mode, limit=5) == expected  # type: ignore[arg-type]

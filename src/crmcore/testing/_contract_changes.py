"""The contract of the change feed and the history: a mixin of :class:`StoreContract`.

Every write of a party, an activity or a tie is in ``store.changes``, once,
in commit order, with its actor; a party's history lists its versions with
their field changes; a retention prunes them; an erasure leaves no personal
data in either.
"""

# a pytest suite: asserts are its checks, literals its data

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, cast

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmcore.errors import ConflictError, NotFoundError, ValidationError
from crmcore.model import (
    Affiliation,
    EmailAddress,
    Interaction,
    Money,
    OrderLine,
    Party,
    PersonName,
    PhoneNumber,
    Purchase,
    to_dict,
)
from crmcore.storage._changes import MAX_LIMIT, Retention

if TYPE_CHECKING:
    from collections.abc import Callable

    from crmcore.storage import Store
    from crmcore.storage._changes import Change

__all__ = ["ChangesContract"]

_AT = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def _people() -> list[Party]:
    """People of each market, in their own scripts, with real-format phones."""
    return [
        Party.person(
            given="Zofia",
            family="Wójcik",
            created_at="2026-11-02T09:00:00+01:00",
            contacts=[PhoneNumber("+48601234567")],
        ),
        Party.person(
            given="Олена",
            family="Коваленко",
            created_at="2026-11-02T09:00:00+02:00",
            contacts=[PhoneNumber("+380671234567")],
        ),
        Party.person(
            given="Дмитрий",
            family="Соколов",
            created_at="2026-11-02T09:00:00+03:00",
            contacts=[PhoneNumber("+79161234567")],
        ),
        Party.person(
            given="Γιώργος",
            family="Παπαδόπουλος",
            created_at="2026-11-02T09:00:00+02:00",
            contacts=[PhoneNumber("+306912345678")],
        ),
        Party.person(
            given="Jürgen",
            family="Müller",
            created_at="2026-11-02T09:00:00+01:00",
            contacts=[EmailAddress("juergen.mueller@example.de")],
        ),
        Party.person(
            given="Oliver",
            family="Smith",
            created_at="2026-11-02T09:00:00+00:00",
            contacts=[PhoneNumber("+447911123456")],
        ),
        Party.person(
            given="Emily",
            family="Johnson",
            created_at="2026-11-02T09:00:00-05:00",
            contacts=[PhoneNumber("+12025550143")],
        ),
    ]


def _all(store: Store, since: str | None = None) -> list[Change]:
    """Read the feed to its end from ``since``, a page at a time."""
    found: list[Change] = []
    while True:
        page = store.changes.read(since, limit=3)
        found.extend(page.changes)
        if not page.changes:
            return found
        since = page.cursor


def _fail_after(store: Store, write: Callable[[], object]) -> None:
    """Write in a unit of work that then fails."""
    with store.transaction():
        write()
        raise RuntimeError


def _told(changes: list[Change]) -> list[tuple[str, object, str, int | None]]:
    return [(each.entity, each.id, each.operation, each.version) for each in changes]


class ChangesContract:
    """The tests of ``store.changes`` and ``store.acting_as``."""

    # --- the feed -------------------------------------------------------------------

    def test_every_write_of_a_party_is_in_the_feed(self, store: Store) -> None:
        zofia, olena, dmitry, *_ = _people()
        store.parties.add(zofia)
        store.parties.add_many([olena])
        batch = store.parties.add_batch(cast("list[Party]", [dmitry, "not a party"]))
        assert len(batch.accepted) == 1
        updated = store.parties.update(
            attrs.evolve(store.parties.get(zofia.id), tags=frozenset({"vip"}))
        )
        store.parties.delete(olena.id)
        store.parties.delete(olena.id)  # already deleted: nothing written
        store.parties.reindex()  # derives keys again: no change of a party
        store.parties.erase(dmitry.id)
        assert _told(_all(store)) == [
            ("party", zofia.id, "created", 1),
            ("party", olena.id, "created", 1),
            ("party", dmitry.id, "created", 1),
            ("party", zofia.id, "updated", 2),
            ("party", olena.id, "deleted", 2),
            ("party", dmitry.id, "erased", None),
        ]
        changes = _all(store)
        assert [each.party_id for each in changes] == [each.id for each in changes]
        assert changes[3].at == updated.updated_at
        seqs = [each.seq for each in changes]
        assert seqs == sorted(set(seqs))

    def test_activities_and_ties_are_in_the_feed(self, store: Store) -> None:
        zofia, olena, *_ = store.parties.add_many(_people()[:2])
        start = store.changes.read().cursor
        call = store.interactions.add(
            Interaction(party_id=zofia.id, channel="phone", direction="inbound", occurred_at=_AT)
        )
        (order,) = store.purchases.add_many(
            [
                Purchase(
                    party_id=olena.id,
                    occurred_at=_AT,
                    lines=[OrderLine("Мед гречаний 1 кг", 2, Money("625.00", "UAH"))],
                )
            ]
        )
        tie = store.affiliations.add(
            Affiliation(party_id=olena.id, related_party_id=zofia.id, kind="works_at")
        )
        store.affiliations.remove(tie.id)
        changes = _all(store, start)
        assert [(c.entity, c.id, c.party_id, c.operation) for c in changes] == [
            ("interaction", call.id, zofia.id, "created"),
            ("purchase", order.id, olena.id, "created"),
            ("affiliation", tie.id, olena.id, "created"),
            ("affiliation", tie.id, olena.id, "removed"),
        ]
        assert all(each.version is None for each in changes)

    def test_merges_and_unmerges_are_in_the_feed(self, store: Store) -> None:
        zofia, copy = store.parties.add_many(
            [_people()[0], attrs.evolve(_people()[0], id=Party.person(family="x").id)]
        )
        copy = store.parties.update(
            attrs.evolve(copy, contacts=[PhoneNumber("+48601234568")], customer_number=None)
        )
        call = store.interactions.add(
            Interaction(party_id=copy.id, channel="email", direction="outbound", occurred_at=_AT)
        )
        start = store.changes.read().cursor
        record = store.merges.merge(
            attrs.evolve(zofia, contacts=[*zofia.contacts, *copy.contacts]), [copy]
        )
        merged = _told(_all(store, start))
        assert sorted(merged, key=str) == sorted(
            [
                ("party", copy.id, "merged", 2),
                ("party", zofia.id, "updated", 2),
                ("interaction", call.id, "updated", None),
            ],
            key=str,
        )
        start = store.changes.read(start).cursor
        store.merges.unmerge(record.id)
        undone = _told(_all(store, start))
        assert sorted(undone, key=str) == sorted(
            [
                ("party", copy.id, "unmerged", 2),
                ("party", zofia.id, "updated", 3),
                ("interaction", call.id, "updated", None),
            ],
            key=str,
        )

    def test_a_unit_of_work_commits_its_changes_together_or_not_at_all(self, store: Store) -> None:
        zofia, olena, dmitry, giorgos, *_ = _people()
        with pytest.raises(RuntimeError):
            _fail_after(store, lambda: store.parties.add(zofia))
        assert store.changes.read().changes == ()
        with store.transaction():
            store.parties.add(olena)
            with pytest.raises(RuntimeError):
                _fail_after(store, lambda: store.parties.add(dmitry))
            store.parties.add(giorgos)
            assert store.changes.read().changes == ()  # not committed yet
        assert _told(_all(store)) == [
            ("party", olena.id, "created", 1),
            ("party", giorgos.id, "created", 1),
        ]
        failed = store.parties.add_many([zofia])
        with pytest.raises(ConflictError):
            store.parties.add_many([_people()[4], failed[0]])  # a duplicate id: all or none
        assert [each.id for each in _all(store)][-1] == zofia.id

    def test_the_cursor_resumes_and_every_change_comes_once(self, store: Store) -> None:
        people = store.parties.add_many(_people())
        first = store.changes.read(limit=4)
        assert [each.id for each in first.changes] == [each.id for each in people[:4]]
        assert first.cursor == first.changes[-1].cursor
        rest = store.changes.read(first.cursor, limit=MAX_LIMIT)
        assert [each.id for each in rest.changes] == [each.id for each in people[4:]]
        end = store.changes.read(rest.cursor)
        assert end.changes == ()
        assert end.cursor == rest.cursor  # nothing new: the same place
        store.parties.delete(people[0].id)
        later = store.changes.read(end.cursor)
        assert _told(list(later.changes)) == [("party", people[0].id, "deleted", 2)]
        assert store.changes.read(rest.changes[0].cursor).changes[0] == rest.changes[1]

    @pytest.mark.parametrize(
        "cursor", ["", "7", "chg-", "chg--1", "chg-1.5", "chg-١٢", "chg-" + "9" * 20, 7, b"chg-1"]
    )
    def test_a_cursor_no_read_returned_is_refused(self, store: Store, cursor: object) -> None:
        with pytest.raises(ValidationError) as caught:
            store.changes.read(cursor)  # type: ignore[arg-type]
        assert caught.value.code == "change.invalid_cursor"
        assert caught.value.field == "since"

    @pytest.mark.parametrize("limit", [0, -1, MAX_LIMIT + 1, 1.5, "10", True, None])
    def test_a_bad_limit_is_refused(self, store: Store, limit: object) -> None:
        with pytest.raises(ValidationError) as caught:
            store.changes.read(limit=limit)  # type: ignore[arg-type]
        assert caught.value.code == "query.invalid_limit"

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.differing_executors,  # one test, run on each subclass's store
        ],
    )
    @given(
        steps=st.lists(
            st.tuples(st.sampled_from(["add", "update", "delete", "read"]), st.integers(1, 5)),
            max_size=12,
        )
    )
    def test_a_reader_gets_each_change_once_in_order(
        self, store: Store, steps: list[tuple[str, int]]
    ) -> None:
        cursor = store.changes.read(limit=MAX_LIMIT).cursor  # examples share the store
        seen: list[Change] = []
        written = 0
        for action, size in steps:
            live = [p.id for p in store.parties.select()]
            if action == "add":
                store.parties.add_many(
                    Party.person(family=f"Nowak {n}", given="Jan") for n in range(size)
                )
                written += size
            elif action == "update" and live:
                party = store.parties.get(live[size % len(live)])
                store.parties.update(attrs.evolve(party, tags=frozenset({f"t{size}"})))
                written += 1
            elif action == "delete" and live:
                store.parties.delete(live[size % len(live)])
                written += 1
            page = store.changes.read(cursor, limit=size)
            seen.extend(page.changes)
            cursor = page.cursor
        seen.extend(_all(store, cursor))
        assert len(seen) == written
        assert [each.seq for each in seen] == sorted({each.seq for each in seen})

    # --- the actor ------------------------------------------------------------------

    def test_the_actor_is_recorded_per_thread(self, store: Store) -> None:
        zofia, olena, dmitry, *_ = _people()
        store.parties.add(zofia)
        with store.acting_as("erp-sync"):
            store.parties.add(olena)
            with store.acting_as("j.kowalski"):
                store.parties.delete(zofia.id)
            store.parties.add(dmitry)
        done = threading.Event()

        def other() -> None:
            with store.acting_as("shop-import"):
                store.parties.add(_people()[3])
            done.set()

        with store.acting_as("erp-sync"):
            thread = threading.Thread(target=other)
            thread.start()
            thread.join()
        assert done.is_set()
        assert [each.actor for each in _all(store)] == [
            None,
            "erp-sync",
            "j.kowalski",
            "erp-sync",
            "shop-import",
        ]

    @pytest.mark.parametrize("actor", ["", " erp", "erp\n", "a" * 201, 7, b"erp"])
    def test_an_actor_that_names_nobody_is_refused(self, store: Store, actor: object) -> None:
        with pytest.raises(ValidationError) as caught, store.acting_as(actor):  # type: ignore[arg-type]
            pass
        assert caught.value.code == "change.invalid_actor"

    # --- history ----------------------------------------------------------------------

    def test_the_history_lists_each_version_with_its_field_changes(self, store: Store) -> None:
        olena = _people()[1]
        olena_name = olena.name
        assert isinstance(olena_name, PersonName)
        with store.acting_as("branch-kyiv"):
            stored = store.parties.add(olena)
        with store.acting_as("o.shevchenko"):
            renamed = store.parties.update(
                attrs.evolve(stored, name=attrs.evolve(olena_name, family="Шевченко")).with_tags(
                    "vip"
                )
            )
        gone = store.parties.delete(olena.id)
        history = store.changes.history(olena.id)
        assert [(v.version, v.operation, v.actor) for v in history] == [
            (1, "created", "branch-kyiv"),
            (2, "updated", "o.shevchenko"),
            (3, "deleted", None),
        ]
        assert [v.at for v in history] == [stored.updated_at, renamed.updated_at, gone.updated_at]
        first = {change.field: (change.old, change.new) for change in history[0].changes}
        assert first["name.family"] == (None, "Коваленко")
        assert first["contacts"] == (None, to_dict(olena)["contacts"])
        assert [(c.field, c.old, c.new) for c in history[1].changes] == [
            ("name.family", "Коваленко", "Шевченко"),
            ("display_name", "Олена Коваленко", "Олена Шевченко"),
            ("tags", [], ["vip"]),
        ]
        assert [(c.field, c.old) for c in history[2].changes] == [("deleted_at", None)]
        assert history[2].changes[0].new is not None

    def test_the_history_of_no_party_is_not_found(self, store: Store) -> None:
        with pytest.raises(NotFoundError) as caught:
            store.changes.history(_people()[0].id)
        assert caught.value.code == "party.not_found"

    def test_a_retention_prunes_earlier_versions(self, store: Store) -> None:
        party = store.parties.add(_people()[4])
        for city in ("Berlin", "Hamburg", "München", "Köln"):
            party = store.parties.update(attrs.evolve(party, attributes={"city": city}))
        assert [v.version for v in store.changes.history(party.id)] == [1, 2, 3, 4, 5]
        assert store.changes.prune(Retention()) == 0
        assert store.changes.prune(Retention(keep_last=2)) == 2
        history = store.changes.history(party.id)
        # Versions 3 and 4 are kept; 3 is listed only if 2 is: it is not.
        assert [v.version for v in history] == [4, 5]
        assert [(c.field, c.old, c.new) for c in history[-1].changes] == [
            ("attributes.city.value", "München", "Köln")
        ]
        # The store's clock moves a second a read: everything is older than a second now.
        assert store.changes.prune(Retention(newer_than=timedelta(seconds=1))) == 2
        assert [v.version for v in store.changes.history(party.id)] == []
        assert store.parties.get(party.id) == party

    def test_a_retention_no_store_can_keep_is_refused(self) -> None:
        for bad in ({"keep_last": -1}, {"keep_last": 1.5}, {"newer_than": 3600}):
            with pytest.raises(ValidationError) as caught:
                Retention(**bad)
            assert caught.value.code == "history.invalid_retention"

    # --- erasure ------------------------------------------------------------------------

    def test_an_erased_party_leaves_no_personal_data_in_feed_or_history(self, store: Store) -> None:
        dmitry, oliver = _people()[2], _people()[5]
        stored = store.parties.add(dmitry)
        other = store.parties.add(oliver)
        store.parties.update(attrs.evolve(stored, tags={"оптовик"}))  # no hex digit can spell it
        store.parties.update(attrs.evolve(other, tags={"retail"}))
        store.interactions.add(
            Interaction(party_id=dmitry.id, channel="sms", direction="outbound", occurred_at=_AT)
        )
        store.parties.erase(dmitry.id)
        with pytest.raises(NotFoundError):
            store.changes.history(dmitry.id)
        changes = _all(store)
        text = repr(changes)
        for personal in ("Дмитрий", "Соколов", "+79161234567", "оптовик"):
            assert personal not in text
        assert [(c.operation, c.version) for c in changes if c.id == dmitry.id] == [
            ("created", 1),
            ("updated", 2),
            ("erased", None),
        ]
        assert [v.version for v in store.changes.history(oliver.id)] == [1, 2]
        assert store.changes.prune(Retention(keep_last=0)) == 1  # Oliver's; Dmitry's went

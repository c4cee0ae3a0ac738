"""The event retention part of the storage contract: ``store.events.prune``.

:class:`~crmcore.testing.StoreContract` includes these tests; they need
nothing but the store's public methods, so that an integrator's store is
held to them too.
"""

# a pytest suite: asserts are its checks, literals its data

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.model import EmailAddress, Party
from crmcore.storage import ERASED, Event

if TYPE_CHECKING:
    import uuid

    from crmcore.storage import Store

__all__ = ["EventRetentionContract"]

_OCCURRED = datetime(2026, 11, 23, 9, 30, tzinfo=timezone(timedelta(hours=1)))


def _event(stream: str, kind: str, party_id: uuid.UUID | None = None) -> Event:
    return Event(
        stream=stream,
        type=kind,
        occurred_at=_OCCURRED,
        party_id=party_id,
        payload={"channel": "email", "note": "Zgoda udzielona przez Łukasza"},
    )


def _moment(event: Event) -> datetime:
    assert event.recorded_at is not None
    return event.recorded_at


def _prune_then_fail(store: Store, before: datetime) -> None:
    with store.transaction():
        assert store.events.prune(before=before) == 3
        assert list(store.events.read()) == []
        raise LookupError


class EventRetentionContract:
    """``store.events.prune(before=..., stream=...)``: what it removes, keeps and refuses."""

    def test_prune_removes_the_events_recorded_before_the_moment(self, store: Store) -> None:
        appended = [
            store.events.append(_event("consent", "consent.granted")),
            store.events.append(_event("audit", "export.csv")),
            store.events.append(_event("consent", "consent.withdrawn")),
        ]
        assert store.events.prune(before=_moment(appended[0])) == 0
        # the same moment in Kyiv's time: the store compares moments, not wall clocks
        in_kyiv = _moment(appended[2]).astimezone(timezone(timedelta(hours=2)))
        assert store.events.prune(before=in_kyiv) == 2
        assert list(store.events.read()) == appended[2:]
        assert store.events.prune(before=_moment(appended[2]) + timedelta(days=3650)) == 1
        assert list(store.events.read()) == []

    def test_prune_takes_one_stream_alone(self, store: Store) -> None:
        appended = [
            store.events.append(_event("consent", "consent.granted")),
            store.events.append(_event("audit", "export.csv")),
            store.events.append(_event("consent", "consent.withdrawn")),
        ]
        later = _moment(appended[2]) + timedelta(seconds=1)
        assert store.events.prune(before=later, stream="consent") == 2
        assert store.events.prune(before=later, stream="нет такого") == 0
        assert list(store.events.read()) == [appended[1]]

    def test_prune_keeps_the_tombstones_of_erased_parties(self, store: Store) -> None:
        party = store.parties.add(
            Party.person(
                given="Siobhan",
                family="O'Brien",
                created_at="2026-11-23T09:30:00+00:00",
                contacts=[EmailAddress("siobhan@example.co.uk")],
            )
        )
        granted = store.events.append(_event("consent", "consent.granted", party.id))
        store.parties.erase(party.id)
        about = list(store.events.read(party_id=party.id))
        assert [(e.id, e.payload) for e in about[:1]] == [(granted.id, {})]
        tombstones = [e for e in about if e.type == ERASED]
        assert len(tombstones) == 1
        later = max(_moment(e) for e in about) + timedelta(days=1)
        assert store.events.prune(before=later) == len(about) - 1
        assert list(store.events.read()) == tombstones
        assert store.events.prune(before=later) == 0

    def test_prune_is_undone_with_its_transaction(self, store: Store) -> None:
        appended = [store.events.append(_event("audit", f"export.{n}")) for n in range(3)]
        later = _moment(appended[-1]) + timedelta(seconds=1)
        with pytest.raises(LookupError):
            _prune_then_fail(store, later)
        assert list(store.events.read()) == appended

    def test_a_pruned_event_id_may_be_appended_again(self, store: Store) -> None:
        first = store.events.append(_event("audit", "export.csv"))
        assert store.events.prune(before=_moment(first) + timedelta(seconds=1)) == 1
        again = store.events.append(
            Event(stream="audit", type="export.csv", occurred_at=_OCCURRED, id=first.id)
        )
        assert [e.id for e in store.events.read()] == [again.id] == [first.id]

    @pytest.mark.parametrize(
        ("arguments", "field", "code"),
        [
            ({"before": datetime(2026, 11, 23, 9, 30)}, "before", "event.invalid_moment"),  # noqa: DTZ001 - refused
            ({"before": "2026-11-23T09:30:00+01:00"}, "before", "event.invalid_moment"),
            ({"before": None}, "before", "event.invalid_moment"),
            ({"before": 1764000000}, "before", "event.invalid_moment"),
            (
                {"before": datetime(2026, 11, 23, tzinfo=UTC), "stream": ""},
                "stream",
                "event.invalid_stream",
            ),
            (
                {"before": datetime(2026, 11, 23, tzinfo=UTC), "stream": 7},
                "stream",
                "event.invalid_stream",
            ),
        ],
    )
    def test_prune_refuses_what_is_not_a_moment_or_a_stream(
        self, store: Store, arguments: dict[str, object], field: str, code: str
    ) -> None:
        kept = store.events.append(_event("consent", "consent.granted"))
        with pytest.raises(ValidationError) as caught:
            store.events.prune(**arguments)  # type: ignore[arg-type]
        assert (caught.value.code, caught.value.field) == (code, field)
        assert list(store.events.read()) == [kept]

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,  # one store for all the examples
            HealthCheck.differing_executors,  # one test, run on each subclass's store
        ],
    )
    @given(
        streams=st.lists(st.sampled_from(["consent", "audit", "ζήτηση", "zgody"]), max_size=8),
        cut=st.integers(min_value=0, max_value=8),
        only=st.sampled_from([None, "consent", "ζήτηση"]),
    )
    def test_prune_removes_exactly_what_the_rule_says(
        self, store: Store, streams: list[str], cut: int, only: str | None
    ) -> None:
        # One store for all the examples: empty it first (nothing is erased here).
        store.events.prune(before=datetime(9999, 1, 1, tzinfo=UTC))
        appended = [store.events.append(_event(stream, "consent.granted")) for stream in streams]
        before = _moment(appended[cut]) if cut < len(appended) else datetime(9999, 1, 1, tzinfo=UTC)
        expected = [e for e in appended if not (_moment(e) < before and only in {None, e.stream})]
        assert store.events.prune(before=before, stream=only) == len(appended) - len(expected)
        assert list(store.events.read()) == expected

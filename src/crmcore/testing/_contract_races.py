"""The races part of the storage contract: two writers of one party, interleaved.

:class:`~crmcore.testing.StoreContract` includes these tests. Each runs a
write in a unit of work of ``store`` and, while that unit is still open, a
second write of the same party through ``another_store`` in a thread; then
the first unit ends and the second write finishes. Whatever the second
write saw before it waited, it must answer as the protocol says a write
after the first one answers.

The ``another_store`` fixture returns a function that opens a second store
on the same data, as another process would. By default it shares ``store``
between threads (the right thing for a store that is one object, such as
the memory store); a store with a connection per store overrides it.
"""

# a pytest suite: asserts are its checks, literals its data

from __future__ import annotations

import threading
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

from crmcore.errors import ConflictError, CrmError, NotFoundError
from crmcore.model import EmailAddress, Identifier, Party, PhoneNumber
from crmcore.storage import ConsentFact, Event

if TYPE_CHECKING:
    from collections.abc import Callable

    from crmcore.storage import Store

__all__ = ["RaceContract"]

#: How long the first unit of work stays open after the second write has
#: started, so that the second write reaches the point where it waits. The
#: outcome must not depend on it: a second write that had not started yet
#: must answer the same.
_GRACE = 0.3


def _party(store: Store) -> Party:
    return store.parties.add(
        Party.organization(
            "Παπαδόπουλος Α.Ε.",
            created_at="2026-11-23T09:30:00+02:00",
            contacts=[
                PhoneNumber.parse("210 123 4567", country="GR"),
                EmailAddress("info@papadopoulos.gr"),
            ],
            identifiers=[Identifier("afm", "094014201", country="GR")],
        )
    )


class RaceContract:
    """Two writers of one party at once: the loser answers as if it came second."""

    @pytest.fixture
    def another_store(self, store: Store) -> Callable[[], AbstractContextManager[Store]]:
        """Return what opens a second store on ``store``'s data: override per backend."""
        return lambda: nullcontext(store)

    @staticmethod
    def _while_open(
        store: Store,
        another_store: Callable[[], AbstractContextManager[Store]],
        first: Callable[[Store], object],
        second: Callable[[Store], object],
    ) -> object:
        """Run ``first`` in a unit of work; while it is open, start ``second`` on another store.

        Return what ``second`` returned, or the crmcore error it raised.
        """
        outcome: list[object] = []
        with another_store() as other:

            def run_second() -> None:
                try:
                    outcome.append(second(other))
                except CrmError as exc:
                    outcome.append(exc)

            thread = threading.Thread(target=run_second)
            with store.transaction():
                first(store)
                thread.start()
                thread.join(_GRACE)
            thread.join()
        assert len(outcome) == 1
        return outcome[0]

    def test_the_loser_of_two_deletes_gets_the_deleted_party(
        self, store: Store, another_store: Callable[[], AbstractContextManager[Store]]
    ) -> None:
        party = _party(store)
        done: list[Party] = []
        got = self._while_open(
            store,
            another_store,
            lambda s: done.append(s.parties.delete(party.id)),
            lambda s: s.parties.delete(party.id),
        )
        assert got == done[0]
        assert isinstance(got, Party)
        assert got.version == party.version + 1
        assert got.deleted_at is not None
        assert store.parties.get(party.id, include_deleted=True) == done[0]

    @pytest.mark.parametrize("loser", ["update", "delete"])
    def test_a_write_racing_an_erase_finds_nothing(
        self,
        store: Store,
        another_store: Callable[[], AbstractContextManager[Store]],
        loser: str,
    ) -> None:
        party = _party(store)

        def write(other: Store) -> object:
            if loser == "update":
                return other.parties.update(party.with_tags("ελλάδα"))
            return other.parties.delete(party.id)

        got = self._while_open(store, another_store, lambda s: s.parties.erase(party.id), write)
        assert isinstance(got, NotFoundError)
        assert got.code == "party.not_found"
        with pytest.raises(NotFoundError):
            store.parties.get(party.id, include_deleted=True)

    def test_the_loser_of_two_appends_at_one_place_is_told_the_chain_moved(
        self, store: Store, another_store: Callable[[], AbstractContextManager[Store]]
    ) -> None:
        party = _party(store)

        def pair() -> tuple[Event, ConsentFact]:
            event = Event(
                stream="consent",
                type="consent.granted",
                occurred_at=datetime(2026, 11, 23, 9, 30, tzinfo=UTC),
                party_id=party.id,
            )
            fact = ConsentFact(
                party_id=party.id,
                event_id=event.id,
                seq=1,
                hash="0" * 64,
                kind="granted",
                purpose="newsletter",
                channel="email",
                contact="email:info@papadopoulos.gr",
                brand=None,
                basis="consent",
                occurred_at=event.occurred_at,
            )
            return event, fact

        first, second = pair(), pair()
        got = self._while_open(
            store,
            another_store,
            lambda s: s.consent.append(*first),
            lambda s: s.consent.append(*second),
        )
        assert isinstance(got, ConflictError), got
        assert got.code == "consent.chain_moved"
        assert store.consent.facts(party.id) == [first[1]]
        assert [event.id for event in store.events.read(stream="consent")] == [first[0].id]

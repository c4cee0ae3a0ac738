"""Consent records in the in-memory store (see :class:`crmcore.storage.ConsentRecords`).

Each party's facts are a tuple in ``seq`` order, replaced whole by an append
(the store's journal undoes it). The facts a decision reads are found at
read time: those of the party the id resolves to, and of every party merged
into it, as the store's merges say now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crmcore.storage._arguments import checks_arguments
from crmcore.storage._consent_checks import bears, chain_moved, check_consent_pair
from crmcore.storage._writes import not_found

if TYPE_CHECKING:
    import uuid
    from collections.abc import Iterable, Iterator
    from datetime import datetime

    from crmcore.storage._consent import ConsentFact
    from crmcore.storage._events import Event
    from crmcore.storage._memory import MemoryStore, _Data
    from crmcore.storage._query import Predicate

__all__ = ["MemoryConsent"]


@checks_arguments
class MemoryConsent:
    """The consent records of a :class:`~crmcore.storage.MemoryStore`."""

    __slots__ = ("_data", "_facts", "_store")

    def __init__(self, store: MemoryStore, data: _Data) -> None:
        self._store = store
        self._data = data
        #: Each party's own facts, in ``seq`` order.
        self._facts: dict[uuid.UUID, tuple[ConsentFact, ...]] = {}

    # --- writing -------------------------------------------------------------

    def append(self, event: Event, fact: ConsentFact) -> Event:
        """Append an event and its fact; see :meth:`crmcore.storage.ConsentRecords.append`."""
        check_consent_pair(event, fact)
        with self._store.transaction():
            return self._append(event, fact)

    def append_many(self, records: Iterable[tuple[Event, ConsentFact]]) -> int:
        """Append many, all or none; see :meth:`crmcore.storage.ConsentRecords.append_many`."""
        count = 0
        with self._store.transaction():
            for event, fact in records:
                check_consent_pair(event, fact)
                self._append(event, fact)
                count += 1
        return count

    def _append(self, event: Event, fact: ConsentFact) -> Event:
        data = self._data
        party_id = fact.party_id
        data.refuse_merged(party_id)
        if party_id not in data.parties:
            raise not_found("party", party_id)
        recorded = self._store.events.append(event)
        chain = self._facts.get(party_id, ())
        head = chain[-1].seq if chain else 0
        if fact.seq != head + 1:
            raise chain_moved(fact.seq, head)
        self._store.journal.put(self._facts, party_id, (*chain, fact))
        return recorded

    def forget(self, party_ids: Iterable[uuid.UUID]) -> None:
        """Drop the facts of parties being erased (the store's erasure calls this)."""
        for party_id in party_ids:
            if party_id in self._facts:
                self._store.journal.pop(self._facts, party_id)

    # --- reading -------------------------------------------------------------

    def head(self, party_id: uuid.UUID) -> ConsentFact | None:
        """Return the party's last fact; see :meth:`crmcore.storage.ConsentRecords.head`."""
        chain = self._facts.get(party_id, ())
        return chain[-1] if chain else None

    def facts(self, party_id: uuid.UUID) -> list[ConsentFact]:
        """Return the facts a decision reads; see :meth:`crmcore.storage.ConsentRecords.facts`."""
        data = self._data
        with data.lock:
            cluster = [data.resolved(party_id)]
            if data.merged:
                for into in cluster:
                    cluster.extend(
                        each for each, (_, survivor) in data.merged.items() if survivor == into
                    )
            return [fact for each in sorted(cluster) for fact in self._facts.get(each, ())]

    def bearing(
        self, party_id: uuid.UUID, *, purpose: str, channel: str, at: datetime
    ) -> list[ConsentFact]:
        """Return one party's bearing facts; see :meth:`crmcore.storage.ConsentRecords.bearing`."""
        return list(filter(bears(purpose, channel, at), self.facts(party_id)))

    def for_parties(
        self,
        party_ids: Iterable[uuid.UUID],
        *,
        purpose: str,
        channel: str,
        at: datetime,
    ) -> Iterator[tuple[uuid.UUID, list[ConsentFact]]]:
        """Yield each id with its bearing facts; see :class:`crmcore.storage.ConsentRecords`."""
        bearing = bears(purpose, channel, at)
        for party_id in party_ids:
            yield party_id, list(filter(bearing, self.facts(party_id)))

    def scan(
        self,
        where: Predicate | None = None,
        *,
        purpose: str,
        channel: str,
        at: datetime,
    ) -> Iterator[tuple[uuid.UUID, list[ConsentFact]]]:
        """Yield the live parties ``where`` selects, with their bearing facts, in id order."""
        bearing = bears(purpose, channel, at)
        for party in self._store.parties.select(where):
            yield party.id, list(filter(bearing, self.facts(party.id)))

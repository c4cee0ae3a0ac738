"""Consent records in a store: the row a decision reads, and the protocol that keeps it.

The consent ledger (:mod:`crmcore.consent`) appends its events to the event
log, where they are the record and the proof. Beside each event a store keeps
one :class:`ConsentFact`: the few plain values a decision reads (kind, scope,
moment, expiry), so that deciding reads a handful of short rows instead of
decoding payloads, and a SQL store can pick the facts of a whole segment in
one statement. A fact is derived from its event and written with it, in the
same unit of work; storage gives the values no meaning (that is the ledger's),
it only keeps them, finds them and erases them with their party.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from crmcore.storage._events import Event
    from crmcore.storage._query import Predicate

__all__ = ["ConsentFact", "ConsentRecords"]


@attrs.frozen(kw_only=True)
class ConsentFact:
    """What a consent decision reads of one consent event.

    Attributes:
        party_id: The party the event is about.
        event_id: The id of the event in the event log.
        seq: The event's place in its party's chain: 1, 2, ...
        hash: The event's chain hash (hex).
        kind: ``"granted"``, ``"refused"``, ``"withdrawn"``, ``"expired"``,
            ``"objected"`` or ``"confirmed"``.
        purpose: The purpose, or ``None`` for every purpose.
        channel: The channel, or ``None`` for every channel.
        contact: The key of the one contact point the event is narrowed to
            (``"email:anna@example.pl"``), or ``None``.
        brand: The brand the event is narrowed to, or ``None``.
        basis: The lawful basis (``"consent"``, ``"legitimate_interests"``, ...).
        occurred_at: When it took effect (timezone-aware).
        expires_at: When a grant lapses, or ``None``.
        pending: A double opt-in grant that waits for its confirmation.
        confirms: For a confirmation, the id of the grant it confirms.
    """

    party_id: uuid.UUID
    event_id: uuid.UUID
    seq: int
    hash: str
    kind: str
    purpose: str | None
    channel: str | None
    contact: str | None
    brand: str | None
    basis: str
    occurred_at: datetime
    expires_at: datetime | None = None
    pending: bool = False
    confirms: uuid.UUID | None = None


class ConsentRecords(Protocol):
    """A store's consent records: each consent event with its fact, kept together.

    ``store.consent`` on every shipped store. Erasing a party
    (:meth:`~crmcore.storage.Parties.erase`) removes its facts; its events stay
    in the log with only their payload's ``"retained"`` part.
    """

    def append(self, event: Event, fact: ConsentFact) -> Event:
        """Append ``event`` to the event log and ``fact`` beside it, in one unit of work.

        ``fact.seq`` must be one more than the party's last fact (1 for its
        first): the chain moves one event at a time, so of two writers that
        read the same last fact, the second is refused and reads again.

        Returns:
            The event as stored (``recorded_at`` set).

        Raises:
            ConflictError: ``consent.chain_moved`` if ``fact.seq`` is not the
                next place of the party's chain; ``event.duplicate_id``.
            ValidationError: ``consent.fact_mismatch`` if the event and the
                fact name different parties or ids.
        """
        ...

    def append_many(self, records: Iterable[tuple[Event, ConsentFact]]) -> int:
        """Append many events with their facts in one unit of work; return how many.

        Each pair is checked as by :meth:`append`, in order (so a batch may
        hold several events of one party, their ``seq`` following each
        other); if one is refused, none is appended.
        """
        ...

    def head(self, party_id: uuid.UUID) -> ConsentFact | None:
        """Return the party's last fact (highest ``seq``), or ``None`` if it has none."""
        ...

    def facts(self, party_id: uuid.UUID) -> list[ConsentFact]:
        """Return the facts a decision about the party reads.

        Its own and those of every party merged into it (and into those, and
        so on), each party's in ``seq`` order. A merged party's id reads the
        facts of its survivor.
        """
        ...

    def bearing(
        self, party_id: uuid.UUID, *, purpose: str, channel: str, at: datetime
    ) -> list[ConsentFact]:
        """Return the facts of one party that bear on a question: a single decision's read.

        The facts :meth:`facts` returns whose purpose is ``purpose`` or
        ``None``, whose channel is ``channel`` or ``None``, and which occurred
        at or before ``at``, in the same order; those that do not bear on the
        question stay in the store.
        """
        ...

    def for_parties(
        self,
        party_ids: Iterable[uuid.UUID],
        *,
        purpose: str,
        channel: str,
        at: datetime,
    ) -> Iterator[tuple[uuid.UUID, list[ConsentFact]]]:
        """Yield each party id (in the order given) with the facts that bear on a question.

        The facts are those :meth:`facts` returns whose purpose is ``purpose``
        or ``None``, whose channel is ``channel`` or ``None``, and which
        occurred at or before ``at``. An id not stored yields an empty list.
        """
        ...

    def scan(
        self,
        where: Predicate | None = None,
        *,
        purpose: str,
        channel: str,
        at: datetime,
    ) -> Iterator[tuple[uuid.UUID, list[ConsentFact]]]:
        """Yield every live party that ``where`` selects, in id order, with its bearing facts.

        A live party is neither deleted nor merged; the facts are chosen as
        by :meth:`for_parties`. A SQL store selects the parties and their
        facts in SQL, in batches.
        """
        ...

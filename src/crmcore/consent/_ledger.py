"""The consent ledger: record consent events for a store's parties, and decide from them."""

from __future__ import annotations

import calendar
import contextlib
import functools
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Final, TypedDict, Unpack

import attrs

from crmcore._i18n import N_
from crmcore.consent._chain import ChainReport, verify_chain
from crmcore.consent._decide import Decision, decide
from crmcore.consent._proof import Proof, checked_text
from crmcore.consent._records import (
    STREAM,
    ChainHead,
    ConsentEvent,
    draft,
    from_stored,
    to_fact,
    to_stored,
)
from crmcore.consent._vocabulary import Basis, Kind, Purpose, Purposes, to_name
from crmcore.errors import ConflictError, ValidationError
from crmcore.model import Clock, ContactPoint
from crmcore.model._moments import utc_now
from crmcore.storage import ConsentFact, Event, Predicate, Store

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from crmcore.consent._suppression import Suppressions

__all__ = ["Ledger", "Scope", "contact_key", "may_contact"]

#: The kinds of contact point each well-known channel reaches; another channel takes any.
_CHANNEL_KINDS: Final = {
    "email": frozenset({"email"}),
    "sms": frozenset({"phone"}),
    "phone": frozenset({"phone"}),
    "post": frozenset({"postal"}),
    "messenger": frozenset({"messenger", "phone"}),
    "push": frozenset[str](),
}


class Scope(TypedDict, total=False):
    """What narrows a refusal, withdrawal, objection or expiry, and when and how it was taken."""

    channel: str | None
    contact: ContactPoint | None
    brand: str | None
    at: datetime | None
    captured_by: str | None
    proof: Proof | None


#: How many times a write is tried again when another writer moved the chain first.
_TRIES: Final = 8


def contact_key(contact: ContactPoint) -> str:
    """Return the key a consent event narrowed to ``contact`` holds: its kind and its key.

    >>> from crmcore.model import EmailAddress
    >>> contact_key(EmailAddress.parse("Anna.Nowak@Example.PL"))
    'email:anna.nowak@example.pl'
    """
    return f"{contact.kind.value}:{contact.key}"


def _contact(contact: object, channel: str | None) -> str | None:
    if contact is None:
        return None
    if not isinstance(contact, ContactPoint):
        raise ValidationError(
            N_("the value is not a contact point"),
            code="consent.invalid_contact",
            field="contact",
            value=contact,
            hint='EmailAddress("anna.nowak@example.pl"), PhoneNumber.parse("+48 601 234 567")',
        )
    allowed = _CHANNEL_KINDS.get(channel or "")
    if allowed is not None and contact.kind.value not in allowed:
        raise ValidationError(
            N_("the contact point cannot be reached on the channel"),
            code="consent.contact_channel",
            field="contact",
            value=contact.kind.value,
            hint=N_(
                "an e-mail address for email, a phone number for sms or phone, an address for post"
            ),
        )
    return contact_key(contact)


def _moment(value: object, field: str) -> datetime:
    if isinstance(value, datetime) and value.utcoffset() is not None:
        return value
    raise ValidationError(
        N_("the moment is not a timezone-aware datetime"),
        code="consent.invalid_moment",
        field=field,
        value=value,
        hint=N_("a datetime with a timezone, such as datetime.now(UTC)"),
    )


def _add_months(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


class Ledger:
    """A store's consent ledger: record what each party allowed, and decide from it.

    Every event goes to the store's event log (stream ``"consent"``), chained
    to the party's event before it, with the fact a decision reads beside it
    (``store.consent``). A merged party's id records for its survivor.

    Args:
        store: The store whose parties the ledger is about.
        purposes: The purposes it knows, with their lawful bases.
        clock: What "now" is: the default moment of an event and of a question.
        suppressions: The suppression list its decisions heed: a suppressed
            contact point (or a party whose every contact point of the
            channel is suppressed) answers ``contact.suppressed``.
    """

    def __init__(
        self,
        store: Store,
        *,
        purposes: Purposes | None = None,
        clock: Clock = utc_now,
        suppressions: Suppressions | None = None,
    ) -> None:
        self._store = store
        self.purposes = Purposes.standard() if purposes is None else purposes
        self._clock = clock
        self._suppressions = suppressions
        self._batch: _Batch | None = None

    @contextlib.contextmanager
    def bulk(self, *, batch_size: int = 10_000) -> Iterator[Ledger]:
        """Record many events fast: a ledger whose events are appended in batches.

        Inside the block the returned ledger's verbs check and chain their
        events as usual, but append them ``batch_size`` at a time, each batch
        in one unit of work (and the rest when the block ends; nothing of the
        unfinished batch if the block raises). For imports and migrations:
        nobody else should record for the same parties meanwhile (a batch
        whose chains another writer moved is refused with
        ``consent.chain_moved``). Wrap the block in ``store.transaction()``
        to make all of it one unit of work.

        >>> from crmcore import storage
        >>> from crmcore.model import Party
        >>> with storage.open("memory://") as store:
        ...     ids = [p.id for p in store.parties.add_many(
        ...         Party.person(given="Jan", family=f"Kowalski {n}") for n in range(3))]
        ...     with Ledger(store).bulk() as bulk:
        ...         for party_id in ids:
        ...             _ = bulk.grant(party_id, "marketing", source="import")
        ...     len(list(Ledger(store).contactable(channel="sms", purpose="marketing")))
        3
        """
        batch = _BulkLedger(self._store, self.purposes, self._clock, _Batch(batch_size))
        yield batch
        batch.finish()

    # --- recording ----------------------------------------------------------------------

    def grant(
        self,
        party_id: uuid.UUID,
        purpose: str,
        *,
        source: str,
        channel: str | None = None,
        contact: ContactPoint | None = None,
        brand: str | None = None,
        at: datetime | None = None,
        captured_by: str | None = None,
        proof: Proof | None = None,
        expires_at: datetime | None = None,
        double_opt_in: bool | None = None,
    ) -> ConsentEvent:
        """Record that the party gave consent for ``purpose`` (on ``channel``, or on every one).

        Args:
            party_id: The party.
            purpose: A registered purpose.
            source: Where it was captured (a :class:`~crmcore.consent.Source` or a name).
            channel: The one channel it covers; ``None``: every channel.
            contact: The one contact point it covers, if one.
            brand: The one brand it covers, if one.
            at: When it was given; the clock's now by default.
            captured_by: Who captured it.
            proof: The wording shown, the form, the request.
            expires_at: When it lapses; by default the purpose's
                ``renew_after_months`` after ``at``, or never.
            double_opt_in: Whether it waits for a confirmation; the purpose's
                setting by default.

        Raises:
            ValidationError: A bad argument (``consent.*``), an unknown
                purpose (``consent.unknown_purpose``).
            NotFoundError: ``party.not_found``.
        """
        registered = self.purposes[purpose]
        moment = self._now(at)
        if expires_at is None and registered.renew_after_months is not None:
            expires_at = _add_months(moment, registered.renew_after_months)
        waits = registered.double_opt_in if double_opt_in is None else double_opt_in
        return self._record(
            party_id,
            Kind.GRANTED,
            registered,
            source=source,
            channel=channel,
            contact=contact,
            brand=brand,
            at=moment,
            captured_by=captured_by,
            proof=proof,
            expires_at=None if expires_at is None else _moment(expires_at, "expires_at"),
            pending=waits is True,
        )

    def refuse(
        self,
        party_id: uuid.UUID,
        purpose: str | None = None,
        *,
        source: str,
        **scope: Unpack[Scope],
    ) -> ConsentEvent:
        """Record that the party refused ``purpose`` (``None``: every purpose).

        ``scope`` narrows it as in :meth:`grant`: ``channel``, ``contact``,
        ``brand``; and says ``at``, ``captured_by``, ``proof``.
        """
        return self._stop(Kind.REFUSED, party_id, purpose, source, scope)

    def withdraw(
        self,
        party_id: uuid.UUID,
        purpose: str | None = None,
        *,
        source: str,
        **scope: Unpack[Scope],
    ) -> ConsentEvent:
        """Record that the party withdrew consent for ``purpose`` (``None``: every purpose).

        It acts from its moment on. ``scope`` as in :meth:`refuse`.
        """
        return self._stop(Kind.WITHDRAWN, party_id, purpose, source, scope)

    def object_to(
        self,
        party_id: uuid.UUID,
        purpose: str | None = None,
        *,
        source: str,
        **scope: Unpack[Scope],
    ) -> ConsentEvent:
        """Record the party's objection (Art. 21) to ``purpose`` (``None``: every purpose).

        ``scope`` as in :meth:`refuse`.
        """
        return self._stop(Kind.OBJECTED, party_id, purpose, source, scope)

    def expire(
        self,
        party_id: uuid.UUID,
        purpose: str | None = None,
        *,
        source: str,
        **scope: Unpack[Scope],
    ) -> ConsentEvent:
        """Record that the party's consent for ``purpose`` lapsed (no re-consent came).

        ``scope`` as in :meth:`refuse`.
        """
        return self._stop(Kind.EXPIRED, party_id, purpose, source, scope)

    def confirm(
        self,
        party_id: uuid.UUID,
        grant_id: uuid.UUID,
        *,
        source: str,
        at: datetime | None = None,
        captured_by: str | None = None,
        proof: Proof | None = None,
    ) -> ConsentEvent:
        """Record the double opt-in confirmation of a waiting grant (same scope).

        Raises:
            ValidationError: ``consent.nothing_to_confirm`` if the party has no
                grant ``grant_id`` waiting for confirmation.
        """
        survivor = self._party(party_id)
        grant = self._batch.waiting.get(grant_id) if self._batch is not None else None
        if grant is None or grant.party_id != survivor:
            grant = next(
                (
                    fact
                    for fact in self._store.consent.facts(survivor)
                    if fact.event_id == grant_id and fact.kind == Kind.GRANTED and fact.pending
                ),
                None,
            )
        if grant is None:
            raise ValidationError(
                N_("there is no grant waiting for this confirmation"),
                code="consent.nothing_to_confirm",
                field="grant_id",
                value=grant_id,
                hint=N_("the id of a double opt-in grant of the party, as grant() returned it"),
            )
        return self._record(
            survivor,
            Kind.CONFIRMED,
            self.purposes[grant.purpose],
            source=source,
            channel=grant.channel,
            contact=None,
            contact_key=grant.contact,
            brand=grant.brand,
            at=self._now(at),
            captured_by=captured_by,
            proof=proof,
            expires_at=None,
            pending=False,
            confirms=grant.event_id,
            basis=Basis(grant.basis),
        )

    def _stop(
        self, kind: Kind, party_id: uuid.UUID, purpose: str | None, source: str, scope: Scope
    ) -> ConsentEvent:
        return self._record(
            party_id,
            kind,
            None if purpose is None else self.purposes[purpose],
            source=source,
            channel=scope.get("channel"),
            contact=scope.get("contact"),
            brand=scope.get("brand"),
            at=self._now(scope.get("at")),
            captured_by=scope.get("captured_by"),
            proof=scope.get("proof"),
            expires_at=None,
            pending=False,
        )

    def _record(
        self,
        party_id: uuid.UUID,
        kind: Kind,
        purpose: Purpose | None,
        *,
        source: object,
        channel: object,
        contact: object,
        brand: object,
        at: datetime,
        captured_by: object,
        proof: object,
        expires_at: datetime | None,
        pending: bool,
        confirms: uuid.UUID | None = None,
        contact_key: str | None = None,
        basis: Basis | None = None,
    ) -> ConsentEvent:
        channel_name = None if channel is None else to_name(channel, "channel")
        key = _contact(contact, channel_name) if contact_key is None else contact_key
        if proof is not None and not isinstance(proof, Proof):
            raise ValidationError(
                N_("the value is not a proof"),
                code="consent.invalid_proof",
                field="proof",
                value=proof,
                hint='Proof.of_wording("…", version="2026-03")',
            )
        captured_by = checked_text(captured_by, "captured_by", "consent.invalid_captured_by")
        survivor = self._party(party_id)
        make = functools.partial(
            draft,
            party_id=survivor,
            kind=kind,
            purpose=None if purpose is None else purpose.name,
            channel=channel_name,
            contact=key,
            brand=None if brand is None else to_name(brand, "brand"),
            basis=basis or (Basis.CONSENT if purpose is None else purpose.basis),
            occurred_at=at,
            source=to_name(source, "source"),
            captured_by=captured_by,
            proof=proof or Proof(),
            expires_at=expires_at,
            pending=pending,
            confirms=confirms,
        )
        if self._batch is not None:
            return self._batch.add(make(after=self._batch.head(survivor, self._store)), self.record)
        for _ in range(_TRIES):
            head = self._store.consent.head(survivor)
            event = make(after=None if head is None else ChainHead(head.seq, head.hash))
            try:
                stored = self._store.consent.append(to_stored(event), to_fact(event))
            except ConflictError as exc:
                if exc.code != "consent.chain_moved":
                    raise
                continue
            return from_stored(stored)
        raise ConflictError(
            N_("other writers kept moving the party's consent chain"),
            code="consent.chain_moved",
            field="party_id",
            value=survivor,
            hint=N_("try again"),
        )

    def record(self, events: Iterable[ConsentEvent]) -> int:
        """Append consent events as they are (an export's, another store's); return how many.

        Each party's events must continue its chain here (the first of a party
        with none follows nothing). All are appended in one unit of work, or none.

        Raises:
            ConflictError: ``consent.chain_moved`` if an event does not
                continue its party's chain.
            ValidationError: ``consent.unreadable_event`` if an event's hash
                does not match its content.
        """
        return self._store.consent.append_many(
            (to_stored(event), to_fact(event)) for event in events
        )

    # --- reading ------------------------------------------------------------------------

    def events(self, party_id: uuid.UUID) -> list[ConsentEvent]:
        """Return the party's own consent events, in chain order."""
        return [from_stored(event) for event in self.stored(party_id)]

    def stored(self, party_id: uuid.UUID) -> list[Event]:
        """Return the party's consent events as the event log holds them, in log order."""
        return list(self._store.events.read(stream=STREAM, party_id=party_id))

    def head(self, party_id: uuid.UUID) -> ChainHead | None:
        """Return the head of the party's chain: keep it apart to detect a cut tail later."""
        fact = self._store.consent.head(party_id)
        return None if fact is None else ChainHead(fact.seq, fact.hash)

    def verify(self, party_id: uuid.UUID, *, head: ChainHead | None = None) -> ChainReport:
        """Verify the party's chain as stored; see :func:`~crmcore.consent.verify_chain`."""
        return verify_chain(self.stored(party_id), head=head)

    # --- deciding -----------------------------------------------------------------------

    def may_contact(
        self,
        party_id: uuid.UUID,
        *,
        channel: str,
        purpose: str,
        contact: ContactPoint | None = None,
        brand: str | None = None,
        at: datetime | None = None,
    ) -> Decision:
        """Decide whether the party may be contacted; see :mod:`crmcore.consent` for the rules.

        Args:
            party_id: The party (a merged one's id asks about its survivor).
            channel: The channel to be used.
            purpose: A registered purpose.
            contact: The contact point to be used: the answer is then about it.
            brand: The brand the contact is for.
            at: The moment asked about; the clock's now by default. Only
                events that took effect at or before it count.
        """
        registered = self.purposes[purpose]
        name = to_name(channel, "channel")
        moment = self._now(at)
        decision = decide(
            self._store.consent.bearing(party_id, purpose=registered.name, channel=name, at=moment),
            purpose=registered,
            channel=name,
            at=moment,
            contact=_contact(contact, name),
            brand=None if brand is None else to_name(brand, "brand"),
        )
        if self._suppressions is not None and self._suppressed(party_id, name, contact):
            return attrs.evolve(decision, allowed=False, reason="contact.suppressed")
        return decision

    def contactable(
        self,
        parties: Predicate | Iterable[uuid.UUID] | None = None,
        *,
        channel: str,
        purpose: str,
        at: datetime | None = None,
        brand: str | None = None,
    ) -> Iterator[uuid.UUID]:
        """Yield the ids of the parties that may be contacted, of a segment or of a stream.

        Args:
            parties: A predicate (the segment; ``None``: every live party),
                selected in SQL on the SQL stores, or an iterable of ids.
            channel: The channel to be used.
            purpose: A registered purpose.
            at: The moment asked about; the clock's now by default.
            brand: The brand the contact is for.
        """
        registered = self.purposes[purpose]
        name = to_name(channel, "channel")
        moment = self._now(at)
        label = None if brand is None else to_name(brand, "brand")
        records = self._store.consent
        pairs = (
            records.scan(parties, purpose=registered.name, channel=name, at=moment)
            if parties is None or isinstance(parties, Predicate)
            else records.for_parties(parties, purpose=registered.name, channel=name, at=moment)
        )
        for party_id, facts in pairs:
            if decide(facts, purpose=registered, channel=name, at=moment, brand=label) and not (
                self._suppressions is not None and self._suppressed(party_id, name, None)
            ):
                yield party_id

    # --- helpers ------------------------------------------------------------------------

    def _now(self, at: object) -> datetime:
        return self._clock() if at is None else _moment(at, "at")

    def _party(self, party_id: uuid.UUID) -> uuid.UUID:
        if self._batch is None:
            return self._store.parties.get(party_id).id
        known = self._batch.survivors.get(party_id)
        if known is None:
            known = self._batch.survivors[party_id] = self._store.parties.get(party_id).id
        return known

    def _suppressed(self, party_id: uuid.UUID, channel: str, contact: ContactPoint | None) -> bool:
        suppressions = self._suppressions
        if suppressions is None:
            return False
        if contact is not None:
            return bool(suppressions.blocked([contact]))
        kinds = _CHANNEL_KINDS.get(channel)
        reaching = [
            point
            for point in self._store.parties.get(party_id).contacts
            if kinds is None or point.kind.value in kinds
        ]
        return bool(reaching) and len(suppressions.blocked(reaching)) == len(reaching)


@attrs.define
class _Batch:
    """What a bulk ledger holds between its appends: the events, the heads, the survivors."""

    size: int
    events: list[ConsentEvent] = attrs.field(factory=list)
    heads: dict[uuid.UUID, ChainHead | None] = attrs.field(factory=dict)
    survivors: dict[uuid.UUID, uuid.UUID] = attrs.field(factory=dict)
    waiting: dict[uuid.UUID, ConsentFact] = attrs.field(factory=dict)

    def head(self, party_id: uuid.UUID, store: Store) -> ChainHead | None:
        if party_id not in self.heads:
            fact = store.consent.head(party_id)
            self.heads[party_id] = None if fact is None else ChainHead(fact.seq, fact.hash)
        return self.heads[party_id]

    def add(
        self, event: ConsentEvent, record: Callable[[Iterable[ConsentEvent]], int]
    ) -> ConsentEvent:
        self.events.append(event)
        self.heads[event.party_id] = event.head
        if event.pending:
            self.waiting[event.id] = to_fact(event)
        if len(self.events) >= self.size:
            self.flush(record)
        return event

    def flush(self, record: Callable[[Iterable[ConsentEvent]], int]) -> None:
        if self.events:
            record(self.events)
            self.events = []
            self.waiting.clear()


class _BulkLedger(Ledger):
    """A ledger that appends its events in batches: what :meth:`Ledger.bulk` gives."""

    def __init__(self, store: Store, purposes: Purposes, clock: Clock, batch: _Batch) -> None:
        super().__init__(store, purposes=purposes, clock=clock)
        self._batch = self._bulk = batch

    def finish(self) -> None:
        """Append the events of the unfinished batch."""
        self._bulk.flush(self.record)


def may_contact(
    store: Store,
    party_id: uuid.UUID,
    *,
    channel: str,
    purpose: str,
    contact: ContactPoint | None = None,
    brand: str | None = None,
    at: datetime | None = None,
    purposes: Purposes | None = None,
) -> Decision:
    """Decide whether a party of ``store`` may be contacted; see :meth:`Ledger.may_contact`."""
    return Ledger(store, purposes=purposes).may_contact(
        party_id, channel=channel, purpose=purpose, contact=contact, brand=brand, at=at
    )

"""What a store is: small protocols, one per kind of thing stored.

A backend (ours or an integrator's, over its own tables) implements these
protocols; :class:`crmcore.testing.StoreContract` checks that it behaves as
they describe. Everything above storage (matching, consent, segments,
importing) is written against them only.

Every method checks its arguments before it reads or writes (see
:func:`crmcore.storage.backend.checks_arguments`): on every store, an
argument of the wrong type (``storage.wrong_type``, ``party.not_a_party``),
an id that is no UUID (``uuid.invalid``; a UUID's text form is read as the
UUID), text with a lone surrogate or a control character
(``text.surrogate``, ``text.control_character``) or a ``since`` that is no
timezone-aware datetime (``event.invalid_moment``) is refused with a
:class:`~crmcore.errors.ValidationError`. A look-up folds its text as the
model folded the value it stored: surrounding spaces removed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, Self

if TYPE_CHECKING:
    import uuid
    from collections.abc import Iterable, Iterator
    from contextlib import AbstractContextManager
    from datetime import datetime
    from types import TracebackType

    from crmcore.model import Affiliation, Campaign, ExternalKey, Interaction, Party, Purchase
    from crmcore.storage._batch import BatchResult
    from crmcore.storage._candidates import Candidates, KeyBlock
    from crmcore.storage._changes import ChangeFeed
    from crmcore.storage._check import CheckResult
    from crmcore.storage._consent import ConsentRecords
    from crmcore.storage._events import Event
    from crmcore.storage._merges import Merges
    from crmcore.storage._paging import Deleted, Page
    from crmcore.storage._query import Predicate
    from crmcore.storage._reindex import ReindexResult
    from crmcore.storage._search import SearchMode
    from crmcore.storage._upsert import Upserted

__all__ = [
    "Affiliations",
    "Campaigns",
    "EventLog",
    "Interactions",
    "Parties",
    "Purchases",
    "Store",
]


class Parties(Protocol):
    """The parties of a store, with all their parts.

    A party is stored whole: its name, roles and profiles, contact points,
    identifiers, external keys, attributes, tags, groups and holdings. The
    store indexes it by customer number, phone, e-mail, identifier and
    external key, and by the fields a :data:`~crmcore.storage.Predicate` names.

    Soft-deleted parties (see :meth:`delete`) are left out of every read
    unless ``include_deleted=True`` is passed; :meth:`select`, :meth:`count`,
    :meth:`page` and :meth:`search` show only them with ``include_deleted="only"``.
    """

    def add(self, party: Party) -> Party:
        """Store a new party and return it as stored.

        The stored party has version 1, ``updated_at`` set to the store's
        clock, and a customer number from the store's :class:`~crmcore.ids.CustomerNumberSource`
        if it had none.

        Raises:
            ConflictError: ``party.duplicate_id``, ``party.duplicate_customer_number``,
                ``party.duplicate_identifier`` or ``party.duplicate_external_key``.
        """
        ...

    def add_many(self, parties: Iterable[Party]) -> list[Party]:
        """Store many new parties at once, all or none, and return them as stored.

        Raises:
            ConflictError: as :meth:`add`, for the first party that conflicts
                (with the store or with an earlier party of the batch); then
                nothing of the batch is stored.
        """
        ...

    def add_batch(self, parties: Iterable[Party]) -> BatchResult:
        """Store every party that can be stored; account for the others.

        Not all or none: each party is added as if on its own (SQL stores
        insert many at a time in a savepoint, and try the halves of a refused
        one again down to the refused party), and a party refused with a
        :class:`~crmcore.errors.ConflictError`,
        :class:`~crmcore.errors.NotFoundError` or
        :class:`~crmcore.errors.ValidationError` (``party.not_a_party`` for an
        input that is not a party: typed as parties, the input is still
        checked, as it may come from untyped code) is listed in ``rejected``
        with its index and error; every input is in ``accepted`` or ``rejected``.

        Raises:
            StorageError: If the store itself fails; nothing of the batch is then kept.
        """
        ...

    def get(self, party_id: uuid.UUID, *, include_deleted: bool = False) -> Party:
        """Return the party stored under ``party_id``.

        Raises:
            NotFoundError: ``party.not_found``.
        """
        ...

    def get_by_customer_number(self, number: str, *, include_deleted: bool = False) -> Party:
        """Return the party with customer number ``number``.

        Raises:
            NotFoundError: ``party.not_found``.
        """
        ...

    def get_many(
        self, party_ids: Iterable[uuid.UUID], *, include_deleted: bool = False
    ) -> list[Party]:
        """Return the stored parties among ``party_ids``, each once, ordered by id.

        One read for many parties (the parties of a chunk of candidate
        pairs): an id of no stored party (or of a soft-deleted one, unless
        ``include_deleted``) is left out, not an error, so the result may
        be shorter than what was asked.
        """
        ...

    def find_by_phone(
        self, number: str, *, country: str | None = None, include_deleted: bool = False
    ) -> list[Party]:
        """Return the parties with a phone whose key is ``number``'s, ordered by id.

        Phones are indexed by their E.164 number, without an extension (see
        :func:`crmcore.storage._lookup_keys.phone_key`); a national ``number`` here
        is read in ``country``, so ``find_by_phone("601 234 567",
        country="PL")`` finds a party stored with ``+48601234567``. A query
        the phone standardiser cannot read is refused, not answered empty.

        Raises:
            ValidationError: ``country.unknown`` if ``country`` is not an
                ISO 3166-1 alpha-2 code (``"PL"``, not ``"Poland"``); the
                standardiser's ``phone.*`` codes (``phone.no_country`` for a
                national number without a country).
        """
        ...

    def find_by_email(self, address: str, *, include_deleted: bool = False) -> list[Party]:
        """Return the parties with an e-mail address whose matching key is ``address``'s.

        Ordered by id; the key is :func:`crmcore.standardize.emails.matching_key`
        (a ``+`` sub-address is part of the mailbox, however many there are).

        Raises:
            ValidationError: the standardiser's ``email.*`` codes for what is
                no address: it is refused, not answered empty.
        """
        ...

    def find_by_identifier(
        self,
        scheme: str,
        value: str,
        *,
        country: str | None = None,
        include_deleted: bool = False,
    ) -> list[Party]:
        """Return the parties holding the identifier, of any country unless ``country`` is given.

        The value of a tax or registry scheme is compared compacted
        (:func:`crmcore.standardize.tax_ids.compact`: ``"NIP: 526-025-09-95"``
        is ``5260250995``) and, where python-stdnum checks the scheme,
        validated; the value of any other scheme exactly. A ``vat`` number of
        a country whose VAT number is its tax number with a prefix is the
        same key as that tax number (``vat`` ``PL5260250995`` is the NIP).

        Raises:
            ValidationError: ``country.unknown`` if ``country`` is not an
                ISO 3166-1 alpha-2 code, ``identifier.country_mismatch``,
                ``identifier.no_country`` (a ``vat`` number without a prefix
                or a country), the standardiser's ``tax_id.*`` codes for a
                number its scheme refuses: refused, not answered empty.
        """
        ...

    def find_by_external_key(
        self, system: str, key: str, *, include_deleted: bool = False
    ) -> list[Party]:
        """Return the party (at most one) known in ``system`` as ``key``, in a list."""
        ...

    def candidates(
        self,
        party: Party,
        *,
        max_per_key: int = 50,
        include_deleted: bool = False,
    ) -> Candidates:
        """Return the other stored parties that share at least one look-up key with ``party``.

        The keys are those of :func:`crmcore.storage.backend.lookup_keys`:
        phones, e-mail keys, identifiers (of any country), external keys and
        name keys, not roles or tags. ``party`` need not be stored (a new form
        entry usually is not); if it is, it is not its own candidate. Each
        party found comes once, with the keys it shares; a key shared by
        more than ``max_per_key`` other parties is skipped and listed, with
        its count, in ``skipped``.

        Raises:
            ValidationError: ``query.invalid_max_per_key`` if ``max_per_key``
                is not a positive integer.
            StorageError: ``storage.stale_index`` (see :meth:`index_is_current`).
        """
        ...

    def key_blocks(
        self,
        *,
        kinds: Iterable[str] | None = None,
        max_block: int = 50,
        include_deleted: bool = False,
    ) -> Iterator[KeyBlock]:
        """Yield the groups of stored parties that share a look-up key, streamed.

        Only keys shared by at least two parties; ordered by kind, then key
        (by code point), the ids of a block in order, so the output is the
        same for the same data. A key shared by more than ``max_block``
        parties is yielded with its size and no ids (``block.skipped``).
        ``kinds`` chooses among :data:`crmcore.storage.backend.LOOKUP_KINDS`
        (all of them by default). The store is read as the blocks are
        consumed, never loaded whole.

        Raises:
            ValidationError: ``query.invalid_max_block``, ``query.unknown_kind``.
            StorageError: ``storage.stale_index`` (see :meth:`index_is_current`).
        """
        ...

    def update(self, party: Party) -> Party:
        """Replace the stored party with ``party`` and return it as stored (version + 1).

        ``party.version`` must be the stored version, neither lower nor
        higher: the party was read, changed and is written back with nobody
        writing in between. A
        customer number cannot change; ``None`` keeps the stored one.

        Raises:
            NotFoundError: ``party.not_found``.
            ConflictError: ``party.stale_version`` (someone else changed it),
                ``party.customer_number_changed``, or a duplicate key as in :meth:`add`.
        """
        ...

    def delete(self, party_id: uuid.UUID) -> Party:
        """Soft-delete a party: set ``deleted_at`` (version + 1) and return it.

        Deleting a deleted party returns it unchanged.

        Raises:
            NotFoundError: ``party.not_found``.
        """
        ...

    def erase(self, party_id: uuid.UUID) -> None:
        """Remove a party for good: itself, its keys, affiliations, activities and consent facts.

        The payloads of its events are emptied but for their
        :data:`~crmcore.storage.RETAINED` member, if it is a mapping (see
        :func:`~crmcore.storage._events.erased_payload`; their ids, types and
        times stay), and an :data:`~crmcore.storage.ERASED` event is appended
        to the stream ``"party"`` as a tombstone. A merged party is erased
        with its survivor and every party merged into it.

        Raises:
            NotFoundError: ``party.not_found``.
        """
        ...

    def select(
        self,
        where: Predicate | None = None,
        *,
        include_deleted: Deleted = False,
        batch_size: int = 1000,
    ) -> Iterator[Party]:
        """Yield the parties that satisfy ``where``, ordered by id.

        Parties are read ``batch_size`` at a time, so a million parties never
        sit in memory together; writes between batches are seen by later batches.

        Raises:
            ValidationError: ``query.invalid_include_deleted`` for other than
                ``False``, ``True`` or ``"only"``.
        """
        ...

    def count(self, where: Predicate | None = None, *, include_deleted: Deleted = False) -> int:
        """Return how many parties satisfy ``where``."""
        ...

    def page(
        self,
        where: Predicate | None = None,
        *,
        order_by: str = "id",
        limit: int = 100,
        after: str | None = None,
        include_deleted: Deleted = False,
    ) -> Page:
        """Return one page of the parties that satisfy ``where``, and the cursor of the next.

        ``order_by`` is ``id``, ``created_at``, ``updated_at`` or
        ``customer_number``, with a leading ``-`` for descending order; parties
        with the same value follow in id order (reversed, descending). The
        page holds at most ``limit`` parties after the place ``after`` (the
        ``next`` of the page before) names; its ``next`` is ``None`` when no
        party follows. Pages are keyset pages: a party added or removed while
        they are read moves no other party across a page's edge.

        Raises:
            ValidationError: ``query.unknown_order``, ``query.invalid_limit``,
                ``query.invalid_cursor``, ``query.cursor_order`` (a cursor of
                another order), ``query.invalid_include_deleted``.
        """
        ...

    def search(
        self,
        text: str,
        *,
        mode: SearchMode = "matching",
        limit: int = 50,
        include_deleted: Deleted = False,
    ) -> list[Party]:
        """Return the first ``limit`` parties found by name, ordered by id.

        A person is found by the family name, an organisation by its name
        without a legal form. ``mode`` is ``"matching"`` (spelling-independent
        keys are equal: ``Ivanov`` finds ``Іванов``), ``"prefix"`` (the key
        starts with the query's: ``Kowal`` finds ``Kowalski``) or ``"exact"``
        (the same spelling, case and spaces aside). See :mod:`crmcore.storage._search`.

        Raises:
            ValidationError: ``query.unknown_mode``, ``query.invalid_name``,
                ``query.empty_name`` (no letter or digit), ``query.invalid_limit``,
                ``query.invalid_include_deleted``.
            StorageError: ``storage.stale_index`` (see :meth:`index_is_current`).
        """
        ...

    def upsert(self, party: Party, *, by: ExternalKey) -> Upserted:
        """Add ``party``, or update the stored party the external key ``by`` leads to.

        An update keeps the stored party's id, customer number, creation
        time and the external keys ``party`` does not name, replaces all else,
        and does not check ``party.version`` (the last upsert wins). Two
        writers upserting the same key at once make one party: the one that
        loses the race to add it updates it instead. See :mod:`crmcore.storage._upsert`.

        Raises:
            ValidationError: ``party.not_a_party``, ``party.upsert_key_missing``
                (``by`` is not one of ``party.external_keys``).
            ConflictError: ``party.deleted`` (the key leads to a soft-deleted
                party), ``party.customer_number_changed``, a duplicate key as in :meth:`add`.
            StorageError: ``storage.busy`` if other writers kept changing the party.
        """
        ...

    def purge(
        self, *, before: datetime | None = None, ids: Iterable[uuid.UUID] | None = None
    ) -> list[uuid.UUID]:
        """Erase soft-deleted parties (as :meth:`erase`), all or none; return their ids, sorted.

        Either those deleted before ``before``, or those of ``ids``, which
        must all be soft-deleted.

        Raises:
            ValidationError: ``query.purge_selection`` (neither or both of
                ``before`` and ``ids``), ``query.invalid_value``.
            NotFoundError: ``party.not_found``.
            ConflictError: ``party.not_deleted`` (a live party),
                ``party.merged`` (the id of a merged party).
        """
        ...

    def index_is_current(self) -> bool:
        """Return whether the look-up keys were derived as this crmcore derives them.

        The keys (E.164 phones, e-mail matching keys, compacted tax numbers,
        ...) depend on crmcore and on phonenumbers and python-stdnum: the
        store records the :func:`~crmcore.storage.keys_fingerprint` of the
        keys it holds, and this compares it with the current one. A store
        that rebuilds its index whenever it starts (the memory store) is
        always current.
        """
        ...

    def reindex(self, *, batch_size: int = 1000) -> ReindexResult:
        """Rebuild every party's look-up keys from the stored parties; record them current.

        Parties are read ``batch_size`` at a time in id order (soft-deleted
        ones too), and each batch's keys are brought up to date in one
        transaction: only the keys that changed are removed or added, so a
        current index is left as it is, and a rebuild stopped half way
        leaves every party with a full set of keys (old or new) and the
        index still reported stale; running it again finishes the work.

        Two parties may now derive the same unique key (an identifier, an
        external key): nothing is lost, the key stays with the party that
        held it before (else with the first in id order), and the conflict
        is listed in the result for a person to resolve.

        Raises:
            ValidationError: ``query.invalid_batch_size``.
        """
        ...


class Affiliations(Protocol):
    """Ties between parties; each tie's parties must be stored."""

    def add(self, affiliation: Affiliation) -> Affiliation:
        """Store a new tie and return it.

        Raises:
            NotFoundError: ``party.not_found`` if either party is not stored.
            ConflictError: ``affiliation.duplicate_id``.
        """
        ...

    def get(self, affiliation_id: uuid.UUID) -> Affiliation:
        """Return the tie stored under ``affiliation_id``.

        Raises:
            NotFoundError: ``affiliation.not_found``.
        """
        ...

    def remove(self, affiliation_id: uuid.UUID) -> None:
        """Remove a tie.

        Raises:
            NotFoundError: ``affiliation.not_found``.
        """
        ...

    def for_party(self, party_id: uuid.UUID) -> list[Affiliation]:
        """Return the ties from or to the party, ordered by id."""
        ...


class Interactions(Protocol):
    """Contacts with parties; each interaction's party must be stored."""

    def add(self, interaction: Interaction) -> Interaction:
        """Store a new interaction and return it.

        Raises:
            NotFoundError: ``party.not_found``.
            ConflictError: ``interaction.duplicate_id``.
        """
        ...

    def add_many(self, interactions: Iterable[Interaction]) -> list[Interaction]:
        """Store many interactions, all or none."""
        ...

    def get(self, interaction_id: uuid.UUID) -> Interaction:
        """Return one interaction.

        Raises:
            NotFoundError: ``interaction.not_found``.
        """
        ...

    def for_party(self, party_id: uuid.UUID) -> list[Interaction]:
        """Return the party's interactions, ordered by when they occurred, then by id."""
        ...


class Purchases(Protocol):
    """Purchases by parties; each purchase's party must be stored."""

    def add(self, purchase: Purchase) -> Purchase:
        """Store a new purchase and return it.

        Raises:
            NotFoundError: ``party.not_found``.
            ConflictError: ``purchase.duplicate_id``.
        """
        ...

    def add_many(self, purchases: Iterable[Purchase]) -> list[Purchase]:
        """Store many purchases, all or none."""
        ...

    def get(self, purchase_id: uuid.UUID) -> Purchase:
        """Return one purchase.

        Raises:
            NotFoundError: ``purchase.not_found``.
        """
        ...

    def for_party(self, party_id: uuid.UUID) -> list[Purchase]:
        """Return the party's purchases, ordered by when they occurred, then by id."""
        ...


class Campaigns(Protocol):
    """Campaigns."""

    def add(self, campaign: Campaign) -> Campaign:
        """Store a new campaign and return it.

        Raises:
            ConflictError: ``campaign.duplicate_id``.
        """
        ...

    def get(self, campaign_id: uuid.UUID) -> Campaign:
        """Return one campaign.

        Raises:
            NotFoundError: ``campaign.not_found``.
        """
        ...

    def all(self) -> list[Campaign]:
        """Return every campaign, ordered by id."""
        ...


class EventLog(Protocol):
    """An append-only log of events, read back in the order they were appended."""

    def append(self, event: Event) -> Event:
        """Append ``event`` and return it with ``recorded_at`` set to the store's clock.

        Raises:
            ConflictError: ``event.duplicate_id``.
        """
        ...

    def read(
        self,
        *,
        stream: str | None = None,
        party_id: uuid.UUID | None = None,
        since: datetime | None = None,
    ) -> Iterator[Event]:
        """Yield events in the order they were appended.

        Args:
            stream: Only the events of this stream.
            party_id: Only the events about this party.
            since: Only the events recorded at or after this moment.
        """
        ...

    def prune(self, *, before: datetime, stream: str | None = None) -> int:
        """Remove the events recorded before ``before``; return how many were removed.

        The tombstones of erased parties (type :data:`~crmcore.storage.ERASED`)
        stay. Inside ``store.transaction()`` the removal is undone with the block.

        Args:
            before: A timezone-aware moment: events recorded before it go.
            stream: Only the events of this stream.

        Raises:
            ValidationError: ``event.invalid_moment`` for a ``before`` without
                a timezone, ``event.invalid_stream`` for a bad stream.
        """
        ...


class Store(Protocol):
    """A store: its repositories, a unit of work spanning them, and ``close()``.

    Use it as a context manager: leaving the block closes it.
    """

    @property
    def parties(self) -> Parties:
        """The parties."""
        ...

    @property
    def affiliations(self) -> Affiliations:
        """The ties between parties."""
        ...

    @property
    def interactions(self) -> Interactions:
        """The interactions."""
        ...

    @property
    def purchases(self) -> Purchases:
        """The purchases."""
        ...

    @property
    def campaigns(self) -> Campaigns:
        """The campaigns."""
        ...

    @property
    def events(self) -> EventLog:
        """The event log."""
        ...

    @property
    def merges(self) -> Merges:
        """The merges of parties: applied whole, with lineage, undone exactly."""
        ...

    @property
    def changes(self) -> ChangeFeed:
        """The change feed, in commit order, and the history of parties."""
        ...

    @property
    def consent(self) -> ConsentRecords:
        """The consent records: each consent event with the fact a decision reads."""
        ...

    def acting_as(self, actor: str | None) -> AbstractContextManager[None]:
        """Return a block whose writes, in this thread, are recorded as made by ``actor``.

        The feed and the history record the actor of each write: the one of
        the innermost ``with store.acting_as(...)`` block of the writing
        thread, else the store's default (``actor=`` at :func:`~crmcore.storage.open`).

        Raises:
            ValidationError: ``change.invalid_actor`` for what is not a
                short printable name (on entering the block).
        """
        ...

    def transaction(self) -> AbstractContextManager[None]:
        """Return a unit of work: everything written in the block is kept together or not at all.

        An exception leaving the block undoes every write made in it and is
        re-raised. Blocks nest: an inner block that fails is undone alone (a
        savepoint) and the outer one can go on.
        """
        ...

    def check(self) -> CheckResult:
        """Check the store for damage and inconsistency; list what is wrong, repair nothing.

        What is checked depends on the store: a SQL store runs its
        database engine's check (SQLite's ``PRAGMA integrity_check`` and
        ``foreign_key_check``; PostgreSQL's ``amcheck``, where installed),
        then crmcore's own (the schema version, whether the key index is
        current, merged parties and their survivors); the memory store
        compares its indexes with its parties.

        Raises:
            StorageError: If the store fails otherwise (``storage.closed``, ...).
        """
        ...

    def close(self) -> None:
        """Release the store's connection; closing twice is harmless."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...

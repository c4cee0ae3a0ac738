"""The in-memory store: the reference every other backend is compared with.

Plain dicts and an undo journal: each write records how to undo itself, and
a transaction that fails replays the journal backwards to where it began. A
lock makes each operation (and each ``with store.transaction():`` block)
run alone, so one store may be shared by threads.
"""

from __future__ import annotations

import itertools
import threading
import uuid
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

import attrs

from crmcore.ids import CustomerNumberGenerator, MemoryNodeAllocator
from crmcore.model import Affiliation, Campaign, Interaction, Party, Purchase
from crmcore.storage import _lookup_keys as keys
from crmcore.storage._arguments import checks_arguments
from crmcore.storage._batch import BatchResult, add_each
from crmcore.storage._candidates import (
    DEFAULT_MAX_BLOCK,
    DEFAULT_MAX_PER_KEY,
    Candidates,
    KeyBlock,
    check_kinds,
    check_limit,
    gather,
)
from crmcore.storage._changes import Actor, Pending
from crmcore.storage._events import Event, erased_payload
from crmcore.storage._memory_changes import MemoryChanges
from crmcore.storage._memory_check import check_memory
from crmcore.storage._memory_consent import MemoryConsent
from crmcore.storage._memory_merges import MemoryMerges
from crmcore.storage._merges import MergeRecord, merged_party
from crmcore.storage._paging import (
    DEFAULT_PAGE_SIZE,
    Deleted,
    Page,
    check_deleted,
    check_order,
    page_in,
    shown,
)
from crmcore.storage._purge import purge
from crmcore.storage._query import Predicate, check_batch_size, matches
from crmcore.storage._reindex import IndexConflict, ReindexResult, keys_fingerprint
from crmcore.storage._retention import check_prune, is_pruned
from crmcore.storage._search import DEFAULT_SEARCH_LIMIT, SearchMode, name_query
from crmcore.storage._upsert import Upserted, upsert
from crmcore.storage._writes import (
    check_update,
    conflict,
    deleted,
    duplicate_id,
    erased_event,
    not_found,
    stamped_new_all,
    stamped_update,
    utc_now,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Iterator, MutableMapping
    from datetime import datetime
    from types import TracebackType

    from crmcore.ids import CustomerNumberSource
    from crmcore.model import Clock, ExternalKey
    from crmcore.storage._check import CheckResult

__all__ = ["MemoryStore"]

_K = TypeVar("_K")
_V = TypeVar("_V")
_IDENTIFIER = keys.IDENTIFIER
_MISSING: Any = object()


class _Journal:
    """The undo log of the current transaction, with savepoints as positions in it.

    Each write appends one tuple: a function and the three values that undo
    it. A tuple, not a closure: a closure is five objects the garbage
    collector tracks (the function, its cells and their tuple), and a bulk
    write keeps millions of them alive until it commits; the collector's full
    passes over them were most of the time of filling a large store.
    """

    __slots__ = ("depth", "undo")

    def __init__(self) -> None:
        self.undo: list[_Undo] = []
        #: How many ``transaction()`` blocks are open, one inside the other.
        self.depth = 0

    def put(self, mapping: MutableMapping[_K, _V], key: _K, value: _V) -> None:
        old = mapping.get(key, _MISSING)
        mapping[key] = value
        self.undo.append((_restore, mapping, key, old))

    def pop(self, mapping: MutableMapping[_K, _V], key: _K) -> None:
        old = mapping.pop(key)
        self.undo.append((_restore, mapping, key, old))

    def add_to(self, mapping: dict[_K, set[uuid.UUID]], key: _K, member: uuid.UUID) -> None:
        members = mapping.get(key)
        if members is None:
            members = mapping[key] = set()
        if member not in members:
            members.add(member)
            self.undo.append((_discard, members, member, None))

    def remove_from(self, mapping: dict[_K, set[uuid.UUID]], key: _K, member: uuid.UUID) -> None:
        members = mapping[key]
        members.discard(member)
        self.undo.append((_add, members, member, None))
        if not members:  # an empty entry would keep the key: a phone, an e-mail, a name
            self.pop(mapping, key)

    def append(self, items: list[Event], item: Event) -> None:
        items.append(item)
        self.undo.append((_drop_last, items, None, None))

    def replace_all(self, items: list[Event], kept: list[Event]) -> None:
        old = items[:]
        items[:] = kept
        self.undo.append((_set_all, items, None, old))

    def replace(self, items: list[Event], index: int, item: Event) -> None:
        old = items[index]
        items[index] = item
        self.undo.append((_set_item, items, index, old))

    def rollback(self, mark: int) -> None:
        undo = self.undo
        while len(undo) > mark:
            action, target, key, old = undo.pop()
            action(target, key, old)


#: One entry of the journal: what undoes a write, and its three arguments.
_Undo = tuple["Callable[[Any, Any, Any], None]", Any, Any, Any]


def _restore(mapping: MutableMapping[_K, _V], key: _K, old: _V) -> None:
    if old is _MISSING:
        del mapping[key]
    else:
        mapping[key] = old


def _discard(members: set[uuid.UUID], member: uuid.UUID, _: None) -> None:
    members.discard(member)


def _add(members: set[uuid.UUID], member: uuid.UUID, _: None) -> None:
    members.add(member)


def _drop_last(items: list[Event], _: None, __: None) -> None:
    items.pop()


def _set_item(items: list[Event], index: int, old: Event) -> None:
    items[index] = old


def _set_all(items: list[Event], _: None, old: list[Event]) -> None:
    items[:] = old


@attrs.define(eq=False)
class _Data:
    parties: dict[uuid.UUID, Party] = attrs.Factory(dict)
    numbers: dict[str, uuid.UUID] = attrs.Factory(dict)
    keys: dict[tuple[str, str], set[uuid.UUID]] = attrs.Factory(dict)
    identifiers: dict[tuple[str, str, str], uuid.UUID] = attrs.Factory(dict)
    affiliations: dict[uuid.UUID, Affiliation] = attrs.Factory(dict)
    interactions: dict[uuid.UUID, Interaction] = attrs.Factory(dict)
    purchases: dict[uuid.UUID, Purchase] = attrs.Factory(dict)
    campaigns: dict[uuid.UUID, Campaign] = attrs.Factory(dict)
    events: list[Event] = attrs.Factory(list)
    event_ids: dict[uuid.UUID, None] = attrs.Factory(dict)
    #: The merged parties, as they were, each with the survivor it was merged into.
    merged: dict[uuid.UUID, tuple[Party, uuid.UUID]] = attrs.Factory(dict)
    merges: dict[uuid.UUID, MergeRecord] = attrs.Factory(dict)
    #: Held by every read and by a transaction: one writer at a time.
    lock: threading.RLock = attrs.Factory(threading.RLock)

    def resolved(self, party_id: uuid.UUID) -> uuid.UUID:
        """Return the id ``party_id`` stands for: its survivor's, if it was merged."""
        while (hidden := self.merged.get(party_id)) is not None:
            party_id = hidden[1]
        return party_id

    def refuse_merged(self, party_id: uuid.UUID) -> None:
        """Refuse a write to a merged party (``party.merged``)."""
        hidden = self.merged.get(party_id)
        if hidden is not None:
            raise merged_party(party_id, hidden[1])


class MemoryStore:
    """A store in memory: fast, thread-safe, gone when the process ends.

    The reference implementation of the storage protocols, and what tests of
    code built on crmcore use. ``crmcore.storage.open("memory://")`` returns one.

    Args:
        clock: What the store reads the time from (``updated_at``, ``deleted_at``,
            an event's ``recorded_at``).
        numbers: Where customer numbers come from for parties added without one;
            by default a :class:`~crmcore.ids.CustomerNumberGenerator` of the
            store's own (node 0 of a :class:`~crmcore.ids.MemoryNodeAllocator`).
        actor: Who writes, in the change feed and the history, unless
            :meth:`acting_as` says otherwise.

    >>> from crmcore.model import Party, PhoneNumber
    >>> with MemoryStore() as store:
    ...     stored = store.parties.add(Party.person(
    ...         given="Zofia", family="Wójcik", created_at="2026-11-23T09:30:00+01:00",
    ...         contacts=[PhoneNumber("+48601234567")]))
    ...     [p.display_name for p in store.parties.find_by_phone("601 234 567", country="PL")]
    ['Zofia Wójcik']
    """

    def __init__(
        self,
        *,
        clock: Clock = utc_now,
        numbers: CustomerNumberSource | None = None,
        actor: str | None = None,
    ) -> None:
        self._clock = clock
        self._actor = Actor(actor)
        #: The changes of the running unit of work, committed to the feed with it.
        self.pending = Pending(self._actor, clock)
        self._numbers = numbers if numbers is not None else _own_numbers()
        #: The undo log of the running transaction (empty outside one).
        self.journal = _Journal()
        self._data = data = _Data()
        self.parties = _Parties(self, data, self._numbers)
        self.affiliations = _Affiliations(self, data)
        self.interactions = _Activities[Interaction](self, data, data.interactions, "interaction")
        self.purchases = _Activities[Purchase](self, data, data.purchases, "purchase")
        self.campaigns = _Campaigns(self, data)
        self.events = _Events(self, data)
        self.merges = MemoryMerges(self, data)
        self.changes = MemoryChanges(self, data)
        self.consent = MemoryConsent(self, data)

    def __repr__(self) -> str:
        return f"MemoryStore(parties={len(self._data.parties)})"

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A unit of work; see :meth:`crmcore.storage.Store.transaction`."""
        with self._data.lock:
            journal = self.journal
            mark = len(journal.undo)
            changes = self.pending.mark()
            journal.depth += 1
            try:
                yield
                if journal.depth == 1:  # the outermost block commits: its changes go to the feed
                    self.changes.commit(self.pending.take()[1])
            except BaseException:
                journal.rollback(mark)
                self.pending.rollback(changes)
                raise
            finally:
                journal.depth -= 1
                if not journal.depth:  # the outermost block ended: nothing left to undo
                    journal.undo.clear()

    def now(self) -> datetime:
        """Return the store clock's time."""
        return self._clock()

    def check(self) -> CheckResult:
        """Check the indexes against the parties; see :meth:`crmcore.storage.Store.check`."""
        return check_memory(self, self._data)

    def acting_as(self, actor: str | None) -> AbstractContextManager[None]:
        """Record this thread's writes in the block as made by ``actor``; see :doc:`/storage`."""
        return self._actor.acting_as(actor)

    def close(self) -> None:
        """Nothing to release: the data stays until the store is dropped."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _identifier_key(row: tuple[str, str, str]) -> tuple[str, str]:
    return (_IDENTIFIER, f"{row[0]}{keys.SEPARATOR}{row[1]}")


def _keeper(claimants: list[uuid.UUID], holders: Collection[uuid.UUID | None]) -> uuid.UUID:
    """Return who keeps a unique key: its holder before, if it still derives it, else the first."""
    return next((party_id for party_id in claimants if party_id in holders), claimants[0])


def _counted(pair: tuple[str, str]) -> int:
    """Return 1 for a key row the SQL stores hold too (not a per-scheme identifier row)."""
    return 0 if pair[0] == _IDENTIFIER else 1


def _own_numbers() -> CustomerNumberSource:
    """Return a generator on the only node of a store nobody else issues numbers into.

    Nothing was numbered in the store before it was made, so its node's
    horizon is the epoch, and the first number does not wait for the next second.
    """
    lease = MemoryNodeAllocator([0], clock=lambda: 0.0).acquire()
    return CustomerNumberGenerator(node=lease)


def _erase_payloads(journal: _Journal, events: list[Event], erased: set[uuid.UUID]) -> None:
    """Keep of the payloads of the erased parties' events only what they retain."""
    for index, event in enumerate(events):
        if event.party_id in erased and event.payload:
            kept = erased_payload(event.payload)
            if kept != event.payload:
                journal.replace(events, index, attrs.evolve(event, payload=kept))


def _by_id(values: Iterable[_V], key: Callable[[_V], uuid.UUID]) -> list[_V]:
    return sorted(values, key=key)


def _party_id(party: Party) -> uuid.UUID:
    return party.id


@checks_arguments
class _Parties:
    __slots__ = ("_data", "_numbers", "_store")

    def __init__(self, store: MemoryStore, data: _Data, numbers: CustomerNumberSource) -> None:
        self._store = store
        self._data = data
        self._numbers = numbers

    # --- writing -------------------------------------------------------------

    def add(self, party: Party) -> Party:
        return self.add_many([party])[0]

    def add_many(self, parties: Iterable[Party]) -> list[Party]:
        store = self._store
        with store.transaction():
            now = store.now()
            stored = stamped_new_all(parties, numbers=self._numbers, now=now)
            for party in stored:
                if party.id in self._data.parties:
                    raise duplicate_id("party", party.id)
                self._index(party)
                store.journal.put(self._data.parties, party.id, party)
            store.pending.record_parties(stored, "created")
            return stored

    def add_batch(self, parties: Iterable[Party]) -> BatchResult:
        return add_each(self._store.transaction, self.add, parties)

    def _index(self, party: Party) -> None:
        data, journal = self._data, self._store.journal
        number = party.customer_number
        assert number is not None  # noqa: S101 - stamped parties have one
        if data.numbers.get(number, party.id) != party.id:
            raise conflict("customer_number", number)
        rows = list(keys.identifier_rows(party))
        for row in rows:
            if data.identifiers.get(row, party.id) != party.id:
                raise conflict("identifiers", list(row))
        index = list(keys.index_rows(party))
        for kind, key in index:
            if kind == keys.EXTERNAL and data.keys.get((kind, key), {party.id}) - {party.id}:
                raise conflict("external_keys", keys.external_parts(key))
        journal.put(data.numbers, number, party.id)
        for row in rows:
            journal.put(data.identifiers, row, party.id)
            journal.add_to(data.keys, _identifier_key(row), party.id)
        for pair in index:
            journal.add_to(data.keys, pair, party.id)

    def _unindex(self, party: Party) -> None:
        # Only the keys the party holds: after a reindex that found a conflict,
        # another party holds a key this one derives.
        data, journal = self._data, self._store.journal
        journal.pop(data.numbers, str(party.customer_number))
        for row in keys.identifier_rows(party):
            if data.identifiers.get(row) == party.id:
                journal.pop(data.identifiers, row)
                journal.remove_from(data.keys, _identifier_key(row), party.id)
        for pair in keys.index_rows(party):
            if party.id in data.keys.get(pair, ()):
                journal.remove_from(data.keys, pair, party.id)

    def update(self, party: Party) -> Party:
        store = self._store
        with store.transaction():
            self._data.refuse_merged(party.id)
            stored = self._data.parties.get(party.id)
            number = check_update(
                party, None if stored is None else (stored.version, str(stored.customer_number))
            )
            assert stored is not None  # noqa: S101 - check_update raised otherwise
            new = stamped_update(party, number=number, now=store.now())
            self._unindex(stored)
            self._index(new)
            store.journal.put(self._data.parties, new.id, new)
            store.changes.keep(stored, new.updated_at)
            store.pending.record_parties([new], "updated")
            return new

    def delete(self, party_id: uuid.UUID) -> Party:
        store = self._store
        with store.transaction():
            self._data.refuse_merged(party_id)
            stored = self._stored(party_id)
            if stored.deleted_at is not None:
                return stored
            new = deleted(stored, now=store.now())
            store.journal.put(self._data.parties, new.id, new)
            store.changes.keep(stored, new.updated_at)
            store.pending.record_parties([new], "deleted")
            return new

    def erase(self, party_id: uuid.UUID) -> None:
        store, data = self._store, self._data
        with store.transaction():
            journal = store.journal
            # A merged party is erased with its survivor and all merged into it.
            gone = store.merges.forget(party_id)
            survivor = gone[-1]
            stored = self._stored(survivor)
            self._unindex(stored)
            journal.pop(data.parties, survivor)
            erased = set(gone)
            for affiliation in list(data.affiliations.values()):
                if erased.intersection((affiliation.party_id, affiliation.related_party_id)):
                    journal.pop(data.affiliations, affiliation.id)
            for interaction in list(data.interactions.values()):
                if interaction.party_id in erased:
                    journal.pop(data.interactions, interaction.id)
            for purchase in list(data.purchases.values()):
                if purchase.party_id in erased:
                    journal.pop(data.purchases, purchase.id)
            store.consent.forget(gone)
            _erase_payloads(journal, data.events, erased)
            store.changes.forget(gone)
            for each in gone:
                store.events.append(erased_event(each, now=store.now()))
                store.pending.record("party", each, each, "erased")

    # --- merging (see crmcore.storage._memory_merges) --------------------------

    def hide(self, party: Party, survivor_id: uuid.UUID) -> None:
        """Hide ``party``, merged into ``survivor_id``: its keys go, its customer number stays."""
        data, journal = self._data, self._store.journal
        self._unindex(party)
        journal.put(data.numbers, str(party.customer_number), party.id)
        journal.pop(data.parties, party.id)
        journal.put(data.merged, party.id, (party, survivor_id))
        self._store.pending.record("party", party.id, party.id, "merged", party.version)

    def show(self, party_id: uuid.UUID) -> Party:
        """Show a hidden party again, as it was, with its keys; return it."""
        data, journal = self._data, self._store.journal
        party, _ = data.merged[party_id]
        journal.pop(data.merged, party_id)
        self._index(party)
        journal.put(data.parties, party.id, party)
        self._store.pending.record("party", party.id, party.id, "unmerged", party.version)
        return party

    # --- reading -------------------------------------------------------------

    def _stored(self, party_id: uuid.UUID) -> Party:
        party = self._data.parties.get(party_id)
        if party is None:
            raise not_found("party", party_id)
        return party

    def get(self, party_id: uuid.UUID, *, include_deleted: bool = False) -> Party:
        party = self._data.parties.get(self._data.resolved(party_id))
        if party is None or (party.deleted_at is not None and not include_deleted):
            raise not_found("party", party_id)
        return party

    def get_by_customer_number(self, number: str, *, include_deleted: bool = False) -> Party:
        party_id = self._data.numbers.get(number)
        if party_id is None:
            raise not_found("party", number, field="customer_number")
        party = self._data.parties[self._data.resolved(party_id)]
        if party.deleted_at is not None and not include_deleted:
            raise not_found("party", number, field="customer_number")
        return party

    def get_many(
        self, party_ids: Iterable[uuid.UUID], *, include_deleted: bool = False
    ) -> list[Party]:
        parties = self._data.parties
        with self._data.lock:
            found = [parties.get(party_id) for party_id in set(party_ids)]
        return _by_id(
            (
                party
                for party in found
                if party is not None and (include_deleted or party.deleted_at is None)
            ),
            _party_id,
        )

    def _holders(self, pair: tuple[str, str], include_deleted: bool) -> list[uuid.UUID]:
        """Return the ids of the parties holding a key, live ones only unless asked, in order."""
        parties = self._data.parties
        return sorted(
            party_id
            for party_id in self._data.keys.get(pair, ())
            if include_deleted or parties[party_id].deleted_at is None
        )

    def candidates(
        self,
        party: Party,
        *,
        max_per_key: int = DEFAULT_MAX_PER_KEY,
        include_deleted: bool = False,
    ) -> Candidates:
        check_limit(max_per_key, "max_per_key")
        rows: list[tuple[str, str, int, uuid.UUID | None]] = []
        with self._data.lock:
            for kind, key in keys.lookup_keys(party):
                others = [
                    other
                    for other in self._holders((kind, key), include_deleted)
                    if other != party.id
                ]
                rows.extend((kind, key, len(others), other) for other in others)

            def fetch(ids: list[uuid.UUID]) -> list[Party]:
                return self.get_many(ids, include_deleted=True)

            return gather(rows, fetch, max_per_key)

    def key_blocks(
        self,
        *,
        kinds: Iterable[str] | None = None,
        max_block: int = DEFAULT_MAX_BLOCK,
        include_deleted: bool = False,
    ) -> Iterator[KeyBlock]:
        chosen = set(check_kinds(kinds))
        check_limit(max_block, "max_block")
        with self._data.lock:
            pairs = sorted(pair for pair in self._data.keys if pair[0] in chosen)
        return self._blocks(pairs, max_block, include_deleted)

    def _blocks(
        self, pairs: list[tuple[str, str]], max_block: int, include_deleted: bool
    ) -> Iterator[KeyBlock]:
        for kind, key in pairs:
            with self._data.lock:
                ids = self._holders((kind, key), include_deleted)
            if len(ids) > max_block:
                yield KeyBlock(kind, key, len(ids))
            elif len(ids) > 1:
                yield KeyBlock(kind, key, len(ids), tuple(ids))

    def _find(self, kind: str, key: str, *, include_deleted: bool) -> list[Party]:
        with self._data.lock:
            ids = sorted(self._data.keys.get((kind, key), ()))
            found = [self._data.parties[party_id] for party_id in ids]
        return [party for party in found if include_deleted or party.deleted_at is None]

    def find_by_phone(
        self, number: str, *, country: str | None = None, include_deleted: bool = False
    ) -> list[Party]:
        def search(key: str) -> list[Party]:
            return self._find(keys.PHONE, key, include_deleted=include_deleted)

        return keys.find_phone(number, country, search)

    def find_by_email(self, address: str, *, include_deleted: bool = False) -> list[Party]:
        return self._find(
            keys.EMAIL, keys.email_query_key(address), include_deleted=include_deleted
        )

    def find_by_identifier(
        self,
        scheme: str,
        value: str,
        *,
        country: str | None = None,
        include_deleted: bool = False,
    ) -> list[Party]:
        def search(scheme: str, value: str, country: str | None) -> list[Party]:
            if country is not None:
                party_id = self._data.identifiers.get((scheme, value, country))
                found = [] if party_id is None else [self._data.parties[party_id]]
                return [party for party in found if include_deleted or party.deleted_at is None]
            return self._find(
                _IDENTIFIER, f"{scheme}{keys.SEPARATOR}{value}", include_deleted=include_deleted
            )

        return keys.find_identifier(scheme, value, country, search)

    def find_by_external_key(
        self, system: str, key: str, *, include_deleted: bool = False
    ) -> list[Party]:
        return self._find(
            keys.EXTERNAL, keys.external_key(system, key), include_deleted=include_deleted
        )

    def select(
        self,
        where: Predicate | None = None,
        *,
        include_deleted: Deleted = False,
        batch_size: int = 1000,
    ) -> Iterator[Party]:
        check_batch_size(batch_size)  # everything is in memory already
        showing = check_deleted(include_deleted)
        with self._data.lock:
            ids = sorted(self._data.parties)
        for party_id in ids:
            party = self._data.parties.get(party_id)
            if party is not None and shown(party, showing) and matches(where, party):
                yield party

    def count(self, where: Predicate | None = None, *, include_deleted: Deleted = False) -> int:
        return sum(1 for _ in self.select(where, include_deleted=include_deleted))

    def page(
        self,
        where: Predicate | None = None,
        *,
        order_by: str = "id",
        limit: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
        include_deleted: Deleted = False,
    ) -> Page:
        order = check_order(order_by)
        check_limit(limit, "limit")
        check_deleted(include_deleted)
        return page_in(self.select(where, include_deleted=include_deleted), order, limit, after)

    def search(
        self,
        text: str,
        *,
        mode: SearchMode = "matching",
        limit: int = DEFAULT_SEARCH_LIMIT,
        include_deleted: Deleted = False,
    ) -> list[Party]:
        query = name_query(text, mode)
        check_limit(limit, "limit")
        showing = check_deleted(include_deleted)
        data = self._data
        if query.mode == "prefix":  # no order of keys to read a range of: every party
            found = (party for party in self.select(include_deleted=showing))
        else:  # the parties holding one of the name keys, as the SQL stores read them
            with data.lock:
                ids = sorted(
                    {i for key in query.lookups() for i in data.keys.get((keys.NAME, key), ())}
                )
            parties = (data.parties.get(party_id) for party_id in ids)
            found = (p for p in parties if p is not None and shown(p, showing))
        return list(itertools.islice((p for p in found if query.finds(p)), limit))

    def upsert(self, party: Party, *, by: ExternalKey) -> Upserted:
        return upsert(self, party, by)

    def purge(
        self, *, before: datetime | None = None, ids: Iterable[uuid.UUID] | None = None
    ) -> list[uuid.UUID]:
        return purge(self, self._store.transaction, before, ids)

    # --- the key index -------------------------------------------------------

    def index_is_current(self) -> bool:
        return True  # built by this process, as this crmcore derives keys

    def reindex(self, *, batch_size: int = 1000) -> ReindexResult:
        """Rebuild the key index from the stored parties, all in one transaction.

        The same rules as the SQL stores: a unique key two parties derive
        stays with its holder before the rebuild, else with the first in id order.
        """
        check_batch_size(batch_size)  # everything is in memory already
        data, store = self._data, self._store
        with store.transaction():
            index: dict[tuple[str, str], set[uuid.UUID]] = {}
            external: dict[str, list[uuid.UUID]] = {}
            owners: dict[tuple[str, str, str], list[uuid.UUID]] = {}
            for party_id in sorted(data.parties):
                party = data.parties[party_id]
                for kind, key in keys.index_rows(party):
                    if kind == keys.EXTERNAL:
                        external.setdefault(key, []).append(party_id)
                    else:
                        index.setdefault((kind, key), set()).add(party_id)
                for row in keys.identifier_rows(party):
                    owners.setdefault(row, []).append(party_id)
            conflicts: list[IndexConflict] = []
            identifiers: dict[tuple[str, str, str], uuid.UUID] = {}
            for row, claimants in owners.items():
                holder = _keeper(claimants, {data.identifiers.get(row)})
                identifiers[row] = holder
                index.setdefault(_identifier_key(row), set()).add(holder)
                conflicts.extend(
                    IndexConflict(field="identifiers", key=row, holder=holder, party_id=other)
                    for other in claimants
                    if other != holder
                )
            for key, claimants in external.items():
                holder = _keeper(claimants, data.keys.get((keys.EXTERNAL, key), set()))
                index[keys.EXTERNAL, key] = {holder}
                conflicts.extend(
                    IndexConflict(
                        field="external_keys",
                        key=keys.external_parts(key),
                        holder=holder,
                        party_id=other,
                    )
                    for other in claimants
                    if other != holder
                )
            written, removed = self._replace_index(index, identifiers)
        return ReindexResult(
            parties=len(data.parties),
            written=written,
            removed=removed,
            conflicts=conflicts,
            fingerprint=keys_fingerprint(),
        )

    def _replace_index(
        self,
        index: dict[tuple[str, str], set[uuid.UUID]],
        identifiers: dict[tuple[str, str, str], uuid.UUID],
    ) -> tuple[int, int]:
        """Make the index ``index`` and ``identifiers``; return the rows written and removed.

        Rows are counted as the SQL stores hold them: a key row per party,
        an identifier row per party (not the per-scheme rows of this store).
        """
        data, journal = self._data, self._store.journal
        written = removed = 0
        for pair, members in list(data.keys.items()):
            for party_id in members - index.get(pair, set()):
                journal.remove_from(data.keys, pair, party_id)
                removed += _counted(pair)
        for pair, members in index.items():
            for party_id in members - data.keys.get(pair, set()):
                journal.add_to(data.keys, pair, party_id)
                written += _counted(pair)
        for row, party_id in list(data.identifiers.items()):
            if identifiers.get(row) != party_id:
                journal.pop(data.identifiers, row)
                removed += 1
        for row, party_id in identifiers.items():
            if row not in data.identifiers:
                journal.put(data.identifiers, row, party_id)
                written += 1
        return written, removed


@checks_arguments
class _Affiliations:
    __slots__ = ("_data", "_store")

    def __init__(self, store: MemoryStore, data: _Data) -> None:
        self._store = store
        self._data = data

    def add(self, affiliation: Affiliation) -> Affiliation:
        store = self._store
        data = self._data
        with store.transaction():
            if affiliation.id in data.affiliations:
                raise duplicate_id("affiliation", affiliation.id)
            for party_id in (affiliation.party_id, affiliation.related_party_id):
                data.refuse_merged(party_id)
                if party_id not in data.parties:
                    raise not_found("party", party_id)
            store.journal.put(data.affiliations, affiliation.id, affiliation)
            store.pending.record("affiliation", affiliation.id, affiliation.party_id, "created")
        return affiliation

    def get(self, affiliation_id: uuid.UUID) -> Affiliation:
        found = self._data.affiliations.get(affiliation_id)
        if found is None:
            raise not_found("affiliation", affiliation_id)
        return found

    def remove(self, affiliation_id: uuid.UUID) -> None:
        store = self._store
        with store.transaction():
            removed = self.get(affiliation_id)
            store.journal.pop(self._data.affiliations, affiliation_id)
            store.pending.record("affiliation", removed.id, removed.party_id, "removed")

    def for_party(self, party_id: uuid.UUID) -> list[Affiliation]:
        with self._data.lock:
            found = [
                each
                for each in self._data.affiliations.values()
                if party_id in {each.party_id, each.related_party_id}
            ]
        return _by_id(found, lambda each: each.id)


_A = TypeVar("_A", Interaction, Purchase)


@checks_arguments
class _Activities(Generic[_A]):
    __slots__ = ("_data", "_entity", "_items", "_store")

    _items: dict[uuid.UUID, _A]

    def __init__(
        self, store: MemoryStore, data: _Data, items: dict[uuid.UUID, _A], entity: str
    ) -> None:
        self._store = store
        self._data = data
        self._items = items
        self._entity = entity

    def add(self, activity: _A) -> _A:
        return self.add_many([activity])[0]

    def add_many(self, activities: Iterable[_A]) -> list[_A]:
        store = self._store
        parties = self._data.parties
        with store.transaction():
            added = list(activities)
            for activity in added:
                if activity.id in self._items:
                    raise duplicate_id(self._entity, activity.id)
                self._data.refuse_merged(activity.party_id)
                if activity.party_id not in parties:
                    raise not_found("party", activity.party_id)
                store.journal.put(self._items, activity.id, activity)
                store.pending.record(self._entity, activity.id, activity.party_id, "created")
        return added

    def get(self, activity_id: uuid.UUID) -> _A:
        found = self._items.get(activity_id)
        if found is None:
            raise not_found(self._entity, activity_id)
        return found

    def for_party(self, party_id: uuid.UUID) -> list[_A]:
        with self._data.lock:
            found = [each for each in self._items.values() if each.party_id == party_id]
        return sorted(found, key=lambda each: (each.occurred_at, each.id))


@checks_arguments
class _Campaigns:
    __slots__ = ("_data", "_store")

    def __init__(self, store: MemoryStore, data: _Data) -> None:
        self._store = store
        self._data = data

    def add(self, campaign: Campaign) -> Campaign:
        store = self._store
        with store.transaction():
            if campaign.id in self._data.campaigns:
                raise duplicate_id("campaign", campaign.id)
            store.journal.put(self._data.campaigns, campaign.id, campaign)
        return campaign

    def get(self, campaign_id: uuid.UUID) -> Campaign:
        found = self._data.campaigns.get(campaign_id)
        if found is None:
            raise not_found("campaign", campaign_id)
        return found

    def all(self) -> list[Campaign]:
        with self._data.lock:
            return _by_id(self._data.campaigns.values(), lambda each: each.id)


@checks_arguments
class _Events:
    __slots__ = ("_data", "_store")

    def __init__(self, store: MemoryStore, data: _Data) -> None:
        self._store = store
        self._data = data

    def append(self, event: Event) -> Event:
        store = self._store
        data = self._data
        with store.transaction():
            if event.id in data.event_ids:
                raise duplicate_id("event", event.id)
            recorded = attrs.evolve(event, recorded_at=store.now())
            store.journal.put(data.event_ids, event.id, None)
            store.journal.append(data.events, recorded)
        return attrs.evolve(recorded)

    def read(
        self,
        *,
        stream: str | None = None,
        party_id: uuid.UUID | None = None,
        since: datetime | None = None,
    ) -> Iterator[Event]:
        with self._data.lock:
            events = list(self._data.events)
        for event in events:
            if (
                (stream is None or event.stream == stream)
                and (party_id is None or event.party_id == party_id)
                and (
                    since is None or (event.recorded_at is not None and event.recorded_at >= since)
                )
            ):
                yield attrs.evolve(event)  # a copy: the caller may change its payload

    def prune(self, *, before: datetime, stream: str | None = None) -> int:
        before, stream = check_prune(before, stream)
        store, data = self._store, self._data
        with store.transaction():
            pruned = [event for event in data.events if is_pruned(event, before, stream)]
            if pruned:
                for event in pruned:
                    store.journal.pop(data.event_ids, event.id)
                kept = [event for event in data.events if not is_pruned(event, before, stream)]
                store.journal.replace_all(data.events, kept)
        return len(pruned)

"""Parties in SQL: a JSON document per party, plus its indexed columns and key rows."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from crmcore.errors import ConflictError, CrmError
from crmcore.model import PartyKind
from crmcore.storage import _lookup_keys as keys
from crmcore.storage._arguments import checks_arguments
from crmcore.storage._batch import BatchResult, add_in_halves
from crmcore.storage._candidates import (
    DEFAULT_MAX_BLOCK,
    DEFAULT_MAX_PER_KEY,
    Candidates,
    KeyBlock,
    check_kinds,
    check_limit,
)
from crmcore.storage._codec import party_from_json, party_to_json
from crmcore.storage._merges import merged_party
from crmcore.storage._paging import DEFAULT_PAGE_SIZE, Deleted, Page, check_deleted, check_order
from crmcore.storage._purge import purge
from crmcore.storage._query import Predicate, check_batch_size
from crmcore.storage._reindex import ReindexResult, reads_derived_keys
from crmcore.storage._search import DEFAULT_SEARCH_LIMIT, name_query
from crmcore.storage._sql import _candidates, _reads
from crmcore.storage._sql._compile import compile_predicate
from crmcore.storage._sql._reindex import INSERT_IDENTIFIER, INSERT_KEY, reindex
from crmcore.storage._upsert import Upserted, upsert
from crmcore.storage._writes import (
    CurrentNumbers,
    check_update,
    deleted,
    erased_event,
    not_found,
    stale,
    stamped_new_all,
    stamped_update,
    stamper,
)

if TYPE_CHECKING:
    import uuid
    from collections.abc import Iterable, Iterator
    from datetime import datetime

    from crmcore.model import ExternalKey, Party
    from crmcore.storage._changes import Operation
    from crmcore.storage._search import SearchMode
    from crmcore.storage._sql._index_state import IndexState
    from crmcore.storage._sql._store import SqlStore

__all__ = ["SqlParties"]

_CHUNK = 1000
_COLUMNS = (
    "id, customer_number, kind, country, version, created_at, updated_at, deleted_at, document"
)
_INSERT = f"INSERT INTO parties ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"  # noqa: S608 - constant text
_UPDATE = (
    "UPDATE parties SET customer_number = ?, kind = ?, country = ?, version = ?,"
    " created_at = ?, updated_at = ?, deleted_at = ?, document = ?"
    " WHERE id = ? AND version = ?"
)
_VERSION_OF = "SELECT version, customer_number, merged_into FROM parties WHERE id = ?"
_LIVE = " AND deleted_at IS NULL"
_ONLY_DELETED = " AND deleted_at IS NOT NULL"
#: Not merged into another party (a merged party is kept, hidden; see crmcore.storage._sql._merges).
_SHOWN = " AND merged_into IS NULL"
_KIND_VALUES = {kind: kind.value for kind in PartyKind}  # Enum.value is a property: slow
_BY_KEY = (
    "SELECT p.document FROM party_keys AS k JOIN parties AS p ON p.id = k.party_id"
    " WHERE k.kind = ? AND k.lookup = ?{live} ORDER BY k.party_id"
)
_BY_KEY_LIVE = _BY_KEY.replace("{live}", " AND p.deleted_at IS NULL")
_BY_KEY = _BY_KEY.replace("{live}", "")
_BY_IDENTIFIER = (
    "SELECT p.document FROM party_identifiers AS k JOIN parties AS p ON p.id = k.party_id"
    " WHERE k.scheme = ? AND k.value = ? AND k.country = ?{live}"
)
_BY_IDENTIFIER_LIVE = _BY_IDENTIFIER.replace("{live}", " AND p.deleted_at IS NULL")
_BY_IDENTIFIER = _BY_IDENTIFIER.replace("{live}", "")


@checks_arguments
class SqlParties:
    """The parties of a SQL store (see :class:`crmcore.storage.Parties`)."""

    __slots__ = ("_index", "_store")

    def __init__(self, store: SqlStore, index: IndexState) -> None:
        self._store = store
        self._index = index

    # --- writing ------------------------------------------------------------------------

    def _insert(self, parties: list[Party], *, rows: bool = True) -> None:
        """Insert parties (or, with ``rows=False``, only their key rows), in one pass."""
        dialect = self._store.dialect
        to_key, moment = dialect.id, dialect.moment
        party_rows: list[tuple[Any, ...]] = []
        identifiers: list[tuple[str, str, str, object]] = []
        index: list[tuple[str, str, object]] = []
        add_party, add_identifier, add_key = party_rows.append, identifiers.append, index.append
        # The parties of one insert share their `updated_at` (the same object):
        # its column value is found once.
        last_updated, updated_at = None, None
        for party in parties:
            key = to_key(party.id)
            country = keys.party_country(party)
            if rows:
                if party.updated_at is not last_updated:
                    last_updated, updated_at = party.updated_at, moment(party.updated_at)
                deleted_at = party.deleted_at
                add_party(
                    (
                        key,
                        party.customer_number,
                        _KIND_VALUES[party.kind],
                        country,
                        party.version,
                        moment(party.created_at),
                        updated_at,
                        None if deleted_at is None else moment(deleted_at),
                        party_to_json(party),
                    )
                )
            for scheme, value, where in keys.identifier_rows(party):
                add_identifier((scheme, value, where, key))
            for kind, lookup in keys.country_index_rows(party, country):
                add_key((kind, lookup, key))
        if rows:
            self._store.run_many(_INSERT, party_rows)
            self._store.pending.record_parties(parties, "created")
        self._store.run_many(INSERT_IDENTIFIER, identifiers)
        self._store.run_many(INSERT_KEY, index)

    def add(self, party: Party) -> Party:
        """Store a new party; see :meth:`crmcore.storage.Parties.add`."""
        return self.add_many([party])[0]

    def add_many(self, parties: Iterable[Party]) -> list[Party]:
        """Store many new parties, all or none; see :meth:`crmcore.storage.Parties.add_many`."""
        self._current()
        store = self._store
        added: list[Party] = []
        with store.transaction():
            now = store.now()
            given = iter(parties)
            while chunk := list(itertools.islice(given, _CHUNK)):
                stored = stamped_new_all(chunk, numbers=store.numbers, now=now)
                try:
                    self._insert(stored)
                except ConflictError as exc:
                    raise _described(exc, stored) from exc.__cause__
                added.extend(stored)
        return added

    def add_batch(self, parties: Iterable[Party]) -> BatchResult:
        """Store each party it can; see :meth:`crmcore.storage.Parties.add_batch`.

        As :func:`~crmcore.storage._batch.add_each` would (each party stamped
        as :meth:`add` stamps it, refused alone), many parties at a time.
        """
        self._current()
        store = self._store
        return add_in_halves(
            store.transaction,
            lambda: stamper(numbers=CurrentNumbers(lambda: store.numbers), now=store.now()),
            self._insert,
            _described_one,
            parties,
        )

    def update(self, party: Party) -> Party:
        """Replace a stored party; see :meth:`crmcore.storage.Parties.update`."""
        self._current()
        store = self._store
        party_id = store.dialect.id(party.id)
        with store.transaction():
            # The row is locked until the write: a concurrent delete or erase
            # of it is then either seen whole (gone: not found) or waits.
            found = store.rows(
                f"{_VERSION_OF}{store.dialect.lock_rows}",
                (party_id,),
            )
            if found and found[0][2] is not None:
                raise merged_party(party.id, store.dialect.to_uuid(found[0][2]))
            number = check_update(party, (found[0][0], found[0][1]) if found else None)
            new = stamped_update(party, number=number, now=store.now())
            self._rewrite(new, party.version, "updated")
            store.run("DELETE FROM party_keys WHERE party_id = ?", (party_id,))
            store.run("DELETE FROM party_identifiers WHERE party_id = ?", (party_id,))
            self.index(new)
        return new

    def index(self, party: Party) -> None:
        """Write the key rows of a stored party that has none (updated, or shown again)."""
        try:
            self._insert([party], rows=False)
        except ConflictError as exc:
            raise _described(exc, [party]) from exc.__cause__

    def _rewrite(self, party: Party, version: int, operation: Operation) -> None:
        moment = self._store.dialect.moment
        self._store.changes.keep(party.id, version, party.updated_at)
        row = (
            party.customer_number,
            _KIND_VALUES[party.kind],
            keys.party_country(party),
            party.version,
            moment(party.created_at),
            moment(party.updated_at),
            None if party.deleted_at is None else moment(party.deleted_at),
            party_to_json(party),
        )
        cursor = self._store.run(_UPDATE, (*row, self._store.dialect.id(party.id), version))
        if cursor.rowcount != 1:  # someone else wrote between our read and this write
            raise stale(version, None)
        self._store.pending.record_parties([party], operation)

    def delete(self, party_id: uuid.UUID) -> Party:
        """Soft-delete a party; see :meth:`crmcore.storage.Parties.delete`."""
        store = self._store
        with store.transaction():
            # Locked until the write, as in update(): the loser of a race with
            # another delete finds the party deleted, with an erase not found.
            stored = self._read_one(
                "id = ?" + store.dialect.lock_rows,
                store.dialect.id(party_id),
                party_id,
                "id",
                redirect=False,
            )
            if stored.deleted_at is not None:
                return stored
            new = deleted(stored, now=store.now())
            self._rewrite(new, stored.version, "deleted")
        return new

    def erase(self, party_id: uuid.UUID) -> None:
        """Remove a party for good; see :meth:`crmcore.storage.Parties.erase`."""
        store = self._store
        with store.transaction():
            # A merged party is erased with its survivor and all merged into it,
            # the parties merged first. Their key rows, identifiers, affiliations
            # and activities go with them (ON DELETE CASCADE).
            gone = store.merges.forget(party_id)
            store.changes.forget(gone)
            for each in gone:
                store.run("DELETE FROM parties WHERE id = ?", (store.dialect.id(each),))
                store.events.empty_payloads(each)
                store.events.append(erased_event(each, now=store.now()))
                store.pending.record("party", each, each, "erased")

    # --- reading ------------------------------------------------------------------------

    def _read_one(
        self,
        where: str,
        param: object,
        key: object,
        field: str,
        *,
        include_deleted: bool = True,
        redirect: bool = True,
    ) -> Party:
        """Read one party; a merged one is its survivor (``redirect``), or refused."""
        store = self._store
        rows = store.rows(f"SELECT document, merged_into FROM parties WHERE {where}", (param,))  # noqa: S608 - constant text
        while rows and rows[0][1] is not None:
            survivor = store.dialect.to_uuid(rows[0][1])
            if not redirect:
                raise merged_party(party_from_json(rows[0][0]).id, survivor)
            rows = store.rows(
                "SELECT document, merged_into FROM parties WHERE id = ?",
                (store.dialect.id(survivor),),
            )
        if not rows:
            raise not_found("party", key, field=field)
        party = party_from_json(rows[0][0])
        if party.deleted_at is not None and not include_deleted:
            raise not_found("party", key, field=field)
        return party

    def get(self, party_id: uuid.UUID, *, include_deleted: bool = False) -> Party:
        """Return a party; see :meth:`crmcore.storage.Parties.get`."""
        return self._read_one(
            "id = ?",
            self._store.dialect.id(party_id),
            party_id,
            "id",
            include_deleted=include_deleted,
        )

    def get_by_customer_number(self, number: str, *, include_deleted: bool = False) -> Party:
        """Return the party with a customer number."""
        return self._read_one(
            "customer_number = ?",
            number,
            number,
            "customer_number",
            include_deleted=include_deleted,
        )

    def get_many(
        self, party_ids: Iterable[uuid.UUID], *, include_deleted: bool = False
    ) -> list[Party]:
        """Return some stored parties; see :meth:`crmcore.storage.Parties.get_many`."""
        return _candidates.get_many(self._store, party_ids, include_deleted)

    def candidates(
        self,
        party: Party,
        *,
        max_per_key: int = DEFAULT_MAX_PER_KEY,
        include_deleted: bool = False,
    ) -> Candidates:
        """Return a party's candidates; see :meth:`crmcore.storage.Parties.candidates`."""
        check_limit(max_per_key, "max_per_key")
        self._current()
        return _candidates.find_candidates(self._store, party, max_per_key, include_deleted)

    def key_blocks(
        self,
        *,
        kinds: Iterable[str] | None = None,
        max_block: int = DEFAULT_MAX_BLOCK,
        include_deleted: bool = False,
    ) -> Iterator[KeyBlock]:
        """Yield the key blocks; see :meth:`crmcore.storage.Parties.key_blocks`."""
        chosen = check_kinds(kinds)
        check_limit(max_block, "max_block")
        self._current()
        return _candidates.key_blocks(self._store, chosen, max_block, include_deleted)

    def _find(
        self, sub_query: str, params: tuple[object, ...], include_deleted: bool
    ) -> list[Party]:
        rows = self._store.rows(
            f"SELECT document FROM parties WHERE id IN ({sub_query})"  # noqa: S608 - constant text
            f"{'' if include_deleted else _LIVE} ORDER BY id",
            params,
        )
        return [party_from_json(row[0]) for row in rows]

    def _find_key(self, kind: str, key: str, include_deleted: bool) -> list[Party]:
        # One indexed search: the key rows of (kind, key) come in party id
        # order from their primary key, each joined to its party by id. A
        # party has a key at most once, so no party comes twice.
        rows = self._store.rows(_BY_KEY if include_deleted else _BY_KEY_LIVE, (kind, key))
        return [party_from_json(row[0]) for row in rows]

    def find_by_phone(
        self, number: str, *, country: str | None = None, include_deleted: bool = False
    ) -> list[Party]:
        """Return the parties with a phone number."""
        self._current()

        def search(key: str) -> list[Party]:
            return self._find_key(keys.PHONE, key, include_deleted)

        return keys.find_phone(number, country, search)

    def find_by_email(self, address: str, *, include_deleted: bool = False) -> list[Party]:
        """Return the parties with an e-mail address."""
        self._current()
        return self._find_key(keys.EMAIL, keys.email_query_key(address), include_deleted)

    def find_by_identifier(
        self,
        scheme: str,
        value: str,
        *,
        country: str | None = None,
        include_deleted: bool = False,
    ) -> list[Party]:
        """Return the parties holding an identifier."""
        self._current()

        def search(scheme_key: str, value_key: str, country: str | None) -> list[Party]:
            if country is None:
                return self._find(
                    "SELECT party_id FROM party_identifiers WHERE scheme = ? AND value = ?",
                    (scheme_key, value_key),
                    include_deleted,
                )
            # (scheme, value, country) is the primary key: at most one party.
            rows = self._store.rows(
                _BY_IDENTIFIER if include_deleted else _BY_IDENTIFIER_LIVE,
                (scheme_key, value_key, country),
            )
            return [party_from_json(row[0]) for row in rows]

        return keys.find_identifier(scheme, value, country, search)

    def find_by_external_key(
        self, system: str, key: str, *, include_deleted: bool = False
    ) -> list[Party]:
        """Return the party known in another system by a key."""
        self._current()
        return self._find_key(keys.EXTERNAL, keys.external_key(system, key), include_deleted)

    def _where(self, where: Predicate | None, include_deleted: Deleted) -> tuple[str, list[Any]]:
        if reads_derived_keys(where):
            self._current()
        sql, params = compile_predicate(where, self._store.dialect)
        return sql + _shown(include_deleted), params

    def select(
        self,
        where: Predicate | None = None,
        *,
        include_deleted: Deleted = False,
        batch_size: int = 1000,
    ) -> Iterator[Party]:
        """Yield the parties that satisfy a predicate, in id order, in batches."""
        size = check_batch_size(batch_size)
        sql, params = self._where(where, check_deleted(include_deleted))
        first = f"SELECT id, document FROM parties WHERE {sql} ORDER BY id LIMIT ?"  # noqa: S608 - compiled, parameterised
        after = f"SELECT id, document FROM parties WHERE {sql} AND id > ? ORDER BY id LIMIT ?"  # noqa: S608
        rows = self._store.rows(first, (*params, size))
        while rows:
            for row in rows:
                yield party_from_json(row[1])
            if len(rows) < size:
                return
            rows = self._store.rows(after, (*params, rows[-1][0], size))

    def count(self, where: Predicate | None = None, *, include_deleted: Deleted = False) -> int:
        """Return how many parties satisfy a predicate."""
        sql, params = self._where(where, check_deleted(include_deleted))
        return int(self._store.rows(f"SELECT COUNT(*) FROM parties WHERE {sql}", params)[0][0])  # noqa: S608

    def page(
        self,
        where: Predicate | None = None,
        *,
        order_by: str = "id",
        limit: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
        include_deleted: Deleted = False,
    ) -> Page:
        """Return one page of parties; see :meth:`crmcore.storage.Parties.page`."""
        order = check_order(order_by)
        check_limit(limit, "limit")
        sql, params = self._where(where, check_deleted(include_deleted))
        return _reads.page(self._store, sql, params, order=order, limit=limit, after=after)

    def search(
        self,
        text: str,
        *,
        mode: SearchMode = "matching",
        limit: int = DEFAULT_SEARCH_LIMIT,
        include_deleted: Deleted = False,
    ) -> list[Party]:
        """Return the parties found by name; see :meth:`crmcore.storage.Parties.search`."""
        query = name_query(text, mode)
        check_limit(limit, "limit")
        shown = _shown(check_deleted(include_deleted), "p.")
        self._current()
        return _reads.search(self._store, query, shown, limit)

    def upsert(self, party: Party, *, by: ExternalKey) -> Upserted:
        """Add or update by an external key; see :meth:`crmcore.storage.Parties.upsert`."""
        return upsert(self, party, by)

    def purge(
        self, *, before: datetime | None = None, ids: Iterable[uuid.UUID] | None = None
    ) -> list[uuid.UUID]:
        """Erase soft-deleted parties; see :meth:`crmcore.storage.Parties.purge`."""
        return purge(self, self._store.transaction, before, ids)

    # --- the key index ----------------------------------------------------------------

    def _current(self) -> None:
        """Refuse derived keys that are stale, if the store's policy says so."""
        state = self._index
        if not state.current:
            state.require_current()

    def index_is_current(self) -> bool:
        """Return whether the keys are current; see :class:`crmcore.storage.Parties`."""
        return self._index.is_current()

    def reindex(self, *, batch_size: int = 1000) -> ReindexResult:
        """Rebuild every party's keys; see :meth:`crmcore.storage.Parties.reindex`."""
        return reindex(self._store, self._index, batch_size)


def _shown(include_deleted: Deleted, table: str = "") -> str:
    """Return the condition on ``parties`` that shows what ``include_deleted`` asks for.

    ``table`` is the alias its columns are named with, if any (``"p."``).
    """
    if include_deleted == "only":
        shown = _SHOWN + _ONLY_DELETED
    else:
        shown = _SHOWN + ("" if include_deleted else _LIVE)
    return shown.replace(" AND ", f" AND {table}")


def _described_one(error: CrmError, party: Party) -> CrmError:
    """Return the error of one party's refused insert, naming its value."""
    return _described(error, [party]) if isinstance(error, ConflictError) else error


def _described(error: ConflictError, parties: list[Party]) -> ConflictError:
    """Return ``error`` naming the party's value, when one party was written."""
    if len(parties) == 1:
        party = parties[0]
        values = {
            "id": str(party.id),
            "customer_number": party.customer_number,
            "identifiers": [list(row) for row in keys.identifier_rows(party)],
            "external_keys": [[each.system, each.key] for each in party.external_keys],
        }
        error.value = values.get(str(error.field))
    return error

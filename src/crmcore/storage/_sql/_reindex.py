"""Rebuilding a SQL store's key rows from its parties' documents, a batch at a time.

Each batch of parties, in id order, is one transaction: the parties are read
(locked on PostgreSQL, so that no update slips between the read and the
write), their keys derived anew and compared with the stored rows; the rows
no longer derived are deleted, the missing ones inserted, and the ``country``
column that filters read is corrected. A current index is only read, and a
rebuild stopped between two batches leaves every party with a full set of
keys, old or new.

A unique key (an identifier, an external key) that a party now derives may
be held by another party:

* if the holder derives it too, the holder keeps it and the conflict is reported;
* if not (its row is stale: its own batch is not rebuilt yet), the holder's
  stale row is deleted and the key goes to the party that derives it.

So a contested key stays with the party that held it before the rebuild,
else goes to the first in id order, as in the memory store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Literal, NamedTuple

import attrs

from crmcore._i18n import N_
from crmcore.errors import ConflictError, StorageError
from crmcore.storage import _lookup_keys as keys
from crmcore.storage._codec import party_from_json
from crmcore.storage._query import check_batch_size
from crmcore.storage._reindex import IndexConflict, ReindexResult, keys_fingerprint

if TYPE_CHECKING:
    import uuid
    from collections.abc import Sequence

    from crmcore.model import Party
    from crmcore.storage._sql._index_state import IndexState
    from crmcore.storage._sql._store import SqlStore

__all__ = ["INSERT_IDENTIFIER", "INSERT_KEY", "reindex"]

#: The statements that write a party's key rows: on insert (the parties) and here.
INSERT_KEY: Final = "INSERT INTO party_keys (kind, lookup, party_id) VALUES (?, ?, ?)"
INSERT_IDENTIFIER: Final = (
    "INSERT INTO party_identifiers (scheme, value, country, party_id) VALUES (?, ?, ?, ?)"
)
# A merged party holds no keys (its survivor holds them): it is left out.
_FIRST: Final = (
    "SELECT id, country, document FROM parties WHERE merged_into IS NULL ORDER BY id LIMIT ?"
)
_AFTER: Final = (
    "SELECT id, country, document FROM parties WHERE merged_into IS NULL AND id > ?"
    " ORDER BY id LIMIT ?"
)
_LOCK: Final = {"sqlite": "", "postgresql": " FOR UPDATE"}  # SQLite: BEGIN IMMEDIATE
_KEYS: Final = "SELECT party_id, kind, lookup FROM party_keys WHERE party_id BETWEEN ? AND ?"
_IDENTIFIERS: Final = (
    "SELECT party_id, scheme, value, country FROM party_identifiers WHERE party_id BETWEEN ? AND ?"
)
_DELETE_KEY: Final = "DELETE FROM party_keys WHERE kind = ? AND lookup = ? AND party_id = ?"
_DELETE_IDENTIFIER: Final = (
    "DELETE FROM party_identifiers WHERE scheme = ? AND value = ? AND country = ? AND party_id = ?"
)
_SET_COUNTRY: Final = "UPDATE parties SET country = ? WHERE id = ?"
_DOCUMENT: Final = "SELECT document FROM parties WHERE id = ?"
_ATTEMPTS: Final = 3


class _Unique(NamedTuple):
    """A kind of unique key row: how to insert it, find its holder and delete the holder's."""

    field: Literal["identifiers", "external_keys"]
    insert: str
    holder: str
    delete: str


_IDENTIFIER: Final = _Unique(
    "identifiers",
    INSERT_IDENTIFIER,
    "SELECT party_id FROM party_identifiers WHERE scheme = ? AND value = ? AND country = ?",
    _DELETE_IDENTIFIER,
)
_EXTERNAL: Final = _Unique(
    "external_keys",
    INSERT_KEY,
    "SELECT party_id FROM party_keys WHERE kind = ? AND lookup = ?",
    _DELETE_KEY,
)


class _Keyed(NamedTuple):
    """A party's keys as this crmcore derives them, in the order derived."""

    party_id: uuid.UUID
    keys: dict[tuple[str, ...], None]
    identifiers: dict[tuple[str, ...], None]


def _derive(party: Party) -> tuple[str | None, _Keyed]:
    country = keys.party_country(party)
    return country, _Keyed(
        party.id,
        dict.fromkeys(keys.country_index_rows(party, country)),
        dict.fromkeys(keys.identifier_rows(party)),
    )


@attrs.define
class _Tally:
    parties: int = 0
    written: int = 0
    removed: int = 0
    conflicts: list[IndexConflict] = attrs.Factory(list)


def reindex(store: SqlStore, index: IndexState, batch_size: int) -> ReindexResult:
    """Rebuild the key rows of every stored party, then record the keys current.

    Raises:
        ValidationError: ``query.invalid_batch_size``.
    """
    size = check_batch_size(batch_size)
    fingerprint = keys_fingerprint()
    tally = _Tally()
    after = _batch(store, None, size, tally)
    while after is not None:
        after = _batch(store, after, size, tally)
    index.record(fingerprint)
    return ReindexResult(
        parties=tally.parties,
        written=tally.written,
        removed=tally.removed,
        conflicts=tally.conflicts,
        fingerprint=fingerprint,
    )


def _batch(store: SqlStore, after: object, size: int, tally: _Tally) -> object:
    """Rebuild the keys of the ``size`` parties after ``after``; return the last id, or ``None``."""
    lock = _LOCK[store.dialect.name]
    with store.transaction():
        if after is None:
            rows = store.rows(_FIRST + lock, (size,))
        else:
            rows = store.rows(_AFTER + lock, (after, size))
        if not rows:
            return None
        batch: dict[object, _Keyed] = {}
        countries: list[tuple[str | None, object]] = []
        for key, country, document in rows:
            fresh, batch[key] = _derive(party_from_json(document))
            if fresh != country:
                countries.append((fresh, key))
        span = (rows[0][0], rows[-1][0])
        stored_keys = _stored(store, _KEYS, span, batch)
        stored_identifiers = _stored(store, _IDENTIFIERS, span, batch)
        stale_keys = [
            (*row, key)
            for key, held in stored_keys.items()
            for row in held.difference(batch[key].keys)
        ]
        stale_identifiers = [
            (*row, key)
            for key, held in stored_identifiers.items()
            for row in held.difference(batch[key].identifiers)
        ]
        store.run_many(_DELETE_KEY, stale_keys)
        store.run_many(_DELETE_IDENTIFIER, stale_identifiers)
        store.run_many(_SET_COUNTRY, countries)
        tally.removed += len(stale_keys) + len(stale_identifiers)
        missing = {
            key: (
                [row for row in keyed.identifiers if row not in stored_identifiers.get(key, ())],
                [row for row in keyed.keys if row not in stored_keys.get(key, ())],
            )
            for key, keyed in batch.items()
        }
        _insert(store, missing, batch, tally)
        tally.parties += len(rows)
    return rows[-1][0] if len(rows) == size else None


def _stored(
    store: SqlStore, statement: str, span: Sequence[object], batch: dict[object, _Keyed]
) -> dict[object, set[tuple[str, ...]]]:
    """Return the rows stored for the parties of ``batch``, by party."""
    found: dict[object, set[tuple[str, ...]]] = {}
    for party_key, *row in store.rows(statement, span):
        # A party another writer added in the span meanwhile (PostgreSQL) is not in the batch.
        if party_key in batch:  # pragma: no branch - only a concurrent writer adds one
            found.setdefault(party_key, set()).add(tuple(row))
    return found


def _insert(
    store: SqlStore,
    missing: dict[object, tuple[list[tuple[str, ...]], list[tuple[str, ...]]]],
    batch: dict[object, _Keyed],
    tally: _Tally,
) -> None:
    """Insert the missing rows: all at once, or, if a unique key is taken, one at a time."""
    identifiers = [(*row, key) for key, (rows, _) in missing.items() for row in rows]
    index = [(*row, key) for key, (_, rows) in missing.items() for row in rows]
    if not identifiers and not index:
        return
    try:
        with store.transaction():
            store.run_many(INSERT_IDENTIFIER, identifiers)
            store.run_many(INSERT_KEY, index)
    except ConflictError:
        pass
    else:
        tally.written += len(identifiers) + len(index)
        return
    for key, (identifier_rows, key_rows) in missing.items():
        for row in identifier_rows:
            _claim(store, _IDENTIFIER, row, key=key, batch=batch, tally=tally)
        for row in key_rows:
            if row[0] == keys.EXTERNAL:
                _claim(store, _EXTERNAL, row, key=key, batch=batch, tally=tally)
            else:  # shared keys (phones, e-mails, roles, tags) are nobody's alone
                store.run(INSERT_KEY, (*row, key))
                tally.written += 1


def _claim(
    store: SqlStore,
    unique: _Unique,
    row: tuple[str, ...],
    *,
    key: object,
    batch: dict[object, _Keyed],
    tally: _Tally,
) -> None:
    """Give ``row`` to the party ``key``, unless a party that still derives it holds it."""
    for _ in range(_ATTEMPTS):
        if _inserted(store, unique.insert, (*row, key)):
            tally.written += 1
            return
        found = store.rows(unique.holder, row)
        if not found:  # pragma: no cover - only a concurrent writer removes it meanwhile
            continue
        holder = found[0][0]
        if _derives(store, unique, row, holder, batch):
            tally.conflicts.append(
                IndexConflict(
                    field=unique.field,
                    key=keys.external_parts(row[1]) if unique is _EXTERNAL else row,
                    holder=store.dialect.to_uuid(holder),
                    party_id=batch[key].party_id,
                )
            )
            return
        store.run(unique.delete, (*row, holder))
        tally.removed += 1
    raise StorageError(  # pragma: no cover - only concurrent writers contend so
        N_("the key index kept changing during the rebuild"),
        code="storage.busy",
        field="index",
        hint=N_("call store.parties.reindex() again"),
    )


def _inserted(store: SqlStore, statement: str, params: Sequence[object]) -> bool:
    try:
        with store.transaction():
            store.run(statement, params)
    except ConflictError:
        return False
    return True


def _derives(
    store: SqlStore,
    unique: _Unique,
    row: tuple[str, ...],
    holder: object,
    batch: dict[object, _Keyed],
) -> bool:
    """Return whether the party ``holder`` derives ``row`` from its stored document."""
    keyed = batch.get(holder)
    if keyed is None:  # a party of another batch: its stored rows may be stale
        keyed = _derive(party_from_json(store.rows(_DOCUMENT, (holder,))[0][0]))[1]
    return row in (keyed.identifiers if unique is _IDENTIFIER else keyed.keys)

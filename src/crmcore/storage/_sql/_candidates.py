"""Candidates and key blocks in SQL: counted and listed through the key tables' primary keys.

The key rows (``party_keys``, by ``(kind, lookup, party_id)``;
``party_identifiers``, by ``(scheme, value, country)``) are the index: a
party's candidates are one query that counts, for each of its keys, the
other parties holding it, and lists them for the keys within the limit;
then one read of their documents. Key blocks are one query per kind, in the
primary key's order, whose window counts each key's parties; it is streamed
(a server-side cursor on PostgreSQL), so a store is never loaded whole.

A soft-deleted party is left out through the partial index of deleted
parties (schema version 4), which the database reads once per query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from crmcore.storage import _lookup_keys as keys
from crmcore.storage._candidates import Candidates, KeyBlock, gather
from crmcore.storage._codec import party_from_json

if TYPE_CHECKING:
    import uuid
    from collections.abc import Callable, Iterable, Iterator

    from crmcore.model import Party
    from crmcore.storage._sql._store import SqlStore

__all__ = ["find_candidates", "get_many", "key_blocks"]

#: How many ids one read of documents names.
_CHUNK: Final = 500
_LIVE: Final = "k.party_id NOT IN (SELECT id FROM parties WHERE deleted_at IS NOT NULL)"
# The table and the two columns that make a key, for the index rows and the identifiers.
# A party holds an index row once (the primary key), but may hold one number
# under several countries: its identifier rows are read distinct by party.
_KEY_ROWS: Final = ("party_keys", "kind", "lookup")
_IDENTIFIER_ROWS: Final = ("party_identifiers", "scheme", "value")
_DISTINCT_IDENTIFIERS: Final = "(SELECT DISTINCT scheme, value, party_id FROM party_identifiers)"


def get_many(store: SqlStore, party_ids: Iterable[uuid.UUID], include_deleted: bool) -> list[Party]:
    """Return the stored parties among some ids; see :meth:`~crmcore.storage.Parties.get_many`."""
    wanted = sorted(set(party_ids))
    to_key = store.dialect.id
    live = "" if include_deleted else " AND deleted_at IS NULL"
    found: list[Party] = []
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        slots = ", ".join("?" * len(chunk))
        rows = store.rows(
            f"SELECT document FROM parties WHERE id IN ({slots}){live} ORDER BY id",  # noqa: S608 - placeholders only
            [to_key(party_id) for party_id in chunk],
        )
        found.extend(party_from_json(row[0]) for row in rows)
    return found


def _live(include_deleted: bool) -> str:
    """Return the condition on key rows ``k`` that leaves soft-deleted parties out, if asked."""
    return "" if include_deleted else f" AND {_LIVE}"


def _count_sql(table: str, first: str, second: str, count: int, live: str) -> str:
    """Return the query that counts the other holders of each of ``count`` keys."""
    values = ", ".join(["(?, ?)"] * count)
    return (
        f"WITH q (a, b) AS (VALUES {values})"  # noqa: S608 - constant names, placeholders
        f" SELECT q.a, q.b, (SELECT COUNT(DISTINCT k.party_id) FROM {table} AS k"
        f" WHERE k.{first} = q.a AND k.{second} = q.b AND k.party_id <> ?{live}) FROM q"
    )


def _holders_sql(table: str, first: str, second: str, count: int, live: str) -> str:
    """Return the query that lists the other holders of each of ``count`` keys."""
    values = ", ".join(["(?, ?)"] * count)
    return (
        f"WITH q (a, b) AS (VALUES {values})"  # noqa: S608 - constant names, placeholders
        f" SELECT DISTINCT q.a, q.b, k.party_id FROM q JOIN {table} AS k"
        f" ON k.{first} = q.a AND k.{second} = q.b AND k.party_id <> ?{live}"
    )


def find_candidates(
    store: SqlStore, party: Party, max_per_key: int, include_deleted: bool
) -> Candidates:
    """Return the candidates of ``party``; see :meth:`crmcore.storage.Parties.candidates`.

    Two indexed queries a table of keys (the index rows, the identifiers):
    one counts each key's holders in the primary key, the other lists the
    holders of the keys within the limit; then one read of their documents.
    """
    live = _live(include_deleted)
    own = store.dialect.id(party.id)
    to_uuid = store.dialect.to_uuid
    index: list[tuple[str, str]] = []
    identifiers: list[tuple[str, str]] = []
    for kind, key in keys.lookup_keys(party):
        if kind == keys.IDENTIFIER:
            scheme, value = key.split(keys.SEPARATOR, 1)
            identifiers.append((scheme, value))
        else:
            index.append((kind, key))
    rows: list[tuple[str, str, int, uuid.UUID | None]] = []
    for (table, first, second), asked in ((_KEY_ROWS, index), (_IDENTIFIER_ROWS, identifiers)):
        if not asked:
            continue

        def named(a: str, b: str, table: str = table) -> tuple[str, str]:
            if table == _KEY_ROWS[0]:
                return (a, b)
            return (keys.IDENTIFIER, a + keys.SEPARATOR + b)

        params = [part for pair in asked for part in pair]
        counts = store.rows(_count_sql(table, first, second, len(asked), live), (*params, own))
        within = [(a, b) for a, b, count in counts if 0 < count <= max_per_key]
        rows.extend((*named(a, b), int(count), None) for a, b, count in counts)
        if within:
            params = [part for pair in within for part in pair]
            sql = _holders_sql(table, first, second, len(within), live)
            counted = {(a, b): int(count) for a, b, count in counts}
            rows.extend(
                (*named(a, b), counted[a, b], to_uuid(holder))
                for a, b, holder in store.rows(sql, (*params, own))
            )

    def fetch(ids: list[uuid.UUID]) -> list[Party]:
        return get_many(store, ids, include_deleted)

    return gather(rows, fetch, max_per_key)


def _blocks_sql(key: str, source: str, where: str) -> str:
    """Return the query of the rows of shared keys, in key order, with each key's size.

    ``key`` names the columns of the key (in the primary key's order),
    ``source`` the table as ``k`` and ``where`` its condition. A key over
    the limit comes once (its first row), to be reported with its size.
    """
    return (
        f"SELECT {key.replace('k.', 'w.')}, w.party_id, w.n FROM (SELECT {key}, k.party_id,"  # noqa: S608 - constant names
        f" COUNT(*) OVER (PARTITION BY {key}) AS n,"
        f" ROW_NUMBER() OVER (PARTITION BY {key} ORDER BY k.party_id) AS r"
        f" FROM {source} WHERE {where}) AS w"
        f" WHERE w.n >= 2 AND (w.n <= ? OR w.r = 1) ORDER BY {key.replace('k.', 'w.')}, w.party_id"
    )


def key_blocks(
    store: SqlStore, kinds: tuple[str, ...], max_block: int, include_deleted: bool
) -> Iterator[KeyBlock]:
    """Yield the key blocks of ``kinds``; see :meth:`crmcore.storage.Parties.key_blocks`."""
    live = "" if include_deleted else f" AND {_LIVE}"
    for kind in kinds:
        rows: Iterator[tuple[str, Any, int]]
        if kind == keys.IDENTIFIER:
            where = "1 = 1" if include_deleted else _LIVE
            sql = _blocks_sql("k.scheme, k.value", f"{_DISTINCT_IDENTIFIERS} AS k", where)
            rows = (
                (scheme + keys.SEPARATOR + value, holder, size)
                for scheme, value, holder, size in store.stream(sql, (max_block,))
            )
        else:
            sql = _blocks_sql("k.lookup", "party_keys AS k", f"k.kind = ?{live}")
            rows = iter(store.stream(sql, (kind, max_block)))
        yield from _grouped(kind, rows, max_block, store.dialect.to_uuid)


def _grouped(
    kind: str,
    rows: Iterator[tuple[str, Any, int]],
    max_block: int,
    to_uuid: Callable[[Any], uuid.UUID],
) -> Iterator[KeyBlock]:
    """Yield the blocks of rows ordered by key: a skipped key's one row, a block's rows."""
    ids: list[uuid.UUID] = []
    for key, holder, size in rows:
        if size > max_block:
            yield KeyBlock(kind, key, int(size))
            continue
        ids.append(to_uuid(holder))
        if len(ids) == size:
            yield KeyBlock(kind, key, int(size), tuple(ids))
            ids = []

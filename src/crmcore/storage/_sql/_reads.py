"""Pages and searches by name in SQL: keyset reads over indexes, never OFFSET or LIKE.

A page reads ``(field, id)`` after the cursor's place on an index of
``(field, id)`` (schema version 8), ``limit + 1`` rows, the last only to
tell whether a next page exists. A search by name reads the key rows whose
name keys in ``party_keys`` are equal to the query's, or in a range of keys
(``lookup >= ? AND lookup < ?``) for a prefix, on the key index's primary
key, and joins each to its party by id (``CROSS JOIN``: SQLite's planner
keeps the key rows as the outer loop, instead of reading every party in id
order to spare a sort); :meth:`crmcore.storage._search.NameQuery.finds` keeps
those the query finds, in id order, until the limit.
"""

from __future__ import annotations

import heapq
from contextlib import closing
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Final

from crmcore.storage._codec import party_from_json
from crmcore.storage._lookup_keys import NAME
from crmcore.storage._paging import Order, Page, page_of, read_cursor

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from crmcore.model import Party
    from crmcore.storage._search import NameQuery
    from crmcore.storage._sql._store import SqlStore

__all__ = ["page", "search"]

#: The columns a page may be ordered by: constants, never text from a caller.
_COLUMNS: Final = {
    "id": "id",
    "created_at": "created_at",
    "updated_at": "updated_at",
    "customer_number": "customer_number",
}
_MOMENTS: Final = frozenset({"created_at", "updated_at"})


def page(
    store: SqlStore,
    where: str,
    params: list[Any],
    *,
    order: Order,
    limit: int,
    after: str | None,
) -> Page:
    """Return one page of the parties that satisfy ``where`` (compiled, parameterised)."""
    column = _COLUMNS[order.field]
    direction, beyond = (" DESC", "<") if order.descending else ("", ">")
    dialect = store.dialect
    sql, values = where, list(params)
    if after is not None:
        value, party_id = read_cursor(after, order)
        if order.field == "id":
            sql += f" AND id {beyond} ?"
            values.append(dialect.id(party_id))
        else:
            sql += f" AND ({column}, id) {beyond} (?, ?)"
            values += [
                dialect.moment(value) if order.field in _MOMENTS else value,
                dialect.id(party_id),
            ]
    ordered = f"{column}{direction}" + ("" if order.field == "id" else f", id{direction}")
    rows = store.rows(
        f"SELECT document FROM parties WHERE {sql} ORDER BY {ordered} LIMIT ?",  # noqa: S608 - constant names, parameterised values
        (*values, limit + 1),
    )
    return page_of((party_from_json(row[0]) for row in rows), order, limit)


def search(store: SqlStore, query: NameQuery, shown: str, limit: int) -> list[Party]:
    """Return the first ``limit`` parties (in id order) that ``query`` finds, ``shown`` only.

    ``shown`` is the condition on the parties (aliased ``p``) a read shows.

    An equality reads each name key's rows in party id order, straight off
    the key index's primary key ``(kind, lookup, party_id)``, a batch at a
    time, and merges them: a common name (a tenth of the store) costs no more
    than a rare one, as no read sorts. A prefix reads its ranges whole, sorted
    by id. A party with two of the keys asked for (an organisation's first
    word and its whole name) comes twice, next to itself, and is kept once.
    """
    if query.mode == "prefix":
        ranges = query.ranges()
        keys = " OR ".join("(k.lookup >= ? AND k.lookup < ?)" for _ in ranges)
        params: list[object] = [each for pair in ranges for each in pair]
        statement = (
            "SELECT p.id, p.document FROM party_keys AS k CROSS JOIN parties AS p"  # noqa: S608 - constant text, parameterised values
            f" WHERE p.id = k.party_id AND k.kind = ? AND ({keys}){shown} ORDER BY p.id"
        )
        with closing(store.stream(statement, (NAME, *params))) as rows:
            return _first(rows, query, limit)
    lookups = query.lookups()
    firsts = _first_batches(store, lookups, shown, limit)
    streams = [
        _key_rows(store, lookup, shown, rows, limit)
        for lookup, rows in zip(lookups, firsts, strict=True)
    ]
    return _first(heapq.merge(*streams, key=itemgetter(0)), query, limit)


#: The most key rows of one name key a search reads at a time.
_MOST: Final = 1024
_KEY_ROWS: Final = (
    "SELECT k.party_id, p.document FROM party_keys AS k CROSS JOIN parties AS p"
    " WHERE p.id = k.party_id AND k.kind = ? AND k.lookup = ?"
)


def _first_batches(
    store: SqlStore, lookups: list[str], shown: str, batch: int
) -> list[list[tuple[Any, ...]]]:
    """Return the first ``batch`` key rows of each name key, by id, in one statement."""
    statement = " UNION ALL ".join(
        f"SELECT {n} AS n, b{n}.* FROM ({_KEY_ROWS}{shown} ORDER BY k.party_id LIMIT ?) AS b{n}"  # noqa: S608 - constant text, parameterised values
        for n in range(len(lookups))
    )
    params = [value for lookup in lookups for value in (NAME, lookup, batch)]
    found: list[list[tuple[Any, ...]]] = [[] for _ in lookups]
    for n, party_id, document in store.rows(statement, params):
        found[n].append((party_id, document))
    return found


def _key_rows(
    store: SqlStore, lookup: str, shown: str, rows: list[tuple[Any, ...]], batch: int
) -> Iterator[tuple[Any, ...]]:
    """Yield ``(id, document)`` of the shown parties with the name key ``lookup``, by id.

    ``rows`` are the first ``batch`` of them; each read after reads four times
    as many as the one before (up to :data:`_MOST`): a search whose key rows
    the query mostly refuses (a whole name, under a common family name) takes
    a few reads, not one a party.
    """
    after = f"{_KEY_ROWS}{shown} AND k.party_id > ? ORDER BY k.party_id LIMIT ?"
    while True:
        yield from rows
        if len(rows) < batch:
            return
        batch = min(batch * 4, _MOST)
        rows = store.rows(after, (NAME, lookup, rows[-1][0], batch))


def _first(rows: Iterable[tuple[Any, ...]], query: NameQuery, limit: int) -> list[Party]:
    found: list[Party] = []
    last = None
    for party_id, document in rows:
        if party_id == last:
            continue
        last = party_id
        party = party_from_json(document)
        if query.finds(party):
            found.append(party)
            if len(found) == limit:
                break
    return found

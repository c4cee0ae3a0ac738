"""The change feed and history in SQL (see :class:`crmcore.storage.ChangeFeed`).

**Why the feed is in commit order.** A change takes its sequence number when
its unit of work commits, not when it is written: the store gathers the
changes of a unit of work in memory
(:class:`~crmcore.storage._changes.Pending`) and, as the last step before
``COMMIT``, adds their count to the one row of ``change_counter``
(``UPDATE ... RETURNING``) and inserts them with the numbers it got. The
update locks that row until the commit, so a second writer reaching the
same step waits until the first has committed, and then reads the number the
first left. Numbers are therefore handed out in commit order, and a reader
that sees a change numbered ``n`` already sees every change numbered below
``n``: a poller that remembers the last number it read never skips one.

A database sequence (``serial``) would not do this on PostgreSQL: its value
is taken when the row is inserted, so a transaction holding number 5 can
commit before one holding 4, and a poller that read up to 5 would miss 4
forever. Holding rows back with ``pg_snapshot_xmin`` would also work, but
needs a second column and a condition on every read; the counter costs one
row lock held for the end of each writing transaction only (writes run in
parallel up to that step), and works the same on SQLite, whose writers take
turns anyway.

The earlier versions of parties are rows of ``party_versions``: the document
a write replaced, copied inside the database (``INSERT ... SELECT``), so an
update or a delete never re-encodes it, and an insert writes nothing there.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final

from crmcore.storage._changes import (
    DEFAULT_LIMIT,
    Change,
    ChangePage,
    Retention,
    Version,
    check_read,
    cursor_of,
    history_of,
)
from crmcore.storage._codec import party_from_json
from crmcore.storage._writes import not_found

if TYPE_CHECKING:
    import uuid
    from collections.abc import Iterable, Iterator, Sequence

    from crmcore.model import Party
    from crmcore.storage._changes import Draft
    from crmcore.storage._sql._dialect import Dialect
    from crmcore.storage._sql._store import SqlStore

__all__ = ["SqlChanges"]

_TAKE: Final = (
    "UPDATE change_counter SET last_seq = last_seq + ? WHERE name = 'changes' RETURNING last_seq"
)
_INSERT: Final = (
    "INSERT INTO changes"
    " (seq, entity, entity_id, party_id, operation, version, actor, changed_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_READ: Final = (
    "SELECT seq, entity, entity_id, party_id, operation, version, actor, changed_at"
    " FROM changes WHERE seq > ? ORDER BY seq LIMIT ?"
)
_WRITTEN: Final = (
    "SELECT version, operation, actor, changed_at FROM changes"
    " WHERE entity_id = ? AND entity = 'party' ORDER BY seq"
)
_KEEP: Final = (
    "INSERT INTO party_versions (party_id, version, replaced_at, document)"
    " SELECT id, version, ?, document FROM parties WHERE id = ? AND version = ?"
    # Two writers of the same version: the loser's update finds no row (stale), not this.
    " ON CONFLICT DO NOTHING"
)


def _moment(value: datetime | str) -> datetime:
    """Return the aware moment a column holds (SQLite: UTC text; PostgreSQL: timestamptz)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _rows(dialect: Dialect, drafts: Iterable[Draft], first: int) -> Iterator[tuple[Any, ...]]:
    """Return the rows of ``changes`` for ``drafts`` numbered from ``first``."""
    key, moment = dialect.id, dialect.moment
    # The parties of one insert share their moment (one object): converted once.
    last_at: datetime | None = None
    at_value = None
    for seq, (entity, entity_id, party_id, operation, version, actor, at) in enumerate(
        drafts, first
    ):
        if at is not last_at:
            last_at, at_value = at, moment(at)
        entity_key = key(entity_id)
        party_key = (
            entity_key if party_id is entity_id else None if party_id is None else key(party_id)
        )
        yield (seq, entity, entity_key, party_key, operation, version, actor, at_value)


class SqlChanges:
    """``store.changes`` of a SQL store."""

    __slots__ = ("_store",)

    def __init__(self, store: SqlStore) -> None:
        self._store = store

    # --- writing (called by the store and its repositories) ---------------------------

    def flush(self) -> None:
        """Number and insert the changes of the unit of work about to commit (see above)."""
        store = self._store
        size, drafts = store.pending.take()
        if not size:
            return
        last = int(store.rows(_TAKE, (size,))[0][0])
        store.run_many(_INSERT, _rows(store.dialect, drafts, last - size + 1))

    def keep(self, party_id: uuid.UUID, version: int, now: datetime) -> None:
        """Keep the stored document of a party's version that a write is about to replace."""
        store = self._store
        store.run(_KEEP, (store.dialect.moment(now), store.dialect.id(party_id), version))

    def forget(self, party_ids: Iterable[uuid.UUID]) -> None:
        """Drop the earlier versions of erased parties."""
        key = self._store.dialect.id
        self._store.run_many(
            "DELETE FROM party_versions WHERE party_id = ?", [(key(each),) for each in party_ids]
        )

    # --- reading ------------------------------------------------------------------------

    def _change(self, row: Sequence[Any]) -> Change:
        to_uuid = self._store.dialect.to_uuid
        seq, entity, entity_id, party_id, operation, version, actor, at = row
        return Change(
            seq=int(seq),
            cursor=cursor_of(int(seq)),
            entity=entity,
            id=to_uuid(entity_id),
            party_id=None if party_id is None else to_uuid(party_id),
            operation=operation,
            version=None if version is None else int(version),
            actor=actor,
            at=_moment(at),
        )

    def read(self, since: str | None = None, *, limit: int = DEFAULT_LIMIT) -> ChangePage:
        """Return changes after a cursor; see :meth:`crmcore.storage.ChangeFeed.read`."""
        after, limit = check_read(since, limit)
        found = tuple(self._change(row) for row in self._store.rows(_READ, (after, limit)))
        return ChangePage(found, found[-1].cursor if found else cursor_of(after))

    def history(self, party_id: uuid.UUID) -> list[Version]:
        """Return a party's versions; see :meth:`crmcore.storage.ChangeFeed.history`."""
        store = self._store
        key = store.dialect.id(party_id)
        # Three reads, no unit of work (a reader takes no write lock): a write
        # between them leaves a version without its document, which is not listed.
        written = store.rows(_WRITTEN, (key,))
        kept = store.rows("SELECT version, document FROM party_versions WHERE party_id = ?", (key,))
        current = store.rows("SELECT version, document FROM parties WHERE id = ?", (key,))
        if not current:
            raise not_found("party", party_id)
        documents: dict[int, Party] = {
            int(version): party_from_json(document) for version, document in [*kept, *current]
        }
        return history_of(
            [
                (int(version), operation, actor, _moment(at))
                for version, operation, actor, at in written
            ],
            documents,
        )

    def prune(self, retention: Retention) -> int:
        """Remove earlier versions; see :meth:`crmcore.storage.ChangeFeed.prune`."""
        store = self._store
        with store.transaction():
            now = store.now()
            doomed: list[tuple[object, int]] = []
            party, rank = None, 0
            for party_id, version, replaced_at in store.rows(
                "SELECT party_id, version, replaced_at FROM party_versions"
                " ORDER BY party_id, version DESC"
            ):
                rank = rank + 1 if party_id == party else 0
                party = party_id
                if not retention.keeps(rank, _moment(replaced_at), now):
                    doomed.append((party_id, int(version)))
            store.run_many("DELETE FROM party_versions WHERE party_id = ? AND version = ?", doomed)
        return len(doomed)

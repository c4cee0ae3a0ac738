"""``check()`` of the SQL stores: the engine's own check, then crmcore's.

SQLite runs ``PRAGMA integrity_check``, not ``quick_check``: it also checks
that every index holds exactly its table's rows, and a look-up goes through
an index (a party missing from an index is a party a look-up never finds);
``check()`` is a maintenance call, so the thoroughness is worth its time.
It then runs ``PRAGMA foreign_key_check`` (rows of a party not stored).
PostgreSQL checks its B-tree indexes with ``amcheck`` where that extension
is installed in the database (it is optional; without it the engine check
is left out), and enforces foreign keys itself.

Then crmcore's own: the schema version, whether the key index is current,
merged parties pointing to a survivor that is not stored, and key rows of
merged parties (which have none).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from crmcore.errors import StorageError
from crmcore.storage import _check
from crmcore.storage._sql._schema import LATEST

if TYPE_CHECKING:
    from collections.abc import Callable

    from crmcore.storage._check import CheckProblem
    from crmcore.storage._sql._store import SqlStore

__all__ = ["check"]

#: How many lines of SQLite's integrity check are kept (it stops there).
_MAX_LINES: Final = 100
_DANGLING_MERGES: Final = (
    "SELECT COUNT(*) FROM parties AS p WHERE p.merged_into IS NOT NULL"
    " AND NOT EXISTS (SELECT 1 FROM parties AS s WHERE s.id = p.merged_into)"
)
_KEYS_OF_MERGED: Final = (
    "SELECT COUNT(*) FROM party_keys AS k JOIN parties AS p ON p.id = k.party_id"
    " WHERE p.merged_into IS NOT NULL"
)
# The schema amcheck was installed in joins the search path for this
# transaction only (set_config(..., true)); the server quotes its name.
_WITH_AMCHECK: Final = (
    "SELECT set_config('search_path',"
    " current_setting('search_path') || ', ' || quote_ident(n.nspname), true)"
    " FROM pg_extension AS e JOIN pg_namespace AS n ON n.oid = e.extnamespace"
    " WHERE e.extname = 'amcheck'"
)
_BTREE_INDEXES: Final = (
    "SELECT c.oid::regclass::text FROM pg_index AS i"
    " JOIN pg_class AS c ON c.oid = i.indexrelid"
    " JOIN pg_am AS a ON a.oid = c.relam"
    " JOIN pg_namespace AS n ON n.oid = c.relnamespace"
    " WHERE a.amname = 'btree' AND n.nspname = current_schema() ORDER BY 1"
)


def _sqlite_engine(store: SqlStore) -> list[CheckProblem]:
    lines = [row[0] for row in store.rows(f"PRAGMA integrity_check({_MAX_LINES})")]
    problems = [_check.damaged(line) for line in lines if line != "ok"]
    orphans: dict[str, int] = {}
    for row in store.rows("PRAGMA foreign_key_check"):
        orphans[row[0]] = orphans.get(row[0], 0) + 1
    problems.extend(
        _check.dangling(f"{table}: {count} row(s) of a party not stored")
        for table, count in sorted(orphans.items())
    )
    return problems


def _postgres_engine(store: SqlStore) -> list[CheckProblem]:
    problems = []
    with store.transaction():
        if not store.rows(_WITH_AMCHECK):
            return []
        for (index,) in store.rows(_BTREE_INDEXES):
            try:
                with store.transaction():  # a savepoint: a damaged index fails its check alone
                    store.rows("SELECT bt_index_check(?::regclass)", (index,))
            except StorageError as exc:
                if exc.code != "storage.corrupt":
                    raise
                problems.append(_check.damaged(f"{index}: {exc.value}"))
    return problems


_ENGINE: Final[dict[str, Callable[[SqlStore], list[CheckProblem]]]] = {
    "sqlite": _sqlite_engine,
    "postgresql": _postgres_engine,
}


def check(store: SqlStore) -> _check.CheckResult:
    """Check a SQL store; see :meth:`crmcore.storage.Store.check`."""
    problems: list[CheckProblem] = []
    try:
        problems.extend(_ENGINE[store.dialect.name](store))
        found = store.schema_version()
        if found != LATEST:
            problems.append(_check.schema_version(found, LATEST))
        if not store.parties.index_is_current():
            problems.append(_check.stale_index())
        dangling = int(store.rows(_DANGLING_MERGES)[0][0])
        if dangling:
            problems.append(
                _check.dangling(f"{dangling} merged party(ies) of a survivor not stored")
            )
        keys = int(store.rows(_KEYS_OF_MERGED)[0][0])
        if keys:
            problems.append(_check.index_mismatch(f"{keys} key row(s) of merged parties"))
    except StorageError as exc:
        if exc.code != "storage.corrupt":
            raise
        problems.append(_check.damaged(str(exc.value)))
    return _check.CheckResult(problems)

"""Opening a SQL database: what it holds, and the migrations it needs.

Opening a database that is current only reads: its schema version is read
without a write lock, so that a reader opens it while another process
writes. The write lock (SQLite's ``BEGIN IMMEDIATE``, PostgreSQL's advisory
lock) is taken only when a migration is due, and the version is read again
under it (another process may have migrated meanwhile).

A database that holds tables of the names crmcore uses but no record of
crmcore's migrations (or a ``schema_version`` table of another shape) is
someone else's: it is refused before anything is written to it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from crmcore._i18n import N_
from crmcore.errors import ConfigurationError
from crmcore.storage._sql._schema import LATEST, MIGRATIONS

if TYPE_CHECKING:
    from crmcore.storage._sql._store import SqlStore

__all__ = ["TABLES", "current_version", "migrate"]

#: The tables crmcore's migrations create, read from their statements.
TABLES: Final = frozenset(
    name
    for _, statements in MIGRATIONS
    for statement in statements
    for name in re.findall(r"^CREATE TABLE (\w+)", statement)
)
_VERSIONS: Final = "schema_version"
_VERSION_COLUMNS: Final = frozenset({"version", "applied_at"})
#: The tables of the store's schema, and the columns of one of them.
_TABLES_OF: Final = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table'",
    "postgresql": "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()",
}
_COLUMNS_OF: Final = {
    "sqlite": "SELECT name FROM pragma_table_info(?)",
    "postgresql": (
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name = ?"
    ),
}
_CREATE_VERSIONS: Final = (
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "version {integer} PRIMARY KEY, applied_at {text} NOT NULL)"
)


def current_version(store: SqlStore) -> int:
    """Return the schema version of the store's database (0 for one without crmcore's tables).

    Only reads: no write lock is needed.

    Raises:
        ConfigurationError: ``storage.foreign_database`` for a database that
            holds tables of crmcore's names without crmcore's record of its
            migrations; ``storage.schema_too_new`` for one written by a newer crmcore.
    """
    name = store.dialect.name
    tables = {row[0] for row in store.rows(_TABLES_OF[name])}
    columns = set()
    if _VERSIONS in tables:
        columns = {row[0] for row in store.rows(_COLUMNS_OF[name], (_VERSIONS,))}
    if columns != _VERSION_COLUMNS and (columns or tables & TABLES):
        found = sorted(tables & (TABLES | {_VERSIONS}))
        raise ConfigurationError(
            N_("the database holds tables of another application"),
            code="storage.foreign_database",
            field="tables",
            value=found,
            hint=N_(
                "an empty database or one crmcore created; for PostgreSQL, a ?schema= of its own"
            ),
        )
    if not columns:
        return 0
    found_version = store.rows("SELECT MAX(version) FROM schema_version")[0][0]
    version = int(found_version or 0)
    if version > LATEST:
        raise ConfigurationError(
            N_("the database was written by a newer crmcore"),
            code="storage.schema_too_new",
            field="schema_version",
            value=version,
            hint=N_(
                "a crmcore that knows schema version {version} (this one knows {latest})",
                version=version,
                latest=LATEST,
            ),
        )
    return version


def migrate(store: SqlStore) -> None:
    """Bring the schema up to :data:`LATEST`, one transaction per migration.

    A current database is only read. Each migration due runs under the
    write lock, after the version is read again there.

    Raises:
        ConfigurationError: as :func:`current_version`.
    """
    current = current_version(store)
    for version, statements in MIGRATIONS:
        if version <= current:
            continue
        with store.transaction():
            store.lock_for_migration()
            current = current_version(store)
            if version <= current:  # another process migrated meanwhile
                continue
            if current == 0:
                store.run(_CREATE_VERSIONS)
            for statement in statements:
                store.run(statement)
            store.run(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, CURRENT_TIMESTAMP)",
                (version,),
            )
            current = version

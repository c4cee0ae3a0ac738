"""The PostgreSQL store, through psycopg 3 (``pip install crmcore[postgres]``)."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from crmcore._i18n import N_
from crmcore.errors import ConfigurationError, StorageError
from crmcore.storage._changes import check_actor
from crmcore.storage._sql._dialect import POSTGRES
from crmcore.storage._sql._store import Failure, SqlStore
from crmcore.storage._writes import utc_now

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from crmcore.ids import CustomerNumberSource
    from crmcore.model import Clock
    from crmcore.storage._reindex import StaleIndex

__all__ = ["PostgresStore", "split_schema", "unreachable"]

_SCHEMA = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_SCHEMA_HINT = N_("a lower-case name such as crm or crm_test_1")
# An INSERT of parameters only into a party table, as the parties' writes run it.
_COPIED = re.compile(
    r"INSERT INTO (parties|party_keys|party_identifiers) \(([a-z_, ]+)\) VALUES \((?:%s, )*%s\)"
)
_CURSORS = itertools.count()  # the names of server-side cursors, unique in a process
_SCHEMA_EXISTS = "SELECT 1 FROM pg_namespace WHERE nspname = ?"
_MIGRATION_LOCK = 0x63726D63  # "crmc": one advisory lock key for crmcore's migrations
_TABLE_OF = {
    "parties_pkey": "parties.id",
    "parties_customer_number_uq": "parties.customer_number",
    "party_identifiers_uq": "party_identifiers",
    "party_keys_external_uq": "party_keys",
    "events_id_uq": "events.id",
    "consent_facts_pkey": "consent_facts.party_id",
    "consent_facts_chain_uq": "consent_facts.party_id",
}


def _import_psycopg() -> Any:  # noqa: ANN401 - the psycopg module
    try:
        import psycopg
    except ImportError as exc:
        raise ConfigurationError(
            N_("PostgreSQL support needs psycopg"),
            code="storage.missing_driver",
            field="url",
            value="postgresql://...",
            hint="pip install crmcore[postgres]",
        ) from exc
    return psycopg


def split_schema(url: str) -> tuple[str, str | None]:
    """Return ``url`` without its ``schema`` query parameter, and that schema.

    >>> split_schema("postgresql://crm@db/crm?sslmode=require&schema=sales")
    ('postgresql://crm@db/crm?sslmode=require', 'sales')

    Raises:
        ConfigurationError: ``storage.invalid_schema`` for a schema name that is
            not a plain lower-case identifier.
    """
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schemas = [value for key, value in query if key == "schema"]
    rest = [(key, value) for key, value in query if key != "schema"]
    schema = schemas[-1] if schemas else None
    if schema is not None and not _SCHEMA.fullmatch(schema):
        raise ConfigurationError(
            N_("the schema is not a plain lower-case name"),
            code="storage.invalid_schema",
            field="schema",
            value=schema,
            hint=_SCHEMA_HINT,
        )
    return urlunsplit(parts._replace(query=urlencode(rest))), schema


class PostgresStore(SqlStore):
    """A store in a PostgreSQL database, through psycopg 3.

    Tables live in the connection's schema, or in ``schema`` (created if
    missing). The schema is migrated on first use. Parties are ``jsonb``
    documents beside indexed columns; moments are ``timestamptz``, amounts
    ``numeric``. Concurrent writers are safe: a lost race on the same party
    raises :class:`~crmcore.errors.ConflictError`.

    Args:
        url: A libpq URL (``postgresql://user@host:5432/db``), with an optional
            ``schema`` query parameter.
        schema: The schema for the tables (overrides the URL's).
        clock: What the store reads the time from.
        numbers: Where customer numbers come from for parties added without one.
        stale_index: What to do if the look-up keys were derived by another
            version of crmcore or its libraries: ``"refuse"`` them (the
            default), ``"warn"`` and serve them, or ``"reindex"`` at open.
        actor: Who writes, in the change feed and the history, unless
            ``store.acting_as`` says otherwise.

    Raises:
        ConfigurationError: ``storage.missing_driver`` without psycopg,
            ``storage.invalid_schema`` for a bad schema name,
            ``storage.invalid_option`` for an unknown ``stale_index``,
            ``storage.foreign_database`` if the schema holds tables of
            crmcore's names that crmcore did not create (nothing is written
            to it), ``storage.schema_too_new``.
        StorageError: ``storage.unavailable`` if the server cannot be reached.
    """

    def __init__(
        self,
        url: str,
        *,
        schema: str | None = None,
        clock: Clock = utc_now,
        numbers: CustomerNumberSource | None = None,
        stale_index: StaleIndex = "refuse",
        actor: str | None = None,
    ) -> None:
        check_actor(actor)  # before a connection is opened, not after
        psycopg = _import_psycopg()
        self._driver_errors = (psycopg.Error,)
        self._errors = psycopg.errors
        dsn, from_url = split_schema(url)
        self.schema = schema if schema is not None else from_url
        if schema is not None:
            split_schema(f"postgresql://?schema={schema}")  # the same check
        try:
            connection = psycopg.connect(dsn, autocommit=True)
        except psycopg.Error as exc:
            raise unreachable(dsn) from exc
        super().__init__(
            dialect=POSTGRES,
            connection=connection,
            clock=clock,
            numbers=numbers,
            stale_index=stale_index,
            actor=actor,
        )
        try:
            if self.schema is not None:
                self._create_schema(self.schema)
                self.run(f'SET search_path TO "{self.schema}"')
            self._migrate()
        except BaseException:
            self.close()
            raise

    def __repr__(self) -> str:
        return f"PostgresStore(schema={self.schema!r})"

    def lock_for_migration(self) -> None:
        self.run("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))

    def _create_schema(self, schema: str) -> None:
        """Create ``schema`` if missing, under the migrations' lock.

        ``CREATE SCHEMA IF NOT EXISTS`` alone is not safe against another
        process creating it at the same moment (one of them fails on a
        unique index of the catalogue): the creators take turns.
        """
        if self.rows(_SCHEMA_EXISTS, (schema,)):
            return
        with self.transaction():
            self.lock_for_migration()
            self.run(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')

    def _open_cursor(self, sql: str, params: Sequence[object]) -> Any:  # noqa: ANN401 - a cursor
        """Return a server-side cursor that has run ``sql``: the server keeps the rows.

        ``WITH HOLD``, so that it outlives the transaction it is declared in
        (the store commits every write): the rows stay on the server and
        come to the client a batch at a time.
        """
        cursor = self._connection.cursor(name=f"crmcore_stream_{next(_CURSORS)}", withhold=True)
        cursor.execute(sql, params)
        return cursor

    def _executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        with self._connection.cursor() as cursor:
            copied = _COPIED.fullmatch(sql)
            if copied is None:
                cursor.executemany(sql, rows)
                return
            # The rows of a party table go in one COPY: one message for all of
            # them instead of a bound statement each, with the same constraints
            # checked (a violation fails the COPY with the same error).
            table, columns = copied.groups()
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def _classify(self, error: Exception) -> Failure:
        errors = self._errors
        if isinstance(error, errors.UniqueViolation):
            constraint = error.diag.constraint_name or ""
            target = _TABLE_OF.get(constraint)
            if target is None and constraint.endswith("_pkey"):
                target = f"{constraint.removesuffix('_pkey')}.id"
            return "unique", target or constraint
        if isinstance(error, errors.ForeignKeyViolation):
            return "reference", error.diag.constraint_name or ""
        if isinstance(error, errors.LockNotAvailable | errors.DeadlockDetected):
            return "busy", str(error)
        if isinstance(error, errors.DataCorrupted | errors.IndexCorrupted):
            return "corrupt", str(error)
        return "other", str(error)


def unreachable(dsn: str) -> StorageError:
    """Return the error for a server that cannot be reached at ``dsn`` (shown without password)."""
    return StorageError(
        N_("the PostgreSQL server cannot be reached"),
        code="storage.unavailable",
        field="url",
        value=_without_password(dsn),
        hint=N_("a reachable server, e.g. postgresql://user@localhost:5432/crm"),
    )


def _without_password(dsn: str) -> str:
    parts = urlsplit(dsn)
    if parts.password is None:
        return dsn
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))

"""A pool of PostgreSQL connections that lends stores, for applications with many threads.

:class:`PostgresPool` opens ``min_size`` connections through psycopg_pool,
migrates the schema once, and lends a :class:`~crmcore.storage.PostgresStore`
on a pooled connection for each ``with pool.store() as store:`` block. The
connection goes back when the block ends: with no transaction open (the
store's own blocks commit or roll back before) and no cursor held; one the
server dropped is discarded and replaced. Customer numbers for parties added
without one come from one node leased for the whole pool.
"""

from __future__ import annotations

import contextlib
import math
import threading
import weakref
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Self

from crmcore._i18n import N_
from crmcore.errors import ConfigurationError, StorageError
from crmcore.storage._reindex import check_stale_index
from crmcore.storage._sql._dialect import POSTGRES
from crmcore.storage._sql._postgres import (
    PostgresStore,
    _import_psycopg,
    split_schema,
    unreachable,
)
from crmcore.storage._sql._store import SqlStore
from crmcore.storage._writes import utc_now

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from types import ModuleType, TracebackType

    from psycopg import Connection, ServerCursor

    from crmcore.ids import CustomerNumberSource
    from crmcore.model import Clock
    from crmcore.storage._reindex import StaleIndex

__all__ = ["PostgresPool", "open_pool"]

_SIZE_HINT = N_("min_size a whole number from 0, max_size one from 1 and not below min_size")


def _import_pool() -> ModuleType:
    try:
        import psycopg_pool
    except ImportError as exc:
        raise ConfigurationError(
            N_("a pool of PostgreSQL connections needs psycopg_pool"),
            code="storage.missing_driver",
            field="url",
            value="postgresql://...",
            hint="pip install crmcore[postgres]",
        ) from exc
    return psycopg_pool


def _size(value: object, field: str, least: int) -> int:
    if type(value) is not int or value < least:
        raise ConfigurationError(
            N_("not a size the pool can have"),
            code="storage.invalid_option",
            field=field,
            value=value,
            hint=_SIZE_HINT,
        )
    return value


def _timeout(value: object) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value <= 0
    ):
        raise ConfigurationError(
            N_("the timeout is not a positive number of seconds"),
            code="storage.invalid_option",
            field="timeout",
            value=value,
            hint=N_("seconds, such as 30.0"),
        )
    return float(value)


def _closed() -> StorageError:
    return StorageError(N_("the pool is closed"), code="storage.closed", hint=N_("open a new pool"))


class PostgresPool:
    """A pool of PostgreSQL connections that lends a store per block.

    Open it once (at the start of a web application or a worker) and share
    it between threads; each request or job borrows a store::

        with pool.store() as store:
            store.parties.add(party)

    A store borrowed is a :class:`~crmcore.storage.PostgresStore` like any
    other, for the block only: leaving the block gives its connection back
    (with no transaction open and no cursor held) and closes the store.
    Borrowing waits up to ``timeout`` seconds for a free connection, then
    raises ``storage.busy``. A connection the server dropped is found when it
    is lent and replaced by a new one.

    The schema is created and migrated once, when the pool opens; the
    ``stale_index`` policy is applied then. Parties added without a customer
    number get one from a node leased for the whole pool, on a connection
    of its own, opened when the first number is needed.

    Args:
        url: A libpq URL (``postgresql://user@host:5432/db``), with an optional
            ``schema`` query parameter.
        schema: The schema for the tables (overrides the URL's).
        min_size: How many connections the pool keeps open (from 0).
        max_size: How many connections it may open at most (from 1, at least ``min_size``).
        timeout: How long opening the pool and each borrowing may wait, in seconds.
        clock: What the stores read the time from.
        numbers: Where customer numbers come from for parties added without one.
        stale_index: What to do if the look-up keys were derived by another
            version of crmcore or its libraries: ``"refuse"`` them (the
            default), ``"warn"`` and serve them, or ``"reindex"`` at open.

    Raises:
        ConfigurationError: ``storage.missing_driver`` without psycopg or
            psycopg_pool, ``storage.invalid_schema`` for a bad schema name,
            ``storage.invalid_option`` for a bad size, timeout or ``stale_index``.
        StorageError: ``storage.unavailable`` if the server cannot be reached
            within ``timeout``.
    """

    def __init__(
        self,
        url: str,
        *,
        schema: str | None = None,
        min_size: int = 1,
        max_size: int = 10,
        timeout: float = 30.0,
        clock: Clock = utc_now,
        numbers: CustomerNumberSource | None = None,
        stale_index: StaleIndex = "refuse",
    ) -> None:
        psycopg = _import_psycopg()
        pools = _import_pool()
        self._min_size = _size(min_size, "min_size", 0)
        self._max_size = _size(max_size, "max_size", max(1, self._min_size))
        self._timeout = _timeout(timeout)
        #: What the stores lent do with a stale key index.
        self.stale_index: StaleIndex = check_stale_index(stale_index)
        dsn, from_url = split_schema(url)
        if schema is not None:
            split_schema(f"postgresql://?schema={schema}")  # the same check
        self.schema = schema if schema is not None else from_url
        self._url = url
        #: What the stores lent read the time from.
        self.clock = clock
        self._driver_errors: tuple[type[Exception], ...] = (psycopg.Error,)
        self._full, self._shut = pools.PoolTimeout, pools.PoolClosed
        #: Where the stores lent take customer numbers from.
        self.numbers: CustomerNumberSource = numbers if numbers is not None else _PoolNumbers(self)
        self._lock = threading.Lock()
        self._lease_store: PostgresStore | None = None
        self._index_current = False
        self._closed = False
        self._pool = pools.ConnectionPool(
            dsn,
            kwargs={"autocommit": True},
            min_size=self._min_size,
            max_size=self._max_size,
            timeout=self._timeout,
            open=False,
            configure=self._configure,
            check=pools.ConnectionPool.check_connection,
            name="crmcore",
        )
        try:
            self._pool.open(wait=True, timeout=self._timeout)
            store = self._lend(reachable=True)
            with store:
                self._index_current = store.migrate()
        except self._full as exc:
            self._pool.close()
            raise unreachable(dsn) from exc
        except BaseException:
            self._pool.close()
            raise

    def __repr__(self) -> str:
        return (
            f"PostgresPool(schema={self.schema!r},"
            f" min_size={self._min_size}, max_size={self._max_size})"
        )

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closed

    @contextmanager
    def store(self) -> Iterator[PostgresStore]:
        """Lend a store on a pooled connection for the block; give the connection back after.

        Raises:
            StorageError: ``storage.busy`` if no connection came free within
                the pool's ``timeout``, ``storage.closed`` if the pool is closed.
        """
        store = self._lend(reachable=False)
        try:
            yield store
        finally:
            store.close()

    def _lend(self, *, reachable: bool) -> _LentStore:
        if self._closed:
            raise _closed()
        try:
            connection = self._pool.getconn(timeout=self._timeout)
        except self._shut as exc:
            raise _closed() from exc
        except self._full as exc:
            if reachable:
                raise
            raise StorageError(
                N_("no connection of the pool came free in time"),
                code="storage.busy",
                field="timeout",
                value=self._timeout,
                hint=N_("shorter blocks, or a larger max_size or timeout"),
            ) from exc
        try:
            return _LentStore(connection, pool=self, index_current=self._index_current)
        except BaseException:
            self.give_back(connection)
            raise

    def give_back(self, connection: Connection[Any]) -> None:
        """Return a lent store's connection to the pool (its store calls this as it closes)."""
        with contextlib.suppress(*self._driver_errors):
            self._pool.putconn(connection)

    def _configure(self, connection: Connection[Any]) -> None:
        """Set a new connection's search path to the pool's schema (a checked name)."""
        if self.schema is not None:
            connection.execute(f'SET search_path TO "{self.schema}"')

    def lease_numbers(self) -> CustomerNumberSource:
        """Return the numbers of the pool's own node lease, opened on first use."""
        with self._lock:
            if self._closed:
                raise _closed()
            if self._lease_store is None:
                self._lease_store = PostgresStore(
                    self._url, schema=self.schema, clock=self.clock, stale_index="refuse"
                )
            return self._lease_store.numbers

    def close(self) -> None:
        """Release the node lease and close every connection; closing twice is harmless.

        A store still lent keeps its connection until its block ends, then
        the connection is closed.
        """
        with self._lock:
            if self._closed:
                return
            self._closed = True
            lease_store, self._lease_store = self._lease_store, None
        if lease_store is not None:
            lease_store.close()
        self._pool.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class _PoolNumbers:
    """The customer numbers of a pool: a node leased on the first number asked for."""

    __slots__ = ("_pool", "_source")

    def __init__(self, pool: PostgresPool) -> None:
        self._pool = pool
        self._source: CustomerNumberSource | None = None

    def new(self) -> str:
        source = self._source
        if source is None:
            source = self._source = self._pool.lease_numbers()
        return source.new()


class _LentStore(PostgresStore):
    """A store on a connection lent by a :class:`PostgresPool`; closing it gives it back.

    Args:
        connection: The connection lent, with the pool's search path.
        pool: The pool it goes back to.
        index_current: Whether the pool found the key index current when it opened.
    """

    def __init__(
        self, connection: Connection[Any], *, pool: PostgresPool, index_current: bool
    ) -> None:
        psycopg = _import_psycopg()
        self._driver_errors = (psycopg.Error,)
        self._errors = psycopg.errors
        self.schema = pool.schema
        self._pool = pool
        self._cursors: weakref.WeakSet[ServerCursor[Any]] = weakref.WeakSet()
        SqlStore.__init__(
            self,
            dialect=POSTGRES,
            connection=connection,
            clock=pool.clock,
            numbers=pool.numbers,
            stale_index=pool.stale_index,
        )
        self._index.current = index_current

    def migrate(self) -> bool:
        """Create and migrate the schema, apply the index policy; return if the index is current."""
        if self.schema is not None:
            self.run(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
        self._migrate()
        return self._index.current

    def _open_cursor(self, sql: str, params: Sequence[object]) -> ServerCursor[Any]:
        cursor: ServerCursor[Any] = super()._open_cursor(sql, params)
        self._cursors.add(cursor)
        return cursor

    def _release_connection(self) -> None:
        # A stream not read to its end closes its cursor now, not on a connection
        # lent again to someone else by then.
        for cursor in list(self._cursors):
            with contextlib.suppress(*self._driver_errors):
                cursor.close()
        self._pool.give_back(self._connection)


def open_pool(
    url: str,
    *,
    min_size: int = 1,
    max_size: int = 10,
    timeout: float = 30.0,
    clock: Clock = utc_now,
    numbers: CustomerNumberSource | None = None,
    stale_index: StaleIndex = "refuse",
) -> PostgresPool:
    """Open a :class:`PostgresPool` on a ``postgresql://`` (or ``postgres://``) URL.

    A pool is for PostgreSQL: a memory or SQLite store is shared by threads
    as it is (one store, which they take turns on).

    Raises:
        ConfigurationError: ``storage.unknown_url`` for another URL, and what
            :class:`PostgresPool` raises.
        StorageError: ``storage.unavailable`` if the server cannot be reached.

    >>> open_pool("sqlite:///crm.db")
    Traceback (most recent call last):
    crmcore.errors.ConfigurationError: url: a pool of connections is only for PostgreSQL ...
    """
    if not isinstance(url, str):
        raise _not_postgres(url)
    if url.partition("://")[0] not in {"postgresql", "postgres"}:
        raise _not_postgres(url)
    return PostgresPool(
        url,
        min_size=min_size,
        max_size=max_size,
        timeout=timeout,
        clock=clock,
        numbers=numbers,
        stale_index=stale_index,
    )


def _not_postgres(url: object) -> ConfigurationError:
    return ConfigurationError(
        N_("a pool of connections is only for PostgreSQL"),
        code="storage.unknown_url",
        field="url",
        value=url,
        hint=N_("postgresql://host/db; share one memory or SQLite store between threads"),
    )

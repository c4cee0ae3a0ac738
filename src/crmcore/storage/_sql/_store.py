"""The SQL store: connection, units of work, error translation and migrations.

A subclass per database (:class:`~crmcore.storage.SqliteStore`,
:class:`~crmcore.storage.PostgresStore`) opens the DB-API connection in
autocommit mode and says how to classify its driver's errors; this class
runs every statement, opens transactions itself (``BEGIN``, savepoints for
nested blocks and for each write inside a block) and turns driver errors into
crmcore errors. One connection per store, guarded by a lock: a store may be
shared by threads, which take turns.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any, Final, Literal, Self

from crmcore._i18n import N_
from crmcore.errors import ConfigurationError, CrmError, NotFoundError, StorageError
from crmcore.ids import CustomerNumberGenerator
from crmcore.storage._changes import Actor, Pending
from crmcore.storage._check import corrupt_error
from crmcore.storage._consent_checks import chain_moved
from crmcore.storage._sql._changes import SqlChanges
from crmcore.storage._sql._check import check
from crmcore.storage._sql._consent import SqlConsent
from crmcore.storage._sql._index_state import IndexState
from crmcore.storage._sql._merges import SqlMerges
from crmcore.storage._sql._nodes import SqlNodeAllocator
from crmcore.storage._sql._opening import migrate
from crmcore.storage._sql._others import (
    SqlAffiliations,
    SqlCampaigns,
    SqlEvents,
    SqlInteractions,
    SqlPurchases,
)
from crmcore.storage._sql._parties import SqlParties
from crmcore.storage._writes import conflict, duplicate_id

if TYPE_CHECKING:
    from collections.abc import Generator, Iterable, Iterator, Sequence
    from datetime import datetime
    from types import TracebackType

    from crmcore.ids import CustomerNumberSource
    from crmcore.model import Clock
    from crmcore.storage._check import CheckResult
    from crmcore.storage._reindex import StaleIndex
    from crmcore.storage._sql._dialect import Dialect

__all__ = ["STREAM_BATCH", "Failure", "SqlStore"]

#: How many rows :meth:`SqlStore.stream` reads at a time.
STREAM_BATCH: Final = 2000

#: How a driver error is classified: a unique key, a missing referenced row,
#: a busy database, a damaged database, or anything else.
Failure = tuple[Literal["unique", "reference", "busy", "corrupt", "other"], str]

# The unique index (as "table.column" or "table") each conflict code stands for.
_UNIQUE: Final = {
    "parties.id": ("party", "id"),
    "parties.customer_number": ("party", "customer_number"),
    "party_identifiers": ("party", "identifiers"),
    "party_keys": ("party", "external_keys"),
    "affiliations.id": ("affiliation", "id"),
    "interactions.id": ("interaction", "id"),
    "purchases.id": ("purchase", "id"),
    "campaigns.id": ("campaign", "id"),
    "events.id": ("event", "id"),
}
#: The unique keys of ``consent_facts`` (its primary key begins with ``holder``,
#: and SQLite names a key by its first column): a place of a party's chain taken.
_CHAIN_PLACE: Final = frozenset({"consent_facts.party_id", "consent_facts.holder"})


class SqlStore:
    """What the SQL stores share. Not built directly: use a subclass.

    Args:
        dialect: The database's :class:`~crmcore.storage._sql._dialect.Dialect`.
        connection: A DB-API connection in autocommit mode.
        clock: What the store reads the time from.
        numbers: Where customer numbers come from for parties added without one;
            by default a :class:`~crmcore.ids.CustomerNumberGenerator` on a node
            leased from the database (see :class:`~crmcore.storage.SqlNodeAllocator`),
            made on the first insert that needs a number.
        stale_index: What to do if the look-up keys were derived by another
            version of crmcore or its libraries (see :data:`~crmcore.storage.StaleIndex`).
        actor: Who writes, in the change feed and the history, unless
            :meth:`acting_as` says otherwise.
    """

    _driver_errors: tuple[type[Exception], ...] = ()

    def __init__(
        self,
        *,
        dialect: Dialect,
        connection: Any,  # noqa: ANN401 - a DB-API connection
        clock: Clock,
        numbers: CustomerNumberSource | None,
        stale_index: StaleIndex = "refuse",
        actor: str | None = None,
    ) -> None:
        self.dialect = dialect
        self._actor = Actor(actor)
        #: The changes of the running unit of work, numbered when it commits.
        self.pending = Pending(self._actor, clock)
        self._connection = connection
        self._clock = clock
        self._numbers: CustomerNumberSource | None = numbers
        self._allocator: SqlNodeAllocator | None = None
        self._allocators: weakref.WeakSet[SqlNodeAllocator] = weakref.WeakSet()
        self._lock = threading.RLock()
        self._depth = 0
        self._closed = False
        try:
            self._index = IndexState(self, stale_index)
        except ConfigurationError:
            self.close()
            raise
        self.parties = SqlParties(self, self._index)
        self.affiliations = SqlAffiliations(self)
        self.interactions = SqlInteractions(self)
        self.purchases = SqlPurchases(self)
        self.campaigns = SqlCampaigns(self)
        self.events = SqlEvents(self)
        self.merges = SqlMerges(self)
        self.changes = SqlChanges(self)
        self.consent = SqlConsent(self, self._index)

    # --- what a subclass says ------------------------------------------------------

    def _classify(self, error: Exception) -> Failure:
        """Return what a driver error means (overridden per database)."""
        raise NotImplementedError

    def lock_for_migration(self) -> None:
        """Run inside a migration's transaction, first: keep other processes from migrating.

        SQLite's ``BEGIN IMMEDIATE`` does that already; PostgreSQL takes an advisory lock.
        """

    # --- running statements -----------------------------------------------------------

    @property
    def numbers(self) -> CustomerNumberSource:
        """The source of customer numbers (by default made, with a leased node, on first use)."""
        numbers = self._numbers
        if numbers is None:
            with self._lock:
                numbers = self._numbers
                if numbers is None:
                    numbers = self._numbers = self._leased_numbers()
        return numbers

    def _leased_numbers(self) -> CustomerNumberSource:
        self._check_open()
        if self._allocator is None:
            self._allocator = SqlNodeAllocator(self)
        return CustomerNumberGenerator(node=self._allocator.acquire())

    def watch(self, allocator: SqlNodeAllocator) -> None:
        """Write the leases of ``allocator`` again after each rollback (it calls this)."""
        self._allocators.add(allocator)

    def _reassert_leases(self) -> None:
        """After a rollback: write the leases again; forget lost ones, and a generator on one."""
        for allocator in list(self._allocators):
            for lease in allocator.leases():
                if not lease.reassert():
                    allocator.forget(lease.node)
                    if allocator is self._allocator:
                        self._numbers = None

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closed

    def now(self) -> datetime:
        """Return the store clock's time."""
        return self._clock()

    def acting_as(self, actor: str | None) -> AbstractContextManager[None]:
        """Record this thread's writes in the block as made by ``actor``; see :doc:`/storage`."""
        return self._actor.acting_as(actor)

    def run(self, statement: str, params: Sequence[object] = ()) -> Any:  # noqa: ANN401 - a cursor
        """Execute one statement (written with ``?`` and ``{type}`` slots); return the cursor."""
        sql = self.dialect.sql(statement)
        with self._lock:
            self._check_open()
            try:
                return self._connection.execute(sql, params)
            except self._driver_errors as exc:
                raise self._error(exc) from exc

    def run_many(self, statement: str, rows: Iterable[Sequence[object]]) -> None:
        """Execute one statement for each row of parameters."""
        sql = self.dialect.sql(statement)
        with self._lock:
            self._check_open()
            try:
                self._executemany(sql, rows)
            except self._driver_errors as exc:
                raise self._error(exc) from exc

    def _executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        self._connection.executemany(sql, rows)

    def rows(self, statement: str, params: Sequence[object] = ()) -> list[Any]:
        """Execute a query and return all its rows."""
        with self._lock:
            cursor = self.run(statement, params)
            try:
                return list(cursor.fetchall())
            except self._driver_errors as exc:  # pragma: no cover - drivers fail on execute
                raise self._error(exc) from exc

    def stream(self, statement: str, params: Sequence[object] = ()) -> Generator[Any, None, None]:
        """Yield the rows of a query as they are read, :data:`STREAM_BATCH` at a time.

        The store's lock is held while a batch is read, not between batches,
        so the caller may use the store while it reads the rows.
        """
        sql = self.dialect.sql(statement)
        with self._lock:
            self._check_open()
            try:
                cursor = self._open_cursor(sql, params)
            except self._driver_errors as exc:
                raise self._error(exc) from exc
        try:
            while True:
                with self._lock:
                    self._check_open()
                    try:
                        batch = cursor.fetchmany(STREAM_BATCH)
                    except self._driver_errors as exc:  # pragma: no cover - drivers fail on execute
                        raise self._error(exc) from exc
                if not batch:
                    return
                yield from batch
        finally:
            with self._lock, contextlib.suppress(*self._driver_errors):
                cursor.close()

    def _open_cursor(self, sql: str, params: Sequence[object]) -> Any:  # noqa: ANN401 - a cursor
        """Return a cursor that has run ``sql``, for :meth:`stream` to read."""
        return self._connection.execute(sql, params)

    def _check_open(self) -> None:
        if self._closed:
            raise StorageError(
                N_("the store is closed"), code="storage.closed", hint=N_("open a new store")
            )

    def _error(self, error: Exception) -> CrmError:
        kind, target = self._classify(error)
        if kind == "unique" and target in _CHAIN_PLACE:
            return chain_moved(None, None)
        if kind == "unique" and target in _UNIQUE:
            entity, field = _UNIQUE[target]
            if field == "id":
                return duplicate_id(entity, None)
            return conflict(field, None)
        if kind == "reference":
            return NotFoundError(
                N_("a party this refers to is not stored"), code="party.not_found", field="party_id"
            )
        if kind == "busy":
            return StorageError(
                N_("the database is busy: another writer held it too long"),
                code="storage.busy",
                hint=N_("retry, or raise the busy timeout"),
            )
        if kind == "corrupt":
            return corrupt_error(target)
        return StorageError(
            N_("the database failed: {reason}", reason=error), code="storage.failed"
        )

    # --- units of work ----------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A unit of work; see :meth:`crmcore.storage.Store.transaction`.

        The outermost block is a database transaction; a block inside it is a
        savepoint, so a failing inner block is undone alone.
        """
        with self._lock:
            depth = self._depth
            self.run(self.dialect.begin if depth == 0 else f"SAVEPOINT s{depth}")
            changes = self.pending.mark()
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth = depth
                self.pending.rollback(changes)
                with contextlib.suppress(CrmError):  # the original error says more
                    self._undo(depth)
                    self._reassert_leases()
                raise
            self._depth = depth
            try:
                if depth == 0:  # the changes take their numbers last: in commit order
                    self.changes.flush()
                self.run("COMMIT" if depth == 0 else f"RELEASE SAVEPOINT s{depth}")
            except CrmError:
                self.pending.rollback(changes)
                self._undo(depth)
                with contextlib.suppress(CrmError):  # the original error says more
                    self._reassert_leases()
                raise

    def _undo(self, depth: int) -> None:
        if self._closed:
            return
        if depth == 0:
            self.run("ROLLBACK")
        else:
            self.run(f"ROLLBACK TO SAVEPOINT s{depth}")
            self.run(f"RELEASE SAVEPOINT s{depth}")

    # --- the schema -------------------------------------------------------------------

    def _migrate(self) -> None:
        """Bring the schema up to date (see :func:`~crmcore.storage._sql._opening.migrate`)."""
        migrate(self)
        self._index.opened()

    def check(self) -> CheckResult:
        """Check the database; see :meth:`crmcore.storage.Store.check`."""
        return check(self)

    def schema_version(self) -> int:
        """Return the schema version of the database."""
        return int(self.rows("SELECT MAX(version) FROM schema_version")[0][0])

    # --- the store --------------------------------------------------------------------

    def close(self) -> None:
        """Release the store's node lease, close the connection; closing twice is harmless."""
        with self._lock:
            if self._allocator is not None and not self._closed:
                with contextlib.suppress(CrmError):  # an expired lease frees the node anyway
                    self._allocator.close()
            if not self._closed:
                self._closed = True
                self._release_connection()

    def _release_connection(self) -> None:
        """Close the connection (a store lent by a pool gives it back instead)."""
        with contextlib.suppress(*self._driver_errors):
            self._connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

"""The SQLite store: the embedded default, on a file, with no setup."""

from __future__ import annotations

import os
import re
import sqlite3
from typing import TYPE_CHECKING

from crmcore._i18n import N_
from crmcore.errors import StorageError
from crmcore.storage._changes import check_actor
from crmcore.storage._options import DEFAULT_BUSY_TIMEOUT, check_busy_timeout
from crmcore.storage._sql._dialect import SQLITE
from crmcore.storage._sql._opening import current_version
from crmcore.storage._sql._sqlite_backup import copy_database
from crmcore.storage._sql._store import Failure, SqlStore
from crmcore.storage._writes import utc_now

if TYPE_CHECKING:
    from crmcore.ids import CustomerNumberSource
    from crmcore.model import Clock
    from crmcore.storage._reindex import StaleIndex

__all__ = ["SqliteStore"]

_UNIQUE = re.compile(r"UNIQUE constraint failed: (\w+)\.(\w+)")
_INDEXED_AS_TABLE = frozenset({"party_identifiers", "party_keys"})
#: SQLITE_CORRUPT and SQLITE_NOTADB (primary result codes): a damaged file, or none.
_DAMAGED = frozenset({11, 26})
_CACHE_KIB = 65536  # 64 MiB of page cache per connection
_MMAP_BYTES = 1 << 30  # reads of up to 1 GiB of the file through memory mapping


class SqliteStore(SqlStore):
    """A store in a SQLite database file (the standard library's :mod:`sqlite3`).

    The database is created and migrated on first use. It runs in WAL mode
    (readers never wait for the writer) with ``synchronous=NORMAL`` (a commit
    survives a crash of the process; a power cut may lose the last commits,
    never the file's integrity), with foreign keys enforced, a 64 MiB page
    cache and reads through a memory map.

    One connection per store; the store may be shared by threads, which take
    turns (a lock). Several stores, in threads or processes, may open the
    same file: writes are serialised by SQLite (a writer waits up to
    ``busy_timeout`` seconds for another to finish), and optimistic
    concurrency turns a lost race into :class:`~crmcore.errors.ConflictError`.

    Args:
        path: The database file (created if missing), or ``":memory:"`` for a
            private database in memory.
        clock: What the store reads the time from.
        numbers: Where customer numbers come from for parties added without one.
        busy_timeout: How long a write waits for another process's writer, in
            seconds, before it fails with ``storage.busy``. Opening a current
            database and reading never wait: they take no write lock.
        stale_index: What to do if the look-up keys were derived by another
            version of crmcore or its libraries: ``"refuse"`` them (the
            default), ``"warn"`` and serve them, or ``"reindex"`` at open
            (see :doc:`/storage`).
        actor: Who writes, in the change feed and the history, unless
            ``store.acting_as`` says otherwise.

    Raises:
        StorageError: ``storage.unavailable`` if the file cannot be opened,
            ``storage.corrupt`` if it is damaged or no database (and so on
            any read or write that finds it damaged).
        ConfigurationError: ``storage.invalid_option`` for an unknown
            ``stale_index`` or a bad ``busy_timeout``,
            ``storage.foreign_database`` for a database of another
            application (left as it was), ``storage.schema_too_new``.

    >>> with SqliteStore(":memory:") as store:
    ...     store.schema_version(), store.parties.count()
    (9, 0)
    """

    _driver_errors = (sqlite3.Error,)

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        clock: Clock = utc_now,
        numbers: CustomerNumberSource | None = None,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        stale_index: StaleIndex = "refuse",
        actor: str | None = None,
    ) -> None:
        self.path = os.fspath(path)
        check_actor(actor)  # before a connection is opened, not after
        busy_timeout = check_busy_timeout(busy_timeout)
        try:
            connection = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=busy_timeout
            )
        except sqlite3.Error as exc:
            raise StorageError(
                N_("the SQLite database cannot be opened"),
                code="storage.unavailable",
                field="path",
                value=self.path,
                hint=N_("a writable path to a file, e.g. sqlite:///crm.db"),
            ) from exc
        super().__init__(
            dialect=SQLITE,
            connection=connection,
            clock=clock,
            numbers=numbers,
            stale_index=stale_index,
            actor=actor,
        )
        try:
            self.run("PRAGMA synchronous = NORMAL")
            self.run("PRAGMA foreign_keys = ON")
            self.run(f"PRAGMA cache_size = -{_CACHE_KIB}")
            self.run(f"PRAGMA mmap_size = {_MMAP_BYTES}")
            # Read before anything is written: a foreign database is refused as it is.
            current_version(self)
            if self.path != ":memory:":
                self.run("PRAGMA journal_mode = WAL")  # no write if it is WAL already
            self._migrate()
        except BaseException:
            self.close()
            raise

    def __repr__(self) -> str:
        return f"SqliteStore({self.path!r})"

    def backup(self, target: str | os.PathLike[str], *, replace: bool = False) -> None:
        """Copy the store into the SQLite file ``target``, while others may go on writing.

        SQLite's online backup, in one step: the copy holds every transaction
        committed before it began and none after. It is written beside the
        target and moved into place when complete. Other threads wait for
        this store while it copies; other stores on the file do not.

        Args:
            target: The file to write; ``sqlite:///`` opens it as a store.
            replace: Whether an existing file may be replaced (no one may have it open).

        Raises:
            ValidationError: ``storage.invalid_path`` for a target that is not
                a path, or is the store's own file.
            ConfigurationError: ``storage.invalid_option`` for a ``replace`` not a bool.
            StorageError: ``storage.backup_exists`` for an existing file
                (unless ``replace``), ``storage.unavailable`` if it cannot be
                written, ``storage.closed`` for a closed store.
        """
        with self._lock:
            self._check_open()
            copy_database(self._connection, self.path, target, replace=replace)

    def _classify(self, error: Exception) -> Failure:
        message = str(error)
        if isinstance(error, sqlite3.IntegrityError):
            found = _UNIQUE.search(message)
            if found:
                table, column = found.groups()
                return "unique", table if table in _INDEXED_AS_TABLE else f"{table}.{column}"
            if "FOREIGN KEY" in message:
                return "reference", ""
        if isinstance(error, sqlite3.OperationalError) and "locked" in message:
            return "busy", ""
        if getattr(error, "sqlite_errorcode", 0) & 0xFF in _DAMAGED:
            return "corrupt", message
        return "other", message

"""A copy of a live SQLite database, through SQLite's online backup.

The copy is made in one step, inside one read transaction of the source:
it holds every transaction committed before it began and none after, while
other connections go on writing (in WAL mode readers never block writers).
It is written to a temporary file beside the target, in rollback-journal
mode (a single file), and moved into place only when complete.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from crmcore._i18n import N_
from crmcore.errors import StorageError, ValidationError
from crmcore.storage._backup import check_replace, check_target

__all__ = ["copy_database"]

#: The files SQLite keeps beside a database in WAL mode.
_SIDECARS = ("-wal", "-shm", "-journal")


def copy_database(
    source: sqlite3.Connection, source_path: str, target: object, *, replace: bool
) -> None:
    """Copy the database of ``source`` (kept in ``source_path``) into the file ``target``.

    Raises:
        ValidationError: ``storage.invalid_path`` for a target that is not a
            path, or is the source's own file.
        ConfigurationError: ``storage.invalid_option`` for a ``replace`` not a bool.
        StorageError: ``storage.backup_exists`` for an existing file (unless
            ``replace``), ``storage.unavailable`` if the file cannot be written.
    """
    path = Path(check_target(target)).absolute()
    replace = check_replace(replace)
    own = None if source_path == ":memory:" else Path(source_path).absolute()
    if own == path:
        raise _own_file(target)
    if path.exists() or path.is_symlink():
        if own is not None and own.samefile(path):
            raise _own_file(target)
        if not replace:
            raise _exists(target)
    try:
        handle, name = tempfile.mkstemp(prefix=".crmcore-backup-", suffix=".db", dir=path.parent)
    except OSError as exc:
        raise _unwritable(target) from exc
    os.close(handle)
    temporary = Path(name)
    try:
        _copy(source, temporary)
        _move(temporary, path, target, replace=replace)
    except (OSError, sqlite3.Error) as exc:
        raise _unwritable(target) from exc
    finally:
        for each in (temporary, *_sidecars(temporary)):
            each.unlink(missing_ok=True)


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + end) for end in _SIDECARS]


def _copy(source: sqlite3.Connection, temporary: Path) -> None:
    copy = sqlite3.connect(temporary, isolation_level=None)
    try:
        source.backup(copy)  # all pages in one step: one consistent moment
        copy.execute("PRAGMA journal_mode = DELETE")  # one file, whatever the source's mode
    finally:
        copy.close()


def _move(temporary: Path, path: Path, target: object, *, replace: bool) -> None:
    if replace:
        for each in _sidecars(path):  # a journal of the file replaced would corrupt the copy
            each.unlink(missing_ok=True)
        temporary.replace(path)
        return
    try:
        path.hardlink_to(temporary)  # fails if a file appeared at the target meanwhile
    except FileExistsError as exc:
        raise _exists(target) from exc


def _exists(target: object) -> StorageError:
    return StorageError(
        N_("a file already exists at the target"),
        code="storage.backup_exists",
        field="target",
        value=target,
        hint=N_("another path, or replace=True"),
    )


def _own_file(target: object) -> ValidationError:
    return ValidationError(
        N_("the target is the store's own file"),
        code="storage.invalid_path",
        field="target",
        value=target,
        hint=N_("another path, for the copy"),
    )


def _unwritable(target: object) -> StorageError:
    return StorageError(
        N_("the backup file cannot be written"),
        code="storage.unavailable",
        field="target",
        value=target,
        hint=N_("a writable path in an existing folder"),
    )

"""Backups: a copy of a live store in a file, taken while others go on writing.

A store that can copy itself is a :class:`Backup` (a SQLite store is: it
uses SQLite's online backup). :func:`backup` asks any store for a copy and
answers ``storage.backup_unsupported`` for one that cannot make it: a
PostgreSQL database is copied by ``pg_dump`` (see the storage guide), a
memory store lives only as long as its process.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from crmcore._i18n import N_
from crmcore.errors import ConfigurationError, StorageError, ValidationError
from crmcore.storage._memory import MemoryStore
from crmcore.storage._sql._postgres import PostgresStore

if TYPE_CHECKING:
    from crmcore.storage._protocols import Store

__all__ = ["Backup", "backup", "check_replace", "check_target"]

_PG_DUMP = N_("pg_dump --format=custom --schema=<the store's schema>, as the storage guide shows")
_SQLITE_INSTEAD = N_("a SQLite store, which makes backups, for data that must outlive the process")
_OTHER = N_("the backup tools of the store's database")


@runtime_checkable
class Backup(Protocol):
    """A store that copies itself, consistently, into a new database file."""

    def backup(self, target: str | os.PathLike[str], *, replace: bool = False) -> None:
        """Copy the store into the file ``target``, while others may go on writing.

        The copy holds the store as it was at one moment: every transaction
        committed before it, none after. The file appears whole or not at all.

        Args:
            target: The file to write.
            replace: Whether an existing file may be replaced.

        Raises:
            ValidationError: ``storage.invalid_path`` for a target that is not
                a path, or is the store's own file.
            ConfigurationError: ``storage.invalid_option`` for a ``replace`` not a bool.
            StorageError: ``storage.backup_exists`` for an existing file
                (unless ``replace``), ``storage.unavailable`` for a file that
                cannot be written.
        """
        ...


def check_target(target: object) -> str:
    """Return ``target`` as a path, if it is one.

    Raises:
        ValidationError: ``storage.invalid_path``.

    >>> check_target("backups/crm-2026-12-07.db")
    'backups/crm-2026-12-07.db'
    >>> check_target(b"crm.db")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: target: the target is not a path to a file ...
    """
    path = os.fspath(target) if isinstance(target, str | os.PathLike) else None
    if not isinstance(path, str) or not path.strip() or "\x00" in path or path == ":memory:":
        raise ValidationError(
            N_("the target is not a path to a file"),
            code="storage.invalid_path",
            field="target",
            value=target,
            hint=N_("a path such as backups/crm-2026-12-07.db"),
        )
    return path


def check_replace(value: object) -> bool:
    """Return ``value`` if it is ``True`` or ``False``: ``"no"`` would read as true.

    Raises:
        ConfigurationError: ``storage.invalid_option``.
    """
    if value is True or value is False:
        return value
    raise ConfigurationError(
        N_("the setting must be true or false"),
        code="storage.invalid_option",
        field="replace",
        value=value,
        hint=N_("true or false"),
    )


def backup(store: Store, target: str | os.PathLike[str], *, replace: bool = False) -> None:
    """Copy ``store`` into the file ``target``, if it is a store that can (a :class:`Backup`).

    Args:
        store: The store to copy.
        target: The file to write (a SQLite database, which ``sqlite:///`` opens).
        replace: Whether an existing file may be replaced.

    Raises:
        ValidationError: ``storage.invalid_path`` for a target that is not a path.
        ConfigurationError: ``storage.invalid_option`` for a ``replace`` not a bool.
        StorageError: ``storage.backup_unsupported`` for a store that makes no
            copy of itself (with what to use instead), and what
            :meth:`Backup.backup` raises.
    """
    check_target(target)
    check_replace(replace)
    if not isinstance(store, Backup):
        if isinstance(store, PostgresStore):
            instead = _PG_DUMP
        elif isinstance(store, MemoryStore):
            instead = _SQLITE_INSTEAD
        else:
            instead = _OTHER
        raise StorageError(
            N_("this store makes no copy of itself"),
            code="storage.backup_unsupported",
            field="store",
            value=repr(store),
            hint=instead,
        )
    store.backup(target, replace=replace)

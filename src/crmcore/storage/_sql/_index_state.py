"""What a SQL store knows of its key index: the fingerprint recorded, and what to do if stale.

The table ``index_state`` (schema version 3) holds, for the index named
``parties``, the :func:`~crmcore.storage.keys_fingerprint` its keys were
derived with and when it was last rebuilt. A database upgraded from version 2
records none, so its index is stale until rebuilt; an index without parties
is current whatever derived it, and is recorded so when the store opens.

What the store does on a stale index is its ``stale_index`` policy:
``"refuse"`` (every use of a derived key raises ``storage.stale_index``),
``"warn"`` (a :class:`~crmcore.storage.StaleIndexWarning` at open, then the
keys are served) or ``"reindex"`` (rebuilt at open). The check is made when
the store opens, and again whenever a refused call would fail, so a rebuild
by another process is seen without reopening.
"""

from __future__ import annotations

import inspect
import warnings
from typing import TYPE_CHECKING, Final

from crmcore.storage._reindex import (
    StaleIndex,
    StaleIndexWarning,
    check_stale_index,
    keys_fingerprint,
    stale_index_error,
)

if TYPE_CHECKING:
    from crmcore.storage._sql._store import SqlStore

__all__ = ["IndexState"]

_NAME: Final = "parties"
_READ: Final = "SELECT fingerprint FROM index_state WHERE name = ?"
_WRITE: Final = "UPDATE index_state SET fingerprint = ?, rebuilt_at = ? WHERE name = ?"
_ADD: Final = "INSERT INTO index_state (fingerprint, rebuilt_at, name) VALUES (?, ?, ?)"


class IndexState:
    """The key index state of one SQL store: its policy, and whether it is known current.

    Args:
        store: The store.
        policy: What to do when the index is stale (see :data:`~crmcore.storage.StaleIndex`).
    """

    __slots__ = ("current", "policy", "store")

    def __init__(self, store: SqlStore, policy: object) -> None:
        self.store = store
        self.policy: StaleIndex = check_stale_index(policy)
        #: Known current (checked outside any transaction, so that no rollback undoes it).
        self.current = False

    def recorded(self) -> str | None:
        """Return the fingerprint the database records for its keys (``None``: unknown)."""
        rows = self.store.rows(_READ, (_NAME,))
        return rows[0][0] if rows else None

    def is_current(self) -> bool:
        """Return whether the recorded fingerprint is the current one (and remember a yes)."""
        current = self.recorded() == keys_fingerprint()
        self._remember(current=current)
        return current

    def _remember(self, *, current: bool) -> None:
        if self.store._depth == 0:  # noqa: SLF001 - inside a transaction, a rollback could undo it
            self.current = current

    def require_current(self) -> None:
        """Raise ``storage.stale_index`` if the keys are stale and the policy refuses them.

        Raises:
            StorageError: ``storage.stale_index``.
        """
        if self.current or self.policy != "refuse":
            return
        recorded = self.recorded()
        if recorded != keys_fingerprint():
            raise stale_index_error(recorded)
        self._remember(current=True)

    def record(self, fingerprint: str, *, rebuilt: bool = True) -> None:
        """Record that the keys are derived as ``fingerprint`` says (and were rebuilt now)."""
        store = self.store
        moment = store.dialect.moment(store.now()) if rebuilt else None
        params = (fingerprint, moment, _NAME)
        with store.transaction():
            if store.run(_WRITE, params).rowcount == 0:
                store.run(_ADD, params)
        self._remember(current=fingerprint == keys_fingerprint())

    def opened(self) -> None:
        """Check the index of a store just opened and migrated; apply the policy if it is stale.

        An index without parties is current: its fingerprint is recorded.
        """
        store, fingerprint = self.store, keys_fingerprint()
        # Only a store without parties is written to here, under the write
        # lock; a store with parties is only read, so opening it never waits
        # for another process's writer.
        if self.recorded() != fingerprint and not store.rows("SELECT 1 FROM parties LIMIT 1"):
            with store.transaction():
                locked = self.store.rows(_READ + store.dialect.lock_rows, (_NAME,))
                empty = not store.rows("SELECT 1 FROM parties LIMIT 1")
                if empty and (not locked or locked[0][0] != fingerprint):
                    self.record(fingerprint, rebuilt=False)  # nothing to rebuild
        if self.is_current():
            return
        if self.policy == "warn":
            warnings.warn(
                "the stored look-up keys were derived by another version of crmcore or its"
                " libraries: look-ups may miss stored parties until store.parties.reindex()",
                StaleIndexWarning,
                stacklevel=_callers_level(),
            )
        elif self.policy == "reindex":
            store.parties.reindex()


def _callers_level() -> int:
    """Return the ``stacklevel`` of the first caller outside crmcore (who opened the store)."""
    level, frame = 1, inspect.currentframe()
    while frame is not None and frame.f_globals.get("__name__", "").startswith("crmcore."):
        level, frame = level + 1, frame.f_back
    return level - 1

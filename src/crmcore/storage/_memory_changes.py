"""The change feed and history of the in-memory store (see :class:`crmcore.storage.ChangeFeed`).

The feed is a list; the store's lock makes a unit of work run alone, so the
changes it gathered (:class:`~crmcore.storage._changes.Pending`) are
appended when it commits, in commit order. The earlier versions of parties
are a dict by ``(party id, version)``, written through the store's undo
journal like every other write.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from crmcore.storage._changes import (
    DEFAULT_LIMIT,
    Change,
    ChangePage,
    Draft,
    Retention,
    Version,
    check_read,
    cursor_of,
    history_of,
    numbered,
)
from crmcore.storage._writes import not_found

if TYPE_CHECKING:
    import uuid
    from collections.abc import Iterable
    from datetime import datetime

    from crmcore.model import Party
    from crmcore.storage._memory import MemoryStore, _Data

__all__ = ["MemoryChanges"]


class MemoryChanges:
    """``store.changes`` of a :class:`~crmcore.storage.MemoryStore`."""

    __slots__ = ("_data", "_log", "_seqs", "_store", "versions")

    def __init__(self, store: MemoryStore, data: _Data) -> None:
        self._store = store
        self._data = data
        self._log: list[Change] = []
        self._seqs: list[int] = []
        #: The documents of earlier versions: ``(party id, version)`` to (replaced at, party).
        self.versions: dict[tuple[uuid.UUID, int], tuple[datetime, Party]] = {}

    def commit(self, drafts: Iterable[Draft]) -> None:
        """Append the changes of a unit of work that commits (the store's lock is held)."""
        for change in numbered(drafts, len(self._log) + 1):
            self._log.append(change)
            self._seqs.append(change.seq)

    def keep(self, replaced: Party, now: datetime) -> None:
        """Keep the document of a version a write replaces."""
        self._store.journal.put(self.versions, (replaced.id, replaced.version), (now, replaced))

    def forget(self, party_ids: Iterable[uuid.UUID]) -> None:
        """Drop the earlier versions of erased parties."""
        gone = set(party_ids)
        for key in [key for key in self.versions if key[0] in gone]:
            self._store.journal.pop(self.versions, key)

    def read(self, since: str | None = None, *, limit: int = DEFAULT_LIMIT) -> ChangePage:
        """Return changes after a cursor; see :meth:`crmcore.storage.ChangeFeed.read`."""
        after, limit = check_read(since, limit)
        with self._data.lock:
            start = bisect.bisect_right(self._seqs, after)
            found = tuple(self._log[start : start + limit])
        return ChangePage(found, found[-1].cursor if found else cursor_of(after))

    def history(self, party_id: uuid.UUID) -> list[Version]:
        """Return a party's versions; see :meth:`crmcore.storage.ChangeFeed.history`."""
        with self._data.lock:
            current = self._data.parties.get(party_id)
            if current is None:
                hidden = self._data.merged.get(party_id)
                if hidden is None:
                    raise not_found("party", party_id)
                current = hidden[0]
            documents = {
                version: party
                for (owner, version), (_, party) in self.versions.items()
                if owner == party_id
            }
            documents[current.version] = current
            written = [
                (each.version or 0, each.operation, each.actor, each.at)
                for each in self._log
                if each.entity == "party" and each.id == party_id
            ]
        return history_of(written, documents)

    def prune(self, retention: Retention) -> int:
        """Remove earlier versions; see :meth:`crmcore.storage.ChangeFeed.prune`."""
        store = self._store
        with store.transaction():
            now = store.now()
            by_party: dict[uuid.UUID, list[tuple[int, datetime]]] = {}
            for (party_id, version), (replaced_at, _) in self.versions.items():
                by_party.setdefault(party_id, []).append((version, replaced_at))
            removed = 0
            for party_id, kept in by_party.items():
                kept.sort(reverse=True)
                for rank, (version, replaced_at) in enumerate(kept):
                    if not retention.keeps(rank, replaced_at, now):
                        store.journal.pop(self.versions, (party_id, version))
                        removed += 1
        return removed

"""``check()`` of the memory store: its indexes against its parties.

The memory store keeps no file that could be damaged; what can go wrong is
its indexes drifting from its parties (a bug, or a test that tampered with
them). The key index is checked by rebuilding it in a unit of work that is
then undone: a sound index is one a rebuild would leave as it is (see
:meth:`~crmcore.storage.Parties.reindex`). The customer numbers are checked
against the parties that hold them.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from crmcore.storage import _check

if TYPE_CHECKING:
    import uuid

    from crmcore.storage._memory import MemoryStore, _Data

__all__ = ["check_memory"]


class _DryRunError(Exception):
    """Raised to undo the rebuild of a check: a dry run."""


def _rebuilt_rows(store: MemoryStore) -> int:
    """Return how many key rows a rebuild of the index writes or removes; undo them."""
    changed = 0

    def dry_run() -> None:
        nonlocal changed
        with store.transaction():
            result = store.parties.reindex()
            changed = result.written + result.removed
            raise _DryRunError

    with contextlib.suppress(_DryRunError):
        dry_run()
    return changed


def check_memory(store: MemoryStore, data: _Data) -> _check.CheckResult:
    """Check a memory store; see :meth:`crmcore.storage.Store.check`."""
    problems: list[_check.CheckProblem] = []
    with data.lock:
        changed = _rebuilt_rows(store)
        if changed:
            problems.append(_check.index_mismatch(f"{changed} key row(s) to write or remove"))
        holders: dict[str, uuid.UUID] = {}
        for party in data.parties.values():
            holders[str(party.customer_number)] = party.id
        for party, _ in data.merged.values():
            holders[str(party.customer_number)] = party.id
        wrong = len(set(holders.items()) ^ set(data.numbers.items()))
        if wrong:
            problems.append(_check.index_mismatch(f"{wrong} customer number(s) misindexed"))
    return _check.CheckResult(problems)

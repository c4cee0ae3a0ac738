"""Node leases kept in the database: customer-number nodes for every process of a store.

The table ``node_leases`` has a row per node ever leased: its holder (a
random token per lease, empty when free), the last second its holders issued
numbers in, and the moment its lease expires. Acquiring claims the lowest
node of the pool that has no row, no holder or an expired lease, with one
conditional statement in a transaction; advancing records the second and
renews the lease, and fails loudly if the lease was taken over meanwhile.
Times are whole Unix seconds from the allocator's clock.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final, Protocol, Self

import attrs

from crmcore._i18n import N_
from crmcore.errors import ConfigurationError
from crmcore.ids._nodes import (
    LeasePool,
    NodeLease,
    clock_second,
    closed_error,
    exhausted_error,
    node_pool,
    released_error,
)

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

__all__ = ["DEFAULT_EXPIRY", "LeaseStore", "SqlNodeAllocator"]

#: How long a lease lasts without an advance, in seconds: ten minutes.
DEFAULT_EXPIRY: Final = 600

_RECORD: Final = (
    "UPDATE node_leases SET expires_at = ?,"
    " last_second = CASE WHEN last_second < ? THEN ? ELSE last_second END"
    " WHERE node = ? AND holder = ?"
)
_CLAIM: Final = (
    "UPDATE node_leases SET holder = ?, expires_at = ?"
    " WHERE node = ? AND (holder IS NULL OR expires_at < ?)"
)
_INSERT: Final = (
    "INSERT INTO node_leases (node, holder, last_second, expires_at)"
    " VALUES (?, ?, ?, ?) ON CONFLICT (node) DO NOTHING"
)
_RECLAIM: Final = (
    "UPDATE node_leases SET holder = ?, expires_at = ?,"
    " last_second = CASE WHEN last_second < ? THEN ? ELSE last_second END"
    " WHERE node = ? AND (holder = ?"
    " OR ((holder IS NULL OR expires_at < ?) AND last_second <= ?))"
)


class _Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...


class LeaseStore(Protocol):
    """What an allocator needs of the SQL store holding ``node_leases``.

    A :class:`~crmcore.storage.SqliteStore` or :class:`~crmcore.storage.PostgresStore`
    is one; the store makes its default allocator from this module, which so
    needs no more of it than this.
    """

    @property
    def closed(self) -> bool:
        """Whether the store is closed."""
        ...

    def run(self, statement: str, params: Sequence[object] = ...) -> _Cursor:
        """Execute one statement; return its cursor."""
        ...

    def rows(self, statement: str, params: Sequence[object] = ...) -> list[Any]:
        """Execute a query and return all its rows."""
        ...

    def transaction(self) -> AbstractContextManager[None]:
        """A unit of work."""
        ...

    def watch(self, allocator: SqlNodeAllocator) -> None:
        """Write the leases of ``allocator`` again after each rollback."""
        ...


def lost_error(node: int) -> ConfigurationError:
    """Return the error for a lease another process took over after it expired."""
    return ConfigurationError(
        N_("the lease on node {node} expired and was taken over", node=node),
        code="node_lease.lost",
        field="node",
        value=node,
        hint=N_("a longer lease expiry than the longest pause between numbers, or a new lease"),
    )


@attrs.define(eq=False)
class _SqlLease:
    _allocator: SqlNodeAllocator = attrs.field(repr=False)
    node: int
    not_before: int
    _holder: str = attrs.field(repr=False)
    _last: int = attrs.field(repr=False)
    _released: bool = attrs.field(default=False, repr=False)
    _lost: bool = attrs.field(default=False, repr=False)

    @property
    def lost(self) -> bool:
        """Whether another process took the node over."""
        return self._lost

    def advance(self, second: int) -> None:
        if self._released:
            raise released_error(self.node)
        if self._lost:
            raise lost_error(self.node)
        allocator = self._allocator
        expires = clock_second(allocator.clock) + allocator.expiry
        cursor = allocator.store.run(_RECORD, (expires, second, second, self.node, self._holder))
        if cursor.rowcount != 1:
            self._lost = True
            raise lost_error(self.node)
        self._last = max(self._last, second)

    def reassert(self) -> bool:
        """Write the lease again after a rollback that may have undone its writes.

        Returns:
            Whether the lease still holds; if not, it is marked lost.
        """
        allocator = self._allocator
        now = clock_second(allocator.clock)
        expires = now + allocator.expiry
        store = allocator.store
        store.run(_INSERT, (self.node, self._holder, self._last, expires))
        cursor = store.run(
            _RECLAIM,
            (
                self._holder,
                expires,
                self._last,
                self._last,
                self.node,
                self._holder,
                now,
                self.not_before,
            ),
        )
        self._lost = cursor.rowcount != 1
        return not self._lost

    def release(self) -> None:
        if self._released:
            return
        self._released = True
        try:
            if not self._allocator.store.closed:
                self._allocator.store.run(
                    "UPDATE node_leases SET holder = NULL WHERE node = ? AND holder = ?",
                    (self.node, self._holder),
                )
        finally:
            self._allocator.forget(self.node)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


@attrs.define(eq=False, init=False)
class SqlNodeAllocator(LeasePool):
    """Hands out customer-number nodes from a SQL store's ``node_leases`` table.

    Every process that issues numbers into one database, on any machine,
    gets a node no other holds. A SQL store makes one on the first insert
    that needs a customer number (unless given ``numbers=``) and releases
    its lease when closed.

    A lease expires ``expiry`` seconds after its last :meth:`~crmcore.ids.NodeLease.advance`
    (the generator advances once per second it issues numbers in). The
    trade-off: a crashed process's node is free again after ``expiry``; a
    live generator idle for longer may find its node taken over, and then
    refuses to issue (``node_lease.lost``) rather than repeat a number. The
    machines' clocks must agree to well within ``expiry``.

    Args:
        store: The SQL store whose table holds the leases.
        nodes: The node ids to hand out (by default all 1,000 of the
            default layout).
        expiry: Seconds a lease lasts without an advance; 10 minutes by default.
        clock: Returns the current Unix time in seconds.

    Raises:
        ConfigurationError: ``nodes`` is empty or not node ids
            (``node_allocator.bad_nodes``), or ``expiry`` is not a whole number
            of seconds from 1 (``node_allocator.bad_expiry``).

    >>> from crmcore.storage import SqliteStore
    >>> from crmcore.testing import FakeClock
    >>> with SqliteStore(":memory:") as store:
    ...     pool = SqlNodeAllocator(store, range(5, 10), clock=FakeClock(1_741_944_615))
    ...     first, second = pool.acquire(), pool.acquire()
    ...     first.node, second.node, first.not_before
    (5, 6, 0)
    """

    store: LeaseStore
    nodes: tuple[int, ...]
    expiry: int
    clock: Callable[[], float] = attrs.field(repr=False)
    _held: dict[int, NodeLease] = attrs.field(repr=False)
    _lock: threading.Lock = attrs.field(repr=False)
    _closed: bool = attrs.field(repr=False)

    def __init__(
        self,
        store: LeaseStore,
        nodes: Iterable[int] = range(1000),
        *,
        expiry: int = DEFAULT_EXPIRY,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if type(expiry) is not int or expiry < 1:
            raise ConfigurationError(
                N_("the lease expiry is not a whole number of seconds from 1"),
                code="node_allocator.bad_expiry",
                field="expiry",
                value=expiry,
                hint=N_("seconds, such as 600 for ten minutes"),
            )
        self.store = store
        self.nodes = node_pool(nodes)
        self.expiry = expiry
        self.clock = clock
        self._held = {}
        self._lock = threading.Lock()
        self._closed = False
        store.watch(self)

    def acquire(self) -> _SqlLease:
        """Return a lease on the lowest node that is free or whose lease expired.

        Raises:
            ConfigurationError: Every node is leased (``node_allocator.exhausted``)
                or the allocator is closed (``node_allocator.closed``).
            StorageError: The database failed.
        """
        with self._lock:
            if self._closed:
                raise closed_error()
            now = clock_second(self.clock)
            holder = uuid.uuid4().hex
            store = self.store
            with store.transaction():
                rows = store.rows(
                    "SELECT node, holder, expires_at, last_second FROM node_leases"
                    " WHERE node >= ? AND node <= ?",
                    (self.nodes[0], self.nodes[-1]),
                )
                known = {int(row[0]): row for row in rows}
                for node in self.nodes:
                    row = known.get(node)
                    if row is None:
                        cursor = store.run(_INSERT, (node, holder, 0, now + self.expiry))
                    elif row[1] is None or int(row[2]) < now:
                        cursor = store.run(_CLAIM, (holder, now + self.expiry, node, now))
                    else:
                        continue
                    if cursor.rowcount == 1:
                        last = store.rows(
                            "SELECT last_second FROM node_leases WHERE node = ?", (node,)
                        )[0][0]
                        lease = _SqlLease(self, node, int(last), holder, int(last))
                        self._held[node] = lease
                        return lease
        raise exhausted_error(self.nodes)

    def leases(self) -> list[_SqlLease]:
        """Return the leases this allocator holds."""
        with self._lock:
            return [lease for lease in self._held.values() if isinstance(lease, _SqlLease)]

    def forget(self, node: int) -> None:
        """Drop a released lease from those this allocator holds."""
        with self._lock:
            self._held.pop(node, None)

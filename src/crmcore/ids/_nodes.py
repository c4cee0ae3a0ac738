"""Node leases: who may issue customer numbers as which node, and since when.

Two generators that issue numbers as the same node at the same time, or one
after the other within the same second, would repeat each other's numbers.
A :class:`NodeLease` rules both out: it is held by one generator at a time,
and it remembers the last second its earlier holders may have used
(``not_before``), so that the next holder starts after it.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, Self

import attrs

from crmcore._i18n import N_
from crmcore.errors import ConfigurationError

if TYPE_CHECKING:
    from collections.abc import Iterable
    from types import TracebackType

__all__ = [
    "LeasePool",
    "MemoryNodeAllocator",
    "NodeAllocator",
    "NodeLease",
    "StaticNodeLease",
    "node_pool",
]


class NodeLease(Protocol):
    """The right to issue customer numbers as one node, held by one generator.

    Implementations: :class:`StaticNodeLease` (a configured node),
    :meth:`MemoryNodeAllocator.acquire` (generators in one process),
    :meth:`FileNodeAllocator.acquire` (processes on one machine),
    :meth:`crmcore.storage.SqlNodeAllocator.acquire` (processes on any machine
    that share a database; see :doc:`/ids`).
    """

    @property
    def node(self) -> int:
        """The node id."""
        ...

    @property
    def not_before(self) -> int:
        """The last second (Unix time) in which an earlier holder may have issued numbers.

        The holder issues numbers only in later seconds.
        """
        ...

    def advance(self, second: int) -> None:
        """Record that the holder is about to issue numbers in ``second``.

        Called before the first number of each second, so that a later holder
        (after a release or a crash) starts after it.

        Raises:
            ConfigurationError: The lease was released
                (``node_lease.released``); no number may be issued.
        """
        ...

    def release(self) -> None:
        """Give the node back; further :meth:`advance` calls raise."""
        ...


class NodeAllocator(Protocol):
    """A source of node leases, none of which is held twice at the same time."""

    def acquire(self) -> NodeLease:
        """Return a lease on a free node.

        Raises:
            ConfigurationError: Every node is taken (``node_allocator.exhausted``).
        """
        ...

    def close(self) -> None:
        """Release every lease this allocator handed out."""
        ...


def node_pool(nodes: Iterable[int]) -> tuple[int, ...]:
    """Return ``nodes`` as a sorted tuple of distinct node ids, or raise.

    >>> node_pool(range(3))
    (0, 1, 2)

    Raises:
        ConfigurationError: ``nodes`` is empty or holds something other than
            whole numbers from 0 (``node_allocator.bad_nodes``).
    """
    pool = tuple(nodes)
    if not pool or not all(type(node) is int and node >= 0 for node in pool):
        raise ConfigurationError(
            N_("the node pool must be a non-empty collection of node ids"),
            code="node_allocator.bad_nodes",
            field="nodes",
            value=pool,
            hint=N_("whole numbers from 0, such as range(100, 200)"),
        )
    return tuple(sorted(set(pool)))


def read_clock(clock: Callable[[], float]) -> tuple[float, int]:
    """Return the clock's reading and its second, or raise if it cannot be a moment.

    Raises:
        ConfigurationError: The clock gave no Unix time from 1970 to 9999
            (``clock.bad_reading``).
    """
    reading = clock()
    try:
        second = math.floor(reading)
    except (TypeError, ValueError, OverflowError) as exc:
        raise _bad_clock(reading) from exc
    if not 0 <= second <= LAST_SECOND:
        raise _bad_clock(reading)
    return reading, second


def clock_second(clock: Callable[[], float]) -> int:
    """Return the clock's current second, or raise if it cannot be one (see :func:`read_clock`)."""
    return read_clock(clock)[1]


#: 9999-12-31T23:59:59Z: the last second a four-digit year can hold.
LAST_SECOND = 253_402_300_799


def _bad_clock(reading: object) -> ConfigurationError:
    return ConfigurationError(
        N_("the clock gave a reading that is not a moment from 1970 to 9999"),
        code="clock.bad_reading",
        field="clock",
        value=reading,
        hint=N_("a function returning seconds since 1970-01-01 UTC, like time.time"),
    )


def released_error(node: int) -> ConfigurationError:
    """Return the error for issuing numbers on a lease given back."""
    return ConfigurationError(
        N_("the lease on node {node} was released", node=node),
        code="node_lease.released",
        field="node",
        value=node,
        hint=N_("acquire a new lease and create a new generator with it"),
    )


def exhausted_error(pool: tuple[int, ...]) -> ConfigurationError:
    """Return the error for an allocator whose every node is leased."""
    return ConfigurationError(
        N_("all {count} nodes of the pool are leased", count=len(pool)),
        code="node_allocator.exhausted",
        field="nodes",
        value=pool,
        hint=N_("a pool with a node for every process that issues numbers at the same time"),
    )


def closed_error() -> ConfigurationError:
    """Return the error for an allocator used after :meth:`close`."""
    return ConfigurationError(
        N_("the node allocator is closed"),
        code="node_allocator.closed",
        hint=N_("acquire leases before closing the allocator"),
    )


@attrs.frozen
class StaticNodeLease:
    """A node configured by hand: the caller vouches that nobody else uses it.

    This is what a generator makes of ``node=7``. Nothing is recorded, so
    ``not_before`` is the second the lease was made: a process restarted
    within the second it stopped in does not repeat its numbers, provided
    its clock did not step back and it was not issuing ahead of the clock.

    Attributes:
        node: The node id.
        not_before: The second the lease was made.

    >>> from crmcore.testing import FakeClock
    >>> StaticNodeLease.now(7, clock=FakeClock(1_741_944_615.5))
    StaticNodeLease(node=7, not_before=1741944615)
    """

    node: int
    not_before: int

    @classmethod
    def now(cls, node: int, *, clock: Callable[[], float] = time.time) -> Self:
        """Return a lease on ``node`` that starts after the clock's current second."""
        return cls(node, clock_second(clock))

    def advance(self, second: int) -> None:
        """Do nothing: a configured node keeps no record."""

    def release(self) -> None:
        """Do nothing: a configured node is never handed to anyone else."""


@attrs.define(eq=False)
class _MemoryLease:
    _record: Callable[[int, int], None] = attrs.field(repr=False)
    _give_back: Callable[[int], None] = attrs.field(repr=False)
    node: int
    not_before: int
    _released: bool = attrs.field(default=False, repr=False)

    def advance(self, second: int) -> None:
        if self._released:
            raise released_error(self.node)
        self._record(self.node, second)

    def release(self) -> None:
        if not self._released:
            self._released = True
            self._give_back(self.node)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


class LeasePool:
    """What the allocators share: a lock, the leases held, closing them all.

    Subclasses set ``_lock``, ``_held`` and ``_closed`` in their constructors.
    """

    _lock: threading.Lock
    _held: dict[int, NodeLease]
    _closed: bool

    def close(self) -> None:
        """Release every lease handed out; acquiring afterwards raises."""
        with self._lock:
            self._closed = True
            leases = list(self._held.values())
        for lease in leases:
            lease.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


@attrs.define(eq=False, init=False)
class MemoryNodeAllocator(LeasePool):
    """Hands out nodes from a pool to generators in one process.

    Horizons live in memory: a node released and acquired again in the same
    allocator starts after the last second its earlier holder used. A node not
    yet leased starts after the second the allocator was made.

    Args:
        nodes: The node ids to hand out.
        clock: Returns the current Unix time in seconds.

    Raises:
        ConfigurationError: ``nodes`` is empty or not node ids
            (``node_allocator.bad_nodes``).

    >>> from crmcore.testing import FakeClock
    >>> with MemoryNodeAllocator(range(2), clock=FakeClock(1_741_944_615)) as pool:
    ...     first, second = pool.acquire(), pool.acquire()
    ...     first.node, second.node, first.not_before
    (0, 1, 1741944615)
    """

    nodes: tuple[int, ...]
    _horizons: dict[int, int] = attrs.field(repr=False)
    _held: dict[int, NodeLease] = attrs.field(repr=False)
    _lock: threading.Lock = attrs.field(repr=False)
    _closed: bool = attrs.field(repr=False)

    def __init__(self, nodes: Iterable[int], *, clock: Callable[[], float] = time.time) -> None:
        self.nodes = node_pool(nodes)
        self._horizons = dict.fromkeys(self.nodes, clock_second(clock))
        self._held = {}
        self._lock = threading.Lock()
        self._closed = False

    def acquire(self) -> NodeLease:
        """Return a lease on the lowest free node.

        Raises:
            ConfigurationError: Every node is leased (``node_allocator.exhausted``)
                or the allocator is closed (``node_allocator.closed``).
        """
        with self._lock:
            if self._closed:
                raise closed_error()
            for node in self.nodes:
                if node not in self._held:
                    lease = self._held[node] = _MemoryLease(
                        self._record, self._give_back, node, self._horizons[node]
                    )
                    return lease
        raise exhausted_error(self.nodes)

    def _record(self, node: int, second: int) -> None:
        with self._lock:
            self._horizons[node] = max(self._horizons[node], second)

    def _give_back(self, node: int) -> None:
        with self._lock:
            del self._held[node]

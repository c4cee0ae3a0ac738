"""Issuing customer numbers: one generator per node, strictly increasing."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import cache
from typing import Protocol

import attrs

from crmcore._i18n import N_
from crmcore.errors import ConfigurationError, ValidationError
from crmcore.ids._damm import interim, suffix_checks
from crmcore.ids._forks import disown_after_fork
from crmcore.ids._layout import DEFAULT_LAYOUT, CustomerNumberLayout
from crmcore.ids._nodes import (
    LAST_SECOND,
    NodeLease,
    StaticNodeLease,
    clock_second,
    read_clock,
)

__all__ = ["CustomerNumberGenerator", "CustomerNumberSource"]

#: How far ahead of the clock a generator may borrow seconds, by default.
DEFAULT_MAX_LEAD = 60
_MAX_LEAD_LIMIT = 86_400
_MIN_WAIT = 0.001
#: The last digits of the sequence come from a table of this many digits.
_LOW_WIDTH = 3


@cache
def _low_digits(width: int) -> tuple[str, ...]:
    return tuple(f"{n:0{width}d}" for n in range(10**width))


def _bad_clock_error(clock: object) -> ConfigurationError:
    return ConfigurationError(
        N_("the clock is not a function"),
        code="clock.bad_reading",
        field="clock",
        value=clock,
        hint=N_("a function returning seconds since 1970-01-01 UTC, like time.time"),
    )


class CustomerNumberSource(Protocol):
    """Anything that issues customer numbers: what a storage backend asks for.

    A backend that assigns numbers at insert time takes one of these and calls
    :meth:`new` once per party it inserts.
    """

    def new(self) -> str:
        """Return a new customer number in canonical form."""
        ...


@attrs.define(eq=False, init=False)
class CustomerNumberGenerator:
    """Issues customer numbers as one node: readable, sortable, never repeated.

    Each number holds the UTC second it was issued in, the node, a sequence
    within that second and a Damm check digit (see
    :class:`CustomerNumberLayout`). The guarantees:

    * numbers from one generator are strictly increasing, as strings too,
      in the order :meth:`new` returned them, from any number of threads;
    * generators with different nodes never issue the same number;
    * a node's next holder does not repeat its earlier holder: the first
      number goes into a second after the lease's ``not_before`` that the
      clock has reached, so it may wait up to a second (see :class:`NodeLease`);
    * a clock that steps backwards never causes a repeat: the generator
      stays in its last second and goes on from there;
    * an exhausted sequence never causes a repeat: the generator borrows
      the next second, at most ``max_lead`` seconds ahead of the clock, and
      beyond that waits (with ``sleep``) for the clock to catch up;
    * a copy of a generator in a forked child process refuses to issue.

    Args:
        node: The node id, configured by hand (``7``), or a lease from a
            :class:`NodeAllocator`.
        layout: The layout of the numbers.
        clock: Returns the current Unix time in seconds, like :func:`time.time`.
        sleep: Waits the given number of seconds. By default the clock's own
            ``sleep`` method if it has one (as :class:`~crmcore.testing.FakeClock`
            has), else :func:`time.sleep`.
        max_lead: How many seconds ahead of the clock a number's moment may
            be when more than ``layout.per_second`` numbers a second are
            issued; 0 means always wait for the clock.

    Raises:
        ConfigurationError: The node does not fit the layout
            (``customer_number.bad_node``), ``max_lead`` is out of range
            (``customer_number.bad_max_lead``), or the clock gives no usable
            reading (``clock.bad_reading``).

    >>> from crmcore.testing import FakeClock
    >>> clock = FakeClock(1_741_944_615.2)  # 2025-03-14 09:30:15.2 UTC
    >>> numbers = CustomerNumberGenerator(node=7, clock=clock)
    >>> first, second = numbers.new(), numbers.new()
    >>> first, second
    ('20250314093016007000003', '20250314093016007000016')
    >>> clock.now  # the first number waited for the next second
    1741944616.0
    >>> from crmcore import ids
    >>> ids.format(first)
    '20250314-093016-007-00000-3'
    """

    node: int
    layout: CustomerNumberLayout
    max_lead: int
    _lease: NodeLease = attrs.field(repr=False)
    _clock: Callable[[], float] = attrs.field(repr=False)
    _sleep: Callable[[float], object] = attrs.field(repr=False)
    _lock: threading.Lock = attrs.field(repr=False)
    _node_digits: str = attrs.field(repr=False)
    _max_seq: int = attrs.field(repr=False)
    _checks_by_state: tuple[str, ...] = attrs.field(repr=False)
    _low: tuple[str, ...] = attrs.field(repr=False)
    _high_width: int = attrs.field(repr=False)
    # The state, guarded by _lock: the second in use, the last sequence issued
    # in it, and what formats its numbers. The sequence is written in blocks
    # of up to 1,000: a number is the block's text (prefix, moment, node, the
    # sequence's leading digits), the last digits from a table, and the check
    # digit from a table: no formatting per number.
    _second: int = attrs.field(repr=False)
    _next_tick: int = attrs.field(repr=False)
    _seq: int = attrs.field(repr=False)
    _high: int = attrs.field(repr=False)
    _head: str = attrs.field(repr=False)
    _checks: str = attrs.field(repr=False)
    _block: str = attrs.field(repr=False)
    _base: int = attrs.field(repr=False)
    _block_last: int = attrs.field(repr=False)
    _forked: bool = attrs.field(repr=False)
    _started: bool = attrs.field(repr=False)
    __weakref__: object = attrs.field(init=False, repr=False)

    def __init__(
        self,
        node: int | NodeLease,
        *,
        layout: CustomerNumberLayout = DEFAULT_LAYOUT,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], object] | None = None,
        max_lead: int = DEFAULT_MAX_LEAD,
    ) -> None:
        if not isinstance(layout, CustomerNumberLayout):
            raise ConfigurationError(
                N_("the layout is not a CustomerNumberLayout"),
                code="customer_number.bad_layout",
                field="layout",
                value=layout,
                hint="CustomerNumberLayout(prefix=..., node_width=..., sequence_width=...)",
            )
        if type(max_lead) is not int or not 0 <= max_lead <= _MAX_LEAD_LIMIT:
            raise ConfigurationError(
                N_("max_lead is out of range"),
                code="customer_number.bad_max_lead",
                field="max_lead",
                value=max_lead,
                hint=N_("whole seconds from 0 to {limit}, such as 60", limit=_MAX_LEAD_LIMIT),
            )
        if not callable(clock):
            raise _bad_clock_error(clock)
        clock_second(clock)  # a clock that gives no moment is refused here
        if not isinstance(node, int) and not all(
            hasattr(node, name) for name in ("node", "not_before", "advance", "release")
        ):
            raise ConfigurationError(
                N_("the node is neither a node id nor a lease"),
                code="customer_number.bad_node",
                field="node",
                value=node,
                hint=N_("a node id such as 7, or a lease from a NodeAllocator"),
            )
        lease = StaticNodeLease.now(node, clock=clock) if isinstance(node, int) else node
        if type(lease.node) is not int or not 0 <= lease.node <= layout.max_node:
            raise ConfigurationError(
                N_("the node does not fit in {width} digits", width=layout.node_width),
                code="customer_number.bad_node",
                field="node",
                value=lease.node,
                hint=N_("a whole number from {low} to {high}", low=0, high=layout.max_node),
            )
        self.node = lease.node
        self.layout = layout
        self.max_lead = max_lead
        self._lease = lease
        self._clock = clock
        self._sleep = sleep if sleep is not None else getattr(clock, "sleep", time.sleep)
        self._lock = threading.Lock()
        self._node_digits = f"{lease.node:0{layout.node_width}d}"
        self._max_seq = layout.per_second - 1
        self._checks_by_state = suffix_checks(layout.sequence_width)
        low_width = min(layout.sequence_width, _LOW_WIDTH)
        self._low = _low_digits(low_width)
        self._high_width = layout.sequence_width - low_width
        # Start as if the lease's last second were in use and full, so the
        # first number goes into a later second.
        self._second = lease.not_before
        self._next_tick = self._second + 1
        self._seq = self._max_seq
        self._high = -1
        self._head = ""
        self._checks = ""
        self._block = ""
        self._base = 0
        self._block_last = self._max_seq
        self._forked = False
        self._started = False
        disown_after_fork(self, CustomerNumberGenerator._disown)

    def new(self) -> str:
        """Return the next customer number, in canonical (compact) form.

        Returns:
            A number greater than every number this generator issued before.

        Raises:
            ConfigurationError: The clock gave no usable reading
                (``clock.bad_reading``), the lease was released
                (``node_lease.released``), or this is a copy in a forked
                process (``customer_number.forked``).
        """
        with self._lock:
            now = self._clock()
            seq = self._seq + 1
            try:
                tick = now >= self._next_tick
            except TypeError:  # not a number: _turn reads it again and says so
                tick = True
            if tick or seq > self._block_last:
                seq = self._next_block(seq, tick)
            else:
                self._seq = seq
            block, base, checks = self._block, self._base, self._checks
        return block + self._low[seq - base] + checks[seq]

    def new_many(self, count: int) -> list[str]:
        """Return ``count`` new customer numbers at once, in increasing order.

        Faster than calling :meth:`new` in a loop (one lock, one clock
        reading per second used); for imports that number many parties.

        Args:
            count: How many numbers to issue.

        Returns:
            The numbers, in the order issued.

        Raises:
            ValidationError: ``count`` is not a whole number from 0
                (``customer_number.bad_count``).
            ConfigurationError: As for :meth:`new`.

        >>> from crmcore.testing import FakeClock
        >>> numbers = CustomerNumberGenerator(node=7, clock=FakeClock(1_741_944_615))
        >>> numbers.new_many(3)
        ['20250314093016007000003', '20250314093016007000016', '20250314093016007000027']
        """
        if type(count) is not int or count < 0:
            raise ValidationError(
                N_("the count is not a whole number from 0"),
                code="customer_number.bad_count",
                field="count",
                value=count,
                hint="0, 1, 2, ...",
            )
        numbers: list[str] = []
        with self._lock:
            try:
                tick = count > 0 and self._clock() >= self._next_tick
            except TypeError:  # not a number: _turn reads it again and says so
                tick = True
            seq = self._seq + 1
            while len(numbers) < count:
                if tick or seq > self._block_last:
                    seq = self._next_block(seq, tick)
                    tick = False
                last = min(self._block_last, seq + count - len(numbers) - 1)
                block, base, low, checks = self._block, self._base, self._low, self._checks
                numbers += [block + low[n - base] + checks[n] for n in range(seq, last + 1)]
                self._seq = last
                seq = last + 1
        return numbers

    @property
    def lead(self) -> int:
        """How many seconds the second in use is ahead of the clock now (0 if not ahead)."""
        with self._lock:
            return max(0, self._second - clock_second(self._clock))

    def _next_block(self, seq: int, tick: bool) -> int:
        """Start the block of ``seq``, in a new second if need be; return the sequence.

        Called with the lock held, when the clock ticked or ``seq`` is just past
        the current block, so that ``seq`` (or 0, in a new second) starts a
        block; marks the returned sequence as issued.
        """
        if tick or seq > self._max_seq:
            self._turn()
            seq = 0
        size = len(self._low)
        self._block = self._head + (
            f"{seq // size:0{self._high_width}d}" if self._high_width else ""
        )
        self._base = seq
        self._block_last = min(seq + size - 1, self._max_seq)
        self._seq = seq
        return seq

    def _turn(self) -> None:
        """Move to the next second that may be used; called with the lock held."""
        if self._forked:
            raise ConfigurationError(
                N_("this generator was copied into a forked process"),
                code="customer_number.forked",
                field="node",
                value=self.node,
                hint=N_("create a generator in each process, with a node of its own"),
            )
        reading, target = self._read_clock()
        # The first number goes into a second the clock has reached: an earlier
        # holder of the node, unrecorded, may have issued in any second it had.
        allowed = self.max_lead if self._started else 0
        while target - self._high > allowed:
            # Borrowing would run too far ahead of the clock: wait for it.
            self._sleep(max(target - allowed - reading, _MIN_WAIT))
            previous = reading
            reading, target = self._read_clock()
            if reading == previous:
                raise ConfigurationError(
                    N_("the clock did not move while the generator waited for it"),
                    code="clock.stalled",
                    field="clock",
                    value=reading,
                    hint=N_("a real clock, or a fake clock with a sleep that moves it"),
                )
        t = time.gmtime(target)
        digits = (
            f"{t.tm_year:04d}{t.tm_mon:02d}{t.tm_mday:02d}"
            f"{t.tm_hour:02d}{t.tm_min:02d}{t.tm_sec:02d}{self._node_digits}"
        )
        self._lease.advance(target)
        self._started = True
        self._second = target
        self._next_tick = target + 1
        self._head = self.layout.prefix + digits
        self._checks = self._checks_by_state[interim(digits)]

    def _read_clock(self) -> tuple[float, int]:
        """Read the clock; return the reading and the second to move to, a later one."""
        reading, second = read_clock(self._clock)
        self._high = max(self._high, second)
        target = max(second, self._second + 1)
        if target > LAST_SECOND:
            raise ConfigurationError(
                N_("no second is left to issue numbers in before the year 10000"),
                code="clock.bad_reading",
                field="clock",
                value=second,
                hint=N_("a function returning seconds since 1970-01-01 UTC, like time.time"),
            )
        return reading, target

    def _disown(self) -> None:
        """In a forked child: refuse to issue, the parent goes on with this node."""
        self._lock = threading.Lock()
        self._forked = True
        self._seq = self._block_last = self._max_seq

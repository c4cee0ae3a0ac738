"""A clock for tests: it says what you set, and moves only when told."""

from __future__ import annotations

import threading
from datetime import datetime

import attrs

from crmcore.errors import ConfigurationError

__all__ = ["FakeClock"]


def _seconds(value: float | datetime) -> float:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ConfigurationError(
                "a fake clock needs an aware datetime",
                code="clock.naive_datetime",
                field="now",
                value=value,
                hint="datetime(2025, 3, 14, 9, 30, tzinfo=UTC)",
            )
        return value.timestamp()
    return float(value)


@attrs.define(eq=False, init=False)
class FakeClock:
    """A clock for tests, to pass wherever crmcore takes a ``clock``.

    Calling it returns the current fake Unix time in seconds; it moves only
    by :meth:`advance`, :meth:`set`, :meth:`sleep` (pass ``clock.sleep``
    where a ``sleep`` is taken, and waiting takes no time) or by ``step``
    after every reading. It can go backwards, to test what code does when
    a real clock does. Safe to share between threads.

    Args:
        now: The starting time: Unix seconds, or an aware datetime.
        step: Seconds added after every reading (0: the clock stands still).

    >>> from datetime import UTC, datetime
    >>> clock = FakeClock(datetime(2025, 3, 14, 9, 30, tzinfo=UTC), step=0.5)
    >>> clock(), clock()
    (1741944600.0, 1741944600.5)
    >>> clock.advance(-60)
    >>> clock()
    1741944541.0
    """

    _now: float
    step: float
    readings: int
    _lock: threading.Lock = attrs.field(repr=False)

    def __init__(self, now: float | datetime = 1_741_944_600.0, *, step: float = 0.0) -> None:
        self._now = _seconds(now)
        self.step = float(step)
        self.readings = 0
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            reading = self._now
            self._now += self.step
            self.readings += 1
            return reading

    @property
    def now(self) -> float:
        """The time the next reading returns (reading it this way does not step)."""
        return self._now

    def set(self, now: float | datetime) -> None:
        """Set the time, forwards or backwards."""
        seconds = _seconds(now)
        with self._lock:
            self._now = seconds

    def advance(self, seconds: float) -> None:
        """Move the time by ``seconds``; negative moves it back."""
        with self._lock:
            self._now += seconds

    def sleep(self, seconds: float) -> None:
        """Pretend to wait: move the time forward by ``seconds`` at once."""
        self.advance(max(seconds, 0.0))

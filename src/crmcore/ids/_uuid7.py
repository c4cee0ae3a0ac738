"""UUIDv7 machine ids (RFC 9562, section 5.7): sortable keys for storage."""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable

import attrs

from crmcore._i18n import N_
from crmcore.errors import ConfigurationError
from crmcore.ids._forks import disown_after_fork

__all__ = ["UUID7Generator", "new_id"]

_RAND_BITS = 74  # rand_a (12 bits) and rand_b (62 bits), counted as one number
_RAND_MASK = (1 << _RAND_BITS) - 1
#: A fresh millisecond starts at a random value below half the range, leaving
#: at least 2**73 increments before the counter would overflow.
_SEED_MASK = _RAND_MASK >> 1
_RAND_B_BITS = 62
_RAND_B_MASK = (1 << _RAND_B_BITS) - 1
_MS_LIMIT = 1 << 48
_VERSION_7 = 0x7 << 76
_VARIANT_RFC = 0b10 << 62


@attrs.define(eq=False, init=False)
class UUID7Generator:
    """Issues UUIDv7 ids: 48 bits of Unix milliseconds, then 74 random bits.

    Ids from one generator are strictly increasing (as UUIDs, as strings and
    as bytes), from any number of threads: within one millisecond the random
    part is counted up by one (RFC 9562, section 6.2, method 2). A clock that
    steps backwards keeps the last millisecond and counts on; in the very
    unlikely case that the count runs out, the next millisecond is borrowed.
    Across processes and machines ids are unique by their random bits: each
    millisecond starts at a fresh random point of a 2**73 range. A copy of a
    generator in a forked child draws fresh random bits on its next id.

    Args:
        clock: Returns the current Unix time in seconds, like :func:`time.time`.
        entropy: Returns that many random bytes, like :func:`os.urandom`.

    >>> from crmcore.testing import FakeClock
    >>> ids = UUID7Generator(clock=FakeClock(1_741_944_615.25), entropy=bytes)
    >>> first, second = ids.new(), ids.new()
    >>> str(first), str(second)
    ('019593fd-7152-7000-8000-000000000000', '019593fd-7152-7000-8000-000000000001')
    """

    _clock: Callable[[], float]
    _entropy: Callable[[int], bytes]
    _lock: threading.Lock
    _last_ms: int
    _rand: int
    __weakref__: object = attrs.field(init=False, repr=False)

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.time,
        entropy: Callable[[int], bytes] = os.urandom,
    ) -> None:
        self._clock = clock
        self._entropy = entropy
        self._lock = threading.Lock()
        self._last_ms = -1
        self._rand = 0
        disown_after_fork(self, UUID7Generator._disown)

    def new(self) -> uuid.UUID:
        """Return a new UUIDv7, greater than every id this generator issued before.

        Raises:
            ConfigurationError: The clock gave no Unix time from 1970 to the
                year 10889 (``clock.bad_reading``).
        """
        with self._lock:
            reading = self._clock()
            try:
                ms = int(reading * 1000)
            except (TypeError, ValueError, OverflowError) as exc:
                raise _bad_clock(reading) from exc
            if not 0 <= ms < _MS_LIMIT:
                raise _bad_clock(reading)
            if ms > self._last_ms:
                self._last_ms = ms
                self._rand = self._seed()
            elif self._rand < _RAND_MASK:
                self._rand += 1
            else:
                self._last_ms += 1
                self._rand = self._seed()
            ms, rand = self._last_ms, self._rand
        return uuid.UUID(
            int=(ms << 80)
            | _VERSION_7
            | (rand >> _RAND_B_BITS) << 64
            | _VARIANT_RFC
            | rand & _RAND_B_MASK
        )

    def _seed(self) -> int:
        return int.from_bytes(self._entropy(10)) & _SEED_MASK

    def _disown(self) -> None:
        """In a forked child: move to the next millisecond with fresh random bits."""
        self._lock = threading.Lock()
        self._rand = _RAND_MASK


def _bad_clock(reading: object) -> ConfigurationError:
    return ConfigurationError(
        N_("the clock gave a reading that is not a moment a UUIDv7 can hold"),
        code="clock.bad_reading",
        field="clock",
        value=reading,
        hint=N_("a function returning seconds since 1970-01-01 UTC, like time.time"),
    )


_default = UUID7Generator()


def new_id() -> uuid.UUID:
    """Return a new UUIDv7 from the process-wide generator.

    Within one process ids are strictly increasing; see :class:`UUID7Generator`
    for the guarantees, and to inject a clock in tests.

    >>> a, b = new_id(), new_id()
    >>> a.version, a.variant == uuid.RFC_4122, a < b
    (7, True, True)
    """
    return _default.new()

"""UUIDv7 machine ids (RFC 9562, section 5.7)."""

from __future__ import annotations

import os
import threading
import time
import uuid

__all__ = ["new_id"]

_lock = threading.Lock()
_last_ms = 0
_last_rand = 0
_RAND_BITS = 74
_RAND_MASK = (1 << _RAND_BITS) - 1


def new_id() -> uuid.UUID:
    """Return a new UUIDv7: 48 bits of Unix milliseconds, then random bits.

    Within one process ids are strictly increasing: inside one millisecond the
    random part is incremented (RFC 9562, section 6.2, method 2).

    >>> a, b = new_id(), new_id()
    >>> a.version, a < b
    (7, True)
    """
    global _last_ms, _last_rand  # noqa: PLW0603 - process-wide monotonic state
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms > _last_ms:
            _last_ms = ms
            _last_rand = int.from_bytes(os.urandom(10)) & _RAND_MASK >> 1
        else:
            _last_rand += 1
            if _last_rand > _RAND_MASK:  # pragma: no cover - 2**73 ids in one ms
                _last_ms += 1
                _last_rand = 0
        ms, rand = _last_ms, _last_rand
    rand_a = rand >> 62
    rand_b = rand & ((1 << 62) - 1)
    value = (ms << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b
    return uuid.UUID(int=value)

from __future__ import annotations

import math
import sys
import threading
import uuid
import weakref

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.errors import ConfigurationError
from crmcore.ids import UUID7Generator, new_id
from crmcore.ids._uuid7 import _RAND_MASK
from crmcore.testing import FakeClock

from .errors import whole
from .forks import run_in_fork
from .strategies import clock_moves

START = 1_741_944_615.25


def _ms(value: uuid.UUID) -> int:
    return value.int >> 80


def test_the_layout_follows_rfc_9562():
    value = UUID7Generator(clock=FakeClock(START)).new()
    assert value.version == 7
    assert value.variant == uuid.RFC_4122
    assert _ms(value) == 1_741_944_615_250


def test_new_id_is_a_uuid7_and_increasing():
    values = [new_id() for _ in range(1000)]
    assert all(v.version == 7 for v in values)
    assert values == sorted(values)
    assert len(set(values)) == 1000


def test_within_one_millisecond_the_random_part_counts_up():
    ids = UUID7Generator(clock=FakeClock(START), entropy=lambda n: b"\x00" * n)
    a, b, c = ids.new(), ids.new(), ids.new()
    assert _ms(a) == _ms(b) == _ms(c)
    assert b.int - a.int == 1
    assert c.int - b.int == 1


def test_the_random_part_carries_from_rand_b_into_rand_a():
    ids = UUID7Generator(clock=FakeClock(START), entropy=lambda n: b"\x00" * n)
    ids.new()
    ids._rand = (1 << 62) - 1
    value = ids.new()
    assert value.version == 7
    assert value.variant == uuid.RFC_4122
    assert (value.int >> 64) & 0xFFF == 1
    assert value.int & ((1 << 62) - 1) == 0


def test_a_fresh_millisecond_starts_at_a_random_point_in_the_lower_half():
    ids = UUID7Generator(clock=FakeClock(START), entropy=lambda n: b"\xff" * n)
    value = ids.new()
    assert ids._rand == _RAND_MASK >> 1
    assert value.variant == uuid.RFC_4122


def test_the_random_part_is_ten_random_bytes_read_big_endian_below_half_the_range():
    asked = []

    def entropy(n):
        asked.append(n)
        return bytes(range(0xF5, 0xF5 + n))  # 0xF5 0xF6 ... 0xFE

    value = UUID7Generator(clock=FakeClock(START), entropy=entropy).new()
    rand = 0xF5F6F7F8F9FAFBFCFDFE & ((1 << 73) - 1)
    assert asked == [10]
    assert (value.int >> 64) & 0xFFF == rand >> 62
    assert value.int & ((1 << 62) - 1) == rand & ((1 << 62) - 1)


def test_an_exhausted_millisecond_borrows_the_next():
    ids = UUID7Generator(clock=FakeClock(START))
    before = ids.new()
    ids._rand = _RAND_MASK
    after = ids.new()
    assert _ms(after) == _ms(before) + 1
    assert after > before


@settings(max_examples=50)
@given(st.lists(clock_moves, min_size=1, max_size=200))
def test_whatever_the_clock_does_ids_increase(moves):
    clock = FakeClock(START)
    ids = UUID7Generator(clock=clock)
    issued = []
    for move in moves:
        clock.advance(move)
        issued.append(ids.new())
    assert issued == sorted(issued)
    assert len(set(issued)) == len(issued)
    assert [str(v) for v in issued] == sorted(str(v) for v in issued)
    assert [v.bytes for v in issued] == sorted(v.bytes for v in issued)


@pytest.mark.parametrize("reading", [None, "now", math.nan, math.inf, -0.002, 2.9e11, 2**48 / 1000])
def test_a_clock_that_gives_no_moment_is_refused(reading):
    ids = UUID7Generator(clock=lambda: reading)
    with pytest.raises(ConfigurationError) as info:
        ids.new()
    assert whole(info.value) == (
        ConfigurationError,
        "clock.bad_reading",
        "clock",
        reading,
        "the clock gave a reading that is not a moment a UUIDv7 can hold",
        "a function returning seconds since 1970-01-01 UTC, like time.time",
    )


@pytest.mark.parametrize(
    ("reading", "ms"), [(0.0, 0), (0.0019, 1), ((2**48 - 1) / 1000, 2**48 - 1)]
)
def test_the_first_and_last_milliseconds_are_moments(reading, ms):
    ids = UUID7Generator(clock=lambda: reading, entropy=lambda n: b"\x00" * n)
    first, second = ids.new(), ids.new()
    assert (_ms(first), _ms(second)) == (ms, ms)
    assert first.int & ((1 << 62) - 1) == 0
    assert second.int - first.int == 1


def test_threads_share_a_generator_without_a_repeat():
    ids = UUID7Generator()
    results: list[list[uuid.UUID]] = [[] for _ in range(8)]

    def work(mine: list[uuid.UUID]) -> None:
        mine.extend(ids.new() for _ in range(5000))

    threads = [threading.Thread(target=work, args=(mine,)) for mine in results]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = [v for mine in results for v in mine]
    assert len(set(everything)) == 40_000
    assert all(mine == sorted(mine) for mine in results)


def _after_fork(ids: UUID7Generator, last: uuid.UUID, queue) -> None:
    value = ids.new()
    queue.put((value > last, _ms(value) > _ms(last), value.int & 0xFFF))


@pytest.mark.skipif(sys.platform == "win32", reason="fork is POSIX")
def test_a_forked_child_moves_on_with_fresh_random_bits():
    ids = UUID7Generator(clock=FakeClock(START), entropy=lambda n: b"\x00" * n)
    last = ids.new()
    queue = run_in_fork(_after_fork, ids, last)
    assert queue.get(timeout=5) == (True, True, 0)
    assert ids.new().int == last.int + 1  # the parent counts on


def test_the_fork_hook_moves_every_live_generator_on(monkeypatch):
    from crmcore.ids import _forks

    ids = UUID7Generator(clock=FakeClock(START), entropy=lambda n: b"\x00" * n)
    last = ids.new()
    monkeypatch.setattr(_forks, "_live", weakref.WeakKeyDictionary({ids: UUID7Generator._disown}))
    _forks._after_fork_in_child()
    after = ids.new()
    assert _ms(after) == _ms(last) + 1


def test_a_generator_that_is_gone_leaves_the_fork_hook() -> None:
    import gc

    from crmcore.ids import _forks

    gc.collect()  # generators other tests left for the collector go first, not during the count
    before = len(_forks._live)
    ids = UUID7Generator(clock=FakeClock(START))
    assert len(_forks._live) == before + 1
    del ids
    gc.collect()
    assert len(_forks._live) == before

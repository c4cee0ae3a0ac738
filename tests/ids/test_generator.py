from __future__ import annotations

import itertools
import math
import sys
import threading
import weakref
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore import ids
from crmcore.errors import ConfigurationError, ValidationError
from crmcore.ids import (
    CustomerNumberGenerator,
    CustomerNumberLayout,
    CustomerNumberSource,
    MemoryNodeAllocator,
    StaticNodeLease,
)
from crmcore.testing import FakeClock

from .errors import whole
from .forks import run_in_fork
from .strategies import clock_moves, layouts

if TYPE_CHECKING:
    import multiprocessing

START = 1_741_944_615.25  # 2025-03-14T09:30:15.25Z
TINY = CustomerNumberLayout(node_width=1, sequence_width=1)  # ten numbers a second


def _second(number: str, layout: CustomerNumberLayout = ids.DEFAULT_LAYOUT) -> int:
    return int(ids.parse(number, layout=layout).moment.timestamp())


class Recorder:
    """A sleep that records what it was asked and moves a fake clock."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        self.clock.sleep(seconds)


def test_numbers_are_valid_and_carry_the_moment_node_and_sequence():
    clock = FakeClock(START)
    numbers = CustomerNumberGenerator(node=42, clock=clock)
    clock.advance(1)
    first, second = numbers.new(), numbers.new()
    assert ids.parse(first) == ids.CustomerNumberParts(
        number=first, moment=datetime(2025, 3, 14, 9, 30, 16, tzinfo=UTC), node=42, sequence=0
    )
    assert ids.parse(second).sequence == 1
    clock.advance(1)
    assert ids.parse(numbers.new()).sequence == 0


def test_the_generator_is_a_customer_number_source():
    source: CustomerNumberSource = CustomerNumberGenerator(node=1, clock=FakeClock(START))
    assert ids.is_valid(source.new())


def test_a_configured_node_never_issues_in_the_second_it_was_created_in():
    # A process restarted within the second it stopped in must not repeat itself.
    clock = FakeClock(START)
    before = CustomerNumberGenerator(node=7, clock=clock)
    issued = [before.new() for _ in range(5)]
    after = CustomerNumberGenerator(node=7, clock=clock)
    assert after.new() > issued[-1]
    assert _second(issued[0]) == math.floor(START) + 1


def test_prefix_and_layout_are_applied():
    layout = CustomerNumberLayout(prefix="KH", node_width=2, sequence_width=4)
    numbers = CustomerNumberGenerator(node=99, layout=layout, clock=FakeClock(START))
    number = numbers.new()
    assert number.startswith("KH20250314093016")
    assert len(number) == layout.length
    assert ids.parse(number, layout=layout).node == 99


@settings(max_examples=60)
@given(st.lists(clock_moves, min_size=1, max_size=300), st.integers(0, 5))
def test_whatever_the_clock_does_numbers_never_repeat_and_sort_in_issue_order(moves, lead):
    clock = FakeClock(START)
    numbers = CustomerNumberGenerator(
        node=3, layout=TINY, clock=clock, sleep=clock.sleep, max_lead=lead
    )
    issued, highest = [], -math.inf
    for move in moves:
        clock.advance(move)
        reading = clock.now
        number = numbers.new()
        highest = max(highest, clock.now)
        issued.append(number)
        moment = _second(number, TINY)
        # Honest moment: never before the clock, never more than max_lead ahead of
        # the latest reading.
        assert moment >= math.floor(reading)
        assert moment <= math.floor(highest) + lead
    assert issued == sorted(issued)
    assert len(set(issued)) == len(issued)


def test_a_clock_stepping_back_an_hour_keeps_the_last_second():
    clock = FakeClock(START)
    numbers = CustomerNumberGenerator(node=5, clock=clock)
    clock.advance(10)
    before = numbers.new()
    clock.advance(-3600)
    after = [numbers.new() for _ in range(1000)]
    assert {_second(n) for n in after} == {_second(before)}
    assert before < after[0]
    clock.advance(3600 + 5)
    assert _second(numbers.new()) == _second(before) + 5


def test_the_first_number_waits_for_a_second_the_clock_has_reached():
    clock = FakeClock(START)
    sleep = Recorder(clock)
    numbers = CustomerNumberGenerator(node=1, clock=clock, sleep=sleep)
    first = numbers.new()
    assert sleep.calls == [pytest.approx(0.75)]
    assert _second(first) == math.floor(clock.now) == math.floor(START) + 1


def test_the_clocks_own_sleep_is_used_by_default():
    clock = FakeClock(START)
    numbers = CustomerNumberGenerator(node=1, clock=clock)
    numbers.new()
    assert clock.now == math.floor(START) + 1


def test_a_clock_that_does_not_move_while_waiting_is_reported():
    clock = FakeClock(START)
    numbers = CustomerNumberGenerator(node=1, clock=clock, sleep=lambda _: None)
    with pytest.raises(ConfigurationError) as info:
        numbers.new()
    assert whole(info.value) == (
        ConfigurationError,
        "clock.stalled",
        "clock",
        START,
        "the clock did not move while the generator waited for it",
        "a real clock, or a fake clock with a sleep that moves it",
    )


def test_a_clock_that_moves_too_little_while_waiting_is_waited_for_again():
    clock = FakeClock(START)
    sleep = Recorder(clock)
    numbers = CustomerNumberGenerator(node=1, clock=clock, sleep=lambda s: sleep(s / 4))
    first = numbers.new()
    assert _second(first) == math.floor(START) + 1
    assert sleep.calls == [pytest.approx(0.75 / 4), pytest.approx(0.5625 / 4), *sleep.calls[2:]]
    assert clock.now >= math.floor(START) + 1


def test_a_wait_is_never_shorter_than_a_millisecond():
    start = math.floor(START) + 0.9999995
    clock = FakeClock(start)
    sleep = Recorder(clock)
    numbers = CustomerNumberGenerator(node=1, clock=clock, sleep=sleep)
    numbers.new()
    assert sleep.calls == [0.001]


def test_a_generator_at_the_first_second_of_1970_waits_for_the_next():
    clock = FakeClock(0.5)
    sleep = Recorder(clock)
    numbers = CustomerNumberGenerator(node=1, clock=clock, sleep=sleep)
    assert _second(numbers.new()) == 1
    assert sleep.calls == [0.5]


def test_an_exhausted_sequence_borrows_the_next_second_up_to_max_lead():
    clock = FakeClock(START)
    sleep = Recorder(clock)
    numbers = CustomerNumberGenerator(node=1, layout=TINY, clock=clock, sleep=sleep, max_lead=3)
    issued = [numbers.new() for _ in range(40)]  # seconds +1 .. +4: ten each
    now = math.floor(clock.now)
    assert now == math.floor(START) + 1
    assert len(sleep.calls) == 1  # the first number's wait
    assert [_second(n, TINY) - now for n in issued[::10]] == [0, 1, 2, 3]
    assert numbers.lead == 3
    # The next second would be 4 ahead: the generator waits for the clock.
    fifth = numbers.new()
    assert _second(fifth, TINY) == now + 4
    assert sleep.calls[1:] == [pytest.approx(1.0)]
    assert numbers.lead == 3


def test_max_lead_zero_always_waits_for_the_clock():
    clock = FakeClock(START)
    sleep = Recorder(clock)
    numbers = CustomerNumberGenerator(node=1, layout=TINY, clock=clock, sleep=sleep, max_lead=0)
    for _ in range(25):
        number = numbers.new()
        assert _second(number, TINY) == math.floor(clock.now)
    assert len(sleep.calls) == 3  # the first number, then after 10 and 20 numbers
    assert numbers.lead == 0


def test_waiting_after_the_clock_stepped_back_lasts_until_it_catches_up():
    clock = FakeClock(START)
    sleep = Recorder(clock)
    numbers = CustomerNumberGenerator(node=1, layout=TINY, clock=clock, sleep=sleep, max_lead=1)
    first = numbers.new()
    clock.advance(-100)
    issued = [numbers.new() for _ in range(30)]
    assert issued == sorted(issued)
    assert first < issued[0]
    assert sum(sleep.calls) >= 100


def test_new_many_issues_blocks_in_order():
    clock = FakeClock(START)
    numbers = CustomerNumberGenerator(
        node=2, layout=TINY, clock=clock, sleep=clock.sleep, max_lead=60
    )
    assert numbers.new_many(0) == []
    single = numbers.new()
    block = numbers.new_many(25)
    assert len(block) == 25
    assert [single, *block] == sorted({single, *block})
    clock.advance(30)
    later = numbers.new_many(3)
    assert _second(later[0], TINY) == math.floor(clock.now)
    assert numbers.new() > later[-1]


def test_new_many_waits_like_new_when_it_runs_ahead():
    clock = FakeClock(START)
    numbers = CustomerNumberGenerator(
        node=2, layout=TINY, clock=clock, sleep=clock.sleep, max_lead=2
    )
    block = numbers.new_many(100)
    assert len(set(block)) == 100
    assert block == sorted(block)
    assert clock.now > START + 5


@pytest.mark.parametrize("count", [-1, 1.5, "3", None, True])
def test_new_many_refuses_a_bad_count(count):
    with pytest.raises(ValidationError) as info:
        CustomerNumberGenerator(node=1).new_many(count)
    assert whole(info.value) == (
        ValidationError,
        "customer_number.bad_count",
        "count",
        count,
        "the count is not a whole number from 0",
        "0, 1, 2, ...",
    )


class HalfLease:
    """Has a node and a horizon, but cannot be advanced or released."""

    node = 1
    not_before = 0


CLOCK_HINT = "a function returning seconds since 1970-01-01 UTC, like time.time"
NOT_A_NODE = (
    "customer_number.bad_node",
    "the node is neither a node id nor a lease",
    "a node id such as 7, or a lease from a NodeAllocator",
)
MAX_LEAD = (
    "customer_number.bad_max_lead",
    "max_lead is out of range",
    "whole seconds from 0 to 86400, such as 60",
)


def _too_wide(width, high):
    return (
        "customer_number.bad_node",
        f"the node does not fit in {width} digits",
        f"a whole number from 0 to {high}",
    )


@pytest.mark.parametrize(
    ("kwargs", "field", "value", "words"),
    [
        ({"node": 1000}, "node", 1000, _too_wide(3, 999)),
        ({"node": -1}, "node", -1, _too_wide(3, 999)),
        ({"node": True}, "node", True, _too_wide(3, 999)),
        ({"node": 10, "layout": TINY}, "node", 10, _too_wide(1, 9)),
        ({"node": StaticNodeLease(node=1000, not_before=0)}, "node", 1000, _too_wide(3, 999)),
        ({"node": StaticNodeLease(node=1.0, not_before=0)}, "node", 1.0, _too_wide(3, 999)),  # type: ignore[arg-type]
        ({"node": "7"}, "node", "7", NOT_A_NODE),
        ({"node": None}, "node", None, NOT_A_NODE),
        ({"node": 1, "max_lead": -1}, "max_lead", -1, MAX_LEAD),
        ({"node": 1, "max_lead": 86_401}, "max_lead", 86_401, MAX_LEAD),
        ({"node": 1, "max_lead": 1.5}, "max_lead", 1.5, MAX_LEAD),
        ({"node": 1, "max_lead": True}, "max_lead", True, MAX_LEAD),
        (
            {"node": 1, "clock": 1_741_944_615.0},
            "clock",
            1_741_944_615.0,
            ("clock.bad_reading", "the clock is not a function", CLOCK_HINT),
        ),
        (
            {"node": 1, "layout": "default"},
            "layout",
            "default",
            (
                "customer_number.bad_layout",
                "the layout is not a CustomerNumberLayout",
                "CustomerNumberLayout(prefix=..., node_width=..., sequence_width=...)",
            ),
        ),
    ],
)
def test_bad_configuration(kwargs, field, value, words):
    with pytest.raises(ConfigurationError) as info:
        CustomerNumberGenerator(**kwargs)
    code, message, hint = words
    assert whole(info.value) == (ConfigurationError, code, field, value, message, hint)


def test_an_object_with_only_part_of_a_lease_is_no_node():
    half = HalfLease()
    with pytest.raises(ConfigurationError) as info:
        CustomerNumberGenerator(node=half)  # type: ignore[arg-type]
    assert whole(info.value) == (ConfigurationError, NOT_A_NODE[0], "node", half, *NOT_A_NODE[1:])


@pytest.mark.parametrize(
    ("node", "layout", "max_lead"), [(0, TINY, 0), (9, TINY, 86_400), (999, ids.DEFAULT_LAYOUT, 1)]
)
def test_the_edges_of_the_configuration_are_accepted(node, layout, max_lead):
    numbers = CustomerNumberGenerator(
        node=node, layout=layout, clock=FakeClock(START), max_lead=max_lead
    )
    assert (numbers.node, numbers.layout, numbers.max_lead) == (node, layout, max_lead)
    assert ids.parse(numbers.new(), layout=layout).node == node


@pytest.mark.parametrize("reading", [None, "now", math.nan, math.inf, -1.0, 1e12])
def test_a_clock_that_gives_no_moment_is_refused(reading):
    with pytest.raises(ConfigurationError) as info:
        CustomerNumberGenerator(node=1, clock=lambda: reading)
    assert info.value.code == "clock.bad_reading"


def test_the_last_second_of_year_9999_is_the_last_one():
    last = 253_402_300_799
    clock = FakeClock(last - 1 + 0.5)
    numbers = CustomerNumberGenerator(node=1, layout=TINY, clock=clock)
    issued = numbers.new_many(10)
    assert ids.parse(issued[-1], layout=TINY).moment == datetime(
        9999, 12, 31, 23, 59, 59, tzinfo=UTC
    )
    with pytest.raises(ConfigurationError) as info:
        numbers.new()
    assert whole(info.value) == (
        ConfigurationError,
        "clock.bad_reading",
        "clock",
        last,
        "no second is left to issue numbers in before the year 10000",
        CLOCK_HINT,
    )


def test_a_lease_is_advanced_before_each_second_and_released_leases_stop_the_generator():
    clock = FakeClock(START)
    with MemoryNodeAllocator([4], clock=clock) as pool:
        lease = pool.acquire()
        numbers = CustomerNumberGenerator(node=lease, clock=clock)
        assert numbers.node == 4
        first = numbers.new()
        lease.release()
        # Numbers of the second in use are still safe: the next holder starts after it.
        assert numbers.new() > first
        clock.advance(1)
        with pytest.raises(ConfigurationError) as info:
            numbers.new()
        assert info.value.code == "node_lease.released"
        assert info.value.value == 4
        successor = CustomerNumberGenerator(node=pool.acquire(), clock=clock)
        assert successor.new() > first


def test_a_nodes_next_holder_in_the_same_second_does_not_repeat_it():
    clock = FakeClock(START)
    pool = MemoryNodeAllocator([9], clock=clock)
    issued = []
    for _ in range(5):
        with pool.acquire() as lease:
            numbers = CustomerNumberGenerator(node=lease, clock=clock, layout=TINY)
            issued += numbers.new_many(7)
    assert len(set(issued)) == len(issued) == 35
    assert issued == sorted(issued)


def test_lead_reports_how_far_ahead_the_generator_runs():
    clock = FakeClock(START)
    numbers = CustomerNumberGenerator(node=1, layout=TINY, clock=clock)
    assert numbers.lead == 0
    numbers.new_many(35)
    assert numbers.lead == 3


def test_repr_shows_the_configuration_only():
    text = repr(CustomerNumberGenerator(node=7, max_lead=5))
    assert text.startswith("CustomerNumberGenerator(node=7, layout=CustomerNumberLayout(")
    assert "max_lead=5" in text
    assert "_seq" not in text


THREADS = 16
PER_THREAD = 100_000 // THREADS


def test_sixteen_threads_issue_100000_numbers_together_without_a_repeat():
    numbers = CustomerNumberGenerator(node=11)
    start = threading.Barrier(THREADS)
    results: list[list[str]] = [[] for _ in range(THREADS)]

    def work(index: int) -> None:
        mine = results[index]
        start.wait()
        for i in range(PER_THREAD):
            if i % 1000 == 999:
                mine += numbers.new_many(10)
            else:
                mine.append(numbers.new())

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    everything = [n for mine in results for n in mine]
    assert len(everything) >= 100_000
    assert len(set(everything)) == len(everything)
    for mine in results:  # each thread saw its numbers increase
        assert mine == sorted(mine)
    assert all(ids.is_valid(n) for n in everything[::997])


def _issue_after_fork(numbers: CustomerNumberGenerator, queue: multiprocessing.Queue) -> None:
    try:
        numbers.new()
    except ConfigurationError as err:
        queue.put(err.code)
    else:
        queue.put("issued")
    fresh = CustomerNumberGenerator(node=numbers.node + 1)
    queue.put(ids.is_valid(fresh.new()))


@pytest.mark.skipif(sys.platform == "win32", reason="fork is POSIX")
def test_a_copy_in_a_forked_child_refuses_to_issue():
    numbers = CustomerNumberGenerator(node=1)
    numbers.new()
    queue = run_in_fork(_issue_after_fork, numbers)
    assert queue.get(timeout=5) == "customer_number.forked"
    assert queue.get(timeout=5) is True
    assert ids.is_valid(numbers.new())  # the parent goes on


def test_the_fork_hook_disowns_every_live_generator(monkeypatch):
    # What runs in a forked child, run here on generators of our own.
    from crmcore.ids import _forks

    numbers = CustomerNumberGenerator(node=1, clock=FakeClock(START))
    numbers.new()
    monkeypatch.setattr(
        _forks, "_live", weakref.WeakKeyDictionary({numbers: CustomerNumberGenerator._disown})
    )
    _forks._after_fork_in_child()
    with pytest.raises(ConfigurationError) as info:
        numbers.new()
    assert whole(info.value) == (
        ConfigurationError,
        "customer_number.forked",
        "node",
        1,
        "this generator was copied into a forked process",
        "create a generator in each process, with a node of its own",
    )
    with pytest.raises(ConfigurationError):
        numbers.new_many(1)


@pytest.mark.parametrize("later", [None, "soon", math.nan])
def test_a_clock_going_bad_is_refused_by_new_and_new_many(later):
    readings = itertools.chain([START, START], itertools.repeat(later))
    numbers = CustomerNumberGenerator(node=1, clock=lambda: next(readings))
    for issue in (numbers.new, lambda: numbers.new_many(2)):
        with pytest.raises(ConfigurationError) as info:
            issue()
        assert info.value.code == "clock.bad_reading"
        assert info.value.value is later


@pytest.mark.parametrize("later", [None, "soon"])
@pytest.mark.parametrize("issue", ["new", "new_many"])
def test_a_clock_going_bad_between_two_numbers_of_a_second_is_refused(later, issue):
    clock = FakeClock(START)
    good = True
    numbers = CustomerNumberGenerator(
        node=1, clock=lambda: clock() if good else later, sleep=clock.sleep
    )
    numbers.new()
    good = False
    with pytest.raises(ConfigurationError) as info:
        numbers.new() if issue == "new" else numbers.new_many(1)
    assert info.value.code == "clock.bad_reading"


@pytest.mark.parametrize("issue", ["new", "new_many"])
@pytest.mark.parametrize("step", [1.0, 1.5, 60.0])
def test_one_number_moves_on_to_the_second_the_clock_reached(issue, step):
    clock = FakeClock(START)
    numbers = CustomerNumberGenerator(node=1, clock=clock)
    first = numbers.new()  # waits for the next whole second
    assert clock.now == math.floor(START) + 1
    clock.advance(step)
    second = numbers.new() if issue == "new" else numbers.new_many(1)[0]
    assert _second(second) == _second(first) + math.floor(step)
    assert ids.parse(second).sequence == 0


def test_new_many_reads_the_clock_once_per_second_used_and_not_for_nothing():
    clock = FakeClock(START)
    numbers = CustomerNumberGenerator(node=1, clock=clock)
    numbers.new()
    readings = clock.readings
    assert numbers.new_many(0) == []
    assert clock.readings == readings
    assert len(numbers.new_many(2500)) == 2500  # three blocks of the sequence, one second
    assert clock.readings == readings + 1


def test_new_many_of_nothing_issues_nothing_and_keeps_the_sequence():
    clock = FakeClock(START)
    numbers = CustomerNumberGenerator(node=1, clock=clock)
    first = numbers.new()
    clock.advance(5)
    assert numbers.new_many(0) == []
    clock.advance(-5)
    assert ids.parse(numbers.new()).sequence == ids.parse(first).sequence + 1


def test_a_lease_generator_checks_the_clock_at_once():
    lease = StaticNodeLease(node=1, not_before=0)
    with pytest.raises(ConfigurationError) as info:
        CustomerNumberGenerator(node=lease, clock=lambda: None)
    assert info.value.code == "clock.bad_reading"


@settings(max_examples=40, deadline=None)
@given(layouts, st.lists(st.integers(0, 1500), min_size=1, max_size=6))
def test_every_sequence_is_issued_once_in_order_across_blocks_and_seconds(layout, chunks):
    clock = FakeClock(START)
    numbers = CustomerNumberGenerator(node=layout.max_node, layout=layout, clock=clock)
    issued: list[str] = []
    for i, size in enumerate(chunks):
        if i % 2:
            issued += numbers.new_many(size)
        else:
            issued += [numbers.new() for _ in range(size)]
    expected = [
        (math.floor(START) + 1 + n // layout.per_second, n % layout.per_second)
        for n in range(len(issued))
    ]
    got = []
    for number in issued:
        parts = ids.parse(number, layout=layout)
        got.append((int(parts.moment.timestamp()), parts.sequence))
    assert got == expected

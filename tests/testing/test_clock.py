from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest

from crmcore import testing
from crmcore.errors import ConfigurationError
from crmcore.testing import FakeClock


def test_exports():
    assert testing.__all__ == sorted(testing.__all__)
    assert "FakeClock" in testing.__all__


def test_it_stands_still_until_told():
    clock = FakeClock(100.0)
    assert (clock(), clock(), clock.now, clock.readings) == (100.0, 100.0, 100.0, 2)
    clock.advance(2.5)
    assert clock() == 102.5
    clock.advance(-50)
    assert clock() == 52.5
    clock.set(10)
    assert clock() == 10.0


def test_step_moves_it_after_every_reading():
    clock = FakeClock(0, step=0.25)
    assert [clock() for _ in range(3)] == [0.0, 0.25, 0.5]


def test_sleep_moves_it_forward_only():
    clock = FakeClock(0)
    clock.sleep(1.5)
    clock.sleep(-3)
    assert clock() == 1.5


def test_aware_datetimes_are_accepted_naive_ones_refused():
    kyiv_summer = timezone(timedelta(hours=3))
    clock = FakeClock(datetime(2025, 3, 14, 12, 30, tzinfo=kyiv_summer))
    assert clock() == datetime(2025, 3, 14, 9, 30, tzinfo=UTC).timestamp()
    clock.set(datetime(2026, 1, 1, tzinfo=UTC))
    assert clock() == 1_767_225_600.0
    with pytest.raises(ConfigurationError) as info:
        FakeClock(datetime(2025, 3, 14, 9, 30))  # noqa: DTZ001 - the naive datetime under test
    assert info.value.code == "clock.naive_datetime"


def test_threads_see_every_step():
    clock = FakeClock(0, step=1)
    seen: list[float] = []
    lock = threading.Lock()

    def read() -> None:
        for _ in range(1000):
            value = clock()
            with lock:
                seen.append(value)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(seen) == [float(i) for i in range(8000)]

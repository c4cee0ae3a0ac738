"""Customer numbers and machine ids: throughput, latency, memory, against baselines.

Issues customer numbers from one thread side by side with ``uuid.uuid4()``,
``ulid.ULID()`` (python-ulid) and ``uuid6.uuid7()`` in the same run, and
compares the Damm check digit with python-stdnum's Damm and ISO 7064 MOD 11,10.

    python benchmarks/bench_ids.py            # under a minute
    CRMCORE_BENCH_SCALE=0.2 python benchmarks/bench_ids.py   # a quick look
"""

from __future__ import annotations

import sys
import uuid
from itertools import repeat
from typing import TYPE_CHECKING

import _harness
import ulid
import uuid6
from _harness import best_throughput, latencies, scaled
from stdnum import damm as stdnum_damm
from stdnum.iso7064 import mod_11_10

from crmcore import ids
from crmcore.ids import _damm

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

CALLS = scaled(200_000, minimum=10_000)
ROUNDS = 5
LATENCY_SAMPLE = scaled(50_000, minimum=10_000)
MEMORY_SAMPLE = scaled(100_000, minimum=10_000)
CHECK_CALLS = scaled(200_000, minimum=10_000)
TARGET = 500_000


def fresh_generator(node: int) -> ids.CustomerNumberGenerator:
    numbers = ids.CustomerNumberGenerator(node=node)
    numbers.new()  # the first number waits for the clock's next second: not timed
    return numbers


def throughput(contenders: Mapping[str, Callable[[], object]], calls: int) -> dict[str, float]:
    """Calls per second from one thread, best of ROUNDS taken in turns."""
    return best_throughput(contenders, calls, ROUNDS)


def peak_memory(call: Callable[[], object]) -> float:
    """Peak traced KiB while issuing MEMORY_SAMPLE ids and keeping them."""
    return _harness.traced_peak_kib(lambda: [call() for _ in repeat(None, MEMORY_SAMPLE)])


def main() -> None:
    print(
        f"{_harness.environment()}; {CALLS:,} calls x best of {ROUNDS}, "
        f"latency sample {LATENCY_SAMPLE:,}"
    )
    timer_overhead = _harness.timer_overhead_ns()

    contenders: dict[str, Callable[[], object]] = {
        "CustomerNumberGenerator.new()": fresh_generator(1).new,
        "uuid.uuid4()": uuid.uuid4,
        "ulid.ULID()": ulid.ULID,
        "uuid6.uuid7()": uuid6.uuid7,
        "crmcore.ids.new_id()": ids.new_id,
    }
    rates = throughput(contenders, CALLS)
    lat = {name: latencies(call, LATENCY_SAMPLE) for name, call in contenders.items()}
    lat["CustomerNumberGenerator.new()"] = latencies(fresh_generator(2).new, LATENCY_SAMPLE)
    mem = {name: peak_memory(call) for name, call in contenders.items()}
    mem["CustomerNumberGenerator.new()"] = peak_memory(fresh_generator(3).new)

    batch = fresh_generator(4)
    many = throughput({"new_many": lambda: batch.new_many(1000)}, calls=max(10, CALLS // 1000))
    many_rate = many["new_many"] * 1000

    print()
    _harness.header("ids")
    for name in contenders:
        _harness.row(_harness.Result(name, rates[name], lat[name], mem[name]))
    _harness.row(_harness.Result("CustomerNumberGenerator.new_many()", many_rate))
    print(
        f"(latency includes about {timer_overhead} ns of timer overhead; peak KiB is for "
        f"{MEMORY_SAMPLE:,} ids kept in a list)"
    )

    ours = rates["CustomerNumberGenerator.new()"]
    print("\nCustomer numbers per second relative to each baseline:")
    for name in ("uuid.uuid4()", "ulid.ULID()", "uuid6.uuid7()", "crmcore.ids.new_id()"):
        print(f"  vs {name:22} {ours / rates[name]:5.2f}x")
    print(f"  target {TARGET:,}/s: {'met' if ours >= TARGET else 'NOT met'} ({ours:,.0f}/s)")

    body = "2025031409301500700001"
    head_state = _damm.interim(body[:17])
    table = _damm.suffix_checks(5)[head_state]
    checks = {
        "suffix table (per number)": lambda: table[1],
        "crmcore interim() loop": lambda: _damm.check_digit(body),
        "stdnum.damm": lambda: stdnum_damm.calc_check_digit(body),
        "stdnum.iso7064.mod_11_10": lambda: mod_11_10.calc_check_digit(body),
    }
    print(f"\nCheck digit of a {len(body)}-digit body, calls per second:")
    for name, rate in throughput(checks, CHECK_CALLS).items():
        print(f"  {name:28} {rate:12,.0f}")

    table_kib = sum(sys.getsizeof(s) for s in _damm.suffix_checks(5)) / 1024
    print(f"\nSuffix check tables for 5-digit sequences: {table_kib:,.0f} KiB, built once")
    print(f"Peak resident memory of the run: {_harness.peak_rss_mib():,.0f} MiB")


if __name__ == "__main__":
    main()

"""Customer numbers and machine ids: throughput, latency, memory, against baselines.

Issues customer numbers from one thread side by side with ``uuid.uuid4()``,
``ulid.ULID()`` (python-ulid) and ``uuid6.uuid7()`` in the same run, and
compares the Damm check digit with python-stdnum's Damm and ISO 7064 MOD 11,10.

    python benchmarks/bench_ids.py            # under a minute
    CRMCORE_BENCH_SCALE=0.2 python benchmarks/bench_ids.py   # a quick look
"""

from __future__ import annotations

import gc
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
import uuid
from itertools import repeat
from typing import TYPE_CHECKING

import ulid
import uuid6
from stdnum import damm as stdnum_damm
from stdnum.iso7064 import mod_11_10

from crmcore import ids
from crmcore.ids import _damm

if TYPE_CHECKING:
    from collections.abc import Callable

SCALE = float(os.environ.get("CRMCORE_BENCH_SCALE", "1"))
CALLS = max(10_000, int(200_000 * SCALE))
ROUNDS = 5
LATENCY_SAMPLE = max(10_000, int(50_000 * SCALE))
MEMORY_SAMPLE = max(10_000, int(100_000 * SCALE))
CHECK_CALLS = max(10_000, int(200_000 * SCALE))
TARGET = 500_000


def throughput(contenders: dict[str, Callable[[], object]], calls: int = CALLS) -> dict[str, float]:
    """Calls per second from one thread, best of ROUNDS.

    The contenders take turns within each round, so that a change in the
    machine's load during the run does not favour whoever ran in a quiet moment.
    """
    best = dict.fromkeys(contenders, float("inf"))
    for _ in range(ROUNDS):
        for name, call in contenders.items():
            gc.collect()
            start = time.perf_counter()
            for _ in repeat(None, calls):
                call()
            best[name] = min(best[name], time.perf_counter() - start)
    return {name: calls / seconds for name, seconds in best.items()}


def latencies(call: Callable[[], object]) -> tuple[float, float, float]:
    """p50, p95, p99 of single calls in nanoseconds (timer overhead included)."""
    clock = time.perf_counter_ns
    samples = []
    append = samples.append
    for _ in repeat(None, LATENCY_SAMPLE):
        start = clock()
        call()
        append(clock() - start)
    cuts = statistics.quantiles(samples, n=100)
    return cuts[49], cuts[94], cuts[98]


def peak_memory(call: Callable[[], object]) -> float:
    """Peak traced KiB while issuing MEMORY_SAMPLE ids and keeping them."""
    gc.collect()
    tracemalloc.start()
    kept = [call() for _ in repeat(None, MEMORY_SAMPLE)]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del kept
    return peak / 1024


def fresh_generator(node: int) -> ids.CustomerNumberGenerator:
    numbers = ids.CustomerNumberGenerator(node=node)
    numbers.new()  # the first number waits for the clock's next second: not timed
    return numbers


def main() -> None:
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs; {CALLS:,} calls x best of {ROUNDS}, "
        f"latency sample {LATENCY_SAMPLE:,}"
    )
    timer_overhead = min(-(time.perf_counter_ns() - time.perf_counter_ns()) for _ in range(1000))

    contenders: dict[str, Callable[[], object]] = {
        "CustomerNumberGenerator.new()": fresh_generator(1).new,
        "uuid.uuid4()": uuid.uuid4,
        "ulid.ULID()": ulid.ULID,
        "uuid6.uuid7()": uuid6.uuid7,
        "crmcore.ids.new_id()": ids.new_id,
    }
    rates = throughput(contenders)
    lat = {name: latencies(call) for name, call in contenders.items()}
    lat["CustomerNumberGenerator.new()"] = latencies(fresh_generator(2).new)
    mem = {name: peak_memory(call) for name, call in contenders.items()}
    mem["CustomerNumberGenerator.new()"] = peak_memory(fresh_generator(3).new)

    batch = fresh_generator(4)
    many = throughput({"new_many": lambda: batch.new_many(1000)}, calls=max(10, CALLS // 1000))
    many_rate = many["new_many"] * 1000

    print(f"\n{'':32} {'ids/s':>12} {'p50 ns':>8} {'p95 ns':>8} {'p99 ns':>8} {'peak KiB':>9}")
    for name in contenders:
        p50, p95, p99 = lat[name]
        print(f"{name:32} {rates[name]:12,.0f} {p50:8.0f} {p95:8.0f} {p99:8.0f} {mem[name]:9,.0f}")
    print(f"{'CustomerNumberGenerator.new_many()':32} {many_rate:12,.0f}")
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
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Peak resident memory of the run: {rss_mib:,.0f} MiB")


if __name__ == "__main__":
    main()

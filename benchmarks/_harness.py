"""What every benchmark script measures and prints, in one place.

The scripts in this folder import it as ``import _harness``: Python puts a
script's own folder first on ``sys.path``, so ``python benchmarks/bench_x.py``
(and ``nox -s bench``, which runs them the same way) finds it without this
folder being a package.

* ``SCALE`` (the environment variable ``CRMCORE_BENCH_SCALE``, default 1) and
  :func:`scaled` size a run;
* :func:`measure` times one call per input (throughput, p50/p95/p99 latency)
  and traces the peak memory of a repeat of the first inputs, printing one row
  of the common table; :func:`compare` prints ours against a baseline;
* :func:`best_throughput` races zero-argument contenders in turns, best of a
  few rounds; :func:`latencies` takes their per-call percentiles;
* :func:`traced_peak_kib`, :func:`kept_bytes`, :func:`rss_bytes` and
  :func:`peak_rss_mib` measure memory.

Importing it puts the source tree's ``src`` first on ``sys.path``, so a script
measures the code beside it even where crmcore is installed elsewhere; import
it before crmcore (isort places it there, among the third-party imports).
"""

from __future__ import annotations

import contextlib
import gc
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

SRC = Path(__file__).resolve().parent.parent / "src"
if SRC.is_dir():  # run from a source tree without installing
    sys.path.insert(0, str(SRC))

from crmcore.errors import ValidationError  # noqa: E402 - once the source tree is on the path

SCALE = float(os.environ.get("CRMCORE_BENCH_SCALE") or "1")
MEMORY_SAMPLE = 1000
LABEL_WIDTH = 44


def scaled(count: int, minimum: int = 1) -> int:
    """Return ``count`` times ``SCALE``, at least ``minimum``."""
    return max(minimum, int(count * SCALE))


def environment() -> str:
    """Describe the interpreter, the machine and the scale, for a run's first line.

    The line ends with the core's speed on a fixed piece of pure Python (see
    :func:`reference_loop_us`), so that figures taken on different machines
    can be set side by side.
    """
    return (
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, scale {SCALE:g}, "
        f"reference loop {reference_loop_us():.1f} µs"
    )


def reference_loop_us() -> float:
    """Return the best time in µs of ``sum(range(1000))``: how fast this core runs Python.

    A plain interpreter loop, the same on every machine: divide two
    machines' figures to scale a throughput taken on one to the other (the
    standardisers and the stores' row building are interpreter-bound, as
    this loop is).
    """
    best = float("inf")
    for _ in range(7):
        start = time.perf_counter_ns()
        for _ in range(1000):
            sum(range(1000))
        best = min(best, (time.perf_counter_ns() - start) / 1000 / 1000)
    return best


class Percentiles(NamedTuple):
    """Latency percentiles in microseconds."""

    p50: float
    p95: float
    p99: float

    def __str__(self) -> str:
        return f"p50 {self.p50:.2f} µs, p95 {self.p95:.2f} µs, p99 {self.p99:.2f} µs"


def percentiles(samples_ns: Iterable[int | float]) -> Percentiles:
    """Return p50, p95 and p99, in microseconds, of latencies in nanoseconds."""
    cuts = statistics.quantiles(list(samples_ns), n=100)
    return Percentiles(cuts[49] / 1000, cuts[94] / 1000, cuts[98] / 1000)


class Result(NamedTuple):
    """One row of the table: a throughput, its latencies and the peak memory."""

    label: str
    rate: float
    latency: Percentiles | None = None
    peak_kib: float | None = None


def header(unit: str = "calls") -> None:
    """Print the column heads of the common table."""
    print(
        f"  {'':<{LABEL_WIDTH}} {unit + '/s':>12} {'p50 µs':>9} {'p95 µs':>9} {'p99 µs':>9}"
        f" {'peak KiB':>10}"
    )


def row(result: Result) -> None:
    """Print one row of the common table (blank cells for what was not measured)."""
    cells = [f"{v:9.2f}" for v in result.latency] if result.latency else [f"{'':9}"] * 3
    peak = f"{result.peak_kib:10,.0f}" if result.peak_kib is not None else ""
    print(f"  {result.label:<{LABEL_WIDTH}} {result.rate:12,.0f} {' '.join(cells)} {peak}".rstrip())


def call_quietly(
    func: Callable[[Any], object],
    item: object,
    errors: tuple[type[BaseException], ...] = (ValidationError,),
) -> None:
    """Call ``func(item)``, ignoring the errors that rejected input raises."""
    with contextlib.suppress(*errors):
        func(item)


def measure(
    label: str,
    func: Callable[[Any], object],
    inputs: Sequence[object],
    *,
    errors: tuple[type[BaseException], ...] = (ValidationError,),
    memory_sample: int = MEMORY_SAMPLE,
) -> Result:
    """Time ``func`` on every input (tracing off), then trace a repeat of the first ones.

    Rejected input (``errors``) counts as a call like any other. Prints the row
    and returns it.
    """
    clock = time.perf_counter_ns
    samples: list[int] = []
    append = samples.append
    gc.collect()
    start = time.perf_counter()
    for item in inputs:
        t0 = clock()
        call_quietly(func, item, errors)
        append(clock() - t0)
    elapsed = time.perf_counter() - start

    def again() -> None:
        for item in inputs[:memory_sample]:
            call_quietly(func, item, errors)

    peak = traced_peak_kib(again)
    result = Result(label, len(inputs) / elapsed, percentiles(samples), peak)
    row(result)
    return result


def compare(title: str, ours: Result | float, base: Result | float) -> float:
    """Print and return the throughput of ours over the baseline's."""
    ratio = _rate(ours) / _rate(base)
    print(f"  -> {title}: ours/baseline throughput = {ratio:.2f}")
    return ratio


def _rate(value: Result | float) -> float:
    return value.rate if isinstance(value, Result) else value


def best_throughput(
    contenders: Mapping[str, Callable[[], object]], calls: int, rounds: int = 5
) -> dict[str, float]:
    """Calls per second of each zero-argument contender, best of ``rounds``.

    The contenders take turns within each round, so that a change in the
    machine's load during the run does not favour whoever ran in a quiet moment.
    """
    best = dict.fromkeys(contenders, float("inf"))
    for _ in range(rounds):
        for name, call in contenders.items():
            gc.collect()
            start = time.perf_counter()
            for _ in repeat(None, calls):
                call()
            best[name] = min(best[name], time.perf_counter() - start)
    return {name: calls / seconds for name, seconds in best.items()}


def latencies(call: Callable[[], object], count: int) -> Percentiles:
    """Percentiles of ``count`` single calls of a zero-argument ``call``."""
    clock = time.perf_counter_ns
    samples: list[int] = []
    append = samples.append
    for _ in repeat(None, count):
        start = clock()
        call()
        append(clock() - start)
    return percentiles(samples)


def timer_overhead_ns() -> int:
    """The smallest interval ``time.perf_counter_ns`` measures: what each latency includes."""
    clock = time.perf_counter_ns
    return min(-(clock() - clock()) for _ in range(1000))


def traced_peak_kib(work: Callable[[], object]) -> float:
    """Peak KiB that tracemalloc sees while ``work()`` runs (and what it returns is kept)."""
    gc.collect()
    tracemalloc.start()
    try:
        kept = work()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    del kept
    return peak / 1024


def kept_bytes(build: Callable[[], Sequence[object]]) -> float:
    """Bytes per item that ``build()`` keeps allocated, as tracemalloc counts them."""
    gc.collect()
    tracemalloc.start()
    try:
        items = build()
        gc.collect()
        size = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    return size / len(items)


def rss_bytes() -> int:
    """The process's current resident set size (Linux), else its peak."""
    try:
        with Path("/proc/self/statm").open() as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # not Linux
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def peak_rss_mib() -> float:
    """The process's peak resident set size so far, in MiB (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

"""Throughput and latency of the name standardisers: persons, companies, websites.

Each standardiser runs over the real-format corpora of the test suite (several
times over), and the same inputs go through ``texts.clean``, the text cleaning
every one of them starts with, as the baseline: the ratio says what the parsing
costs on top of cleaning.

    python benchmarks/bench_names.py [--rounds N]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import time
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING

from crmcore.errors import ValidationError
from crmcore.standardize import company_names, person_names, texts, websites

if TYPE_CHECKING:
    from collections.abc import Callable

DATA = Path(__file__).parents[1] / "tests" / "standardize" / "data"


def _inputs(name: str) -> list[str]:
    corpus = json.loads((DATA / name).read_text("utf-8"))
    raws = [c["raw"] for c in corpus["valid"] + corpus["invalid"]]
    return [r for r in raws if isinstance(r, str)]


def _run(fn: Callable[[str], object], inputs: list[str], rounds: int) -> dict[str, float]:
    for raw in inputs:  # warm the caches (tables, lazily filled translation tables)
        _call(fn, raw)
    latencies = []
    start = time.perf_counter()
    for _ in range(rounds):
        for raw in inputs:
            t0 = time.perf_counter_ns()
            _call(fn, raw)
            latencies.append(time.perf_counter_ns() - t0)
    elapsed = time.perf_counter() - start
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    return {
        "per_s": len(latencies) / elapsed,
        "p50": q[49] / 1000,
        "p95": q[94] / 1000,
        "p99": q[98] / 1000,
    }


def _call(fn: Callable[[str], object], raw: str) -> None:
    with contextlib.suppress(ValidationError):
        fn(raw)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    families = {
        "person_names.validate": (person_names.validate, _inputs("person_names.json")),
        "company_names.validate": (company_names.validate, _inputs("company_names.json")),
        "websites.validate": (websites.validate, _inputs("websites.json")),
    }
    print(
        f"{'function':28} {'calls/s':>10} {'p50 µs':>8} {'p95 µs':>8} {'p99 µs':>8} {'vs clean':>9}"
    )
    for label, (fn, inputs) in families.items():
        baseline = _run(texts.clean, inputs, args.rounds)
        result = _run(fn, inputs, args.rounds)
        ratio = baseline["per_s"] / result["per_s"]
        print(
            f"{label:28} {result['per_s']:10.0f} {result['p50']:8.1f} {result['p95']:8.1f} "
            f"{result['p99']:8.1f} {ratio:8.1f}x"
        )
        print(
            f"{'  texts.clean (baseline)':28} {baseline['per_s']:10.0f} {baseline['p50']:8.1f} "
            f"{baseline['p95']:8.1f} {baseline['p99']:8.1f}"
        )
    tracemalloc.start()
    for fn, inputs in families.values():
        for raw in inputs:
            _call(fn, raw)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak traced memory over one pass of all corpora: {peak / 1024:.0f} KiB")


if __name__ == "__main__":
    main()

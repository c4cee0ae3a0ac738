"""Benchmark the domain model: cold import time, and a million parties in memory.

Run: ``python benchmarks/bench_model.py``. ``CRMCORE_BENCH_SCALE`` (default 1.0)
scales the number of parties (1,000,000 at scale 1).

What it measures, each against a baseline in the same run:

* cold ``import crmcore``: the median wall time of fresh interpreters running
  ``import crmcore``, against the same interpreter running ``pass`` (the
  difference is crmcore's own cost);
* building parties with two contact points each (a phone and an e-mail, all
  strings distinct per party): throughput, latency percentiles of one party,
  and resident memory per party, against the same data held as plain
  dicts in the dict form's shape (what an application holding JSON would keep);
* the dict form: ``to_dict`` and ``from_dict`` throughput and latency.
"""

from __future__ import annotations

import gc
import os
import resource
import statistics
import subprocess
import sys
import time
from array import array
from datetime import UTC, datetime, timedelta
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
if SRC.is_dir():  # run from a source tree without installing
    sys.path.insert(0, str(SRC))

SCALE = float(os.environ.get("CRMCORE_BENCH_SCALE", "1"))
PARTIES = int(1_000_000 * SCALE)
BASELINE_PARTIES = max(1000, PARTIES // 5)
IMPORT_RUNS = 15
IMPORT_TARGET_MS = 150
MEMORY_TARGET_GB = 1.5


def _rss_bytes() -> int:
    """The process's current resident set size (Linux), else its peak."""
    try:
        with Path("/proc/self/statm").open() as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # pragma: no cover - not Linux
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _percentiles(samples_ns: array[int]) -> str:
    ordered = sorted(samples_ns)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] / 1000

    return f"p50 {at(0.50):.1f} us, p95 {at(0.95):.1f} us, p99 {at(0.99):.1f} us"


def bench_import() -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}

    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        return time.perf_counter() - start

    bare = statistics.median(run("pass") for _ in range(IMPORT_RUNS))
    full = statistics.median(run("import crmcore") for _ in range(IMPORT_RUNS))
    own = (full - bare) * 1000
    verdict = "within" if own <= IMPORT_TARGET_MS else "OVER"
    print(f"cold import (median of {IMPORT_RUNS} fresh interpreters):")
    print(f"  baseline `python -c pass`:          {bare * 1000:7.1f} ms")
    print(f"  `python -c 'import crmcore'`:       {full * 1000:7.1f} ms")
    print(f"  crmcore's own cost:                 {own:7.1f} ms "
          f"({verdict} the {IMPORT_TARGET_MS} ms target)")  # fmt: skip


def bench_parties() -> None:
    import crmcore as crm  # noqa: PLC0415 - timed apart from the import

    created = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    step = timedelta(seconds=1)
    families = ("Kowalski", "Шевченко", "Иванова", "Παπαδόπουλος", "Müller", "Smith")

    def make(i: int) -> crm.Party:
        return crm.Party.person(
            given=f"Jan{i}",
            family=families[i % 6] + str(i),
            created_at=created + i * step,
            roles=(crm.Role.CLIENT,),
            contacts=(
                crm.PhoneNumber(f"+48{600000000 + i}", line=crm.PhoneLine.MOBILE, primary=True),
                crm.EmailAddress(f"jan{i}@example.pl"),
            ),
        )

    def make_dict(i: int) -> dict[str, object]:
        return {
            "id": str(crm.ids.new_id()),
            "kind": "person",
            "name": {"given": f"Jan{i}", "family": families[i % 6] + str(i), "patronymic": None,
                     "title": None},
            "created_at": (created + i * step).isoformat(),
            "roles": ["client"],
            "contacts": [
                {"kind": "phone", "number": f"+48{600000000 + i}", "line": "mobile",
                 "primary": True, "label": None, "source": None, "verified_at": None},
                {"kind": "email", "address": f"jan{i}@example.pl", "primary": False,
                 "label": None, "source": None, "verified_at": None},
            ],
            "tags": [], "groups": [], "identifiers": [], "external_keys": [],
            "attributes": {}, "holdings": [], "profiles": [], "customer_number": None,
            "version": 0, "updated_at": None, "deleted_at": None, "display_name": None,
        }  # fmt: skip

    make(0)  # warm up: first-use imports, caches
    gc.collect()
    gc.freeze()
    before = _rss_bytes()
    latencies: array[int] = array("q")
    parties = []
    append = parties.append
    clock = time.perf_counter_ns
    start = time.perf_counter()
    for i in range(PARTIES):
        if i % 100 == 0:
            t0 = clock()
            append(make(i))
            latencies.append(clock() - t0)
        else:
            append(make(i))
    elapsed = time.perf_counter() - start
    gc.collect()
    used = _rss_bytes() - before
    print(f"{PARTIES:,} parties, each a person with a phone and an e-mail:")
    print(f"  build: {PARTIES / elapsed:,.0f} parties/s ({elapsed:.1f} s); "
          f"one party: {_percentiles(latencies)}")  # fmt: skip
    verdict = "within" if used / 1e9 * (1_000_000 / PARTIES) <= MEMORY_TARGET_GB else "OVER"
    print(f"  memory: {used / 2**20:,.0f} MiB resident, {used / PARTIES:,.0f} bytes per party "
          f"({verdict} the {MEMORY_TARGET_GB} GB target for a million)")  # fmt: skip
    print(f"  peak RSS of the process: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:,.0f} MiB")  # fmt: skip

    sample = parties[:: max(1, PARTIES // 20_000)]
    to_lat: array[int] = array("q")
    forms = []
    start = time.perf_counter()
    for party in sample:
        t0 = clock()
        forms.append(crm.to_dict(party))
        to_lat.append(clock() - t0)
    to_elapsed = time.perf_counter() - start
    from_lat: array[int] = array("q")
    start = time.perf_counter()
    for form in forms:
        t0 = clock()
        crm.from_dict(crm.Party, form)
        from_lat.append(clock() - t0)
    from_elapsed = time.perf_counter() - start
    print(f"dict form, {len(sample):,} parties:")
    print(f"  to_dict:   {len(sample) / to_elapsed:,.0f} parties/s; {_percentiles(to_lat)}")
    print(f"  from_dict: {len(sample) / from_elapsed:,.0f} parties/s; {_percentiles(from_lat)}")

    del parties, sample, forms
    gc.collect()
    before = _rss_bytes()
    start = time.perf_counter()
    dicts = [make_dict(i) for i in range(BASELINE_PARTIES)]
    elapsed = time.perf_counter() - start
    gc.collect()
    used_dicts = _rss_bytes() - before
    print(f"baseline: {BASELINE_PARTIES:,} of the same parties as plain dicts (the dict form):")
    print(f"  build: {BASELINE_PARTIES / elapsed:,.0f} dicts/s; "
          f"memory: {used_dicts / BASELINE_PARTIES:,.0f} bytes per party "
          f"(the model takes {used / PARTIES / (used_dicts / BASELINE_PARTIES):.2f}x that)")  # fmt: skip
    del dicts


def main() -> None:
    print(f"crmcore model benchmark, Python {sys.version.split()[0]}, scale {SCALE}")
    bench_import()
    bench_parties()


if __name__ == "__main__":
    main()

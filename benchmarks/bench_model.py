"""Benchmark the domain model: cold import time, and a million parties in memory.

Run: ``python benchmarks/bench_model.py``. ``CRMCORE_BENCH_SCALE`` (default 1.0)
scales the number of parties (1,000,000 at scale 1).

What it measures, each against a baseline in the same run:

* cold ``import crmcore``: the median wall time of fresh interpreters running
  ``import crmcore``, against the same interpreter running ``pass`` (the
  difference is crmcore's own cost);
* building parties with two contact points each (a phone and an e-mail, all
  strings distinct per party): throughput, latency percentiles of one party,
  and resident memory (RSS) of them all; then, on a fiftieth of them, the
  bytes allocated per party (tracemalloc) against the same data held as plain
  dicts in the dict form's shape (what an application holding JSON would keep);
* the dict form: ``to_dict`` and ``from_dict`` throughput and latency.
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import time
from array import array
from datetime import UTC, datetime, timedelta
from typing import Any

import _harness
from _harness import SRC, kept_bytes, percentiles, rss_bytes

PARTIES = _harness.scaled(1_000_000)
BASELINE_PARTIES = max(1000, PARTIES // 50)
IMPORT_RUNS = 11
IMPORT_TARGET_MS = 150
MEMORY_TARGET_GB = 1.5


def bench_import() -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}

    def runs(code: str) -> list[float]:
        times = []
        for _ in range(IMPORT_RUNS):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=env)
            times.append((time.perf_counter() - start) * 1000)
        return times

    bare = runs("pass")
    attrs_only = runs("import attrs")
    full = runs("import crmcore")
    own = statistics.median(full) - statistics.median(bare)
    own_best = min(full) - min(bare)
    verdict = "within" if own <= IMPORT_TARGET_MS else "OVER"
    print(f"cold import ({IMPORT_RUNS} fresh interpreters each; median, and best in brackets):")
    print(f"  baseline `python -c pass`:      {statistics.median(bare):6.1f} ms ({min(bare):.1f})")
    print(
        f"  `python -c 'import attrs'`:     {statistics.median(attrs_only):6.1f} ms "
        f"({min(attrs_only):.1f})"
    )
    print(f"  `python -c 'import crmcore'`:   {statistics.median(full):6.1f} ms ({min(full):.1f})")
    print(
        f"  crmcore's own cost:             {own:6.1f} ms ({own_best:.1f}); {verdict} the "
        f"{IMPORT_TARGET_MS} ms target, attrs included"
    )


CREATED = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
STEP = timedelta(seconds=1)
FAMILIES = ("Kowalski", "Шевченко", "Иванова", "Παπαδόπουλος", "Müller", "Smith")


def make_party(crm: Any, i: int) -> Any:
    """A person with a mobile phone and an e-mail, every string distinct."""
    return crm.Party.person(
        given=f"Jan{i}",
        family=FAMILIES[i % 6] + str(i),
        created_at=CREATED + i * STEP,
        roles=(crm.Role.CLIENT,),
        contacts=(
            crm.PhoneNumber(f"+48{600000000 + i}", line=crm.PhoneLine.MOBILE, primary=True),
            crm.EmailAddress(f"jan{i}@example.pl"),
        ),
    )


def make_dict(crm: Any, i: int) -> dict[str, object]:
    """The same party as the plain dict an application holding JSON would keep."""
    phone = {
        "kind": "phone",
        "number": f"+48{600000000 + i}",
        "line": "mobile",
        "primary": True,
        "label": None,
        "source": None,
        "verified_at": None,
    }
    email = {
        "kind": "email",
        "address": f"jan{i}@example.pl",
        "primary": False,
        "label": None,
        "source": None,
        "verified_at": None,
    }
    return {
        "id": str(crm.ids.new_id()), "kind": "person",
        "name": {"given": f"Jan{i}", "family": FAMILIES[i % 6] + str(i), "patronymic": None,
                 "title": None},
        "created_at": (CREATED + i * STEP).isoformat(), "roles": ["client"],
        "contacts": [phone, email], "tags": [], "groups": [], "identifiers": [],
        "external_keys": [], "attributes": {}, "holdings": [], "profiles": [],
        "customer_number": None, "version": 0, "updated_at": None, "deleted_at": None,
        "display_name": None,
    }  # fmt: skip


def build_parties(crm: Any) -> tuple[list[Any], int]:
    """Build the parties; print throughput, latency and memory; return them and the bytes."""
    make_party(crm, 0)  # warm up: first-use imports, caches
    gc.collect()
    gc.freeze()
    before = rss_bytes()
    latencies: array[int] = array("q")
    parties: list[Any] = []
    append = parties.append
    clock = time.perf_counter_ns
    start = time.perf_counter()
    for i in range(PARTIES):
        if i % 100 == 0:
            t0 = clock()
            append(make_party(crm, i))
            latencies.append(clock() - t0)
        else:
            append(make_party(crm, i))
    elapsed = time.perf_counter() - start
    gc.collect()
    used = rss_bytes() - before
    per_million_gb = used / 1e9 * (1_000_000 / PARTIES)
    verdict = "within" if per_million_gb <= MEMORY_TARGET_GB else "OVER"
    peak = _harness.peak_rss_mib()
    print(f"{PARTIES:,} parties, each a person with a phone and an e-mail:")
    print(
        f"  build: {PARTIES / elapsed:,.0f} parties/s ({elapsed:.1f} s); "
        f"one party: {percentiles(latencies)}"
    )
    print(
        f"  memory: {used / 2**20:,.0f} MiB resident, {used / PARTIES:,.0f} bytes per party "
        f"({verdict} the {MEMORY_TARGET_GB} GB target for a million)"
    )
    print(f"  peak RSS of the process: {peak:,.0f} MiB")
    return parties, used


def bench_dict_form(crm: Any, parties: list[Any]) -> None:
    """Time to_dict and from_dict on a sample of the parties."""
    sample = parties[:: max(1, len(parties) // 20_000)]
    clock = time.perf_counter_ns
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
    print(f"  to_dict:   {len(sample) / to_elapsed:,.0f} parties/s; {percentiles(to_lat)}")
    print(f"  from_dict: {len(sample) / from_elapsed:,.0f} parties/s; {percentiles(from_lat)}")


def bench_baseline(crm: Any) -> None:
    """The same parties as plain dicts: the memory an application would spend on JSON.

    Both sides are counted by tracemalloc on the same number of parties, so the
    ratio does not depend on what the allocator kept from earlier runs.
    """
    count = BASELINE_PARTIES
    model = kept_bytes(lambda: [make_party(crm, i) for i in range(count)])
    start = time.perf_counter()
    [make_dict(crm, i) for i in range(count)]
    elapsed = time.perf_counter() - start
    plain = kept_bytes(lambda: [make_dict(crm, i) for i in range(count)])
    print(f"baseline: {count:,} of the same parties as plain dicts in the dict form's shape:")
    print(f"  build: {count / elapsed:,.0f} dicts/s")
    print(
        f"  allocated (tracemalloc): model {model:,.0f} bytes per party, dicts {plain:,.0f} "
        f"bytes per party: the model takes {model / plain:.2f}x the dicts' memory"
    )


def bench_parties() -> None:
    import crmcore as crm

    parties, _ = build_parties(crm)
    bench_dict_form(crm, parties)
    del parties
    bench_baseline(crm)


def main() -> None:
    print(f"crmcore model benchmark, {_harness.environment()}")
    bench_import()
    bench_parties()


if __name__ == "__main__":
    main()

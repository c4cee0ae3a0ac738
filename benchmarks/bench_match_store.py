"""Matching against a store: one new record on entry, and the store's candidate blocks.

Stores ``STORED`` parties (a million at scale 1) of
:func:`crmcore.testing.generate_duplicates` in SQLite (or PostgreSQL, with
``postgresql`` as argument and ``CRMCORE_PG_DSN`` set), fits a model on a
sample of them, then takes the next ``QUERIES`` generated records as new form
entries (some are duplicates of stored parties, most are not) and measures,
p50, p95 and p99:

* ``parties.candidates(party)``: the stored parties sharing a look-up key;
* ``matching.match(party, store, model)``: the candidates, compared and scored;
* the baseline a CRM has without a matcher: ``find_by_phone`` and
  ``find_by_email`` of the entry's first phone and e-mail (exact keys only,
  nothing found for a typo or another script), in the same run;

and ``parties.key_blocks()`` over the whole store, in blocks a second.

The store is built once, in the file ``CRMCORE_BENCH_MATCH_DB`` names (by
default ``crmcore-match-<scale>.db`` in the temporary folder), and reused.
"""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import _harness

from crmcore import matching
from crmcore.model import EmailAddress, PhoneNumber
from crmcore.storage import PostgresStore, SqliteStore
from crmcore.testing import generate_duplicates

if TYPE_CHECKING:
    from crmcore.model import Party
    from crmcore.storage import Store

SEED = 20261207
STORED = _harness.scaled(1_000_000, 2000)
QUERIES = _harness.scaled(2_000, 200)
SAMPLE = 100_000
CHUNK = 20_000


def build(store: Store, rows: tuple) -> None:
    """Store the first ``STORED`` generated rows the store does not hold yet."""
    held = store.parties.count(include_deleted=True)
    if held:
        print(f"  the store holds {held:,} parties already")
        return
    started = time.perf_counter()
    refused = 0
    for first in range(0, STORED, CHUNK):
        chunk = [row.to_party() for row in rows[first : min(first + CHUNK, STORED)]]
        refused += len(store.parties.add_batch(chunk).rejected)
        print(
            f"  stored {first + len(chunk):,} rows, {time.perf_counter() - started:.0f} s",
            flush=True,
        )
    print(f"  refused {refused:,} (a copy holding a tax number already stored)")


def _exact(store: Store, party: Party) -> None:
    for contact in party.contacts:
        if isinstance(contact, PhoneNumber):
            store.parties.find_by_phone(contact.number)
            break
    for contact in party.contacts:
        if isinstance(contact, EmailAddress):
            store.parties.find_by_email(contact.address)
            break


def main() -> None:
    backend = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
    print(_harness.environment())
    started = time.perf_counter()
    data = generate_duplicates(STORED + QUERIES, seed=SEED)
    print(f"  generated {STORED + QUERIES:,} rows in {time.perf_counter() - started:.0f} s")
    if backend == "postgresql":
        dsn = os.environ.get("CRMCORE_PG_DSN")
        if not dsn:
            sys.exit("CRMCORE_PG_DSN is not set: start a server with bash .ci/postgres.sh")
        store: Store = PostgresStore(dsn, schema="crm_bench_match")
    else:
        default = Path(tempfile.gettempdir()) / f"crmcore-match-{_harness.SCALE:g}.db"
        store = SqliteStore(Path(os.environ.get("CRMCORE_BENCH_MATCH_DB") or default))
    with store:
        build(store, data.rows)
        started = time.perf_counter()
        model = matching.fit(itertools.islice(store.parties.select(), SAMPLE))
        print(
            f"  model fitted on {min(SAMPLE, STORED):,} stored parties in "
            f"{time.perf_counter() - started:.1f} s"
        )
        asked = [row.to_party() for row in data.rows[STORED:]]
        for party in asked[:50]:  # warm the caches as a running service has them
            matching.match(party, store, model)
        found: list[int] = []

        def candidates_of(party: Party) -> None:
            found.append(len(store.parties.candidates(party).found))

        def matched(party: Party) -> None:
            matching.match(party, store, model)

        figures = {}
        for name, work in (
            ("exact keys (baseline)", lambda p: _exact(store, p)),
            ("candidates()", candidates_of),
            ("match()", matched),
        ):
            given = iter(asked)
            figures[name] = _harness.latencies(lambda w=work, g=given: w(next(g)), len(asked))
        print(f"{backend}, {STORED:,} rows stored, {len(asked):,} new records")
        for name, cuts in figures.items():
            print(f"  {name:<24} {cuts}")
        base = figures["exact keys (baseline)"].p50
        print(
            f"  match() p50 / exact keys p50: {figures['match()'].p50 / base:.1f}x"
            f" (candidates per record: mean {sum(found) / len(found):.1f}, max {max(found)})"
        )
        started = time.perf_counter()
        blocks = skipped = 0
        for block in store.parties.key_blocks():
            blocks += 1
            skipped += block.skipped
        seconds = time.perf_counter() - started
        print(
            f"  key_blocks(): {blocks:,} blocks ({skipped:,} skipped) in {seconds:.1f} s:"
            f" {blocks / seconds:,.0f} blocks/s"
        )


if __name__ == "__main__":
    main()

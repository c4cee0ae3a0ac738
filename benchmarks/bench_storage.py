"""Bulk insert and look-ups of each store, at a million parties.

For each backend (in its own process, so that peak memory is its own):

1. bulk insert: ``parties.add_many`` of 100,000 new parties in one unit of
   work (throughput in parties per second, generation excluded), beside the
   same insert into another new store whose change feed records nothing (the
   store's recording of changes switched off in this process only): the cost
   of the change feed (an insert writes no history: history keeps the
   versions an update or a delete replaces);
2. fill the store up to 1,000,000 parties (batches of 50,000);
3. a non-atomic batch: ``parties.add_batch`` of as many new parties as step 1,
   against ``add_many`` (step 1) as its baseline;
4. for SQLite, the engine alone: the rows of step 1's parties built
   beforehand by the store's own code, then only inserted and committed (the
   most parties per second this schema allows on this machine, whatever the
   Python in front of it does);
5. look-ups at that size: ``find_by_phone``, ``find_by_email`` and
   ``find_by_identifier("nip", ...)`` of random stored parties (p50, p95, p99),
   each beside a baseline run in the same process on the same store: the
   backend's bare key look-up, without decoding the party (a dict get for
   memory, the indexed ``SELECT`` of the document for SQL);
6. what an integrator reads at that size (after step 3, so that a tenth of
   the parties were written last): ``count()`` of the live parties, of all,
   and with a filter on ``updated_at`` (the parties of step 3) and on
   ``country``, each beside the bare ``SELECT COUNT(*)`` (for memory, the
   length of its dict); ``search()`` by name (matching mode, the first 10 and
   the first 50 found) and by a whole name, p50/p95/p99; 100 pages of 100
   through a cursor, by id and by ``-updated_at``, beside ``select()``
   streaming the same 10,000 parties;
7. for the SQL stores, ``parties.reindex()`` of every stored party: of a
   current index (nothing to write), then after the e-mail key rows of every
   party were deleted (one key to write a party, as when a key's derivation
   changes), beside its baseline, streaming every party with ``select()``;
8. for SQLite, the code a user would write instead, in the same process and
   temporary folder: plain ``sqlite3`` with the schema such code would have,

       parties(id TEXT PRIMARY KEY, doc TEXT, phone TEXT, email TEXT, nip TEXT)

   with an index on each of ``phone``, ``email`` and ``nip`` (one column a
   look-up key: a party has one of each here) and the store's pragmas (WAL,
   ``synchronous = NORMAL``, the same page cache and memory map). The same
   parties are inserted, 10,000 a transaction with ``executemany``: each
   party's dict form (``crmcore.model.to_dict``, made beforehand and not
   timed) written with ``json.dumps`` and its three keys read from it (both
   timed). It is filled with the same parties as the store, and looked up by
   the same queries, each found document read with ``json.loads`` (not made
   into a ``Party``). It does far less: no customer numbers, versions or
   events, no uniqueness of identifiers, no folding of a phone written in a
   national format or an e-mail in capitals to its key, no roles, tags or
   external keys indexed. Printed: crmcore's insert rate over this one's,
   and crmcore's median look-up over this one's.

The parties are generated deterministically (a fixed seed): an organisation
or a person in Polish, Ukrainian, Greek, German or English, with a mobile
phone, an e-mail, a NIP, a postal address, a role and a tag.

Run: python benchmarks/bench_storage.py [--backend memory|sqlite|postgres|all]
Scale: CRMCORE_BENCH_SCALE=0.1 runs 10,000 inserts and 100,000 stored parties.
PostgreSQL: set CRMCORE_PG_DSN (``bash .ci/postgres.sh`` starts a server).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import _harness

from crmcore.model import EmailAddress, Identifier, Party, PhoneNumber, PostalAddress, to_dict
from crmcore.storage import Compare, MemoryStore, PostgresStore, SqliteStore
from crmcore.storage._changes import Pending
from crmcore.storage.backend import EMAIL, PHONE, stamper

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from crmcore.storage import Store

SEED = 20261123
INSERTS = 100_000
STORED = 1_000_000
LOOKUPS = 2_000
BATCH = 50_000
PLAIN_TRANSACTION = 10_000

FAMILY = ["Kowalski", "Wiśniewska", "Шевченко", "Коваленко", "Παπαδόπουλος", "Müller", "Smith"]
GIVEN = ["Łukasz", "Małgorzata", "Олександр", "Ганна", "Γιώργος", "Jürgen", "Charlotte"]
COMPANIES = ["Ромашка", "Kowalski i Synowie", "Οικονόμου", "Schröder Logistik", "Acme"]
FORMS = ["sp. z o.o.", "ТОВ", "Α.Ε.", "GmbH", "Ltd"]
CITIES = [("Warszawa", "PL"), ("Київ", "UA"), ("Αθήνα", "GR"), ("Berlin", "DE"), ("Leeds", "GB")]
START = datetime(2020, 1, 1, tzinfo=UTC)


def phone(index: int) -> str:
    return f"+48{600_000_000 + index}"


def email(index: int) -> str:
    return f"klient.{index}@example.pl"


_NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)


def nip(index: int) -> str:
    """A valid NIP for each index: the model takes no other."""
    block, rest = divmod(index, 1_000_000)
    for office in range(100 + 20 * block, 1000):  # ten offices a million numbers, then the next
        body = f"{office}{rest:06d}"
        check = sum(w * int(d) for w, d in zip(_NIP_WEIGHTS, body, strict=True)) % 11
        if check < 10:  # 10 is no check digit
            return body + str(check)
    raise AssertionError(index)


def uuid7(index: int, rng: random.Random) -> uuid.UUID:
    """A UUIDv7 as crmcore.ids.new_id makes them, one millisecond apart, reproducibly."""
    millis = 1_767_225_600_000 + index
    value = (millis << 80) | (0x7 << 76) | (rng.getrandbits(12) << 64) | (0b10 << 62)
    return uuid.UUID(int=value | rng.getrandbits(62))


def make_party(index: int, rng: random.Random) -> Party:
    city, country = rng.choice(CITIES)
    fields = {
        "id": uuid7(index, rng),
        "created_at": START + timedelta(minutes=index),
        "roles": {"client"},
        "tags": {rng.choice(["vip", "опт", "b2b"])},
        "contacts": [
            PhoneNumber(phone(index), line="mobile", primary=True),
            EmailAddress(email(index)),
            PostalAddress(
                street="ul. Długa", building=str(index % 200 + 1), locality=city, country=country
            ),
        ],
        "identifiers": [Identifier("nip", nip(index), country="PL")],
    }
    if index % 2:
        return Party.organization(rng.choice(COMPANIES), legal_form=rng.choice(FORMS), **fields)
    return Party.person(given=rng.choice(GIVEN), family=rng.choice(FAMILY), **fields)


def parties(first: int, count: int) -> Iterator[Party]:
    rng = random.Random(SEED + first)
    for index in range(first, first + count):
        yield make_party(index, rng)


def open_store(backend: str, directory: Path) -> Store:
    if backend == "memory":
        return MemoryStore()
    if backend == "sqlite":
        return SqliteStore(directory / "bench.db")
    dsn = os.environ.get("CRMCORE_PG_DSN")
    if not dsn:
        sys.exit("CRMCORE_PG_DSN is not set: start a server with bash .ci/postgres.sh")
    schema = f"crm_bench_{os.getpid()}_{directory.name.lower()}"
    return PostgresStore(dsn, schema=schema)


def timed(function: Callable[[int], object], indexes: list[int]) -> tuple[float, float, float]:
    """p50, p95 and p99 in milliseconds of ``function`` called once per index."""
    given = iter(indexes)
    cuts = _harness.latencies(lambda: function(next(given)), len(indexes))
    return cuts.p50 / 1000, cuts.p95 / 1000, cuts.p99 / 1000


def raw_lookups(
    store: Store, backend: str
) -> tuple[Callable[[str, str], object], Callable[[str, str, str], object]]:
    """The baselines: the backend's bare look-ups by key and by identifier, without decoding."""
    if backend == "memory":
        data = store._data  # type: ignore[attr-defined]  # noqa: SLF001 - the baseline reads inside
        return (
            lambda kind, key: [data.parties[i] for i in data.keys.get((kind, key), ())],
            lambda scheme, value, country: data.parties[data.identifiers[scheme, value, country]],
        )
    rows = store.rows  # type: ignore[attr-defined]
    return (
        lambda kind, key: rows(
            "SELECT document FROM parties WHERE id IN"
            " (SELECT party_id FROM party_keys WHERE kind = ? AND lookup = ?)",
            (kind, key),
        ),
        lambda scheme, value, country: rows(
            "SELECT document FROM parties WHERE id IN (SELECT party_id FROM party_identifiers"
            " WHERE scheme = ? AND value = ? AND country = ?)",
            (scheme, value, country),
        ),
    )


def engine_alone(path: Path, inserts: int) -> float:
    """Parties per second that SQLite alone inserts: their rows built first, then timed.

    The rows are those ``add_many`` would write (the store's own row
    building, captured on their way to the driver); only ``executemany`` of
    each statement and the commit are timed, in a fresh database of the
    same schema.
    """
    store = SqliteStore(path)
    try:
        captured: list[tuple[str, list[object]]] = []
        stamp = stamper(numbers=store.numbers, now=store.now())
        stored = [stamp(party) for party in parties(0, inserts)]
        write = store.run_many
        store.run_many = lambda sql, rows: captured.append((sql, list(rows)))  # type: ignore[method-assign]
        for first in range(0, inserts, 1000):
            store.parties._insert(stored[first : first + 1000])  # type: ignore[attr-defined]  # noqa: SLF001 - the same rows as add_many
        store.run_many = write  # type: ignore[method-assign]
        del stored
        start = time.perf_counter()
        store.run("BEGIN IMMEDIATE")
        for sql, rows in captured:
            store.run_many(sql, rows)  # type: ignore[arg-type]
        store.run("COMMIT")
        return inserts / (time.perf_counter() - start)
    finally:
        store.close()


@contextlib.contextmanager
def feed_off() -> Iterator[None]:
    """Stores record no change in the block: the baseline of the change feed's cost."""
    names = ("record", "record_parties")
    saved = {name: getattr(Pending, name) for name in names}
    for name in names:
        setattr(Pending, name, lambda *_, **__: None)
    try:
        yield
    finally:
        for name, method in saved.items():
            setattr(Pending, name, method)


def insert_rate(store: Store, batch: list[Party]) -> float:
    """Parties a second of ``add_many(batch)`` into ``store``."""
    gc.collect()
    start = time.perf_counter()
    store.parties.add_many(batch)
    return len(batch) / (time.perf_counter() - start)


def feed_cost(backend: str, directory: Path, batch: list[Party]) -> tuple[float, float]:
    """Parties a second of ``add_many(batch)`` into new stores with and without the change feed.

    Three rounds, each inserting into a new store of each kind in turn (the
    order swapped every round, so that neither is always the first on a
    warm or a cold disk); the medians of the rounds.
    """
    rates: dict[bool, list[float]] = {True: [], False: []}
    for round_ in range(3):
        for feed in (True, False) if round_ % 2 == 0 else (False, True):
            folder = directory / f"feed{round_}{'on' if feed else 'off'}"
            folder.mkdir()
            store = open_store(backend, folder)
            try:
                with contextlib.nullcontext() if feed else feed_off():
                    rates[feed].append(insert_rate(store, batch))
                assert bool(store.changes.read(limit=1).changes) == feed  # noqa: S101
            finally:
                if isinstance(store, PostgresStore):
                    store.run(f"DROP SCHEMA {store.schema} CASCADE")
                store.close()
    return statistics.median(rates[True]), statistics.median(rates[False])


def best_ms(call: Callable[[], object], repeat: int = 5) -> float:
    """The least of ``repeat`` wall times of ``call()``, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def integrator_figures(store: Store, backend: str, since: datetime) -> dict[str, object]:
    """Counts, searches by name and pages through a cursor, each beside its baseline."""
    found = store.parties
    figures: dict[str, object] = {}
    if backend == "memory":
        data = store._data  # type: ignore[attr-defined]  # noqa: SLF001 - the baseline reads inside
        figures["count bare"] = best_ms(lambda: len(data.parties))
    else:
        rows = store.rows  # type: ignore[attr-defined]
        figures["count bare"] = best_ms(lambda: rows("SELECT COUNT(*) FROM parties"))
    figures["count"] = best_ms(found.count)
    figures["count all"] = best_ms(lambda: found.count(include_deleted=True))
    recent = Compare("updated_at", ">=", since)
    figures["count updated_at"] = best_ms(lambda: found.count(recent))
    figures["count recent"] = found.count(recent)
    ukraine = Compare("country", "==", "UA")
    figures["count country"] = best_ms(lambda: found.count(ukraine))
    names = [*FAMILY, *COMPANIES]
    wholes = [f"{given} {family}" for given in GIVEN for family in FAMILY]
    rng = random.Random(SEED)
    queries = [rng.choice(names) for _ in range(500)]
    whole = [rng.choice(wholes) for _ in range(500)]
    assert found.search(queries[0])  # noqa: S101 - a sanity check
    for label, limit, texts in (("search 10", 10, queries), ("search 50", 50, queries)):
        timed(lambda i, limit=limit, texts=texts: found.search(texts[i], limit=limit), range(50))
        figures[label] = timed(
            lambda i, limit=limit, texts=texts: found.search(texts[i], limit=limit),
            list(range(len(texts))),
        )
    figures["search whole 10"] = timed(
        lambda i: found.search(whole[i], limit=10), list(range(len(whole)))
    )
    for order in ("id", "-updated_at"):
        cursors: list[str | None] = [None]
        times = []
        for _ in range(100):
            start = time.perf_counter()
            page = found.page(order_by=order, limit=100, after=cursors[-1])
            times.append(time.perf_counter() - start)
            cursors.append(page.next)
        times.sort()
        figures[f"page {order}"] = (times[49] * 1000, times[94] * 1000, times[98] * 1000)
    start = time.perf_counter()
    for count, _ in enumerate(found.select(), 1):
        if count == 10_000:
            break
    figures["select 100"] = (time.perf_counter() - start) * 1000 / 100
    return figures


def reindex_figures(store: Store) -> dict[str, object]:
    """Parties re-keyed a second by ``reindex()``, beside streaming them with ``select()``."""
    count = store.parties.count(include_deleted=True)
    start = time.perf_counter()
    for _ in store.parties.select(include_deleted=True):
        pass
    figures: dict[str, object] = {"reindexed": count}
    figures["select_per_s"] = count / (time.perf_counter() - start)
    start = time.perf_counter()
    current = store.parties.reindex()
    figures["reindex_current_per_s"] = count / (time.perf_counter() - start)
    store.run("DELETE FROM party_keys WHERE kind = 'email'")  # type: ignore[attr-defined]
    start = time.perf_counter()
    rebuilt = store.parties.reindex()
    figures["reindex_email_per_s"] = count / (time.perf_counter() - start)
    assert (current.written, rebuilt.written, rebuilt.parties) == (0, count, count)  # noqa: S101
    return figures


class PlainSqlite:
    """The code a user would write instead of a store: ``sqlite3``, a JSON column, a column a key.

    Its pragmas are :class:`~crmcore.storage.SqliteStore`'s, so that only the
    code in front of SQLite differs.
    """

    KEYS = ("phone", "email", "nip")

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path)
        run = self.connection.execute
        run("PRAGMA journal_mode = WAL")
        run("PRAGMA synchronous = NORMAL")
        run("PRAGMA cache_size = -65536")  # 64 MiB, as SqliteStore
        run("PRAGMA mmap_size = 1073741824")  # 1 GiB, as SqliteStore
        with self.connection:
            run(
                "CREATE TABLE parties"
                " (id TEXT PRIMARY KEY, doc TEXT NOT NULL, phone TEXT, email TEXT, nip TEXT)"
            )
            for column in self.KEYS:
                run(f"CREATE INDEX parties_{column} ON parties ({column})")
        self.selects = {
            "phone": "SELECT doc FROM parties WHERE phone = ?",
            "email": "SELECT doc FROM parties WHERE email = ?",
            "nip": "SELECT doc FROM parties WHERE nip = ?",
        }

    def insert(self, parties: list[Party]) -> tuple[float, float]:
        """Insert ``parties``, 10,000 a transaction.

        Returns the seconds taken, of wall clock and of this process's CPU
        time, ``to_dict`` aside.
        """
        wall = cpu = 0.0
        for first in range(0, len(parties), PLAIN_TRANSACTION):
            docs = [to_dict(party) for party in parties[first : first + PLAIN_TRANSACTION]]
            start, began = time.perf_counter(), time.process_time()
            with self.connection:
                self.connection.executemany(
                    "INSERT INTO parties VALUES (?, ?, ?, ?, ?)", plain_rows(docs)
                )
            wall += time.perf_counter() - start
            cpu += time.process_time() - began
        return wall, cpu

    def find(self, key: str, value: str) -> list[dict[str, Any]]:
        """The documents whose ``key`` column is ``value``, decoded."""
        return [json.loads(doc) for (doc,) in self.connection.execute(self.selects[key], (value,))]

    def close(self) -> None:
        self.connection.close()


def plain_rows(
    docs: Iterable[dict[str, Any]],
) -> Iterator[tuple[str, str, str | None, str | None, str | None]]:
    """Each dict form's row: its id, its JSON and its first phone, e-mail and NIP."""
    for doc in docs:
        phone = email = nip = None
        for contact in doc["contacts"]:
            if contact["kind"] == "phone" and phone is None:
                phone = contact["number"]
            elif contact["kind"] == "email" and email is None:
                email = contact["address"]
        for identifier in doc["identifiers"]:
            if identifier["scheme"] == "nip" and identifier["country"] == "PL":
                nip = identifier["value"]
        yield doc["id"], json.dumps(doc), phone, email, nip


def lookup_checks(
    store: Store, backend: str, indexes: list[int], plain: PlainSqlite | None
) -> dict[str, tuple[Callable[[int], object], ...]]:
    """Each look-up timed, by name: crmcore's call, the bare key look-up, the plain code's.

    The plain code's look-up is there only if ``plain`` is given.
    """
    raw, raw_identifier = raw_lookups(store, backend)
    # The queries are written beforehand: making a valid NIP takes
    # longer than looking one up, and is no part of a look-up's time.
    phones = {i: phone(i) for i in indexes}
    emails = {i: email(i) for i in indexes}
    nips = {i: nip(i) for i in indexes}
    checks: dict[str, tuple[Callable[[int], object], ...]] = {
        "phone": (
            lambda i: store.parties.find_by_phone(phones[i]),
            lambda i: raw(PHONE, phones[i]),
        ),
        "email": (
            lambda i: store.parties.find_by_email(emails[i]),
            lambda i: raw(EMAIL, emails[i]),
        ),
        "tax number": (
            lambda i: store.parties.find_by_identifier("nip", nips[i], country="PL"),
            lambda i: raw_identifier("nip", nips[i], "PL"),
        ),
    }
    assert store.parties.find_by_phone(phones[indexes[0]])  # noqa: S101 - a sanity check
    if plain is None:
        return checks
    find = plain.find
    checks["phone"] += (lambda i: find("phone", phones[i]),)
    checks["email"] += (lambda i: find("email", emails[i]),)
    checks["tax number"] += (lambda i: find("nip", nips[i]),)
    assert plain.find("nip", nips[indexes[0]])  # noqa: S101 - a sanity check
    return checks


def fill(store: Store, plain: PlainSqlite | None, first: int, stored: int) -> float:
    """Add parties ``first`` to ``stored`` to the store (and the plain code's database).

    Returns the seconds the store took.
    """
    taken = 0.0
    for start in range(first, stored, BATCH):
        chunk = list(parties(start, min(BATCH, stored - start)))
        began = time.perf_counter()
        store.parties.add_many(chunk)
        taken += time.perf_counter() - began
        if plain is not None:
            plain.insert(chunk)
    return taken


def lookup_figures(
    checks: dict[str, tuple[Callable[[int], object], ...]], indexes: list[int]
) -> dict[str, object]:
    """p50, p95 and p99 of each look-up: crmcore's, the bare one's, the plain code's."""
    figures: dict[str, object] = {}
    for name, (lookup, baseline, *plain) in checks.items():
        timed(lookup, indexes[:100])  # warm up
        figures[name] = timed(lookup, indexes)
        figures[f"{name} baseline"] = timed(baseline, indexes)
        for other in plain:
            timed(other, indexes[:100])
            figures[f"{name} plain"] = timed(other, indexes)
    return figures


def batch_and_reads(store: Store, backend: str, stored: int, inserts: int) -> dict[str, object]:
    """Step 3 (a non-atomic batch), then step 6 (what an integrator reads)."""
    batch = list(parties(stored, inserts))
    gc.collect()
    since = store.now()  # type: ignore[attr-defined]
    start = time.perf_counter()
    outcome = store.parties.add_batch(batch)
    figures: dict[str, object] = {"batch_per_s": inserts / (time.perf_counter() - start)}
    assert len(outcome.accepted) == inserts  # noqa: S101 - a sanity check
    if backend != "memory":
        store.run("ANALYZE")  # type: ignore[attr-defined]
    figures.update(integrator_figures(store, backend, since))
    return figures


def run(backend: str) -> dict[str, object]:
    inserts = _harness.scaled(INSERTS, 1000)
    stored = max(_harness.scaled(STORED), inserts)
    lookups = max(int(LOOKUPS * min(_harness.SCALE * 10, 1)), 200)
    result: dict[str, object] = {"backend": backend, "inserts": inserts, "stored": stored}
    with tempfile.TemporaryDirectory() as directory:
        store = open_store(backend, Path(directory))
        plain = PlainSqlite(Path(directory) / "plain.db") if backend == "sqlite" else None
        try:
            batch = list(parties(0, inserts))
            # Each timed stage starts without the garbage of the one before, as
            # _harness.measure does: a full collection of 500,000 objects
            # (about 0.1 s) otherwise lands in whichever stage crosses the
            # threshold, and moves its rate by a third.
            gc.collect()
            start, cpu = time.perf_counter(), time.process_time()
            store.parties.add_many(batch)
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
            result["insert_per_s"] = inserts / elapsed
            result["insert_per_cpu_s"] = inserts / cpu
            if plain is not None:
                gc.collect()
                wall, cpu = plain.insert(batch)
                result["plain_insert_per_s"] = inserts / wall
                result["plain_insert_per_cpu_s"] = inserts / cpu
            del batch
            rounds = list(parties(10 * STORED, inserts // 2))  # ids no store holds
            result["feed_insert_per_s"], result["nofeed_insert_per_s"] = feed_cost(
                backend, Path(directory), rounds
            )
            del rounds
            if backend == "sqlite":
                result["engine_per_s"] = engine_alone(Path(directory) / "engine.db", inserts)
            if stored > inserts:
                result["fill_per_s"] = (stored - inserts) / fill(store, plain, inserts, stored)
            if backend != "memory":  # after a bulk load; PostgreSQL's autovacuum does it later
                store.run("ANALYZE")  # type: ignore[attr-defined]
            rng = random.Random(SEED)
            indexes = [rng.randrange(stored) for _ in range(lookups)]
            result.update(lookup_figures(lookup_checks(store, backend, indexes, plain), indexes))
            result.update(batch_and_reads(store, backend, stored, inserts))
            if backend != "memory":
                result.update(reindex_figures(store))
        finally:
            if isinstance(store, PostgresStore):
                store.run(f"DROP SCHEMA {store.schema} CASCADE")
            store.close()
            if plain is not None:
                plain.close()
    result["peak_mib"] = _harness.peak_rss_mib()
    return result


def report_integrator(result: dict[str, object]) -> None:
    """Print the counts, searches and pages of step 6."""
    bare = float(result["count bare"])  # type: ignore[arg-type]
    print(f"  count, bare (SELECT COUNT(*) / len): {bare:.2f} ms")
    for key, label in (
        ("count", "count() of the live parties"),
        ("count all", "count(include_deleted=True)"),
        ("count updated_at", f"count(updated_at >= t): {result['count recent']:,} parties"),
        ("count country", 'count(country == "UA")'),
    ):
        taken = float(result[key])  # type: ignore[arg-type]
        print(f"  {label:<46} {taken:8.2f} ms   (x{taken / bare:.1f} the bare count)")
    for key, label in (
        ("search 10", "search(name, limit=10)"),
        ("search 50", "search(name, limit=50)"),
        ("search whole 10", "search(given + family, limit=10)"),
    ):
        p50, p95, p99 = result[key]  # type: ignore[misc]
        print(f"  {label:<34} p50 {p50:.3f} ms  p95 {p95:.3f} ms  p99 {p99:.3f} ms")
    per_100 = float(result["select 100"])  # type: ignore[arg-type]
    for order in ("id", "-updated_at"):
        p50, p95, p99 = result[f"page {order}"]  # type: ignore[misc]
        print(
            f"  page of 100 by {order:<12} p50 {p50:.3f} ms  p95 {p95:.3f} ms  p99 {p99:.3f} ms"
            f"   (select() streams 100 in {per_100:.3f} ms: x{p50 / per_100:.1f})"
        )


def report(result: dict[str, object]) -> None:
    backend = result["backend"]
    print(
        f"\n== {backend}: {result['inserts']:,} inserted, look-ups at {result['stored']:,} stored"
    )
    rate = float(result["insert_per_s"])  # type: ignore[arg-type]
    print(f"  bulk insert (add_many, one unit of work): {rate:,.0f} parties/s")
    per_cpu = float(result["insert_per_cpu_s"])  # type: ignore[arg-type]
    print(f"    (per second of this process's CPU time: {per_cpu:,.0f} parties/s)")
    fed = float(result["feed_insert_per_s"])  # type: ignore[arg-type]
    nofeed = float(result["nofeed_insert_per_s"])  # type: ignore[arg-type]
    print(
        f"  add_many of {result['inserts'] // 2:,} into new stores, median of 3 rounds:"
        f" {fed:,.0f} parties/s; without the change feed {nofeed:,.0f} parties/s"
        f" (the feed adds {100 * (nofeed / fed - 1):+.1f} % to the time)"
    )
    _harness.compare("add_many against add_many without the change feed", fed, nofeed)
    if "engine_per_s" in result:
        engine = float(result["engine_per_s"])  # type: ignore[arg-type]
        print(
            f"  SQLite alone, rows built beforehand: {engine:,.0f} parties/s"
            f"  (the ceiling of this schema here; crmcore's Python adds"
            f" {1e6 / rate - 1e6 / engine:.0f} µs a party to SQLite's {1e6 / engine:.0f})"
        )
    if "plain_insert_per_s" in result:
        plain = float(result["plain_insert_per_s"])  # type: ignore[arg-type]
        print(
            f"  plain sqlite3 (JSON column, a column a key), 10,000 a transaction:"
            f" {plain:,.0f} parties/s"
        )
        _harness.compare("add_many against plain sqlite3", rate, plain)
        plain_cpu = float(result["plain_insert_per_cpu_s"])  # type: ignore[arg-type]
        _harness.compare("  the same, per second of CPU time", per_cpu, plain_cpu)
    if "fill_per_s" in result:
        print(f"  filling to {result['stored']:,}: {float(result['fill_per_s']):,.0f} parties/s")  # type: ignore[arg-type]
    batch_rate = float(result["batch_per_s"])  # type: ignore[arg-type]
    print(f"  non-atomic batch (add_batch, a savepoint each): {batch_rate:,.0f} parties/s")
    _harness.compare("add_batch against add_many", batch_rate, rate)
    for name in ("phone", "email", "tax number"):
        p50, p95, p99 = result[name]  # type: ignore[misc]
        b50, b95, b99 = result[f"{name} baseline"]  # type: ignore[misc]
        line = (
            f"  find by {name:<10} p50 {p50:.3f} ms  p95 {p95:.3f} ms  p99 {p99:.3f} ms"
            f"   (bare key look-up: p50 {b50:.3f} ms, p95 {b95:.3f}, p99 {b99:.3f};"
            f" x{p50 / b50:.1f} at p50)"
        )
        print(line)
        if f"{name} plain" in result:
            q50, q95, q99 = result[f"{name} plain"]  # type: ignore[misc]
            print(
                f"    plain sqlite3, documents decoded: p50 {q50:.3f} ms, p95 {q95:.3f},"
                f" p99 {q99:.3f}"
            )
            print(f"  -> find by {name} against plain sqlite3: ours/baseline p50 = {p50 / q50:.2f}")
    report_integrator(result)
    if "reindexed" in result:
        read = float(result["select_per_s"])  # type: ignore[arg-type]
        print(f"  reindex() of {result['reindexed']:,} parties, batches of 1,000:")
        for key, label in (("current", "a current index"), ("email", "every e-mail key missing")):
            rate = float(result[f"reindex_{key}_per_s"])  # type: ignore[arg-type]
            print(f"    {label:<26} {rate:,.0f} parties/s")
            _harness.compare(f"  reindex ({label}) against select()", rate, read)
    print(f"  peak memory (RSS of the process): {float(result['peak_mib']):,.0f} MiB")  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="all", choices=["memory", "sqlite", "postgres", "all"])
    args = parser.parse_args()
    if args.backend != "all":
        # Each backend's own line: the machine's speed is that of its run.
        print(f"crmcore storage benchmark, {_harness.environment()}")
        report(run(args.backend))
        return
    backends = ["sqlite", "memory"] + (["postgres"] if os.environ.get("CRMCORE_PG_DSN") else [])
    for backend in backends:
        subprocess.run([sys.executable, __file__, "--backend", backend], check=True)
    if "postgres" not in backends:
        print("\n(PostgreSQL skipped: set CRMCORE_PG_DSN to include it)")


if __name__ == "__main__":
    main()

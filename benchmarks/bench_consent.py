"""Consent decisions at a million parties with five consent events each.

For SQLite (and PostgreSQL beside it, at a tenth of the size unless told):

1. build: the parties (persons with an e-mail address, one in ten Polish),
   added 20,000 a unit of work, then five consent events each, recorded
   through the bulk ledger (``Ledger.bulk``), each drafted, chained and hashed
   as a single ``grant`` would be: a grant for marketing by e-mail with its
   proof, a double opt-in newsletter grant, its confirmation (four in five)
   or a refusal of profiling, a withdrawal of marketing by SMS, and either
   a withdrawal of marketing on every channel (one in five) or a grant for
   sharing with third parties. Printed: parties/s and events/s.
2. single decisions: ``ledger.may_contact(party, channel="email",
   purpose="marketing")`` for 20,000 random parties (decisions/s, p50, p95,
   p99), beside the baseline a CRM keeps instead of a ledger: one flag per
   party, channel and purpose, ``consent_flags(party_id, channel, purpose,
   allowed)`` with its primary key, in the same database, read by the same
   driver with one ``SELECT allowed`` a call. The flag has no history, no
   moment, no proof and no scope: it answers "now" only.
3. the segment: ``ledger.contactable(Compare("country", "==", "PL"),
   channel="email", purpose="marketing")`` over the Polish tenth (100,000
   parties at full size), in seconds, beside the flags joined to the same
   parties in one ``SELECT``.

Run: python benchmarks/bench_consent.py [--backend sqlite|postgres|all]
Scale: CRMCORE_BENCH_SCALE=0.1 builds 100,000 parties (PostgreSQL: 10,000).
PostgreSQL: set CRMCORE_PG_DSN (``bash .ci/postgres.sh`` starts a server);
CRMCORE_BENCH_PG_PARTIES sets its size.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import _harness

from crmcore.consent import Ledger, Proof, Purpose, Purposes
from crmcore.model import EmailAddress, Party, PostalAddress
from crmcore.storage import Compare, PostgresStore, SqliteStore

if TYPE_CHECKING:
    from crmcore.storage import Store

SEED = 20261207
START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
FAMILY = ["Kowalska", "Шевченко", "Иванов", "Παπαδόπουλος", "Müller", "Smith", "Johnson"]
GIVEN = ["Małgorzata", "Олена", "Иван", "Γιώργος", "Jürgen", "Oliver", "Emily"]
COUNTRIES = ["UA", "RU", "GR", "DE", "GB", "US", "UA", "DE", "GB"]  # and PL one in ten
TOWNS = {
    "PL": "Łódź",
    "UA": "Одеса",
    "RU": "Казань",
    "GR": "Πάτρα",
    "DE": "Köln",
    "GB": "York",
    "US": "Denver",
}
PURPOSES = Purposes.standard().with_purpose(Purpose("newsletter", double_opt_in=True))
WORDING = Proof.of_wording(
    "Wyrażam zgodę na otrzymywanie ofert e-mailem.", version="2026-03", form_id="signup-pl"
)
CHUNK = 20_000
DECISIONS = 20_000


def party(index: int) -> Party:
    country = "PL" if index % 10 == 0 else COUNTRIES[index % 9]
    return Party.person(
        given=GIVEN[index % 7],
        family=FAMILY[index % 7],
        contacts=[
            EmailAddress(f"klient.{index}@example.pl"),
            PostalAddress(locality=TOWNS[country], country=country),
        ],
        created_at=START,
    )


def record_history(ledger: Ledger, party_id: uuid.UUID, index: int, rng: random.Random) -> None:
    """Five consent events of one party, as the shop, the mailer and the call centre log them."""
    day = START + timedelta(days=rng.randrange(300))
    ledger.grant(
        party_id,
        "marketing",
        channel="email",
        source="web_form",
        at=day,
        proof=WORDING,
        captured_by="shop",
    )
    waiting = ledger.grant(party_id, "newsletter", channel="email", source="web_form", at=day)
    if index % 5:
        ledger.confirm(party_id, waiting.id, source="email", at=day + timedelta(hours=2))
    else:
        ledger.refuse(party_id, "profiling", source="web_form", at=day)
    ledger.withdraw(
        party_id,
        "marketing",
        channel="sms",
        source="phone_call",
        at=day + timedelta(days=3),
        captured_by="call-centre",
    )
    if index % 5 == 1:
        ledger.withdraw(
            party_id, "marketing", source="unsubscribe_link", at=day + timedelta(days=40)
        )
    else:
        ledger.grant(
            party_id, "third_party_sharing", source="paper_form", at=day + timedelta(days=9)
        )


def build(store: Store, count: int) -> tuple[list[uuid.UUID], float, float]:
    """Fill ``store``; return the party ids, parties/s and events/s."""
    ids: list[uuid.UUID] = []
    start = time.perf_counter()
    for first in range(0, count, CHUNK):
        added = store.parties.add_many(party(i) for i in range(first, min(count, first + CHUNK)))
        ids.extend(each.id for each in added)
    parties_rate = count / (time.perf_counter() - start)
    rng = random.Random(SEED)
    start = time.perf_counter()
    with Ledger(store, purposes=PURPOSES).bulk(batch_size=50_000) as bulk:
        for index, party_id in enumerate(ids):
            record_history(bulk, party_id, index, rng)
    events_rate = 5 * count / (time.perf_counter() - start)
    return ids, parties_rate, events_rate


class Plain:
    """The baseline's own connection to the same database, and its one table of flags."""

    def __init__(self, backend: str, folder: Path) -> None:
        if backend == "sqlite":
            self.connection: Any = sqlite3.connect(folder / "consent.db", isolation_level=None)
            self.mark = "?"
        else:
            import psycopg  # the PostgreSQL extra, only here

            self.connection = psycopg.connect(os.environ["CRMCORE_PG_DSN"], autocommit=True)
            self.connection.execute(f"SET search_path TO {schema()}")
            self.mark = "%s"
        self.id_text = "p.id" if backend == "sqlite" else "p.id::text"

    def rows(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        return list(self.connection.execute(sql, params).fetchall())

    def fill(self, ids: list[uuid.UUID]) -> None:
        """The flag a CRM keeps, one per party, channel and purpose: what the ledger says now."""
        self.connection.execute(
            "CREATE TABLE consent_flags (party_id TEXT, channel TEXT, purpose TEXT, "
            "allowed BOOLEAN, PRIMARY KEY (party_id, channel, purpose))"
        )
        marks = ", ".join([self.mark] * 4)
        rows = [(str(each), "email", "marketing", index % 5 != 1) for index, each in enumerate(ids)]
        cursor = self.connection.cursor()
        for first in range(0, len(rows), CHUNK):
            cursor.executemany(
                f"INSERT INTO consent_flags VALUES ({marks})",  # noqa: S608 - constant text
                rows[first : first + CHUNK],
            )
        self.connection.execute("ANALYZE consent_flags")

    def flag(self, party_id: uuid.UUID) -> list[tuple[Any, ...]]:
        return self.rows(
            f"SELECT allowed FROM consent_flags WHERE party_id = {self.mark} "  # noqa: S608 - constant
            "AND channel = 'email' AND purpose = 'marketing'",
            (str(party_id),),
        )

    def segment(self) -> list[tuple[Any, ...]]:
        return self.rows(
            "SELECT f.party_id FROM parties p JOIN consent_flags f"  # noqa: S608 - constant text
            f" ON f.party_id = {self.id_text}"
            " WHERE p.country = 'PL' AND f.channel = 'email' AND f.purpose = 'marketing'"
            " AND f.allowed"
        )


def schema() -> str:
    return f"crm_consent_{os.getpid()}"


def run(backend: str, count: int, keep: Path | None = None) -> None:
    print(f"\n{backend}: {count:,} parties, {5 * count:,} consent events")
    with contextlib.ExitStack() as stack:
        folder = keep or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        built = (folder / "ids.txt").exists()
        store: Store = (
            SqliteStore(folder / "consent.db")
            if backend == "sqlite"
            else PostgresStore(os.environ["CRMCORE_PG_DSN"], schema=schema())
        )
        stack.enter_context(store)
        plain = Plain(backend, folder)
        if built:  # a store kept by an earlier run (--keep): measure it again
            ids = [uuid.UUID(line) for line in (folder / "ids.txt").read_text().split()]
            print(f"  reused the store kept in {folder.name}")
        else:
            ids, parties_rate, events_rate = build(store, count)
            print(f"  built: {parties_rate:,.0f} parties/s, {events_rate:,.0f} consent events/s")
            plain.fill(ids)
            if keep is not None:
                (folder / "ids.txt").write_text("\n".join(map(str, ids)))
        if backend == "postgres":
            plain.connection.execute("ANALYZE")
        ledger = Ledger(store, purposes=PURPOSES, clock=lambda: START + timedelta(days=400))
        sample = random.Random(SEED + 1).sample(ids, min(DECISIONS, len(ids)))
        _harness.header("decisions")
        ours = _harness.measure(
            "ledger.may_contact",
            lambda pid: ledger.may_contact(pid, channel="email", purpose="marketing"),
            sample,
        )
        base = _harness.measure("baseline: SELECT of a consent flag", plain.flag, sample)
        _harness.compare("single decisions", ours, base)
        segment = Compare("country", "==", "PL")
        gc.collect()
        start = time.perf_counter()
        found = list(ledger.contactable(segment, channel="email", purpose="marketing"))
        ours_s = time.perf_counter() - start
        start = time.perf_counter()
        flagged = plain.segment()
        base_s = time.perf_counter() - start
        print(
            f"  segment of {(count + 9) // 10:,} parties: contactable {len(found):,} "
            f"in {ours_s:.2f} s; baseline (flags joined) {len(flagged):,} in {base_s:.2f} s; "
            f"ours/baseline time = {ours_s / base_s:.1f}"
        )
        plain.connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="all", choices=["sqlite", "postgres", "all"])
    parser.add_argument(
        "--keep",
        type=Path,
        help="build the SQLite store in this folder and keep it; measure it again if it is there",
    )
    arguments = parser.parse_args()
    backend = arguments.backend
    print(_harness.environment())
    if backend in ("sqlite", "all"):
        run("sqlite", _harness.scaled(1_000_000, 1000), arguments.keep)
    if backend in ("postgres", "all"):
        if not os.environ.get("CRMCORE_PG_DSN"):
            if backend == "postgres":
                sys.exit("CRMCORE_PG_DSN is not set: start a server with bash .ci/postgres.sh")
            print("\npostgres: skipped (CRMCORE_PG_DSN is not set)")
            return
        size = os.environ.get("CRMCORE_BENCH_PG_PARTIES")
        run("postgres", int(size) if size else _harness.scaled(100_000, 1000))


if __name__ == "__main__":
    main()

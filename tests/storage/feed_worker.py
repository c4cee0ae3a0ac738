"""A process of the change-feed test: an importer, or a poller of the feed.

``python feed_worker.py import URL OUT SECONDS``: add parties with
``add_batch``, a chunk at a time, for SECONDS; write the id of each party
stored to OUT, in the order stored.

``python feed_worker.py poll URL OUT READY DONE``: open the store, create
READY, then read the feed from its start until DONE exists and a read after
that brings nothing; write ``seq id`` of each change read to OUT.

``python feed_worker.py open URL OUT DONE``: until DONE exists, open the
store, read it (a count, a page, a search, the feed's latest changes) and
close it again; write each open's seconds to OUT, and fail on any error.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from crmcore import storage
from crmcore.model import Party

CHUNK = 250
_NAMES = (
    ("Zofia", "Wójcik"),
    ("Олена", "Коваленко"),
    ("Дмитрий", "Соколов"),
    ("Γιώργος", "Παπαδόπουλος"),
    ("Jürgen", "Müller"),
    ("Oliver", "Smith"),
    ("Emily", "Johnson"),
)


def _party(n: int) -> Party:
    given, family = _NAMES[n % len(_NAMES)]
    return Party.person(given=given, family=family, created_at="2026-12-07T09:00:00+00:00")


def run_import(url: str, out: Path, seconds: float) -> None:
    stored: list[str] = []
    with storage.open(url, actor="importer") as store:
        end = time.monotonic() + seconds
        n = 0
        while time.monotonic() < end:
            result = store.parties.add_batch(_party(n + i) for i in range(CHUNK))
            assert not result.rejected, result.rejected
            stored.extend(str(party.id) for party in result.accepted)
            n += CHUNK
    out.write_text("\n".join(stored), encoding="ascii")


def run_poll(url: str, out: Path, ready: Path, done: Path) -> None:
    seen: list[str] = []
    with storage.open(url) as store:
        ready.touch()
        cursor = None
        while True:
            finished = done.exists()
            page = store.changes.read(cursor, limit=1000)
            seen.extend(f"{change.seq} {change.id}" for change in page.changes)
            cursor = page.cursor
            if finished and not page.changes:
                break
            if not page.changes:
                time.sleep(0.01)
    out.write_text("\n".join(seen), encoding="ascii")


def run_open(url: str, out: Path, done: Path) -> None:
    taken: list[str] = []
    while not done.exists():
        start = time.monotonic()
        with storage.open(url) as store:
            store.parties.count()
            store.parties.page(limit=10)
            store.parties.search("Kowalenko", mode="prefix", limit=5)
            store.changes.read(limit=10)
        taken.append(f"{time.monotonic() - start:.4f}")
        time.sleep(0.05)
    out.write_text("\n".join(taken), encoding="ascii")


if __name__ == "__main__":
    mode, url, out, *rest = sys.argv[1:]
    if mode == "import":
        run_import(url, Path(out), float(rest[0]))
    elif mode == "open":
        run_open(url, Path(out), Path(rest[0]))
    else:
        run_poll(url, Path(out), Path(rest[0]), Path(rest[1]))

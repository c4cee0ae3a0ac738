"""The change feed across processes: one imports, others poll; each change comes once, in order.

The pollers open the store before the import starts; openers open it again
and again while the import runs, and read it: a reader never waits for the
writer, on SQLite too (no ``storage.busy``).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from crmcore import storage

#: How long the importer adds parties, in seconds.
DURATION = 30
POLLERS = 2
OPENERS = 2
_WORKER = Path(__file__).with_name("feed_worker.py")


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'crm.db'}"
    dsn, schema = request.getfixturevalue("pg_dsn"), request.getfixturevalue("pg_schema")
    return f"{dsn}{'&' if '?' in dsn else '?'}schema={schema}"


def _worker(*args):
    return subprocess.Popen([sys.executable, str(_WORKER), *map(str, args)])


def test_pollers_get_every_change_of_an_import_once_in_commit_order(url, tmp_path):
    with storage.open(url):
        pass  # created and migrated before anyone polls
    done = tmp_path / "done"
    polled = [tmp_path / f"polled-{n}.txt" for n in range(POLLERS)]
    ready = [tmp_path / f"ready-{n}" for n in range(POLLERS)]
    pollers = [
        _worker("poll", url, out, mark, done) for out, mark in zip(polled, ready, strict=True)
    ]
    while not all(mark.exists() for mark in ready):  # every poller has opened the store
        assert all(poller.poll() is None for poller in pollers)
        time.sleep(0.05)
    imported = tmp_path / "imported.txt"
    importer = _worker("import", url, imported, DURATION)
    opened = [tmp_path / f"opened-{n}.txt" for n in range(OPENERS)]
    openers = [_worker("open", url, out, done) for out in opened]
    assert importer.wait(DURATION * 10) == 0
    done.touch()
    assert [poller.wait(DURATION * 10) for poller in pollers] == [0] * POLLERS
    assert [opener.wait(DURATION * 10) for opener in openers] == [0] * OPENERS
    for out in opened:  # each opened and read the store again and again during the import
        assert len(out.read_text(encoding="ascii").split("\n")) >= 2

    ids = imported.read_text(encoding="ascii").split("\n")
    assert len(ids) > 1000  # an import, not a handful
    everything = []
    with storage.open(url) as store:
        cursor = None
        while page := store.changes.read(cursor, limit=10_000).changes:
            everything.extend(page)
            cursor = page[-1].cursor
    assert [str(change.id) for change in everything] == ids
    assert {change.actor for change in everything} == {"importer"}
    for out in polled:
        rows = [line.split(" ") for line in out.read_text(encoding="ascii").split("\n")]
        assert [party_id for _, party_id in rows] == ids
        assert [int(seq) for seq, _ in rows] == [change.seq for change in everything]
    seqs = [change.seq for change in everything]
    assert seqs == sorted(set(seqs))

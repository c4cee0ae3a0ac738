"""Opening a SQLite store: beside another process's writer, foreign and damaged files, options."""

import random
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from crmcore import storage
from crmcore.errors import ConfigurationError, StorageError
from crmcore.model import EmailAddress, Identifier, Party, PhoneNumber
from crmcore.storage import Compare
from crmcore.storage._sql._sqlite import SqliteStore

from .support import statements_of

# Another process that holds SQLite's write lock until it reads a line: as an
# import would, for as long as it takes.
_HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE parties SET version = version")
print("holding", flush=True)
sys.stdin.readline()
connection.execute("ROLLBACK")
"""


def _parties(count):
    """Parties of every market, each with a phone, an e-mail and a tax number."""
    makers = [
        lambda i: Party.person(
            given="Zofia",
            family=f"Wójcik-{i}",
            created_at="2026-11-23T09:30:00+01:00",
            contacts=[PhoneNumber(f"+48601{i:06d}"), EmailAddress(f"zofia.{i}@example.pl")],
        ),
        lambda i: Party.organization(
            f"ТОВ «Ромашка {i}»",
            created_at="2026-11-23T09:30:00+02:00",
            contacts=[PhoneNumber(f"+38067{i:07d}"), EmailAddress(f"romashka{i}@ukr.net")],
        ),
        lambda i: Party.person(
            given="Ольга",
            family=f"Смирнова {i}",
            created_at="2026-11-23T09:30:00+03:00",
            contacts=[PhoneNumber(f"+7912{i:07d}"), EmailAddress(f"olga{i}@mail.ru")],
        ),
        lambda i: Party.organization(
            f"Παπαδόπουλος {i} Α.Ε.",
            created_at="2026-11-23T09:30:00+02:00",
            contacts=[PhoneNumber(f"+30210{i:07d}"), EmailAddress(f"info{i}@papadopoulos.gr")],
        ),
        lambda i: Party.organization(
            f"Müller {i} GmbH",
            created_at="2026-11-23T09:30:00+01:00",
            contacts=[PhoneNumber(f"+4930{i:08d}"), EmailAddress(f"kontakt{i}@mueller.de")],
        ),
        lambda i: Party.person(
            given="Oliver",
            family=f"Smith {i}",
            created_at="2026-11-23T09:30:00+00:00",
            contacts=[PhoneNumber(f"+447700{i:06d}"), EmailAddress(f"oliver{i}@example.co.uk")],
        ),
        lambda i: Party.person(
            given="Emily",
            family=f"Johnson {i}",
            created_at="2026-11-23T09:30:00-05:00",
            contacts=[
                PhoneNumber(f"+1212555{i % 10000:04d}"),
                EmailAddress(f"emily{i}@example.com"),
            ],
        ),
    ]
    return [makers[i % len(makers)](i) for i in range(count)]


@pytest.fixture
def path(tmp_path):
    return tmp_path / "crm.db"


@pytest.fixture
def holder(path):
    """Another process holding the write lock of ``path`` until the test ends."""
    with subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            assert process.stdout.readline() == "holding\n"
            yield process
        finally:
            process.communicate("\n")
    assert process.returncode == 0


# --- opening beside a writer ------------------------------------------------------


@pytest.fixture
def stored(path):
    with SqliteStore(path) as store:
        return store.parties.add_many(_parties(7))


def test_a_reader_opens_and_reads_while_another_process_writes(path, stored, holder):
    del holder  # holds the write lock for as long as this test runs
    with storage.open(f"sqlite:///{path}?busy_timeout=0.05") as reader:
        assert reader.parties.count() == len(stored)
        assert reader.parties.get(stored[0].id) == stored[0]
        assert reader.parties.find_by_email("Olga2@MAIL.ru") == [stored[2]]
        assert reader.check().ok
        with pytest.raises(StorageError) as caught:  # a write waits its 0.05 s, then gives up
            reader.parties.delete(stored[1].id)
        assert caught.value.code == "storage.busy"
    assert path.exists()


def test_a_stale_index_with_parties_opens_beside_a_writer(path, stored):
    with SqliteStore(path) as store:
        store.run("UPDATE index_state SET fingerprint = 'an older crmcore'")
    with subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout.readline() == "holding\n"
        try:
            with SqliteStore(path, busy_timeout=0.05) as reader:
                assert reader.parties.get(stored[3].id) == stored[3]
                assert not reader.parties.index_is_current()
                with pytest.raises(StorageError) as caught:
                    reader.parties.find_by_email("info3@papadopoulos.gr")
                assert caught.value.code == "storage.stale_index"
        finally:
            process.communicate("\n")


def test_opening_a_current_store_writes_nothing(path, stored, monkeypatch):
    statements = []
    connect = sqlite3.connect

    def traced(*args, **kwargs):
        connection = connect(*args, **kwargs)
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(sqlite3, "connect", traced)
    with SqliteStore(path) as store:
        assert store.parties.get(stored[0].id) == stored[0]
    ran = [sql for sql in statements if not sql.startswith("--")]  # not what SQLite runs inside
    assert ran
    assert {sql.split()[0].upper() for sql in ran} <= {"PRAGMA", "SELECT"}, ran


# --- the busy timeout -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "keyword", "seconds"),
    [
        ("sqlite:///crm.db", None, 5.0),
        ("sqlite:///crm.db?busy_timeout=0.25", None, 0.25),
        ("sqlite:///crm.db?busy_timeout=30", None, 30.0),
        ("sqlite:///crm.db", 12, 12.0),
        ("sqlite:///crm.db", 0, 0.0),
    ],
)
def test_the_busy_timeout_from_the_url_or_a_keyword(tmp_path, monkeypatch, url, keyword, seconds):
    monkeypatch.chdir(tmp_path)
    given = {} if keyword is None else {"busy_timeout": keyword}
    with storage.open(url, **given) as store:
        assert store.path == "crm.db"
        # SQLite reports its busy timeout in whole milliseconds.
        assert store.rows("PRAGMA busy_timeout")[0][0] == int(seconds * 1000)


@pytest.mark.parametrize(
    ("url", "keyword", "field"),
    [
        ("sqlite:///crm.db?busy_timeout=-1", None, "busy_timeout"),
        ("sqlite:///crm.db?busy_timeout=nan", None, "busy_timeout"),
        ("sqlite:///crm.db?busy_timeout=inf", None, "busy_timeout"),
        ("sqlite:///crm.db?busy_timeout=пять", None, "busy_timeout"),
        ("sqlite:///crm.db?busy_timeout=", None, "busy_timeout"),
        ("sqlite:///crm.db?busy_timeout=1&busy_timeout=2", None, "busy_timeout"),
        ("sqlite:///crm.db?busy_timeout=1", 1, "busy_timeout"),
        ("sqlite:///crm.db?timeout=1", None, "url"),
        ("sqlite:///crm.db", "5", "busy_timeout"),
        ("sqlite:///crm.db", True, "busy_timeout"),
        ("sqlite:///crm.db", float("inf"), "busy_timeout"),
        ("memory://", 5, "busy_timeout"),
        ("postgresql://localhost/crm", 5, "busy_timeout"),
    ],
)
def test_a_bad_busy_timeout_is_refused(tmp_path, monkeypatch, url, keyword, field):
    monkeypatch.chdir(tmp_path)
    given = {} if keyword is None else {"busy_timeout": keyword}
    with pytest.raises(ConfigurationError) as caught:
        storage.open(url, **given)
    assert caught.value.code == "storage.invalid_option"
    assert caught.value.field == field
    assert not (tmp_path / "crm.db").exists()


def test_a_bad_busy_timeout_of_the_store_itself(path):
    with pytest.raises(ConfigurationError) as caught:
        SqliteStore(path, busy_timeout="5")
    assert caught.value.code == "storage.invalid_option"
    assert not path.exists()


# --- a foreign database ---------------------------------------------------------------


def _foreign(path, *statements):
    connection = sqlite3.connect(path)
    with connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()
    return path.read_bytes()


@pytest.mark.parametrize(
    ("statements", "found"),
    [
        (
            (
                "CREATE TABLE parties (id INTEGER PRIMARY KEY, name TEXT)",
                "INSERT INTO parties (name) VALUES ('Kowalski sp. z o.o.')",
            ),
            ["parties"],
        ),
        (
            (
                "CREATE TABLE schema_version (installed_rank INTEGER, version TEXT)",
                "INSERT INTO schema_version VALUES (1, '1.0.2')",
                "CREATE TABLE events (id TEXT, payload TEXT)",
            ),
            ["events", "schema_version"],
        ),
    ],
)
def test_a_foreign_database_is_refused_and_left_as_it_was(path, statements, found):
    before = _foreign(path, *statements)
    with pytest.raises(ConfigurationError) as caught:
        storage.open(f"sqlite:///{path}")
    assert caught.value.code == "storage.foreign_database"
    assert caught.value.value == found
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["crm.db"]  # no WAL files either


def test_a_database_of_other_tables_only_gets_crmcore_beside_them(path):
    _foreign(path, "CREATE TABLE invoices (number TEXT PRIMARY KEY)")
    with SqliteStore(path) as store:
        assert store.parties.count() == 0
        assert store.rows("SELECT COUNT(*) FROM invoices")[0][0] == 0


# --- damage ----------------------------------------------------------------------------


def _damaged_store(path, offset):
    """A closed store of 3,000 parties with 8 KiB of noise at ``offset`` (or in the middle)."""
    with SqliteStore(path) as store:
        store.parties.add_many(_parties(3000))
    size = path.stat().st_size
    assert size > 1 << 20
    where = size // 2 if offset is None else offset
    noise = random.Random(13).randbytes(8192)
    with path.open("r+b") as file:
        file.seek(where)
        file.write(noise)


def _checked_and_read(path):
    """Return what ``check()`` of the store at ``path`` found, or the error reading it raised."""
    try:
        with SqliteStore(path) as store:
            result = store.check()
            list(store.parties.select(include_deleted=True))
            store.parties.find_by_phone("+447700000005")
            store.parties.count(Compare("updated_at", ">=", datetime(2026, 1, 1, tzinfo=UTC)))
    except StorageError as exc:
        return exc
    return result


def test_damage_in_the_middle_is_reported_not_served(path):
    _damaged_store(path, None)
    outcome = _checked_and_read(path)
    if isinstance(outcome, StorageError):
        assert outcome.code == "storage.corrupt"
        assert isinstance(outcome.__cause__, sqlite3.DatabaseError)
    else:
        assert not outcome.ok
        assert {problem.code for problem in outcome.problems} == {"check.damaged"}


def test_a_damaged_header_is_not_a_database(path):
    _damaged_store(path, 0)
    with pytest.raises(StorageError) as caught:
        storage.open(f"sqlite:///{path}")
    assert caught.value.code == "storage.corrupt"
    assert caught.value.hint


def test_check_finds_rows_of_a_party_not_stored(path):
    with SqliteStore(path) as store:
        party = store.parties.add(
            Party.organization(
                "Kowalski i Synowie",
                created_at="2026-11-23T09:30:00+01:00",
                identifiers=[Identifier.parse("526-025-09-95", scheme="nip", country="PL")],
            )
        )
        assert store.check().ok
        store.run("PRAGMA foreign_keys = OFF")
        store.run("DELETE FROM parties WHERE id = ?", (str(party.id),))
        result = store.check()
    assert {problem.code for problem in result.problems} == {"check.dangling_reference"}
    assert any("party_identifiers" in problem.detail for problem in result.problems)


# --- indexes ------------------------------------------------------------------------------


_SINCE = Compare("updated_at", ">=", datetime(2026, 11, 23, tzinfo=UTC))


@pytest.mark.parametrize(
    ("count", "searches"),
    [
        # The live parties: the deleted_at IS NULL part of an index of the shown parties.
        (
            lambda parties: parties.count(),
            (
                "parties_shown_ix (deleted_at=?)",
                "parties_shown_updated_at_ix (deleted_at=?)",
                "parties_shown_country_ix (deleted_at=?)",
            ),
        ),
        # One market's live parties, from the index alone.
        (
            lambda parties: parties.count(Compare("country", "==", "UA")),
            ("COVERING INDEX parties_shown_country_ix (deleted_at=? AND country=?",),
        ),
        # Changed since: a range of updated_at within the live parties.
        (
            lambda parties: parties.count(_SINCE),
            ("parties_shown_updated_at_ix (deleted_at=? AND updated_at>?)",),
        ),
        (
            lambda parties: list(parties.select(_SINCE)),
            ("parties_shown_updated_at_ix (deleted_at=? AND updated_at>?)",),
        ),
    ],
)
def test_live_parties_and_updated_at_are_read_through_an_index(path, monkeypatch, count, searches):
    with SqliteStore(path) as store:
        store.parties.add_many(_parties(50))
        ran = statements_of(store, lambda: count(store.parties), monkeypatch)
        (sql, params), *_ = [each for each in ran if "FROM parties" in each[0]]
        plan = [row[3] for row in store.rows(f"EXPLAIN QUERY PLAN {sql}", params)]
    assert any(search in line for line in plan for search in searches), plan
    assert not any(line == "SCAN parties" for line in plan), plan

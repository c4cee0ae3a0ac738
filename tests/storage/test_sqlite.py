import sqlite3
from datetime import UTC, datetime

import pytest

from crmcore import storage
from crmcore.errors import ConfigurationError, ConflictError, StorageError
from crmcore.model import EmailAddress, ExternalKey, Identifier, Party, PhoneNumber
from crmcore.storage import Compare, HasRole, HasTag, In
from crmcore.storage._sql._compile import compile_predicate
from crmcore.storage._sql._dialect import SQLITE
from crmcore.storage._sql._schema import MIGRATIONS
from crmcore.storage._sql._sqlite import SqliteStore
from crmcore.testing import StoreContract

from .support import Shared, race


class TestSqliteStore(StoreContract):
    @pytest.fixture
    def store(self, clock, numbers, tmp_path):
        with SqliteStore(tmp_path / "crm.db", clock=clock, numbers=numbers) as store:
            yield store


class TestSqliteInMemory(StoreContract):
    @pytest.fixture
    def store(self, clock, numbers):
        with storage.open("sqlite://", clock=clock, numbers=numbers) as store:
            yield store


def _party(**fields):
    return Party.person(family="Nowak", created_at="2026-11-23T09:30:00+01:00", **fields)


@pytest.fixture
def db(tmp_path):
    with SqliteStore(tmp_path / "crm.db") as store:
        yield store


def test_pragmas(db):
    assert db.rows("PRAGMA journal_mode")[0][0] == "wal"
    assert db.rows("PRAGMA foreign_keys")[0][0] == 1
    assert db.rows("PRAGMA synchronous")[0][0] == 1  # NORMAL
    assert repr(db).startswith("SqliteStore(")


def _plan(db, sql, params):
    explain = f"EXPLAIN QUERY PLAN {sql}"
    return " | ".join(row[3] for row in db.rows(explain, params))


LOOKUPS = [
    "SELECT document FROM parties WHERE id = ?",
    "SELECT document FROM parties WHERE customer_number = ?",
    (
        "SELECT document FROM parties WHERE id IN (SELECT party_id FROM party_keys"
        " WHERE kind = ? AND lookup = ?) AND deleted_at IS NULL ORDER BY id"
    ),
    (
        "SELECT document FROM parties WHERE id IN (SELECT party_id FROM party_identifiers"
        " WHERE scheme = ? AND value = ?) ORDER BY id"
    ),
    (
        "SELECT document FROM parties WHERE id IN (SELECT party_id FROM party_identifiers"
        " WHERE scheme = ? AND value = ? AND country = ?) ORDER BY id"
    ),
    "SELECT document FROM interactions WHERE party_id = ? ORDER BY occurred_at, id",
    "SELECT document FROM purchases WHERE party_id = ? ORDER BY occurred_at, id",
    "SELECT document FROM affiliations WHERE party_id = ? OR related_party_id = ? ORDER BY id",
    "SELECT seq, document FROM events WHERE seq > ? AND stream = ? ORDER BY seq LIMIT ?",
    "SELECT seq, document FROM events WHERE seq > ? AND party_id = ? ORDER BY seq LIMIT ?",
    "DELETE FROM party_keys WHERE party_id = ?",
    "DELETE FROM party_identifiers WHERE party_id = ?",
]


@pytest.mark.parametrize("sql", LOOKUPS)
def test_look_ups_use_indexes(db, sql):
    db.parties.add_many(_party(contacts=[PhoneNumber(f"+4860123456{i}")]) for i in range(10))
    db.run("ANALYZE")
    params = ["x"] * sql.count("?")
    plan = _plan(db, sql, params)
    assert "SCAN" not in plan.replace("SCAN CONSTANT ROW", ""), plan


@pytest.mark.parametrize(
    "predicate",
    [Compare("country", "==", "PL"), HasRole("client"), HasTag("vip"), In("country", ["PL", "UA"])],
)
def test_filters_use_indexes(db, predicate):
    sql, params = compile_predicate(predicate, SQLITE)
    plan = _plan(db, f"SELECT id FROM parties WHERE {sql}", params)  # noqa: S608 - compiled
    assert "USING" in plan, plan


def test_reopening_keeps_everything_and_does_not_migrate_again(tmp_path):
    path = tmp_path / "crm.db"
    with storage.open(f"sqlite:///{path}") as store:
        party = store.parties.add(_party(contacts=[EmailAddress("a@b.pl")]))
    with storage.open(f"sqlite:///{path}") as store:
        assert store.parties.find_by_email("a@b.pl") == [party]
        assert store.rows("SELECT COUNT(*) FROM schema_version")[0][0] == len(MIGRATIONS)


def test_a_relative_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with storage.open("sqlite:///crm.db") as store:
        assert store.path == "crm.db"
    assert (tmp_path / "crm.db").exists()


@pytest.mark.parametrize("url", ["sqlite:", "sqlite:/crm.db", "sqlite://crm.db", "sqlite:///"])
def test_bad_sqlite_urls(url):
    with pytest.raises(ConfigurationError):
        storage.open(url)


def test_a_database_from_a_newer_crmcore_is_refused(tmp_path):
    path = tmp_path / "crm.db"
    with SqliteStore(path) as store:
        store.run("INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')")
    with pytest.raises(ConfigurationError) as caught:
        SqliteStore(path)
    assert caught.value.code == "storage.schema_too_new"


def test_an_unopenable_file(tmp_path):
    with pytest.raises(StorageError) as caught:
        SqliteStore(tmp_path / "missing" / "dir" / "crm.db")
    assert caught.value.code == "storage.unavailable"
    assert isinstance(caught.value.__cause__, sqlite3.Error)


def test_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "crm.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError) as caught:
        SqliteStore(path)
    assert caught.value.code == "storage.failed"


def test_a_closed_store(db):
    db.close()
    db.close()
    with pytest.raises(StorageError) as caught:
        db.parties.count()
    assert caught.value.code == "storage.closed"


def test_driver_errors_never_leak(db):
    with pytest.raises(StorageError) as caught:
        db.run("SELECT * FROM no_such_table")
    assert caught.value.code == "storage.failed"
    assert isinstance(caught.value.__cause__, sqlite3.OperationalError)


def test_a_busy_database(tmp_path):
    path = tmp_path / "crm.db"
    with SqliteStore(path) as first, SqliteStore(path, busy_timeout=0.05) as second:
        with first.transaction():
            first.parties.add(_party())
            with pytest.raises(StorageError) as caught:
                second.parties.add(_party())
        assert caught.value.code == "storage.busy"
        assert second.parties.count() == 1


def test_conflicts_name_the_value(db):
    party = db.parties.add(
        _party(
            identifiers=[Identifier("nip", "5260250995")], external_keys=[ExternalKey("1C", "7")]
        )
    )
    with pytest.raises(ConflictError) as by_identifier:
        db.parties.add(_party(identifiers=[Identifier("nip", "526-025-09-95")]))
    assert by_identifier.value.value == [["nip", "5260250995", ""]]
    with pytest.raises(ConflictError) as by_key:
        db.parties.add(_party(external_keys=[ExternalKey("1C", "7")]))
    assert by_key.value.value == [["1C", "7"]]
    with pytest.raises(ConflictError) as by_number:
        db.parties.add(_party(customer_number=party.customer_number))
    assert by_number.value.value == party.customer_number


def test_a_write_that_loses_a_race_after_its_read_is_a_conflict(db):
    party = db.parties.add(_party())
    # Another writer bumps the version between this update's read and its write.
    db.run("UPDATE parties SET version = 5 WHERE id = ?", (str(party.id),))
    with pytest.raises(ConflictError) as caught:
        db.parties.update(party)
    assert caught.value.code == "party.stale_version"


def test_two_concurrent_updaters_one_wins_one_conflicts(tmp_path):
    path = tmp_path / "crm.db"
    for _ in range(5):
        with SqliteStore(path) as store:
            party = store.parties.add(_party())
        assert race(lambda: SqliteStore(path), party) == [2, "party.stale_version"]
        with SqliteStore(path) as store:
            stored = store.parties.get(party.id)
        assert stored.version == 2
        assert len(stored.tags) == 1


def test_threads_sharing_one_store(db):
    party = db.parties.add(_party())
    outcome = race(lambda: Shared(db), party)
    assert outcome == [2, "party.stale_version"]


def test_moments_are_filtered_by_instant(db):
    db.parties.add(_party())
    at = datetime(2026, 11, 23, 8, 30, tzinfo=UTC)
    assert db.parties.count(Compare("created_at", "==", at)) == 1

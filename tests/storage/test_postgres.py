import psycopg
import pytest

from crmcore import storage
from crmcore.errors import ConfigurationError, ConflictError, StorageError
from crmcore.model import Party
from crmcore.storage._sql._postgres import PostgresStore, split_schema
from crmcore.storage._sql._schema import LATEST, MIGRATIONS
from crmcore.testing import StoreContract

from .support import Shared, race


class TestPostgresStore(StoreContract):
    @pytest.fixture
    def store(self, clock, numbers, pg_dsn, pg_schema):
        with PostgresStore(pg_dsn, schema=pg_schema, clock=clock, numbers=numbers) as store:
            yield store


def _party(**fields):
    return Party.person(family="Коваленко", created_at="2026-11-23T09:30:00+02:00", **fields)


@pytest.fixture
def db(pg_dsn, pg_schema):
    with PostgresStore(pg_dsn, schema=pg_schema) as store:
        yield store


def test_open_with_a_schema_in_the_url(pg_dsn, pg_schema):
    url = f"{pg_dsn}?schema={pg_schema}"
    with storage.open(url) as store:
        party = store.parties.add(_party())
        assert repr(store) == f"PostgresStore(schema={pg_schema!r})"
    with storage.open(url.replace("postgresql://", "postgres://")) as store:
        assert store.parties.get(party.id) == party
        assert store.schema_version() == LATEST
        assert store.rows("SELECT COUNT(*) FROM schema_version")[0][0] == len(MIGRATIONS)


def test_column_types(db):
    types = dict(
        db.rows(
            "SELECT column_name, data_type FROM information_schema.columns"
            " WHERE table_schema = ? AND table_name = 'parties'",
            (db.schema,),
        )
    )
    assert types["id"] == "uuid"
    assert types["document"] == "jsonb"
    assert types["created_at"] == "timestamp with time zone"


def test_split_schema():
    assert split_schema("postgresql://h/db") == ("postgresql://h/db", None)
    with pytest.raises(ConfigurationError) as caught:
        split_schema('postgresql://h/db?schema=x";drop')
    assert caught.value.code == "storage.invalid_schema"


def test_a_bad_schema_argument(pg_dsn):
    with pytest.raises(ConfigurationError):
        PostgresStore(pg_dsn, schema="Robert'); DROP TABLE parties;--")


def test_an_unreachable_server():
    with pytest.raises(StorageError) as caught:
        PostgresStore("postgresql://crm:secret@127.0.0.1:1/crm?connect_timeout=2")
    assert caught.value.code == "storage.unavailable"
    assert "secret" not in str(caught.value)
    assert isinstance(caught.value.__cause__, psycopg.Error)


def test_driver_errors_never_leak(db):
    with pytest.raises(StorageError) as caught:
        db.run("SELECT * FROM no_such_table")
    assert caught.value.code == "storage.failed"
    assert isinstance(caught.value.__cause__, psycopg.Error)


def test_a_newer_schema_is_refused(pg_dsn, db):
    db.run("INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')")
    with pytest.raises(ConfigurationError) as caught:
        PostgresStore(pg_dsn, schema=db.schema)
    assert caught.value.code == "storage.schema_too_new"


def test_two_concurrent_updaters_one_wins_one_conflicts(pg_dsn, db):
    for _ in range(5):
        party = db.parties.add(_party())
        outcome = race(lambda: PostgresStore(pg_dsn, schema=db.schema), party)
        assert outcome == [2, "party.stale_version"]
        assert db.parties.get(party.id).version == 2


def test_threads_sharing_one_store(db):
    party = db.parties.add(_party())
    assert race(lambda: Shared(db), party) == [2, "party.stale_version"]


def test_a_write_that_loses_a_race_after_its_read_is_a_conflict(db):
    party = db.parties.add(_party())
    db.run("UPDATE parties SET version = 5 WHERE id = ?", (party.id,))
    with pytest.raises(ConflictError) as caught:
        db.parties.update(party)
    assert caught.value.code == "party.stale_version"


def test_lock_timeouts_are_busy(pg_dsn, db):
    party = db.parties.add(_party())
    with PostgresStore(pg_dsn, schema=db.schema) as other, db.transaction():
        db.run("SELECT 1 FROM parties WHERE id = ? FOR UPDATE", (party.id,))
        other.run("SET lock_timeout = '50ms'")
        with pytest.raises(StorageError) as caught:
            other.parties.update(party)
    assert caught.value.code == "storage.busy"

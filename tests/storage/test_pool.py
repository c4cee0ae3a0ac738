import threading

import psycopg
import psycopg_pool
import pytest

from crmcore import storage
from crmcore.errors import ConfigurationError, StorageError
from crmcore.model import EmailAddress, Party, PhoneNumber
from crmcore.storage import PostgresPool, PostgresStore, open_pool
from crmcore.storage._sql._schema import LATEST
from crmcore.storage._sql._store import SqlStore
from crmcore.testing import StoreContract

CREATED = "2026-11-23T09:30:00+02:00"
# One person from each market, written in its own script.
PEOPLE = (
    ("Олена", "Коваленко", "+380671234567"),
    ("Zofia", "Wójcik", "+48601234567"),
    ("Γιώργος", "Παπαδόπουλος", "+306912345678"),
    ("Дмитрий", "Смирнов", "+79161234567"),
    ("Jürgen", "Groß", "+4915112345678"),
    ("Siobhan", "O'Brien", "+447911123456"),
    ("Ashley", "Johnson", "+12025550143"),
)


def _person(index):
    given, family, phone = PEOPLE[index % len(PEOPLE)]
    return Party.person(
        given=given, family=family, created_at=CREATED, contacts=[PhoneNumber(phone)]
    )


class TestPooledStore(StoreContract):
    """A store lent by a pool is a store like any other."""

    @pytest.fixture
    def store(self, clock, numbers, pg_dsn, pg_schema):
        with (
            # full from the start: a pool growing draws on `random`, which Hypothesis forbids
            PostgresPool(
                pg_dsn, schema=pg_schema, min_size=2, max_size=2, clock=clock, numbers=numbers
            ) as pool,
            pool.store() as store,
        ):
            yield store


@pytest.fixture
def url(pg_dsn, pg_schema):
    return f"{pg_dsn}?schema={pg_schema}"


def _backend(store):
    return store.rows("SELECT pg_backend_pid()")[0][0]


def test_threads_borrow_stores_and_write(url):
    errors = []

    def work(worker):
        try:
            for n in range(10):
                with pool.store() as store:
                    store.parties.add(_person(worker + n))
        except Exception as exc:  # noqa: BLE001 - collected for the assertion below
            errors.append(exc)

    with open_pool(url, min_size=1, max_size=3, timeout=30) as pool:
        threads = [threading.Thread(target=work, args=(worker,)) for worker in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        with pool.store() as store:
            parties = list(store.parties.select())
            assert len(parties) == 80
            numbers = {party.customer_number for party in parties}
            assert len(numbers) == 80
            assert None not in numbers
            # one node leased for the whole pool, not one per borrowing
            assert store.rows("SELECT COUNT(*) FROM node_leases WHERE holder <> ''")[0][0] == 1
    with PostgresStore(url) as store:
        assert store.rows("SELECT COUNT(*) FROM node_leases WHERE holder <> ''")[0][0] == 0


def test_exhaustion_is_storage_busy(url):
    with open_pool(url, min_size=1, max_size=1, timeout=0.2) as pool:
        with pool.store() as held:
            with pytest.raises(StorageError) as caught, pool.store():
                pass
            assert caught.value.code == "storage.busy"
            assert caught.value.hint is not None
            assert isinstance(caught.value.__cause__, psycopg_pool.PoolTimeout)
            assert held.parties.count() == 0
        with pool.store() as again:
            assert again.parties.count() == 0


def test_a_terminated_connection_is_replaced(url, pg_dsn):
    with open_pool(url, min_size=1, max_size=1) as pool:
        with pool.store() as store:
            before = _backend(store)
        with psycopg.connect(pg_dsn, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (before,))
        with pool.store() as store:
            assert _backend(store) != before
            added = store.parties.add(_person(1))
        with pool.store() as store:
            assert store.parties.get(added.id) == added


def test_a_connection_lost_while_lent_is_discarded(url, pg_dsn):
    with open_pool(url, min_size=1, max_size=1) as pool:
        with pool.store() as store:
            lost = _backend(store)
            with psycopg.connect(pg_dsn, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (lost,))
            with pytest.raises(StorageError) as caught:
                store.parties.count()
            assert isinstance(caught.value.__cause__, psycopg.Error)
        with pool.store() as store:
            assert _backend(store) != lost
            assert store.parties.count() == 0


def _add_then_fail(store):
    with store.transaction():
        store.parties.add(_person(6))
        raise LookupError


def test_a_connection_returns_clean(url):
    with open_pool(url, min_size=1, max_size=1) as pool:
        with pool.store() as store:
            store.parties.add_many([_person(n) for n in range(5)])
        with pool.store() as store:
            rows = store.stream("SELECT id FROM parties")
            next(rows)  # a stream left unread: its cursor outlives the transaction
            with pytest.raises(LookupError):
                _add_then_fail(store)
            connection = store._connection
        assert store.closed
        with pool.store() as store:
            assert store._connection is connection
            assert connection.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
            assert store.rows("SELECT COUNT(*) FROM pg_cursors")[0][0] == 0
            assert store.parties.count() == 5
        # the rows read before stay; the store lent then reads no more
        with pytest.raises(StorageError) as caught:
            list(rows)
        assert caught.value.code == "storage.closed"


def test_the_schema_is_migrated_once(url, monkeypatch):
    migrations = []
    migrate = SqlStore._migrate

    def counted(store):
        migrations.append(store)
        migrate(store)

    monkeypatch.setattr(SqlStore, "_migrate", counted)
    with open_pool(url, min_size=0, max_size=2) as pool:
        for _ in range(3):
            with pool.store() as store:
                assert store.schema_version() == LATEST
                assert repr(store).startswith("PostgresStore(schema='crm_test_")
    assert len(migrations) == 1


def test_closing_the_pool(url):
    pool = open_pool(url, min_size=1, max_size=2)
    assert "max_size=2" in repr(pool)
    with pool.store() as store:
        store.parties.add(
            Party.organization("Ромашка", created_at=CREATED, contacts=[EmailAddress("a@b.ua")])
        )
        pool.close()
        assert pool.closed
    assert store.closed
    pool.close()
    with pytest.raises(StorageError) as caught, pool.store():
        pass
    assert caught.value.code == "storage.closed"


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"min_size": -1}, "min_size"),
        ({"min_size": 1.5}, "min_size"),
        ({"max_size": 0}, "max_size"),
        ({"min_size": 5, "max_size": 4}, "max_size"),
        ({"max_size": True}, "max_size"),
        ({"timeout": 0}, "timeout"),
        ({"timeout": float("nan")}, "timeout"),
        ({"timeout": "30"}, "timeout"),
        ({"stale_index": "auto"}, "stale_index"),
    ],
)
def test_bad_options(url, options, field):
    with pytest.raises(ConfigurationError) as caught:
        open_pool(url, **options)
    assert (caught.value.code, caught.value.field) == ("storage.invalid_option", field)


def test_a_bad_schema(pg_dsn):
    with pytest.raises(ConfigurationError) as caught:
        PostgresPool(pg_dsn, schema="Robert'); DROP TABLE parties;--")
    assert caught.value.code == "storage.invalid_schema"


@pytest.mark.parametrize("url", ["sqlite:///crm.db", "memory://", "mysql://db/crm", None, 5])
def test_a_pool_is_only_for_postgresql(url):
    with pytest.raises(ConfigurationError) as caught:
        storage.open_pool(url)
    assert caught.value.code == "storage.unknown_url"


def test_an_unreachable_server():
    with pytest.raises(StorageError) as caught:
        open_pool("postgresql://crm:secret@127.0.0.1:1/crm?connect_timeout=1", timeout=1)
    assert caught.value.code == "storage.unavailable"
    assert "secret" not in str(caught.value)

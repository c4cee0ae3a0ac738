"""Node leases in the database, and the readable customer numbers stores issue by default."""

import pytest

from crmcore import ids
from crmcore.errors import ConfigurationError, CrmError
from crmcore.model import Party
from crmcore.storage import MemoryStore, PostgresStore, SqliteStore, SqlNodeAllocator
from crmcore.testing import FakeClock

START = 1_764_000_000  # 2025-11-24 16:00:00 UTC


def _party(family="Nowak"):
    return Party.person(family=family, created_at="2026-11-23T09:30:00+01:00")


def _lease_row(store, node):
    return store.rows(
        "SELECT holder, last_second, expires_at FROM node_leases WHERE node = ?", (node,)
    )


@pytest.fixture
def store(tmp_path):
    with SqliteStore(tmp_path / "crm.db") as store:
        yield store


@pytest.fixture
def clock():
    return FakeClock(START)


def test_acquire_takes_the_lowest_free_node_and_records_a_holder(store, clock):
    pool = SqlNodeAllocator(store, range(10, 13), clock=clock)
    first, second = pool.acquire(), pool.acquire()
    assert (first.node, second.node, first.not_before) == (10, 11, 0)
    holder, last, expires = _lease_row(store, 10)[0]
    assert holder is not None
    assert (last, expires) == (0, START + 600)
    first.release()
    assert _lease_row(store, 10)[0][0] is None
    assert pool.acquire().node == 10


def test_a_released_node_starts_after_its_last_second(store, clock):
    pool = SqlNodeAllocator(store, [7], clock=clock)
    with pool.acquire() as lease:
        lease.advance(START + 3)
    again = pool.acquire()
    assert (again.node, again.not_before) == (7, START + 3)


def test_a_full_pool_is_exhausted_and_a_closed_one_refuses(store, clock):
    pool = SqlNodeAllocator(store, [1, 2], clock=clock)
    pool.acquire()
    pool.acquire()
    with pytest.raises(ConfigurationError) as caught:
        pool.acquire()
    assert caught.value.code == "node_allocator.exhausted"
    pool.close()
    assert _lease_row(store, 1)[0][0] is None
    with pytest.raises(ConfigurationError) as caught:
        pool.acquire()
    assert caught.value.code == "node_allocator.closed"


@pytest.mark.parametrize("expiry", [0, -5, 1.5, "600", True])
def test_the_expiry_must_be_whole_seconds(store, expiry):
    with pytest.raises(ConfigurationError) as caught:
        SqlNodeAllocator(store, expiry=expiry)
    assert (caught.value.code, caught.value.field) == ("node_allocator.bad_expiry", "expiry")


def test_advancing_renews_the_lease(store, clock):
    mine = SqlNodeAllocator(store, [5], expiry=60, clock=clock)
    theirs = SqlNodeAllocator(store, [5], expiry=60, clock=clock)
    lease = mine.acquire()
    clock.advance(50)
    lease.advance(START + 50)
    clock.advance(50)  # 100 s after acquiring, 50 s after the advance
    with pytest.raises(ConfigurationError) as caught:
        theirs.acquire()
    assert caught.value.code == "node_allocator.exhausted"
    assert _lease_row(store, 5)[0][1:] == (START + 50, START + 110)


def test_an_expired_lease_is_taken_over_and_its_holder_fails_loudly(store, clock):
    mine = SqlNodeAllocator(store, [5], expiry=60, clock=clock)
    theirs = SqlNodeAllocator(store, [5], expiry=60, clock=clock)
    lease = mine.acquire()
    lease.advance(START)
    clock.advance(61)  # idle for longer than the expiry
    taken = theirs.acquire()
    assert (taken.node, taken.not_before) == (5, START)
    for _ in range(2):
        with pytest.raises(ConfigurationError) as caught:
            lease.advance(START + 61)
        assert (caught.value.code, caught.value.value) == ("node_lease.lost", 5)
    assert lease.lost
    taken.advance(START + 61)


def test_an_expired_lease_nobody_took_is_renewed_on_its_next_advance(store, clock):
    lease = SqlNodeAllocator(store, [5], expiry=60, clock=clock).acquire()
    clock.advance(3600)
    lease.advance(START + 3600)
    assert _lease_row(store, 5)[0][1:] == (START + 3600, START + 3660)


def test_a_released_lease_refuses_to_advance(store, clock):
    lease = SqlNodeAllocator(store, [5], clock=clock).acquire()
    lease.release()
    lease.release()
    with pytest.raises(ConfigurationError) as caught:
        lease.advance(START)
    assert caught.value.code == "node_lease.released"


def _rolled_back(store, work):
    with pytest.raises(RuntimeError), store.transaction():  # noqa: PT012 - work, then fail
        result = work()
        raise RuntimeError
    return result


def test_a_second_in_a_rolled_back_transaction_is_recorded_again(store, clock):
    pool = SqlNodeAllocator(store, [5], clock=clock)
    lease = pool.acquire()
    _rolled_back(store, lambda: lease.advance(START + 9))
    assert _lease_row(store, 5)[0][1] == START + 9


def test_a_lease_acquired_in_a_rolled_back_transaction_is_claimed_again(store, clock):
    pool = SqlNodeAllocator(store, [5], clock=clock)

    def work():
        lease = pool.acquire()
        lease.advance(START + 1)
        return lease

    lease = _rolled_back(store, work)
    holder, last, _ = _lease_row(store, 5)[0]
    assert (holder is not None, last) == (True, START + 1)
    assert pool.leases() == [lease]
    lease.advance(START + 2)


def test_a_lease_taken_over_is_found_lost_after_a_rollback(store, clock):
    pool = SqlNodeAllocator(store, [5], clock=clock)
    lease = pool.acquire()
    store.run("UPDATE node_leases SET holder = 'other', last_second = ?", (START + 5,))
    _rolled_back(store, lambda: None)
    assert lease.lost
    assert pool.leases() == []
    with pytest.raises(ConfigurationError) as caught:
        lease.advance(START + 6)
    assert caught.value.code == "node_lease.lost"


def test_a_store_numbers_parties_readably_on_a_leased_node(store):
    assert store.rows("SELECT COUNT(*) FROM node_leases")[0][0] == 0  # lazily
    first = store.parties.add(_party())
    second = store.parties.add(_party("Wiśniewska"))
    assert ids.is_valid(first.customer_number)
    assert ids.parse(first.customer_number).node == 0
    assert first.customer_number < second.customer_number
    assert _lease_row(store, 0)[0][0] is not None
    store.close()
    store.close()


def test_closing_a_store_releases_its_node(tmp_path):
    path = tmp_path / "crm.db"
    with SqliteStore(path) as first:
        first.parties.add(_party())
    with SqliteStore(path) as second:
        assert _lease_row(second, 0)[0][0] is None
        assert ids.parse(second.parties.add(_party()).customer_number).node == 0


def test_a_store_that_lost_its_lease_in_a_rollback_takes_a_new_one(store):
    store.parties.add(_party())
    # another process takes node 0 over, as if the lease had expired, and issues numbers
    store.run("UPDATE node_leases SET holder = 'other', last_second = last_second + 5")
    _rolled_back(store, lambda: None)
    assert store.rows("SELECT holder FROM node_leases WHERE node = 0")[0][0] == "other"
    party = store.parties.add(_party("Παπαδόπουλος"))
    assert ids.parse(party.customer_number).node == 1


def test_a_closed_store_makes_no_numbers(tmp_path):
    store = SqliteStore(tmp_path / "crm.db")
    store.close()
    with pytest.raises(CrmError) as caught:
        _ = store.numbers
    assert caught.value.code == "storage.closed"


def test_given_numbers_take_no_lease(tmp_path):
    with SqliteStore(tmp_path / "other.db", numbers=ids.CustomerNumberGenerator(node=42)) as own:
        assert ids.parse(own.parties.add(_party()).customer_number).node == 42
        assert own.rows("SELECT COUNT(*) FROM node_leases")[0][0] == 0


def test_a_memory_store_numbers_parties_readably():
    with MemoryStore() as store:
        numbers = [store.parties.add(_party()).customer_number for _ in range(3)]
    assert all(ids.is_valid(number) for number in numbers)
    assert numbers == sorted(set(numbers))


def _interleave(first, second, count=30):
    added = []
    for index in range(count):
        added.append(first.parties.add(_party(f"Kowalski {index}")))
        added.append(second.parties.add(_party(f"Müller {index}")))
    return [party.customer_number for party in added]


def test_two_stores_on_one_sqlite_file_issue_distinct_numbers(tmp_path):
    path = tmp_path / "crm.db"
    with SqliteStore(path) as first, SqliteStore(path) as second:
        numbers = _interleave(first, second)
        assert first.parties.count() == len(numbers)
    assert len(set(numbers)) == len(numbers)
    assert all(ids.is_valid(number) for number in numbers)
    assert {ids.parse(number).node for number in numbers} == {0, 1}


def test_two_stores_on_one_postgres_schema_issue_distinct_numbers(pg_dsn, pg_schema):
    with (
        PostgresStore(pg_dsn, schema=pg_schema) as first,
        PostgresStore(pg_dsn, schema=pg_schema) as second,
    ):
        numbers = _interleave(first, second)
        assert first.parties.count() == len(numbers)
        pool = SqlNodeAllocator(first, [0, 1, 2], expiry=60, clock=FakeClock(START))
        assert pool.acquire().node == 2
    assert len(set(numbers)) == len(numbers)
    assert all(ids.is_valid(number) for number in numbers)
    assert {ids.parse(number).node for number in numbers} == {0, 1}

"""Each store against the in-memory reference, under random sequences of operations."""

import psycopg
import pytest
from hypothesis import HealthCheck, settings

from crmcore.storage import MemoryStore, PostgresStore, SqliteStore
from crmcore.testing import StoreComparison

SETTINGS = settings(
    max_examples=40,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class MemoryComparison(StoreComparison):
    def make_store(self, clock, numbers):
        return MemoryStore(clock=clock, numbers=numbers)


class SqliteComparison(StoreComparison):
    def make_store(self, clock, numbers):
        return SqliteStore(":memory:", clock=clock, numbers=numbers)


TestMemoryComparison = MemoryComparison.TestCase
TestMemoryComparison.settings = settings(SETTINGS, max_examples=20)
TestSqliteComparison = SqliteComparison.TestCase
TestSqliteComparison.settings = SETTINGS

_TABLES = (
    "consent_facts, events, campaigns, purchases, interactions, affiliations,"
    " party_identifiers, party_keys, parties, changes, party_versions"
)


@pytest.mark.postgres
def test_postgres_against_the_reference(pg_dsn, pg_schema):
    with PostgresStore(pg_dsn, schema=pg_schema):
        pass  # create and migrate the schema once

    class PostgresComparison(StoreComparison):
        def make_store(self, clock, numbers):
            store = PostgresStore(pg_dsn, schema=pg_schema, clock=clock, numbers=numbers)
            store.run(f"TRUNCATE {_TABLES} RESTART IDENTITY")
            store.run("UPDATE change_counter SET last_seq = 0")
            return store

    PostgresComparison.TestCase.settings = settings(SETTINGS, max_examples=25)
    PostgresComparison.TestCase().runTest()


def test_the_base_class_needs_a_store():
    with pytest.raises(NotImplementedError):
        StoreComparison()


def test_psycopg_is_importable():
    assert psycopg.__version__

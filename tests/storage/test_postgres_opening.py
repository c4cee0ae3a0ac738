"""Opening a PostgreSQL store: a new schema from many connections, foreign tables; check()."""

import threading
import uuid
from datetime import UTC, datetime

import psycopg
import pytest
from psycopg import sql

from crmcore.errors import ConfigurationError, CrmError, StorageError
from crmcore.model import EmailAddress, Party, PhoneNumber
from crmcore.storage import Compare
from crmcore.storage._sql._postgres import PostgresStore
from crmcore.storage._sql._schema import LATEST

from .support import statements_of


def _party(number):
    return Party.person(
        given="Олена",
        family=f"Коваленко {number}",
        created_at="2026-11-23T09:30:00+02:00",
        contacts=[PhoneNumber(f"+38067{number:07d}"), EmailAddress(f"olena{number}@ukr.net")],
    )


def _drop(dsn, schema):
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def test_many_connections_open_one_new_schema_at_once(pg_dsn):
    """Each round, four connections (four server processes) open the same new schema together."""
    openers, rounds = 4, 12
    for _ in range(rounds):
        schema = f"crm_test_{uuid.uuid4().hex[:12]}"
        barrier = threading.Barrier(openers)
        outcomes = []

        def open_it(schema=schema, barrier=barrier, outcomes=outcomes):
            barrier.wait()
            try:
                with PostgresStore(pg_dsn, schema=schema) as store:
                    outcomes.append(store.schema_version())
            except CrmError as exc:
                outcomes.append(exc.code)

        threads = [threading.Thread(target=open_it) for _ in range(openers)]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            _drop(pg_dsn, schema)
        assert outcomes == [LATEST] * openers


def test_a_schema_of_foreign_tables_is_refused_and_left_as_it_was(pg_dsn, pg_schema):
    schema = sql.Identifier(pg_schema)
    with psycopg.connect(pg_dsn, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE SCHEMA {}").format(schema))
        connection.execute(
            sql.SQL("CREATE TABLE {}.parties (id serial PRIMARY KEY, name text)").format(schema)
        )
        connection.execute(
            sql.SQL("INSERT INTO {}.parties (name) VALUES ('Müller GmbH')").format(schema)
        )
    with pytest.raises(ConfigurationError) as caught:
        PostgresStore(pg_dsn, schema=pg_schema)
    assert caught.value.code == "storage.foreign_database"
    assert caught.value.value == ["parties"]
    with psycopg.connect(pg_dsn, autocommit=True) as connection:
        tables = connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s", (pg_schema,)
        ).fetchall()
        names = connection.execute(sql.SQL("SELECT name FROM {}.parties").format(schema)).fetchall()
    assert tables == [("parties",)]
    assert names == [("Müller GmbH",)]


def test_opening_a_current_schema_writes_nothing(pg_dsn, pg_schema, monkeypatch):
    with PostgresStore(pg_dsn, schema=pg_schema) as store:
        party = store.parties.add(_party(1))
    with PostgresStore(pg_dsn, schema=pg_schema) as store:
        # What opening runs once connected: the migrations due (none) and the index check.
        ran = statements_of(store, store._migrate, monkeypatch)
    assert ran
    assert {statement.split()[0].upper() for statement, _ in ran} == {"SELECT"}, ran
    with PostgresStore(pg_dsn, schema=pg_schema) as store:
        assert store.parties.get(party.id) == party


def test_check_of_a_sound_schema_and_of_a_dangling_merge(pg_dsn, pg_schema):
    with PostgresStore(pg_dsn, schema=pg_schema) as store:
        store.parties.add_many(_party(number) for number in range(20))
        assert store.check().ok
        store.run(
            "UPDATE parties SET merged_into = ?"
            " WHERE id = (SELECT id FROM parties ORDER BY id LIMIT 1)",
            (uuid.UUID(int=7),),
        )
        result = store.check()
    # Merged into a party not stored, and holding key rows (a merged party has none).
    assert [problem.code for problem in result.problems] == [
        "check.dangling_reference",
        "check.index_mismatch",
    ]


def test_check_with_amcheck_where_it_is_installed(pg_dsn, pg_schema, monkeypatch):
    with PostgresStore(pg_dsn, schema=pg_schema) as store:
        try:
            store.run("CREATE EXTENSION IF NOT EXISTS amcheck SCHEMA public")
        except StorageError:
            pytest.skip("amcheck is not installed on this server")
        store.parties.add_many(_party(number) for number in range(20))
        results = []
        ran = statements_of(store, lambda: results.append(store.check()), monkeypatch)
    assert results[0].ok
    assert any("bt_index_check" in statement for statement, _ in ran)


@pytest.mark.parametrize(
    "count",
    [
        lambda parties: parties.count(),
        lambda parties: parties.count(
            Compare("updated_at", ">=", datetime(2026, 11, 23, tzinfo=UTC))
        ),
    ],
)
def test_live_parties_and_updated_at_can_be_read_through_an_index(
    pg_dsn, pg_schema, monkeypatch, count
):
    with PostgresStore(pg_dsn, schema=pg_schema) as store:
        store.parties.add_many(_party(number) for number in range(50))
        ran = statements_of(store, lambda: count(store.parties), monkeypatch)
        (statement, params), *_ = [each for each in ran if "FROM parties" in each[0]]
        # A few rows are read fastest whole: forbid that, to see what else serves the query.
        store.run("SET enable_seqscan = off")
        plan = [row[0] for row in store._connection.execute(f"EXPLAIN {statement}", params)]
    assert not any("Seq Scan" in line for line in plan), plan
    assert any("Index" in line for line in plan), plan

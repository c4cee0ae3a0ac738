"""Fixtures of every test: a PostgreSQL server when one is reachable."""

import os
import uuid

import pytest

DSN_VARIABLE = "CRMCORE_PG_DSN"
REQUIRE_VARIABLE = "CRMCORE_REQUIRE_POSTGRES"
_NOT_RUN: list[str] = []


def _reachable(dsn):
    try:
        import psycopg

        with psycopg.connect(dsn, connect_timeout=3):
            return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        return f"{type(exc).__name__}: {exc}"


@pytest.fixture(scope="session")
def pg_dsn():
    """The DSN of a reachable PostgreSQL server; skip loudly (or fail in CI) without one."""
    dsn = os.environ.get(DSN_VARIABLE)
    required = os.environ.get(REQUIRE_VARIABLE) == "1"
    problem = f"{DSN_VARIABLE} is not set" if not dsn else _reachable(dsn)
    if problem is None:
        return dsn
    message = (
        f"PostgreSQL tests NOT RUN: {problem}. Start a server with "
        f'export {DSN_VARIABLE}="$(bash .ci/postgres.sh | tail -n 1)"'
    )
    if required:
        pytest.fail(f"{REQUIRE_VARIABLE}=1 but {message}")
    _NOT_RUN.append(message)
    pytest.skip(message)
    return None  # pragma: no cover


def pytest_terminal_summary(terminalreporter):
    """Say loudly, at the end of the run, that the PostgreSQL tests were skipped."""
    if _NOT_RUN:
        terminalreporter.section("PostgreSQL", sep="!", red=True, bold=True)
        terminalreporter.write_line(_NOT_RUN[0], red=True, bold=True)


@pytest.fixture
def pg_schema(pg_dsn):
    """A fresh schema name, dropped after the test."""
    import psycopg

    name = f"crm_test_{uuid.uuid4().hex[:12]}"
    yield name
    with psycopg.connect(pg_dsn, autocommit=True) as connection:
        connection.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")

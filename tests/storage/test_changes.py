"""The change feed beyond the contract: the actor given at open, and commit order on PostgreSQL."""

from __future__ import annotations

import pytest

from crmcore import storage
from crmcore.errors import ValidationError
from crmcore.model import Party
from crmcore.storage import PostgresStore
from crmcore.testing import SequenceNumbers


def _person(given, family):
    return Party.person(given=given, family=family, created_at="2026-12-07T09:00:00+01:00")


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "memory":
        return "memory://"
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'crm.db'}"
    dsn, schema = request.getfixturevalue("pg_dsn"), request.getfixturevalue("pg_schema")
    return f"{dsn}{'&' if '?' in dsn else '?'}schema={schema}"


def test_the_actor_given_at_open_is_the_default(url):
    with storage.open(url, actor="erp-sync") as store:
        zofia = store.parties.add(_person("Zofia", "Wójcik"))
        with store.acting_as("a.nowak"):
            store.parties.delete(zofia.id)
        with store.acting_as(None):  # nobody says, in this block
            store.parties.add(_person("Emily", "Johnson"))
        changes = store.changes.read().changes
    assert [change.actor for change in changes] == ["erp-sync", "a.nowak", None]


@pytest.mark.parametrize("actor", ["", "erp\tsync", 42])
def test_an_actor_at_open_that_names_nobody_is_refused(url, actor):
    with pytest.raises(ValidationError) as caught:
        storage.open(url, actor=actor)
    assert caught.value.code == "change.invalid_actor"
    assert caught.value.field == "actor"


def test_changes_are_numbered_in_commit_order_not_start_order(pg_dsn, pg_schema):
    # The first writer starts, the second starts and commits, then the first
    # commits: a poller that read the second's change must still get the
    # first's, so the first's number is the higher one.
    # Customer numbers of their own: no writer waits for the other's node lease.
    with (
        PostgresStore(pg_dsn, schema=pg_schema, numbers=SequenceNumbers("PL")) as first,
        PostgresStore(pg_dsn, schema=pg_schema, numbers=SequenceNumbers("UA")) as second,
        PostgresStore(pg_dsn, schema=pg_schema) as poller,
    ):
        with first.transaction():
            early = first.parties.add(_person("Олена", "Коваленко"))
            late = second.parties.add(_person("Γιώργος", "Παπαδόπουλος"))
            seen = poller.changes.read()
            assert [change.id for change in seen.changes] == [late.id]
        after = poller.changes.read(seen.cursor)
        assert [change.id for change in after.changes] == [early.id]
        assert after.changes[0].seq > seen.changes[0].seq
        assert poller.changes.read(after.cursor).changes == ()

"""Schema version 5 (merges): a database of version 4 is migrated when opened."""

import attrs
import pytest

from crmcore.model import ExternalKey, Interaction, Party, PhoneNumber
from crmcore.storage import PostgresStore, SqliteStore
from crmcore.storage._sql._schema import LATEST

from .support import as_version


@pytest.fixture(params=["sqlite", "postgresql"])
def reopen(request, tmp_path):
    if request.param == "sqlite":
        return lambda: SqliteStore(tmp_path / "crm.db")
    dsn, schema = request.getfixturevalue("pg_dsn"), request.getfixturevalue("pg_schema")
    return lambda: PostgresStore(dsn, schema=schema)


def _party(family, phone, key):
    return Party.person(
        given="Jan",
        family=family,
        created_at="2025-05-03T10:00:00+02:00",
        contacts=[PhoneNumber(phone)],
        external_keys=[ExternalKey("sap", key)],
    )


def test_a_version_4_database_is_migrated_and_merges(reopen):
    with reopen() as old:
        nowak = old.parties.add(_party("Nowak", "+48601234567", "K-1"))
        novak = old.parties.add(_party("Novák", "+48601234568", "K-2"))
        old.interactions.add(
            Interaction(
                party_id=novak.id,
                channel="phone",
                direction="inbound",
                occurred_at=nowak.created_at,
            )
        )
        as_version(old, 4)  # what a crmcore of schema version 4 left: no merges
        assert old.schema_version() == 4
    with reopen() as store:
        assert store.schema_version() == LATEST == 7
        assert store.parties.count() == 2
        result = attrs.evolve(
            nowak,
            contacts=[*nowak.contacts, *novak.contacts],
            external_keys=[*nowak.external_keys, *novak.external_keys],
        )
        record = store.merges.merge(result, [novak])
        assert store.parties.get(novak.id).id == nowak.id
        assert [p.id for p in store.parties.find_by_phone("+48601234568")] == [nowak.id]
    with reopen() as again:
        assert again.merges.get(record.id) == record
        assert again.parties.count() == 1
        assert again.merges.unmerge(record.id)[1] == novak
        assert [each.party_id for each in again.interactions.for_party(novak.id)] == [novak.id]

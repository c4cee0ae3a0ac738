"""The SQL look-ups: one indexed search each, the party's document joined in."""

import pytest

from crmcore.model import Identifier, Party, PhoneNumber
from crmcore.storage._sql import _parties
from crmcore.storage._sql._sqlite import SqliteStore

from .strategies import valid_nip


@pytest.fixture
def db(tmp_path):
    with SqliteStore(tmp_path / "crm.db") as store:
        yield store


def _party(index):
    return Party.person(
        family="Nowak",
        created_at="2026-11-23T09:30:00+01:00",
        contacts=[PhoneNumber(f"+4860123456{index}")],
        identifiers=[Identifier("nip", valid_nip(index), country="PL")],
    )


@pytest.mark.parametrize(
    "sql",
    [
        _parties._BY_KEY,
        _parties._BY_KEY_LIVE,
        _parties._BY_IDENTIFIER,
        _parties._BY_IDENTIFIER_LIVE,
    ],
)
def test_a_look_up_is_one_indexed_search(db, sql):
    db.parties.add_many(_party(index) for index in range(10))
    db.run("ANALYZE")
    plan = " | ".join(
        row[3] for row in db.rows(f"EXPLAIN QUERY PLAN {sql}", ["x"] * sql.count("?"))
    )
    assert "SCAN" not in plan, plan
    assert plan.count("SEARCH") == 2, plan  # the key, then the party


def test_look_ups_skip_deleted_parties_unless_asked(db):
    stored = db.parties.add_many(_party(index) for index in range(3))
    db.parties.delete(stored[1].id)
    phone, nip = "+48601234561", valid_nip(1)
    assert db.parties.find_by_phone(phone) == []
    assert db.parties.find_by_identifier("nip", nip, country="pl") == []
    assert [p.id for p in db.parties.find_by_phone(phone, include_deleted=True)] == [stored[1].id]
    found = db.parties.find_by_identifier("NIP", nip, country="PL", include_deleted=True)
    assert [p.id for p in found] == [stored[1].id]
    assert [p.id for p in db.parties.find_by_identifier("nip", valid_nip(0), country="PL")] == [
        stored[0].id
    ]

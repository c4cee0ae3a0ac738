"""After an erasure, nothing of the party is left in any table: a scan of every row says so.

A store is filled with parties of seven countries, in their own scripts, with
consent events (IP address, user agent, contact point), interactions,
purchases, history and a merge; one is erased; then every column of every
table (SQLite: sqlite_master; PostgreSQL: information_schema) is read, JSON
decoded, and searched for the erased party's names, phones, e-mail
addresses, street, tax ids, IP address and user agent. Keyed hashes and the
party's id on its tombstones are allowed: they identify no one.
"""

import json
import os
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import attrs
import pytest

from crmcore.consent import Ledger, Proof, RetentionPolicy, Suppressions, erase_party, rectify
from crmcore.errors import NotFoundError, ValidationError
from crmcore.model import (
    EmailAddress,
    Identifier,
    Interaction,
    Money,
    OrderLine,
    Party,
    PersonName,
    PhoneNumber,
    PostalAddress,
    Purchase,
)
from crmcore.storage import MemoryStore
from crmcore.storage._sql._postgres import PostgresStore
from crmcore.storage._sql._sqlite import SqliteStore

SECRET = bytes.fromhex("3c9e1f7a2b8d4c6e0f5a1b9d7c3e2f8a6b4d0c1e9f7a3b5d8c2e6f0a4b1d9c7e")
START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

#: What must not survive of the erased party (and of the record merged into it).
GONE = (
    "Małgorzata",
    "Wiśniewska",
    "Wiśniewskiej",
    "m.wisniewska@example.pl",
    "gosia.w@example.pl",
    "601234567",
    "512345678",
    "Marszałkowska",
    "44051401359",
    "198.51.100.23",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
    "Gosia",
)
#: What must survive of the others, in their own scripts.
KEPT = (
    "Шевченко",
    "Иванов",
    "Παπαδόπουλος",
    "Müller",
    "Smith",
    "Johnson",
    "olena.shevchenko@example.com.ua",
    "+79123456789",
    "3184710691",
)


def _on(days):
    return START + timedelta(days=days)


def _parties():
    return [
        Party.person(
            given="Małgorzata",
            family="Wiśniewska",
            contacts=[
                EmailAddress("m.wisniewska@example.pl"),
                PhoneNumber.parse("+48 601 234 567"),
                PostalAddress(
                    street="ul. Marszałkowska",
                    building="10",
                    flat="5",
                    postal_code="00-950",
                    locality="Warszawa",
                    country="PL",
                ),
            ],
            identifiers=[Identifier("pesel", "44051401359", country="PL")],
        ),
        Party.person(  # the same woman, entered again: merged into the first
            given="Gosia",
            family="Wiśniewska",
            contacts=[EmailAddress("gosia.w@example.pl"), PhoneNumber.parse("+48 512 345 678")],
        ),
        Party.person(
            given="Олена",
            family="Шевченко",
            contacts=[
                EmailAddress("olena.shevchenko@example.com.ua"),
                PhoneNumber.parse("+380 67 123 4567"),
            ],
            identifiers=[Identifier("rnokpp", "3184710691", country="UA")],
        ),
        Party.person(
            given="Иван", family="Иванов", contacts=[PhoneNumber.parse("+7 912 345-67-89")]
        ),
        Party.person(
            given="Δημήτρης",
            family="Παπαδόπουλος",
            contacts=[EmailAddress("d.papadopoulos@example.gr")],
            identifiers=[Identifier("afm", "094014201", country="GR")],
        ),
        Party.person(
            given="Jürgen", family="Müller", contacts=[EmailAddress("juergen.mueller@example.de")]
        ),
        Party.person(
            given="Oliver", family="Smith", contacts=[PhoneNumber.parse("+44 7911 123456")]
        ),
        Party.person(
            given="Emily", family="Johnson", contacts=[EmailAddress("emily.johnson@example.com")]
        ),
    ]


def _fill(store):
    """Fill ``store``; return the id of the party to erase."""
    ledger = Ledger(store)
    parties = store.parties.add_many(_parties())
    proof = Proof.of_wording(
        "Wyrażam zgodę na marketing.",
        version="2026-03",
        ip_address="198.51.100.23",
        user_agent="Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
        document="skan zgody Małgorzata Wiśniewska.pdf",
    )
    for index, party in enumerate(parties):
        ledger.grant(
            party.id,
            "marketing",
            channel="email" if party.contacts[0].kind.value == "email" else "sms",
            contact=party.contacts[0],
            source="web_form",
            at=_on(index),
            captured_by="Małgorzata Wiśniewska" if index < 2 else "web-shop",
            proof=proof if index < 2 else None,
        )
        store.interactions.add(
            Interaction(
                party_id=party.id,
                channel="phone",
                direction="inbound",
                occurred_at=_on(index),
                subject=f"{party.display_name} pyta o fakturę",
            )
        )
        store.purchases.add(
            Purchase(
                party_id=party.id,
                occurred_at=_on(-40 * index),
                reference=f"FV/2026/{index:04d}",
                lines=[OrderLine("Ekspres do kawy", 1, Money(Decimal("1299.00"), "PLN"))],
            )
        )
    malgorzata, gosia = parties[0], parties[1]
    ledger.withdraw(gosia.id, "marketing", source="unsubscribe_link", at=_on(5))
    rectify(
        store,
        attrs.evolve(
            store.parties.get(malgorzata.id),
            name=PersonName(given="Małgorzata", family="Wiśniewska-Nowak"),
        ),
        reason="wniosek Małgorzaty Wiśniewskiej",
        requested_by="Małgorzata Wiśniewska",
    )
    store.merges.merge(store.parties.get(malgorzata.id), [store.parties.get(gosia.id)])
    return malgorzata.id


def _texts(value):
    """Every text a stored value holds, JSON decoded so that escaped scripts read as written."""
    if isinstance(value, str):
        try:
            decoded = json.loads(value)
        except ValueError:
            return [value]
        return [value, json.dumps(decoded, ensure_ascii=False)]
    if isinstance(value, bytes | memoryview):
        return [bytes(value).decode("utf-8", errors="replace")]
    if isinstance(value, dict | list):
        return [json.dumps(value, ensure_ascii=False, default=str)]
    return [str(value)]


def _sqlite_cells(store):
    tables = [row[0] for row in store.rows("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert {"parties", "events", "purchases", "interactions"} <= set(tables)
    for table in tables:
        # identifiers read from the catalogue, quoted: no user text
        for row in store.rows(f'SELECT * FROM "{table}"'):  # noqa: S608
            for value in row:
                yield table, value


def _postgres_cells(store):
    tables = [
        row[0]
        for row in store.rows(
            "SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = ?",
            (store.schema,),
        )
    ]
    assert {"parties", "events", "purchases", "interactions"} <= set(tables)
    for table in tables:
        # identifiers read from the catalogue, quoted: no user text
        for row in store.rows(f'SELECT * FROM "{store.schema}"."{table}"'):  # noqa: S608
            for value in row:
                yield table, value


def _leaves(value):
    """Every plain value inside ``value``: attrs objects field by field, containers item by item."""
    if attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _leaves(getattr(value, field.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(key)
            yield from _leaves(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


def _memory_cells(store):
    data = store._data
    for field in attrs.fields(type(data)):
        if field.name != "lock":
            for value in _leaves(getattr(data, field.name)):
                yield field.name, value


def _scan(cells):
    found = {}
    for table, value in cells:
        for text in _texts(value):
            for needle in GONE + KEPT:
                if needle.casefold() in text.casefold():
                    found.setdefault(needle, set()).add(table)
    return found


def _erase_and_check(store, cells):
    erased = _fill(store)
    before = _scan(cells(store))
    assert set(GONE) <= set(before)  # the scan sees what it looks for, in every script
    report = erase_party(
        store,
        erased,
        secret=SECRET,
        keep=RetentionPolicy(purchases_years=5, duty="tax_records"),
        clock=lambda: _on(30),
    )
    assert len(report.erased_ids) == 2
    assert report.suppressed == {"email": 2, "phone": 2}
    # its purchase and the merged record's, both within five years
    assert [kept.entity for kept in report.kept] == ["purchase", "purchase"]
    after = _scan(cells(store))
    assert {needle: after[needle] for needle in GONE if needle in after} == {}
    assert set(KEPT) <= set(after)
    with pytest.raises(NotFoundError):
        store.parties.get(erased)
    # the consent proof stays, minimal, and verifies
    ledger = Ledger(store)
    assert ledger.verify(erased).intact
    assert [event.erased for event in ledger.events(erased)] == [True]
    # a re-import or a new entry of the same phone or e-mail is suppressed
    suppressions = Suppressions(store, secret=SECRET)
    again = Party.person(
        given="Małgorzata",
        family="Wiśniewska",
        contacts=[
            EmailAddress.parse("M.Wisniewska@Example.PL"),
            PhoneNumber.parse("512 345 678", country="PL"),
        ],
    )
    with pytest.raises(ValidationError) as caught:
        suppressions.refuse(again)
    assert (caught.value.code, caught.value.field) == ("contact.suppressed", "contacts[0]")
    back = store.parties.add(again)
    decision = Ledger(store, suppressions=suppressions).may_contact(
        back.id, channel="sms", purpose="marketing"
    )
    assert (decision.allowed, decision.reason) == (False, "contact.suppressed")
    assert not any(needle in str(suppressions.entries()) for needle in GONE)


def test_erasure_on_sqlite_leaves_nothing_of_the_party(tmp_path):
    with SqliteStore(tmp_path / "crm.db") as store:
        _erase_and_check(store, _sqlite_cells)


@pytest.mark.skipif(not os.environ.get("CRMCORE_PG_DSN"), reason="needs CRMCORE_PG_DSN")
def test_erasure_on_postgres_leaves_nothing_of_the_party(pg_dsn, pg_schema):
    with PostgresStore(pg_dsn, schema=pg_schema) as store:
        _erase_and_check(store, _postgres_cells)


def test_erasure_in_memory_leaves_nothing_of_the_party():
    with MemoryStore() as store:
        _erase_and_check(store, _memory_cells)

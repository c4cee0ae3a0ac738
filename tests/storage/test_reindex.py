"""Rebuilding the key index: derivations that change, stale databases, policies at open."""

import uuid
import warnings

import attrs
import pytest

from crmcore import storage
from crmcore.errors import ConfigurationError, ConflictError, StorageError
from crmcore.model import EmailAddress, ExternalKey, Identifier, Party, PhoneNumber, PostalAddress
from crmcore.storage import (
    Compare,
    HasTag,
    IndexConflict,
    MemoryStore,
    PostgresStore,
    ReindexResult,
    SqliteStore,
    StaleIndexWarning,
    keys_fingerprint,
)
from crmcore.storage import _lookup_keys as keys
from crmcore.storage._sql import _reindex as sql_reindex
from crmcore.storage._sql._schema import LATEST

from .support import as_version

CREATED = "2026-11-23T09:30:00+01:00"
A, B, C = (uuid.UUID(int=number) for number in (1, 2, 3))


def _party(party_id, *, loyalty=None, shop=None, **fields):
    return Party.organization(
        f"Ромашка {party_id.int}",
        id=party_id,
        created_at=CREATED,
        identifiers=[Identifier("loyalty", loyalty)] if loyalty else [],
        external_keys=[ExternalKey("shop", shop)] if shop else [],
        **fields,
    )


def _fold(function):
    """Change a derivation: the value of a loyalty identifier, or an external key, swaps case."""
    original = getattr(keys, function)
    if function == "identifier_rows":
        return lambda party: [
            (scheme, value.swapcase() if scheme == "loyalty" else value, country)
            for scheme, value, country in original(party)
        ]
    return lambda system, key: original(system, key.swapcase())


def _lower_loyalty(monkeypatch):
    """Change a derivation: the value of a loyalty identifier is keyed in lower case."""
    original_rows, original_value = keys.identifier_rows, keys.identifier_value_key

    def value_key(scheme, value, country=None):
        return value.lower() if scheme == "loyalty" else original_value(scheme, value, country)

    monkeypatch.setattr(keys, "identifier_value_key", value_key)
    monkeypatch.setattr(
        keys,
        "identifier_rows",
        lambda party: [
            (scheme, value_key(scheme, value), country)
            for scheme, value, country in original_rows(party)
        ],
    )


def _stale(store):
    """Make a SQL store's index stale, as a change of phonenumbers or python-stdnum would."""
    store.run("UPDATE index_state SET fingerprint = 'keys 0; phonenumbers 8.0.0'")


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def backend(request):
    return request.param


@pytest.fixture
def reopen(request, backend, tmp_path):
    """Open (again) the store under test; a memory store is the same store each time."""
    if backend == "memory":
        store = MemoryStore()
        return lambda **_options: store
    if backend == "sqlite":
        return lambda **options: SqliteStore(tmp_path / "crm.db", **options)
    dsn, schema = request.getfixturevalue("pg_dsn"), request.getfixturevalue("pg_schema")
    return lambda **options: PostgresStore(dsn, schema=schema, **options)


@pytest.fixture
def store(reopen):
    with reopen() as store:
        yield store


@pytest.fixture
def sql(store):
    """The store under test, a SQL one (see :data:`SQL`)."""
    return store


#: For the tests of what only SQL stores have: a recorded fingerprint, key rows
#: to tamper with. A memory store's index is built by the process that uses it.
SQL = pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


# --- derivations that change -------------------------------------------------------------


@pytest.mark.parametrize("batch_size", [1, 1000])
def test_a_key_two_parties_now_derive_stays_with_its_holder(store, monkeypatch, batch_size):
    # Loyalty numbers are now keyed in lower case: B held "ab-1" and keeps it,
    # A's "AB-1" becomes "ab-1" too, and C's "Xy-2" becomes "xy-2", held by nobody.
    store.parties.add_many(
        [_party(A, loyalty="AB-1"), _party(B, loyalty="ab-1"), _party(C, loyalty="Xy-2")]
    )
    _lower_loyalty(monkeypatch)
    result = store.parties.reindex(batch_size=batch_size)
    assert result.conflicts == (
        IndexConflict(field="identifiers", key=("loyalty", "ab-1", ""), holder=B, party_id=A),
    )
    assert result.conflicts[0].code == "party.duplicate_identifier"
    assert not result.ok
    assert (result.parties, result.written, result.removed) == (3, 1, 2)
    # Nothing is lost: every party is stored, the holder is found by the key.
    assert [party.id for party in store.parties.select()] == [A, B, C]
    assert [p.id for p in store.parties.find_by_identifier("loyalty", "AB-1")] == [B]
    assert [p.id for p in store.parties.find_by_identifier("loyalty", "XY-2")] == [C]
    # The other party cannot be written with the key until the conflict is resolved ...
    other = store.parties.get(A)
    with pytest.raises(ConflictError) as caught:
        store.parties.update(other.with_tags("do scalenia"))
    assert caught.value.code == "party.duplicate_identifier"
    # ... and a second rebuild reports the same conflict, changing nothing.
    again = store.parties.reindex(batch_size=batch_size)
    assert (again.conflicts, again.written, again.removed) == (result.conflicts, 0, 0)
    resolved = store.parties.update(attrs.evolve(other, identifiers=[]))
    assert store.parties.reindex().ok
    assert store.parties.get(A) == resolved


@pytest.mark.parametrize("batch_size", [1, 2, 1000])
def test_keys_that_move_between_parties_are_no_conflict(store, monkeypatch, batch_size):
    # Each party now derives the key the other held: both keys move.
    store.parties.add_many(
        [_party(A, loyalty="x-1", shop="k-7"), _party(B, loyalty="X-1", shop="K-7"), _party(C)]
    )
    monkeypatch.setattr(keys, "identifier_rows", _fold("identifier_rows"))
    monkeypatch.setattr(keys, "identifier_value_key", lambda _scheme, value, _country=None: value)
    monkeypatch.setattr(keys, "external_key", _fold("external_key"))
    result = store.parties.reindex(batch_size=batch_size)
    assert (result.parties, result.written, result.removed, result.ok) == (3, 4, 4, True)
    assert [p.id for p in store.parties.find_by_identifier("loyalty", "X-1")] == [A]
    assert [p.id for p in store.parties.find_by_identifier("loyalty", "x-1")] == [B]
    assert [p.id for p in store.parties.find_by_external_key("shop", "k-7")] == [A]
    assert [p.id for p in store.parties.find_by_external_key("shop", "K-7")] == [B]


def test_an_external_key_two_parties_now_derive(store, monkeypatch):
    store.parties.add_many([_party(A, shop="K-7"), _party(B, shop="k-7")])
    monkeypatch.setattr(keys, "external_key", lambda system, key: f"{system}\x1f{key.upper()}")
    result = store.parties.reindex(batch_size=1)
    # A held "K-7" and still derives it: A keeps it.
    assert result.conflicts == (
        IndexConflict(field="external_keys", key=("shop", "K-7"), holder=A, party_id=B),
    )
    assert result.conflicts[0].code == "party.duplicate_external_key"
    assert [p.id for p in store.parties.find_by_external_key("shop", "k-7")] == [A]
    with pytest.raises(ConflictError) as caught:
        store.parties.update(store.parties.get(B).with_tags("do scalenia"))
    assert caught.value.code == "party.duplicate_external_key"
    assert [p.id for p in store.parties.find_by_external_key("shop", "K-7")] == [A]


def test_a_key_nobody_held_goes_to_the_first_party(store, monkeypatch):
    store.parties.add_many([_party(A, loyalty="Ab-1"), _party(B, loyalty="aB-1")])
    monkeypatch.setattr(keys, "identifier_rows", lambda _party: [("loyalty", "AB-1", "")])
    result = store.parties.reindex(batch_size=1)
    assert [(each.holder, each.party_id) for each in result.conflicts] == [(A, B)]
    assert (result.written, result.removed) == (1, 2)


def test_a_changed_country_is_filed_anew(store, monkeypatch):
    store.parties.add(
        _party(
            A,
            contacts=[PostalAddress(locality="Київ", country="UA"), PhoneNumber("+380441234567")],
        )
    )
    monkeypatch.setattr(keys, "party_country", lambda _party: "PL")
    monkeypatch.setattr("crmcore.storage._query.party_country", lambda _party: "PL")
    result = store.parties.reindex()
    assert [p.id for p in store.parties.select(Compare("country", "==", "PL"))] == [A]
    assert (result.written, result.removed, result.ok) == (0, 0, True)


def test_the_result_orders_its_conflicts_by_party():
    conflicts = [
        IndexConflict(field="identifiers", key=["loyalty", "1", ""], holder=A, party_id=C),
        IndexConflict(field="external_keys", key=("shop", "1"), holder=A, party_id=B),
    ]
    result = ReindexResult(parties=3, written=0, removed=0, conflicts=conflicts, fingerprint="f")
    assert [each.party_id for each in result.conflicts] == [B, C]
    assert result.conflicts[1].key == ("loyalty", "1", "")


# --- tampered and stale SQL indexes ------------------------------------------------------


def _rich(party_id):
    return _party(
        party_id,
        loyalty=f"L-{party_id.int}",
        shop=f"S-{party_id.int}",
        roles={"client"},
        tags={"опт"},
        contacts=[
            PhoneNumber.parse(f"601 234 56{party_id.int}", country="PL"),
            EmailAddress.parse(f"Biuro{party_id.int}@Kowalski.PL"),
            PostalAddress(locality="Warszawa", country="PL"),
        ],
    )


def _found(store, party_id):
    """The ids each look-up of a :func:`_rich` party finds."""
    n = party_id.int
    parties = store.parties
    return [
        [p.id for p in parties.find_by_phone(f"+4860123456{n}")],
        [p.id for p in parties.find_by_phone(f"601-234-56{n}", country="PL")],
        [p.id for p in parties.find_by_email(f"biuro{n}@kowalski.pl")],
        [p.id for p in parties.find_by_identifier("loyalty", f"L-{n}")],
        [p.id for p in parties.find_by_external_key("shop", f"S-{n}")],
        [p.id for p in parties.select(HasTag("опт") & Compare("country", "==", "PL"))],
    ]


def _expected(party_id):
    return [[party_id]] * 5 + [[A, B, C]]


@SQL
def test_reindex_restores_deleted_and_corrupted_key_rows(sql):
    sql.parties.add_many([_rich(A), _rich(B), _rich(C)])
    a, b = sql.dialect.id(A), sql.dialect.id(B)
    sql.run("DELETE FROM party_keys WHERE party_id = ?", (a,))
    sql.run("DELETE FROM party_identifiers WHERE party_id = ?", (a,))
    sql.run("UPDATE party_keys SET lookup = 'corrupt' || lookup WHERE party_id = ?", (b,))
    sql.run("UPDATE party_identifiers SET value = 'x' WHERE party_id = ?", (b,))
    sql.run("UPDATE parties SET country = 'ZZ' WHERE id = ?", (b,))
    assert _found(sql, A) == [[]] * 5 + [[C]]
    result = sql.parties.reindex(batch_size=2)
    assert (result.parties, result.ok) == (3, True)
    # A's 7 key rows (phone, e-mail, external key, role, tag, two name keys) and
    # its identifier row are written again; B's 8 corrupt rows are removed and
    # written again.
    assert (result.written, result.removed) == (16, 8)
    for party_id in (A, B, C):
        assert _found(sql, party_id) == _expected(party_id)
    assert sql.parties.reindex(batch_size=2).changed is False


@SQL
def test_a_batch_with_a_conflict_still_gets_its_other_keys(sql, monkeypatch):
    sql.parties.add_many(
        [
            _party(A, loyalty="AB-1", tags={"опт"}, contacts=[PhoneNumber("+302101234567")]),
            _party(B, loyalty="ab-1"),
        ]
    )
    sql.run("DELETE FROM party_keys WHERE kind IN ('phone', 'tag')")
    _lower_loyalty(monkeypatch)
    result = sql.parties.reindex()
    assert [(each.holder, each.party_id) for each in result.conflicts] == [(B, A)]
    assert (result.written, result.removed) == (2, 1)
    assert [p.id for p in sql.parties.find_by_phone("+302101234567")] == [A]
    assert [p.id for p in sql.parties.select(HasTag("опт"))] == [A]


@SQL
def test_a_version_2_database_is_stale_until_reindexed(reopen):
    with reopen() as old:
        old.parties.add_many([_rich(A), _rich(B)])
        as_version(old, 2)  # what a crmcore of schema version 2 left: no index_state
        old.run("DELETE FROM party_keys WHERE kind = 'phone'")  # stale keys, say
    with reopen() as store:
        assert store.schema_version() == LATEST
        assert store.parties.index_is_current() is False
        with pytest.raises(StorageError) as caught:
            store.parties.find_by_phone("+48601234561")
        assert (caught.value.code, caught.value.field, caught.value.value) == (
            "storage.stale_index",
            "index",
            None,
        )
        assert caught.value.hint == "call store.parties.reindex()"
        result = store.parties.reindex(batch_size=1)
        assert (result.parties, result.written, result.removed) == (2, 2, 0)
        assert store.parties.index_is_current()
        assert _found(store, A) == [[A]] * 5 + [[A, B]]
    with reopen() as again:
        assert again.parties.index_is_current()
        assert again.rows("SELECT fingerprint FROM index_state")[0][0] == keys_fingerprint()


@SQL
def test_a_version_2_database_without_parties_is_current(reopen):
    with reopen() as old:
        as_version(old, 2)
    with reopen() as store:
        assert store.parties.index_is_current()
        assert store.parties.find_by_phone("+48601234567") == []


@SQL
def test_a_stale_index_refuses_what_reads_or_writes_derived_keys(sql):
    party = sql.parties.add(_rich(A))
    _stale(sql)
    sql._index.current = False
    refused = [
        lambda: sql.parties.find_by_phone("+48601234561"),
        lambda: sql.parties.find_by_email("biuro1@kowalski.pl"),
        lambda: sql.parties.find_by_identifier("loyalty", "L-1"),
        lambda: sql.parties.find_by_external_key("shop", "S-1"),
        lambda: sql.parties.add(_rich(B)),
        lambda: sql.parties.add_many([_rich(B)]),
        lambda: sql.parties.add_batch([_rich(B)]),
        lambda: sql.parties.update(party.with_tags("vip")),
        lambda: list(sql.parties.select(HasTag("опт"))),
        lambda: sql.parties.count(Compare("country", "==", "PL")),
    ]
    for call in refused:
        with pytest.raises(StorageError) as caught:
            call()
        assert caught.value.code == "storage.stale_index"
        assert caught.value.value == "keys 0; phonenumbers 8.0.0"
    # What reads no derived key is served.
    assert sql.parties.get(A) == party
    assert sql.parties.get_by_customer_number(party.customer_number) == party
    assert [p.id for p in sql.parties.select(Compare("kind", "==", "organization"))] == [A]
    assert sql.parties.count() == 1
    assert sql.parties.delete(A).deleted_at is not None
    sql.parties.erase(A)
    assert sql.parties.count(include_deleted=True) == 0


@SQL
def test_a_rebuild_by_another_store_is_seen_without_reopening(sql, reopen):
    sql.parties.add(_rich(A))
    _stale(sql)
    with reopen() as stale:
        with pytest.raises(StorageError):
            stale.parties.find_by_email("biuro1@kowalski.pl")
        with pytest.warns(StaleIndexWarning):
            other = reopen(stale_index="warn")
        with other:
            assert other.parties.reindex().parties == 1
        assert [p.id for p in stale.parties.find_by_email("biuro1@kowalski.pl")] == [A]


@SQL
def test_a_rebuild_stopped_half_way_leaves_every_party_its_keys(sql, monkeypatch):
    sql.parties.add_many([_rich(A), _rich(B), _rich(C)])
    sql.run("DELETE FROM party_keys WHERE kind = 'email'")
    _stale(sql)
    decoded = []
    original = sql_reindex.party_from_json

    def crash_on_the_third(document):
        decoded.append(document)
        if len(decoded) == 3:
            raise RuntimeError
        return original(document)

    monkeypatch.setattr(sql_reindex, "party_from_json", crash_on_the_third)
    with pytest.raises(RuntimeError):
        sql.parties.reindex(batch_size=2)
    monkeypatch.undo()
    # The first batch is rebuilt, the second as it was: each party has its keys.
    assert not sql.parties.index_is_current()
    emails = sql.rows("SELECT lookup FROM party_keys WHERE kind = 'email' ORDER BY lookup")
    assert [row[0] for row in emails] == ["biuro1@kowalski.pl", "biuro2@kowalski.pl"]
    assert sql.rows("SELECT COUNT(*) FROM party_keys WHERE kind = 'phone'")[0][0] == 3
    result = sql.parties.reindex(batch_size=2)
    assert (result.written, result.removed) == (1, 0)
    for party_id in (A, B, C):
        assert _found(sql, party_id) == _expected(party_id)


@SQL
def test_a_rolled_back_rebuild_is_not_taken_as_current(sql):
    sql.parties.add(_rich(A))
    _stale(sql)
    sql._index.current = False

    def rebuild_then_fail():
        with sql.transaction():
            sql.parties.reindex()
            assert sql.parties.index_is_current()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        rebuild_then_fail()
    assert not sql.parties.index_is_current()
    with pytest.raises(StorageError):
        sql.parties.find_by_email("biuro1@kowalski.pl")


@SQL
def test_the_index_state_row_is_written_again_if_missing(sql):
    sql.parties.add(_rich(A))
    sql.run("DELETE FROM index_state")
    assert not sql.parties.index_is_current()
    assert sql.parties.reindex().ok
    assert sql.parties.index_is_current()


# --- policies at open --------------------------------------------------------------------


@SQL
def test_warn_serves_a_stale_index_and_says_so(sql, reopen):
    sql.parties.add(_rich(A))
    _stale(sql)
    with pytest.warns(StaleIndexWarning, match=r"store\.parties\.reindex\(\)") as caught:
        other = reopen(stale_index="warn")
    assert caught[0].filename == __file__  # the warning points at who opened the store
    with other:
        assert not other.parties.index_is_current()
        assert [p.id for p in other.parties.find_by_email("biuro1@kowalski.pl")] == [A]


@SQL
def test_reindex_at_open_rebuilds_a_stale_index(sql, reopen):
    sql.parties.add(_rich(A))
    sql.run("DELETE FROM party_keys")
    _stale(sql)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with reopen(stale_index="reindex") as other:
            assert other.parties.index_is_current()
            assert _found(other, A) == [[A]] * 6


def test_a_current_index_opens_quietly_under_every_policy(reopen):
    for policy in ("refuse", "warn", "reindex"):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with reopen(stale_index=policy) as store:
                assert store.parties.index_is_current()


@pytest.mark.parametrize("policy", ["auto", "never", None, 1])
def test_an_unknown_policy_is_refused(policy, tmp_path):
    for url in ("memory://", "sqlite://", f"sqlite:///{tmp_path / 'crm.db'}"):
        with pytest.raises(ConfigurationError) as caught:
            storage.open(url, stale_index=policy)
        assert (caught.value.code, caught.value.field) == ("storage.invalid_option", "stale_index")
    with pytest.raises(ConfigurationError):
        SqliteStore(tmp_path / "direct.db", stale_index=policy)


def test_the_fingerprint_names_each_part_of_the_derivation():
    fingerprint = keys_fingerprint()
    parts = dict(part.rsplit(" ", 1) for part in fingerprint.split("; "))
    assert parts["keys"] == str(keys.KEYS_VERSION)
    assert set(parts) == {"keys", "phonenumbers", "python-stdnum", "tax schemes"}
    assert keys_fingerprint() is fingerprint  # worked out once


def test_the_fingerprint_reads_the_facts_of_the_schemes_table_not_its_comments(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from crmcore._data import load_json
    from crmcore.storage import _reindex

    fingerprint = _reindex.keys_fingerprint.__wrapped__  # the cached one is fixed for the process
    table = load_json("", "schemes.json")
    before = fingerprint()
    reworded = {**table, "_comment": "the same facts, said otherwise"}
    monkeypatch.setattr(_reindex, "load_json", lambda *_: reworded)
    assert fingerprint() == before
    changed = {**table, "vat_prefixes": {**table["vat_prefixes"], "XX": "PL"}}
    monkeypatch.setattr(_reindex, "load_json", lambda *_: changed)
    assert fingerprint() != before


@SQL
def test_a_store_of_the_previous_keys_version_is_stale_until_reindexed(reopen):
    with reopen() as old:
        old.parties.add_many([_rich(A), _rich(B)])
        # What the crmcore before name keys left: its fingerprint, no name rows.
        previous = keys_fingerprint().replace(
            f"keys {keys.KEYS_VERSION}", f"keys {keys.KEYS_VERSION - 1}"
        )
        old.run("UPDATE index_state SET fingerprint = ?", (previous,))
        old.run("DELETE FROM party_keys WHERE kind = 'name'")
    with reopen() as store:
        assert store.parties.index_is_current() is False
        with pytest.raises(StorageError) as caught:
            store.parties.candidates(_rich(C))
        assert caught.value.code == "storage.stale_index"
        with pytest.raises(StorageError):
            store.parties.key_blocks()
        result = store.parties.reindex()
        assert (result.parties, result.written, result.removed) == (2, 4, 0)
        assert store.parties.index_is_current()
        found = store.parties.candidates(_rich(C))
        assert [party.id for party in found.parties] == [A, B]
        assert found.found[0].keys == (("name", "o:romaska"),)


@SQL
def test_a_version_3_database_gets_the_index_of_deleted_parties(reopen):
    with reopen() as old:
        old.parties.add_many([_rich(A), _rich(B)])
        old.parties.delete(B)
        as_version(old, 3)
        assert old.schema_version() == 3
    with reopen() as store:
        assert store.schema_version() == LATEST
        assert store.parties.index_is_current()
        assert store.parties.candidates(_rich(C)).parties == (store.parties.get(A),)
        assert [block.ids for block in store.parties.key_blocks(include_deleted=True)] == [(A, B)]

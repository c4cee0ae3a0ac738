"""Matching against a store: one new party on entry, and a whole store in a batch."""

import uuid

import pytest

from crmcore import storage
from crmcore.errors import ValidationError
from crmcore.matching import find_duplicates, find_store_duplicates, match

from .support import company, person


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "postgresql":
        dsn = request.getfixturevalue("pg_dsn")
        opened = storage.PostgresStore(dsn, schema=request.getfixturevalue("pg_schema"))
    else:
        sqlite = f"sqlite:///{tmp_path / 'crm.db'}"
        opened = storage.open("memory://" if request.param == "memory" else sqlite)
    with opened:
        yield opened


@pytest.fixture
def stored(store, generated):
    """The generated parties a store accepts (duplicates of one tax number are refused)."""
    result = store.parties.add_batch(generated.parties()[:1500])
    assert len(result.accepted) + len(result.rejected) == 1500
    return list(result.accepted)


def test_a_new_entry_finds_the_stored_party_it_duplicates(store, trained):
    kowalski = person("Jan", "Kowalski", phone=("601 234 567", "PL"), born="1980-04-12")
    store.parties.add(kowalski)
    store.parties.add(person("Anna", "Nowak", phone=("602 000 111", "PL")))
    entry = person("Kowalski", "Jan", phone=("+48 601-234-567", None), born="1980-04-12")
    found = match(entry, store, trained)
    assert [p.right for p in found.matches] == [kowalski.id]
    assert found.matches[0].left == entry.id
    assert found.candidates == 1
    explained = found.explain(kowalski.id)
    assert {e.comparison: e.level for e in explained.evidence}["phone"] == "same"
    with pytest.raises(ValidationError) as raised:
        found.explain(uuid.uuid4())
    assert raised.value.code == "matching.unknown_party"


def test_a_new_entry_with_no_candidates(store, trained):
    found = match(company("Bosch", "GmbH"), store, trained)
    assert found.pairs == ()
    assert found.candidates == 0
    assert found.matches == found.review == ()


def test_a_shared_switchboard_is_skipped_and_reported(store, trained):
    board = ("22 500 00 00", "PL")
    store.parties.add_many([person(f"Imię{i}", f"Nazwisko{i}", phone=board) for i in range(5)])
    found = match(person("Jan", "Nowak", phone=board), store, trained, max_per_key=3)
    assert [(s.kind, s.count) for s in found.skipped] == [("phone", 5)]
    assert found.candidates == 0


def test_what_is_not_a_party_is_refused(store, trained):
    with pytest.raises(ValidationError) as raised:
        match("Jan Kowalski", store, trained)
    assert raised.value.code == "matching.party"


@pytest.mark.usefixtures("stored")
def test_stored_parties_keep_their_ids(store, generated, trained):
    before = {party.id: party.version for party in store.parties.select()}
    for party in generated.parties()[1500:1600]:
        match(party, store, trained)
    assert {party.id: party.version for party in store.parties.select()} == before


def test_a_whole_store_finds_what_the_list_finds(store, stored, trained):
    from_store = find_store_duplicates(store, trained)
    from_list = find_duplicates(stored, model=trained, threshold=trained.threshold)
    in_store = {frozenset((p.left, p.right)) for p in from_store.matches}
    in_list = {frozenset((p.left, p.right)) for p in from_list.matches}
    # the list's blocking has keys the store does not index (a birth date with an initial)
    assert in_store <= in_list
    assert len(in_store) >= 0.97 * len(in_list)
    assert from_store.blocking.parties == len(stored)
    assert from_store.threshold.match == trained.threshold
    assert all(len(group) >= 2 for group in from_store.clusters)
    pair = from_store.matches[0]
    assert from_store.explain(pair.left, str(pair.right)).probability == pytest.approx(
        pair.probability
    )
    for bad in (uuid.uuid4(), "not an id"):
        with pytest.raises(ValidationError) as raised:
            from_store.explain(pair.left, bad)
        assert raised.value.code == "matching.unknown_party"


@pytest.mark.parametrize("threshold", [0, 2, "high"])
def test_a_store_batch_threshold_must_be_a_probability(store, trained, threshold):
    with pytest.raises(ValidationError) as raised:
        find_store_duplicates(store, trained, threshold=threshold)
    assert raised.value.code == "matching.threshold"


@pytest.mark.usefixtures("stored")
def test_a_store_batch_with_another_threshold(store, trained):
    strict = find_store_duplicates(store, trained, threshold=0.999)
    assert all(p.probability >= 0.999 for p in strict.matches)
    assert strict.threshold.match == 0.999


def test_a_store_batch_counts_each_pair_once(store, stored, trained):
    found = find_store_duplicates(store, trained)
    assert sum(report.new_pairs for report in found.blocking.keys) == found.blocking.pairs
    assert all(report.new_pairs <= report.pairs for report in found.blocking.keys)
    assert len(stored) == found.blocking.parties

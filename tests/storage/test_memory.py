import uuid

import pytest

from crmcore.model import ExternalKey, Identifier, Party, PhoneNumber
from crmcore.storage import HasTag, MemoryStore
from crmcore.storage import _lookup_keys as keys
from crmcore.testing import StoreContract


class TestMemoryStore(StoreContract):
    @pytest.fixture
    def store(self, clock, numbers):
        with MemoryStore(clock=clock, numbers=numbers) as store:
            yield store


def test_repr_counts_parties():
    assert repr(MemoryStore()) == "MemoryStore(parties=0)"


def test_reindex_restores_a_tampered_index():
    store = MemoryStore()
    party = store.parties.add(
        Party.organization(
            "Ромашка",
            created_at="2026-11-23T09:30:00+02:00",
            contacts=[PhoneNumber("+380671234567")],
            identifiers=[Identifier("edrpou", "32855961", country="UA")],
            external_keys=[ExternalKey("1C", "00-000123")],
        )
    )
    data = store._data
    data.keys[keys.PHONE, "+380671234567"].clear()
    data.keys[keys.EXTERNAL, keys.external_key("1C", "00-000123")].add(uuid.UUID(int=7))
    del data.identifiers["edrpou", "32855961", "UA"]
    data.keys["tag", "stale"] = {party.id}
    assert store.parties.find_by_phone("+380671234567") == []
    result = store.parties.reindex()
    assert (result.parties, result.written, result.removed, result.ok) == (1, 2, 2, True)
    assert store.parties.find_by_phone("+380671234567") == [party]
    assert store.parties.find_by_identifier("edrpou", "32855961", country="UA") == [party]
    assert store.parties.find_by_external_key("1C", "00-000123") == [party]
    assert not data.keys.get(("tag", "stale"))
    assert store.parties.count(HasTag("stale")) == 0


def test_check_finds_an_index_that_drifted_from_the_parties():
    store = MemoryStore()
    party = store.parties.add(
        Party.person(
            given="Ольга",
            family="Смирнова",
            created_at="2026-11-23T09:30:00+03:00",
            contacts=[PhoneNumber("+79123456789")],
        )
    )
    assert store.check().ok
    store._data.keys[keys.PHONE, "+79123456788"] = {party.id}
    store._data.numbers["CN-LOST"] = uuid.UUID(int=5)
    result = store.check()
    assert [problem.code for problem in result.problems] == ["check.index_mismatch"] * 2
    assert store._data.keys[keys.PHONE, "+79123456788"] == {party.id}  # checked, not repaired

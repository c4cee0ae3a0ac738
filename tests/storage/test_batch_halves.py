"""SQL batches insert many parties at a time and refuse exactly what one at a time refuses."""

from datetime import UTC, datetime

import pytest

from crmcore.errors import ConflictError, StorageError, ValidationError
from crmcore.model import Identifier, Party
from crmcore.storage import MemoryStore, SqliteStore
from crmcore.storage._batch import add_in_halves
from crmcore.storage._writes import stamper
from crmcore.testing import SequenceNumbers
from crmcore.testing._contract import customer_number

from .strategies import valid_nip


def _now():
    return datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def _party(index, nip=None):
    return Party.person(
        family=f"Nowak {index}",
        created_at="2026-11-23T09:30:00+01:00",
        identifiers=[Identifier("nip", nip or valid_nip(index), country="PL")],
    )


def _batch():
    parties = [_party(index) for index in range(12)]
    return [
        *parties[:3],
        _party(90, nip=valid_nip(1)),  # the identifier of the party at index 1
        *parties[3:5],
        "not a party",
        *parties[5:9],
        parties[0],  # the same party again
        *parties[9:],
    ]


def test_a_batch_refuses_what_each_refuses_and_numbers_alike(tmp_path):
    with (
        SqliteStore(tmp_path / "crm.db", clock=_now, numbers=SequenceNumbers()) as store,
        MemoryStore(clock=_now, numbers=SequenceNumbers()) as reference,
    ):
        given = _batch()
        result = store.parties.add_batch(given)
        expected = reference.parties.add_batch(given)
        assert result.accepted == expected.accepted
        assert [(r.index, r.error.code) for r in result.rejected] == [
            (3, "party.duplicate_identifier"),
            (6, "party.not_a_party"),
            (11, "party.duplicate_id"),
        ]
        assert [(r.index, r.error.code) for r in expected.rejected] == [
            (r.index, r.error.code) for r in result.rejected
        ]
        assert result.rejected[0].error.value == [["nip", valid_nip(1), "PL"]]
        assert result.rejected[0].party is given[3]
        assert store.parties.count() == len(result.accepted) == 12


def test_small_chunks_halve_down_to_the_refused_party(tmp_path):
    with SqliteStore(tmp_path / "crm.db") as store:
        stored = store.parties.add(_party(1))
        given = [_party(index) for index in range(2, 9)]
        given.insert(4, stored)
        refused = []

        def describe(error, party):
            refused.append(party.id)
            return error

        result = add_in_halves(
            store.transaction,
            lambda: stamper(numbers=store.numbers, now=store.now()),
            store.parties._insert,
            describe,
            given,
            chunk=3,
        )
        assert [r.index for r in result.rejected] == [4]
        assert refused == [stored.id]
        assert isinstance(result.rejected[0].error, ConflictError)
        assert len(result.accepted) == 7


def test_a_party_refused_when_stamped_is_refused_alone(tmp_path):
    class Refusing:
        def __init__(self):
            self.count = 0

        def new(self):
            self.count += 1
            # the second is refused
            return "K\x00" if self.count == 2 else customer_number(self.count, "K")

    with SqliteStore(tmp_path / "crm.db", numbers=Refusing()) as store:
        result = store.parties.add_batch([_party(index) for index in range(4)])
        assert [r.index for r in result.rejected] == [1]
        assert isinstance(result.rejected[0].error, ValidationError)
        assert [p.customer_number for p in result.accepted] == [
            customer_number(n, "K") for n in (1, 3, 4)
        ]


def test_a_failing_store_stops_the_batch(tmp_path):
    with SqliteStore(tmp_path / "crm.db") as store:

        def insert(_parties):
            raise StorageError("the disk is full", code="storage.failed")

        with pytest.raises(StorageError):
            add_in_halves(store.transaction, lambda: lambda party: party, insert, None, [_party(1)])
        assert store.parties.count() == 0

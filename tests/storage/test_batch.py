from contextlib import nullcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmcore.errors import StorageError
from crmcore.model import ExternalKey, Party
from crmcore.storage import BatchResult, MemoryStore, Rejected
from crmcore.storage._batch import add_each


def _party(key):
    return Party.person(
        family="Kowalczyk",
        created_at="2026-11-23T09:30:00+01:00",
        external_keys=[ExternalKey("1C", key)] if key is not None else [],
    )


@given(st.lists(st.one_of(st.none(), st.sampled_from("abc"), st.just(42)), max_size=12))
def test_every_input_is_accepted_or_rejected(keys):
    batch = [each if each == 42 else _party(each) for each in keys]
    store = MemoryStore()
    result = store.parties.add_batch(batch)
    assert len(result.accepted) + len(result.rejected) == result.received == len(batch)
    indexes = {r.index for r in result.rejected}
    kept = [p for i, p in enumerate(batch) if i not in indexes]
    assert [p.id for p in result.accepted] == [p.id for p in kept]
    assert store.parties.count() == len(result.accepted)
    first_seen = {}
    for index, each in enumerate(batch):
        if each == 42:
            assert index in indexes
        elif each.external_keys:
            key = each.external_keys[0].key
            assert (index in indexes) == (key in first_seen)
            first_seen.setdefault(key, index)
        else:
            assert index not in indexes


def test_a_failing_store_stops_the_batch():
    def add(_party):
        raise StorageError("the database failed", code="storage.failed")

    with pytest.raises(StorageError):
        add_each(nullcontext, add, [_party(None)])


def test_results_are_values():
    result = BatchResult(
        accepted=(), rejected=(Rejected(index=0, party="x", error=StorageError("no")),)
    )
    assert (result.received, result.ok) == (1, False)

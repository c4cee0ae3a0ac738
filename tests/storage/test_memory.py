import pytest

from crmcore.storage import MemoryStore
from crmcore.testing import StoreContract


class TestMemoryStore(StoreContract):
    @pytest.fixture
    def store(self, clock, numbers):
        with MemoryStore(clock=clock, numbers=numbers) as store:
            yield store


def test_repr_counts_parties():
    assert repr(MemoryStore()) == "MemoryStore(parties=0)"

import sys

import pytest

from crmcore import storage
from crmcore.errors import ConfigurationError


def test_memory():
    with storage.open("memory://") as store:
        assert isinstance(store, storage.MemoryStore)


@pytest.mark.parametrize("url", ["mysql://x/y", "memory://x", "crm.db", "", 42])
def test_unknown_urls(url):
    with pytest.raises(ConfigurationError) as caught:
        storage.open(url)
    assert caught.value.code == "storage.unknown_url"


def test_postgres_without_psycopg(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(ConfigurationError) as caught:
        storage.open("postgresql://localhost/crm")
    assert caught.value.code == "storage.missing_driver"
    assert "crmcore[postgres]" in caught.value.hint

import pytest

import crmcore.storage
import crmcore.testing

STORAGE = {
    "ERASED",
    "FIELDS",
    "Affiliations",
    "And",
    "BatchResult",
    "Campaigns",
    "Compare",
    "Event",
    "EventLog",
    "HasRole",
    "HasTag",
    "In",
    "Interactions",
    "JsonValue",
    "MemoryStore",
    "Not",
    "NumberSource",
    "Or",
    "Parties",
    "PostgresStore",
    "Predicate",
    "Purchases",
    "Rejected",
    "SqliteStore",
    "Store",
    "matches",
    "open",
}
TESTING = {
    "FakeClock",
    "SequenceNumbers",
    "StepClock",
    "StoreComparison",
    "StoreContract",
    "hostile_texts",
}


def isort_style(name):
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


def test_storage_exports_exactly_its_public_surface():
    assert set(crmcore.storage.__all__) == STORAGE
    assert crmcore.storage.__all__ == sorted(crmcore.storage.__all__, key=isort_style)
    for name in STORAGE:
        assert getattr(crmcore.storage, name) is not None


def test_public_classes_live_in_private_modules():
    for name in STORAGE - {"ERASED", "FIELDS", "JsonValue", "Predicate"}:
        assert getattr(crmcore.storage, name).__module__.startswith("crmcore.storage._"), name


def test_testing_exports_lazily():
    assert set(crmcore.testing.__all__) >= TESTING
    assert crmcore.testing.__all__ == sorted(crmcore.testing.__all__, key=isort_style)
    for name in TESTING:
        assert getattr(crmcore.testing, name) is not None
    assert set(dir(crmcore.testing)) >= TESTING
    with pytest.raises(AttributeError):
        crmcore.testing.nothing_here  # noqa: B018

from __future__ import annotations

import crmcore
from crmcore import ids


def _isort_style(name: str) -> tuple[int, str]:
    # Constants, then classes, then functions: the order ruff keeps __all__ in.
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_all_is_exactly_the_public_surface():
    assert ids.__all__ == sorted(ids.__all__, key=_isort_style)
    assert set(ids.__all__) == {
        "DEFAULT_LAYOUT",
        "CustomerNumberGenerator",
        "CustomerNumberLayout",
        "CustomerNumberParts",
        "CustomerNumberSource",
        "FileNodeAllocator",
        "MemoryNodeAllocator",
        "NodeAllocator",
        "NodeLease",
        "StaticNodeLease",
        "UUID7Generator",
        "compact",
        "format",
        "is_valid",
        "new_id",
        "parse",
        "validate",
    }
    public = {name for name in vars(ids) if not name.startswith("_")}
    assert public == set(ids.__all__)


def test_every_export_says_where_it_lives():
    for name in ids.__all__:
        obj = getattr(ids, name)
        module = getattr(obj, "__module__", "crmcore.ids._layout")
        assert module.startswith("crmcore.ids._")


def test_reachable_from_the_top_package():
    assert crmcore.ids.CustomerNumberGenerator is ids.CustomerNumberGenerator

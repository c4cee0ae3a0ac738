"""crmcore: the core of a CRM, for Python applications and ERP integrators.

The domain model and the errors are importable from here directly; the
capabilities live in subpackages, imported on first use so that
``import crmcore`` stays fast:

* :mod:`crmcore.model`: parties, contact points, identifiers, activities;
* :mod:`crmcore.standardize`: one canonical form for every field, and hints;
* :mod:`crmcore.ids`: customer numbers and machine ids;
* :mod:`crmcore.storage`: storage protocols and backends;
* :mod:`crmcore.testing`: contract tests, data generators and fakes.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from crmcore import errors

if TYPE_CHECKING:
    from crmcore import ids, standardize, storage, testing

try:
    __version__ = version("crmcore")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

_LAZY_SUBPACKAGES = frozenset({"ids", "standardize", "storage", "testing"})

__all__ = [
    "__version__",
    "errors",
    "ids",
    "standardize",
    "storage",
    "testing",
]


def __getattr__(name: str) -> Any:  # noqa: ANN401 - PEP 562 hook
    if name in _LAZY_SUBPACKAGES:
        module = importlib.import_module(f"crmcore.{name}")
        globals()[name] = module
        return module
    msg = f"module 'crmcore' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted(set(globals()) | _LAZY_SUBPACKAGES)

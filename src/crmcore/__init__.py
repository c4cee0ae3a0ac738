"""crmcore: the core of a CRM, for Python applications and ERP integrators.

The domain model and the errors are importable from here directly; the
capabilities live in subpackages, imported on first use so that
``import crmcore`` stays fast:

* :mod:`crmcore.model`: parties, contact points, identifiers, activities;
* :mod:`crmcore.standardize`: one canonical form for every field, and hints;
* :mod:`crmcore.ids`: customer numbers and machine ids;
* :mod:`crmcore.storage`: storage protocols and backends;
* :mod:`crmcore.matching`: duplicates found, explained and clustered (the
  ``matching`` extra);
* :mod:`crmcore.consent`: consent recorded with proof, and the decision it gives;
* :mod:`crmcore.testing`: contract tests, data generators and fakes.
"""

# The imports of this module are private names, so that they are not mistaken
# for crmcore's own (and no __future__ import adds an ``annotations``).
from importlib import import_module as _import_module
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from crmcore import errors, model
from crmcore.model import (
    Affiliation,
    AffiliationKind,
    Campaign,
    Channel,
    ContactKind,
    ContactPoint,
    Direction,
    EmailAddress,
    ExternalKey,
    Group,
    Holding,
    Identifier,
    Interaction,
    MessengerHandle,
    Money,
    OrderLine,
    OrganizationName,
    Party,
    PartyKind,
    PersonName,
    PhoneLine,
    PhoneNumber,
    PostalAddress,
    Purchase,
    Role,
    Website,
    from_dict,
    to_dict,
)

if _TYPE_CHECKING:
    from crmcore import consent, ids, matching, standardize, storage, testing

    __version__: str

_LAZY_SUBPACKAGES = frozenset({"consent", "ids", "matching", "standardize", "storage", "testing"})

__all__ = [
    "Affiliation",
    "AffiliationKind",
    "Campaign",
    "Channel",
    "ContactKind",
    "ContactPoint",
    "Direction",
    "EmailAddress",
    "ExternalKey",
    "Group",
    "Holding",
    "Identifier",
    "Interaction",
    "MessengerHandle",
    "Money",
    "OrderLine",
    "OrganizationName",
    "Party",
    "PartyKind",
    "PersonName",
    "PhoneLine",
    "PhoneNumber",
    "PostalAddress",
    "Purchase",
    "Role",
    "Website",
    "__version__",
    "consent",
    "errors",
    "from_dict",
    "ids",
    "matching",
    "model",
    "standardize",
    "storage",
    "testing",
    "to_dict",
]


def _version() -> str:
    # importlib.metadata costs tens of milliseconds to import (it pulls in
    # email and zipfile): read the version only when someone asks for it.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("crmcore")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def __getattr__(name: str) -> _Any:  # noqa: ANN401 - PEP 562 hook
    if name in _LAZY_SUBPACKAGES:
        module = _import_module(f"crmcore.{name}")
        globals()[name] = module
        return module
    if name == "__version__":
        value = globals()["__version__"] = _version()
        return value
    msg = f"module 'crmcore' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    # Only the public surface, the lazy names included, and none of the private ones.
    return sorted(__all__)

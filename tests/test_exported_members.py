"""The public surface is exactly what __all__ says, sorted, and nothing private leaks."""

import importlib

import pytest

import crmcore
import crmcore.model
from crmcore.testing import strategies

MODEL = {
    "SCHEMA_VERSION",
    "Affiliation",
    "AffiliationKind",
    "AttributeCategory",
    "AttributeDefinition",
    "AttributeSchema",
    "AttributeType",
    "AttributeValue",
    "Attributes",
    "Campaign",
    "Channel",
    "ClientProfile",
    "Clock",
    "CompetitorProfile",
    "ContactKind",
    "ContactPoint",
    "Direction",
    "EmailAddress",
    "ExternalKey",
    "Group",
    "GroupTree",
    "Holding",
    "Identifier",
    "Interaction",
    "ItemKind",
    "MessengerHandle",
    "Money",
    "OrderLine",
    "OrganizationName",
    "PartnerProfile",
    "Party",
    "PartyKind",
    "PersonName",
    "PhoneLine",
    "PhoneNumber",
    "PostalAddress",
    "PricePositioning",
    "ProspectProfile",
    "Purchase",
    "Role",
    "RoleProfile",
    "SupplierProfile",
    "Website",
    "from_dict",
    "to_dict",
}
TOP_LEVEL_MODEL = {
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
    "from_dict",
    "to_dict",
}
TOP_LEVEL = TOP_LEVEL_MODEL | {
    "__version__",
    "errors",
    "ids",
    "model",
    "standardize",
    "storage",
    "testing",
}


def isort_style(name):
    """Ruff's order for __all__: CONSTANTS, Classes, functions; each by code point."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


@pytest.mark.parametrize(("module", "expected"), [(crmcore.model, MODEL), (crmcore, TOP_LEVEL)])
def test_all_is_sorted_and_exactly_the_public_surface(module, expected):
    assert module.__all__ == sorted(module.__all__, key=isort_style)
    assert set(module.__all__) == expected
    for name in module.__all__:
        assert getattr(module, name) is not None


def test_public_names_of_the_model_live_in_private_modules():
    for name in MODEL - {"SCHEMA_VERSION", "AttributeValue", "Clock"}:
        member = getattr(crmcore.model, name)
        assert member.__module__.startswith("crmcore.model._"), name


def test_top_level_re_exports_are_the_model_s_own():
    for name in TOP_LEVEL_MODEL:
        assert getattr(crmcore, name) is getattr(crmcore.model, name)


def test_lazy_attributes():
    assert isinstance(crmcore.__version__, str)
    assert set(dir(crmcore)) >= TOP_LEVEL
    for name in ("ids", "standardize", "storage", "testing"):
        assert getattr(crmcore, name) is importlib.import_module(f"crmcore.{name}")
    with pytest.raises(AttributeError):
        crmcore.nothing_here  # noqa: B018


def test_strategies_cover_the_public_surface():
    assert strategies.__all__ == sorted(strategies.__all__, key=isort_style)

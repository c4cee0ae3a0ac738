"""Every public module's surface is exactly what its __all__ says, sorted, and nothing leaks.

One table names the public names of each public module; the same checks run
over all of them. What a single package adds (aliases, re-exports, lazy
attributes) is checked below the table or beside the package's own tests.
"""

import importlib
from types import ModuleType

import pytest

import crmcore
import crmcore.model

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
    "consent",
    "errors",
    "ids",
    "matching",
    "model",
    "standardize",
    "storage",
    "testing",
}


IDS = {
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
STANDARDIZE = {
    "Address",
    "CompanyName",
    "Email",
    "FullName",
    "Hint",
    "Homoglyph",
    "LegalForm",
    "Phone",
    "PhoneKind",
    "StandardizedRecord",
    "TaxId",
    "address",
    "addresses",
    "company_name",
    "company_names",
    "countries",
    "country",
    "date",
    "dates",
    "email",
    "emails",
    "hint",
    "keys",
    "localize",
    "matching_key",
    "person_name",
    "person_names",
    "phone",
    "phones",
    "postal_code",
    "postal_codes",
    "standardize_record",
    "tax_id",
    "tax_ids",
    "text",
    "texts",
    "transliterate",
    "website",
    "websites",
}
# The verbs every field family offers; each family adds its own names.
VERBS = {"FIELD", "HINT", "example", "format", "is_valid", "validate"}
FAMILIES = {
    "addresses": VERBS | {"PARTS", "Address"},
    "company_names": VERBS | {"CompanyName", "LegalForm", "legal_forms"},
    "countries": VERBS | {"lookup", "name"},
    "dates": VERBS | {"TWO_DIGIT_YEAR_PIVOT"},
    "emails": VERBS | {"Email", "matching_key"},
    "person_names": VERBS | {"FullName"},
    "phones": VERBS | {"Phone", "PhoneKind", "compact"},
    "postal_codes": VERBS | {"canonical", "known_countries"},
    "tax_ids": VERBS | {"TaxId", "compact", "describe", "detect"},
    "texts": (VERBS - {"HINT"})  # text is no field a hint describes
    | {
        "Homoglyph",
        "Mojibake",
        "clean",
        "find_homoglyphs",
        "mojibake",
        "repair_homoglyphs",
        "scripts",
    },
    "websites": VERBS | {"domain", "matching_key"},
}
STRATEGIES = {
    "affiliations",
    "attribute_definitions",
    "attribute_schemas",
    "attributes",
    "campaigns",
    "contact_points",
    "countries",
    "currencies",
    "customer_numbers",
    "dates",
    "entities",
    "external_keys",
    "groups",
    "holdings",
    "identifiers",
    "interactions",
    "moments",
    "money",
    "order_lines",
    "organization_names",
    "organizations",
    "parties",
    "person_names",
    "persons",
    "purchases",
    "role_profiles",
    "texts",
    "uuids",
}
ERRORS = {
    "ConfigurationError",
    "ConflictError",
    "CrmError",
    "NotFoundError",
    "StorageError",
    "ValidationError",
    "localize",
}
MATCHING = {
    "AddressComparison",
    "BirthDateComparison",
    "BlockingKey",
    "BlockingReport",
    "Comparison",
    "Conflict",
    "Duplicates",
    "Evidence",
    "Explanation",
    "FamilyNameComparison",
    "Field",
    "GivenNameComparison",
    "KeyReport",
    "Matches",
    "MergePlan",
    "Model",
    "OrganizationNameComparison",
    "Rule",
    "ScoredPair",
    "Scorer",
    "Settings",
    "SharedValueComparison",
    "SurvivorshipRules",
    "TextComparison",
    "Threshold",
    "compare",
    "comparison_from_dict",
    "default_comparisons",
    "find_duplicates",
    "find_store_duplicates",
    "fit",
    "match",
    "merge",
    "plan_merge",
    "suggest_threshold",
    "unmerge",
}
STORAGE = {
    "ERASED",
    "FIELDS",
    "MERGED",
    "UNMERGED",
    "Affiliations",
    "And",
    "BatchResult",
    "Campaigns",
    "Compare",
    "ConsentFact",
    "ConsentRecords",
    "Event",
    "EventLog",
    "HasRole",
    "HasTag",
    "In",
    "IndexConflict",
    "Interactions",
    "JsonValue",
    "MemoryStore",
    "MergeRecord",
    "Merges",
    "Moved",
    "Not",
    "Or",
    "Parties",
    "PostgresStore",
    "Predicate",
    "Purchases",
    "ReindexResult",
    "Rejected",
    "SqlNodeAllocator",
    "SqliteStore",
    "StaleIndex",
    "StaleIndexWarning",
    "Store",
    "keys_fingerprint",
    "matches",
    "open",
    "open_pool",
    "PostgresPool",
    "Backup",
    "backup",
    "Candidate",
    "Candidates",
    "CheckProblem",
    "CheckResult",
    "KeyBlock",
    "SkippedKey",
    "ORDER_FIELDS",
    "Page",
    "SEARCH_MODES",
    "SearchMode",
    "Upserted",
    "Change",
    "ChangeFeed",
    "ChangePage",
    "FieldChange",
    "Retention",
    "Version",
    "RETAINED",
}
CONSENT = {
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "STREAM",
    "Basis",
    "ChainHead",
    "ChainProblem",
    "ChainReport",
    "Channel",
    "ConsentEvent",
    "Controller",
    "Decision",
    "ErasureReport",
    "Imported",
    "Kept",
    "Kind",
    "Ledger",
    "Proof",
    "Purpose",
    "Purposes",
    "ReceiptPurpose",
    "Rectification",
    "RetentionPolicy",
    "Scope",
    "Source",
    "Suppression",
    "Suppressions",
    "Tampering",
    "contact_key",
    "decide",
    "erase_party",
    "export_party",
    "import_party",
    "may_contact",
    "prune_retention",
    "receipt",
    "receipt_head",
    "receipt_json",
    "rectifications",
    "rectify",
    "verify_chain",
    "wording_hash",
}
SURFACES = {
    "crmcore": TOP_LEVEL,
    "crmcore.consent": CONSENT,
    "crmcore.errors": ERRORS,
    "crmcore.ids": IDS,
    "crmcore.matching": MATCHING,
    "crmcore.model": MODEL,
    "crmcore.standardize": STANDARDIZE,
    **{f"crmcore.standardize.{name}": names for name, names in FAMILIES.items()},
    "crmcore.standardize.keys": {"LANGUAGES", "detect_language", "matching_key", "transliterate"},
    "crmcore.storage": STORAGE,
    "crmcore.storage.backend": {
        "EMAIL",
        "ERASURE_STREAM",
        "EXTERNAL",
        "IDENTIFIER",
        "KEYS_VERSION",
        "LOOKUP_KINDS",
        "NAME",
        "PHONE",
        "ROLE",
        "TAG",
        "CurrentNumbers",
        "bears",
        "chain_moved",
        "check_consent_pair",
        "check_prune",
        "check_update",
        "checks_arguments",
        "conflict",
        "deleted",
        "diff",
        "duplicate_id",
        "email_query_key",
        "erased_event",
        "erased_payload",
        "external_key",
        "external_parts",
        "find_identifier",
        "find_phone",
        "identifier_query",
        "identifier_rows",
        "index_rows",
        "is_pruned",
        "keys_fingerprint",
        "lookup_keys",
        "name_keys",
        "not_found",
        "phone_query_key",
        "stale",
        "stamped_new",
        "stamped_update",
        "stamper",
    },
    "crmcore.testing": {
        "DuplicateSet",
        "FakeClock",
        "GeneratedRow",
        "SequenceNumbers",
        "StepClock",
        "StoreComparison",
        "StoreContract",
        "generate_duplicates",
        "hostile_texts",
    },
    "crmcore.testing.strategies": STRATEGIES,
}
# Packages that only re-export: every public name they hold is in __all__.
PACKAGES = (
    "crmcore",
    "crmcore.consent",
    "crmcore.ids",
    "crmcore.matching",
    "crmcore.model",
    "crmcore.standardize",
    "crmcore.storage",
    "crmcore.testing",
)
# Names of a package defined outside its private modules (constants, aliases, protocols).
NOT_FROM_PRIVATE_MODULES = {
    "crmcore.consent": {"EXPORT_FORMAT", "EXPORT_VERSION", "STREAM"},
    "crmcore.ids": set(),
    "crmcore.matching": set(),
    "crmcore.model": {"SCHEMA_VERSION", "AttributeValue", "Clock"},
    "crmcore.storage": {
        "ERASED",
        "FIELDS",
        "MERGED",
        "RETAINED",
        "UNMERGED",
        "JsonValue",
        "ORDER_FIELDS",
        "Predicate",
        "SEARCH_MODES",
        "SearchMode",
        "StaleIndex",
    },
    "crmcore.testing": set(),
}


def _is_submodule(package, member, value):
    return isinstance(value, ModuleType) and value.__name__ == f"{package}.{member}"


def isort_style(name):
    """Ruff's order for __all__: CONSTANTS, Classes, functions; each by code point."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


@pytest.mark.parametrize("name", PACKAGES)
def test_every_public_submodule_is_in_the_table(name):
    module = importlib.import_module(name)
    for member in module.__all__:
        if isinstance(getattr(module, member), ModuleType):
            assert f"{name}.{member}" in SURFACES


@pytest.mark.parametrize(("name", "expected"), SURFACES.items(), ids=list(SURFACES))
def test_all_is_sorted_and_exactly_the_public_surface(name, expected):
    module = importlib.import_module(name)
    assert module.__all__ == sorted(module.__all__, key=isort_style)
    assert set(module.__all__) == expected
    for member in module.__all__:
        assert getattr(module, member) is not None


@pytest.mark.parametrize("name", PACKAGES)
def test_packages_hold_no_other_public_names(name):
    module = importlib.import_module(name)
    for member in module.__all__:  # lazy names join the namespace on first use
        getattr(module, member)
    public = {
        member
        for member, value in vars(module).items()
        if not member.startswith("_")
        # a submodule becomes an attribute of its package once anything imports it
        and (member in module.__all__ or not _is_submodule(name, member, value))
    }
    assert public == {member for member in module.__all__ if not member.startswith("_")}


@pytest.mark.parametrize("name", [*PACKAGES, "crmcore.errors"])
def test_dir_shows_only_the_public_surface(name):
    module = importlib.import_module(name)
    assert dir(module) == sorted(module.__all__)
    # Still so once the lazy names have loaded and the private modules are attributes.
    for member in module.__all__:
        getattr(module, member)
    assert dir(module) == sorted(module.__all__)


@pytest.mark.parametrize(("name", "outside"), NOT_FROM_PRIVATE_MODULES.items())
def test_public_names_live_in_private_modules(name, outside):
    module = importlib.import_module(name)
    for member in set(module.__all__) - outside:
        defined_in = getattr(module, member).__module__
        assert defined_in.startswith(f"{name}._"), member


def test_top_level_re_exports_are_the_model_s_own():
    for name in TOP_LEVEL_MODEL:
        assert getattr(crmcore, name) is getattr(crmcore.model, name)


def test_lazy_attributes():
    assert isinstance(crmcore.__version__, str)
    assert set(dir(crmcore)) >= TOP_LEVEL
    for name in ("consent", "ids", "standardize", "storage", "testing"):
        assert getattr(crmcore, name) is importlib.import_module(f"crmcore.{name}")
    with pytest.raises(AttributeError):
        crmcore.nothing_here  # noqa: B018


def test_testing_helpers_load_on_first_use():
    import crmcore.testing

    assert set(dir(crmcore.testing)) >= SURFACES["crmcore.testing"]
    with pytest.raises(AttributeError):
        crmcore.testing.nothing_here  # noqa: B018

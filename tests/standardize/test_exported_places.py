from __future__ import annotations

import crmcore.standardize as std
from crmcore.standardize import addresses, countries, dates, postal_codes, tax_ids

SURFACES = {
    addresses: {"FIELD", "PARTS", "Address", "example", "format", "is_valid", "validate"},
    countries: {"FIELD", "example", "format", "is_valid", "lookup", "name", "validate"},
    dates: {"FIELD", "TWO_DIGIT_YEAR_PIVOT", "example", "format", "is_valid", "validate"},
    postal_codes: {
        "FIELD",
        "canonical",
        "example",
        "format",
        "is_valid",
        "known_countries",
        "validate",
    },
    tax_ids: {
        "FIELD",
        "TaxId",
        "compact",
        "describe",
        "detect",
        "example",
        "format",
        "is_valid",
        "validate",
    },
}


def test_places_public_surfaces():
    for module, names in SURFACES.items():
        assert set(module.__all__) == names, module.__name__
        for name in names:
            assert getattr(module, name) is not None


def test_fields():
    assert addresses.FIELD == "address"
    assert countries.FIELD == "country"
    assert dates.FIELD == "date"
    assert postal_codes.FIELD == "postal_code"
    assert tax_ids.FIELD == "tax_id"


def test_package_reexports_this_part():
    assert sorted(std.__all__) == std.__all__
    mine = {"Address", "TaxId", "address", "addresses", "countries", "country", "date", "dates"}
    mine |= {"postal_code", "postal_codes", "tax_id", "tax_ids"}
    assert mine <= set(std.__all__)
    assert std.address is addresses.validate
    assert std.country is countries.validate
    assert std.date is dates.validate
    assert std.postal_code is postal_codes.validate
    assert std.tax_id is tax_ids.validate
    assert std.Address is addresses.Address
    assert std.TaxId is tax_ids.TaxId

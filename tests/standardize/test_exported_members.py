"""What the standardize package adds to its families: fields, aliases, re-exports.

The families' own surfaces are checked with every public module's, in
tests/test_exported_members.py.
"""

from __future__ import annotations

import pytest

import crmcore.standardize as std
from crmcore.standardize import (
    addresses,
    company_names,
    countries,
    dates,
    emails,
    keys,
    person_names,
    phones,
    postal_codes,
    tax_ids,
    texts,
    websites,
)

FIELDS = {
    addresses: "address",
    company_names: "company_name",
    countries: "country",
    dates: "date",
    emails: "email",
    person_names: "person_name",
    phones: "phone",
    postal_codes: "postal_code",
    tax_ids: "tax_id",
    texts: "text",
    websites: "website",
}


@pytest.mark.parametrize(("module", "field"), FIELDS.items(), ids=list(FIELDS.values()))
def test_each_family_names_its_field(module, field):
    assert field == module.FIELD


def test_all_is_sorted_by_code_point():
    assert sorted(std.__all__) == std.__all__


@pytest.mark.parametrize("module", FIELDS, ids=lambda m: m.__name__)
def test_the_package_exports_each_family_and_its_validator_under_the_field_s_name(module):
    name = module.__name__.rpartition(".")[2]
    assert getattr(std, name) is module
    assert getattr(std, module.FIELD) is module.validate


def test_the_package_re_exports_the_families_own_names():
    assert std.matching_key is keys.matching_key
    assert std.transliterate is keys.transliterate
    assert std.keys is keys
    assert std.Address is addresses.Address
    assert std.CompanyName is company_names.CompanyName
    assert std.Email is emails.Email
    assert std.Homoglyph is texts.Homoglyph
    assert std.LegalForm is company_names.LegalForm
    assert std.FullName is person_names.FullName
    assert std.Phone is phones.Phone
    assert std.PhoneKind is phones.PhoneKind
    assert std.TaxId is tax_ids.TaxId


def test_convenience_functions_work_on_real_input():
    assert std.company_name("ТОВ «Ромашка»").country == "UA"
    assert str(std.person_name("jan kowalski")) == "Jan Kowalski"
    assert std.website("example.pl") == "https://example.pl"

from __future__ import annotations

import importlib

import attrs
import pytest

from crmcore._data import load_json
from crmcore.errors import ValidationError
from crmcore.standardize import _stdnum, tax_ids
from crmcore.standardize.tax_ids import TaxId

from .corpus import corpus

VALID = corpus("tax_ids")["valid"]
INVALID = corpus("tax_ids")["invalid"]


def _stdnum_module(scheme):
    head, _, tail = scheme.partition(".")
    head = f"{head}_" if head in {"in", "is"} else head
    return importlib.import_module(".".join(["stdnum", head, tail] if tail else ["stdnum", head]))


@pytest.mark.parametrize(("raw", "country", "scheme", "value"), VALID)
def test_valid_numbers(raw, country, scheme, value):
    found = tax_ids.validate(raw, country=country)
    assert (found.scheme, found.value) == (scheme, value)
    # The number is valid by python-stdnum itself, in the scheme we report.
    assert _stdnum_module(scheme).is_valid(value)
    assert tax_ids.validate(str(found)) == found
    assert tax_ids.is_valid(raw, country=country)
    assert found in tax_ids.detect(raw, country=country)


@pytest.mark.parametrize(("raw", "country", "code"), INVALID)
def test_invalid_numbers(raw, country, code):
    with pytest.raises(ValidationError) as info:
        tax_ids.validate(raw, country=country)
    assert info.value.code == code
    assert info.value.field == "tax_id"
    assert info.value.value == raw
    assert info.value.hint
    assert not tax_ids.is_valid(raw, country=country)


def test_the_hint_names_the_scheme_and_shows_a_valid_example():
    with pytest.raises(ValidationError) as info:
        tax_ids.validate("ИНН 7707083894")
    assert info.value.hint.startswith("ИНН")
    example = info.value.hint.rsplit("such as ", 1)[1]
    assert tax_ids.validate(example, scheme="ru.inn").scheme == "ru.inn"


def test_the_hint_of_a_vat_number_uses_the_national_scheme_and_prefix():
    with pytest.raises(ValidationError) as info:
        tax_ids.validate("PL5260250275")
    assert info.value.hint.startswith("NIP")
    assert "such as PL" in info.value.hint


def test_stdnum_errors_are_chained_never_leaked():
    with pytest.raises(ValidationError) as info:
        tax_ids.validate("5260250275", scheme="pl.nip")
    assert info.value.code == "tax_id.bad_checksum"
    assert not isinstance(info.value, _stdnum_module("pl.nip").InvalidChecksum)


def test_explicit_scheme():
    assert tax_ids.validate("526-025-02-74", scheme="pl.nip").value == "5260250274"
    assert tax_ids.validate("5260250274", scheme="pl.vat").scheme == "pl.nip"
    assert tax_ids.validate("5260250274", scheme="vat", country="PL").scheme == "pl.nip"
    assert tax_ids.validate("PL5260250274", scheme="vat").scheme == "eu.vat"
    assert tax_ids.validate("ACUPA7085R", scheme="in.pan").scheme == "in.pan"
    with pytest.raises(ValidationError) as info:
        tax_ids.validate("5260250274", scheme="vat")
    assert info.value.code == "tax_id.unknown_scheme"
    for bad in ["luhn", "util", "exceptions", "pl", "no.such", "PL.NIP", "../x"]:
        with pytest.raises(ValidationError) as info:
            tax_ids.validate("5260250274", scheme=bad)
        assert info.value.code == "tax_id.unknown_scheme"


def test_detect_lists_every_reading():
    readings = tax_ids.detect("536904399", country="US")
    assert [t.scheme for t in readings] == ["us.atin", "us.ein", "us.ssn"]
    assert tax_ids.detect("hello") == ()
    # The prefixed VAT form and the national number are one reading.
    assert [t.scheme for t in tax_ids.detect("PL5260250274", country="PL")] == ["eu.vat"]


def test_narrower_schemes_win_over_umbrellas():
    assert tax_ids.validate("B64717838", country="ES").scheme == "es.cif"


def test_country_of_numbers():
    assert tax_ids.validate("EL094014201").country == "GR"
    assert tax_ids.validate("XI980780684").country == "GB"
    assert tax_ids.validate("LEI 213800KUD8LAJWSQ9D15").country is None
    assert TaxId(scheme="ua.rntrc", value="1759013776").country == "UA"


def test_taxid_refuses_invalid_or_non_canonical_values():
    with pytest.raises(ValidationError) as info:
        TaxId(scheme="pl.nip", value="526-025-02-74")
    assert info.value.code == "tax_id.not_canonical"
    assert info.value.hint == "5260250274"
    with pytest.raises(ValidationError) as info:
        TaxId(scheme="pl.nip", value="5260250275")
    assert info.value.code == "tax_id.bad_checksum"
    with pytest.raises(ValidationError) as info:
        TaxId(scheme="nope", value="1")
    assert info.value.code == "tax_id.unknown_scheme"
    nip = TaxId(scheme="pl.nip", value="5260250274")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        nip.value = "x"  # type: ignore[misc]


def test_format_compact_describe():
    assert tax_ids.format("pl.nip:5260250274") == "526-025-02-74"
    assert tax_ids.format("5260250274", country="PL") == "526-025-02-74"
    assert tax_ids.format(TaxId(scheme="eu.vat", value="PL5260250274")) == "PL5260250274"
    assert tax_ids.compact("ИНН 7707 083 893") == "7707083893"
    assert tax_ids.compact("pl.nip:526-025-02-74") == "5260250274"
    assert tax_ids.describe("ru.ogrn").startswith("ОГРН")
    with pytest.raises(ValidationError):
        tax_ids.describe("nope")


@pytest.mark.parametrize("country", ["PL", "UA", "RU", "GR", "DE", "GB", "US", "CZ", "FR"])
def test_examples_are_valid_for_their_country(country):
    example = tax_ids.example(country)
    found = tax_ids.validate(example, country=country)  # one reading, not a placeholder
    assert found.country == country


def test_example_without_a_covered_country():
    # An EU VAT number with its prefix: valid without any country.
    for country in (None, "XK", "AQ"):
        found = tax_ids.validate(tax_ids.example(country))
        assert found.scheme == "eu.vat"


def test_generated_examples_are_valid_by_stdnum():
    for scheme, number in load_json("standardize", "tax_id_examples.json").items():
        module = _stdnum.resolve(scheme)
        assert module is not None, scheme
        assert module.is_valid(number), scheme


def test_every_country_stdnum_covers_is_reachable():
    for module in _stdnum.country_modules("PL") + _stdnum.country_modules("UA"):
        assert _stdnum.resolve(_stdnum.scheme_of(module)) is module
    assert _stdnum.country_modules("AQ") == ()
    assert _stdnum.country_modules("IS")


def test_unknown_country():
    with pytest.raises(ValidationError) as info:
        tax_ids.validate("5260250274", country="Atlantis")
    assert (info.value.code, info.value.field) == ("country.unknown", "country")


def test_a_broken_stdnum_module_counts_as_a_bad_format(monkeypatch):
    module = _stdnum.resolve("pl.nip")

    def boom(number):
        raise RuntimeError(number)

    monkeypatch.setattr(module, "validate", boom)
    monkeypatch.setattr(module, "format", boom)
    assert _stdnum.check(module, "5260250274") == _stdnum.Failure(module, "format")
    assert _stdnum.display(module, "5260250274") == "5260250274"


# National numbers whose digits also pass the LEI's bare mod 97 check (about
# one in 97): python-stdnum's LEI check does not look at the length.
_ALSO_MOD_97 = [
    ("5225134891", "PL", "pl.nip"),
    ("5104325853", "PL", "pl.nip"),
    ("5015083816", "PL", "pl.nip"),
]


@pytest.mark.parametrize(("number", "country", "scheme"), _ALSO_MOD_97)
def test_a_national_number_is_not_an_lei_of_the_wrong_length(number, country, scheme):
    assert _stdnum.resolve("lei").is_valid(number)  # what stdnum alone says
    assert tax_ids.validate(number, country=country) == TaxId(scheme=scheme, value=number)
    assert [t.scheme for t in tax_ids.detect(number, country=country)] == [scheme]
    with pytest.raises(ValidationError) as info:
        tax_ids.validate(number, scheme="lei")
    assert info.value.code == "tax_id.bad_length"


def test_an_lei_has_twenty_characters():
    assert str(tax_ids.validate("5493001KJTIIGC8Y1R12")) == "lei:5493001KJTIIGC8Y1R12"
    assert str(tax_ids.validate("5493 001K JTII GC8Y 1R12", scheme="lei")) == (
        "lei:5493001KJTIIGC8Y1R12"
    )
    with pytest.raises(ValidationError) as info:
        tax_ids.validate("1", scheme="lei")  # 1 mod 97 is 1: stdnum alone accepts it
    assert info.value.code == "tax_id.bad_length"

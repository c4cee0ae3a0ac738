from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import postal_codes

from .corpus import corpus
from .strategies import postal_like_text
from .support import outcome

VALID = corpus("postal_codes")["valid"]
INVALID = corpus("postal_codes")["invalid"]


@pytest.mark.parametrize(("country", "raw", "canonical"), VALID)
def test_valid_codes_become_canonical(country, raw, canonical):
    assert postal_codes.validate(raw, country=country) == canonical
    assert postal_codes.validate(canonical, country=country) == canonical
    assert postal_codes.is_valid(raw, country=country)
    assert postal_codes.format(raw, country=country) == canonical


@pytest.mark.parametrize(("country", "raw"), INVALID)
def test_invalid_codes_are_refused_with_a_hint(country, raw):
    with pytest.raises(ValidationError) as info:
        postal_codes.validate(raw, country=country)
    assert info.value.code == "postal_code.bad_format"
    assert info.value.field == "postal_code"
    assert info.value.value == raw
    assert info.value.hint
    assert not postal_codes.is_valid(raw, country=country)


def test_every_listed_market_has_a_format():
    markets = {"PL", "UA", "RU", "GR", "DE", "GB", "US", "CZ", "SK", "LT", "LV", "EE"}
    markets |= {"RO", "BG", "FR", "IT", "ES"}
    assert markets <= set(postal_codes.known_countries())


@pytest.mark.parametrize("country", postal_codes.known_countries())
def test_each_example_is_valid_and_canonical(country):
    example = postal_codes.example(country)
    assert postal_codes.validate(example, country=country) == example


def test_hint_shows_the_countrys_example():
    with pytest.raises(ValidationError) as info:
        postal_codes.validate("123", country="PL")
    assert info.value.hint == "00-950 (NN-NNN)"


@pytest.mark.parametrize("country", ["Atlantis", "Polska", "POL", "XX", ""])
def test_an_unknown_country_is_an_error_of_the_argument(country):
    with pytest.raises(ValidationError) as info:
        postal_codes.validate("00-950", country=country)
    assert (info.value.code, info.value.field, info.value.value) == (
        "country.unknown",
        "country",
        country,
    )


def test_countries_outside_the_table_are_accepted_leniently():
    assert postal_codes.validate(" 1425  ab ", country="AR") == "1425 AB"
    assert postal_codes.example("AR") == "12345"
    assert postal_codes.example() == "00-950"


def _result(func, raw, country):
    """Return the code ``func`` gives, or the reason code of its error."""
    found = outcome(func, raw, country=country)
    return found.code if isinstance(found, ValidationError) else found


@given(
    postal_like_text,
    st.sampled_from(
        ["PL", "UA", "RU", "GR", "DE", "GB", "US", "LT", "CZ", "IE", "XX", "pl", "Polska"]
    ),
)
def test_the_plain_shortcut_gives_what_the_general_path_gives(raw, country):
    assert _result(postal_codes.validate, raw, country) == _result(
        postal_codes._validate, raw, country
    )


@pytest.mark.parametrize(
    ("raw", "country"),
    [
        ("00-950", "PL"),
        ("01001", "UA"),
        ("125009", "RU"),
        ("105 57", "GR"),
        ("10115", "DE"),
        ("SW1A 2AA", "GB"),
        ("20500-0001", "US"),
        ("sw1a 2aa", "GB"),
        ("1234", "IE"),
        ("x" * 40, "PL"),
    ],
)
def test_real_codes_give_what_the_general_path_gives(raw, country):
    assert _result(postal_codes.validate, raw, country) == _result(
        postal_codes._validate, raw, country
    )


@given(st.one_of(postal_like_text, st.text(max_size=12)))
def test_separators_are_taken_out_as_the_pattern_takes_them(text):
    assert postal_codes._compact(text) == postal_codes._SEPARATORS.sub("", text)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Τ.Κ. 546 23", "546 23"),
        ("ΤΚ 26221", "262 21"),
        ("τ. κ. 71202", "712 02"),
        ("Τ.Κ.11526", "115 26"),
    ],
)
def test_a_greek_postal_code_may_carry_its_label(raw, code):
    assert postal_codes.validate(raw, country="GR") == code

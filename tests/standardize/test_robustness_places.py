"""Any text, any supported country and locale: a value or a ValidationError, idempotent."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import (
    _address_parse,
    _address_quick,
    _address_rules,
    _country_index,
    addresses,
    countries,
    dates,
    postal_codes,
    standardize_record,
    tax_ids,
)
from crmcore.standardize._base import MAX_INPUT_LENGTH

from .strategies import PLACE_COUNTRIES, PLACE_LOCALES, place_text
from .support import outcome

_SETTINGS = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])

# Each family with a value of another type, a blank text and the country it is asked for.
UNUSABLE = [
    (addresses, 5, " , ", None),
    (countries, 616, " ", None),
    (dates, 20261123, " ", None),
    (postal_codes, 950, "   ", "PL"),
    (tax_ids, 5260250274, " ", "PL"),
]


@pytest.mark.parametrize(
    ("module", "raw", "country"),
    [
        pytest.param(module, raw, country, id=f"{module.FIELD}-{raw!r:.10}")
        for module, other, blank, country in UNUSABLE
        for raw in (None, other, "", blank, "x" * 1001)
    ],
)
def test_unusable_input(module, raw, country):
    options = {"country": country} if country else {}
    with pytest.raises(ValidationError) as info:
        module.validate(raw, **options)
    field = module.FIELD
    assert info.value.code in {f"{field}.not_text", f"{field}.empty", f"{field}.too_long"}


@_SETTINGS
@given(place_text, PLACE_LOCALES)
def test_countries(raw, locale):
    found = outcome(countries.validate, raw, locale=locale)
    if not isinstance(found, ValidationError):
        assert countries.validate(found) == found
        assert countries.is_valid(raw, locale=locale)


@_SETTINGS
@given(place_text, PLACE_COUNTRIES.filter(bool))
def test_postal_codes(raw, country):
    found = outcome(postal_codes.validate, raw, country=country)
    if not isinstance(found, ValidationError):
        assert postal_codes.validate(found, country=country) == found


@_SETTINGS
@given(place_text, PLACE_COUNTRIES, PLACE_LOCALES)
def test_addresses(raw, country, locale):
    found = outcome(addresses.validate, raw, country=country, locale=locale)
    if not isinstance(found, ValidationError):
        assert addresses.validate(str(found)) == found
        assert addresses.validate(str(found), country=country, locale=locale) == found
        assert isinstance(addresses.format(found, style="lines"), str)


@_SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(addresses.PARTS[:-1]), st.one_of(st.none(), place_text), max_size=7
    ),
    PLACE_COUNTRIES,
)
def test_address_parts(parts, country):
    found = outcome(addresses.validate, parts, country=country)
    if not isinstance(found, ValidationError):
        assert addresses.validate(str(found)) == found


@_SETTINGS
@given(place_text, PLACE_COUNTRIES)
def test_tax_ids(raw, country):
    found = outcome(tax_ids.validate, raw, country=country)
    if not isinstance(found, ValidationError):
        assert tax_ids.validate(str(found)) == found
        assert tax_ids.format(found)
    readings = outcome(tax_ids.detect, raw, country=country)
    if not isinstance(readings, ValidationError):
        assert all(tax_ids.validate(str(t)) == t for t in readings)


@_SETTINGS
@given(place_text, PLACE_LOCALES, PLACE_COUNTRIES)
def test_dates(raw, locale, country):
    found = outcome(dates.validate, raw, locale=locale, country=country)
    if not isinstance(found, ValidationError):
        assert isinstance(found, dt.date)
        assert dates.validate(found.isoformat()) == found


@_SETTINGS
@given(
    st.dates(min_value=dt.date(1000, 1, 1)),
    st.sampled_from(["pl_PL", "uk_UA", "ru_RU", "el_GR", "de_DE", "en_GB", "en_US", "el_CY"]),
)
def test_dates_read_back_their_own_display(day, locale):
    # A locale naming its territory orders the numeric forms: "el" alone does not.
    for style in ("short", "medium", "long", "full"):
        shown = dates.format(day, locale=locale, style=style)
        if style == "short" and not 1969 <= day.year <= 2068:
            continue  # a two-digit year means another century
        assert dates.validate(shown, locale=locale) == day, shown
        country = locale[-2:]
        assert dates.validate(shown, country=country, locale=locale[:2]) == day, shown


# Hostile text: the worst cases of the patterns' shapes (long runs of digits,
# dashes, spaces, letters, dots and brackets, and their mixes, each with a
# character at the end that makes a pattern fail late).
_RUNS = (
    "1",
    "1-",
    "12-",
    "12 ",
    " ",
    "-",
    "a",
    "A",
    "Ab.",
    ".",
    "1.",
    "1 . ",
    "(",
    "a(",
    "ΑΒ",
    "7а ",
)
_ENDS = ("", "-", "x", "!", ")", " ", ".")
_PLACE_MODULES = (
    _address_parse,
    _address_quick,
    _address_rules,
    _country_index,
    addresses,
    countries,
    dates,
    postal_codes,
)


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Return every pattern of the place and date modules, and of the postal formats."""
    found = [
        (f"{module.__name__}.{name}", value)
        for module in _PLACE_MODULES
        for name, value in vars(module).items()
        if isinstance(value, re.Pattern)
    ]
    for country, spec in postal_codes._formats().items():
        found.extend((f"postal format {country}", pattern) for pattern, _ in spec.patterns)
    return found


@pytest.mark.parametrize(
    ("name", "pattern"), _patterns(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_no_pattern_backtracks_on_long_text(name, pattern):
    assert len(_patterns()) > 20  # the modules' own patterns and the postal formats
    for run in _RUNS:
        for end in _ENDS:
            text = run * (20_000 // len(run)) + end
            started = time.perf_counter()
            pattern.search(text)
            pattern.fullmatch(text)
            pattern.split(text, maxsplit=10)
            elapsed = time.perf_counter() - started
            assert elapsed < 0.5, f"{name} took {elapsed:.2f} s on {run!r} * n + {end!r}"


_HOSTILE = st.lists(
    st.tuples(st.sampled_from(_RUNS), st.integers(1, 600), st.sampled_from(_ENDS)).map(
        lambda t: t[0] * t[1] + t[2]
    ),
    min_size=1,
    max_size=4,
).map("".join)


@settings(
    deadline=dt.timedelta(milliseconds=400),
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(_HOSTILE, PLACE_COUNTRIES, PLACE_LOCALES)
def test_long_hostile_text_is_answered_quickly(raw, country, locale):
    outcome(addresses.validate, raw, country=country, locale=locale)
    outcome(dates.validate, raw, locale=locale, country=country)
    outcome(countries.validate, raw, locale=locale)
    assert countries.lookup(raw) is None or len(raw) <= MAX_INPUT_LENGTH
    if country:
        outcome(postal_codes.validate, raw, country=country)
        found = postal_codes.canonical(raw.upper(), country)
        assert found is None or len(raw) <= MAX_INPUT_LENGTH


@pytest.mark.parametrize("country", ["RU", "UA", "GR", "DE", "US"])
@pytest.mark.parametrize(
    "raw", ["4" * 44 + "-", "вул. Садова 3, " + "09" * 30 + " -", "12-" * 300 + "x"]
)
def test_a_long_run_of_digits_is_read_quickly(raw, country):
    started = time.perf_counter()
    found = outcome(addresses.validate, raw, country=country)
    record = standardize_record({"address": raw}, country=country)
    assert time.perf_counter() - started < 1.0
    if isinstance(found, ValidationError):
        assert record.issues["address"][0].code == found.code
    else:
        assert record.values["address"] == found


@pytest.mark.parametrize("part", addresses.PARTS[:-1])
def test_each_part_of_an_address_keeps_the_length_cap(part):
    with pytest.raises(ValidationError) as info:
        addresses.validate({part: "Шевченка 7 " * 200}, country="UA")
    assert info.value.code == "address.too_long"
    assert info.value.field == f"address.{part}"


def test_the_helpers_keep_the_length_cap():
    long_name = "Ελλάδα" * (MAX_INPUT_LENGTH // 6 + 1)
    assert countries.lookup(long_name) is None
    assert postal_codes.canonical("9" * (MAX_INPUT_LENGTH + 1), "XK") is None
    assert postal_codes.canonical("0" * (MAX_INPUT_LENGTH + 1), "PL") is None

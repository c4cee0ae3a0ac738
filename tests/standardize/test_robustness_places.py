"""Any text, any supported country and locale: a value or a ValidationError, idempotent."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import addresses, countries, dates, postal_codes, tax_ids

from .strategies import PLACE_COUNTRIES, PLACE_LOCALES, place_text
from .support import outcome

_SETTINGS = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])


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
@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from(["pl", "uk", "ru", "el", "de"]))
def test_dates_read_back_their_own_display(day, locale):
    for style in ("short", "medium", "long", "full"):
        shown = dates.format(day, locale=locale, style=style)
        if style == "short" and not 1969 <= day.year <= 2068:
            continue  # a two-digit year means another century
        assert dates.validate(shown, locale=locale) == day, shown

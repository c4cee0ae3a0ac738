from __future__ import annotations

import datetime as dt

import babel
import pytest

from crmcore.errors import ValidationError
from crmcore.standardize import _dates, dates
from crmcore.standardize._data import load_json
from crmcore.standardize._locales import parse_locale

from .corpus import corpus

VALID = corpus("dates")["valid"]
INVALID = corpus("dates")["invalid"]


@pytest.mark.parametrize(("raw", "locale", "country", "iso"), VALID)
def test_valid_dates(raw, locale, country, iso):
    found = dates.validate(raw, locale=locale, country=country)
    assert found == dt.date.fromisoformat(iso)
    assert dates.validate(found.isoformat()) == found
    assert dates.is_valid(raw, locale=locale, country=country)


@pytest.mark.parametrize(("raw", "locale", "country", "code"), INVALID)
def test_invalid_dates(raw, locale, country, code):
    with pytest.raises(ValidationError) as info:
        dates.validate(raw, locale=locale, country=country)
    assert info.value.code == code
    assert info.value.field == "date"
    assert info.value.hint
    assert not dates.is_valid(raw, locale=locale, country=country)


def test_ambiguous_dates_name_the_cure():
    with pytest.raises(ValidationError) as info:
        dates.validate("01/02/2026")
    assert "locale" in info.value.hint


def test_impossible_dates_show_the_reading():
    with pytest.raises(ValidationError) as info:
        dates.validate("31.02.2026")
    assert info.value.hint.endswith("2026-02-31")


def test_two_digit_years_pivot():
    assert dates.validate("01.01.68").year == 2068
    assert dates.validate("01.01.69").year == 1969
    assert dates.TWO_DIGIT_YEAR_PIVOT == 69


def test_date_objects_pass_through():
    day = dt.date(2026, 11, 23)
    assert dates.validate(day) is day
    assert dates.validate(dt.datetime(2026, 11, 23, 10, 30, tzinfo=dt.UTC)) == day


@pytest.mark.parametrize(
    ("locale", "short", "long"),
    [
        ("pl", "23.11.2026", "23 listopada 2026"),
        ("uk", "23.11.26", "23 листопада 2026 р."),
        ("ru", "23.11.2026", "23 ноября 2026 г."),
        ("el", "23/11/26", "23 Νοεμβρίου 2026"),
        ("de", "23.11.26", "23. November 2026"),
        ("en_GB", "23/11/2026", "23 November 2026"),
        ("en_US", "11/23/26", "November 23, 2026"),
    ],
)
def test_format_round_trips_in_its_locale(locale, short, long):
    day = dt.date(2026, 11, 23)
    assert dates.format(day, locale=locale, style="short") == short
    assert dates.format(day, locale=locale, style="long") == long
    assert dates.validate(short, locale=locale) == day
    assert dates.validate(long, locale=locale) == day
    assert dates.validate(dates.format(day, locale=locale, style="full"), locale=locale) == day


def test_format_iso_and_text():
    assert dates.format("23 listopada 2026", style="iso") == "2026-11-23"
    assert dates.format("23.11.2026", locale="pl", style="medium") == "23 lis 2026"


def test_example():
    assert dates.example() == "2026-11-23"
    assert dates.example("PL") == "23.11.2026"
    assert dates.validate(dates.example("US"), country="US") == dt.date(2026, 11, 23)


def test_day_first_by_locale():
    assert _dates.day_first(parse_locale("pl"))
    assert _dates.day_first(parse_locale("en_GB"))
    assert not _dates.day_first(parse_locale("en_US"))
    # Year-first locales read a date with the year last day first.
    assert _dates.day_first(parse_locale("lt"))
    assert dates.validate("01.02.2026", locale="lt") == dt.date(2026, 2, 1)


def test_a_month_name_of_two_months_is_ambiguous(monkeypatch):
    monkeypatch.setattr(_dates, "month_names", lambda _locale: {"foo": frozenset({1, 2})})
    with pytest.raises(ValidationError) as info:
        dates.validate("23 foo 2026")
    assert info.value.code == "date.ambiguous"


def test_month_names_come_from_cldr():
    names = _dates.month_names(None)
    assert names["listopada"] == {11}
    assert names["νοεμβριου"] == {11}
    assert names["нояб"] == {11}


def test_the_shipped_month_and_weekday_names_are_cldrs():
    # Run always: a difference is drift from the installed Babel, fixed by
    # running tools/gen_cldr_tables.py and committing the table.
    shipped = load_json("date_names.json")
    months, weekdays = _dates.cldr_names()
    assert shipped["months"] == months, f"stale for Babel {babel.__version__}"
    assert shipped["weekdays"] == weekdays, f"stale for Babel {babel.__version__}"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("sunnuntaina 8. maaliskuuta 2026", "2026-03-08"),  # Finnish, "on Sunday"
        ("keskiviikkona 14. tammikuuta 1981", "1981-01-14"),
        ("neděle 3. května 1992", "1992-05-03"),
    ],
)
def test_weekday_forms_of_every_configured_locale_are_read(raw, iso):
    assert dates.validate(raw) == dt.date.fromisoformat(iso)


def test_a_locales_weekdays_are_skipped():
    assert dates.validate("pon., 23.11.2026", locale="pl") == dt.date(2026, 11, 23)
    assert dates.validate("Δευτέρα 23 Νοεμβρίου 2026", locale="el") == dt.date(2026, 11, 23)

from __future__ import annotations

import datetime as dt

import babel
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore._data import load_json
from crmcore._i18n import translations
from crmcore.errors import ValidationError
from crmcore.standardize import dates, hint, standardize_record
from crmcore.standardize import dates as _dates
from crmcore.standardize._base import parse_locale
from crmcore.standardize._country_index import country_codes
from crmcore.standardize.dates import _PLACEHOLDERS as DATE_PLACEHOLDERS

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
    assert "country" in info.value.hint


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


@pytest.mark.parametrize(
    ("locale", "order"),
    [("pl", "dmy"), ("en_GB", "dmy"), ("uk_UA", "dmy"), ("en_US", "mdy"), ("lt", "ymd")],
)
def test_the_numeric_order_is_the_locales(locale, order):
    assert _dates._numeric_order(parse_locale(locale)) == order


def test_a_year_first_convention_says_nothing_of_a_date_ending_with_the_year():
    # Dots are day first, other separators read only one way.
    assert dates.validate("01.02.2026", locale="lt") == dt.date(2026, 2, 1)
    assert dates.validate("25/12/2020", country="CA") == dt.date(2020, 12, 25)
    # A two-digit year first is read as the convention has it.
    assert dates.validate("91. 4. 7.", country="KR") == dt.date(1991, 4, 7)
    assert dates.validate(dates.example("KP"), country="KP") == dt.date(2026, 11, 23)


def test_a_month_name_of_two_months_is_ambiguous(monkeypatch):
    monkeypatch.setattr(_dates, "_month_names", lambda _locale: {"foo": frozenset({1, 2})})
    with pytest.raises(ValidationError) as info:
        dates.validate("23 foo 2026")
    assert info.value.code == "date.ambiguous"


def test_month_names_come_from_cldr():
    names = _dates._month_names(None)
    assert names["listopada"] == {11}
    assert names["νοεμβριου"] == {11}
    assert names["нояб"] == {11}


def test_the_shipped_month_and_weekday_names_are_cldrs():
    # Run always: a difference is drift from the installed Babel, fixed by
    # running tools/gen_cldr_tables.py and committing the table.
    shipped = load_json("standardize", "date_names.json")
    months, weekdays = _dates._cldr_names()
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


_HINT_LOCALES = [None, "en", "de", "el", "pl", "ru", "uk", "en_GB", "en_US", "fr_FR", "pl_PL", "xx"]


def test_every_date_hint_shows_what_the_reader_reads():
    """For every country and hint locale, the hint's example and pattern read as shown.

    The pattern is filled in with a day and a month that are both 12 or
    less: it reads back as that date only if the reader orders the parts as
    the hint shows them. The reader gets what ``standardize_record`` gives it.
    """
    probe = dt.date(1987, 4, 9)
    checked = 0
    for country in [None, *sorted(country_codes())]:
        for locale in _HINT_LOCALES:
            shown = hint("date", country=country, locale=locale)
            reading = parse_locale(locale) and str(parse_locale(locale)) if locale else None
            assert dates.validate(shown.example, country=country, locale=reading) == dt.date(
                2026, 11, 23
            ), (country, locale, shown)
            catalogue = translations(locale)
            day, month, year = (catalogue.gettext(p) for p in DATE_PLACEHOLDERS)
            text = shown.description
            start = min(text.index(day), text.index(month), text.index(year))
            end = max(text.index(p) + len(p) for p in (day, month, year))
            pattern = text[start:end]
            filled = pattern.replace(year, "1987").replace(month, "04").replace(day, "09")
            assert dates.validate(filled, country=country, locale=reading) == probe, (
                country,
                locale,
                shown,
            )
            checked += 1
    assert checked == (len(country_codes()) + 1) * len(_HINT_LOCALES)


@pytest.mark.parametrize(
    ("raw", "locale", "country", "iso"),
    [
        ("08/09/1979", "en", "IE", "1979-09-08"),
        ("08/09/1979", "en", "AU", "1979-09-08"),
        ("08/09/1979", "de", "US", "1979-08-09"),
        ("08/09/1979", "en_US", "NZ", "1979-09-08"),
        ("08/09/1979", "ru", "BY", "1979-09-08"),
        ("08-09-1979", "uk", "UA", "1979-09-08"),
    ],
)
def test_the_country_orders_numeric_dates_not_the_language(raw, locale, country, iso):
    assert dates.validate(raw, locale=locale, country=country) == dt.date.fromisoformat(iso)
    record = standardize_record({"date": raw}, country=country, locale=locale)
    assert record.values["date"] == dt.date.fromisoformat(iso)


@pytest.mark.parametrize(
    ("raw", "locale", "country"),
    [
        ("12.25.2019", None, "AT"),  # month 25 in a day-first country
        ("07.13.1966", "el", "GR"),
        ("13/12/2019", "en", "US"),  # month 13 in a month-first country
        ("25-12-2019", None, "PH"),
        ("31.31.2001", None, None),
        ("14.15.1990", "pl", None),
    ],
)
def test_a_thirteenth_month_is_an_error_not_a_swap(raw, locale, country):
    with pytest.raises(ValidationError) as info:
        dates.validate(raw, locale=locale, country=country)
    assert info.value.code == "date.impossible"
    record = standardize_record({"date": raw}, country=country, locale=locale)
    assert record.values["date"] == raw  # kept as written, with its issue
    assert record.issues["date"][0].code == "date.impossible"


@pytest.mark.parametrize("locale", ["en", "el", "de", "fr", "ru"])
@pytest.mark.parametrize("raw", ["04/05/1996", "10-11-2003", "02/12/84"])
def test_a_bare_language_orders_nothing(raw, locale):
    with pytest.raises(ValidationError) as info:
        dates.validate(raw, locale=locale)
    assert info.value.code == "date.ambiguous"
    record = standardize_record({"date": raw}, locale=locale)
    assert record.issues["date"][0].code == "date.ambiguous"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("17 III 1964", "1964-03-17"),
        ("01.IX.2015", "2015-09-01"),
        ("30-XI-1999", "1999-11-30"),
        ("8 VIII 2003 r.", "2003-08-08"),
        ("28.II.21", "2021-02-28"),
        ("1 I 2000 roku", "2000-01-01"),
        ("14 VII 1789", "1789-07-14"),
    ],
)
def test_roman_numeral_months_are_read(raw, iso):
    assert dates.validate(raw) == dt.date.fromisoformat(iso)
    assert dates.validate(raw, locale="pl", country="PL") == dt.date.fromisoformat(iso)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("31 IV 2001", "date.impossible"),  # April has 30 days
        ("5 XIII 1980", "date.unparseable"),  # no thirteenth month
        ("9 iv 1990", "date.unparseable"),  # Roman months are read in capitals only
        ("IV 1990", "date.unparseable"),
    ],
)
def test_roman_numerals_that_are_no_date(raw, code):
    with pytest.raises(ValidationError) as info:
        dates.validate(raw)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("21η Μαρτίου 1995", "1995-03-21"),
        ("3ης Οκτωβρίου 2011", "2011-10-03"),
        ("Κυριακή, 12 Ιουνίου 1988", "1988-06-12"),
        ("Σάββατο 1η Φεβρουαρίου 2020", "2020-02-01"),
        ("της 25ης Δεκεμβρίου 1970", "1970-12-25"),
        ("ΤΕΤΑΡΤΗ 7 ΙΟΥΛΙΟΥ 1999", "1999-07-07"),
        ("την 30ή Απριλίου 2004", "2004-04-30"),
    ],
)
def test_greek_ordinal_days_and_genitive_months_are_read(raw, iso):
    assert dates.validate(raw) == dt.date.fromisoformat(iso)
    assert dates.validate(raw, locale="el", country="GR") == dt.date.fromisoformat(iso)


_GREEK = parse_locale("el")


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    separator=st.sampled_from([" ", ".", "-", ". "]),
    suffix=st.sampled_from(["", " r.", " roku"]),
)
def test_any_date_with_a_roman_month_reads_as_itself(day, separator, suffix):
    roman = _dates._roman(day.month)
    raw = f"{day.day:02d}{separator}{roman}{separator}{day.year}{suffix}"
    assert dates.validate(raw) == day, raw


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    ordinal=st.sampled_from(["", "η", "ης", "ή"]),
    weekday=st.booleans(),
)
def test_any_greek_date_with_an_ordinal_day_reads_as_itself(day, ordinal, weekday):
    month = _GREEK.months["format"]["wide"][day.month]  # the genitive: "Μαΐου"
    head = f"{_GREEK.days['format']['wide'][day.weekday()]}, " if weekday else ""
    raw = f"{head}{day.day}{ordinal} {month} {day.year}"
    assert dates.validate(raw) == day, raw
    assert dates.validate(raw, locale="el") == day, raw

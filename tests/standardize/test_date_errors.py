"""The errors of dates carry all their data, and the country and locale each do their part.

An application shows an error's message and hint and reads its field, value
and code, so each refusal is checked whole.
"""

from __future__ import annotations

import datetime as dt

import pytest

from crmcore.errors import ValidationError, localize
from crmcore.standardize import dates

HINT = "a date such as 2026-11-23 or 23.11.2026"


def _data(error: ValidationError) -> tuple[object, ...]:
    return (error.code, error.field, error.value, str(error.message), error.hint)


def _refusal(raw: object, **kwargs: str) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        dates.validate(raw, **kwargs)
    assert not dates.is_valid(raw, **kwargs)
    return info.value


@pytest.mark.parametrize(
    ("raw", "kwargs"),
    [
        ("01/02/2026", {}),
        ("04/05/1996", {"locale": "en"}),
        ("10-11-2003", {"locale": "el"}),
    ],
)
def test_an_ambiguous_date_says_how_to_settle_it(raw: str, kwargs: dict[str, str]) -> None:
    assert _data(_refusal(raw, **kwargs)) == (
        "date.ambiguous",
        "date",
        raw,
        "the date can be read in more than one way",
        "day and month could be either way round; give the country, or write 2026-11-23",
    )


@pytest.mark.parametrize(
    ("raw", "kwargs", "reading"),
    [
        ("31.02.2026", {}, "2026-02-31"),
        ("05.13.1980", {"country": "PL"}, "1980-13-05"),
        ("23/11/2026", {"country": "US"}, "2026-23-11"),
        ("29.02.2027", {"locale": "de"}, "2027-02-29"),
        ("31 IV 2001", {}, "2001-04-31"),
    ],
)
def test_an_impossible_date_shows_how_it_was_read(
    raw: str, kwargs: dict[str, str], reading: str
) -> None:
    assert _data(_refusal(raw, **kwargs)) == (
        "date.impossible",
        "date",
        raw,
        "the date does not exist in the calendar",
        f"a date that exists; read as {reading}",
    )


@pytest.mark.parametrize("raw", ["hello", "23 listopada", "2026", "5 XIII 1980", "ΙΟΥΛΙΟΣ"])
def test_text_that_is_no_date_is_refused_whole(raw: str) -> None:
    error = _refusal(raw)
    assert _data(error) == ("date.unparseable", "date", raw, "the value is not a date", HINT)
    assert localize(error, "uk").message != error.message


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        (None, "date.not_text", "the value is not text"),
        (20261123, "date.not_text", "the value is not text"),
        ("  ", "date.empty", "the value is empty"),
    ],
)
def test_unusable_input_is_refused_whole(raw: object, code: str, message: str) -> None:
    assert _data(_refusal(raw)) == (code, "date", raw, message, HINT)


@pytest.mark.parametrize("locale", ["xx_YY", "klingon", "", "pl_XX_YY_ZZ"])
def test_an_unknown_locale_is_refused_and_named(locale: str) -> None:
    with pytest.raises(ValidationError) as info:
        dates.format("23.11.2026", locale=locale)
    for error in (_refusal("23.11.2026", locale=locale), info.value):
        assert _data(error) == (
            "date.unknown_locale",
            "date",
            "23.11.2026",
            "the locale is not known",
            f"a CLDR locale such as pl, uk, el or en_GB, not {locale!r}",
        )


@pytest.mark.parametrize("country", ["Narnia", "Polska", "GRC", "XX", ""])
def test_an_unknown_country_is_refused_as_every_country_argument_is(country: str) -> None:
    # An argument's error, not the date's: is_valid raises it too.
    errors = []
    for check in (dates.validate, dates.is_valid, dates.example):
        with pytest.raises(ValidationError) as info:
            check(*(("23.11.2026",) if check is not dates.example else ()), country=country)
        errors.append(info.value)
    for error in errors:
        assert _data(error) == (
            "country.unknown",
            "country",
            country,
            "the country is not an ISO 3166-1 alpha-2 code",
            "a two-letter code such as PL, UA, GR or DE",
        )


# --- the locale names the months, the country orders the numbers --------------------------


@pytest.mark.parametrize(
    ("kwargs", "month"),
    [
        ({}, 11),  # Polish and Czech, the configured locales: November
        ({"locale": "pl"}, 11),
        ({"locale": "hr"}, 10),  # Croatian: October
        ({"country": "HR"}, 10),  # the country's main locale names the months
        ({"country": "HR", "locale": "pl"}, 11),  # the locale, when given, does
        ({"country": "PL", "locale": "hr"}, 10),
        ({"country": "PL"}, 11),
    ],
)
def test_a_month_name_is_read_in_the_locale_else_in_the_countrys(
    kwargs: dict[str, str], month: int
) -> None:
    assert dates.validate("5 listopada 2026", **kwargs) == dt.date(2026, month, 5)


@pytest.mark.parametrize(
    ("kwargs", "iso"),
    [
        ({"locale": "en_US"}, "2026-01-02"),  # the locale's territory, without a country
        ({"locale": "en_GB"}, "2026-02-01"),
        ({"country": "US"}, "2026-01-02"),
        ({"country": "GB"}, "2026-02-01"),
        ({"locale": "en_US", "country": "GB"}, "2026-02-01"),  # the country wins
        ({"locale": "en_GB", "country": "US"}, "2026-01-02"),
        ({"locale": "uk", "country": "US"}, "2026-01-02"),
        ({"locale": "ru_UA"}, "2026-02-01"),
    ],
)
def test_the_country_orders_day_and_month(kwargs: dict[str, str], iso: str) -> None:
    assert dates.validate("01/02/2026", **kwargs) == dt.date.fromisoformat(iso)


# --- format and example ----------------------------------------------------------------------


def test_format_defaults_to_the_medium_english_form() -> None:
    day = dt.date(2026, 11, 23)
    assert dates.format(day) == "Nov 23, 2026"
    assert dates.format(day) == dates.format(day, locale="en", style="medium")
    assert dates.format("23.11.2026") == "Nov 23, 2026"


@pytest.mark.parametrize(
    ("locale", "style", "shown"),
    [
        ("uk", "full", "понеділок, 23 листопада 2026 р."),
        ("ru", "long", "23 ноября 2026 г."),  # CLDR has a no-break space before г.
        ("fr", "full", "lundi 23 novembre 2026"),
        ("el", "medium", "23 Νοε 2026"),
        ("de", "iso", "2026-11-23"),
    ],
)
def test_format_has_plain_spaces(locale: str, style: dates.Style, shown: str) -> None:
    text = dates.format(dt.date(2026, 11, 23), locale=locale, style=style)
    assert text == shown
    assert "\u00a0" not in text
    assert "\u202f" not in text


def test_format_reads_text_in_its_locale() -> None:
    # "listopad" is November in Polish, October in Croatian.
    assert dates.format("5 listopada 2026", locale="hr", style="iso") == "2026-10-05"
    assert dates.format("5 listopada 2026", locale="pl", style="iso") == "2026-11-05"


@pytest.mark.parametrize(
    ("country", "shown"),
    [
        (None, "2026-11-23"),
        ("AQ", "2026-11-23"),  # no locale of its own
        ("PL", "23.11.2026"),
        ("US", "11/23/26"),
        ("GB", "23/11/2026"),
        ("DE", "23.11.26"),
        ("UA", "23.11.26"),
        ("GR", "23/11/26"),
        ("pl", "23.11.2026"),
        (" pl ", "23.11.2026"),
    ],
)
def test_the_example_is_the_countrys_short_form(country: str | None, shown: str) -> None:
    assert dates.example(country) == shown
    assert dates.validate(shown, country=country) == dt.date(2026, 11, 23)

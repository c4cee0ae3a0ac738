"""Reading dates: numeric forms by locale order, month names from CLDR."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import TYPE_CHECKING, Literal, NamedTuple

from babel.dates import format_date

from crmcore._data import load_json
from crmcore.standardize._base import country_locale, parse_locale
from crmcore.standardize._country_index import country_codes
from crmcore.standardize._fold import fold

if TYPE_CHECKING:
    from collections.abc import Mapping

    from babel import Locale

__all__ = [
    "TWO_DIGIT_YEAR_PIVOT",
    "Order",
    "Reading",
    "cldr_names",
    "month_names",
    "numeric_order",
    "ordering_locale",
    "read",
    "shown_locale",
]

#: Two-digit years below the pivot are in the 2000s, the others in the 1900s
#: (``"23.11.26"`` is 2026, ``"01.05.75"`` is 1975), as POSIX ``strptime`` does.
TWO_DIGIT_YEAR_PIVOT = 69

_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.ASCII,
)
_ISO_BASIC = re.compile(r"(\d{4})(\d{2})(\d{2})", re.ASCII)
_NUMERIC = re.compile(r"(\d{1,4})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{1,4})", re.ASCII)
# A number with letters stuck to it: "23rd", "1er", "2026r", "5η".
_NUMBER_WORD = re.compile(r"([0-9]{1,4})([^\W\d_]*)")
# The words of a text, as written: Roman numerals are read in capitals only.
_WORDS = re.compile(r"[\W_]+")
_ROMAN_DIGITS = (("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))
_YEAR_DIGITS = {2, 4}

Problem = Literal["unparseable", "ambiguous", "impossible"]

#: The order of the parts of a numeric date: day, month, year and the others.
Order = Literal["dmy", "mdy", "ymd"]


class Reading(NamedTuple):
    """The outcome of reading a date: a date, or what is wrong."""

    date: dt.date | None
    problem: Problem | None = None
    detail: str = ""


def _month_index(locale: Locale) -> dict[str, set[int]]:
    index: dict[str, set[int]] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                index.setdefault(fold(str(name)), set()).add(int(number))
    return index


def _locales() -> list[Locale]:
    found = [parse_locale(i) for i in load_json("standardize", "dates.json")["locales"]]
    return [locale for locale in found if locale is not None]


def _weekday_index(locale: Locale) -> set[str]:
    names: set[str] = set()
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            names.update(fold(str(n)) for n in locale.days[context][width].values())
    return names


def cldr_names() -> tuple[dict[str, list[int]], list[str]]:
    """Build the month and weekday names of the configured locales from Babel's CLDR data.

    This loads every configured locale (about 30 MiB in Babel's cache), so the
    same tables ship in ``data/date_names.json``, generated from this function
    by ``tools/gen_cldr_tables.py``.
    """
    months: dict[str, set[int]] = {}
    weekdays: set[str] = set()
    for locale in _locales():
        for name, numbers in _month_index(locale).items():
            months.setdefault(name, set()).update(numbers)
        weekdays |= _weekday_index(locale)
    return {k: sorted(v) for k, v in sorted(months.items())}, sorted(weekdays)


@cache
def month_names(locale: Locale | None) -> Mapping[str, frozenset[int]]:
    """Return folded month names (all forms) to month numbers, of one locale or all.

    A name that means different months in different locales maps to all of them.
    """
    if locale is not None:
        return {k: frozenset(v) for k, v in _month_index(locale).items()}
    table = load_json("standardize", "date_names.json")["months"]
    return {k: frozenset(v) for k, v in table.items()}


@cache
def _local_months(locale: Locale) -> Mapping[str, frozenset[int]]:
    """Return the month names of all locales, the given locale's winning."""
    return {**month_names(None), **month_names(locale)}


@cache
def _weekday_names(locale: Locale | None) -> frozenset[str]:
    if locale is not None:
        names = _weekday_index(locale) | set(
            load_json("standardize", "date_names.json")["weekdays"]
        )
    else:
        names = set(load_json("standardize", "date_names.json")["weekdays"])
    return frozenset(names - set(_local_months(locale) if locale else month_names(None)))


@cache
def _ignored_words() -> frozenset[str]:
    data = load_json("standardize", "dates.json")
    return frozenset(fold(w) for w in data["year_suffixes"] + data["fillers"])


@cache
def numeric_order(locale: Locale) -> Order | None:
    """Return the order of the parts of the locale's numeric dates, or ``None``.

    The order is the one of the locale's short date pattern: ``"dmy"`` (``pl``,
    ``en_GB``), ``"mdy"`` (``en_US``) or ``"ymd"`` (``lt``, ``hu``, ``en_CA``,
    ``ko``). A year-first order says nothing of a date that ends with the
    year, which is read as one of no known order.
    """
    pattern = str(locale.date_formats["short"].pattern)
    day, month, year = pattern.find("d"), pattern.find("M"), pattern.find("y")
    if day < 0 or month < 0:  # pragma: no cover - every CLDR short pattern has both
        return None
    if 0 <= year < min(day, month):
        return "ymd"
    return "dmy" if day < month else "mdy"


def ordering_locale(locale: Locale | None, country: str | None) -> Locale | None:
    """Return the locale whose short date pattern orders day and month, or ``None``.

    The country's convention decides (its most likely locale: ``GB`` ->
    ``en_GB``, ``US`` -> ``en_US``), whatever the language of the text or of
    the interface; without a country, a locale that names its territory
    (``en_GB``, ``pl_PL``). A bare language (``en``, ``el``) orders nothing:
    English is written day first in Britain and month first in America.
    """
    if country is not None:
        return country_locale(country)
    if locale is not None and locale.territory:
        return locale
    return None


#: A date whose day and month are both 12 or less, and different: written in a
#: pattern, it reads back as itself only if the reader knows the pattern's order.
_PROBE = dt.date(2026, 6, 5)


@cache
def shown_locale(locale: str | None, country: str | None, language: str) -> Locale | None:
    """Return the locale whose numeric pattern a hint shows, or ``None`` for ISO 8601.

    It is the locale whose order :func:`read` follows for ``country`` and
    ``locale`` (:func:`ordering_locale`). Where no order is known, it is the
    locale of the hint's ``language`` if its short dates read without one
    (day first with dots), else none: YYYY-MM-DD reads the same everywhere.
    """
    parsed = parse_locale(locale) if locale else None
    ordering = ordering_locale(parsed, country if country in country_codes() else None)
    if ordering is not None:
        return ordering
    own = parsed if parsed is not None and parsed.language == language else parse_locale(language)
    if own is None:  # pragma: no cover - the hint languages are CLDR locales
        return None
    probe = format_date(_PROBE, "short", locale=own)
    return own if read(probe, None, None).date == _PROBE else None


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < TWO_DIGIT_YEAR_PIVOT else 1900
    return year


def _make(year: int, month: int, day: int) -> Reading:
    try:
        return Reading(dt.date(year, month, day))
    except ValueError:
        return Reading(None, "impossible", f"{year:04d}-{month:02d}-{day:02d}")


def _read_unordered(a: int, b: int, year: int, text: str) -> Reading:
    """Read day and month in whichever order is the only possible one."""
    if a > 12 >= b:
        return _make(year, b, a)
    if b > 12 >= a:
        return _make(year, a, b)
    if a > 12 and b > 12:
        return Reading(None, "impossible", text)
    return Reading(None, "ambiguous", "day and month could be either way round")


def _read_numeric(found: re.Match[str], order: Order | None) -> Reading:
    """Read a numeric date; ``order`` is :func:`numeric_order` of its convention, if known.

    A reading the order makes impossible (a 13th month) is an error, never
    read the other way round: that would be a guess at which of two
    conventions the writer broke.
    """
    first, sep, second, third = found.groups()
    if len(first) == 4:  # year first: always year, month, day
        return _make(int(first), int(second), int(third))
    if order == "ymd" and len(first) == 2 and len(third) <= 2:  # "26. 11. 23."
        return _make(_year(first), int(second), int(third))
    if len(first) > 2 or len(third) not in _YEAR_DIGITS:
        return Reading(None, "unparseable")
    a, b, year = int(first), int(second), _year(third)
    if order in {"dmy", "mdy"}:
        day, month = (a, b) if order == "dmy" else (b, a)
    elif sep == "." or a == b:
        day, month = a, b  # a dotted date is day first wherever dots are used
    else:
        return _read_unordered(a, b, year, found[0])
    return _make(year, month, day)


def _roman(number: int) -> str:
    """Return ``number`` (1 to 39) in Roman numerals.

    >>> [_roman(n) for n in (4, 9, 12)]
    ['IV', 'IX', 'XII']
    """
    digits = []
    for numeral, value in _ROMAN_DIGITS:
        count, number = divmod(number, value)
        digits.append(numeral * count)
    return "".join(digits)


@cache
def _roman_months() -> Mapping[str, frozenset[int]]:
    """Return the months in Roman numerals, folded ("v" -> May), as Polish dates write them."""
    return {fold(_roman(month)): frozenset({month}) for month in range(1, 13)}


def _capital_romans(text: str) -> frozenset[str]:
    """Return the folded words of ``text`` that are Roman-numeral months written in capitals."""
    if text.islower():
        return frozenset()
    return frozenset(
        key
        for word in _WORDS.split(text)
        if word.isupper() and (key := word.lower()) in _roman_months()
    )


def _read_words(text: str, locale: Locale | None) -> Reading:
    months = _local_months(locale) if locale else month_names(None)
    ignored = _ignored_words()
    weekdays = _weekday_names(locale)
    romans = _capital_romans(text)
    roman: tuple[frozenset[int], int] | None = None
    numbers: list[str] = []
    month: frozenset[int] | None = None
    month_at = -1
    for token in fold(text).split():
        if month is None and token in months:
            month, month_at = months[token], len(numbers)
            continue
        if roman is None and token in romans:
            # "5 V 1980", "05.V.1980": a Roman month in capitals, unless a
            # month is named as well (then it is a weekday, Hungarian "V").
            roman = (_roman_months()[token], len(numbers))
            continue
        number = _NUMBER_WORD.fullmatch(token)
        if number and (not number[2] or number[2] in ignored or number[2] in _ordinals()):
            numbers.append(number[1])
        elif token not in ignored and token not in weekdays:
            return Reading(None, "unparseable")
    if month is None and roman is not None:
        month, month_at = roman
    if month is None or len(numbers) != 2:
        return Reading(None, "unparseable")
    return _date_of(month, month_at, numbers)


def _date_of(month: frozenset[int], month_at: int, numbers: list[str]) -> Reading:
    """Return the date of a month and two numbers, the month before number ``month_at``."""
    if len(month) > 1:
        return Reading(None, "ambiguous", "the month name means different months")
    (month_number,) = month
    first, second = numbers
    if len(first) == 4 or (month_at == 0 and len(first) > 2):  # year first
        day_text, year_text = second, first
    elif month_at == 0 or len(second) in _YEAR_DIGITS:  # "November 23, 2026" or "23 Nov 2026"
        day_text, year_text = first, second
    else:
        return Reading(None, "unparseable")
    if len(day_text) > 2 or len(year_text) not in _YEAR_DIGITS:
        return Reading(None, "unparseable")
    return _make(_year(year_text), month_number, int(day_text))


@cache
def _ordinals() -> frozenset[str]:
    return frozenset(fold(s) for s in load_json("standardize", "dates.json")["ordinal_suffixes"])


def read(text: str, locale: Locale | None, order: Order | None) -> Reading:
    """Read a tidied date text.

    ``locale`` names the months and weekdays (its names first); ``order`` is
    the order of numeric dates (:func:`numeric_order` of the
    :func:`ordering_locale`), ``None`` when no convention is known.
    """
    iso = _ISO.fullmatch(text) or _ISO_BASIC.fullmatch(text)
    if iso:
        return _make(int(iso[1]), int(iso[2]), int(iso[3]))
    numeric = _NUMERIC.search(text)
    if numeric:
        # Only a weekday may come before ("pon., 23.11.2026"), a year suffix after.
        before = fold(text[: numeric.start()]).split()
        after = fold(text[numeric.end() :]).split()
        if (
            (not before or not text[numeric.start() - 1].isdigit())
            and all(word in _weekday_names(locale) for word in before)
            and all(word in _ignored_words() for word in after)
        ):
            return _read_numeric(numeric, order)
    return _read_words(text, locale)

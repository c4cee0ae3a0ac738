"""Dates: numeric and written forms in the languages of our markets, to ISO dates.

Read forms:

* ISO 8601 ``2026-11-23`` (also with a time part, which is dropped) and its
  basic form ``20261123``;
* numeric ``23.11.2026``, ``23/11/26``, ``23-11-2026``, ``2026/11/23``: the
  order of day and month is the country's convention, whatever the
  language (the short date pattern of its main locale: day first in PL, UA,
  RU, GR, DE and GB, month first in the US); without a country, that of a
  locale naming its territory (``en_GB``, ``en_US``). A bare language
  (``en``, ``el``) orders nothing. With no order known, a dotted date is day
  first (as everywhere dots are used) and a date with slashes or hyphens is
  read only if it reads one way (``23/11/2026``; ``01/01/2026``);
  ``01/02/2026`` is an error (``date.ambiguous``), never a guess. A date that
  the order makes impossible (``05.13.1980`` in Poland, ``23/11/2026`` in the
  US) is an error (``date.impossible``), not read the other way round;
* Polish Roman-numeral months (``5 V 1980``, ``05.V.1980``, ``12-XII-2001``);
* written months in every form CLDR knows (through Babel): nominative,
  genitive, abbreviated, accent-insensitive (``23 listopada 2026``,
  ``23 листопада 2026 р.``, ``23 ноября 2026 г.``, ``23 Νοεμβρίου 2026``,
  ``23 Νοε 2026``, ``November 23, 2026``, ``Monday, 23rd of November 2026``,
  ``23η Νοεμβρίου 2026``), with year suffixes ``r.``/``roku``/``р.``/``г.``/
  ``года``.

Two-digit years are in 2000-2068 below the pivot 69 and 1969-1999 from it
(:data:`TWO_DIGIT_YEAR_PIVOT`). Whether a date may lie in the future (a date
of birth) is a rule of the record, not of the date.

>>> from crmcore.standardize import dates
>>> dates.validate("23 listopada 2026"), dates.validate("23.11.26")
(datetime.date(2026, 11, 23), datetime.date(2026, 11, 23))
>>> dates.validate("02/01/2026", locale="en_US").isoformat()
'2026-02-01'
>>> dates.format("2026-11-23", locale="uk", style="long")
'23 листопада 2026 р.'
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import TYPE_CHECKING, Literal, NamedTuple

from babel import Locale
from babel import dates as babel_dates

from crmcore._countries import optional_country
from crmcore._data import load_json
from crmcore._i18n import negotiate
from crmcore.errors import ValidationError
from crmcore.standardize._base import (
    N_,
    HintForm,
    country_locale,
    fail,
    parse_locale,
    require_text,
)
from crmcore.standardize._country_index import country_codes
from crmcore.standardize._fold import fold, tidy

if TYPE_CHECKING:
    from collections.abc import Mapping
    from gettext import NullTranslations

__all__ = ["FIELD", "HINT", "TWO_DIGIT_YEAR_PIVOT", "example", "format", "is_valid", "validate"]

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
# The words of a text, as written: Roman numerals are _read in capitals only.
_WORDS = re.compile(r"[\W_]+")
_ROMAN_DIGITS = (("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))
_YEAR_DIGITS = {2, 4}

_Problem = Literal["unparseable", "ambiguous", "impossible"]

#: The order of the parts of a numeric date: day, month, year and the others.
_Order = Literal["dmy", "mdy", "ymd"]


class _Reading(NamedTuple):
    """The outcome of reading a date: a date, or what is wrong."""

    date: dt.date | None
    problem: _Problem | None = None
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


def _cldr_names() -> tuple[dict[str, list[int]], list[str]]:
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
def _month_names(locale: Locale | None) -> Mapping[str, frozenset[int]]:
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
    return {**_month_names(None), **_month_names(locale)}


@cache
def _weekday_names(locale: Locale | None) -> frozenset[str]:
    if locale is not None:
        names = _weekday_index(locale) | set(
            load_json("standardize", "date_names.json")["weekdays"]
        )
    else:
        names = set(load_json("standardize", "date_names.json")["weekdays"])
    return frozenset(names - set(_local_months(locale) if locale else _month_names(None)))


@cache
def _ignored_words() -> frozenset[str]:
    data = load_json("standardize", "dates.json")
    return frozenset(fold(w) for w in data["year_suffixes"] + data["fillers"])


@cache
def _numeric_order(locale: Locale) -> _Order | None:
    """Return the order of the parts of the locale's numeric dates, or ``None``.

    The order is the one of the locale's short date pattern: ``"dmy"`` (``pl``,
    ``en_GB``), ``"mdy"`` (``en_US``) or ``"ymd"`` (``lt``, ``hu``, ``en_CA``,
    ``ko``). A year-first order says nothing of a date that ends with the
    year, which is _read as one of no known order.
    """
    pattern = str(locale.date_formats["short"].pattern)
    day, month, year = pattern.find("d"), pattern.find("M"), pattern.find("y")
    if day < 0 or month < 0:  # pragma: no cover - every CLDR short pattern has both
        return None
    if 0 <= year < min(day, month):
        return "ymd"
    return "dmy" if day < month else "mdy"


def _ordering_locale(locale: Locale | None, country: str | None) -> Locale | None:
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
def _shown_locale(locale: str | None, country: str | None, language: str) -> Locale | None:
    """Return the locale whose numeric pattern a hint shows, or ``None`` for ISO 8601.

    It is the locale whose order :func:`_read` follows for ``country`` and
    ``locale`` (:func:`_ordering_locale`). Where no order is known, it is the
    locale of the hint's ``language`` if its short dates _read without one
    (day first with dots), else none: YYYY-MM-DD reads the same everywhere.
    """
    parsed = parse_locale(locale) if locale else None
    ordering = _ordering_locale(parsed, country if country in country_codes() else None)
    if ordering is not None:
        return ordering
    own = parsed if parsed is not None and parsed.language == language else parse_locale(language)
    if own is None:  # pragma: no cover - the hint languages are CLDR locales
        return None
    probe = babel_dates.format_date(_PROBE, "short", locale=own)
    return own if _read(probe, None, None).date == _PROBE else None


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < TWO_DIGIT_YEAR_PIVOT else 1900
    return year


def _make(year: int, month: int, day: int) -> _Reading:
    try:
        return _Reading(dt.date(year, month, day))
    except ValueError:
        return _Reading(None, "impossible", f"{year:04d}-{month:02d}-{day:02d}")


def _read_unordered(a: int, b: int, year: int, text: str) -> _Reading:
    """Read day and month in whichever order is the only possible one."""
    if a > 12 >= b:
        return _make(year, b, a)
    if b > 12 >= a:
        return _make(year, a, b)
    if a > 12 and b > 12:
        return _Reading(None, "impossible", text)
    return _Reading(None, "ambiguous", "day and month could be either way round")


def _read_numeric(found: re.Match[str], order: _Order | None) -> _Reading:
    """Read a numeric date; ``order`` is :func:`_numeric_order` of its convention, if known.

    A reading the order makes impossible (a 13th month) is an error, never
    _read the other way round: that would be a guess at which of two
    conventions the writer broke.
    """
    first, sep, second, third = found.groups()
    if len(first) == 4:  # year first: always year, month, day
        return _make(int(first), int(second), int(third))
    if order == "ymd" and len(first) == 2 and len(third) <= 2:  # "26. 11. 23."
        return _make(_year(first), int(second), int(third))
    if len(first) > 2 or len(third) not in _YEAR_DIGITS:
        return _Reading(None, "unparseable")
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


def _read_words(text: str, locale: Locale | None) -> _Reading:
    months = _local_months(locale) if locale else _month_names(None)
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
            return _Reading(None, "unparseable")
    if month is None and roman is not None:
        month, month_at = roman
    if month is None or len(numbers) != 2:
        return _Reading(None, "unparseable")
    return _date_of(month, month_at, numbers)


def _date_of(month: frozenset[int], month_at: int, numbers: list[str]) -> _Reading:
    """Return the date of a month and two numbers, the month before number ``month_at``."""
    if len(month) > 1:
        return _Reading(None, "ambiguous", "the month name means different months")
    (month_number,) = month
    first, second = numbers
    if len(first) == 4 or (month_at == 0 and len(first) > 2):  # year first
        day_text, year_text = second, first
    elif month_at == 0 or len(second) in _YEAR_DIGITS:  # "November 23, 2026" or "23 Nov 2026"
        day_text, year_text = first, second
    else:
        return _Reading(None, "unparseable")
    if len(day_text) > 2 or len(year_text) not in _YEAR_DIGITS:
        return _Reading(None, "unparseable")
    return _make(_year(year_text), month_number, int(day_text))


@cache
def _ordinals() -> frozenset[str]:
    return frozenset(fold(s) for s in load_json("standardize", "dates.json")["ordinal_suffixes"])


def _read(text: str, locale: Locale | None, order: _Order | None) -> _Reading:
    """Read a tidied date text.

    ``locale`` names the months and weekdays (its names first); ``order`` is
    the order of numeric dates (:func:`_numeric_order` of the
    :func:`_ordering_locale`), ``None`` when no convention is known.
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


#: The field name used in errors and reason codes (``date.ambiguous``).
FIELD = "date"

Style = Literal["short", "medium", "long", "full", "iso"]

_EXAMPLE = dt.date(2026, 11, 23)
_HINT = "a date such as 2026-11-23 or 23.11.2026"
_MESSAGES = {
    "unparseable": N_("the value is not a date"),
    "ambiguous": N_("the date can be read in more than one way"),
    "impossible": N_("the date does not exist in the calendar"),
}


def _locale(locale: str | None, raw: object) -> Locale | None:
    if locale is None:
        return None
    found = parse_locale(locale)
    if found is None:
        fail(
            "date.unknown_locale",
            N_("the locale is not known"),
            field=FIELD,
            value=raw,
            hint=f"a CLDR locale such as pl, uk, el or en_GB, not {locale!r}",
        )
    return found


def _context(
    locale: str | None, code: str | None, raw: object
) -> tuple[Locale | None, _Order | None]:
    """Return the locale that names the months, and the order of numeric dates.

    The months are named in ``locale``, else in the country's main locale; the
    order is the country's (:func:`~crmcore.standardize._dates.ordering_locale`).
    """
    language = _locale(locale, raw)
    names = language if language is not None or code is None else country_locale(code)
    ordering = _ordering_locale(language, code)
    return names, (_numeric_order(ordering) if ordering is not None else None)


def validate(raw: object, *, locale: str | None = None, country: str | None = None) -> dt.date:
    """Return the date written in ``raw``.

    Args:
        raw: The date as written, or a :class:`datetime.date` (a
            :class:`datetime.datetime` gives its date).
        locale: The CLDR locale the date was written in (``"pl"``, ``"en_US"``):
            its month names are tried first; with its territory and no
            country, it orders numeric dates.
        country: The country the date comes from: its convention orders
            numeric dates (``"US"``: month first), and without a locale its
            main locale names the months.

    Returns:
        The date; its ``isoformat()`` is the canonical text.

    Raises:
        ValidationError: ``date.unparseable``, ``date.ambiguous`` (day and month
            can be swapped, or a month name means different months: give the
            locale), ``date.impossible`` (``31.02.2026``),
            ``date.unknown_locale``, ``date.not_text|empty|too_long``, or
            ``country.unknown`` (field ``country``) for a ``country`` that is
            not an ISO 3166-1 alpha-2 code.

    >>> validate("23 Νοεμβριου 2026"), validate("2026-11-23T10:00:00Z")
    (datetime.date(2026, 11, 23), datetime.date(2026, 11, 23))
    >>> validate("01/02/2026")
    Traceback (most recent call last):
    ...
    crmcore.errors.ValidationError: date: the date can be read in more than one ... [date.ambiguous]
    """
    code = optional_country(country)
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = tidy(require_text(raw, field=FIELD, hint=_HINT))
    names, order = _context(locale, code, raw)
    reading = _read(text, names, order)
    if reading.date is not None:
        return reading.date
    problem = reading.problem or "unparseable"
    hint = _HINT
    if problem == "ambiguous":
        hint = f"{reading.detail}; give the country, or write 2026-11-23"
    elif problem == "impossible":
        hint = f"a date that exists; read as {reading.detail}"
    return fail(f"date.{problem}", _MESSAGES[problem], field=FIELD, value=raw, hint=hint)


def is_valid(raw: object, *, locale: str | None = None, country: str | None = None) -> bool:
    """Return whether ``raw`` is one date.

    Raises:
        ValidationError: ``country.unknown`` for a ``country`` that is not an
            ISO 3166-1 alpha-2 code: a wrong argument, not an invalid date.

    >>> is_valid("31.02.2026"), is_valid("29.02.2028")
    (False, True)
    """
    code = optional_country(country)
    try:
        validate(raw, locale=locale, country=code)
    except ValueError:
        return False
    return True


def format(value: object, *, locale: str = "en", style: Style = "medium") -> str:
    """Return a date in the display form of ``locale`` (CLDR's patterns, via Babel).

    The text has plain spaces where CLDR puts no-break ones.

    Args:
        value: A date, or text :func:`validate` reads (in ``locale``).
        locale: The CLDR locale of the display.
        style: ``"short"``, ``"medium"``, ``"long"``, ``"full"``, or ``"iso"``.

    >>> format("2026-11-23", locale="pl", style="short"), format("2026-11-23", style="iso")
    ('23.11.2026', '2026-11-23')
    >>> format("2026-11-23", locale="el", style="long")
    '23 Νοεμβρίου 2026'
    """
    found_locale = _locale(locale, value)
    date = validate(value, locale=locale)
    if style == "iso":
        return date.isoformat()
    return tidy(babel_dates.format_date(date, format=style, locale=found_locale))


def example(country: str | None = None) -> str:
    """Return an example date in the short form of the country's main locale.

    >>> example("PL"), example("US"), example()
    ('23.11.2026', '11/23/26', '2026-11-23')
    """
    code = optional_country(country)
    found_locale = country_locale(code) if code is not None else None
    if found_locale is None:
        return _EXAMPLE.isoformat()
    return tidy(babel_dates.format_date(_EXAMPLE, format="short", locale=found_locale))


# --- the hint ---------------------------------------------------------------------

# {pattern}: the locale's numeric date pattern, such as DD.MM.YYYY.
_HINT_FORM = N_("a date as {pattern}, as in {example}")
#: The placeholders of a date pattern, in the order day, month, year.
_PLACEHOLDERS = (
    # TRANSLATORS: the placeholder for the day in a date pattern such as DD.MM.YYYY.
    N_("DD"),
    # TRANSLATORS: the placeholder for the month in a date pattern such as DD.MM.YYYY.
    N_("MM"),
    # TRANSLATORS: the placeholder for the year in a date pattern such as DD.MM.YYYY.
    N_("YYYY"),
)
_DATE_TOKEN = re.compile(r"d+|M+|y+|'[^']*'|.")


def _hint_locale(locale: str | None, country: str | None) -> str | None:
    """Return the Babel locale whose numeric pattern the hint shows; ``None`` for ISO 8601."""
    found = _shown_locale(locale, country, negotiate(locale))
    return None if found is None else str(found)


def _hint_example(country: str | None, locale: str | None, example: str) -> str:
    """Return the family's example date written in the numeric pattern the hint shows."""
    try:
        value = validate(example, country=country)
    except ValidationError:  # a country whose convention is not known
        value = validate(example)
    babel_locale = _hint_locale(locale, country)
    _, example_pattern = _numeric_pattern(babel_locale)
    return babel_dates.format_date(value, example_pattern, locale=babel_locale or "en")


def _describe(
    catalogue: NullTranslations, country: str | None, locale: str | None, example: str
) -> str:
    day, month, year = (catalogue.gettext(p) for p in _PLACEHOLDERS)
    pattern, _ = _numeric_pattern(_hint_locale(locale, country))
    shown = pattern.replace("\0d", day).replace("\0M", month).replace("\0y", year)
    return catalogue.gettext(_HINT_FORM).format(pattern=shown, example=example)


@cache
def _numeric_pattern(babel_locale: str | None) -> tuple[str, str]:
    r"""Return the locale's short date pattern with two-digit days and months, four-digit years.

    The first result marks the parts with ``\0d``, ``\0M``, ``\0y`` (for the
    translated placeholders); the second is a Babel pattern for the example.
    Without a locale, the pattern is ISO 8601's.
    """
    if babel_locale is None:
        return "\0y-\0M-\0d", "yyyy-MM-dd"
    marked, babel_pattern = [], []
    for token in _DATE_TOKEN.findall(
        babel_dates.get_date_format("short", locale=babel_locale).pattern
    ):
        kind = token[0]
        if kind in "dMy":
            marked.append(f"\0{kind}")
            babel_pattern.append({"d": "dd", "M": "MM", "y": "yyyy"}[kind])
        else:
            literal = token.strip("'") if token.startswith("'") else token
            marked.append(literal)
            babel_pattern.append(token)
    return "".join(marked), "".join(babel_pattern)


#: What :func:`crmcore.standardize.hint` says of the form a date takes.
HINT = HintForm(_describe, example=_hint_example)

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
from typing import TYPE_CHECKING, Literal

from babel import Locale
from babel import dates as babel_dates

from crmcore._countries import optional_country
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
from crmcore.standardize._dates import (
    TWO_DIGIT_YEAR_PIVOT,
    Order,
    numeric_order,
    ordering_locale,
    read,
    shown_locale,
)
from crmcore.standardize._fold import tidy

if TYPE_CHECKING:
    from gettext import NullTranslations

__all__ = ["FIELD", "HINT", "TWO_DIGIT_YEAR_PIVOT", "example", "format", "is_valid", "validate"]

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
) -> tuple[Locale | None, Order | None]:
    """Return the locale that names the months, and the order of numeric dates.

    The months are named in ``locale``, else in the country's main locale; the
    order is the country's (:func:`~crmcore.standardize._dates.ordering_locale`).
    """
    language = _locale(locale, raw)
    names = language if language is not None or code is None else country_locale(code)
    ordering = ordering_locale(language, code)
    return names, (numeric_order(ordering) if ordering is not None else None)


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
    reading = read(text, names, order)
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
    found = shown_locale(locale, country, negotiate(locale))
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

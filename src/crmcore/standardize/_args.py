"""Checks of the ``country`` and ``locale`` arguments the standardisers take."""

from __future__ import annotations

import re

from crmcore.standardize._base import N_, fail

__all__ = ["country_arg", "language_of"]

_ALPHA2 = re.compile(r"[A-Z]{2}")
#: Every upper-case two-letter code (676): the already valid argument is
#: found with one set look-up, without stripping, upper-casing and matching.
_UPPER_PAIRS: frozenset[str] = frozenset(
    chr(first) + chr(second) for first in range(65, 91) for second in range(65, 91)
)
_LOCALE = re.compile(r"(?P<language>[A-Za-z]{2,3})(?:[_-][A-Za-z0-9]{2,8})*")


def country_arg(country: object, *, field: str) -> str | None:
    """Return ``country`` as an upper-case ISO 3166-1 alpha-2 code, or ``None``.

    >>> country_arg("pl", field="company_name")
    'PL'
    """
    if type(country) is str and country in _UPPER_PAIRS:
        return country
    return _checked_country(country, field=field)


def _checked_country(country: object, *, field: str) -> str | None:
    """Do the work of :func:`country_arg` for any argument: the reference of its shortcut."""
    if country is None:
        return None
    code = country.strip().upper() if isinstance(country, str) else ""
    if not _ALPHA2.fullmatch(code):
        fail(
            f"{field}.bad_country",
            N_("the country is not an ISO 3166-1 alpha-2 code"),
            field=field,
            value=country,
            hint="a two-letter country code such as PL, UA, GR or DE",
        )
    return code


def language_of(locale: object, *, field: str) -> str | None:
    """Return the language part of a Babel/CLDR ``locale`` (``"en_GB"`` -> ``"en"``).

    >>> language_of("en_GB", field="person_name"), language_of(None, field="person_name")
    ('en', None)
    """
    if locale is None:
        return None
    match = _LOCALE.fullmatch(locale.strip()) if isinstance(locale, str) else None
    if match is None:
        fail(
            f"{field}.bad_locale",
            N_("the locale is not a locale identifier"),
            field=field,
            value=locale,
            hint="a locale such as pl, uk, ru, el or en_GB",
        )
    return match.group("language").lower()

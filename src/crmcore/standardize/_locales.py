"""Locale and country arguments: checked once, shared by the place and date families."""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError

__all__ = ["country_locale", "parse_locale"]


@cache
def parse_locale(identifier: str) -> Locale | None:
    """Return Babel's locale for ``"pl"``, ``"en_GB"`` or ``"en-GB"``, or ``None``.

    >>> str(parse_locale("en-gb")), parse_locale("xx-nowhere")
    ('en_GB', None)
    """
    try:
        return Locale.parse(identifier.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


@cache
def country_locale(country: str) -> Locale | None:
    """Return the most likely locale of a country (CLDR likely subtags), or ``None``.

    >>> str(country_locale("UA")), str(country_locale("us"))
    ('uk_UA', 'en_US')
    """
    return parse_locale(f"und_{country.upper()}")

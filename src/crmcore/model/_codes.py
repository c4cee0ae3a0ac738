"""ISO codes checked against Babel's data: currencies (ISO 4217) and countries (ISO 3166).

Babel is imported on first use, not when :mod:`crmcore` is imported: a
program that never builds a :class:`~crmcore.model.Money` never pays for it.
The tables are read once and cached.
"""

from __future__ import annotations

import functools

from crmcore._i18n import N_
from crmcore.model._checks import fail

__all__ = [
    "as_country",
    "as_currency",
    "known_countries",
    "known_currencies",
    "to_optional_country",
]

# Babel knows these codes, but they name no currency a price can be in: the
# code for "no currency" and the one reserved for testing.
_NOT_CURRENCIES = frozenset({"XXX", "XTS"})
# Two-letter territories of CLDR that are not countries: unknown, outlying
# Oceania, the pseudo-locales and the euro area. EU stays (EU VAT numbers), as
# does XK (Kosovo, user-assigned but universally used).
_NOT_COUNTRIES = frozenset({"ZZ", "QO", "XA", "XB", "EZ", "UN"})


@functools.cache
def known_currencies() -> frozenset[str]:
    """Return the ISO 4217 codes Babel knows, current and historical.

    Historical codes (``DEM``) are kept: a CRM holds purchases made in them.

    >>> {"PLN", "UAH", "EUR", "DEM"} <= known_currencies()
    True
    """
    from babel.numbers import list_currencies

    return frozenset(list_currencies()) - _NOT_CURRENCIES


@functools.cache
def known_countries() -> frozenset[str]:
    """Return the ISO 3166-1 alpha-2 codes of the countries Babel knows.

    >>> {"PL", "UA", "GR", "DE", "GB", "US", "EU"} <= known_countries()
    True
    """
    from babel import Locale

    codes = [code for code in Locale("en").territories if isinstance(code, str)]
    alpha2 = {code for code in codes if len(code) == 2 and code.isalpha()}
    return frozenset(alpha2 - _NOT_COUNTRIES)


def as_currency(value: object, field: str) -> str:
    """Return ``value`` as an upper-case ISO 4217 code, or raise ``money.unknown_currency``.

    >>> as_currency("pln", "currency")
    'PLN'
    """
    code = value.strip().upper() if isinstance(value, str) else value
    if not isinstance(code, str) or code not in known_currencies():
        fail(
            "money.unknown_currency",
            N_("the currency is not an ISO 4217 code"),
            field=field,
            value=value,
            hint=N_("a three-letter ISO 4217 code such as EUR, PLN or UAH"),
        )
    return code


def as_country(value: object, field: str) -> str:
    """Return ``value`` as an upper-case ISO 3166-1 alpha-2 code, or raise ``country.unknown``.

    >>> as_country("ua", "country")
    'UA'
    """
    code = value.strip().upper() if isinstance(value, str) else value
    if not isinstance(code, str) or code not in known_countries():
        fail(
            "country.unknown",
            N_("the country is not an ISO 3166-1 alpha-2 code"),
            field=field,
            value=value,
            hint=N_("a two-letter code such as PL, UA, GR or DE"),
        )
    return code


def to_optional_country(value: object, field: str = "value") -> str | None:
    """A country code or ``None``."""
    return None if value is None else as_country(value, field)

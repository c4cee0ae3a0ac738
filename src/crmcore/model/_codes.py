"""Currency codes (ISO 4217) checked against Babel's data.

Country codes (ISO 3166-1) are checked in :mod:`crmcore._countries`, the one
check every package shares.

Babel is imported on first use, not when :mod:`crmcore` is imported: a
program that never builds a :class:`~crmcore.model.Money` never pays for it.
The table is read once and cached.
"""

from __future__ import annotations

import functools

from crmcore._i18n import N_
from crmcore.model._checks import fail

__all__ = ["as_currency", "known_currencies"]

# Babel knows these codes, but they name no currency a price can be in: the
# code for "no currency" and the one reserved for testing.
_NOT_CURRENCIES = frozenset({"XXX", "XTS"})


@functools.cache
def known_currencies() -> frozenset[str]:
    """Return the ISO 4217 codes Babel knows, current and historical.

    Historical codes (``DEM``) are kept: a CRM holds purchases made in them.

    >>> {"PLN", "UAH", "EUR", "DEM"} <= known_currencies()
    True
    """
    from babel.numbers import list_currencies

    return frozenset(list_currencies()) - _NOT_CURRENCIES


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

"""The one check of a ``country`` argument, and the ISO 3166-1 codes it accepts.

Every public function or class that takes ``country=`` (the standardisers,
the model, the storage look-ups) reads it here: an ISO 3166-1 alpha-2 code,
in any case, with surrounding spaces ignored, that Babel's CLDR data knows.
Anything else, a country's name or its alpha-3 code included, is refused with
the one code ``country.unknown``, naming the argument as the field. (Names are
data, read by :func:`crmcore.standardize.countries.validate`; an argument is
a program's choice and is given as a code.)

Babel is imported on first use, not when :mod:`crmcore` is imported, and the
codes are read once and cached.
"""

from __future__ import annotations

import functools

from crmcore._data import load_json
from crmcore._i18n import N_
from crmcore.errors import ValidationError

__all__ = [
    "check_country",
    "known_countries",
    "optional_country",
    "own_vat_prefixes",
    "read_country",
    "vat_prefix_country",
]

# Two-letter territories of CLDR that are not countries: unknown, outlying
# Oceania, the pseudo-locales and the euro area. EU stays (EU VAT numbers), as
# does XK (Kosovo, user-assigned but universally used).
_NOT_COUNTRIES = frozenset({"ZZ", "QO", "XA", "XB", "EZ", "UN"})


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


def read_country(value: object) -> str | None:
    """Return the upper-case code ``value`` is, or ``None`` if it is no country code.

    >>> read_country(" ua "), read_country("Україна"), read_country(None)
    ('UA', None, None)
    """
    if not isinstance(value, str):
        return None
    known = known_countries()
    if value in known:  # the common case: already canonical, one look-up
        return value
    code = value.strip().upper()
    return code if code in known else None


def check_country(value: object, field: str = "country") -> str:
    """Return ``value`` as an upper-case ISO 3166-1 alpha-2 code, or raise ``country.unknown``.

    Args:
        value: The argument, such as ``"pl"`` or ``" UA "``.
        field: The argument's name, given to the error as its field.

    Raises:
        ValidationError: ``country.unknown`` for anything that is not a code
            :func:`known_countries` holds (a name, an alpha-3 code, ``"XX"``,
            an empty text, a value that is not text).

    >>> check_country("gr")
    'GR'
    >>> check_country("Polska")
    Traceback (most recent call last):
    ...
    crmcore.errors.ValidationError: country: the country is not an ISO 3166-1 ... [country.unknown]
    """
    code = read_country(value)
    if code is None:
        raise ValidationError(
            N_("the country is not an ISO 3166-1 alpha-2 code"),
            code="country.unknown",
            field=field,
            value=value,
            hint=N_("a two-letter code such as PL, UA, GR or DE"),
        )
    return code


def optional_country(value: object, field: str = "country") -> str | None:
    """Return :func:`check_country` of ``value``, or ``None`` for ``None``.

    >>> optional_country(None), optional_country("de")
    (None, 'DE')
    """
    return None if value is None else check_country(value, field)


# --- VAT prefixes ------------------------------------------------------------------
#
# A VAT number starts with its country's prefix: its ISO code, but for Greece
# (EL) and Northern Ireland (XI, a registration of the United Kingdom's). The
# facts are in the one table of identifier schemes (crmcore/data/schemes.json);
# the model reads a prefix through these, and so does the tax-number standardiser.


def vat_prefix_country(prefix: str) -> str:
    """Return the country of a VAT prefix (``EL`` is Greece, ``XI`` the United Kingdom).

    >>> vat_prefix_country("EL"), vat_prefix_country("XI"), vat_prefix_country("PL")
    ('GR', 'GB', 'PL')
    """
    countries: dict[str, str] = load_json("", "schemes.json")["vat_prefixes"]
    return countries.get(prefix, prefix)


@functools.lru_cache(maxsize=512)
def own_vat_prefixes(country: str) -> tuple[str, ...]:
    """Return the prefixes a VAT number of ``country`` is written with (none for Switzerland).

    >>> [own_vat_prefixes(country) for country in ("GR", "GB", "PL", "CH")]
    [('EL', 'GR'), ('GB', 'XI'), ('PL',), ()]
    """
    own: dict[str, list[str]] = load_json("", "schemes.json")["own_vat_prefixes"]
    return tuple(own.get(country, [country]))

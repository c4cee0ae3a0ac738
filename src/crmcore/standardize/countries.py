"""Countries: any name or code, in any of our languages, to ISO 3166-1 alpha-2.

Accepted input, all case-, accent- and punctuation-insensitive:

* alpha-2 codes (``"pl"``), alpha-3 codes (``"POL"``) and numeric codes
  (``"616"``), plus the retired codes CLDR maps to a successor (``"UK"``,
  ``"DDR"``, ``"ZR"``);
* country names in the languages of CLDR (through Babel) for a broad set of
  European locales and English, and, when ``locale`` is given, in that
  locale too;
* common names CLDR lacks ("USA", "Great Britain", "РФ", "Ελλάς", "Holland"),
  kept in ``data/countries.json``.

A name that means several countries ("Congo", "Korea", a code like ``"SU"``)
is an error with code ``country.ambiguous`` listing the candidates; nothing
is guessed. Kosovo's user-assigned code ``XK`` is accepted, as the EU and
banks use it.

>>> from crmcore.standardize import countries
>>> names = ["Polska", "Польща", "Польша", "Ελλάδα", "Deutschland", "UK"]
>>> [countries.validate(n) for n in names]
['PL', 'PL', 'PL', 'GR', 'DE', 'GB']
>>> countries.name("UA", locale="uk")
'Україна'
>>> countries.format("Ελλάς", style="alpha3")
'GRC'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from babel import Locale

from crmcore._countries import optional_country
from crmcore.errors import ValidationError
from crmcore.standardize import _country_index as _index
from crmcore.standardize._base import (
    MAX_INPUT_LENGTH,
    N_,
    fail,
    fixed_hint,
    parse_locale,
    require_text,
)
from crmcore.standardize._fold import tidy

__all__ = ["FIELD", "HINT", "example", "format", "is_valid", "lookup", "name", "validate"]

#: The field name used in errors and reason codes (``country.unknown``).
FIELD = "country"

_HINT = "an ISO 3166-1 code such as PL, UA, GR or DE, or a country name"

_ENGLISH = Locale("en")

#: Text up to this length is remembered (:func:`_known`); country names are shorter.
_MAX_KNOWN = 80

Style = Literal["alpha2", "alpha3", "numeric", "name"]


def _resolve(codes: tuple[str, ...], raw: object) -> str:
    if len(codes) > 1:
        fail(
            "country.ambiguous",
            N_("the name fits several countries"),
            field=FIELD,
            value=raw,
            hint="one of " + ", ".join(codes),
        )
    return codes[0]


def _check_locale(locale: object, raw: object) -> Locale | None:
    if locale is None:
        return None
    parsed = parse_locale(locale) if isinstance(locale, str) else None
    if parsed is None:
        fail(
            "country.unknown_locale",
            N_("the locale is not known"),
            field=FIELD,
            value=raw,
            hint=f"a CLDR locale such as pl, uk, el or en_GB, not {locale!r}",
        )
    return parsed


def validate(raw: object, *, locale: str | None = None) -> str:
    """Return the ISO 3166-1 alpha-2 code of a country name or code.

    Args:
        raw: A code (alpha-2, alpha-3, numeric) or a country's name.
        locale: A CLDR locale whose names are tried first; names in locales
            outside the built-in set are then accepted too.

    Returns:
        The upper-case alpha-2 code.

    Raises:
        ValidationError: ``country.unknown`` (no country by that name or code),
            ``country.ambiguous`` (several countries fit; the hint lists them),
            ``country.unknown_locale``, or ``country.not_text|empty|too_long``.

    >>> validate("Ελλάς"), validate("U.S.A."), validate("616")
    ('GR', 'US', 'PL')
    >>> validate("Yunanistan", locale="tr")
    'GR'
    >>> validate("Korea")
    Traceback (most recent call last):
    ...
    crmcore.errors.ValidationError: country: the name fits several countries ... [country.ambiguous]
    """
    if locale is None and isinstance(raw, str):
        if raw in _index.country_codes():
            return raw  # already canonical: the families pass the record's country on
        found = _known(raw) if len(raw) <= _MAX_KNOWN else None
        if found is not None:
            return found
    return _validate(raw, locale)


@lru_cache(maxsize=4096)
def _known(raw: str) -> str | None:
    """Return the country ``raw`` names without a locale, or ``None`` for an error.

    Cached: a file or form names a few countries, in a few spellings, over and
    over. An error is not kept; :func:`_validate` raises it afresh.
    """
    try:
        return _validate(raw, None)
    except ValidationError:
        return None


def _validate(raw: object, locale: str | None) -> str:
    """Do the work of :func:`validate`."""
    text = tidy(require_text(raw, field=FIELD, hint=_HINT))
    parsed_locale = _check_locale(locale, raw)
    upper = text.upper()
    if len(upper) == 2 and upper in _index.country_codes():
        return upper
    if upper in _index.code_aliases():
        return _resolve(_index.code_aliases()[upper], raw)
    name_key = _index.key(text)
    if parsed_locale is not None:
        local_index, _ = _index.locale_names(parsed_locale)
        if name_key in local_index:
            return _resolve(local_index[name_key], raw)
    if name_key in _index.names():
        return _resolve(_index.names()[name_key], raw)
    return fail(
        "country.unknown", N_("the country is not known"), field=FIELD, value=raw, hint=_HINT
    )


def lookup(text: str, *, locale: str | None = None) -> str | None:
    """Return the one country ``text`` names, or ``None``: :func:`validate` without errors.

    >>> lookup("Ελλάς"), lookup("Warszawa"), lookup("Congo")
    ('GR', None, None)
    """
    if len(text) > MAX_INPUT_LENGTH:
        return None  # what validate says of it; too long to be remembered
    return _lookup(text, locale)


@lru_cache(maxsize=8192)
def _lookup(text: str, locale: str | None) -> str | None:
    """Do :func:`lookup`; cached, as the address reader asks for the same components."""
    try:
        return validate(text, locale=locale)
    except ValidationError:
        return None


def is_valid(raw: object, *, locale: str | None = None) -> bool:
    """Return whether ``raw`` names exactly one country.

    >>> is_valid("Україна"), is_valid("Atlantis"), is_valid("Congo")
    (True, False, False)
    """
    try:
        validate(raw, locale=locale)
    except ValueError:
        return False
    return True


def format(raw: object, *, style: Style = "name", locale: str = "en") -> str:
    """Return a country in a display form.

    Args:
        raw: Anything :func:`validate` accepts.
        style: ``"name"`` (in ``locale``), ``"alpha2"``, ``"alpha3"`` or ``"numeric"``.
        locale: The language of the name.

    Raises:
        ValidationError: as :func:`validate`; ``country.no_code`` when the
            country has no code in the requested style.

    >>> format("PL", locale="el"), format("Polska", style="numeric")
    ('Πολωνία', '616')
    """
    parsed_locale = _check_locale(locale, raw) or _ENGLISH
    code = validate(raw, locale=locale)
    if style == "alpha2":
        return code
    if style == "name":
        names = _index.locale_names(parsed_locale)[1]
        return names.get(code) or _index.locale_names(_ENGLISH)[1][code]
    other = _index.alpha3(code) if style == "alpha3" else _index.numeric(code)
    if other is None:  # pragma: no cover - CLDR has both codes for every country today
        fail(
            "country.no_code",
            N_("the country has no code of that kind"),
            field=FIELD,
            value=raw,
            hint=f"style alpha2 for {code}",
        )
    return other


def name(raw: object, locale: str = "en") -> str:
    """Return the country's name in ``locale`` (CLDR's name).

    >>> name("DE", "pl"), name("Greece", "ru")
    ('Niemcy', 'Греция')
    """
    return format(raw, style="name", locale=locale)


def example(country: str | None = None) -> str:
    """Return an example of the expected form: the country's own alpha-2 code.

    >>> example("ua"), example()
    ('UA', 'PL')
    """
    return optional_country(country) or "PL"


# --- the hint -------------------------------------------------------------------

#: What :func:`crmcore.standardize.hint` says of the form a country takes.
HINT = fixed_hint(
    N_(
        "the name of the country in a supported language or its two-letter ISO code,"
        " as in {example}"
    )
)

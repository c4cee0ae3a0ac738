"""What every standardiser family shares: input checks, error construction, locale arguments."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from gettext import NullTranslations
from typing import NoReturn

import attrs
from babel import Locale, UnknownLocaleError

from crmcore._i18n import N_
from crmcore.errors import ValidationError

__all__ = [
    "MAX_INPUT_LENGTH",
    "N_",
    "HintForm",
    "country_locale",
    "fail",
    "fixed_hint",
    "language_of",
    "parse_locale",
    "require_text",
]

#: Longer input is refused before any parsing, so no standardiser can be made
#: to work for long on hostile input.
MAX_INPUT_LENGTH = 1000


def fail(
    code: str,
    message: str,
    *,
    field: str,
    value: object,
    hint: str | None = None,
    cause: BaseException | None = None,
) -> NoReturn:
    """Raise a :class:`~crmcore.errors.ValidationError` for ``field``.

    ``cause``, an exception of a dependency, is chained, never leaked.
    """
    raise ValidationError(message, code=code, field=field, value=value, hint=hint) from cause


def require_text(raw: object, *, field: str, hint: str | None = None) -> str:
    """Return ``raw`` if it is a usable string, else raise ``ValidationError``.

    Codes: ``<field>.not_text`` (not a string), ``<field>.empty`` (blank),
    ``<field>.too_long`` (over :data:`MAX_INPUT_LENGTH` characters).
    """
    if not isinstance(raw, str):
        fail(f"{field}.not_text", N_("the value is not text"), field=field, value=raw, hint=hint)
    if len(raw) > MAX_INPUT_LENGTH:
        fail(f"{field}.too_long", N_("the value is too long"), field=field, value=raw, hint=hint)
    # isspace() is strip()'s test of whitespace (both are Py_UNICODE_ISSPACE),
    # without building the stripped copy; it stops at the first visible character.
    if not raw or raw.isspace():
        fail(f"{field}.empty", N_("the value is empty"), field=field, value=raw, hint=hint)
    return raw


# --- locale arguments --------------------------------------------------------------

_LOCALE = re.compile(r"(?P<language>[A-Za-z]{2,3})(?:[_-][A-Za-z0-9]{2,8})*")


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


# --- hints --------------------------------------------------------------------------


@attrs.frozen
class HintForm:
    """What a family's ``HINT`` declares: how :func:`crmcore.standardize.hint` describes it.

    Attributes:
        describe: ``describe(catalogue, country, locale, example)``: the expected
            form as a phrase that reads well after "expected:" (lower case, no
            final full stop) in the catalogue's language, ending with the example.
        example: What makes the example shown of the family's example, given
            the country and the locale; ``None`` shows the family's example.
    """

    describe: Callable[[NullTranslations, str | None, str | None, str], str]
    example: Callable[[str | None, str | None, str], str] | None = None


def fixed_hint(message: str) -> HintForm:
    """Return the hint of a family whose form is the same everywhere: ``message`` with its example.

    ``message`` is a message id (marked with ``N_``) holding ``{example}``.
    """

    def describe(catalogue: NullTranslations, _c: str | None, _l: str | None, example: str) -> str:
        return catalogue.gettext(message).format(example=example)

    return HintForm(describe)

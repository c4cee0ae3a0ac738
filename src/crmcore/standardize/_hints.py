"""Hints: an example and a sentence showing a person how a field must look.

>>> h = hint("postal_code", country="PL", locale="pl")
>>> h.example, h.description
('00-950', '2 cyfry, myślnik i 3 cyfry, np. 00-950')
>>> print(hint("tax_id", country="UA", locale="uk"))
Код ЄДРПОУ юридичної особи (8 цифр) або РНОКПП фізичної особи (10 цифр), наприклад 32855961.

:func:`localize` puts a field's hint into an error about it, in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING, TypeVar

import attrs

from crmcore._countries import optional_country, read_country
from crmcore._data import load_json
from crmcore._i18n import negotiate, translations
from crmcore._localize import localized
from crmcore.errors import CrmError, ValidationError
from crmcore.standardize import _hint_texts as wording
from crmcore.standardize._base import N_, fail
from crmcore.standardize._code_shapes import DIGIT, LETTER, describe_shape
from crmcore.standardize._fields import FAMILIES, family

if TYPE_CHECKING:
    from collections.abc import Callable
    from gettext import NullTranslations

    from babel import Locale

__all__ = ["HINT_FIELDS", "Hint", "hint", "localize"]

#: The fields :func:`hint` knows.
HINT_FIELDS: frozenset[str] = frozenset(FAMILIES)

_E = TypeVar("_E", bound=CrmError)


@attrs.frozen(kw_only=True)
class Hint:
    """How a field must look: an example and a sentence, in one language.

    Attributes:
        field: The field, such as ``"postal_code"``.
        example: A valid example of the field, such as ``"00-950"``.
        description: What the expected form is, as a phrase that reads well
            after "expected:" (lower case, no final full stop), ending with the
            example; in the language of ``locale``.
        locale: The catalogue language the description is in, such as ``"pl"``.
        country: The country the hint is for (ISO 3166-1 alpha-2), or ``None``.

    >>> h = hint("phone", country="GR", locale="el")
    >>> h.locale, h.country
    ('el', 'GR')
    """

    field: str
    example: str
    description: str
    locale: str
    country: str | None = None

    @property
    def sentence(self) -> str:
        """The description as a sentence: capitalised, with a full stop.

        >>> hint("email", locale="ru").sentence
        'Имя почтового ящика, знак @ и домен, например jan.kowalski@example.pl.'
        >>> hint("person_name", country="US").sentence
        'The first name or names, then the surname, in any script, as in John F. Kennedy Jr.'
        """
        text = f"{self.description[:1].upper()}{self.description[1:]}"
        return text if text.endswith((".", "!", "?", "…")) else f"{text}."

    def __str__(self) -> str:
        return self.sentence


def hint(field: str, *, country: str | None = None, locale: str | Locale | None = "en") -> Hint:
    """Return the hint for ``field``: an example and a sentence describing its form.

    Args:
        field: A field name: ``"phone"``, ``"email"``, ``"person_name"``,
            ``"company_name"``, ``"website"``, ``"country"``, ``"postal_code"``,
            ``"address"``, ``"tax_id"``, ``"date"`` or ``"customer_number"``.
        country: The country the value belongs to (ISO 3166-1 alpha-2, any
            case), for fields whose form differs by country; ``None`` for the
            general form.
        locale: The language of the sentence (a CLDR identifier such as
            ``"pl"`` or ``"uk_UA"``); without a catalogue, English.

    Returns:
        The :class:`Hint`, cached: asking again costs a dictionary look-up.

    Raises:
        ValidationError: ``field`` is not a known field (``hint.unknown_field``)
            or ``country`` is not an ISO 3166-1 alpha-2 code
            (``country.unknown``, field ``country``).

    >>> hint("date", locale="ru").description
    'дата в формате ДД.ММ.ГГГГ, например 23.11.2026'
    >>> hint("phone", country="de", locale="de").description
    'die nationale Nummer oder die internationale Form mit +49, z. B. +49 1512 3456789'
    """
    if field not in HINT_FIELDS:
        fail(
            "hint.unknown_field",
            N_("there is no hint for this field"),
            field="field",
            value=field,
            hint=f"one of {', '.join(sorted(HINT_FIELDS))}",
        )
    code = optional_country(country)
    return _hint(field, code, None if locale is None else str(locale))


@functools.lru_cache(maxsize=2048)
def _hint(field: str, country: str | None, locale: str | None) -> Hint:
    example = _example(field, country)
    if field == "date":
        example = _date_example(country, locale, example)
    catalogue = translations(locale)
    description = _DESCRIBERS[field](catalogue, country, locale, example)
    return Hint(
        field=field,
        example=example,
        description=description,
        locale=negotiate(locale),
        country=country,
    )


def _example(field: str, country: str | None) -> str:
    """Return the family's example for ``country``, or its general one."""
    verbs = family(field)
    if country is None:
        return verbs.example()
    try:
        return verbs.example(country)
    except ValidationError:
        return verbs.example()


def localize(error: _E, locale: str | Locale | None, *, country: str | None = None) -> _E:
    """Return ``error`` with its message and hint in the language of ``locale``.

    Works for every error crmcore raises. The message is translated through
    the catalogues, as :func:`crmcore.errors.localize` does. The hint is
    translated too when crmcore wrote it; when the hint is only an example (as
    the standardisers' are) and the error is about a field the standardisers
    describe (taken from its code, such as ``phone`` in ``phone.too_short``,
    or else from its field), the hint becomes the localised :func:`hint`
    description of that field for ``country``. Anything else (code, field,
    value, cause, traceback) is kept, and a text crmcore did not write stays as
    it is.

    Args:
        error: An error of crmcore (any :class:`~crmcore.errors.CrmError`).
        locale: The language wanted (a CLDR identifier such as ``"pl"`` or
            ``"uk_UA"``, or a Babel ``Locale``); without a catalogue, English.
        country: The country the value belonged to (ISO 3166-1 alpha-2), for
            the standardisers' hints; what is not a code is ignored (read
            as :func:`hint` reads it, but an error being translated is not
            replaced by one about the argument).

    Returns:
        A new error of the same class; ``error`` itself is not changed.

    >>> err = ValidationError(
    ...     "the value is empty", code="postal_code.empty", field="kod", value=" "
    ... )
    >>> print(localize(err, "pl", country="PL"))
    kod: wartość jest pusta (value ' '; expected: 2 cyfry, myślnik i 3 cyfry, np. 00-950)
    [postal_code.empty]
    """
    valid_country = read_country(country)

    def describe(error: CrmError) -> str | None:
        field = _standardizer_field(error)
        if field is None:
            return None
        return hint(field, country=valid_country, locale=locale).description

    return localized(error, locale, describe)


def _standardizer_field(error: CrmError) -> str | None:
    """Return the field :func:`hint` describes an error by: its code's head, or its field's tail."""
    head = error.code.partition(".")[0]
    if head in HINT_FIELDS:
        return head
    if error.field:
        tail = error.field.rpartition(".")[2].partition("[")[0]
        if tail in HINT_FIELDS:
            return tail
    return None


# --- the describers: one per field ------------------------------------------------


@functools.cache
def _forms() -> dict[str, frozenset[str]]:
    raw = load_json("standardize", "hints.json")
    return {key: frozenset(value) for key, value in raw.items() if not key.startswith("_")}


def _phone(catalogue: NullTranslations, country: str | None, _: str | None, example: str) -> str:
    import phonenumbers

    code = phonenumbers.country_code_for_region(country) if country else 0
    if code:
        return catalogue.gettext(wording.PHONE_IN_COUNTRY).format(
            prefix=f"+{code}", example=example
        )
    return catalogue.gettext(wording.PHONE_INTERNATIONAL).format(example=example)


def _fixed(message: str) -> Callable[[NullTranslations, str | None, str | None, str], str]:
    def describe(catalogue: NullTranslations, _c: str | None, _l: str | None, example: str) -> str:
        return catalogue.gettext(message).format(example=example)

    return describe


def _postal_code(
    catalogue: NullTranslations, country: str | None, locale: str | None, example: str
) -> str:
    shape = _postal_shape(country, example) if country else None
    if shape is None:
        return catalogue.gettext(wording.POSTAL_CODE_ANY).format(example=example)
    words = describe_shape(shape, locale)
    return catalogue.gettext(wording.POSTAL_CODE_SHAPED).format(shape=words, example=example)


_POSTAL_PATTERN = re.compile(r"[A-Z0-9 -]+")


def _postal_shape(country: str, example: str) -> str | None:
    """Return the shape of the country's postal codes, or ``None`` where it varies.

    The postal code table writes shapes with ``N`` for a digit and ``A`` for a
    letter (``NN-NNN``, ``LT-NNNNN``); a shape in words (Great Britain's outward
    and inward codes) has no single pattern. A shape is trusted only when it
    fits the table's own example.
    """
    spec = load_json("standardize", "postal_codes.json").get(country)
    if spec is None:
        return None
    table_shape = spec["shape"].partition(" (")[0]
    if not _POSTAL_PATTERN.fullmatch(table_shape) or len(table_shape) != len(example):
        return None
    shape = "".join(
        DIGIT if mark == "N" else LETTER if mark == "A" else mark for mark in table_shape
    )
    fits = all(
        char.isdigit() if mark == DIGIT else char.isalpha() if mark == LETTER else char == mark
        for mark, char in zip(shape, example, strict=True)
    )
    return shape if fits else None


def _address(catalogue: NullTranslations, country: str | None, _: str | None, example: str) -> str:
    number_first = country in _forms()["address_number_first"]
    message = wording.ADDRESS_NUMBER_FIRST if number_first else wording.ADDRESS_STREET_FIRST
    return catalogue.gettext(message).format(example=example)


def _tax_id(catalogue: NullTranslations, country: str | None, _: str | None, example: str) -> str:
    message = wording.TAX_ID_BY_COUNTRY.get(country or "", wording.TAX_ID_ANY)
    return catalogue.gettext(message).format(example=example)


_DATE_TOKEN = re.compile(r"d+|M+|y+|'[^']*'|.")


def _date_example(country: str | None, locale: str | None, example: str) -> str:
    """Return the family's example date written in the numeric pattern the hint shows."""
    from babel.dates import format_date

    try:
        value = family("date").standardize(example, country=country, locale=None)
    except ValidationError:  # a country the dates family does not know
        value = family("date").standardize(example, country=None, locale=None)
    if not isinstance(value, dt.date):  # pragma: no cover - dates.validate returns dates
        return example
    babel_locale = _date_locale(locale, country)
    _, example_pattern = _numeric_date_pattern(babel_locale)
    return format_date(value, example_pattern, locale=babel_locale or "en")


def _date(
    catalogue: NullTranslations, country: str | None, locale: str | None, example: str
) -> str:
    day, month, year = (catalogue.gettext(p) for p in wording.DATE_PLACEHOLDERS)
    pattern, _ = _numeric_date_pattern(_date_locale(locale, country))
    shown = pattern.replace("\0d", day).replace("\0M", month).replace("\0y", year)
    return catalogue.gettext(wording.DATE).format(pattern=shown, example=example)


def _date_locale(locale: str | None, country: str | None) -> str | None:
    """Return the Babel locale whose numeric pattern the hint shows; ``None`` for ISO 8601."""
    from crmcore.standardize._dates import shown_locale

    found = shown_locale(locale, country, negotiate(locale))
    return None if found is None else str(found)


@functools.cache
def _numeric_date_pattern(babel_locale: str | None) -> tuple[str, str]:
    r"""Return the locale's short date pattern with two-digit days and months, four-digit years.

    The first result marks the parts with ``\\0d``, ``\\0M``, ``\\0y`` (for the
    translated placeholders); the second is a Babel pattern for the example.
    Without a locale, the pattern is ISO 8601's.
    """
    from babel.dates import get_date_format

    if babel_locale is None:
        return "\0y-\0M-\0d", "yyyy-MM-dd"
    marked, babel_pattern = [], []
    for token in _DATE_TOKEN.findall(get_date_format("short", locale=babel_locale).pattern):
        kind = token[0]
        if kind in "dMy":
            marked.append(f"\0{kind}")
            babel_pattern.append({"d": "dd", "M": "MM", "y": "yyyy"}[kind])
        else:
            literal = token.strip("'") if token.startswith("'") else token
            marked.append(literal)
            babel_pattern.append(token)
    return "".join(marked), "".join(babel_pattern)


_DESCRIBERS: dict[str, Callable[[NullTranslations, str | None, str | None, str], str]] = {
    "address": _address,
    "company_name": _fixed(wording.COMPANY_NAME),
    "country": _fixed(wording.COUNTRY),
    "customer_number": _fixed(wording.CUSTOMER_NUMBER),
    "date": _date,
    "email": _fixed(wording.EMAIL),
    "person_name": _fixed(wording.PERSON_NAME),
    "phone": _phone,
    "postal_code": _postal_code,
    "tax_id": _tax_id,
    "website": _fixed(wording.WEBSITE),
}

"""Hints: an example and a sentence showing a person how a field must look.

>>> h = hint("postal_code", country="PL", locale="pl")
>>> h.example, h.description
('00-950', '2 cyfry, myślnik i 3 cyfry, np. 00-950')
>>> print(hint("tax_id", country="UA", locale="uk"))
Код ЄДРПОУ юридичної особи (8 цифр) або РНОКПП фізичної особи (10 цифр), наприклад 32855961.

:func:`localize` puts a field's hint into an error about it, in the reader's language.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, TypeVar

import attrs

from crmcore._countries import optional_country, read_country
from crmcore._i18n import negotiate, translations
from crmcore._localize import localized
from crmcore.errors import CrmError, ValidationError
from crmcore.standardize._base import N_, fail
from crmcore.standardize._fields import FAMILIES, family

if TYPE_CHECKING:
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
    form = family(field).hint
    example = _example(field, country)
    if form.example is not None:
        example = form.example(country, locale, example)
    description = form.describe(translations(locale), country, locale, example)
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

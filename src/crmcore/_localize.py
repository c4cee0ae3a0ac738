"""Localising an error: its message and hint in the language of a locale.

Every message and hint crmcore writes into an error is a message id of the
catalogues (see :mod:`crmcore._i18n`), so any :class:`~crmcore.errors.CrmError`
can be shown in Polish, Ukrainian, Russian, Greek or German. The standardisers
go one step further for the fields people type (phone, e-mail, tax id, postal
code, ...): their hint is rewritten as the localised description of the
field's form in the value's country (:func:`crmcore.standardize.hint`).
"""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING, TypeVar

from crmcore._i18n import Message, translations

if TYPE_CHECKING:
    from gettext import NullTranslations

    from babel import Locale

    from crmcore.errors import CrmError

__all__ = ["localize"]

_E = TypeVar("_E", bound="CrmError")

#: The fields the standardisers describe with a hint (``crmcore.standardize.hint``),
#: known here without importing the standardisers (a test keeps it in step).
STANDARDIZER_FIELDS = frozenset(
    {
        "address",
        "company_name",
        "country",
        "customer_number",
        "date",
        "email",
        "person_name",
        "phone",
        "postal_code",
        "tax_id",
        "website",
    }
)

_COUNTRY = re.compile(r"[A-Za-z]{2}")


def localize(error: _E, locale: str | Locale | None, *, country: str | None = None) -> _E:
    """Return ``error`` with its message and hint in the language of ``locale``.

    Works for every error crmcore raises. The message is translated through
    the catalogues. The hint is translated too when crmcore wrote it; when
    the hint is only an example (as the standardisers' are) and the error is
    about a field the standardisers describe (taken from its code, such as
    ``phone`` in ``phone.too_short``, or else from its field), the hint becomes
    the localised :func:`crmcore.standardize.hint` description of that field
    for ``country``. Anything else (code, field, value, cause, traceback) is
    kept, and a text crmcore did not write stays as it is.

    Args:
        error: An error of crmcore (any :class:`~crmcore.errors.CrmError`).
        locale: The language wanted (a CLDR identifier such as ``"pl"`` or
            ``"uk_UA"``, or a Babel ``Locale``); without a catalogue, English.
        country: The country the value belonged to (ISO 3166-1 alpha-2), for
            the standardisers' hints; a malformed code is ignored.

    Returns:
        A new error of the same class; ``error`` itself is not changed.

    >>> from crmcore.errors import ValidationError
    >>> err = ValidationError(
    ...     "the value is empty", code="postal_code.empty", field="kod", value=" "
    ... )
    >>> print(localize(err, "pl", country="PL"))
    kod: wartość jest pusta (value ' '; expected: 2 cyfry, myślnik i 3 cyfry, np. 00-950)
    [postal_code.empty]
    >>> from crmcore.model import Money
    >>> try:
    ...     Money("12.50", "ZZZ")
    ... except ValidationError as error:
    ...     print(localize(error, "uk").message, "|", localize(error, "uk").hint)
    валюта не є кодом ISO 4217 | трилітерний код ISO 4217, наприклад EUR, PLN або UAH
    """
    catalogue = translations(locale)
    localized = copy.copy(error)
    localized.message = _translate(error.message, catalogue)
    localized.args = (localized.message,)
    localized.hint = _localized_hint(error, catalogue, locale, country)
    localized.__cause__ = error.__cause__
    localized.__traceback__ = error.__traceback__
    return localized


def _translate(text: str, catalogue: NullTranslations) -> str:
    """Translate a :class:`Message`, or a plain text that is a message id."""
    if isinstance(text, Message):
        return text.translated(catalogue)
    return catalogue.gettext(text)


def _localized_hint(
    error: CrmError, catalogue: NullTranslations, locale: str | Locale | None, country: str | None
) -> str | None:
    """Translate a hint crmcore wrote; describe a standardiser's field; keep anything else."""
    given = error.hint
    if isinstance(given, Message):
        return given.translated(catalogue)
    if isinstance(given, str):
        translated = catalogue.gettext(given)
        if translated != given:
            return translated
    field = _standardizer_field(error)
    if field is None:
        return given
    # Only errors about the standardisers' fields load them, and only from here:
    # crmcore.errors stays below every capability.
    from crmcore.standardize._hints import hint  # noqa: PLC0415

    valid_country = country if country and _COUNTRY.fullmatch(country) else None
    return hint(field, country=valid_country, locale=locale).description


def _standardizer_field(error: CrmError) -> str | None:
    """Return the standardiser field of an error: its code's first part, or its field's last."""
    head = error.code.partition(".")[0]
    if head in STANDARDIZER_FIELDS:
        return head
    if error.field:
        tail = error.field.rpartition(".")[2].partition("[")[0]
        if tail in STANDARDIZER_FIELDS:
            return tail
    return None

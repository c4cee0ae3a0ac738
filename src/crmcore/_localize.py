"""Localising an error: its message and hint in the language of a locale.

Every message and hint crmcore writes into an error is a message id of the
catalogues (see :mod:`crmcore._i18n`), so any :class:`~crmcore.errors.CrmError`
can be shown in Polish, Ukrainian, Russian, Greek or German. This module sits
beside the catalogues, below every capability: it knows no field. The
standardisers go one step further for the fields people type (phone, e-mail,
tax id, postal code, ...): :func:`crmcore.standardize.localize` passes
:func:`localized` a ``describe`` that turns a standardiser's example hint into
the localised description of the field's form in the value's country.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, TypeVar

from crmcore._i18n import Message, translations

if TYPE_CHECKING:
    from collections.abc import Callable
    from gettext import NullTranslations

    from babel import Locale

    from crmcore.errors import CrmError

__all__ = ["localize", "localized"]

_E = TypeVar("_E", bound="CrmError")


def localize(error: _E, locale: str | Locale | None) -> _E:
    """Return ``error`` with its message and hint in the language of ``locale``.

    Works for every error crmcore raises: the message, and the hint when
    crmcore wrote it, are translated through the catalogues. Anything else
    (code, field, value, cause, traceback) is kept, and a text crmcore did not
    write (such as a standardiser's example, ``00-950``) stays as it is;
    :func:`crmcore.standardize.localize` also describes the standardisers'
    fields in the reader's language.

    Args:
        error: An error of crmcore (any :class:`~crmcore.errors.CrmError`).
        locale: The language wanted (a CLDR identifier such as ``"pl"`` or
            ``"uk_UA"``, or a Babel ``Locale``); without a catalogue, English.

    Returns:
        A new error of the same class; ``error`` itself is not changed.

    >>> from crmcore.errors import ValidationError
    >>> from crmcore.model import Money
    >>> try:
    ...     Money("12.50", "ZZZ")
    ... except ValidationError as error:
    ...     print(localize(error, "uk").message, "|", localize(error, "uk").hint)
    валюта не є кодом ISO 4217 | трилітерний код ISO 4217, наприклад EUR, PLN або UAH
    >>> err = ValidationError("the value is empty", code="postal_code.empty", hint="00-950")
    >>> print(localize(err, "pl"))
    wartość jest pusta (expected: 00-950) [postal_code.empty]
    """
    return localized(error, locale)


def localized(
    error: _E,
    locale: str | Locale | None,
    describe: Callable[[CrmError], str | None] | None = None,
) -> _E:
    """Return ``error`` localised as :func:`localize` does, with a describer for other hints.

    Args:
        error: An error of crmcore.
        locale: The language wanted.
        describe: Called with ``error`` when its hint is not a text crmcore
            wrote (or, in English, needs no translation); returns the hint to
            show instead, or ``None`` to keep the hint as it is.

    Returns:
        A new error of the same class; ``error`` itself is not changed.
    """
    catalogue = translations(locale)
    result = copy.copy(error)
    result.message = _translate(error.message, catalogue)
    result.args = (result.message,)
    result.hint = _localized_hint(error, catalogue, describe)
    result.__cause__ = error.__cause__
    result.__traceback__ = error.__traceback__
    return result


def _translate(text: str, catalogue: NullTranslations) -> str:
    """Translate a :class:`Message`, or a plain text that is a message id."""
    if isinstance(text, Message):
        return text.translated(catalogue)
    return catalogue.gettext(text)


def _localized_hint(
    error: CrmError,
    catalogue: NullTranslations,
    describe: Callable[[CrmError], str | None] | None,
) -> str | None:
    """Translate a hint crmcore wrote; else ask ``describe``; else keep the hint."""
    given = error.hint
    if isinstance(given, Message):
        return given.translated(catalogue)
    if isinstance(given, str):
        translated = catalogue.gettext(given)
        if translated != given:
            return translated
    described = None if describe is None else describe(error)
    return given if described is None else described

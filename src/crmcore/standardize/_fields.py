"""The standardised fields: which family module standardises which field.

One table maps a field name (the ``FIELD`` of its family module, used in error
codes such as ``phone.too_short``) to its module: a family of
:mod:`crmcore.standardize`, or :mod:`crmcore.ids` for customer numbers. The modules are imported on
first use; what each ``validate`` accepts (``country``, ``locale``) is read off
its signature once, so the record and hint code passes only what a family takes.
"""

from __future__ import annotations

import functools
import importlib
import inspect
from collections.abc import Callable
from typing import Any, Protocol

import attrs

from crmcore._countries import optional_country
from crmcore.standardize._base import N_, HintForm, fixed_hint

__all__ = ["FAMILIES", "Family", "family"]

#: Field name -> the module that standardises it.
FAMILIES: dict[str, str] = {
    "address": "crmcore.standardize.addresses",
    "company_name": "crmcore.standardize.company_names",
    "country": "crmcore.standardize.countries",
    "customer_number": "crmcore.ids",
    "date": "crmcore.standardize.dates",
    "email": "crmcore.standardize.emails",
    "person_name": "crmcore.standardize.person_names",
    "phone": "crmcore.standardize.phones",
    "postal_code": "crmcore.standardize.postal_codes",
    "tax_id": "crmcore.standardize.tax_ids",
    "website": "crmcore.standardize.websites",
}


def _customer_number_example(country: str | None = None) -> str:
    """One example for every country: ``country`` is only checked, as every family checks it."""
    from crmcore.ids import DEFAULT_LAYOUT

    optional_country(country)
    return DEFAULT_LAYOUT.example


#: Examples for modules that have no ``example`` verb of their own.
_EXAMPLES: dict[str, Callable[..., str]] = {"customer_number": _customer_number_example}
#: Hints for modules that declare no ``HINT``: crmcore.ids, a package of its own
#: that knows nothing of the standardisers' hints.
_HINTS: dict[str, HintForm] = {
    "customer_number": fixed_hint(
        N_("the customer number as printed on documents, as in {example}")
    ),
}


class _FamilyModule(Protocol):
    FIELD: str
    HINT: HintForm

    def validate(self, raw: Any, /, **kwargs: Any) -> object: ...  # noqa: ANN401 - any input

    def example(self, country: str | None = None) -> str: ...


Standardize = Callable[..., object]


def _standardizer(family: Family) -> Standardize:
    """Return ``validate`` called with the context arguments it takes, as one call.

    A family taking both arguments is its ``validate`` itself; the others get
    a small function dropping what they do not take. Chosen once per family,
    so that a value pays no test of what the family takes.
    """
    validate = family.validate
    if family.takes_country and family.takes_locale:
        return validate
    if family.takes_country:

        def with_country(raw: object, *, country: str | None, locale: str | None) -> object:
            del locale
            return validate(raw, country=country)

        return with_country
    if family.takes_locale:

        def with_locale(raw: object, *, country: str | None, locale: str | None) -> object:
            del country
            return validate(raw, locale=locale)

        return with_locale

    def alone(raw: object, *, country: str | None, locale: str | None) -> object:
        del country, locale
        return validate(raw)

    return alone


@attrs.frozen
class Family:
    """A field family's verbs, with what its ``validate`` takes.

    Attributes:
        field: The field name, such as ``"phone"``.
        validate: The family's ``validate``.
        example: The family's ``example``.
        takes_country: Whether ``validate`` takes ``country=``.
        takes_locale: Whether ``validate`` takes ``locale=``.
        hint: How :func:`crmcore.standardize.hint` describes the field (the
            family module's ``HINT``; by default, its example alone).
        standardize: ``standardize(raw, *, country, locale)`` calls
            ``validate`` with the context arguments it takes.
    """

    field: str
    validate: Callable[..., object]
    example: Callable[..., str]
    takes_country: bool
    takes_locale: bool
    hint: HintForm = attrs.field(eq=False, repr=False, default=fixed_hint("{example}"))
    standardize: Standardize = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_standardizer, takes_self=True)
    )


@functools.cache
def family(field: str) -> Family:
    """Return the :class:`Family` that standardises ``field`` (imported once).

    Raises:
        KeyError: ``field`` is not in :data:`FAMILIES` (a programming error).
    """
    module: _FamilyModule = importlib.import_module(FAMILIES[field])
    parameters = inspect.signature(module.validate).parameters
    return Family(
        field=field,
        validate=module.validate,
        example=_EXAMPLES.get(field) or module.example,
        takes_country="country" in parameters,
        takes_locale="locale" in parameters,
        hint=_HINTS.get(field) or module.HINT,
    )

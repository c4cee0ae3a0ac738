"""The standardised fields: which family module standardises which field.

One table maps a field name (the ``FIELD`` of its family module, used in error
codes such as ``phone.too_short``) to its module. The modules are imported on
first use; what each ``validate`` accepts (``country``, ``locale``) is read off
its signature once, so the record and hint code passes only what a family takes.
"""

from __future__ import annotations

import functools
import importlib
import inspect
from typing import TYPE_CHECKING, Any, Protocol

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["FAMILIES", "Family", "family"]

#: Field name -> module under :mod:`crmcore.standardize` that standardises it.
FAMILIES: dict[str, str] = {
    "address": "addresses",
    "company_name": "company_names",
    "country": "countries",
    "date": "dates",
    "email": "emails",
    "person_name": "person_names",
    "phone": "phones",
    "postal_code": "postal_codes",
    "tax_id": "tax_ids",
    "website": "websites",
}


class _FamilyModule(Protocol):
    FIELD: str

    def validate(self, raw: Any, /, **kwargs: Any) -> object: ...  # noqa: ANN401 - any input

    def example(self, country: str | None = None) -> str: ...


@attrs.frozen
class Family:
    """A field family's verbs, with what its ``validate`` takes.

    Attributes:
        field: The field name, such as ``"phone"``.
        validate: The family's ``validate``.
        example: The family's ``example``.
        takes_country: Whether ``validate`` takes ``country=``.
        takes_locale: Whether ``validate`` takes ``locale=``.
    """

    field: str
    validate: Callable[..., object]
    example: Callable[..., str]
    takes_country: bool
    takes_locale: bool

    def standardize(self, raw: object, *, country: str | None, locale: str | None) -> object:
        """Call ``validate`` with the context arguments it takes."""
        kwargs: dict[str, str | None] = {}
        if self.takes_country:
            kwargs["country"] = country
        if self.takes_locale:
            kwargs["locale"] = locale
        return self.validate(raw, **kwargs)


@functools.cache
def family(field: str) -> Family:
    """Return the :class:`Family` that standardises ``field`` (imported once).

    Raises:
        KeyError: ``field`` is not in :data:`FAMILIES` (a programming error).
    """
    module: _FamilyModule = importlib.import_module(f"crmcore.standardize.{FAMILIES[field]}")
    parameters = inspect.signature(module.validate).parameters
    return Family(
        field=field,
        validate=module.validate,
        example=module.example,
        takes_country="country" in parameters,
        takes_locale="locale" in parameters,
    )

"""The errors crmcore raises: one tree, each error carrying data.

Every error a public function of crmcore raises is an instance of
:class:`CrmError`. An exception from a dependency (phonenumbers, stdnum,
sqlite3, psycopg, ...) never escapes unwrapped: it is translated into one of
these classes and chained as ``__cause__``.

The hierarchy::

    CrmError
     +-- ValidationError (also ValueError)   bad input: a field's value is wrong
     +-- NotFoundError (also LookupError)     nothing stored under that key
     +-- ConflictError                        stale version, duplicate unique key
     +-- StorageError                         the storage backend failed
     +-- ConfigurationError (also ValueError) crmcore was set up wrongly

Every error carries:

* ``code``: a stable, dotted reason code (``"phone.too_short"``,
  ``"party.stale_version"``) that applications can branch on and translate;
* ``message``: a sentence in English for people, which :func:`localize`
  gives in Polish, Ukrainian, Russian, Greek or German;
* ``field``: the field the error is about (``"phones[0].number"``), or ``None``;
* ``value``: the offending value as it was given, or ``None``;
* ``hint``: what the expected form looks like (``"+48 601 234 567"``), or ``None``.

>>> from crmcore.errors import ValidationError
>>> err = ValidationError(
...     "the currency is not an ISO 4217 code",
...     field="currency", value="ZZZ", code="money.unknown_currency",
...     hint="a three-letter ISO 4217 code such as EUR, PLN or UAH",
... )
>>> isinstance(err, ValueError), err.code, err.field
(True, 'money.unknown_currency', 'currency')
>>> print(err)  # doctest: +NORMALIZE_WHITESPACE
currency: the currency is not an ISO 4217 code (value 'ZZZ';
expected: a three-letter ISO 4217 code such as EUR, PLN or UAH) [money.unknown_currency]

Messages and hints are message ids of crmcore's gettext catalogues, so every
error can be shown in the language of the person reading it; its code, field
and value stay as they were:

>>> print(localize(err, "pl"))  # doctest: +NORMALIZE_WHITESPACE
currency: waluta nie jest kodem ISO 4217 (value 'ZZZ';
expected: trzyliterowy kod ISO 4217, np. EUR, PLN lub UAH) [money.unknown_currency]
"""

from __future__ import annotations

from typing import Any, Self

from crmcore._localize import localize

__all__ = [
    "ConfigurationError",
    "ConflictError",
    "CrmError",
    "NotFoundError",
    "StorageError",
    "ValidationError",
    "localize",
]

_MAX_VALUE_REPR = 80


class CrmError(Exception):
    """The root of every error crmcore raises.

    Args:
        message: A sentence in English describing what is wrong.
        code: A stable, dotted reason code, such as ``"phone.too_short"``.
        field: The field the error is about, if any.
        value: The offending value as it was given, if any.
        hint: A description or an example of the expected form, if any.

    Attributes:
        message: A sentence in English describing what is wrong.
        code: A stable, dotted reason code for programs to branch on.
        field: The field the error is about, or ``None``.
        value: The offending value as it was given, or ``None``.
        hint: A description or an example of the expected form, or ``None``.
    """

    default_code = "crm.error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        field: str | None = None,
        value: object = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.field = field
        self.value = value
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.field}: {self.message}" if self.field else self.message
        details = []
        if self.value is not None:
            shown = repr(self.value)
            if len(shown) > _MAX_VALUE_REPR:
                shown = shown[: _MAX_VALUE_REPR - 3] + "..."
            details.append(f"value {shown}")
        if self.hint:
            details.append(f"expected: {self.hint}")
        if details:
            text += f" ({'; '.join(details)})"
        return f"{text} [{self.code}]"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.message!r}, code={self.code!r}, "
            f"field={self.field!r}, value={self.value!r}, hint={self.hint!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only constructors do not survive pickling by default; errors
        # must cross process boundaries (multiprocessing, job queues) intact.
        return (_rebuild, (type(self), self.message, self.as_dict()))

    def as_dict(self) -> dict[str, Any]:
        """Return the error's data as a plain dict, e.g. for an API response.

        >>> CrmError("broken", code="x.y", field="f").as_dict()
        {'code': 'x.y', 'field': 'f', 'value': None, 'message': 'broken', 'hint': None}
        """
        return {
            "code": self.code,
            "field": self.field,
            "value": self.value,
            "message": self.message,
            "hint": self.hint,
        }

    def at(self, prefix: str) -> Self:
        """Return a copy whose field is nested under ``prefix``.

        Used when a value object's error is re-raised by the entity holding it,
        so that the field names the full path.

        >>> err = ValidationError("bad", code="x.bad", field="currency")
        >>> err.at("purchases[0].amount").field
        'purchases[0].amount.currency'
        """
        field = f"{prefix}.{self.field}" if self.field else prefix
        new = type(self)(
            self.message, code=self.code, field=field, value=self.value, hint=self.hint
        )
        new.__cause__ = self.__cause__
        return new


def _rebuild(cls: type[CrmError], message: str, data: dict[str, Any]) -> CrmError:
    kwargs = {k: v for k, v in data.items() if k != "message"}
    return cls(message, **kwargs)


class ValidationError(CrmError, ValueError):
    """A value is not acceptable: wrong form, failed checksum, out of range.

    Raised by the standardisers and by the domain model's constructors.
    """

    default_code = "validation.invalid"


class NotFoundError(CrmError, LookupError):
    """Nothing is stored under the key that was asked for."""

    default_code = "storage.not_found"


class ConflictError(CrmError):
    """A write conflicts with what is stored.

    For example an update carrying a stale version (someone else changed the
    party in the meantime), or a second party with a customer number or an
    identifier that must be unique.
    """

    default_code = "storage.conflict"


class StorageError(CrmError):
    """The storage backend failed (disk, connection, database error).

    The backend's own exception is chained as ``__cause__``.
    """

    default_code = "storage.failed"


class ConfigurationError(CrmError, ValueError):
    """crmcore was configured wrongly (an unknown storage URL, a bad layout)."""

    default_code = "config.invalid"


def __dir__() -> list[str]:
    # Only the public surface: not the names this module imports for itself.
    return sorted(__all__)

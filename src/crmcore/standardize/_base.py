"""What every standardiser family shares: input checks and error construction."""

from __future__ import annotations

from typing import NoReturn

from crmcore._i18n import N_
from crmcore.errors import ValidationError

__all__ = ["MAX_INPUT_LENGTH", "N_", "fail", "require_text"]

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

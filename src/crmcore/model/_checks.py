"""Converters shared by the model's classes.

Each converter accepts the friendly forms of a value (a list or a set where a
collection is wanted, an enum's value where a member is wanted, the JSON form
of a UUID, a Decimal or a date), returns the stored, immutable form, and
raises :class:`~crmcore.errors.ValidationError` naming the field for anything
else. A wrong type is a ``ValidationError`` too, never a ``TypeError``.

A converter is a plain function ``(value, field="value") -> stored value``.
Classes are declared with ``field_transformer=bind_field_names``, which binds
each converter whose second and last parameter is ``field`` to the name of its
field (the ``__init__`` alias), so that errors name the field without the
name being written twice. The converters stay plain named functions, which is
what mypy's attrs plugin understands.
"""

from __future__ import annotations

import enum
import functools
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from crmcore._i18n import N_
from crmcore.errors import ValidationError

if TYPE_CHECKING:
    import attrs

__all__ = [
    "EMPTY_FROZENSET",
    "MAX_SHORT_TEXT",
    "MAX_TEXT",
    "as_decimal",
    "as_frozenset",
    "as_instance",
    "as_member",
    "as_text",
    "as_text_tuple",
    "as_tuple",
    "as_uuid",
    "bind_field_names",
    "check_characters",
    "fail",
    "to_bool",
    "to_decimal",
    "to_non_negative_decimal",
    "to_non_negative_int",
    "to_optional_decimal",
    "to_optional_non_negative_int",
    "to_optional_positive_int",
    "to_optional_short_text",
    "to_optional_text",
    "to_optional_uuid",
    "to_short_text",
    "to_short_text_set",
    "to_text",
    "to_text_tuple",
    "to_uuid",
    "to_uuid_set",
]

#: The longest free text a field accepts (a subject, an outcome, a street).
MAX_TEXT = 1000
#: The longest short text: names of things, keys, codes, tags.
MAX_SHORT_TEXT = 200

#: One shared empty frozenset: a million parties without tags hold one object.
EMPTY_FROZENSET: frozenset[Any] = frozenset()

_E = TypeVar("_E", bound=enum.Enum)
_T = TypeVar("_T")

# C0 controls and DEL, except tab, line feed and carriage return: a NUL byte or
# an escape sequence in a name is never data, and some databases refuse NUL.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A lone surrogate is half of a UTF-16 pair, not a character: it has no UTF-8
# form, so no database can store it and no reader can show it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def bind_field_names(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """Bind each ``(value, field)`` converter of ``cls`` to its field's name.

    A field transformer: ``@attrs.frozen(field_transformer=bind_field_names)``.
    """
    del cls
    bound = []
    for field in fields:
        converter: Any = field.converter
        if _wants_field(converter):
            name = field.alias or field.name.lstrip("_")
            field = field.evolve(converter=_bind(converter, name))  # noqa: PLW2901
        bound.append(field)
    return bound


def _wants_field(converter: object) -> bool:
    code = getattr(converter, "__code__", None)
    return code is not None and code.co_varnames[1 : code.co_argcount] == ("field",)


def _bind(converter: Callable[..., Any], name: str) -> Callable[[object], Any]:
    # A partial is called in C: no extra Python frame per field and construction.
    return functools.partial(converter, field=name)


def fail(
    code: str,
    message: str,
    *,
    field: str,
    value: object,
    hint: str | None = None,
) -> NoReturn:
    """Raise a :class:`~crmcore.errors.ValidationError` for ``field``."""
    raise ValidationError(message, code=code, field=field, value=value, hint=hint)


def as_text(value: object, field: str, *, max_length: int = MAX_TEXT) -> str:
    """Return ``value`` stripped, if it is non-blank text without control characters.

    >>> as_text("  Ромашка ", "name")
    'Ромашка'
    >>> as_text("", "name")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: name: the text is empty ... [text.empty]
    """
    if type(value) is not str:
        if not isinstance(value, str):
            fail("text.not_text", N_("the value is not text"), field=field, value=value)
        value = str(value)
    text = value.strip()
    if not text:
        fail("text.empty", N_("the text is empty"), field=field, value=value)
    if len(text) > max_length:
        fail(
            "text.too_long",
            N_("the text is longer than {limit} characters", limit=max_length),
            field=field,
            value=value,
        )
    check_characters(text, field, value)
    return text


def check_characters(text: str, field: str, value: object = None, *, controls: bool = True) -> str:
    """Return ``text`` if every character of it can be stored; else raise.

    The one rule on the characters of any text that enters the model or a
    store: no lone surrogate (``text.surrogate``) and, with ``controls``, no
    C0 control character or DEL but tab, line feed and carriage return
    (``text.control_character``); without ``controls`` (free JSON text, such
    as an event's payload, which keeps even NUL), only the surrogate.

    >>> check_characters("Łódź", "city")
    'Łódź'
    >>> check_characters("A" + chr(0xD800), "city")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: city: the text holds a lone surrogate... [text.surrogate]
    """
    shown = text if value is None else value
    if not text.isascii() and _SURROGATE.search(text):
        fail(
            "text.surrogate",
            N_("the text holds a lone surrogate, which is not a character"),
            field=field,
            value=shown,
            hint=N_("text that can be written in UTF-8"),
        )
    if controls and _CONTROL.search(text):
        fail(
            "text.control_character",
            N_("the text holds a control character"),
            field=field,
            value=shown,
            hint=N_("printable text; tabs and line breaks are allowed"),
        )
    return text


def as_member(enum_cls: type[_E], value: object, field: str, code: str) -> _E:
    """Return the member of ``enum_cls`` that ``value`` is or names, or raise ``code``."""
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(value)
    except (ValueError, TypeError):
        allowed = ", ".join(str(member.value) for member in enum_cls)
        fail(
            code,
            N_("not a known {type}", type=enum_cls.__name__),
            field=field,
            value=value,
            hint=allowed,
        )


def _items(value: object, field: str) -> Iterable[Any]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        fail(
            "collection.not_collection",
            N_("the value is not a collection"),
            field=field,
            value=value,
            hint=N_("a list, tuple or set"),
        )
    return value


def as_uuid(value: object, field: str) -> uuid.UUID:
    """Return ``value`` as a UUID, from a UUID or its text form."""
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, str):
        try:
            return uuid.UUID(value)
        except ValueError:
            pass
    fail(
        "uuid.invalid",
        N_("the value is not a UUID"),
        field=field,
        value=value,
        hint=str(uuid.UUID(int=0)),
    )


def as_decimal(value: object, field: str, *, code: str = "decimal.invalid") -> Decimal:
    """Return ``value`` as a finite Decimal, from a Decimal, an int or a numeric string.

    A float is refused: its binary value is rarely the amount that was meant.

    >>> as_decimal("12.50", "amount")
    Decimal('12.50')
    >>> as_decimal(0.1, "amount")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: amount: a float is not an exact number ... [decimal.float]
    """
    hint = N_("a Decimal, an int or a string such as '1250.00'")
    if isinstance(value, float):
        fail(
            "decimal.float",
            N_("a float is not an exact number"),
            field=field,
            value=value,
            hint=hint,
        )
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int) and not isinstance(value, bool):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            fail(code, N_("the value is not a number"), field=field, value=value, hint=hint)
    else:
        fail(code, N_("the value is not a number"), field=field, value=value, hint=hint)
    if not number.is_finite():
        fail(code, N_("the number is not finite"), field=field, value=value, hint=hint)
    return number


_UUID_HINT = "a UUID such as 0193f1c2-7d4e-7a51-9c3b-5f2e8d1a6b70"


def as_tuple(
    value: object, field: str, cls: type[_T] | tuple[type[_T], ...], code: str
) -> tuple[_T, ...]:
    """Return ``value`` (a list, tuple, ...) as a tuple of instances of ``cls``."""
    if type(value) is tuple and not value:
        return ()
    result = tuple(_items(value, field))
    for index, each in enumerate(result):
        if not isinstance(each, cls):
            names = cls.__name__ if isinstance(cls, type) else " or ".join(c.__name__ for c in cls)
            fail(
                code,
                N_("the item is not a {type}", type=names),
                field=f"{field}[{index}]",
                value=each,
            )
    return result


def as_frozenset(value: object, field: str, item: Callable[[object, str], _T]) -> frozenset[_T]:
    """Return ``value`` (a set, list, ...) as a frozenset of ``item(each, field)``."""
    if not value and isinstance(value, frozenset | set | tuple | list):
        return EMPTY_FROZENSET
    return frozenset(item(each, field) for each in _items(value, field))


def as_instance(value: object, field: str, cls: type[_T] | tuple[type[_T], ...], code: str) -> _T:
    """Return ``value`` if it is an instance of ``cls``."""
    if not isinstance(value, cls):
        names = cls.__name__ if isinstance(cls, type) else " or ".join(c.__name__ for c in cls)
        fail(code, N_("the value is not a {type}", type=names), field=field, value=value)
    return value


def standardized(
    value: object,
    cls: type[_T],
    *,
    code: str,
    message: str,
    hint: str,
    field: str = "value",
) -> _T:
    """Return ``value`` if it is the standardiser's ``cls``; else fail with ``code``.

    The bridges from standardised values to the model's parts (the
    ``from_standardized`` constructors) check their argument with it; each
    passes its own message and hint, written at the call as catalogue messages.
    """
    if not isinstance(value, cls):
        fail(code, message, field=field, value=value, hint=hint)
    return value


def as_text_tuple(value: object, field: str, *, max_length: int = MAX_TEXT) -> tuple[str, ...]:
    """Return ``value`` (a list, tuple, ...) as a tuple of non-blank texts, in order."""
    if type(value) is tuple and not value:
        return ()
    return tuple(
        as_text(each, f"{field}[{index}]", max_length=max_length)
        for index, each in enumerate(_items(value, field))
    )


def _as_int(value: object, field: str, minimum: int) -> int:
    if type(value) is not int:
        fail("number.not_integer", N_("the value is not an integer"), field=field, value=value)
    if value < minimum:
        fail(
            "number.too_small",
            N_("the number is smaller than {minimum}", minimum=minimum),
            field=field,
            value=value,
        )
    return value


def to_text(value: object, field: str = "value") -> str:
    """Non-blank text, stripped, at most :data:`MAX_TEXT` characters."""
    return as_text(value, field)


def to_short_text(value: object, field: str = "value") -> str:
    """Non-blank text, stripped, at most :data:`MAX_SHORT_TEXT` characters."""
    return as_text(value, field, max_length=MAX_SHORT_TEXT)


def to_optional_text(value: object, field: str = "value") -> str | None:
    """Like :func:`to_text`, but ``None`` or blank text gives ``None``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return as_text(value, field)


def to_optional_short_text(value: object, field: str = "value") -> str | None:
    """Like :func:`to_short_text`, but ``None`` or blank text gives ``None``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return as_text(value, field, max_length=MAX_SHORT_TEXT)


def to_text_tuple(value: object, field: str = "value") -> tuple[str, ...]:
    """A tuple of non-blank texts, from any collection but a string."""
    return as_text_tuple(value, field)


def to_bool(value: object, field: str = "value") -> bool:
    """``True`` or ``False`` only: ``1``, ``"yes"`` and ``None`` are refused."""
    if value is True or value is False:
        return value
    return fail(
        "boolean.not_boolean", N_("the value is not true or false"), field=field, value=value
    )


def to_uuid(value: object, field: str = "value") -> uuid.UUID:
    """A UUID, from a UUID or its text."""
    return as_uuid(value, field)


def to_optional_uuid(value: object, field: str = "value") -> uuid.UUID | None:
    """A UUID or ``None``."""
    return None if value is None else as_uuid(value, field)


def to_decimal(value: object, field: str = "value") -> Decimal:
    """A finite Decimal, from a Decimal, an int or a numeric string."""
    return as_decimal(value, field)


def to_optional_decimal(value: object, field: str = "value") -> Decimal | None:
    """A finite Decimal or ``None``."""
    return None if value is None else as_decimal(value, field)


def to_non_negative_decimal(value: object, field: str = "value") -> Decimal:
    """A finite Decimal, zero or more."""
    number = as_decimal(value, field)
    if number < 0:
        fail("number.too_small", N_("the number is negative"), field=field, value=value)
    return number


def to_non_negative_int(value: object, field: str = "value") -> int:
    """An int (not a bool), zero or more."""
    return _as_int(value, field, 0)


def to_optional_non_negative_int(value: object, field: str = "value") -> int | None:
    """An int (not a bool), zero or more, or ``None``."""
    return None if value is None else _as_int(value, field, 0)


def to_optional_positive_int(value: object, field: str = "value") -> int | None:
    """An int (not a bool), one or more, or ``None``."""
    return None if value is None else _as_int(value, field, 1)


def _short(value: object, field: str) -> str:
    return as_text(value, field, max_length=MAX_SHORT_TEXT)


def to_short_text_set(value: object, field: str = "value") -> frozenset[str]:
    """A frozenset of short texts, from any collection but a string."""
    return as_frozenset(value, field, _short)


def to_uuid_set(value: object, field: str = "value") -> frozenset[uuid.UUID]:
    """A frozenset of UUIDs, from any collection of UUIDs or their texts."""
    return as_frozenset(value, field, as_uuid)

"""Filters on parties: a tiny predicate language, evaluated in Python or compiled to SQL.

A predicate is a value built from a few classes: :class:`Compare` (a field
against a value), :class:`In` (a field against several values),
:class:`HasRole`, :class:`HasTag`, and the connectives :class:`And`,
:class:`Or`, :class:`Not` (also written ``&``, ``|`` and ``~``). The memory
store evaluates a predicate with :func:`matches`; the SQL stores compile it to
a parameterised ``WHERE`` clause over indexed columns. Segment rules compile
to these values.

The fields a predicate may name are the indexed ones (:data:`FIELDS`):
``kind``, ``country`` (see :func:`party_country`), ``customer_number``,
``created_at``, ``updated_at`` and ``version``. A comparison with a party
whose field is empty (no country) is false, except ``!=``, which is always the
negation of ``==``; ``Compare("country", "==", None)`` finds parties with no
country.

>>> from datetime import UTC, datetime
>>> pl_clients = Compare("country", "==", "PL") & HasRole("client")
>>> recent = Compare("created_at", ">=", datetime(2026, 1, 1, tzinfo=UTC))
>>> pl_clients | ~recent
Or(parts=(And(parts=(Compare(field='country', op='==', value='PL'), HasRole(role=<Role.CLIENT:
'client'>))), Not(part=Compare(field='created_at', op='>=', value=datetime.datetime(2026, 1, 1, 0,
0, tzinfo=datetime.timezone.utc)))))
"""

from __future__ import annotations

import operator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

import attrs

from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.model import Party, PartyKind, Role
from crmcore.model._checks import to_short_text
from crmcore.storage._lookup_keys import party_country

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "FIELDS",
    "And",
    "Compare",
    "FieldValue",
    "HasRole",
    "HasTag",
    "In",
    "Not",
    "Operator",
    "Or",
    "Predicate",
    "aware_moment",
    "check_batch_size",
    "field_value",
    "is_predicate",
    "matches",
]

#: A comparison operator.
Operator: TypeAlias = Literal["==", "!=", "<", "<=", ">", ">="]
#: A value a field is compared with.
FieldValue: TypeAlias = str | int | datetime | None

#: The fields a predicate may name, with the type of their values.
FIELDS: Final[dict[str, type]] = {
    "kind": str,
    "country": str,
    "customer_number": str,
    "created_at": datetime,
    "updated_at": datetime,
    "version": int,
}
_OPERATORS: Final[dict[str, Callable[[Any, Any], Any]]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_FIELDS_HINT = ", ".join(FIELDS)
_ALPHA_2 = 2  # the length of an ISO 3166-1 alpha-2 code


class _Connectives:
    """``&``, ``|`` and ``~`` for every predicate."""

    __slots__ = ()

    def __and__(self, other: Predicate) -> And:
        return And(self, other)  # type: ignore[arg-type]

    def __or__(self, other: Predicate) -> Or:
        return Or(self, other)  # type: ignore[arg-type]

    def __invert__(self) -> Not:
        return Not(self)  # type: ignore[arg-type]


def _check_field(value: object) -> str:
    if not isinstance(value, str) or value not in FIELDS:
        raise ValidationError(
            N_("a predicate can only name an indexed field"),
            code="query.unknown_field",
            field="field",
            value=value,
            hint=_FIELDS_HINT,
        )
    return value


# Each check returns the value in the form its field holds, or raises ValueError.


def aware_moment(value: object) -> datetime:
    """Return ``value`` if it is a timezone-aware datetime that has a UTC time; else raise.

    The stores compare moments in UTC: a moment of the year 1 east of UTC (or
    of the year 9999 west of it) has none, and is refused as any other wrong value.

    Raises:
        ValueError: Otherwise (the caller gives the typed error).
    """
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError
    try:
        value.astimezone(UTC)
    except OverflowError:
        raise ValueError from None
    return value


def _moment(value: object) -> FieldValue:
    return aware_moment(value)


def _integer(value: object) -> FieldValue:
    if type(value) is int:
        return value
    raise ValueError


def _kind(value: object) -> FieldValue:
    if isinstance(value, str) and value in _KINDS:
        return value
    raise ValueError


def _country(value: object) -> FieldValue:
    if isinstance(value, str) and len(value) == _ALPHA_2 and value.isascii() and value.isalpha():
        return value.upper()
    raise ValueError


def _customer_number(value: object) -> FieldValue:
    # Folded as get_by_customer_number folds it: the model's short text, stripped.
    if isinstance(value, str):
        return to_short_text(value, "customer_number")  # its ValidationError is a ValueError
    raise ValueError


_KINDS = frozenset(kind.value for kind in PartyKind)
_CHECKS: Final[dict[str, tuple[Callable[[object], FieldValue], str]]] = {
    "kind": (_kind, N_("person or organization")),
    "country": (_country, N_("an ISO 3166-1 alpha-2 code such as PL")),
    "customer_number": (_customer_number, N_("a customer number (text)")),
    "created_at": (_moment, N_("a timezone-aware datetime")),
    "updated_at": (_moment, N_("a timezone-aware datetime")),
    "version": (_integer, N_("an integer")),
}


def _check_value(field: str, value: object) -> FieldValue:
    """Return ``value`` in the form ``field`` holds, or raise ``query.invalid_value``."""
    check, hint = _CHECKS[field]
    try:
        return check(value)
    except ValueError:
        raise ValidationError(
            N_("the value does not fit the field {field}", field=field),
            code="query.invalid_value",
            field=field,
            value=value,
            hint=hint,
        ) from None


def _to_operator(value: object) -> Operator:
    if value not in _OPERATORS:
        raise ValidationError(
            N_("not a comparison operator"),
            code="query.unknown_operator",
            field="op",
            value=value,
            hint="==, !=, <, <=, >, >=",
        )
    return value  # type: ignore[return-value]


@attrs.frozen
class Compare(_Connectives):
    """A field compared with a value: ``Compare("country", "==", "PL")``.

    Args:
        field: One of :data:`FIELDS`.
        op: ``==``, ``!=``, ``<``, ``<=``, ``>`` or ``>=``.
        value: Text for ``kind``, ``country`` and ``customer_number``, an
            aware datetime for ``created_at`` and ``updated_at``, an int for
            ``version``; ``None`` with ``==`` and ``!=`` only.

    Raises:
        ValidationError: ``query.unknown_field``, ``query.unknown_operator``
            or ``query.invalid_value``.

    >>> Compare("version", ">", "2")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: version: the value does not fit the field version ...
    """

    field: str = attrs.field(converter=_check_field)
    op: Operator = attrs.field(converter=_to_operator)
    value: FieldValue

    def __attrs_post_init__(self) -> None:
        if self.value is None and self.op not in {"==", "!="}:
            raise ValidationError(
                N_("only == and != compare with None"),
                code="query.invalid_value",
                field=self.field,
                value=None,
                hint="== None or != None",
            )
        if self.value is not None:
            object.__setattr__(self, "value", _check_value(self.field, self.value))


def _to_values(value: Iterable[object]) -> tuple[object, ...]:
    return tuple(value)


@attrs.frozen
class In(_Connectives):
    """A field equal to one of several values: ``In("country", ["PL", "UA"])``.

    An empty list of values matches nothing.
    """

    field: str = attrs.field(converter=_check_field)
    values: tuple[FieldValue, ...] = attrs.field(converter=_to_values)

    def __attrs_post_init__(self) -> None:
        checked = tuple(dict.fromkeys(_check_value(self.field, value) for value in self.values))
        object.__setattr__(self, "values", checked)


def _to_role(value: object) -> Role:
    try:
        return Role(value if isinstance(value, str) else "")
    except ValueError:
        raise ValidationError(
            N_("not a known role"),
            code="query.unknown_role",
            field="role",
            value=value,
            hint=", ".join(role.value for role in Role),
        ) from None


@attrs.frozen
class HasRole(_Connectives):
    """The party plays ``role``: ``HasRole("client")``."""

    role: Role = attrs.field(converter=_to_role)


def _to_tag(value: object) -> str:
    """Return the tag as a party's tags hold it: the model's own fold of a tag."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(
            N_("a tag is a non-empty text"),
            code="query.invalid_tag",
            field="tag",
            value=value,
            hint=N_('a tag such as "vip"'),
        )
    return to_short_text(value, "tag")


@attrs.frozen
class HasTag(_Connectives):
    """The party carries ``tag``: ``HasTag("vip")``."""

    tag: str = attrs.field(converter=_to_tag)


def _to_parts(value: tuple[object, ...]) -> tuple[Predicate, ...]:
    for part in value:
        if not isinstance(part, _PREDICATES):
            raise ValidationError(
                N_("not a predicate"),
                code="query.not_predicate",
                field="parts",
                value=part,
                hint="Compare, In, HasRole, HasTag, And, Or or Not",
            )
    return value  # type: ignore[return-value]


@attrs.frozen(init=False)
class And(_Connectives):
    """Every part holds. ``And()`` (no parts) always holds."""

    parts: tuple[Predicate, ...]

    def __init__(self, *parts: Predicate) -> None:
        self.__attrs_init__(_to_parts(parts))


@attrs.frozen(init=False)
class Or(_Connectives):
    """At least one part holds. ``Or()`` (no parts) never holds."""

    parts: tuple[Predicate, ...]

    def __init__(self, *parts: Predicate) -> None:
        self.__attrs_init__(_to_parts(parts))


@attrs.frozen(init=False)
class Not(_Connectives):
    """The part does not hold."""

    part: Predicate

    def __init__(self, part: Predicate) -> None:
        self.__attrs_init__(_to_parts((part,))[0])


#: Any predicate.
Predicate: TypeAlias = Compare | In | HasRole | HasTag | And | Or | Not
_PREDICATES = (Compare, In, HasRole, HasTag, And, Or, Not)


def is_predicate(value: object) -> bool:
    """Tell whether ``value`` is a predicate (one of the classes of :data:`Predicate`)."""
    return isinstance(value, _PREDICATES)


def check_batch_size(batch_size: object) -> int:
    """Return ``batch_size`` if it is a positive int, else raise ``query.invalid_batch_size``."""
    if type(batch_size) is not int or batch_size < 1:
        raise ValidationError(
            N_("the batch size is not a positive integer"),
            code="query.invalid_batch_size",
            field="batch_size",
            value=batch_size,
            hint=N_("a positive integer such as 1000"),
        )
    return batch_size


def field_value(party: Party, field: str) -> FieldValue:
    """Return the value of the indexed ``field`` of ``party``."""
    if field == "kind":
        return party.kind.value
    if field == "country":
        return party_country(party)
    value: FieldValue = getattr(party, field)
    return value


def matches(predicate: Predicate | None, party: Party) -> bool:  # per class
    """Return whether ``party`` satisfies ``predicate`` (``None`` always holds).

    >>> from crmcore.model import Party
    >>> party = Party.person(family="Nowak", roles=["client"], tags=["vip"],
    ...                      created_at="2026-11-23T09:30:00+01:00")
    >>> matches(HasRole("client") & ~HasTag("opt"), party)
    True
    >>> matches(Compare("country", "==", "PL"), party)
    False
    >>> matches(Compare("country", "==", None), party)
    True
    """
    match predicate:
        case None:
            return True
        case Compare(field=field, op=op, value=value):
            actual = field_value(party, field)
            if value is None or actual is None:
                equal = actual is value
                return equal if op == "==" else not equal if op == "!=" else False
            return bool(_OPERATORS[op](actual, value))
        case In(field=field, values=values):
            return field_value(party, field) in values
        case HasRole(role=role):
            return role in party.roles
        case HasTag(tag=tag):
            return tag in party.tags
        case And(parts=parts):
            return all(matches(part, party) for part in parts)
        case Or(parts=parts):
            return any(matches(part, party) for part in parts)
        case Not(part=part):
            return not matches(part, party)
    raise ValidationError(  # pragma: no cover - every predicate class is matched above
        N_("not a predicate"), code="query.not_predicate", field="where", value=predicate
    )

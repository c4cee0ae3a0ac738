"""Profile attributes: typed custom fields that the application declares.

An application declares its fields once, in an :class:`AttributeSchema` (a
cosmetics shop: hair type, skin type, age; a logistics firm: fleet size), and
validates values against it. A party holds its values in :class:`Attributes`,
an immutable mapping from names to typed values.

The party itself checks only the structure of its attributes (names in
``snake_case``, values of a supported type); whether ``hair_type`` may be
``"curly"`` is the schema's business, because the schema belongs to the
application, not to the party.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Protocol, Self, TypeAlias, TypeVar

import attrs

from crmcore._i18n import N_
from crmcore.model._checks import (
    EMPTY_FROZENSET,
    MAX_SHORT_TEXT,
    MAX_TEXT,
    as_decimal,
    as_frozenset,
    as_member,
    as_text,
    as_tuple,
    bind_field_names,
    fail,
    to_bool,
    to_optional_decimal,
    to_optional_positive_int,
    to_optional_short_text,
    to_short_text_set,
)
from crmcore.model._enums import PartyKind
from crmcore.model._moments import (
    as_date,
)

__all__ = [
    "AttributeCategory",
    "AttributeDefinition",
    "AttributeSchema",
    "AttributeType",
    "AttributeValue",
    "Attributes",
]

#: The Python types an attribute value may have.
AttributeValue: TypeAlias = str | int | bool | Decimal | date | frozenset[str]

_N = TypeVar("_N", int, Decimal)


class _HoldsAttributes(Protocol):
    """What :meth:`AttributeSchema.check` needs of a party: its kind and its attributes."""

    @property
    def kind(self) -> PartyKind: ...

    @property
    def attributes(self) -> Attributes: ...

    def with_attributes(self, values: Mapping[str, object] | None = None) -> Self: ...


_P = TypeVar("_P", bound=_HoldsAttributes)
_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")
#: Why an attribute is refused for a party of a kind, one message per kind.
_NOT_APPLICABLE = {
    PartyKind.PERSON: N_("the attribute does not apply to a person"),
    PartyKind.ORGANIZATION: N_("the attribute does not apply to an organization"),
}
_NAME_HINT = N_("a snake_case name such as hair_type or fleet_size")


def _check_name(name: object, field: str) -> str:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        fail(
            "attribute.invalid_name",
            N_("the attribute name is not snake_case"),
            field=field,
            value=name,
            hint=_NAME_HINT,
        )
    return name


def _check_value(value: object, field: str) -> AttributeValue:
    """Return ``value`` in its stored form if its type is supported."""
    if isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return as_text(value, field)
    if isinstance(value, Decimal | float):
        return as_decimal(value, field)
    if isinstance(value, date):
        return as_date(value, field)
    if isinstance(value, frozenset | set | list | tuple):
        return frozenset(as_text(each, field, max_length=MAX_SHORT_TEXT) for each in value)
    return fail(
        "attribute.unsupported_value",
        N_("the value's type is not supported for an attribute"),
        field=field,
        value=value,
        hint=N_("text, an int, a bool, a Decimal, a date or a set of texts"),
    )


class Attributes(Mapping[str, AttributeValue]):
    """An immutable mapping of attribute names to typed values, sorted by name.

    It compares equal to a mapping with the same items and is hashable, so a
    :class:`~crmcore.model.Party` holding it stays hashable.

    Args:
        values: A mapping (or pairs) of ``snake_case`` names to values: text,
            an int, a bool, a Decimal, a date, or a set of texts (a list or a
            tuple becomes a frozenset).

    Raises:
        ValidationError: ``attribute.invalid_name`` or
            ``attribute.unsupported_value``, naming ``attributes.<name>``.

    >>> attributes = Attributes({"skin_type": "dry", "age": 34, "interests": ["yoga", "йога"]})
    >>> attributes["age"], list(attributes)
    (34, ['age', 'interests', 'skin_type'])
    >>> attributes == {"age": 34, "skin_type": "dry", "interests": {"yoga", "йога"}}
    True
    """

    __slots__ = ("_items",)

    _items: tuple[tuple[str, AttributeValue], ...]

    def __init__(self, values: Mapping[str, object] | Iterable[tuple[str, object]] = ()) -> None:
        pairs = values.items() if isinstance(values, Mapping) else values
        checked: dict[str, AttributeValue] = {}
        for name, value in pairs:
            checked[_check_name(name, f"attributes.{name}")] = _check_value(
                value, f"attributes.{name}"
            )
        self._items = tuple(sorted(checked.items()))

    def __getitem__(self, name: str) -> AttributeValue:
        for key, value in self._items:
            if key == name:
                return value
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(self._items)

    def _typed(self) -> tuple[tuple[str, type, AttributeValue], ...]:
        return tuple((key, type(value), value) for key, value in self._items)

    def __eq__(self, other: object) -> bool:
        # Strict on types: True == 1 and Decimal(1) == 1 in Python, but an
        # attribute holding a bool is not the same as one holding an int.
        if isinstance(other, Attributes):
            return self._items == other._items and self._typed() == other._typed()
        if isinstance(other, Mapping):
            return dict(self._items) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"Attributes({dict(self._items)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Attributes, (self._items,))

    def merged(self, values: Mapping[str, object]) -> Attributes:
        """Return new attributes with ``values`` set; a value of ``None`` removes the name.

        >>> Attributes({"age": 34}).merged({"age": None, "hair_type": "curly"})
        Attributes({'hair_type': 'curly'})
        """
        merged: dict[str, object] = dict(self._items)
        for name, value in values.items():
            if value is None:
                merged.pop(name, None)
            else:
                merged[name] = value
        return Attributes(merged)


#: The one empty Attributes that parties without attributes share.
EMPTY_ATTRIBUTES = Attributes()


def attributes_converter(value: object) -> Attributes:
    """Convert a mapping (or ``None``) to :class:`Attributes`."""
    if isinstance(value, Attributes):
        return value
    if value is None or (isinstance(value, Mapping) and not value):
        return EMPTY_ATTRIBUTES
    if not isinstance(value, Mapping):
        fail(
            "attribute.not_mapping",
            N_("the attributes are not a mapping"),
            field="attributes",
            value=value,
            hint=N_("a dict of names to values"),
        )
    return Attributes(value)


class AttributeType(enum.StrEnum):
    """The declared type of an attribute."""

    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    BOOLEAN = "boolean"
    DATE = "date"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"


class AttributeCategory(enum.StrEnum):
    """What an attribute describes, for grouping it in forms and reports."""

    DEMOGRAPHICS = "demographics"
    INTERESTS = "interests"
    PREFERENCES = "preferences"
    OTHER = "other"


_NUMERIC = frozenset({AttributeType.INTEGER, AttributeType.DECIMAL})
_CHOICES = frozenset({AttributeType.CHOICE, AttributeType.MULTI_CHOICE})


def _kind(value: object, field: str) -> PartyKind:
    return as_member(PartyKind, value, field, "party.unknown_kind")


def _to_type(value: object, field: str = "value") -> AttributeType:
    return as_member(AttributeType, value, field, "attribute.unknown_type")


def _to_category(value: object, field: str = "value") -> AttributeCategory:
    return as_member(AttributeCategory, value, field, "attribute.unknown_category")


def _to_kinds(value: object, field: str = "value") -> frozenset[PartyKind]:
    return as_frozenset(value, field, _kind)


def _definition_name(value: object) -> str:
    return _check_name(value, "name")


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class AttributeDefinition:
    """The declaration of one custom attribute.

    Args:
        name: The attribute's ``snake_case`` name.
        value_type: The type of its values.
        label: A label for people, in the application's language.
        category: What it describes: demographics, interests, preferences, other.
        required: Whether every party it applies to must have it.
        choices: The allowed values of a ``choice`` or ``multi_choice`` attribute.
        minimum: The smallest allowed value of a number.
        maximum: The largest allowed value of a number.
        max_length: The longest allowed text.
        applies_to: The party kinds that may have it (both, by default).

    >>> age = AttributeDefinition(name="age", value_type="integer", minimum=0, maximum=130)
    >>> age.validate("34")
    34
    >>> age.validate(150)
    Traceback (most recent call last):
    crmcore.errors.ValidationError: attributes.age: the value is above the maximum ...
    """

    name: str = attrs.field(converter=_definition_name)
    value_type: AttributeType = attrs.field(converter=_to_type)
    label: str | None = attrs.field(default=None, converter=to_optional_short_text)
    category: AttributeCategory = attrs.field(
        default=AttributeCategory.OTHER,
        converter=_to_category,
    )
    required: bool = attrs.field(default=False, converter=to_bool)
    choices: frozenset[str] = attrs.field(default=EMPTY_FROZENSET, converter=to_short_text_set)
    minimum: Decimal | None = attrs.field(default=None, converter=to_optional_decimal)
    maximum: Decimal | None = attrs.field(default=None, converter=to_optional_decimal)
    max_length: int | None = attrs.field(default=None, converter=to_optional_positive_int)
    applies_to: frozenset[PartyKind] = attrs.field(
        default=frozenset(PartyKind), converter=_to_kinds
    )

    def __attrs_post_init__(self) -> None:
        if (self.value_type in _CHOICES) != bool(self.choices):
            fail(
                "attribute.bad_declaration",
                N_("choices go with choice types, and only with them"),
                field="choices",
                value=self.choices,
            )
        if (
            self.minimum is not None or self.maximum is not None
        ) and self.value_type not in _NUMERIC:
            fail(
                "attribute.bad_declaration",
                N_("bounds go with number types only"),
                field="minimum",
                value=self.minimum,
            )
        if self.max_length is not None and self.value_type is not AttributeType.TEXT:
            fail(
                "attribute.bad_declaration",
                N_("max_length goes with the text type only"),
                field="max_length",
                value=self.max_length,
            )
        if not self.applies_to:
            fail(
                "attribute.bad_declaration",
                N_("the attribute applies to no kind of party"),
                field="applies_to",
                value=self.applies_to,
            )

    def validate(self, value: object) -> AttributeValue:  # one per type
        """Return ``value`` converted to the declared type, or raise ``ValidationError``.

        Friendly forms are accepted: the text of an integer or a decimal, an
        ISO date, a list for a ``multi_choice``.
        """
        field = f"attributes.{self.name}"
        match self.value_type:
            case AttributeType.TEXT:
                return as_text(value, field, max_length=self.max_length or MAX_TEXT)
            case AttributeType.INTEGER:
                return self._in_bounds(self._integer(value, field), field)
            case AttributeType.DECIMAL:
                return self._in_bounds(as_decimal(value, field), field)
            case AttributeType.BOOLEAN:
                if not isinstance(value, bool):
                    fail(
                        "attribute.wrong_type",
                        N_("the value is not true or false"),
                        field=field,
                        value=value,
                        hint=N_("true or false"),
                    )
                return value
            case AttributeType.DATE:
                return as_date(value, field)
            case AttributeType.CHOICE:
                return self._choice(value, field)
            case _:  # AttributeType.MULTI_CHOICE
                if isinstance(value, str) or not isinstance(value, Iterable):
                    fail(
                        "attribute.wrong_type",
                        N_("the value is not a collection of choices"),
                        field=field,
                        value=value,
                        hint=self._choices_hint(),
                    )
                return frozenset(self._choice(each, field) for each in value)

    @staticmethod
    def _integer(value: object, field: str) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                pass
        return fail(
            "attribute.wrong_type",
            N_("the value is not an integer"),
            field=field,
            value=value,
            hint=N_("an integer such as 42"),
        )

    def _in_bounds(self, number: _N, field: str) -> _N:
        if self.minimum is not None and number < self.minimum:
            fail(
                "attribute.out_of_range",
                N_("the value is below the minimum"),
                field=field,
                value=number,
                hint=N_("at least {minimum}", minimum=self.minimum),
            )
        if self.maximum is not None and number > self.maximum:
            fail(
                "attribute.out_of_range",
                N_("the value is above the maximum"),
                field=field,
                value=number,
                hint=N_("at most {maximum}", maximum=self.maximum),
            )
        return number

    def _choices_hint(self) -> str:
        return "one of " + ", ".join(sorted(self.choices))

    def _choice(self, value: object, field: str) -> str:
        text = as_text(value, field, max_length=MAX_SHORT_TEXT)
        if text not in self.choices:
            fail(
                "attribute.not_a_choice",
                N_("the value is not one of the choices"),
                field=field,
                value=value,
                hint=self._choices_hint(),
            )
        return text


def _to_definitions(value: object, field: str = "value") -> tuple[AttributeDefinition, ...]:
    return as_tuple(value, field, AttributeDefinition, "attribute.not_definition")


@attrs.frozen(field_transformer=bind_field_names)
class AttributeSchema:
    """The custom attributes an application declares, and their validation.

    Args:
        definitions: The declarations; names must be unique.
        allow_undeclared: Whether values for undeclared names pass (unchecked).

    >>> schema = AttributeSchema([
    ...     AttributeDefinition(name="hair_type", value_type="choice",
    ...                         choices={"straight", "wavy", "curly"}, category="demographics"),
    ...     AttributeDefinition(name="fleet_size", value_type="integer", minimum=0,
    ...                         applies_to={"organization"}),
    ... ])
    >>> schema.validate({"hair_type": "curly"}, kind="person")
    Attributes({'hair_type': 'curly'})
    >>> schema.validate({"hair_type": "bald"})
    Traceback (most recent call last):
    crmcore.errors.ValidationError: attributes.hair_type: the value is not one of the choices ...
    """

    definitions: tuple[AttributeDefinition, ...] = attrs.field(converter=_to_definitions)
    allow_undeclared: bool = attrs.field(default=False, kw_only=True, converter=to_bool)
    _index: dict[str, AttributeDefinition] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        index: dict[str, AttributeDefinition] = {}
        for position, definition in enumerate(self.definitions):
            if definition.name in index:
                fail(
                    "attribute.duplicate_definition",
                    N_("the name is declared twice"),
                    field=f"definitions[{position}].name",
                    value=definition.name,
                )
            index[definition.name] = definition
        object.__setattr__(self, "_index", index)

    def __getitem__(self, name: str) -> AttributeDefinition:
        """Return the declaration of ``name``; ``KeyError`` if there is none."""
        return self._index[name]

    def __contains__(self, name: object) -> bool:
        return name in self._index

    def validate(
        self, values: Mapping[str, object], *, kind: PartyKind | str | None = None
    ) -> Attributes:
        """Return ``values`` checked and converted, as :class:`Attributes`.

        Args:
            values: Names to values, as a form or an import gives them.
            kind: The kind of party they are for; checks ``applies_to`` and
                ``required``. Without it, ``required`` is not checked.

        Raises:
            ValidationError: ``attribute.undeclared``, ``attribute.not_applicable``,
                ``attribute.missing``, or the declaration's own errors, naming
                ``attributes.<name>``.
        """
        party_kind = None if kind is None else _kind(kind, "kind")
        if not isinstance(values, Mapping):
            fail(
                "attribute.not_mapping",
                N_("the attributes are not a mapping"),
                field="attributes",
                value=values,
                hint=N_("a dict of names to values"),
            )
        checked: dict[str, object] = {}
        for name, value in values.items():
            definition = self._index.get(name)
            if definition is None:
                if not self.allow_undeclared:
                    fail(
                        "attribute.undeclared",
                        N_("no attribute of this name is declared"),
                        field=f"attributes.{name}",
                        value=value,
                        hint=", ".join(sorted(self._index)) or None,
                    )
                checked[name] = value
                continue
            if party_kind is not None and party_kind not in definition.applies_to:
                fail(
                    "attribute.not_applicable",
                    _NOT_APPLICABLE[party_kind],
                    field=f"attributes.{name}",
                    value=value,
                )
            checked[name] = definition.validate(value)
        if party_kind is not None:
            for definition in self.definitions:
                if (
                    definition.required
                    and party_kind in definition.applies_to
                    and definition.name not in checked
                ):
                    fail(
                        "attribute.missing",
                        N_("the attribute is required"),
                        field=f"attributes.{definition.name}",
                        value=None,
                    )
        return Attributes(checked)

    def check(self, party: _P) -> _P:
        """Return ``party`` with its attributes validated against the schema.

        >>> from crmcore.model import Party
        >>> schema = AttributeSchema([AttributeDefinition(name="age", value_type="integer")])
        >>> party = Party.person(given="Ελένη", family="Παπαδοπούλου", attributes={"age": "41"},
        ...                      created_at="2026-11-23T09:30:00+02:00")
        >>> schema.check(party).attributes["age"]
        41
        """
        attributes = self.validate(party.attributes, kind=party.kind)
        if attributes == party.attributes:
            return party
        return party.with_attributes(attributes)

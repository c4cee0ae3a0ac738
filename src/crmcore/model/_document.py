"""The dict form of the model, written and read: one plan per class, built from its fields.

:func:`crmcore.model.to_dict` and storage both write through :func:`encode`;
storage reads what it wrote through :func:`read_party`. Each attrs class gets,
on first use, a plan made from its fields and their types: the keys in the
order of the dict form, and for each field that is not already JSON (text, a
number, a boolean) how to write it or read it back. The work per object is
then a few calls into C (fetching all fields at once, building the dict) and
one step per field that needs converting.

:func:`read_party` trusts its document: it is what :func:`encode` wrote, of
the current :data:`SCHEMA_VERSION`, its values validated when the party was
built. It sets the fields without running the classes' converters again, and
answers ``None`` when the document has another shape, so that the caller can
hand it to :func:`crmcore.model.from_dict`, which checks everything and knows
every version.
"""

from __future__ import annotations

import json
import types
import typing
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from itertools import repeat
from json.encoder import encode_basestring
from operator import add, attrgetter, call, itemgetter
from typing import Any, Final, Union, get_args, get_origin

import attrs

from crmcore.model._attributes import Attributes
from crmcore.model._contacts import CONTACT_CLASSES, ContactPoint
from crmcore.model._enums import PartyKind
from crmcore.model._names import OrganizationName, PersonName
from crmcore.model._party import Party
from crmcore.model._roles import PROFILE_CLASSES, RoleProfile

__all__ = [
    "ATTRIBUTE_TAGS",
    "NAME_CLASSES",
    "SCHEMA_VERSION",
    "TAGGED",
    "encode",
    "encode_party",
    "party_text",
    "read_party",
    "set_fields",
]

#: The version of the dict shape; bumped on any change a reader must know of.
SCHEMA_VERSION: Final = 2

#: The ``"type"`` of an attribute's value in the dict form, by the value's class
#: (``bool`` before ``int``: a bool is an int too).
ATTRIBUTE_TAGS: Final[tuple[tuple[type, str], ...]] = (
    (bool, "boolean"),
    (int, "integer"),
    (Decimal, "decimal"),
    (str, "text"),
    (date, "date"),
    (frozenset, "set"),
)

#: The class of a party's name, by the party's ``"kind"``.
NAME_CLASSES: Final[dict[str, type[PersonName | OrganizationName]]] = {
    PartyKind.PERSON.value: PersonName,
    PartyKind.ORGANIZATION.value: OrganizationName,
}

#: The classes written with a tag, and for each its key and its classes by tag.
TAGGED: Final[dict[type, tuple[str, dict[str, type]]]] = {
    ContactPoint: ("kind", {kind.value: cls for kind, cls in CONTACT_CLASSES.items()}),
    RoleProfile: ("role", {role.value: cls for role, cls in PROFILE_CLASSES.items()}),
}

_Convert = Callable[[Any], Any]


def _no_union(tp: object) -> object:
    """Return ``tp`` without ``None``: an optional value is written and read as its type."""
    if get_origin(tp) in {types.UnionType, Union}:
        rest = [arg for arg in get_args(tp) if arg is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return tp


def _getter(names: tuple[str, ...], get: Callable[..., Any]) -> Callable[[Any], tuple[Any, ...]]:
    """Return what fetches ``names`` at once, as a tuple (one name too)."""
    if len(names) == 1:
        one = get(names[0])
        return lambda value: (one(value),)
    fetch: Callable[[Any], tuple[Any, ...]] = get(*names)
    return fetch


def _fields(cls: type) -> list[tuple[str, str, Any]]:
    """Return ``(attribute, key, type)`` of each field of ``cls``, in the dict form's order.

    Fields that ``__init__`` does not take (an index built from the others)
    are left out. A contact point's or a role profile's own fields come
    before those of its base class.
    """
    hints = typing.get_type_hints(cls)
    fields = [(f.name, f.alias or f.name, hints[f.name]) for f in attrs.fields(cls) if f.init]
    for base in TAGGED:
        if issubclass(cls, base) and cls is not base:
            shared = {f.name for f in attrs.fields(base)}
            fields.sort(key=lambda field: field[0] in shared)  # stable: each part keeps its order
    return fields


# --- writing ----------------------------------------------------------------------------
#
# The dict form is written as JSON text, the form storage keeps; ``to_dict``
# reads that text back into dicts. Each class's plan writes a field as its key
# and its value's text: text through json's own string writer, the rest by a
# writer chosen once for the field's type. Fetching the fields, pairing them
# with their keys and joining them run in C; only the writers of values that
# need converting (a moment, an optional text) run Python.

_TEXT: Final = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)
_quote: Final[Callable[[str], str]] = encode_basestring
_Write = Callable[[Any], str]


def _object_text(value: object) -> str:
    return _TEXTS[type(value)](value)


def _attributes_text(attributes: Attributes) -> str:
    if not attributes:
        return "{}"
    result: dict[str, Any] = {}
    for name, value in attributes.items():
        tag = next(tag for cls, tag in ATTRIBUTE_TAGS if isinstance(value, cls))
        encoded: object = value
        if isinstance(value, Decimal):
            encoded = str(value)
        elif isinstance(value, date):
            encoded = value.isoformat()
        elif isinstance(value, frozenset):
            encoded = sorted(value)
        result[name] = {"type": tag, "value": encoded}
    return _TEXT.encode(result)


def _moment_text() -> _Write:
    """Return what writes the moments (or dates, or ``None``) of one field.

    It remembers the last value and its text: the parties of one bulk insert
    share their ``updated_at``, the same object. Compared by identity (the
    tuple holds a reference, so the id cannot be reused) and swapped as one
    tuple, so threads at worst miss it.
    """
    last: tuple[object, str] = (None, "null")

    def write(value: date | None) -> str:
        nonlocal last
        seen = last
        if seen[0] is value:
            return seen[1]
        if value is None:
            return "null"
        text = f'"{value.isoformat()}"'
        last = (value, text)
        return text

    return write


def _quoted_str(value: object) -> str:
    return f'"{value}"'


def _text_writer(tp: object) -> _Write:
    """Return how to write a value of type ``tp`` as JSON text, ``None`` too if it is optional."""
    plain = _no_union(tp)
    write, takes_none = _plain_text_writer(plain)
    if takes_none or plain is tp:
        return write
    if write is _quote:
        return _quote_or_null  # most optional fields are text: one call less
    return lambda value: "null" if value is None else write(value)


def _quote_or_null(value: str | None) -> str:
    return "null" if value is None else _quote(value)


def _plain_text_writer(tp: object) -> tuple[_Write, bool]:
    """Return how to write a value of type ``tp``, and whether that writes ``None`` too."""
    origin, args = get_origin(tp), get_args(tp)
    if origin in {types.UnionType, Union}:
        return _object_text, False  # a union of model classes: each by its own plan
    # Most collections of a party are empty (no profiles, external keys, holdings).
    if origin is tuple:
        each = _text_writer(args[0])
        return (lambda value: "[" + ",".join(map(each, value)) + "]" if value else "[]"), False
    if origin is frozenset:
        # A set is a list sorted by the text of its members: the same party, the same JSON.
        member = _member_value(args[0])

        def write_set(value: frozenset[Any]) -> str:
            if not value:
                return "[]"
            return "[" + ",".join(map(_quote, sorted(map(member, value)))) + "]"

        return write_set, False
    return _leaf_text_writer(tp)


def _member_value(tp: object) -> Callable[[Any], str]:
    """Return the text a member of a set of ``tp`` is written as (and sorted by)."""
    if isinstance(tp, type) and issubclass(tp, Enum):
        return {member: member.value for member in tp}.__getitem__
    return str  # text as it is, a UUID as its text


def _leaf_text_writer(tp: object) -> tuple[_Write, bool]:
    if tp is str:
        return _quote, False
    if tp is int:
        return str, False
    if tp is bool:
        return {True: "true", False: "false", None: "null"}.__getitem__, True
    if tp in {datetime, date}:
        return _moment_text(), True
    if isinstance(tp, type) and issubclass(tp, Enum):
        table: dict[Enum | None, str] = {member: _TEXT.encode(member.value) for member in tp}
        table[None] = "null"
        return table.__getitem__, True
    writers: dict[Any, _Write] = {
        Decimal: _quoted_str,
        uuid.UUID: _quoted_str,
        Attributes: _attributes_text,
    }
    if tp in writers:
        return writers[tp], False
    if isinstance(tp, type) and attrs.has(tp):
        return _object_text, False
    msg = f"no writer for {tp!r}"  # pragma: no cover - the model's types are all above
    raise TypeError(msg)  # pragma: no cover


def _plan_text(fields: list[tuple[str, str, Any]]) -> Callable[[Any], str]:
    """Return what writes ``fields`` of a value as JSON members (``"key":value``), joined."""
    prefixes = tuple(_quote(key) + ":" for _, key, _ in fields)
    writers = tuple(_text_writer(tp) for _, _, tp in fields)
    values = _getter(tuple(name for name, _, _ in fields), attrgetter)

    def members(value: object) -> str:
        return ",".join(map(add, prefixes, map(call, writers, values(value))))

    return members


def _class_text(cls: type) -> _Write:
    head = "".join(
        f"{_quote(tag)}:{_quote(getattr(cls, tag).value)},"
        for base, (tag, _) in TAGGED.items()
        if issubclass(cls, base)
    )
    members = _plan_text(_fields(cls))

    def write(value: object) -> str:
        return "{" + head + members(value) + "}"

    return write


_V = typing.TypeVar("_V")


class _PerClass(dict[type, _V]):
    """What each model class gets (its writer, its reader), made on first use."""

    def __init__(self, make: Callable[[type], _V]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, cls: type) -> _V:
        made = self[cls] = self.make(cls)
        return made


_TEXTS: Final[_PerClass[_Write]] = _PerClass(_class_text)

#: Writes a party's fields after its envelope, its id, kind, name and display name.
_party_members: Final = _plan_text(
    [field for field in _fields(Party) if field[0] not in {"id", "name", "_display_name"}]
)
_kind_text: Final = {kind: _quote(kind.value) for kind in PartyKind}.__getitem__
_PARTY_HEAD: Final = f'{{"type":"party","schema_version":{SCHEMA_VERSION},"id":"'


def party_text(party: Party) -> str:
    """Return the JSON text of ``party``'s dict form, its envelope included (what storage keeps)."""
    name = party.name
    return (
        f'{_PARTY_HEAD}{party.id}","kind":{_kind_text(party.kind)},'
        f'"name":{_TEXTS[type(name)](name)},"display_name":{_quote(party.display_name)},'
        f"{_party_members(party)}}}"
    )


def encode(value: object) -> dict[str, Any]:
    """Return the dict form of a model object, without the envelope (type, schema version)."""
    if type(value) is Party:
        body = encode_party(value)
        del body["type"], body["schema_version"]
        return body
    fields: dict[str, Any] = json.loads(_object_text(value))
    return fields


def encode_party(party: Party) -> dict[str, Any]:
    """Return the dict form of ``party``, its envelope included: what ``to_dict`` returns."""
    body: dict[str, Any] = json.loads(party_text(party))
    return body


# --- reading ----------------------------------------------------------------------------


def _slot(cls: type, name: str) -> Any:  # noqa: ANN401 - a slot's descriptor
    """Return the descriptor of the slot ``name`` of the slotted class ``cls``."""
    for klass in cls.__mro__:
        slot = klass.__dict__.get(name)
        if isinstance(slot, types.MemberDescriptorType):
            return slot
    msg = f"{cls.__name__}.{name} is not a slot"  # pragma: no cover - the model is slotted
    raise TypeError(msg)  # pragma: no cover


_SET_SLOT: Final = types.MemberDescriptorType.__set__


def set_fields(cls: type) -> Callable[[object, Sequence[Any]], None]:
    """Return ``set(instance, values)``: each field of ``cls`` set, in order, to one of ``values``.

    Through the slots' own descriptors: no ``__init__``, no converter, no
    frozen class's ``__setattr__`` (the values must be what the fields hold).

    >>> from crmcore.model import Money
    >>> money = object.__new__(Money)
    >>> set_fields(Money)(money, (Decimal("1.50"), "PLN"))
    >>> money
    Money(amount=Decimal('1.50'), currency='PLN')
    """
    slots = tuple(_slot(cls, field.name) for field in attrs.fields(cls))

    def set_all(instance: object, values: Sequence[Any]) -> None:
        # any() runs the map to its end: every __set__ returns None.
        any(map(_SET_SLOT, slots, repeat(instance), values))

    return set_all


_Read = Callable[[Any], Any]


def _reader(tp: object) -> _Read | None:
    """Return how to read a JSON value (not ``None``) of type ``tp``; ``None`` if it is as it is."""
    tp = _no_union(tp)
    origin, args = get_origin(tp), get_args(tp)
    if origin in {frozenset, tuple}:
        each = _reader(args[0])
        collection: Callable[[Any], Any] = frozenset if origin is frozenset else tuple
        return collection if each is None else lambda value: collection(map(each, value))
    if tp in {str, int, bool}:
        return None
    readers: dict[Any, _Read] = {
        datetime: datetime.fromisoformat,
        date: date.fromisoformat,
        Decimal: Decimal,
        uuid.UUID: uuid.UUID,
        Attributes: _read_attributes,
    }
    if tp in readers:
        return readers[tp]
    if tp in TAGGED:
        tag, classes = TAGGED[tp]
        return lambda value: _DECODERS[classes[value[tag]]](value)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp._value2member_map_.__getitem__
    if isinstance(tp, type) and attrs.has(tp):
        return _DECODERS[tp]
    msg = f"no reader for {tp!r}"  # pragma: no cover - the model's types are all above
    raise TypeError(msg)  # pragma: no cover


def _plan_decoder(cls: type, **given: _Read | None) -> Callable[[dict[str, Any]], list[Any]]:
    """Return what reads the values of the fields of ``cls`` from a dict, in their order.

    Each field's key is read (a missing key raises ``KeyError``) and, unless
    it is ``None``, converted by the reader of the field's type, or by the
    one ``given`` for the field.
    """
    hints = typing.get_type_hints(cls)
    fields = attrs.fields(cls)
    keys = tuple(field.alias or field.name for field in fields)
    values = _getter(keys, itemgetter)
    converted = tuple(
        (index, read)
        for index, field in enumerate(fields)
        if (read := given[field.name] if field.name in given else _reader(hints[field.name]))
    )

    def values_of(body: dict[str, Any]) -> list[Any]:
        items = list(values(body))
        for index, convert in converted:
            item = items[index]
            if item is not None:
                items[index] = convert(item)
        return items

    return values_of


def _class_decoder(cls: type) -> _Read:
    values, set_all, new = _plan_decoder(cls), set_fields(cls), object.__new__

    def decode(body: dict[str, Any]) -> object:
        made: object = new(cls)
        set_all(made, values(body))
        return made

    return decode


_DECODERS: Final[_PerClass[_Read]] = _PerClass(_class_decoder)


def _read_attributes(body: dict[str, Any]) -> Attributes:
    if not body:
        return _NO_ATTRIBUTES
    decoded: dict[str, object] = {}
    for name, entry in body.items():
        tag, value = entry["type"], entry["value"]
        if tag == "decimal":
            value = Decimal(value)
        elif tag == "date":
            value = date.fromisoformat(value)
        elif tag == "set":
            value = frozenset(value)
        decoded[name] = value
    return Attributes(decoded)


_NO_ATTRIBUTES: Final = Attributes()
# A party's name is read by the class its kind names; the display name is kept
# only where it is not the name's own.
_party_values: Final = _plan_decoder(Party, name=None, _display_name=None)
_set_party: Final = set_fields(Party)
_FIELD: Final = {name: index for index, name in enumerate(attrs.fields_dict(Party))}
_NAME, _DISPLAY_NAME = _FIELD["name"], _FIELD["_display_name"]

#: What a document of another shape raises on the way.
_UNEXPECTED: Final = (KeyError, TypeError, ValueError, AttributeError, ArithmeticError)


def read_party(body: dict[str, Any]) -> Party | None:
    """Return the party a stored document of the current version describes, unchecked.

    Returns:
        The party, or ``None`` if ``body`` is not of the shape :func:`encode_party`
        writes (another version, a missing key, a wrong type): it is then for
        :func:`crmcore.model.from_dict` to read, or to say what is wrong.
    """
    if body.get("schema_version") != SCHEMA_VERSION or body.get("type") != "party":
        return None
    try:
        items = _party_values(body)
        name = items[_NAME] = _DECODERS[NAME_CLASSES[body["kind"]]](items[_NAME])
        if items[_DISPLAY_NAME] == name.display:
            items[_DISPLAY_NAME] = None
    except _UNEXPECTED:
        return None
    party: Party = object.__new__(Party)
    _set_party(party, items)
    return party

"""The stored form of a party: the model's dict form, written and read fast.

A party is stored as the JSON of :func:`crmcore.model.to_dict`. The model's
own functions are general (cattrs, detailed error paths) and take a few
hundred microseconds per party; storage writes and reads parties by the
hundred thousand, so this module writes the same dict form directly and
reads it back through the classes' constructors, which still validate every
value. The tests check, over generated parties, that :func:`encode_party`
equals ``to_dict`` and that :func:`decode_party` equals ``from_dict``.

Documents whose ``schema_version`` this module was not written for are
handed to :func:`crmcore.model.from_dict`, which knows every version.
"""

from __future__ import annotations

import functools
import json
import types
import typing
import uuid
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Union, get_args, get_origin

import attrs

from crmcore._i18n import N_
from crmcore.errors import StorageError, ValidationError
from crmcore.model import (
    SCHEMA_VERSION,
    Attributes,
    ClientProfile,
    CompetitorProfile,
    ContactPoint,
    EmailAddress,
    MessengerHandle,
    OrganizationName,
    PartnerProfile,
    Party,
    PersonName,
    PhoneNumber,
    PostalAddress,
    ProspectProfile,
    RoleProfile,
    SupplierProfile,
    Website,
    from_dict,
)
from crmcore.storage import _generated as generated

__all__ = [
    "PARTY_TAIL",
    "decode_party",
    "dict_writer",
    "dumps",
    "encode_party",
    "loads",
    "party_from_json",
    "party_to_json",
]

_CONTACTS: dict[str, type[ContactPoint]] = {
    cls.kind.value: cls
    for cls in (PhoneNumber, EmailAddress, PostalAddress, Website, MessengerHandle)
}
_PROFILES: dict[str, type[RoleProfile]] = {
    cls.role.value: cls
    for cls in (ClientProfile, ProspectProfile, PartnerProfile, SupplierProfile, CompetitorProfile)
}
PARTY_TAIL = (
    "created_at",
    "roles",
    "profiles",
    "contacts",
    "identifiers",
    "external_keys",
    "attributes",
    "tags",
    "groups",
    "holdings",
    "customer_number",
    "version",
    "updated_at",
    "deleted_at",
)
_ATTRIBUTE_TAGS: tuple[tuple[type, str], ...] = (
    (bool, "boolean"),
    (int, "integer"),
    (Decimal, "decimal"),
    (str, "text"),
    (date, "date"),
    (frozenset, "set"),
)


# --- writing ---------------------------------------------------------------------
#
# Each class gets a plan, built once from its attrs fields and their types: for
# each field, its key and how to write its value as JSON (``None`` when the
# value is already JSON: text, numbers, booleans).

_Writer = Callable[[Any], Any]


def _iso(value: date) -> str:
    return value.isoformat()


def _enum_value(value: Enum) -> object:
    return value.value


def _sorted_of(each: _Writer) -> _Writer:
    return lambda value: sorted(map(each, value))


def _list_of(each: _Writer) -> _Writer:
    return lambda value: list(map(each, value))


def dict_writer(tp: Any) -> _Writer | None:  # noqa: ANN401 - a type annotation, by kind
    """Return how to write a value of type ``tp`` as JSON; ``None`` if it is written as it is."""
    origin, args = get_origin(tp), get_args(tp)
    if origin in {types.UnionType, Union}:
        rest = [arg for arg in args if arg is not type(None)]
        if len(rest) == 1:
            return dict_writer(rest[0])
        return _encode_object  # a union of model classes: written by their own plans
    if origin in {frozenset, tuple}:
        each = dict_writer(args[0])
        if each is None:
            return sorted if origin is frozenset else list
        return _sorted_of(each) if origin is frozenset else _list_of(each)
    if tp in {str, int, bool}:
        return None
    writers: dict[Any, _Writer] = {
        datetime: _iso,
        date: _iso,
        Decimal: str,
        uuid.UUID: str,
        Attributes: _encode_attributes,
    }
    if tp in writers:
        return writers[tp]
    if isinstance(tp, type) and issubclass(tp, Enum):
        return _enum_value
    if isinstance(tp, type) and attrs.has(tp):
        return _encode_object
    msg = f"no writer for {tp!r}"  # pragma: no cover - the model's types are all above
    raise TypeError(msg)  # pragma: no cover


_Plan = tuple[tuple[str, str, _Writer | None], ...]


_WRITE_PLANS: dict[type, _Plan] = {}


def _write_plan(cls: type) -> _Plan:
    plan = _WRITE_PLANS.get(cls)
    if plan is None:
        plan = _WRITE_PLANS[cls] = _make_write_plan(cls)
    return plan


def _make_write_plan(cls: type) -> _Plan:
    hints = typing.get_type_hints(cls)
    tag: _Plan = ()
    if issubclass(cls, ContactPoint):
        tag = (("kind", "kind", _enum_value),)
    elif issubclass(cls, RoleProfile):
        tag = (("role", "role", _enum_value),)
    return tag + tuple(
        (field.name, field.alias or field.name, dict_writer(hints[field.name]))
        for field in attrs.fields(cls)
    )


def _encode_object(value: object) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for name, key, write in _write_plan(type(value)):
        item = getattr(value, name)
        body[key] = item if write is None or item is None else write(item)
    return body


def _encode_attributes(attributes: Attributes) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name, value in attributes.items():
        tag = next(tag for cls, tag in _ATTRIBUTE_TAGS if isinstance(value, cls))
        encoded: object = value
        if isinstance(value, Decimal):
            encoded = str(value)
        elif isinstance(value, date):
            encoded = value.isoformat()
        elif isinstance(value, frozenset):
            encoded = sorted(value)
        result[name] = {"type": tag, "value": encoded}
    return result


@functools.cache
def _party_plan() -> _Plan:
    return tuple(each for each in _write_plan(Party) if each[0] in PARTY_TAIL)


def encode_party(party: Party) -> dict[str, Any]:
    """Return the dict form of ``party``: equal to :func:`crmcore.model.to_dict`."""
    body: dict[str, Any] = {
        "type": "party",
        "schema_version": SCHEMA_VERSION,
        "id": str(party.id),
        "kind": party.kind.value,
        "name": _encode_object(party.name),
        "display_name": party.display_name,
    }
    for name, key, write in _party_plan():
        item = getattr(party, name)
        body[key] = item if write is None or item is None else write(item)
    return body


# --- reading ---------------------------------------------------------------------
#
# A document this store wrote is read back without running the model's
# converters again: its values were validated when the party was built, and
# written in their canonical form. Each class gets a plan, built once from its
# attrs fields and their types: for each field, the key to read and how to turn
# the JSON value into the field's value. Anything unexpected in the document
# (a missing key, a wrong type) sends it to the model's validating reader.

_Reader = Callable[[Any], Any]


def _enum_reader(cls: type[Enum]) -> _Reader:
    members = cls._value2member_map_
    return lambda value: members[value]


def _tagged(tag: str, classes: dict[str, type]) -> _Reader:
    def read(value: dict[str, Any]) -> object:
        return _object_reader(classes[value[tag]])(value)

    return read


def _collection_of(collection: Callable[[Any], Any], each: _Reader) -> _Reader:
    return lambda value: collection(map(each, value))


def _reader(tp: Any) -> _Reader | None:  # noqa: ANN401 - a type annotation, by kind
    """Return how to read a JSON value into type ``tp``; ``None`` if it is read as it is.

    ``None`` is always read as ``None``: an optional type reads like its type.
    """
    origin, args = get_origin(tp), get_args(tp)
    if origin in {types.UnionType, Union}:
        rest = [arg for arg in args if arg is not type(None)]
        if len(rest) == 1:
            return _reader(rest[0])
    if origin in {frozenset, tuple}:
        each = _reader(args[0])
        collection: Callable[[Any], Any] = frozenset if origin is frozenset else tuple
        return collection if each is None else _collection_of(collection, each)
    if tp in {str, int, bool}:
        return None
    readers: dict[Any, _Reader] = {
        datetime: datetime.fromisoformat,
        date: date.fromisoformat,
        Decimal: Decimal,
        uuid.UUID: uuid.UUID,
        Attributes: _read_attributes,
        ContactPoint: _tagged("kind", _CONTACTS),
        RoleProfile: _tagged("role", _PROFILES),
    }
    if tp in readers:
        return readers[tp]
    if isinstance(tp, type) and issubclass(tp, Enum):
        return _enum_reader(tp)
    if isinstance(tp, type) and attrs.has(tp):
        return _object_reader(tp)
    msg = f"no reader for {tp!r}"  # pragma: no cover - the model's types are all above
    raise TypeError(msg)  # pragma: no cover


def _plan(cls: type) -> tuple[tuple[str, str, _Reader | None], ...]:
    hints = typing.get_type_hints(cls)
    return tuple(
        (field.name, field.alias or field.name, _reader(hints[field.name]))
        for field in attrs.fields(cls)
        if field.name not in {"name", "_display_name"} or cls is not Party
    )


_READERS: dict[type, _Reader] = {}


def _object_reader(cls: type) -> _Reader:
    read = _READERS.get(cls)
    if read is None:
        read = _READERS[cls] = _make_object_reader(cls)
    return read


def _make_object_reader(cls: type) -> _Reader:
    compiled: _Reader | None = None

    def read(body: dict[str, Any]) -> object:
        nonlocal compiled
        if compiled is None:  # on first use: readers of nested classes refer back here
            compiled = _compile_reader(cls)
        return compiled(body)

    return read


def _compile_reader(cls: type) -> _Reader:
    """Return ``read(body)`` for ``cls``, generated: one line per field.

    Each line reads the field's key (a missing key raises ``KeyError``),
    converts the value unless it is ``None`` or already what the field holds,
    and sets the slot.
    """
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    lines = ["def read(body):", "    made = _new(_cls)"]
    for index, (name, key, convert) in enumerate(_plan(cls)):
        scope[f"_set{index}"] = generated.slot_setter(cls, name)
        if convert is None:
            lines.append(f"    _set{index}(made, body[{key!r}])")
        else:
            scope[f"_read{index}"] = convert
            lines.append(
                f"    _set{index}(made, None if (v := body[{key!r}]) is None else _read{index}(v))"
            )
    lines.append("    return made")
    read: _Reader = generated.function("read", lines, scope)
    return read


def _read_attributes(body: dict[str, Any]) -> Attributes:
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
    return Attributes(decoded) if decoded else _NO_ATTRIBUTES


_NO_ATTRIBUTES = Attributes()
_NAMES: dict[str, type[PersonName | OrganizationName]] = {
    "person": PersonName,
    "organization": OrganizationName,
}
_EXPECTED_ERRORS = (KeyError, TypeError, ValueError, AttributeError, ArithmeticError)


def decode_party(body: dict[str, Any]) -> Party:
    """Return the party a stored dict form describes.

    Raises:
        ValidationError: if the document does not describe a valid party.
    """
    if body.get("schema_version") != SCHEMA_VERSION or body.get("type") != "party":
        return from_dict(Party, body)
    try:
        party: Party = _object_reader(Party)(body)
        name = _object_reader(_NAMES[body["kind"]])(body["name"])
        object.__setattr__(party, "name", name)
        display = body["display_name"]
        object.__setattr__(party, "_display_name", None if display == name.display else display)
    except _EXPECTED_ERRORS:
        # Not the shape this module writes: the model's reader names the field.
        return from_dict(Party, body)
    return party


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def dumps(value: object) -> str:
    """Return ``value`` as compact JSON text, non-ASCII characters kept as they are."""
    return _JSON.encode(value)


def loads(text: str | bytes) -> Any:  # noqa: ANN401 - any JSON value
    """Return the value of JSON ``text``.

    Raises:
        StorageError: ``storage.corrupt_document`` if the text is not JSON.
    """
    try:
        return json.loads(text)
    except ValueError as exc:
        raise StorageError(
            N_("a stored document is not valid JSON"),
            code="storage.corrupt_document",
            value=text[:80],
        ) from exc


def party_to_json(party: Party) -> str:
    """Return the JSON text of ``party``'s dict form."""
    return dumps(encode_party(party))


def party_from_json(document: str | bytes | dict[str, Any]) -> Party:
    """Return the party stored as ``document`` (JSON text or an already parsed dict).

    Raises:
        StorageError: ``storage.corrupt_document`` if the document is not a valid party.
    """
    body = document if isinstance(document, dict) else loads(document)
    try:
        return decode_party(body)
    except ValidationError as exc:
        raise StorageError(
            N_("a stored party cannot be read"),
            code="storage.corrupt_document",
            field=exc.field,
            value=exc.value,
        ) from exc

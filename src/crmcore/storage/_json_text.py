"""The JSON text of a party, written directly: compiled writers per model class.

:func:`crmcore.storage._codec.encode_party` builds the model's dict form and
:func:`~crmcore.storage._codec.dumps` turns it into text: two walks over
every value, some 30 µs a party. The writers here produce the same text in
one walk. For each attrs class a function is generated once, from its fields
and their types (as attrs generates ``__init__``), that concatenates the
constant parts (``{"kind":"phone","primary":``) with each field's value
written as JSON: strings through the JSON encoder's own C escaping function,
so that the text is byte for byte what ``dumps`` writes; numbers, booleans
and moments by their fixed spellings; a type without a direct spelling (an
attribute map, a set of something else than text) through the dict form and
``dumps``. The tests check, over generated parties, that
``party_json(party) == dumps(encode_party(party))``.

The generated source names fields only by their attrs names (Python
identifiers) and holds every constant as a ``repr`` literal: no value of a
party ever becomes code.
"""

from __future__ import annotations

import types
import typing
import uuid
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from json.encoder import encode_basestring
from typing import Any, Union, get_args, get_origin

import attrs

from crmcore.model import SCHEMA_VERSION, Attributes, ContactPoint, Party, PartyKind, RoleProfile
from crmcore.storage import _codec
from crmcore.storage import _generated as generated

if typing.TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["party_json"]

_Text = typing.Callable[[Any], str]

#: The JSON encoder's escaping of a string, quotes included (its C version).
_escape: Callable[[str], str] = encode_basestring


def _moment_writer() -> Callable[[date], str]:
    """Return a function that writes a moment or a date as JSON, for one field.

    It remembers the last value and its text: the parties of one bulk insert
    share their ``updated_at``, the same object. Compared by identity (the
    tuple holds a reference, so the id cannot be reused) and swapped as one
    tuple (atomic under the GIL), so threads at worst miss it.
    """
    last: tuple[date | None, str] = (None, "")

    def write(value: date) -> str:
        nonlocal last
        seen = last
        if seen[0] is value:
            return seen[1]
        # isoformat() writes digits, "-", ":", ".", "+" and "T": nothing to escape.
        text = f'"{value.isoformat()}"'
        last = (value, text)
        return text

    return write


def _enum_texts(cls: type[Enum]) -> dict[Enum, str]:
    return {member: _codec.dumps(member.value) for member in cls}


def _str_valued(cls: type[Enum]) -> bool:
    return all(isinstance(member.value, str) for member in cls)


class _Source:
    """The source of one generated writer, and the names its code refers to."""

    def __init__(self) -> None:
        self.names: dict[str, object] = {
            "_escape": _escape,
            "_int": int.__repr__,
            "_object": _object_json,
            "_writers": _WRITERS,
            "_type": type,
            "_dumps": _codec.dumps,
            "_join": ",".join,
            "_sorted": sorted,
            "_map": map,
            "_str": str,
        }

    def name(self, value: object) -> str:
        """Return a global name under which the generated code finds ``value``."""
        name = f"_g{len(self.names)}"
        self.names[name] = value
        return name

    def text(self, tp: Any, var: str) -> str:  # noqa: ANN401 - a type, by kind
        """Return an expression for the JSON text of ``var`` (not ``None``), of type ``tp``."""
        origin, args = get_origin(tp), get_args(tp)
        if origin in {types.UnionType, Union}:
            rest = [arg for arg in args if arg is not type(None)]
            if len(rest) == 1:
                return self.text(rest[0], var)
            if all(isinstance(arg, type) and attrs.has(arg) for arg in rest):
                return f"_writers[_type({var})]({var})"
        elif origin in {frozenset, tuple}:
            found = self._collection(origin, args[0], var)
            if found is not None:
                return found
        elif isinstance(tp, type):
            found = self._scalar(tp, var)
            if found is not None:
                return found
        # Anything else: the dict form's writer, then the JSON encoder.
        write = _codec.dict_writer(tp)
        if write is None:  # pragma: no cover - text, numbers and booleans are written above
            return f"_dumps({var})"
        if tp is Attributes:  # most parties have none
            return f"('{{}}' if not {var} else _dumps({self.name(write)}({var})))"
        return f"_dumps({self.name(write)}({var}))"

    def _collection(self, origin: object, each: Any, var: str) -> str | None:  # noqa: ANN401 - by kind
        if origin is frozenset:
            # Sorted as the dict form sorts them: by their text.
            if each is str:
                return f"'[' + _join(_map(_escape, _sorted({var}))) + ']'"
            if isinstance(each, type) and issubclass(each, Enum) and _str_valued(each):
                value = self.name({member: member.value for member in each}.__getitem__)
                return f"'[' + _join(_map(_escape, _sorted(_map({value}, {var})))) + ']'"
            if each is uuid.UUID:
                return f"'[' + _join(_map(_escape, _sorted(_map(_str, {var})))) + ']'"
            return None
        if each is str:
            return f"'[' + _join(_map(_escape, {var})) + ']'"
        if isinstance(each, type) and attrs.has(each):
            return f"'[' + _join([_writers[_type(x)](x) for x in {var}]) + ']'"
        return None

    def _scalar(self, tp: type, var: str) -> str | None:  # one return per type
        if tp is str:
            return f"_escape({var})"
        if tp is bool:
            return f"('true' if {var} else 'false')"
        if tp is int:
            return f"_int({var})"
        if tp in {datetime, date}:
            return f"{self.name(_moment_writer())}({var})"
        if tp in {Decimal, uuid.UUID}:
            # str() of a Decimal or a UUID is ASCII without quotes or backslashes.
            return f"'\"' + _str({var}) + '\"'"
        if issubclass(tp, Enum):
            return f"{self.name(_enum_texts(tp))}[{var}]"
        if attrs.has(tp):
            return f"_writers[_type({var})]({var})"
        return None

    def compile(self, head: list[tuple[str, str]], body: list[tuple[str, str, Any]]) -> _Text:
        """Return ``write(o)``: a JSON object of ``head``'s constants, then ``body``'s fields.

        Args:
            head: ``(key, JSON text)`` pairs, written first.
            body: ``(key, attribute name, type)`` of each field, in order.
        """
        parts: list[str] = []
        literal = "{"
        for key, text in head:
            literal += f"{_escape(key)}:{text},"
        for index, (key, attribute, tp) in enumerate(body):
            literal += f"{_escape(key)}:"
            parts.append(repr(literal))
            value = f"v{index}"
            parts.append(
                f"('null' if ({value} := o.{attribute}) is None else {self.text(tp, value)})"
            )
            literal = ","
        parts.append(repr(literal.rstrip(",") + "}"))
        lines = [
            "def write(o):",
            "    return ''.join((",
            *(f"        {p}," for p in parts),
            "    ))",
        ]
        write: _Text = generated.function("write", lines, dict(self.names))
        return write


def _class_writer(cls: type) -> _Text:
    hints = typing.get_type_hints(cls)
    head: list[tuple[str, str]] = []
    if issubclass(cls, ContactPoint):
        head = [("kind", _codec.dumps(cls.kind.value))]
    elif issubclass(cls, RoleProfile):
        head = [("role", _codec.dumps(cls.role.value))]
    body = [
        (field.alias or field.name, field.name, hints[field.name]) for field in attrs.fields(cls)
    ]
    return _Source().compile(head, body)


def _party_writer() -> _Text:
    hints = typing.get_type_hints(Party)
    source = _Source()
    head: list[tuple[str, str]] = [
        ("type", '"party"'),
        ("schema_version", _codec.dumps(SCHEMA_VERSION)),
    ]
    body: list[tuple[str, str, Any]] = [
        ("id", "id", uuid.UUID),
        ("kind", "kind", PartyKind),
        ("name", "name", hints["name"]),
        ("display_name", "display_name", str),
    ]
    tail = set(_codec.PARTY_TAIL)
    body += [
        (field.alias or field.name, field.name, hints[field.name])
        for field in attrs.fields(Party)
        if field.name in tail
    ]
    return source.compile(head, body)


class _Writers(dict[type, _Text]):
    """The writer of each model class, compiled on first use."""

    def __missing__(self, cls: type) -> _Text:
        write = self[cls] = _party_writer() if cls is Party else _class_writer(cls)
        return write


_WRITERS = _Writers()


def _object_json(value: object) -> str:
    """Return the JSON text of a model object's dict form."""
    return _WRITERS[type(value)](value)


def party_json(party: Party) -> str:
    """Return the JSON text of ``party``'s dict form: ``dumps(encode_party(party))``."""
    return _object_json(party)

"""The dict form of the model: plain, JSON-compatible, stable, versioned.

:func:`to_dict` turns an entity into a dict of ``str``, ``int``, ``bool``,
``None``, lists and dicts only; :func:`from_dict` turns it back, validating
everything on the way. The shape, for every class:

* the top level carries ``"type"`` (``"party"``, ``"purchase"``, ...) and
  ``"schema_version"`` (:data:`SCHEMA_VERSION`); nested values do not;
* a ``Decimal`` is a string (``"1250.00"``: its scale is kept), a moment an
  ISO 8601 string with its offset, a date ``YYYY-MM-DD``, a UUID its
  hyphenated lower-case text, an enum member its value;
* a set is a list sorted by that text, so the same party always gives the
  same JSON;
* a contact point carries its ``"kind"``, a role profile its ``"role"``, a
  party its ``"kind"`` (which decides the shape of its ``"name"``) and its
  effective ``"display_name"``;
* attributes are ``{name: {"type": ..., "value": ...}}``, the type telling how
  to read the value back (``"text"``, ``"integer"``, ``"decimal"``,
  ``"boolean"``, ``"date"``, ``"set"``);
* every field is present, ``None`` included: the keys never depend on the data.

Documents of an older schema version are read too: the keys a later version
added are filled with ``null`` first (:data:`ADDED_KEYS`). Version 2 added a
person name's ``middle`` and ``suffix``, an organisation name's ``elf_code``
and ``descriptor``, and a postal address's ``extra``.

Reading refuses what it does not know: an unknown key, a missing key, a newer
schema version or another type raise :class:`~crmcore.errors.ValidationError`
with the path of the field (``"contacts[1].number"``).

Writing is :mod:`crmcore.model._document`'s, which storage writes with too.
Reading checks everything: cattrs builds the structuring functions from the
attrs classes; it is imported on the first call, not with :mod:`crmcore`. The
leaves (text, numbers, moments, enums) are passed through untouched to the
classes' own converters, which already accept the JSON forms, so a value is
validated once, by the same rules whether it comes from Python or from JSON.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar, get_args, get_origin
from uuid import UUID

import attrs

from crmcore._i18n import N_
from crmcore.errors import CrmError, ValidationError
from crmcore.model._activities import Campaign, Interaction, OrderLine, Purchase
from crmcore.model._affiliations import Affiliation
from crmcore.model._attributes import (
    AttributeDefinition,
    Attributes,
    AttributeSchema,
    AttributeValue,
)
from crmcore.model._checks import as_decimal, as_text, fail
from crmcore.model._contacts import ContactPoint
from crmcore.model._document import NAME_CLASSES, SCHEMA_VERSION, TAGGED, encode, read_party
from crmcore.model._groups import Group
from crmcore.model._holdings import Holding
from crmcore.model._identifiers import ExternalKey, Identifier
from crmcore.model._moments import as_date
from crmcore.model._money import Money
from crmcore.model._names import OrganizationName, PersonName
from crmcore.model._party import Party
from crmcore.model._roles import RoleProfile

if TYPE_CHECKING:
    import cattrs

__all__ = ["ADDED_KEYS", "SCHEMA_VERSION", "TYPE_NAMES", "decode_party", "from_dict", "to_dict"]

#: The keys each version added, by where they belong (a name's type, a contact
#: point's kind); reading an older document fills them with ``None``.
ADDED_KEYS: dict[int, dict[str, tuple[str, ...]]] = {
    2: {
        "person_name": ("middle", "suffix"),
        "organization_name": ("elf_code", "descriptor"),
        "postal": ("extra",),
    },
}

#: The ``"type"`` of each class's dict form.
TYPE_NAMES: dict[type, str] = {
    Party: "party",
    Affiliation: "affiliation",
    Interaction: "interaction",
    Purchase: "purchase",
    Campaign: "campaign",
    Group: "group",
    AttributeSchema: "attribute_schema",
    AttributeDefinition: "attribute_definition",
    Money: "money",
    ContactPoint: "contact_point",
    RoleProfile: "role_profile",
    Identifier: "identifier",
    ExternalKey: "external_key",
    Holding: "holding",
    OrderLine: "order_line",
    PersonName: "person_name",
    OrganizationName: "organization_name",
}

_T = TypeVar("_T")
_LEAVES = (str, int, bool, Decimal, UUID, datetime, date)


def _declared(cls: type) -> type:
    """Return the class whose dict form ``cls`` has: a union's base, or ``cls``."""
    for base in TAGGED:
        if issubclass(cls, base):
            return base
    return cls


def _type_name(declared: type, field: str, value: object) -> str:
    """Return the ``"type"`` of ``declared``'s dict form; refuse a class outside the model."""
    type_name = TYPE_NAMES.get(declared)
    if type_name is None:
        fail(
            "serialization.unsupported_type",
            N_("not a class of the model"),
            field=field,
            value=value,
            hint=", ".join(cls.__name__ for cls in TYPE_NAMES),
        )
    return type_name


def to_dict(entity: object) -> dict[str, Any]:
    """Return the dict form of a model object: JSON-compatible, deterministic.

    Args:
        entity: A :class:`~crmcore.model.Party` or any other class of the model.

    Returns:
        A new dict, with ``"type"`` and ``"schema_version"`` first.

    Raises:
        ValidationError: ``serialization.unsupported_type`` for anything else.

    >>> from crmcore.model import Money
    >>> to_dict(Money("1250.00", "PLN"))
    {'type': 'money', 'schema_version': 2, 'amount': '1250.00', 'currency': 'PLN'}
    """
    type_name = _type_name(_declared(type(entity)), "entity", type(entity).__name__)
    return {"type": type_name, "schema_version": SCHEMA_VERSION, **encode(entity)}


def from_dict(cls: type[_T], data: object) -> _T:
    """Return the model object of class ``cls`` that the dict form ``data`` describes.

    Args:
        cls: The class to build, such as :class:`~crmcore.model.Party`.
            For contact points and role profiles, the base class reads any
            kind or role; a subclass checks the kind or role too.
        data: The dict form, as :func:`to_dict` made it (perhaps after a
            trip through JSON).

    Raises:
        ValidationError: with the dotted path of the first bad field, and
            ``serialization.*`` codes for shape errors (``missing_field``,
            ``unknown_field``, ``wrong_type``, ``unsupported_version``, ...)
            or the model's own codes for bad values.

    >>> from crmcore.model import Money
    >>> from_dict(Money, {"type": "money", "schema_version": 1,
    ...                   "amount": "1250.00", "currency": "PLN"})
    Money(amount=Decimal('1250.00'), currency='PLN')
    >>> from_dict(Money, {"type": "money", "schema_version": 1,
    ...                   "amount": "1250.00", "currency": "ZZZ"})
    Traceback (most recent call last):
    crmcore.errors.ValidationError: currency: the currency is not an ISO 4217 code ...
    """
    declared = _declared(cls)
    type_name = _type_name(declared, "cls", getattr(cls, "__name__", cls))
    body = dict(_mapping(data, ""))
    version = _check_envelope(body, type_name)
    for later in range(version + 1, SCHEMA_VERSION + 1):
        body = _upgrade(body, type_name, ADDED_KEYS[later])
    if cls is not declared:
        body = _check_subclass(cls, declared, body)
    converter = _converter()
    try:
        result: _T = converter.structure(body, declared)
    except Exception as exc:
        raise _translate(exc, "") from exc
    return result


def decode_party(body: dict[str, Any]) -> Party:
    """Return the party a stored dict form describes: read fast if it is of the current shape.

    A document of the current schema version, as :func:`to_dict` writes it,
    is read without checking its values again (they were checked when the
    party was built); anything else goes to :func:`from_dict`, which reads
    every version and names what is wrong.

    Raises:
        ValidationError: if the document does not describe a valid party.
    """
    party = read_party(body)
    return from_dict(Party, body) if party is None else party


def _check_envelope(body: dict[str, Any], type_name: str) -> int:
    version = body.pop("schema_version", None)
    if version is None:
        fail(
            "serialization.missing_version",
            N_("the dict has no schema_version"),
            field="schema_version",
            value=None,
            hint=str(SCHEMA_VERSION),
        )
    if type(version) is not int or not 1 <= version <= SCHEMA_VERSION:
        fail(
            "serialization.unsupported_version",
            N_("this schema version cannot be read"),
            field="schema_version",
            value=version,
            hint=N_("1 to {latest}", latest=SCHEMA_VERSION),
        )
    found = body.pop("type", None)
    if found != type_name:
        fail(
            "serialization.wrong_type",
            N_("the dict does not describe a {type}", type=type_name),
            field="type",
            value=found,
            hint=type_name,
        )
    return version


def _filled(data: object, keys: tuple[str, ...]) -> object:
    """Return ``data`` with ``keys`` added as ``None``, if it is a mapping (else as it is)."""
    if not isinstance(data, Mapping):
        return data  # the reader refuses it, naming the field
    return {**dict.fromkeys(keys), **data}


def _filled_contact(data: object, added: Mapping[str, tuple[str, ...]]) -> object:
    """Return a contact point's ``data`` with the keys ``added`` for its kind."""
    kind = data.get("kind") if isinstance(data, Mapping) else None
    return _filled(data, added.get(kind, ())) if isinstance(kind, str) else data


def _upgrade(
    body: dict[str, Any], type_name: str, added: Mapping[str, tuple[str, ...]]
) -> dict[str, Any]:
    """Return ``body``, the dict form of a ``type_name``, with the keys of ``added`` filled.

    The caller's nested dicts are copied, never changed.
    """
    if type_name in added:  # a name read on its own
        return {**dict.fromkeys(added[type_name]), **body}
    if type_name == "contact_point":
        kind = body.get("kind")
        keys = added.get(kind, ()) if isinstance(kind, str) else ()
        return {**dict.fromkeys(keys), **body}
    if type_name == "party":
        upgraded = dict(body)
        name_type = f"{body.get('kind')}_name"
        if name_type in added:
            upgraded["name"] = _filled(body.get("name"), added[name_type])
        contacts = body.get("contacts")
        if isinstance(contacts, list):
            upgraded["contacts"] = [_filled_contact(each, added) for each in contacts]
        return upgraded
    return body


def _check_subclass(cls: type, declared: type, body: dict[str, Any]) -> dict[str, Any]:
    tag = "kind" if declared is ContactPoint else "role"
    expected = cls.kind.value if declared is ContactPoint else cls.role.value  # type: ignore[attr-defined]
    if body.get(tag) != expected:
        fail(
            f"serialization.wrong_{tag}",
            N_("the dict does not describe a {type}", type=expected),
            field=tag,
            value=body.get(tag),
            hint=expected,
        )
    return body


def _mapping(data: object, field: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        fail(
            "serialization.not_mapping",
            N_("the value is not an object (a dict)"),
            field=field or "",
            value=data,
            hint=N_("a dict, as to_dict returns"),
        )
    return data


# --- error translation ------------------------------------------------------


def _join(path: str, field: str | None) -> str:
    if not field:
        return path
    if not path:
        return field
    return f"{path}{field}" if field.startswith("[") else f"{path}.{field}"


def _translate(exc: BaseException, path: str) -> ValidationError:
    """Return the first error in ``exc`` (a cattrs tree) as a ValidationError with its path."""
    from cattrs.errors import (
        AttributeValidationNote,
        BaseValidationError,
        ForbiddenExtraKeysError,
        IterableValidationNote,
    )

    if isinstance(exc, BaseValidationError):
        inner = exc.exceptions[0]
        for note in getattr(inner, "__notes__", ()):
            if isinstance(note, AttributeValidationNote):
                return _translate(inner, _join(path, note.name.lstrip("_")))
            if isinstance(note, IterableValidationNote):
                return _translate(inner, _join(path, f"[{note.index}]"))
        return _translate(inner, path)
    if isinstance(exc, ForbiddenExtraKeysError):
        return ValidationError(
            N_("the dict has keys the schema does not know"),
            code="serialization.unknown_field",
            field=path or None,
            value=sorted(exc.extra_fields),
        )
    if isinstance(exc, CrmError):
        error = ValidationError(
            exc.message, code=exc.code, field=_join(path, exc.field), value=exc.value, hint=exc.hint
        )
        error.__cause__ = exc.__cause__
        return error
    # Defensive: every failure foreseen above is ours; anything else still becomes ours.
    return ValidationError(  # pragma: no cover
        N_("the value cannot be read: {reason}", reason=exc),
        code="serialization.invalid",
        field=path or None,
        value=None,
    )


# --- the cattrs converter ---------------------------------------------------


def _identity(value: object, _: object) -> object:
    return value


def _is_leaf_collection(cls: object) -> bool:
    """Tuples and frozensets of leaves: the classes' converters check them."""
    if get_origin(cls) not in {tuple, frozenset}:
        return False
    args = [arg for arg in get_args(cls) if arg is not Ellipsis]
    return all(arg in _LEAVES or (isinstance(arg, type) and issubclass(arg, Enum)) for arg in args)


def _require(body: Mapping[str, Any], keys: list[str]) -> None:
    for key in keys:
        if key not in body:
            fail(
                "serialization.missing_field",
                N_("a required key is missing"),
                field=key,
                value=None,
                hint=N_("every field is present in the dict form, null included"),
            )


def _strict(structure: Callable[[Any, Any], Any], keys: list[str]) -> Callable[[Any, Any], Any]:
    def strict(data: object, cls: object) -> Any:  # noqa: ANN401 - a model object
        _require(_mapping(data, ""), keys)
        return structure(data, cls)

    return strict


#: Why a tagged dict cannot be read, by its tag, and the code of that error.
_UNKNOWN_TAG = {"kind": N_("not a known kind"), "role": N_("not a known role")}
_UNKNOWN_CODE = {"kind": "contact.unknown_kind", "role": "party.unknown_role"}


def _is(cls: type) -> Callable[[object], bool]:
    return lambda other: other is cls


def _tagged_structure(
    converter: cattrs.Converter, tag: str, classes: Mapping[Any, type], code: str
) -> Callable[[Any, Any], Any]:
    hint = ", ".join(str(key) for key in classes)

    def structure(data: object, _: object) -> Any:  # noqa: ANN401 - a model object
        body = dict(_mapping(data, ""))
        value = body.pop(tag, None)
        cls = classes.get(value)
        if cls is None:
            fail(code, _UNKNOWN_TAG[tag], field=tag, value=value, hint=hint)
        return converter.structure(body, cls)

    return structure


def _decode_attribute(entry: object, field: str) -> AttributeValue:  # per type
    body = _mapping(entry, field)
    if set(body) != {"type", "value"}:
        fail(
            "serialization.invalid_attribute",
            N_("an attribute is {type, value}"),
            field=field,
            value=sorted(body),
            hint='{"type": "integer", "value": 34}',
        )
    tag, value = body["type"], body["value"]
    match tag:
        case "text":
            return as_text(value, field)
        case "integer" if type(value) is int:
            return value
        case "boolean" if type(value) is bool:
            return value
        case "decimal" if isinstance(value, str):
            return as_decimal(value, field)
        case "date":
            return as_date(value, field)
        case "set" if isinstance(value, list):
            return frozenset(as_text(each, field) for each in value)
    return fail(
        "serialization.invalid_attribute",
        N_("the attribute's value does not fit its type"),
        field=field,
        value=body,
        hint=N_("text, integer, decimal, boolean, date or set"),
    )


def _structure_attributes(data: object, _: object) -> Attributes:
    body = _mapping(data, "")
    return Attributes({name: _decode_attribute(entry, str(name)) for name, entry in body.items()})


@functools.cache
def _converter() -> cattrs.Converter:
    import cattrs
    from cattrs.gen import make_dict_structure_fn, override

    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)

    # Leaves go to the classes' converters as they are: those accept the JSON forms.
    for leaf in _LEAVES:
        converter.register_structure_hook(leaf, _identity)
    converter.register_structure_hook_func(
        lambda cls: isinstance(cls, type) and issubclass(cls, Enum), _identity
    )
    converter.register_structure_hook_func(_is_leaf_collection, _identity)

    # Every attrs class: a mapping with exactly the class's keys, none missing.
    def strict_structure(cls: type) -> Callable[[Any, Any], Any]:
        generated: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls, converter, _cattrs_forbid_extra_keys=True
        )
        keys = [field.alias or field.name for field in attrs.fields(cls) if field.init]
        return _strict(generated, keys)

    converter.register_structure_hook_factory(attrs.has, strict_structure)

    converter.register_structure_hook(Attributes, _structure_attributes)

    for base, (tag, classes) in TAGGED.items():
        # Not register_structure_hook(base, ...): that would read every subclass too.
        converter.register_structure_hook_func(
            _is(base), _tagged_structure(converter, tag, classes, _UNKNOWN_CODE[tag])
        )

    party_structure = make_dict_structure_fn(
        Party,
        converter,
        _cattrs_forbid_extra_keys=True,
        name=override(struct_hook=_identity),
        _display_name=override(rename="display_name"),
    )

    party_keys = [
        "kind",
        *(field.alias or field.name for field in attrs.fields(Party) if field.init),
    ]

    def structure_party(data: object, _: object) -> Party:
        body = dict(_mapping(data, ""))
        _require(body, party_keys)
        kind = body.pop("kind", None)
        name_cls = NAME_CLASSES.get(kind) if isinstance(kind, str) else None
        if name_cls is None:
            fail(
                "party.unknown_kind",
                N_("not a known party kind"),
                field="kind",
                value=kind,
                hint=N_("person or organization"),
            )
        name = _mapping(body["name"], "name")
        try:
            body["name"] = converter.structure(name, name_cls)
        except Exception as exc:
            raise _translate(exc, "name") from exc
        return party_structure(body, Party)

    converter.register_structure_hook(Party, structure_party)
    return converter

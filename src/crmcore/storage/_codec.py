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
import uuid
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

import attrs

from crmcore.errors import StorageError, ValidationError
from crmcore.model import (
    SCHEMA_VERSION,
    Attributes,
    ClientProfile,
    CompetitorProfile,
    ContactPoint,
    EmailAddress,
    ExternalKey,
    Holding,
    Identifier,
    MessengerHandle,
    Money,
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

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["decode_party", "dumps", "encode_party", "loads", "party_from_json", "party_to_json"]

_CONTACTS: dict[str, type[ContactPoint]] = {
    cls.kind.value: cls
    for cls in (PhoneNumber, EmailAddress, PostalAddress, Website, MessengerHandle)
}
_PROFILES: dict[str, type[RoleProfile]] = {
    cls.role.value: cls
    for cls in (ClientProfile, ProspectProfile, PartnerProfile, SupplierProfile, CompetitorProfile)
}
_PARTY_TAIL = (
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


@functools.cache
def _field_names(cls: type[Any]) -> tuple[tuple[str, str], ...]:
    """``(attribute, key)`` pairs of an attrs class: the key is the alias."""
    return tuple((field.name, field.alias or field.name) for field in attrs.fields(cls))


def _same(value: object) -> object:
    return value


def _text(value: object) -> str:
    return str(value)


def _iso(value: date) -> str:
    return value.isoformat()


def _enum(value: Enum) -> object:
    return value.value


def _sorted(value: frozenset[Any]) -> list[Any]:
    return sorted(_encode(each) for each in value)


def _listed(value: tuple[Any, ...]) -> list[Any]:
    return [_encode(each) for each in value]


def _encoder(cls: type) -> Callable[[Any], Any]:
    """Return the function that writes values of exactly ``cls``."""
    checks: tuple[tuple[type, Callable[[Any], Any]], ...] = (
        (bool, _same),
        (Enum, _enum),
        (str, _same),
        (int, _same),
        (date, _iso),
        (Decimal, _text),
        (uuid.UUID, _text),
        (frozenset, _sorted),
        (tuple, _listed),
        (Attributes, _encode_attributes),
    )
    return next((function for base, function in checks if issubclass(cls, base)), _encode_object)


_ENCODERS: dict[type, Callable[[Any], Any]] = {type(None): _same}


def _encode(value: object) -> Any:  # noqa: ANN401 - a JSON value
    cls = type(value)
    function = _ENCODERS.get(cls)
    if function is None:
        function = _ENCODERS[cls] = _encoder(cls)
    return function(value)


def _encode_object(value: object) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if isinstance(value, ContactPoint):
        body["kind"] = value.kind.value
    elif isinstance(value, RoleProfile):
        body["role"] = value.role.value
    for name, key in _field_names(type(value)):  # type: ignore[arg-type]
        body[key] = _encode(getattr(value, name))
    return body


def _encode_attributes(attributes: Attributes) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name, value in attributes.items():
        tag = next(tag for cls, tag in _ATTRIBUTE_TAGS if isinstance(value, cls))
        result[name] = {"type": tag, "value": _encode(value)}
    return result


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
    for name in _PARTY_TAIL:
        body[name] = _encode(getattr(party, name))
    return body


def _decode_attribute(entry: dict[str, Any]) -> object:
    tag, value = entry["type"], entry["value"]
    if tag == "decimal":
        return Decimal(value)
    if tag == "date":
        return date.fromisoformat(value)
    if tag == "set":
        return frozenset(value)
    return value


def _decode_profile(body: dict[str, Any]) -> RoleProfile:
    fields = dict(body)
    cls = _PROFILES[fields.pop("role")]
    potential = fields.get("potential")
    if potential is not None:
        fields["potential"] = Money(potential["amount"], potential["currency"])
    return cls(**fields)


def _decode_contact(body: dict[str, Any]) -> ContactPoint:
    fields = dict(body)
    return _CONTACTS[fields.pop("kind")](**fields)


def decode_party(body: dict[str, Any]) -> Party:
    """Return the party a stored dict form describes.

    Raises:
        ValidationError: if the document does not describe a valid party.
    """
    if body.get("schema_version") != SCHEMA_VERSION:
        return from_dict(Party, body)
    try:
        name_body = body["name"]
        name = (
            PersonName(**name_body) if body["kind"] == "person" else OrganizationName(**name_body)
        )
        attributes = body["attributes"]
        return Party(
            id=body["id"],
            name=name,
            display_name=body["display_name"],
            created_at=body["created_at"],
            roles=body["roles"],
            profiles=[_decode_profile(each) for each in body["profiles"]],
            contacts=[_decode_contact(each) for each in body["contacts"]],
            identifiers=[
                Identifier(each["scheme"], each["value"], country=each["country"])
                for each in body["identifiers"]
            ],
            external_keys=[
                ExternalKey(each["system"], each["key"]) for each in body["external_keys"]
            ],
            attributes={key: _decode_attribute(entry) for key, entry in attributes.items()},
            tags=body["tags"],
            groups=body["groups"],
            holdings=[Holding(**each) for each in body["holdings"]],
            customer_number=body["customer_number"],
            version=body["version"],
            updated_at=body["updated_at"],
            deleted_at=body["deleted_at"],
        )
    except ValidationError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError):
        # Not the shape this module writes: the model's reader names the field.
        return from_dict(Party, body)


def dumps(value: object) -> str:
    """Return ``value`` as compact JSON text, non-ASCII characters kept as they are."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def loads(text: str | bytes) -> Any:  # noqa: ANN401 - any JSON value
    """Return the value of JSON ``text``.

    Raises:
        StorageError: ``storage.corrupt_document`` if the text is not JSON.
    """
    try:
        return json.loads(text)
    except ValueError as exc:
        raise StorageError(
            "a stored document is not valid JSON",
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
            "a stored party cannot be read",
            code="storage.corrupt_document",
            field=exc.field,
            value=exc.value,
        ) from exc

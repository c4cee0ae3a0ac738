"""What ``Party(...)`` and its builders accept, as a type checker sees it.

A type checker types each parameter of an attrs class's constructor by the
first parameter of its field's converter (mypy's attrs plugin does so, and so
do the checkers that follow ``dataclass_transform``). The model's shared
converters check any value at run time and so take ``object``, which would let
``Party(name=123, created_at=object())`` through a type check. Declared here,
for type checkers only, with the input each field of :class:`Party` is meant
for; at run time each name *is* the converter it declares, so a construction
pays nothing for it (the converters of Party's own parts, in its module, are
typed where they are defined).

:class:`PartyFields` types the keyword fields that :meth:`Party.person` and
:meth:`Party.organization` pass on to the constructor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    import uuid
    from collections.abc import Iterable, Mapping
    from datetime import datetime

    from crmcore.model._attributes import Attributes
    from crmcore.model._contacts import ContactPoint
    from crmcore.model._enums import Role
    from crmcore.model._holdings import Holding
    from crmcore.model._identifiers import ExternalKey, Identifier
    from crmcore.model._roles import RoleProfile

    def moment(value: datetime | str, field: str = ...) -> datetime: ...

    def optional_moment(value: datetime | str | None, field: str = ...) -> datetime | None: ...

    def an_id(value: uuid.UUID | str, field: str = ...) -> uuid.UUID: ...

    def optional_short_text(value: str | None, field: str = ...) -> str | None: ...

    def short_text_set(value: Iterable[str], field: str = ...) -> frozenset[str]: ...

    def uuid_set(value: Iterable[uuid.UUID | str], field: str = ...) -> frozenset[uuid.UUID]: ...

    def non_negative_int(value: int, field: str = ...) -> int: ...

    def customer_number(value: str | None, field: str = ...) -> str | None: ...

    def attributes(value: Mapping[str, object] | None) -> Attributes: ...

else:
    from crmcore.model import _attributes, _canonical, _checks, _moments

    moment = _moments.to_moment
    optional_moment = _moments.to_optional_moment
    an_id = _checks.to_uuid
    optional_short_text = _checks.to_optional_short_text
    short_text_set = _checks.to_short_text_set
    uuid_set = _checks.to_uuid_set
    non_negative_int = _checks.to_non_negative_int
    customer_number = _canonical.canonical_customer_number
    attributes = _attributes.attributes_converter

__all__ = [
    "PartyFields",
    "an_id",
    "attributes",
    "customer_number",
    "moment",
    "non_negative_int",
    "optional_moment",
    "optional_short_text",
    "short_text_set",
    "uuid_set",
]


class PartyFields(TypedDict, total=False):
    """The fields of :class:`Party` besides its name and creation time, all optional.

    The keyword arguments :meth:`Party.person` and :meth:`Party.organization`
    pass on; each takes what the constructor takes for it.
    """

    id: uuid.UUID | str
    display_name: str | None
    roles: Iterable[Role | str]
    profiles: Iterable[RoleProfile]
    contacts: Iterable[ContactPoint]
    identifiers: Iterable[Identifier]
    external_keys: Iterable[ExternalKey]
    attributes: Mapping[str, object] | None
    tags: Iterable[str]
    groups: Iterable[uuid.UUID | str]
    holdings: Iterable[Holding]
    customer_number: str | None
    version: int
    updated_at: datetime | str
    deleted_at: datetime | str | None

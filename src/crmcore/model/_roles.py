"""Role profiles: the data and the dates a party has in each of its roles.

A party holds a *set* of :class:`~crmcore.model.Role` values; for each role it
may hold one profile of the matching class. Every profile has ``since`` and
``until`` dates (the role's own period) and the fields of its role.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import attrs

from crmcore.model._checks import (
    as_instance,
    as_member,
    bind_field_names,
    to_optional_non_negative_int,
    to_optional_short_text,
    to_short_text_set,
    to_text_tuple,
)
from crmcore.model._enums import Channel, PricePositioning, Role
from crmcore.model._moments import (
    check_period,
    to_optional_date,
)
from crmcore.model._money import Money

__all__ = [
    "PROFILE_CLASSES",
    "ClientProfile",
    "CompetitorProfile",
    "PartnerProfile",
    "ProspectProfile",
    "RoleProfile",
    "SupplierProfile",
]


def _to_potential(value: object, field: str = "value") -> Money | None:
    return None if value is None else as_instance(value, field, Money, "profile.not_money")


def _to_channel(value: object, field: str = "value") -> Channel | None:
    return None if value is None else as_member(Channel, value, field, "channel.unknown")


def _to_price_positioning(value: object, field: str = "value") -> PricePositioning | None:
    if value is None:
        return None
    return as_member(PricePositioning, value, field, "profile.unknown_price_positioning")


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class RoleProfile:
    """What every role profile has: the role it describes and the role's period.

    Not built directly: use one of its subclasses.

    Attributes:
        role: The role this profile describes (a class attribute).
        since: The day the party took the role, if known.
        until: The day the party left the role, if it has.
    """

    role: ClassVar[Role]

    since: date | None = attrs.field(default=None, converter=to_optional_date)
    until: date | None = attrs.field(default=None, converter=to_optional_date)

    def __attrs_post_init__(self) -> None:
        check_period(self.since, self.until)


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class ClientProfile(RoleProfile):
    """The party as a client.

    Attributes:
        value_tier: The value tier the company gives it (``"A"``, ``"gold"``).
        potential: The estimated yearly value of the client.
        segment: The customer segment (``"horeca"``, ``"retail"``).
        preferred_channel: The channel the client prefers to be reached on.

    >>> ClientProfile(value_tier="A", preferred_channel="email").preferred_channel
    <Channel.EMAIL: 'email'>
    """

    role: ClassVar[Role] = Role.CLIENT

    value_tier: str | None = attrs.field(default=None, converter=to_optional_short_text)
    potential: Money | None = attrs.field(default=None, converter=_to_potential)
    segment: str | None = attrs.field(default=None, converter=to_optional_short_text)
    preferred_channel: Channel | None = attrs.field(default=None, converter=_to_channel)


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class ProspectProfile(RoleProfile):
    """The party as a prospect: someone who may become a client.

    Attributes:
        source: Where the lead came from (``"trade fair"``, ``"web form"``).
        stage: How far the prospect has come (``"qualified"``, ``"offer sent"``).
    """

    role: ClassVar[Role] = Role.PROSPECT

    source: str | None = attrs.field(default=None, converter=to_optional_short_text)
    stage: str | None = attrs.field(default=None, converter=to_optional_short_text)


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class PartnerProfile(RoleProfile):
    """The party as a partner.

    Attributes:
        partnership_type: The kind of partnership (``"reseller"``, ``"integrator"``).
        territory: The territory the partner covers (``"Mazowieckie"``).
    """

    role: ClassVar[Role] = Role.PARTNER

    partnership_type: str | None = attrs.field(default=None, converter=to_optional_short_text)
    territory: str | None = attrs.field(default=None, converter=to_optional_short_text)


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class SupplierProfile(RoleProfile):
    """The party as a supplier.

    Attributes:
        payment_terms: The agreed payment terms (``"14 days net"``, ``"prepayment"``).
        lead_time_days: Days from order to delivery, if agreed.
        supplies: What the supplier supplies (product groups or services).

    >>> sorted(SupplierProfile(supplies=["пакування", "logistics"]).supplies)
    ['logistics', 'пакування']
    """

    role: ClassVar[Role] = Role.SUPPLIER

    payment_terms: str | None = attrs.field(default=None, converter=to_optional_short_text)
    lead_time_days: int | None = attrs.field(default=None, converter=to_optional_non_negative_int)
    supplies: frozenset[str] = attrs.field(default=frozenset(), converter=to_short_text_set)


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class CompetitorProfile(RoleProfile):
    """The party as a competitor.

    Attributes:
        products: The competing products or services.
        price_positioning: Where the competitor prices itself.
        strengths: What it does well, most important first.
        weaknesses: Where it is weak, most important first.
    """

    role: ClassVar[Role] = Role.COMPETITOR

    products: frozenset[str] = attrs.field(default=frozenset(), converter=to_short_text_set)
    price_positioning: PricePositioning | None = attrs.field(
        default=None,
        converter=_to_price_positioning,
    )
    strengths: tuple[str, ...] = attrs.field(default=(), converter=to_text_tuple)
    weaknesses: tuple[str, ...] = attrs.field(default=(), converter=to_text_tuple)


#: The profile class of each role.
PROFILE_CLASSES: dict[Role, type[RoleProfile]] = {
    cls.role: cls
    for cls in (ClientProfile, ProspectProfile, PartnerProfile, SupplierProfile, CompetitorProfile)
}

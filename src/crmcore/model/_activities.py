"""Activities: interactions, purchases and campaigns.

Each is an entity of its own, stored apart from the party it concerns and
pointing to it by id, so that a party with ten thousand purchases is still a
small value.
"""

from __future__ import annotations

import functools
import operator
import uuid
from datetime import date, datetime
from decimal import Decimal

import attrs

from crmcore._i18n import N_
from crmcore.ids import new_id
from crmcore.model._checks import (
    EMPTY_FROZENSET,
    as_frozenset,
    as_instance,
    as_member,
    as_tuple,
    bind_field_names,
    fail,
    to_decimal,
    to_optional_short_text,
    to_optional_text,
    to_optional_uuid,
    to_short_text,
    to_uuid,
)
from crmcore.model._enums import Channel, Direction, ItemKind
from crmcore.model._moments import (
    check_period,
    to_date,
    to_moment,
    to_optional_date,
)
from crmcore.model._money import Money

__all__ = ["Campaign", "Interaction", "OrderLine", "Purchase"]


def _to_channel(value: object, field: str = "value") -> Channel:
    return as_member(Channel, value, field, "channel.unknown")


def _to_optional_channel(value: object, field: str = "value") -> Channel | None:
    return None if value is None else as_member(Channel, value, field, "channel.unknown")


def _to_channels(value: object, field: str = "value") -> frozenset[Channel]:
    return as_frozenset(value, field, _channel)


def _to_direction(value: object, field: str = "value") -> Direction:
    return as_member(Direction, value, field, "interaction.unknown_direction")


def _to_item_kind(value: object, field: str = "value") -> ItemKind:
    return as_member(ItemKind, value, field, "item.unknown_kind")


def _to_money(value: object, field: str = "value") -> Money:
    return as_instance(value, field, Money, "order_line.not_money")


def _channel(value: object, field: str) -> Channel:
    return as_member(Channel, value, field, "channel.unknown")


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class Interaction:
    """One contact with a party: a call, an e-mail, a meeting, a visit.

    Attributes:
        party_id: The party contacted, or who made contact.
        channel: How.
        direction: Who started it: the party (inbound) or the company (outbound).
        occurred_at: When (a timezone-aware datetime).
        subject: What it was about.
        outcome: How it ended (``"offer requested"``, ``"no answer"``).
        campaign_id: The campaign it belongs to, if any.
        id: The interaction's id.

    >>> call = Interaction(party_id=new_id(), channel="phone", direction="outbound",
    ...                    occurred_at="2026-11-23T10:15:00+01:00", subject="Oferta na 2027")
    >>> call.channel, call.direction
    (<Channel.PHONE: 'phone'>, <Direction.OUTBOUND: 'outbound'>)
    """

    party_id: uuid.UUID = attrs.field(converter=to_uuid)
    channel: Channel = attrs.field(converter=_to_channel)
    direction: Direction = attrs.field(converter=_to_direction)
    occurred_at: datetime = attrs.field(converter=to_moment)
    subject: str | None = attrs.field(default=None, converter=to_optional_text)
    outcome: str | None = attrs.field(default=None, converter=to_optional_text)
    campaign_id: uuid.UUID | None = attrs.field(default=None, converter=to_optional_uuid)
    id: uuid.UUID = attrs.field(factory=new_id, converter=to_uuid)


@attrs.frozen(field_transformer=bind_field_names)
class OrderLine:
    """One line of a purchase: a product or service, how many, and the line's amount.

    Args:
        item: The product or service: a name or a code.
        quantity: How many (positive; a Decimal, so ``Decimal("2.5")`` kg works).
        amount: What the line cost in total, as :class:`Money`.
        kind: A product or a service.
        sku: The stock-keeping unit or article number, if any.

    >>> line = OrderLine("Krem nawilżający 50 ml", Decimal(3), Money("89.97", "PLN"))
    >>> print(line.unit_price)
    29.99 PLN
    """

    item: str = attrs.field(converter=to_short_text)
    quantity: Decimal = attrs.field(converter=to_decimal)
    amount: Money = attrs.field(converter=_to_money)
    kind: ItemKind = attrs.field(
        default=ItemKind.PRODUCT,
        kw_only=True,
        converter=_to_item_kind,
    )
    sku: str | None = attrs.field(default=None, kw_only=True, converter=to_optional_short_text)

    def __attrs_post_init__(self) -> None:
        if self.quantity <= 0:
            fail(
                "order_line.quantity_not_positive",
                N_("the quantity is not positive"),
                field="quantity",
                value=self.quantity,
                hint=N_("a positive number such as 1 or 2.5"),
            )

    @property
    def unit_price(self) -> Money:
        """The amount divided by the quantity, rounded to the currency's minor unit."""
        return Money(self.amount.amount / self.quantity, self.amount.currency).rounded()


def _to_lines(value: object, field: str = "value") -> tuple[OrderLine, ...]:
    lines = as_tuple(value, field, OrderLine, "purchase.not_order_line")
    if not lines:
        fail(
            "purchase.no_lines",
            N_("a purchase needs at least one line"),
            field="lines",
            value=value,
        )
    currency = lines[0].amount.currency
    for index, line in enumerate(lines):
        if line.amount.currency != currency:
            fail(
                "purchase.mixed_currencies",
                N_("the lines are in different currencies"),
                field=f"lines[{index}].amount.currency",
                value=line.amount.currency,
                hint=currency,
            )
    return lines


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class Purchase:
    """A purchase by a party: one or more order lines in one currency.

    Attributes:
        party_id: The party that bought.
        lines: The order lines (at least one; all in one currency).
        occurred_at: When (a timezone-aware datetime).
        channel: Where it was sold: store, web, phone, marketplace, ...
        branch: The branch or shop that sold it.
        reference: The order or invoice number.
        id: The purchase's id.

    >>> purchase = Purchase(
    ...     party_id=new_id(), occurred_at="2026-11-20T14:02:00+02:00", channel="store",
    ...     lines=[OrderLine("Шампунь", 2, Money("398.00", "UAH")),
    ...            OrderLine("Стрижка", 1, Money("650.00", "UAH"), kind="service")],
    ... )
    >>> print(purchase.total)
    1048.00 UAH
    """

    party_id: uuid.UUID = attrs.field(converter=to_uuid)
    lines: tuple[OrderLine, ...] = attrs.field(converter=_to_lines)
    occurred_at: datetime = attrs.field(converter=to_moment)
    channel: Channel | None = attrs.field(default=None, converter=_to_optional_channel)
    branch: str | None = attrs.field(default=None, converter=to_optional_short_text)
    reference: str | None = attrs.field(default=None, converter=to_optional_short_text)
    id: uuid.UUID = attrs.field(factory=new_id, converter=to_uuid)

    @property
    def total(self) -> Money:
        """The sum of the lines' amounts."""
        return functools.reduce(operator.add, (line.amount for line in self.lines))

    @property
    def currency(self) -> str:
        """The currency of the purchase."""
        return self.lines[0].amount.currency


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class Campaign:
    """A marketing or sales campaign: its channels, its dates and its audience.

    Attributes:
        name: The campaign's name.
        channels: The channels it runs on.
        starts_on: Its first day.
        ends_on: Its last day, if set.
        audience: Who it is for: a description or a segment rule.
        id: The campaign's id.

    >>> Campaign(name="Black Friday 2026", channels=["email", "sms"],
    ...          starts_on=date(2026, 11, 27), ends_on=date(2026, 11, 30)).ends_on
    datetime.date(2026, 11, 30)
    """

    name: str = attrs.field(converter=to_short_text)
    channels: frozenset[Channel] = attrs.field(default=EMPTY_FROZENSET, converter=_to_channels)
    starts_on: date = attrs.field(converter=to_date)
    ends_on: date | None = attrs.field(default=None, converter=to_optional_date)
    audience: str | None = attrs.field(default=None, converter=to_optional_text)
    id: uuid.UUID = attrs.field(factory=new_id, converter=to_uuid)

    def __attrs_post_init__(self) -> None:
        check_period(self.starts_on, self.ends_on, start_field="starts_on", end_field="ends_on")

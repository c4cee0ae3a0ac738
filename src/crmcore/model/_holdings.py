"""Holdings: the products and services a party currently holds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from crmcore.model._checks import (
    as_member,
    bind_field_names,
    to_non_negative_decimal,
    to_optional_short_text,
    to_short_text,
)
from crmcore.model._enums import ItemKind
from crmcore.model._moments import (
    check_period,
    to_optional_date,
)

__all__ = ["Holding"]


def _to_kind(value: object, field: str = "value") -> ItemKind:
    return as_member(ItemKind, value, field, "item.unknown_kind")


@attrs.frozen(field_transformer=bind_field_names)
class Holding:
    """A product or service the party holds: a subscription, a contract, a device.

    Args:
        item: What is held: a product or service name or code.
        kind: A product or a service.
        quantity: How many (positive; 1 by default).
        since: The day it began, if known.
        until: The day it ends or ended, if known.
        reference: A contract, policy or serial number.

    >>> Holding("Абонемент «Преміум»", kind="service", since=date(2025, 1, 1)).kind
    <ItemKind.SERVICE: 'service'>
    """

    item: str = attrs.field(converter=to_short_text)
    kind: ItemKind = attrs.field(
        default=ItemKind.PRODUCT,
        kw_only=True,
        converter=_to_kind,
    )
    quantity: Decimal = attrs.field(
        default=Decimal(1), kw_only=True, converter=to_non_negative_decimal
    )
    since: date | None = attrs.field(default=None, kw_only=True, converter=to_optional_date)
    until: date | None = attrs.field(default=None, kw_only=True, converter=to_optional_date)
    reference: str | None = attrs.field(
        default=None, kw_only=True, converter=to_optional_short_text
    )

    def __attrs_post_init__(self) -> None:
        check_period(self.since, self.until)

    def active_on(self, day: date) -> bool:
        """Return whether the holding runs on ``day``.

        >>> Holding("Hosting", until=date(2025, 12, 31)).active_on(date(2026, 1, 1))
        False
        """
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )

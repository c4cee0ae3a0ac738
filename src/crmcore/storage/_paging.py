"""Pages of parties: an order on an indexed field, a limit, and a cursor to go on from.

:meth:`~crmcore.storage.Parties.page` reads the parties that satisfy a
predicate one page at a time. A page ends with a cursor (opaque text) naming
the last party it holds by its place in the order, so the next page starts
after that place, not at a count of rows: parties inserted or deleted while
pages are read move no other party from one page to another (keyset
pagination). The order is one of :data:`ORDER_FIELDS`, ascending, or
descending with a ``-`` before it; parties with the same value of the field
follow in id order (the other way round, descending), so the order is total.

A cursor carries the order it was made for; a cursor of another order is
refused, as is text that is not a cursor.

>>> order = check_order("-created_at")
>>> order
Order(field='created_at', descending=True)
>>> read_cursor(make_cursor(order, ("2026-11-23T08:30:00+00:00", "0" * 32)), check_order("id"))
Traceback (most recent call last):
crmcore.errors.ValidationError: after: the cursor was made for another order ...
"""

from __future__ import annotations

import base64
import binascii
import heapq
import json
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

import attrs

from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.model import Party

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "ORDER_FIELDS",
    "Deleted",
    "Order",
    "Page",
    "check_deleted",
    "check_order",
    "make_cursor",
    "page_in",
    "page_of",
    "read_cursor",
    "shown",
    "sort_value",
]

#: Which parties a read shows: the live ones (``False``), all (``True``), or
#: only the soft-deleted ones (``"only"``).
Deleted: TypeAlias = bool | Literal["only"]
#: The fields a page may be ordered by: indexed, never empty, so a cursor is one place.
ORDER_FIELDS: Final = ("id", "created_at", "updated_at", "customer_number")
#: How many parties a page holds unless asked otherwise.
DEFAULT_PAGE_SIZE: Final = 100
_MOMENTS: Final = frozenset({"created_at", "updated_at"})
_ORDER_HINT: Final = N_(
    "one of {fields}; with a leading - for descending order", fields=", ".join(ORDER_FIELDS)
)
_CURSOR_LIMIT: Final = 512  # characters: a cursor made here is far shorter
_CURSOR_PARTS: Final = 3  # the order, the value of its field, the id


@attrs.frozen
class Order:
    """The order of a page: a field of :data:`ORDER_FIELDS`, then the id.

    Attributes:
        field: The field parties are ordered by.
        descending: Whether the order is from the highest value down.
    """

    field: str
    descending: bool

    @property
    def name(self) -> str:
        """The order as ``order_by`` names it (``"-created_at"``)."""
        return ("-" if self.descending else "") + self.field


@attrs.frozen
class Page:
    """One page of parties and the cursor of the next.

    Attributes:
        items: The parties of the page, in the page's order.
        next: The cursor to pass as ``after=`` for the next page (with the
            same ``order_by``), or ``None`` if no party follows this page.
    """

    items: tuple[Party, ...]
    next: str | None


def check_order(order_by: object) -> Order:
    """Return the :class:`Order` ``order_by`` names, or raise ``query.unknown_order``."""
    if isinstance(order_by, str):
        field = order_by.removeprefix("-")
        if field in ORDER_FIELDS:
            return Order(field, descending=field != order_by)
    raise ValidationError(
        N_("parties can only be ordered by an indexed field"),
        code="query.unknown_order",
        field="order_by",
        value=order_by,
        hint=_ORDER_HINT,
    )


def check_deleted(include_deleted: object) -> Deleted:
    """Return ``include_deleted`` if it is ``True``, ``False`` or ``"only"``; else raise."""
    if include_deleted is True or include_deleted is False or include_deleted == "only":
        return include_deleted
    raise ValidationError(
        N_("not a choice of deleted parties"),
        code="query.invalid_include_deleted",
        field="include_deleted",
        value=include_deleted,
        hint=N_('False (live parties), True (all) or "only" (the deleted ones)'),
    )


def shown(party: Party, include_deleted: Deleted) -> bool:
    """Return whether a read with ``include_deleted`` shows ``party``."""
    if include_deleted == "only":
        return party.deleted_at is not None
    return include_deleted or party.deleted_at is None


def sort_value(party: Party, order: Order) -> tuple[datetime | str | uuid.UUID, uuid.UUID]:
    """Return where ``party`` stands in ``order``: its field's value, then its id."""
    value: datetime | str | uuid.UUID = getattr(party, order.field)
    return value, party.id


def _text(value: datetime | str | uuid.UUID) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)


def make_cursor(order: Order, place: tuple[datetime | str | uuid.UUID, uuid.UUID | str]) -> str:
    """Return the cursor of a page whose last party stands at ``place`` in ``order``."""
    document = json.dumps([order.name, _text(place[0]), str(place[1])], ensure_ascii=False)
    return base64.urlsafe_b64encode(document.encode()).decode().rstrip("=")


def _invalid_cursor(cursor: object) -> ValidationError:
    return ValidationError(
        N_("not a cursor of a page"),
        code="query.invalid_cursor",
        field="after",
        value=cursor,
        hint=N_("the next cursor of the page before, as it was returned"),
    )


def read_cursor(cursor: object, order: Order) -> tuple[datetime | str | uuid.UUID, uuid.UUID]:
    """Return the place ``cursor`` names in ``order``.

    Raises:
        ValidationError: ``query.invalid_cursor`` for what is not a cursor,
            ``query.cursor_order`` for a cursor of another order.
    """
    parts = _parts(cursor)
    if parts is None:
        raise _invalid_cursor(cursor)
    name, value, place_id = parts
    if name != order.name:
        raise ValidationError(
            N_("the cursor was made for another order"),
            code="query.cursor_order",
            field="after",
            value=name,
            hint=N_("the same order_by as the page it came from, {order}", order=name),
        )
    try:
        return _value(order.field, value), place_id
    except ValueError:
        raise _invalid_cursor(cursor) from None


def _parts(cursor: object) -> tuple[str, str, uuid.UUID] | None:
    """Return the order, the value and the id a cursor holds, or ``None`` for junk."""
    if not isinstance(cursor, str) or not cursor or len(cursor) > _CURSOR_LIMIT:
        return None
    try:
        parts = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode())
        if isinstance(parts, list) and len(parts) == _CURSOR_PARTS:
            name, value, party_id = parts
            if isinstance(name, str) and isinstance(value, str) and isinstance(party_id, str):
                return name, value, uuid.UUID(party_id)
    except (binascii.Error, ValueError):
        return None
    return None


def _value(field: str, text: str) -> datetime | str | uuid.UUID:
    if field in _MOMENTS:
        moment = datetime.fromisoformat(text)
        if moment.utcoffset() is None:
            raise ValueError
        return moment
    if field == "id":
        return uuid.UUID(text)
    return text


def page_in(parties: Iterable[Party], order: Order, limit: int, after: str | None) -> Page:
    """Return the page of ``parties`` (those the page may hold) in ``order``, after ``after``.

    The reference of every store's :meth:`~crmcore.storage.Parties.page`:
    the parties sorted, those at or before the cursor's place left out.
    """
    place = None if after is None else read_cursor(after, order)
    if place is not None:
        if order.descending:
            parties = (party for party in parties if sort_value(party, order) < place)
        else:
            parties = (party for party in parties if sort_value(party, order) > place)
    first = heapq.nlargest if order.descending else heapq.nsmallest
    return page_of(
        first(limit + 1, parties, key=lambda party: sort_value(party, order)), order, limit
    )


def page_of(found: Iterable[Party], order: Order, limit: int) -> Page:
    """Return the page of ``found`` (in order, at most ``limit + 1`` parties read ahead)."""
    items = list(found)
    more = len(items) > limit
    items = items[:limit]
    after = make_cursor(order, sort_value(items[-1], order)) if more else None
    return Page(tuple(items), after)

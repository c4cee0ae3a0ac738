"""Purge: remove soft-deleted parties for good, the same way on every store.

A purged party is erased (:meth:`~crmcore.storage.Parties.erase`): its row,
its key rows, its ties, activities and consent facts go; its events keep
their ids, types and times with their payloads emptied but for their
``"retained"`` member, and an ``erased`` tombstone is
appended; a merge record that names it is forgotten, and the parties merged
into it are erased with it. Only soft-deleted parties are purged: a live one
named by id is refused, so that a purge never removes what a user still sees.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from crmcore._i18n import N_
from crmcore.errors import ConflictError, ValidationError
from crmcore.storage._merges import merged_party

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from contextlib import AbstractContextManager

    from crmcore.storage._protocols import Parties

__all__ = ["purge"]


def _selection(before: object, ids: object) -> None:
    if (before is None) == (ids is None):
        raise ValidationError(
            N_("a purge needs either a moment or ids, not both"),
            code="query.purge_selection",
            field="before",
            value=None if before is None else str(before),
            hint=N_("purge(before=datetime) or purge(ids=[...])"),
        )
    if before is not None and (not isinstance(before, datetime) or before.utcoffset() is None):
        raise ValidationError(
            N_("the value does not fit the field {field}", field="before"),
            code="query.invalid_value",
            field="before",
            value=before,
            hint=N_("a timezone-aware datetime"),
        )


def _to_ids(ids: Iterable[object]) -> list[uuid.UUID]:
    try:
        chosen = list(dict.fromkeys(ids))
    except TypeError:
        chosen = [ids]
    for each in chosen:
        if not isinstance(each, uuid.UUID):
            raise ValidationError(
                N_("the value does not fit the field {field}", field="ids"),
                code="query.invalid_value",
                field="ids",
                value=each,
                hint=N_("party ids (uuid.UUID)"),
            )
    return chosen  # type: ignore[return-value]


def _live(party_id: uuid.UUID) -> ConflictError:
    return ConflictError(
        N_("only a deleted party can be purged"),
        code="party.not_deleted",
        field="id",
        value=str(party_id),
        hint=N_("delete it first, or erase it"),
    )


def purge(
    parties: Parties,
    transaction: Callable[[], AbstractContextManager[None]],
    before: datetime | None,
    ids: Iterable[uuid.UUID] | None,
) -> list[uuid.UUID]:
    """Erase soft-deleted parties, all or none; see :meth:`Parties.purge`."""
    _selection(before, ids)
    with transaction():
        if ids is None:
            chosen = [
                party.id
                for party in parties.select(include_deleted="only")
                if party.deleted_at is not None and before is not None and party.deleted_at < before
            ]
        else:
            chosen = sorted(_to_ids(ids))
            for party_id in chosen:
                stored = parties.get(party_id, include_deleted=True)
                if stored.id != party_id:
                    raise merged_party(party_id, stored.id)
                if stored.deleted_at is None:
                    raise _live(party_id)
        for party_id in chosen:
            parties.erase(party_id)
    return chosen

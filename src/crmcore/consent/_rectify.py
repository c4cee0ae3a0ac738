"""Rectification (Art. 16): correct a party's data and keep a log of each correction.

Each correction updates the party and appends an event to the stream
``"rectification"``, in one unit of work. Its payload's ``"retained"`` part
names the fields that changed and the version they changed in, never their
values, so it stays after an erasure and says nothing of the person; the
reason, the reference and who asked are in its ``"detail"`` part, which an
erasure removes.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Final

import attrs

from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.model import Party
from crmcore.storage import Event, JsonValue
from crmcore.storage.backend import diff

if TYPE_CHECKING:
    from crmcore.storage import Store

__all__ = ["RECTIFICATION_STREAM", "Rectification", "rectifications", "rectify"]

#: The stream of the event log that holds the log of rectifications.
RECTIFICATION_STREAM: Final = "rectification"
_TYPE: Final = "party.rectified"
_MAX_TEXT: Final = 2000


@attrs.frozen(kw_only=True)
class Rectification:
    """One correction of a party's data, as the log keeps it.

    Attributes:
        id: The id of its event.
        party_id: The party corrected.
        at: When it was made (the store's clock).
        version: The party's version it wrote.
        fields: The dotted paths of the fields that changed (``"name.family"``).
        reason: Why, as the caller said (``None`` once the party is erased).
        reference: The request's reference (a ticket, a letter), if any.
        requested_by: Who asked for it, if said.
    """

    id: uuid.UUID
    party_id: uuid.UUID
    at: datetime
    version: int
    fields: tuple[str, ...]
    reason: str | None
    reference: str | None
    requested_by: str | None


def _text(value: object, field: str, *, required: bool) -> str | None:
    if value is None and not required:
        return None
    if isinstance(value, str) and value.strip() and len(value) <= _MAX_TEXT:
        return value
    raise ValidationError(
        N_("the value is not a non-empty text of at most 2000 characters"),
        code=f"rectification.invalid_{field}",
        field=field,
        value=value,
        hint=N_("the data subject's request of 12 March 2026, ticket DSR-1042"),
    )


def rectify(
    store: Store,
    party: Party,
    *,
    reason: str,
    reference: str | None = None,
    requested_by: str | None = None,
) -> Party:
    """Store the corrected ``party`` and log the correction; return the party as stored.

    Args:
        store: The store.
        party: The party as corrected, at the version read (as for
            :meth:`~crmcore.storage.Parties.update`).
        reason: Why it was corrected.
        reference: The request's reference, if any.
        requested_by: Who asked for it, if known.

    Raises:
        ValidationError: ``rectification.invalid_reason``,
            ``rectification.invalid_reference``, ``rectification.invalid_requested_by``,
            ``rectification.invalid_party``, or what
            :meth:`~crmcore.storage.Parties.update` raises.
        NotFoundError: ``party.not_found``.
        ConflictError: ``party.stale_version``.
    """
    if not isinstance(party, Party):
        raise ValidationError(
            N_("the value is not a party"),
            code="rectification.invalid_party",
            field="party",
            value=type(party).__name__,
            hint="store.parties.get(party_id).with_...(...)",
        )
    detail: dict[str, JsonValue] = {
        "reason": _text(reason, "reason", required=True),
        "reference": _text(reference, "reference", required=False),
        "requested_by": _text(requested_by, "requested_by", required=False),
    }
    with store.transaction():
        before = store.parties.get(party.id)
        stored = store.parties.update(party)
        fields = [change.field for change in diff(before, stored)]
        store.events.append(
            Event(
                stream=RECTIFICATION_STREAM,
                type=_TYPE,
                occurred_at=stored.updated_at,
                party_id=stored.id,
                payload={
                    "retained": {"version": stored.version, "fields": list(fields)},
                    "detail": detail,
                },
            )
        )
    return stored


def _optional(value: JsonValue) -> str | None:
    return value if isinstance(value, str) else None


def rectifications(store: Store, party_id: uuid.UUID) -> list[Rectification]:
    """Return the log of the party's corrections, oldest first.

    After an erasure the log reads on with the fields and versions only.
    """
    found: list[Rectification] = []
    for event in store.events.read(stream=RECTIFICATION_STREAM, party_id=party_id):
        retained = event.payload.get("retained")
        detail = event.payload.get("detail")
        if event.type != _TYPE or not isinstance(retained, dict) or event.party_id is None:
            continue
        detail = detail if isinstance(detail, dict) else {}
        fields = retained.get("fields")
        version = retained.get("version")
        found.append(
            Rectification(
                id=event.id,
                party_id=event.party_id,
                at=event.occurred_at,
                version=version if isinstance(version, int) else 0,
                fields=tuple(str(each) for each in fields) if isinstance(fields, list) else (),
                reason=_optional(detail.get("reason")),
                reference=_optional(detail.get("reference")),
                requested_by=_optional(detail.get("requested_by")),
            )
        )
    return found

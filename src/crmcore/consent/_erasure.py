"""Erasure (Art. 17): remove a party for good, keep what the law says to keep, and say so.

:func:`erase_party`, in one unit of work:

1. puts every e-mail address and phone number of the party, and of the
   parties merged into it, on the suppression list (keyed hashes only);
2. copies each purchase still under the caller's retention duty into a
   retention record of its own: an event of the stream
   ``"retention.<YYYY-MM>"`` (the month its duty ends) with no party, whose
   payload holds the purchase's id, date, reference, channel, branch and
   lines, the duty and its end: no name, no contact point, no party id;
3. erases the party with :meth:`~crmcore.storage.Parties.erase`: the party,
   its index rows, ties, interactions, purchases, history and merges go; its
   events keep only their ``"retained"`` part (the consent proof in its
   minimal form: purpose, lawful basis, moment, wording hash, chain).

:func:`prune_retention` removes the retention records whose duty has ended.
"""

from __future__ import annotations

import calendar
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Final

import attrs

from crmcore._i18n import N_
from crmcore.consent._export import merged_into, merges_of
from crmcore.consent._suppression import SUPPRESSIBLE, Suppressions
from crmcore.consent._vocabulary import to_name
from crmcore.errors import ValidationError
from crmcore.model import Purchase, to_dict
from crmcore.model._moments import utc_now
from crmcore.storage import Event

if TYPE_CHECKING:
    from crmcore.model import Clock
    from crmcore.storage import Store

__all__ = [
    "RETENTION_STREAM",
    "ErasureReport",
    "Kept",
    "RetentionPolicy",
    "erase_party",
    "prune_retention",
    "retention_stream",
]

#: The prefix of the streams of retention records: ``"retention.2031-03"``.
RETENTION_STREAM: Final = "retention"
_TYPE: Final = "retention.purchase"
#: The reason of a suppression entry an erasure adds.
_ERASURE: Final = "erasure"


def _years(value: object) -> int | None:
    if value is None or (
        isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 100
    ):
        return value
    raise ValidationError(
        N_("the retention period is not a whole number of years from 1 to 100"),
        code="retention.invalid_years",
        field="purchases_years",
        value=value,
        hint=N_("5 for invoices kept five years from their date, or None to keep none"),
    )


def _duty(value: object) -> str:
    return to_name(value, "duty")


@attrs.frozen
class RetentionPolicy:
    """What the law makes the caller keep of an erased party, and for how long.

    Attributes:
        purchases_years: Keep each purchase (an invoice) this many years
            from its date; ``None``: keep none.
        duty: The duty, as a short name the report repeats
            (``"tax_records"``, ``"hgb_257"``, ``"ustawa_o_rachunkowosci"``).
    """

    purchases_years: int | None = attrs.field(default=None, converter=_years)
    duty: str = attrs.field(default="tax_records", converter=_duty)


@attrs.frozen
class Kept:
    """A record kept after an erasure, under a legal duty.

    Attributes:
        entity: What it is (``"purchase"``).
        id: Its id.
        duty: The duty that keeps it.
        until: When the duty ends and it is to be pruned.
    """

    entity: str
    id: uuid.UUID
    duty: str
    until: datetime


@attrs.frozen
class ErasureReport:
    """What an erasure removed, kept and suppressed.

    Attributes:
        party_id: The party erased (the survivor, if a merged id was given).
        erased_ids: Every party erased: it and the parties merged into it.
        removed: How many of each were removed: ``"parties"``,
            ``"affiliations"``, ``"interactions"``, ``"purchases"``,
            ``"events"`` (whose personal part was removed).
        kept: The records kept under a retention duty, and until when.
        suppressed: How many contact points of each kind were put on the
            suppression list (``{"email": 2, "phone": 1}``); already listed
            ones count too.
        at: When it was done.
    """

    party_id: uuid.UUID
    erased_ids: tuple[uuid.UUID, ...]
    removed: dict[str, int]
    kept: tuple[Kept, ...]
    suppressed: dict[str, int]
    at: datetime


def _add_years(moment: datetime, years: int) -> datetime:
    day = min(moment.day, calendar.monthrange(moment.year + years, moment.month)[1])
    return moment.replace(year=moment.year + years, day=day)


def retention_stream(until: datetime) -> str:
    """Return the stream of the retention records whose duty ends at ``until``."""
    moment = until.astimezone(UTC)
    return f"{RETENTION_STREAM}.{moment.year:04d}-{moment.month:02d}"


def _retention_record(purchase: Purchase, duty: str, until: datetime, now: datetime) -> Event:
    document = to_dict(purchase)
    return Event(
        stream=retention_stream(until),
        type=_TYPE,
        occurred_at=now,
        payload={
            "retained": {
                "purchase_id": str(purchase.id),
                "occurred_at": purchase.occurred_at.isoformat(),
                "reference": purchase.reference,
                "channel": document.get("channel"),
                "branch": purchase.branch,
                "lines": document["lines"],
                "duty": duty,
                "until": until.isoformat(),
            }
        },
    )


def erase_party(
    store: Store,
    party_id: uuid.UUID,
    *,
    secret: bytes,
    keep: RetentionPolicy | None = None,
    clock: Clock = utc_now,
) -> ErasureReport:
    """Erase a party, keeping what ``keep`` says and listing its contact points; report it.

    Args:
        store: The store.
        party_id: The party (a merged party's id erases its survivor and
            every party merged into it).
        secret: The suppression list's secret (see :class:`Suppressions`).
        keep: The retention duties the caller is under; none by default.
        clock: What "now" is: the moment retention periods are measured from.

    Raises:
        NotFoundError: ``party.not_found``.
        ValidationError: ``suppression.weak_secret``.
    """
    policy = RetentionPolicy() if keep is None else keep
    suppressions = Suppressions(store, secret=secret, clock=clock)
    now = clock()
    with store.transaction():
        party = store.parties.get(party_id, include_deleted=True)
        merged = merged_into(store, party.id)
        everyone = [party.id, *merged]
        contacts = list(party.contacts)
        for record in merges_of(store, everyone).values():
            if record.undone_at is None:
                contacts += [point for original in record.originals for point in original.contacts]
        contacts = [contact for contact in contacts if contact.kind.value in SUPPRESSIBLE]
        listed = {suppressions.hash(contact) for contact in contacts}
        suppressed: dict[str, int] = {}
        for contact in contacts:
            digest = suppressions.hash(contact)
            if digest in listed:
                listed.discard(digest)
                suppressions.add(contact, reason=_ERASURE, at=now)
                suppressed[contact.kind.value] = suppressed.get(contact.kind.value, 0) + 1
        purchases = store.purchases.for_party(party.id)
        kept: list[Kept] = []
        if policy.purchases_years is not None:
            for purchase in purchases:
                until = _add_years(purchase.occurred_at, policy.purchases_years)
                if until > now:
                    store.events.append(_retention_record(purchase, policy.duty, until, now))
                    kept.append(Kept("purchase", purchase.id, policy.duty, until))
        removed = {
            "parties": len(everyone),
            "affiliations": len(store.affiliations.for_party(party.id)),
            "interactions": len(store.interactions.for_party(party.id)),
            "purchases": len(purchases),
            "events": sum(
                1
                for each in everyone
                for event in store.events.read(party_id=each)
                if set(event.payload) - {"retained"}
            ),
        }
        store.parties.erase(party.id)
    return ErasureReport(
        party_id=party.id,
        erased_ids=tuple(everyone),
        removed=removed,
        kept=tuple(kept),
        suppressed=suppressed,
        at=now,
    )


def prune_retention(store: Store, *, at: datetime, since: datetime) -> int:
    """Remove the retention records whose duty ended before the month of ``at``; return how many.

    Records are kept by the month their duty ends, so one whose duty ends
    in the month of ``at`` goes at the first prune of the next month.

    Args:
        store: The store.
        at: Now.
        since: The first month to look at: the month of the first erasure,
            or earlier.
    """
    year, month = since.astimezone(UTC).year, since.astimezone(UTC).month
    last = at.astimezone(UTC)
    removed = 0
    while (year, month) < (last.year, last.month):
        stream = f"{RETENTION_STREAM}.{year:04d}-{month:02d}"
        removed += store.events.prune(before=at, stream=stream)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return removed

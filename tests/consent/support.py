"""Facts and questions for the decision's tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from crmcore.consent import Basis, Kind
from crmcore.storage import ConsentFact

PARTY = uuid.UUID("01890a5d-ac96-774b-bcce-b302099a8057")
START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def day(n: float) -> datetime:
    """Return the moment ``n`` days after the start."""
    return START + timedelta(days=n)


def fact(  # the facts a test names; the rest are defaults
    kind: Kind,
    at: float,
    *,
    purpose: str | None = "marketing",
    channel: str | None = None,
    contact: str | None = None,
    brand: str | None = None,
    expires: float | None = None,
    pending: bool = False,
    confirms: ConsentFact | None = None,
    seq: int = 1,
    basis: Basis = Basis.CONSENT,
) -> ConsentFact:
    """Return a fact of ``kind`` that took effect ``at`` days after the start."""
    return ConsentFact(
        party_id=PARTY,
        event_id=uuid.uuid4(),
        seq=seq,
        hash="0" * 64,
        kind=kind.value,
        purpose=purpose,
        channel=channel,
        contact=contact,
        brand=brand,
        basis=basis.value,
        occurred_at=day(at),
        expires_at=None if expires is None else day(expires),
        pending=pending,
        confirms=None if confirms is None else confirms.event_id,
    )

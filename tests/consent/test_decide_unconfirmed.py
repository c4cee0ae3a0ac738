"""A grant that waits for its double opt-in does not allow contact until it is confirmed."""

import uuid
from datetime import UTC, datetime, timedelta

from crmcore.consent import Basis, Kind, Proof, Purpose, decide
from crmcore.consent._records import draft, to_fact

MARCH = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
NEWSLETTER = Purpose("newsletter", double_opt_in=True)


def _event(kind, *, after=None, pending=False, confirms=None, at=MARCH):
    return draft(
        party_id=uuid.UUID("0190f5d2-3c4b-7a11-8e2f-5b6c7d8e9f03"),
        kind=kind,
        purpose="newsletter",
        channel="email",
        contact=None,
        brand=None,
        basis=Basis.CONSENT,
        occurred_at=at,
        source="web_form",
        captured_by=None,
        proof=Proof.of_wording("Proszę o newsletter.", version="2026-03"),
        expires_at=None,
        pending=pending,
        confirms=confirms,
        after=after,
    )


def test_an_unconfirmed_grant_does_not_allow_and_its_confirmation_does():
    grant = _event(Kind.GRANTED, pending=True)
    waiting = decide([to_fact(grant)], purpose=NEWSLETTER, channel="email", at=MARCH)
    assert (waiting.allowed, waiting.reason) == (False, "consent.unconfirmed")
    confirmed_at = MARCH + timedelta(hours=1)
    confirmation = _event(Kind.CONFIRMED, after=grant.head, confirms=grant.id, at=confirmed_at)
    facts = [to_fact(grant), to_fact(confirmation)]
    later = decide(facts, purpose=NEWSLETTER, channel="email", at=confirmed_at)
    assert (later.allowed, later.reason) == (True, "consent.confirmed")
    assert later.events == (grant.id, confirmation.id)

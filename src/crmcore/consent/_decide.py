"""The decision: may this party be contacted, on this channel, for this purpose, at this moment?

Pure: facts in, decision out; the ledger and every store share it. The rules,
each tested:

1. Only the facts that cover the question count: of its purpose (or of every
   purpose), of its channel (or of every channel), of its contact point and
   brand (or of none in particular), that took effect at or before ``at``. A
   question that names no contact point or brand counts the facts of every one.
2. Within one scope, the latest fact wins (at the same moment, the least
   permissive one).
3. The narrowest scope wins: a scope that names more (purpose, channel, contact
   point, brand) decides over one that names less. Scopes equally narrow that
   disagree: the least permissive answer wins.
4. A refusal, withdrawal, objection or expiry stops contact at once over all
   it covers: a grant decides only if it is newer than every one of them.
5. A grant waiting for its double opt-in confirmation does not allow; a
   confirmation allows only if it confirms a waiting grant of the same scope.
6. A grant past its ``expires_at`` does not allow.
7. No fact: a purpose on ``consent`` is not allowed; on legitimate interests
   or a public task it is allowed (until an objection); on a contract, a legal
   obligation or vital interests it is always allowed, as Art. 21 gives no
   objection to them.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Final

import attrs

from crmcore.consent._vocabulary import NEGATIVE, Basis, Kind, Purpose

if TYPE_CHECKING:
    from collections.abc import Sequence

    from crmcore.storage import ConsentFact

__all__ = ["Decision", "decide"]

#: How permissive a fact's verdict is, least first: ties go to the lowest.
_ORDER: Final = {
    "consent.objected": 0,
    "consent.withdrawn": 1,
    "consent.refused": 2,
    "consent.expired": 3,
    "consent.unconfirmed": 4,
    "consent.confirmed": 5,
    "consent.granted": 6,
}
#: The verdicts that allow contact.
_ALLOWING: Final = frozenset({"consent.granted", "consent.confirmed"})
#: The bases a person cannot object to (Art. 21 names only (e) and (f)).
_UNOBJECTABLE: Final = frozenset({Basis.CONTRACT, Basis.LEGAL_OBLIGATION, Basis.VITAL_INTERESTS})


@attrs.frozen
class Decision:
    """Whether contact is allowed, why, and the events the answer rests on.

    True in a boolean context when contact is allowed.

    Attributes:
        allowed: Whether contact is allowed.
        reason: A stable code: ``consent.granted``, ``consent.confirmed``,
            ``basis.legitimate_interests``, ``basis.public_task``,
            ``basis.contract``, ``basis.legal_obligation``,
            ``basis.vital_interests`` (allowed); ``consent.no_record``,
            ``consent.refused``, ``consent.withdrawn``, ``consent.objected``,
            ``consent.expired``, ``consent.unconfirmed``, ``contact.suppressed``
            (not allowed).
        purpose: The purpose asked about.
        channel: The channel asked about.
        at: The moment asked about.
        events: The ids of the consent events the answer rests on.
        expires_at: When an allowing grant lapses, if it does.
    """

    allowed: bool
    reason: str
    purpose: str
    channel: str
    at: datetime
    events: tuple[uuid.UUID, ...] = ()
    expires_at: datetime | None = None

    def __bool__(self) -> bool:
        return self.allowed


def _covers(fact: ConsentFact, contact: str | None, brand: str | None) -> bool:
    return (contact is None or fact.contact is None or fact.contact == contact) and (
        brand is None or fact.brand is None or fact.brand == brand
    )


def _narrowness(fact: ConsentFact) -> int:
    return sum(
        value is not None for value in (fact.purpose, fact.channel, fact.contact, fact.brand)
    )


def _verdict(fact: ConsentFact, at: datetime, waiting: dict[uuid.UUID, ConsentFact]) -> str:
    if fact.kind in NEGATIVE:
        return f"consent.{fact.kind}"
    if fact.kind == Kind.GRANTED and fact.pending:
        return "consent.unconfirmed"
    expires_at = fact.expires_at
    if fact.kind == Kind.CONFIRMED and fact.confirms is not None:
        expires_at = waiting[fact.confirms].expires_at
    if expires_at is not None and expires_at <= at:
        return "consent.expired"
    return f"consent.{fact.kind}"


def decide(
    facts: Sequence[ConsentFact],
    *,
    purpose: Purpose,
    channel: str,
    at: datetime,
    contact: str | None = None,
    brand: str | None = None,
) -> Decision:
    """Return the decision the ``facts`` give for a question (see the module's rules).

    Args:
        facts: The party's consent facts (any order; those that do not
            cover the question are left out here).
        purpose: The purpose, with its lawful basis.
        channel: The channel.
        at: The moment asked about.
        contact: The key of the contact point to be used, if one.
        brand: The brand the contact is for, if one.
    """
    base = Decision(
        allowed=False, reason="consent.no_record", purpose=purpose.name, channel=channel, at=at
    )
    if purpose.basis in _UNOBJECTABLE:
        return attrs.evolve(base, allowed=True, reason=f"basis.{purpose.basis}")
    covering = [
        fact
        for fact in facts
        if fact.occurred_at <= at
        and fact.purpose in (None, purpose.name)
        and fact.channel in (None, channel)
        and _covers(fact, contact, brand)
    ]
    waiting = {
        fact.event_id: fact for fact in covering if fact.kind == Kind.GRANTED and fact.pending
    }
    covering = [
        fact
        for fact in covering
        if fact.kind != Kind.CONFIRMED
        or (
            fact.confirms in waiting
            and _scope(waiting[fact.confirms]) == _scope(fact)
            and waiting[fact.confirms].occurred_at <= fact.occurred_at
        )
    ]
    verdicts = {fact.event_id: _verdict(fact, at, waiting) for fact in covering}
    if purpose.basis != Basis.CONSENT:  # a lapse of consent leaves the basis standing
        covering = [
            fact
            for fact in covering
            if verdicts[fact.event_id] not in ("consent.expired", "consent.unconfirmed")
        ]
        if not covering:
            return attrs.evolve(base, allowed=True, reason=f"basis.{purpose.basis}")
    if not covering:
        return base
    latest: dict[tuple[str | None, ...], ConsentFact] = {}
    for fact in covering:
        scope = _scope(fact)
        held = latest.get(scope)
        if held is None or (fact.occurred_at, -_ORDER[verdicts[fact.event_id]]) > (
            held.occurred_at,
            -_ORDER[verdicts[held.event_id]],
        ):
            latest[scope] = fact
    narrowest = max(_narrowness(fact) for fact in latest.values())
    deciding = [fact for fact in latest.values() if _narrowness(fact) == narrowest]
    stops = [fact for fact in covering if fact.kind in NEGATIVE]
    denying = [fact for fact in deciding if verdicts[fact.event_id] not in _ALLOWING]
    denying += [
        stop
        for stop in stops
        if any(stop.occurred_at >= grant.occurred_at for grant in deciding if grant not in denying)
    ]
    if denying:
        worst = min(denying, key=lambda fact: _ORDER[verdicts[fact.event_id]])
        ids = tuple(dict.fromkeys(fact.event_id for fact in denying))
        return attrs.evolve(base, reason=verdicts[worst.event_id], events=ids)
    grants = sorted(deciding, key=lambda fact: (fact.occurred_at, fact.seq))
    ids = tuple(
        dict.fromkeys(
            [waiting[fact.confirms].event_id for fact in grants if fact.confirms in waiting]
            + [fact.event_id for fact in grants]
        )
    )
    lapses = [
        waiting[fact.confirms].expires_at if fact.confirms in waiting else fact.expires_at
        for fact in grants
    ]
    known = [moment for moment in lapses if moment is not None]
    reason = (
        "consent.confirmed"
        if any(fact.kind == Kind.CONFIRMED for fact in grants)
        else "consent.granted"
    )
    return attrs.evolve(
        base, allowed=True, reason=reason, events=ids, expires_at=min(known, default=None)
    )


def _scope(fact: ConsentFact) -> tuple[str | None, ...]:
    return (fact.purpose, fact.channel, fact.contact, fact.brand)

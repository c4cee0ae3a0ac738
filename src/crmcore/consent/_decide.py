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
#: The verdict of each kind that stops contact.
_STOPPED: Final[dict[str, str]] = {kind.value: f"consent.{kind.value}" for kind in NEGATIVE}
#: The reason of an answer that rests on a lawful basis alone.
_BASIS: Final = {basis: f"basis.{basis.value}" for basis in Basis}
#: The verdicts of a lapsed consent: they leave a basis other than consent standing.
_LAPSES: Final = frozenset({"consent.expired", "consent.unconfirmed"})
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


def _narrowness(scope: tuple[str | None, ...]) -> int:
    """How many of a scope's parts (purpose, channel, contact point, brand) it names."""
    return 4 - scope.count(None)


def _verdict(fact: ConsentFact, at: datetime, waiting: dict[uuid.UUID, ConsentFact]) -> str:
    kind = fact.kind
    if kind in NEGATIVE:
        return _STOPPED[kind]
    if fact.pending:
        return "consent.unconfirmed"
    expires_at = waiting[fact.confirms].expires_at if fact.confirms is not None else fact.expires_at
    if expires_at is not None and expires_at <= at:
        return "consent.expired"
    return "consent.confirmed" if kind == Kind.CONFIRMED else "consent.granted"


def _bears(
    fact: ConsentFact, name: str, channel: str, contact: str | None, brand: str | None
) -> bool:
    return (
        (fact.purpose is None or fact.purpose == name)
        and (fact.channel is None or fact.channel == channel)
        and (contact is None or fact.contact is None or fact.contact == contact)
        and (brand is None or fact.brand is None or fact.brand == brand)
    )


def _confirms(fact: ConsentFact, waiting: dict[uuid.UUID, ConsentFact]) -> bool:
    """Whether a confirmation confirms a waiting grant of its own scope, made before it."""
    grant = waiting.get(fact.confirms) if fact.confirms is not None else None
    return (
        grant is not None
        and _scope(grant) == _scope(fact)
        and grant.occurred_at <= fact.occurred_at
    )


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
    name, basis = purpose.name, purpose.basis
    if basis in _UNOBJECTABLE:
        return Decision(allowed=True, reason=_BASIS[basis], purpose=name, channel=channel, at=at)
    covering = [
        fact
        for fact in facts
        if fact.occurred_at <= at and _bears(fact, name, channel, contact, brand)
    ]
    waiting = {
        fact.event_id: fact for fact in covering if fact.pending and fact.kind == Kind.GRANTED
    }
    if any(fact.kind == Kind.CONFIRMED for fact in covering):
        covering = [
            fact for fact in covering if fact.kind != Kind.CONFIRMED or _confirms(fact, waiting)
        ]
    verdicts = {fact.event_id: _verdict(fact, at, waiting) for fact in covering}
    if basis != Basis.CONSENT:  # a lapse of consent leaves the basis standing
        covering = [fact for fact in covering if verdicts[fact.event_id] not in _LAPSES]
        if not covering:
            return Decision(
                allowed=True, reason=_BASIS[basis], purpose=name, channel=channel, at=at
            )
    if not covering:
        return Decision(
            allowed=False, reason="consent.no_record", purpose=name, channel=channel, at=at
        )
    latest: dict[tuple[str | None, ...], tuple[datetime, int, ConsentFact]] = {}
    for fact in covering:
        scope = _scope(fact)
        rank = (fact.occurred_at, -_ORDER[verdicts[fact.event_id]], fact)
        held = latest.get(scope)
        if held is None or rank[:2] > held[:2]:
            latest[scope] = rank
    narrowest = max(map(_narrowness, latest))
    deciding = [fact for scope, (_, _, fact) in latest.items() if _narrowness(scope) == narrowest]
    denying = [fact for fact in deciding if verdicts[fact.event_id] not in _ALLOWING]
    granted = [fact for fact in deciding if verdicts[fact.event_id] in _ALLOWING]
    if granted:
        newest_grant = min(fact.occurred_at for fact in granted)
        denying += [
            fact for fact in covering if fact.kind in NEGATIVE and fact.occurred_at >= newest_grant
        ]
    if denying:
        worst = min(denying, key=lambda fact: _ORDER[verdicts[fact.event_id]])
        return Decision(
            allowed=False,
            reason=verdicts[worst.event_id],
            purpose=name,
            channel=channel,
            at=at,
            events=tuple(dict.fromkeys(fact.event_id for fact in denying)),
        )
    granted.sort(key=lambda fact: (fact.occurred_at, fact.seq))
    confirmed = [waiting[fact.confirms] for fact in granted if fact.confirms is not None]
    lapses = [fact.expires_at for fact in (*confirmed, *granted) if fact.expires_at is not None]
    return Decision(
        allowed=True,
        reason="consent.confirmed" if confirmed else "consent.granted",
        purpose=name,
        channel=channel,
        at=at,
        events=tuple(dict.fromkeys(fact.event_id for fact in (*confirmed, *granted))),
        expires_at=min(lapses, default=None),
    )


def _scope(fact: ConsentFact) -> tuple[str | None, ...]:
    return (fact.purpose, fact.channel, fact.contact, fact.brand)

"""A consent event: what it says, its proof, its place in its party's chain, its stored form.

A consent event is stored as an :class:`~crmcore.storage.Event` of the stream
``"consent"`` whose payload has two parts:

- ``"retained"``: what says nothing of the person and stays after an
  erasure: the kind, the scope without the contact point, the lawful basis,
  the source, the form, the wording's version and hash, the expiry, and the
  chain (``seq``, ``prev``, ``detail_digest``, ``hash``);
- ``"detail"``: what does: the contact point, who captured it, the document
  reference, the IP address, the user agent, and a random salt.

The chain hash of an event is the SHA-256 of its id, party, type, moment and
``retained`` part (without the hash itself), which holds the hash of the event
before it and the digest of its ``detail``. The salt makes that digest say
nothing of the detail once the detail is gone, so the chain still verifies
after an erasure and proves nothing about the person.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from datetime import UTC, datetime
from typing import Any, Final

import attrs

from crmcore._i18n import N_
from crmcore.consent._proof import Proof
from crmcore.consent._vocabulary import Basis, Kind
from crmcore.errors import CrmError, ValidationError
from crmcore.ids import new_id
from crmcore.storage import ConsentFact, Event, JsonValue

__all__ = [
    "GENESIS",
    "STREAM",
    "ChainHead",
    "ConsentEvent",
    "chain_content",
    "chain_hash",
    "detail_digest",
    "draft",
    "from_stored",
    "hash_content",
    "to_fact",
    "to_stored",
]

#: The stream of the event log that holds consent events.
STREAM: Final = "consent"
#: The ``prev`` of a party's first event.
GENESIS: Final = ""
_TYPE_PREFIX: Final = "consent."


def _canonical(value: JsonValue) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def _moment(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def detail_digest(detail: dict[str, JsonValue]) -> str:
    """Return the SHA-256 (hex) of an event's ``detail`` part, salt included."""
    return hashlib.sha256(_canonical(detail)).hexdigest()


def chain_content(stored: Event) -> dict[str, JsonValue]:
    """Return what the chain hash of ``stored`` covers: its id, party, type, moment, ``retained``.

    The ``retained`` part is given whole, its ``hash`` included; the chain
    hash is the SHA-256 of this content without that ``hash``, as canonical
    JSON (keys sorted, no spaces, UTF-8).

    Raises:
        ValidationError: ``consent.unreadable_event`` if the payload has no
            ``retained`` mapping.
    """
    retained = stored.payload.get("retained")
    if not isinstance(retained, dict):
        raise _unreadable(stored)
    return {
        "id": str(stored.id),
        "party_id": str(stored.party_id),
        "type": stored.type,
        "occurred_at": _moment(stored.occurred_at),
        "retained": dict(retained),
    }


def hash_content(content: dict[str, JsonValue]) -> str:
    """Return the chain hash of a :func:`chain_content` (its ``retained`` ``hash`` left out)."""
    retained = content.get("retained")
    inner = retained if isinstance(retained, dict) else {}
    unhashed = {
        **content,
        "retained": {key: value for key, value in inner.items() if key != "hash"},
    }
    return hashlib.sha256(_canonical(unhashed)).hexdigest()


def chain_hash(stored: Event) -> str:
    """Return the chain hash ``stored`` should carry, computed from what it holds.

    Raises:
        ValidationError: ``consent.unreadable_event`` if the payload has no
            ``retained`` mapping.
    """
    return hash_content(chain_content(stored))


@attrs.frozen
class ChainHead:
    """The last link of a party's consent chain: keep it apart to detect a cut tail.

    Attributes:
        seq: How many events the chain holds.
        hash: The chain hash of its last event.
    """

    seq: int
    hash: str


@attrs.frozen(kw_only=True)
class ConsentEvent:
    """One event of the consent ledger, as recorded.

    Attributes:
        id: The event's id (also its id in the event log).
        party_id: The party it is about.
        kind: What it says.
        purpose: The purpose, or ``None`` for every purpose (a refusal,
            withdrawal or objection may cover them all).
        channel: The channel, or ``None`` for every channel.
        contact: The key of the one contact point it is narrowed to
            (``"email:anna.nowak@example.pl"``), or ``None``.
        brand: The brand it is narrowed to, or ``None``.
        basis: The lawful basis it rests on.
        occurred_at: When it took effect (UTC).
        source: Where it was captured (``"web_form"``, ``"paper_form"``...).
        captured_by: Who captured it (a user or a system), if known.
        proof: The wording, the form, the request.
        expires_at: When a grant lapses, if it does.
        pending: A double opt-in grant that waits for its confirmation.
        confirms: For a confirmation, the id of the grant it confirms.
        seq: Its place in its party's chain (1, 2, ...).
        prev: The chain hash of the event before it (``""`` for the first).
        detail_digest: The digest of its personal part.
        hash: Its chain hash.
        recorded_at: When the store appended it.
        erased: Whether its personal part was erased with its party.
    """

    id: uuid.UUID
    party_id: uuid.UUID
    kind: Kind
    purpose: str | None
    channel: str | None
    contact: str | None
    brand: str | None
    basis: Basis
    occurred_at: datetime
    source: str
    captured_by: str | None
    proof: Proof
    expires_at: datetime | None
    pending: bool
    confirms: uuid.UUID | None
    seq: int
    prev: str
    detail_digest: str
    hash: str
    recorded_at: datetime | None = None
    erased: bool = False
    salt: str | None = attrs.field(default=None, repr=False)

    @property
    def head(self) -> ChainHead:
        """The chain's head if this event is its last."""
        return ChainHead(self.seq, self.hash)


def _retained(event: ConsentEvent) -> dict[str, JsonValue]:
    return {
        "kind": event.kind.value,
        "purpose": event.purpose,
        "channel": event.channel,
        "brand": event.brand,
        "basis": event.basis.value,
        "source": event.source,
        "form_id": event.proof.form_id,
        "wording_version": event.proof.wording_version,
        "wording_hash": event.proof.wording_hash,
        "expires_at": None if event.expires_at is None else _moment(event.expires_at),
        "pending": event.pending,
        "confirms": None if event.confirms is None else str(event.confirms),
        "seq": event.seq,
        "prev": event.prev,
        "detail_digest": event.detail_digest,
        "hash": event.hash,
    }


def _detail(event: ConsentEvent) -> dict[str, JsonValue]:
    return {
        "contact": event.contact,
        "captured_by": event.captured_by,
        "document": event.proof.document,
        "ip_address": event.proof.ip_address,
        "user_agent": event.proof.user_agent,
        "salt": event.salt,
    }


def to_stored(event: ConsentEvent) -> Event:
    """Return the event-log form of ``event``."""
    payload: dict[str, JsonValue] = {"retained": _retained(event)}
    if not event.erased:
        payload["detail"] = _detail(event)
    return Event(
        stream=STREAM,
        type=_TYPE_PREFIX + event.kind.value,
        occurred_at=event.occurred_at,
        payload=payload,
        party_id=event.party_id,
        id=event.id,
        recorded_at=event.recorded_at,
    )


def to_fact(event: ConsentEvent) -> ConsentFact:
    """Return what a decision reads of ``event``."""
    return ConsentFact(
        party_id=event.party_id,
        event_id=event.id,
        seq=event.seq,
        hash=event.hash,
        kind=event.kind.value,
        purpose=event.purpose,
        channel=event.channel,
        contact=event.contact,
        brand=event.brand,
        basis=event.basis.value,
        occurred_at=event.occurred_at,
        expires_at=event.expires_at,
        pending=event.pending,
        confirms=event.confirms,
    )


def draft(
    *,
    party_id: uuid.UUID,
    kind: Kind,
    purpose: str | None,
    channel: str | None,
    contact: str | None,
    brand: str | None,
    basis: Basis,
    occurred_at: datetime,
    source: str,
    captured_by: str | None,
    proof: Proof,
    expires_at: datetime | None,
    pending: bool,
    confirms: uuid.UUID | None,
    after: ChainHead | None,
    event_id: uuid.UUID | None = None,
) -> ConsentEvent:
    """Return a new event that follows ``after`` (``None``: the party's first), hashed."""
    event = ConsentEvent(
        id=event_id or new_id(),
        party_id=party_id,
        kind=kind,
        purpose=purpose,
        channel=channel,
        contact=contact,
        brand=brand,
        basis=basis,
        occurred_at=occurred_at.astimezone(UTC),
        source=source,
        captured_by=captured_by,
        proof=proof,
        expires_at=None if expires_at is None else expires_at.astimezone(UTC),
        pending=pending,
        confirms=confirms,
        seq=1 if after is None else after.seq + 1,
        prev=GENESIS if after is None else after.hash,
        detail_digest="",
        hash="",
        salt=secrets.token_hex(16),
    )
    event = attrs.evolve(event, detail_digest=detail_digest(_detail(event)))
    return attrs.evolve(event, hash=chain_hash(to_stored(event)))


def _unreadable(stored: Event) -> ValidationError:
    return ValidationError(
        N_("the stored consent event cannot be read"),
        code="consent.unreadable_event",
        field="payload",
        value=str(stored.id),
        hint=N_("verify the party's chain: the event was changed outside the ledger"),
    )


def _optional_moment(value: JsonValue) -> datetime | None:
    return None if value is None else datetime.fromisoformat(str(value))


def from_stored(stored: Event) -> ConsentEvent:
    """Return the consent event ``stored`` holds.

    Raises:
        ValidationError: ``consent.unreadable_event`` if it is not the stored
            form of a consent event.
    """
    retained = stored.payload.get("retained")
    detail = stored.payload.get("detail")
    if (
        stored.party_id is None
        or not stored.type.startswith(_TYPE_PREFIX)
        or not isinstance(retained, dict)
        or not (detail is None or isinstance(detail, dict))
    ):
        raise _unreadable(stored)
    personal: dict[str, Any] = detail or {}
    try:
        confirms = retained["confirms"]
        return ConsentEvent(
            id=stored.id,
            party_id=stored.party_id,
            kind=Kind(stored.type.removeprefix(_TYPE_PREFIX)),
            purpose=retained["purpose"],  # type: ignore[arg-type]
            channel=retained["channel"],  # type: ignore[arg-type]
            contact=personal.get("contact"),
            brand=retained["brand"],  # type: ignore[arg-type]
            basis=Basis(str(retained["basis"])),
            occurred_at=stored.occurred_at.astimezone(UTC),
            source=retained["source"],  # type: ignore[arg-type]
            captured_by=personal.get("captured_by"),
            proof=Proof(
                wording_version=retained["wording_version"],
                wording_hash=retained["wording_hash"],
                form_id=retained["form_id"],
                document=personal.get("document"),
                ip_address=personal.get("ip_address"),
                user_agent=personal.get("user_agent"),
            ),
            expires_at=_optional_moment(retained["expires_at"]),
            pending=bool(retained["pending"]),
            confirms=None if confirms is None else uuid.UUID(str(confirms)),
            seq=int(retained["seq"]),  # type: ignore[arg-type]
            prev=str(retained["prev"]),
            detail_digest=str(retained["detail_digest"]),
            hash=str(retained["hash"]),
            recorded_at=stored.recorded_at,
            erased=detail is None,
            salt=personal.get("salt"),
        )
    except (KeyError, TypeError, ValueError, CrmError) as exc:
        raise _unreadable(stored) from exc

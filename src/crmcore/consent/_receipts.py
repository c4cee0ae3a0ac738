"""Consent receipts in the shape of the Kantara Consent Receipt Specification v1.1.

A receipt is of one party's consents that stand at a moment: each grant
(or confirmed double opt-in) that no newer refusal, withdrawal, objection
or expiry covers, that does not wait for its confirmation and has not
lapsed, as :func:`~crmcore.consent.decide` judges it for the grant's own
scope. Each becomes a purpose of the receipt, under the service it is for
(the caller's service, or its brand if it is narrowed to one).

Beside the fields of the specification, which allows more, the receipt holds
crmcore's proof under the key ``"crmcore"``: for each purpose, the events it
rests on as their chain hash covers them (the wording's version and hash,
the form, the lawful basis, the chain's ``seq``, ``prev`` and ``hash``), so
that anyone can recompute each hash from the receipt alone; and for the
receipt, the head of the party's chain as the receipt saw it, which
:func:`~crmcore.consent.verify_chain` takes to prove the chain was not cut
or rewritten since.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Final

from crmcore._i18n import N_
from crmcore.consent._decide import decide
from crmcore.consent._ledger import _moment as _aware_moment
from crmcore.consent._receipt_terms import (
    DEFAULT_TERMS,
    PII_CATEGORIES,
    PURPOSE_CATEGORIES,
    Controller,
    ReceiptPurpose,
    category_names,
    channel_pii,
    to_language,
    to_url,
)
from crmcore.consent._records import ChainHead, ConsentEvent, chain_content, to_fact, to_stored
from crmcore.consent._vocabulary import Basis, Kind, Purpose
from crmcore.errors import ValidationError
from crmcore.model._checks import as_text

if TYPE_CHECKING:
    from crmcore.storage import JsonValue

__all__ = ["VERSION", "receipt", "receipt_head", "receipt_json"]

#: The ``version`` a receipt states: the specification's.
VERSION: Final = "KI-CR-v1.1.0"
#: The key of crmcore's own part of a receipt.
_OWN: Final = "crmcore"
#: A channel no event names (names start with a letter): asked about, only
#: the events of every channel count.
_EVERY_CHANNEL: Final = "*"
#: The namespace of the receipt ids derived from several events' ids.
_NAMESPACE: Final = uuid.UUID("6f1d2c4e-8a0b-5e7d-9c3a-2b4f6e8d0a1c")
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_SECOND: Final = timedelta(seconds=1)
#: The bases a person can object to (Art. 21): their terms end with an objection.
_OBJECTABLE: Final = frozenset({Basis.LEGITIMATE_INTERESTS, Basis.PUBLIC_TASK})


def _error(message: str, code: str, field: str, value: object, hint: str | None) -> ValidationError:
    return ValidationError(message, code=code, field=field, value=value, hint=hint)


def _events(value: object) -> list[ConsentEvent]:
    if isinstance(value, ConsentEvent):
        return [value]
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        items: list[object] = [value]
    else:
        items = list(value)
    for item in items:
        if not isinstance(item, ConsentEvent):
            raise _error(
                N_("the value is not a {type}", type="ConsentEvent"),
                "consent.receipt_invalid_event",
                "events",
                item,
                None,
            )
    events: list[ConsentEvent] = items  # type: ignore[assignment]
    if not events:
        raise _error(
            N_("there is no consent event to make a receipt of"),
            "consent.receipt_no_events",
            "events",
            None,
            N_("the party's consent events, or one of them"),
        )
    parties = {event.party_id for event in events}
    if len(parties) > 1:
        raise _error(
            N_("the events are of more than one party"),
            "consent.receipt_two_parties",
            "events",
            sorted(str(party) for party in parties),
            N_("the events of one party: a receipt is of one person's consents"),
        )
    return sorted(events, key=lambda event: (event.seq, event.occurred_at))


def _controllers(value: object) -> list[Controller]:
    items: list[object] = (
        [value] if isinstance(value, Controller) or not isinstance(value, Sequence) else [*value]
    )
    if value is None or not items:
        raise _error(
            N_("the receipt names no controller"),
            "consent.receipt_no_controller",
            "controller",
            None,
            "Controller(name=..., contact=..., address=..., email=..., phone=...)",
        )
    for item in items:
        if not isinstance(item, Controller):
            raise _error(
                N_("the value is not a {type}", type="Controller"),
                "consent.receipt_invalid_controller",
                "controller",
                item,
                None,
            )
    return items  # type: ignore[return-value]


def _terms_table(value: object) -> Mapping[str, ReceiptPurpose]:
    if value is None:
        return DEFAULT_TERMS
    if not isinstance(value, Mapping) or not all(
        isinstance(key, str) and isinstance(terms, ReceiptPurpose) for key, terms in value.items()
    ):
        raise _error(
            N_("the value is not a {type}", type="Mapping[str, ReceiptPurpose]"),
            "consent.receipt_invalid_terms",
            "purposes",
            value,
            None,
        )
    return {**DEFAULT_TERMS, **value}


def _seconds(moment: datetime) -> int:
    if moment < _EPOCH:
        raise _error(
            N_("the moment is before 1970, which a receipt cannot state"),
            "consent.receipt_before_epoch",
            "consentTimestamp",
            moment.isoformat(),
            N_("a consent given in 1970 or later"),
        )
    return (moment - _EPOCH) // _SECOND


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _standing(events: list[ConsentEvent], at: datetime) -> list[tuple[ConsentEvent, ...]]:
    """Return the grants that stand at ``at``, each with the confirmations it rests on."""
    facts = [to_fact(event) for event in events]
    found: list[tuple[ConsentEvent, ...]] = []
    for grant in events:
        if grant.kind != Kind.GRANTED:
            continue
        if grant.purpose is None:
            raise _error(
                N_("the grant names no purpose"),
                "consent.receipt_invalid_event",
                "events",
                str(grant.id),
                N_("grants of one purpose each, as the ledger records them"),
            )
        decision = decide(
            facts,
            purpose=Purpose(grant.purpose),
            channel=grant.channel or _EVERY_CHANNEL,
            at=at,
            contact=grant.contact,
            brand=grant.brand,
        )
        if decision.allowed and grant.id in decision.events:
            confirmations = tuple(
                event
                for event in events
                if event.kind == Kind.CONFIRMED
                and event.confirms == grant.id
                and event.id in decision.events
            )
            found.append((grant, *confirmations))
    if not found:
        raise _error(
            N_("no consent stands at the moment of the receipt"),
            "consent.receipt_nothing_in_force",
            "at",
            _iso(at),
            N_("a moment after a grant and before its withdrawal, refusal, objection or expiry"),
        )
    return found


def _termination(grant: ConsentEvent) -> str:
    if grant.basis == Basis.CONSENT:
        if grant.expires_at is None:
            return "until withdrawn"
        return f"until withdrawn, and at the latest at {_iso(grant.expires_at)}"
    if grant.basis in _OBJECTABLE:
        return "until an objection (GDPR Art. 21)"
    return "N/A"


def _purpose(
    rests_on: tuple[ConsentEvent, ...], terms_table: Mapping[str, ReceiptPurpose]
) -> dict[str, JsonValue]:
    grant = rests_on[0]
    name = grant.purpose or ""
    terms = terms_table.get(name)
    if terms is None:
        raise _error(
            N_("the receipt has no terms for the purpose"),
            "consent.receipt_no_terms",
            "purposes",
            name,
            N_("its terms in purposes, under its name: ReceiptPurpose(categories=[...])"),
        )
    pii = terms.pii_categories if terms.pii_categories is not None else channel_pii(grant.channel)
    entry: dict[str, JsonValue] = {
        "purpose": terms.description or name,
        "purposeCategory": list(category_names(terms.categories, PURPOSE_CATEGORIES, "categories")),
        "consentType": "EXPLICIT" if grant.basis == Basis.CONSENT else "N/A",
        "piiCategory": list(category_names(pii, PII_CATEGORIES, "pii_categories")),
        "primaryPurpose": terms.primary,
        "termination": terms.termination or _termination(grant),
        "thirdPartyDisclosure": terms.third_party is not None,
    }
    if terms.third_party is not None:
        entry["thirdPartyName"] = terms.third_party
    entry[_OWN] = {
        "contact": grant.contact,
        "events": [chain_content(to_stored(event)) for event in rests_on],
    }
    return entry


def _receipt_id(rests_on: list[ConsentEvent]) -> str:
    if len(rests_on) == 1:
        return str(rests_on[0].id)
    return str(uuid.uuid5(_NAMESPACE, ",".join(str(event.id) for event in rests_on)))


def receipt(
    events: ConsentEvent | Iterable[ConsentEvent],
    *,
    controller: Controller | Sequence[Controller],
    jurisdiction: str,
    policy_url: str,
    language: str,
    service: str,
    principal_id: str | None = None,
    at: datetime | None = None,
    purposes: Mapping[str, ReceiptPurpose] | None = None,
    sensitive: Iterable[int | str] = (),
    public_key: str | None = None,
) -> dict[str, JsonValue]:
    """Return the receipt of the consents that stand among ``events`` at ``at``.

    Args:
        events: One party's consent events (any order; its whole chain or a
            part), or one event.
        controller: The controller, or the joint controllers.
        jurisdiction: The jurisdiction the consent is given under (``"PL"``, ``"EU"``).
        policy_url: The privacy policy the person was shown.
        language: The language the consent was given in, a BCP 47 tag.
        service: The service the consents are for; a grant narrowed to a brand
            is for a service of the brand's name.
        principal_id: How the person is known to the receipt's reader; the
            party's id by default (it says nothing of the person).
        at: The moment the receipt speaks for; by default the latest event's.
        purposes: The terms of each purpose, by name; marketing, newsletter
            and profiling have default terms, sharing with third parties and
            an application's own purposes need theirs.
        sensitive: The categories of sensitive data processed, if any
            (numbers of the specification's list, or texts).
        public_key: The controller's public key, if the receipt is signed.

    Returns:
        The receipt, a JSON-ready dict, its keys in the specification's order.

    Raises:
        ValidationError: ``consent.receipt_*`` for impossible input (see
            :doc:`/consent_receipts`), ``text.*`` for an empty text,
            ``consent.invalid_moment`` for a naive ``at``.
    """
    chain = _events(events)
    controllers = _controllers(controller)
    terms_table = _terms_table(purposes)
    moment = (
        max(event.occurred_at for event in chain)
        if at is None
        else _aware_moment(at, "at").astimezone(UTC)
    )
    standing = _standing(chain, moment)
    rests_on = sorted((event for group in standing for event in group), key=lambda event: event.seq)
    services: dict[str | None, list[JsonValue]] = {}
    for group in standing:
        services.setdefault(group[0].brand, []).append(_purpose(group, terms_table))
    named = as_text(service, "service")
    spi = category_names(sensitive, PII_CATEGORIES, "sensitive")
    head = chain[-1].head
    found: dict[str, JsonValue] = {
        "version": VERSION,
        "jurisdiction": as_text(jurisdiction, "jurisdiction"),
        "consentTimestamp": _seconds(max(event.occurred_at for event in rests_on)),
        "collectionMethod": ", ".join(dict.fromkeys(group[0].source for group in standing)),
        "consentReceiptID": _receipt_id(rests_on),
    }
    if public_key is not None:
        found["publicKey"] = as_text(public_key, "public_key", max_length=10_000)
    found |= {
        "language": to_language(language),
        "piiPrincipalId": (
            str(chain[0].party_id)
            if principal_id is None
            else as_text(principal_id, "principal_id")
        ),
        "piiControllers": [item.json() for item in controllers],
        "policyUrl": to_url(policy_url, "policy_url"),
        "services": [
            {"service": named if brand is None else brand, "purposes": entries}
            for brand, entries in sorted(
                services.items(), key=lambda item: (item[0] is not None, item[0] or "")
            )
        ],
        "sensitive": bool(spi),
        "spiCat": list(spi),
        _OWN: {
            "party_id": str(chain[0].party_id),
            "as_of": _iso(moment),
            "chain_head": {"seq": head.seq, "hash": head.hash},
        },
    }
    return found


def receipt_json(
    events: ConsentEvent | Iterable[ConsentEvent],
    *,
    controller: Controller | Sequence[Controller],
    jurisdiction: str,
    policy_url: str,
    language: str,
    service: str,
    principal_id: str | None = None,
    at: datetime | None = None,
    purposes: Mapping[str, ReceiptPurpose] | None = None,
    sensitive: Iterable[int | str] = (),
    public_key: str | None = None,
) -> str:
    """Return :func:`receipt` as JSON text: UTF-8 as written, indented, keys in a stable order."""
    return json.dumps(
        receipt(
            events,
            controller=controller,
            jurisdiction=jurisdiction,
            policy_url=policy_url,
            language=language,
            service=service,
            principal_id=principal_id,
            at=at,
            purposes=purposes,
            sensitive=sensitive,
            public_key=public_key,
        ),
        ensure_ascii=False,
        indent=2,
    )


def receipt_head(value: object) -> ChainHead:
    """Return the chain head a receipt holds, to verify the party's chain against it.

    Args:
        value: A receipt, as :func:`receipt` returned it or as its JSON reads back.

    Raises:
        ValidationError: ``consent.receipt_unreadable`` if it holds no head.
    """
    own = value.get(_OWN) if isinstance(value, Mapping) else None
    head = own.get("chain_head") if isinstance(own, Mapping) else None
    seq = head.get("seq") if isinstance(head, Mapping) else None
    digest = head.get("hash") if isinstance(head, Mapping) else None
    if type(seq) is int and seq > 0 and isinstance(digest, str) and digest:
        return ChainHead(seq, digest)
    raise _error(
        N_("the value is not a receipt crmcore issued"),
        "consent.receipt_unreadable",
        "receipt",
        None,
        N_("the receipt as receipt() returned it, or its JSON read back"),
    )

"""Access and portability (Art. 15 and 20): everything held about a party, as one JSON document.

The document (``"format": "crmcore.party"``, ``"format_version": 1``)::

    {
      "format": "crmcore.party", "format_version": 1,
      "party": {...},            the party's dict form (crmcore.model.to_dict)
      "merged_ids": [...],       the parties merged into it
      "affiliations": [{...}],   its ties to other parties, in dict form
      "interactions": [{...}],   its contacts with the company
      "purchases": [{...}],      its purchases
      "events": [{...}],         every event of the log about it or a party merged
                                 into it: consent events in their stored form
                                 (with their chain), rectifications, merges
      "history": [{...}],        its versions: who changed what and when
      "merges": [{...}]          the merges it took part in, with what each held
    }

Every moment is an ISO 8601 text with its offset, every id a UUID text.
:func:`import_party` puts a document into another store: the party, its ties
to parties that store holds, its interactions, purchases and consent events
(their ids, moments and chain unchanged, so the imported party gets the same
decisions) and its log of rectifications. Its history and merges are the
other store's past: they are exported to be read, not imported.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

import attrs

from crmcore._i18n import N_
from crmcore.consent._ledger import Ledger
from crmcore.consent._records import STREAM, from_stored
from crmcore.consent._rectify import RECTIFICATION_STREAM
from crmcore.errors import CrmError, NotFoundError, ValidationError
from crmcore.model import Affiliation, Interaction, Party, Purchase, from_dict, to_dict
from crmcore.storage import MERGED, Event, JsonValue, MergeRecord
from crmcore.storage.backend import ERASURE_STREAM

if TYPE_CHECKING:
    from collections.abc import Mapping

    from crmcore.storage import Store, Version

__all__ = ["EXPORT_FORMAT", "EXPORT_VERSION", "Imported", "export_party", "import_party"]

#: The ``"format"`` of an export document.
EXPORT_FORMAT: Final = "crmcore.party"
#: The ``"format_version"`` this version of crmcore writes and reads.
EXPORT_VERSION: Final = 1
#: The streams whose events an import brings over.
_IMPORTED: Final = frozenset({STREAM, RECTIFICATION_STREAM})


@attrs.frozen
class Imported:
    """What :func:`import_party` stored.

    Attributes:
        party: The party as stored.
        affiliations: How many ties were stored.
        interactions: How many interactions were stored.
        purchases: How many purchases were stored.
        events: How many consent and rectification events were stored.
        skipped_affiliations: The ids of ties left out: their other party
            is not in the store.
    """

    party: Party
    affiliations: int
    interactions: int
    purchases: int
    events: int
    skipped_affiliations: tuple[uuid.UUID, ...] = ()


def _event_document(event: Event) -> dict[str, JsonValue]:
    return {
        "id": str(event.id),
        "stream": event.stream,
        "type": event.type,
        "occurred_at": event.occurred_at.isoformat(),
        "recorded_at": None if event.recorded_at is None else event.recorded_at.isoformat(),
        "party_id": None if event.party_id is None else str(event.party_id),
        "schema_version": event.schema_version,
        "payload": event.payload,
    }


def _version_document(version: Version) -> dict[str, JsonValue]:
    return {
        "version": version.version,
        "operation": version.operation,
        "actor": version.actor,
        "at": version.at.isoformat(),
        "changes": [
            {"field": change.field, "old": change.old, "new": change.new}
            for change in version.changes
        ],
    }


def merges_of(store: Store, party_ids: list[uuid.UUID]) -> dict[uuid.UUID, MergeRecord]:
    """Return the records of the merges the parties took part in, by merge id."""
    records: dict[uuid.UUID, MergeRecord] = {}
    for party_id in party_ids:
        for event in store.events.read(stream=ERASURE_STREAM, party_id=party_id):
            merge_id = event.payload.get("merge_id")
            if event.type == MERGED and isinstance(merge_id, str):
                key = uuid.UUID(merge_id)
                records.setdefault(key, store.merges.get(key))
    return records


def merged_into(store: Store, survivor_id: uuid.UUID) -> list[uuid.UUID]:
    """Return the ids of the parties merged into ``survivor_id`` (and into those), not undone."""
    found: list[uuid.UUID] = []
    todo = [survivor_id]
    while todo:
        current = todo.pop()
        for record in merges_of(store, [current]).values():
            if record.survivor_id == current and record.undone_at is None:
                fresh = [each for each in record.merged_ids if each not in found]
                found += fresh
                todo += fresh
    return found


def export_party(store: Store, party_id: uuid.UUID) -> dict[str, Any]:
    """Return everything ``store`` holds about the party as one JSON-compatible document.

    A merged party's id exports its survivor (with the parties merged into it).

    Raises:
        NotFoundError: ``party.not_found``.
    """
    party = store.parties.get(party_id, include_deleted=True)
    merged = merged_into(store, party.id)
    everyone = [party.id, *merged]
    events = [event for each in everyone for event in store.events.read(party_id=each)]
    events.sort(key=lambda event: (event.recorded_at or event.occurred_at, str(event.id)))
    return {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_VERSION,
        "party": to_dict(party),
        "merged_ids": [str(each) for each in merged],
        "affiliations": [to_dict(each) for each in store.affiliations.for_party(party.id)],
        "interactions": [to_dict(each) for each in store.interactions.for_party(party.id)],
        "purchases": [to_dict(each) for each in store.purchases.for_party(party.id)],
        "events": [_event_document(event) for event in events],
        "history": [_version_document(each) for each in store.changes.history(party.id)],
        "merges": [record.to_document() for record in merges_of(store, everyone).values()],
    }


def _bad_document(field: str, value: object) -> ValidationError:
    return ValidationError(
        N_("the document is not a party export crmcore can read"),
        code="export.invalid_document",
        field=field,
        value=value if isinstance(value, str | int | None) else type(value).__name__,
        hint=N_('what export_party returned: "format": "crmcore.party", "format_version": 1'),
    )


def _list(document: Mapping[str, Any], field: str) -> list[Any]:
    value = document.get(field)
    if not isinstance(value, list):
        raise _bad_document(field, value)
    return value


def _stored_event(item: object, index: int) -> Event:
    if not isinstance(item, dict):
        raise _bad_document(f"events[{index}]", item)
    try:
        recorded = item["recorded_at"]
        party = item["party_id"]
        return Event(
            stream=item["stream"],
            type=item["type"],
            occurred_at=datetime.fromisoformat(item["occurred_at"]),
            payload=item["payload"],
            party_id=None if party is None else uuid.UUID(party),
            id=uuid.UUID(item["id"]),
            recorded_at=None if recorded is None else datetime.fromisoformat(recorded),
            schema_version=item["schema_version"],
        )
    except (KeyError, TypeError, ValueError, AttributeError, CrmError) as exc:
        raise _bad_document(f"events[{index}]", None) from exc


def _check(document: object) -> Mapping[str, Any]:
    if not isinstance(document, dict):
        raise _bad_document("document", document)
    if document.get("format") != EXPORT_FORMAT:
        raise _bad_document("format", document.get("format"))
    if document.get("format_version") != EXPORT_VERSION:
        raise _bad_document("format_version", document.get("format_version"))
    if _list(document, "merged_ids"):
        raise ValidationError(
            N_("the exported party holds merged parties: their consent cannot be imported"),
            code="export.merged_parties",
            field="merged_ids",
            value=len(document["merged_ids"]),
            hint=N_("unmerge the parties in the store they came from and export each"),
        )
    return document


def import_party(store: Store, document: Mapping[str, Any]) -> Imported:
    """Store a party exported by :func:`export_party` in ``store``, in one unit of work.

    The party keeps its id and customer number; its consent events keep their
    ids, moments and chain hashes, and its rectifications their log.

    Raises:
        ValidationError: ``export.invalid_document`` (not an export of this
            format version), ``export.merged_parties`` (the party holds
            parties merged into it), or a model error at the field that is wrong.
        ConflictError: ``party.duplicate_id`` and the other duplicates of
            :meth:`~crmcore.storage.Parties.add`; ``consent.chain_moved``.
    """
    checked = _check(document)
    party = from_dict(Party, checked.get("party"))
    events = [_stored_event(item, index) for index, item in enumerate(_list(checked, "events"))]
    interactions = [from_dict(Interaction, each) for each in _list(checked, "interactions")]
    purchases = [from_dict(Purchase, each) for each in _list(checked, "purchases")]
    ties = [from_dict(Affiliation, each) for each in _list(checked, "affiliations")]
    consent = sorted(
        (from_stored(event) for event in events if event.stream == STREAM),
        key=lambda event: (str(event.party_id), event.seq),
    )
    kept, skipped = [], []
    with store.transaction():
        stored = store.parties.add(party)
        for tie in ties:
            other = tie.related_party_id if tie.party_id == stored.id else tie.party_id
            try:
                store.parties.get(other)
            except NotFoundError:
                skipped.append(tie.id)
                continue
            kept.append(store.affiliations.add(tie))
        store.interactions.add_many(interactions)
        store.purchases.add_many(purchases)
        Ledger(store).record(consent)
        others = [
            store.events.append(attrs.evolve(event, recorded_at=None))
            for event in events
            if event.stream in _IMPORTED and event.stream != STREAM
        ]
    return Imported(
        party=stored,
        affiliations=len(kept),
        interactions=len(interactions),
        purchases=len(purchases),
        events=len(consent) + len(others),
        skipped_affiliations=tuple(skipped),
    )

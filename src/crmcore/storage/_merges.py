"""Merges in a store: the record of a merge, its protocol, and what every backend shares.

A merge makes one party (the survivor) of several; the others (the merged
parties) are kept, hidden, with a pointer to the survivor, so that their ids
and customer numbers keep resolving to it and an unmerge gives them back
exactly. The backends apply a merge in one unit of work; the checks, the
record and its stored form, the errors and the events are written here once.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol

import attrs

from crmcore._i18n import N_
from crmcore.errors import ConflictError, NotFoundError, ValidationError
from crmcore.ids import new_id
from crmcore.model import Affiliation, Interaction, Party, Purchase, to_dict
from crmcore.storage._codec import party_from_json
from crmcore.storage._events import Event
from crmcore.storage._writes import ERASURE_STREAM, stale

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

__all__ = [
    "MERGED",
    "UNMERGED",
    "MergeRecord",
    "Merges",
    "Moved",
    "check_inputs",
    "check_stored",
    "check_unchanged",
    "merge_events",
    "merge_not_found",
    "merged_party",
    "moved_back",
    "moves",
    "new_record",
    "same_fields",
]

#: The type of the event appended, for each party of a merge, when it is applied.
MERGED: Final = "party.merged"
#: The type of the event appended, for each party of a merge, when it is undone.
UNMERGED: Final = "party.unmerged"

#: What a merge moves to the survivor: the entity and the fields naming a party.
Entity = Literal["interaction", "purchase", "affiliation"]


@attrs.frozen
class Moved:
    """An activity or a tie a merge moved from a merged party to the survivor.

    Attributes:
        entity: ``"interaction"``, ``"purchase"`` or ``"affiliation"``.
        id: The id of what moved.
        field: The field that named the merged party: ``"party_id"``, or an
            affiliation's ``"related_party_id"``.
        party_id: The merged party it named before the merge.
    """

    entity: Entity
    id: uuid.UUID
    field: Literal["party_id", "related_party_id"]
    party_id: uuid.UUID


def _ids(value: Iterable[uuid.UUID]) -> tuple[uuid.UUID, ...]:
    return tuple(value)


def _parties(value: Iterable[Party]) -> tuple[Party, ...]:
    return tuple(value)


def _moved(value: Iterable[Moved]) -> tuple[Moved, ...]:
    return tuple(value)


def _lineage(value: Mapping[str, uuid.UUID]) -> dict[str, uuid.UUID]:
    return dict(value)


@attrs.frozen(unsafe_hash=False)
class MergeRecord:
    """What a store keeps of a merge: enough to show where each value came from, and to undo it.

    Attributes:
        id: The merge's id (a UUIDv7).
        survivor_id: The party that stayed.
        merged_ids: The parties merged into it, in the order given.
        merged_at: When the store applied the merge (its clock).
        originals: Every input as it was stored just before the merge, the
            survivor first.
        result: The survivor as the merge wrote it.
        moved: The interactions, purchases and ties moved to the survivor.
        lineage: For each field or value of the result (``"name"``,
            ``"contacts[1]"``, ``"attributes.employees"``), the id of the
            input it came from; as the caller gave it.
        undone_at: When the merge was undone, if it was.
    """

    id: uuid.UUID
    survivor_id: uuid.UUID
    merged_ids: tuple[uuid.UUID, ...] = attrs.field(converter=_ids)
    merged_at: datetime
    originals: tuple[Party, ...] = attrs.field(converter=_parties)
    result: Party
    moved: tuple[Moved, ...] = attrs.field(default=(), converter=_moved)
    lineage: dict[str, uuid.UUID] = attrs.field(factory=dict, converter=_lineage)
    undone_at: datetime | None = None

    def to_document(self) -> dict[str, Any]:
        """Return the record as JSON-ready data (the stored form of the SQL stores)."""
        return {
            "id": str(self.id),
            "survivor_id": str(self.survivor_id),
            "merged_ids": [str(each) for each in self.merged_ids],
            "merged_at": self.merged_at.isoformat(),
            "originals": [to_dict(each) for each in self.originals],
            "result": to_dict(self.result),
            "moved": [
                [each.entity, str(each.id), each.field, str(each.party_id)] for each in self.moved
            ],
            "lineage": {field: str(party_id) for field, party_id in self.lineage.items()},
            "undone_at": None if self.undone_at is None else self.undone_at.isoformat(),
        }

    @classmethod
    def from_document(cls, document: Mapping[str, Any]) -> MergeRecord:
        """Return the record :meth:`to_document` wrote."""
        undone = document["undone_at"]
        return cls(
            id=uuid.UUID(document["id"]),
            survivor_id=uuid.UUID(document["survivor_id"]),
            merged_ids=[uuid.UUID(each) for each in document["merged_ids"]],
            merged_at=datetime.fromisoformat(document["merged_at"]),
            originals=[party_from_json(each) for each in document["originals"]],
            result=party_from_json(document["result"]),
            moved=[
                Moved(entity, uuid.UUID(item), field, uuid.UUID(party))
                for entity, item, field, party in document["moved"]
            ],
            lineage={field: uuid.UUID(each) for field, each in document["lineage"].items()},
            undone_at=None if undone is None else datetime.fromisoformat(undone),
        )


class Merges(Protocol):
    """The merges of a store: applied whole, kept with their lineage, undone exactly.

    A merged party is neither deleted nor soft-deleted: it is kept as it was,
    hidden from :meth:`~crmcore.storage.Parties.select`, ``count`` and the
    ``find_by_`` look-ups, and its id and customer number resolve to the
    survivor in :meth:`~crmcore.storage.Parties.get` and
    :meth:`~crmcore.storage.Parties.get_by_customer_number`. Its unique
    keys pass to the survivor, which holds the union.
    """

    def merge(
        self,
        result: Party,
        merged: Sequence[Party],
        *,
        lineage: Mapping[str, uuid.UUID] | None = None,
    ) -> MergeRecord:
        """Merge ``merged`` into the survivor ``result``, all or nothing; return the record.

        In one unit of work: the survivor is updated to ``result`` (its id,
        customer number and version are the survivor's as read), each merged
        party is hidden with a pointer to the survivor, their interactions,
        purchases and ties move to the survivor (a tie between two parties of
        the merge stays as it is), the record is stored, and a
        :data:`MERGED` event is appended for each party to the stream
        ``"party"``.

        Args:
            result: The survivor as it is to be: what
                :func:`crmcore.matching.plan_merge` gives as ``plan.result``.
            merged: The other parties of the merge, as they were read: each
                must still be stored at the version given.
            lineage: Where each value of ``result`` came from, kept with the record.

        Raises:
            ValidationError: ``merge.too_few``, ``merge.duplicate`` (the
                survivor or a party twice), ``merge.deleted`` (a
                soft-deleted party).
            NotFoundError: ``party.not_found``.
            ConflictError: ``party.stale_version`` (a party changed since it
                was read), ``party.merged`` (already merged into another),
                a duplicate key as in :meth:`~crmcore.storage.Parties.update`;
                the store is then left as it was.
        """
        ...

    def unmerge(self, merge_id: uuid.UUID) -> list[Party]:
        """Undo a merge; return the parties as stored again, the survivor first.

        The survivor gets back the fields it had before the merge (a new
        version, ``updated_at`` of now); each merged party is shown again as
        it was (the same version and ``updated_at``: it did not change), with
        its keys; what moved to the survivor moves back (a tie removed since
        stays removed), and an :data:`UNMERGED` event is appended for each party.

        Raises:
            NotFoundError: ``merge.not_found``.
            ConflictError: ``merge.undone`` (undone already),
                ``merge.survivor_changed`` (the survivor changed since the
                merge: change it back to the merge's ``result`` first),
                ``party.merged`` (the survivor was merged into another since),
                or a duplicate key (another party took one of a merged
                party's keys); the store is then left as it was.
        """
        ...

    def get(self, merge_id: uuid.UUID) -> MergeRecord:
        """Return the record of a merge, applied or undone.

        Raises:
            NotFoundError: ``merge.not_found``.
        """
        ...


def check_inputs(result: Party, merged: Sequence[Party]) -> list[uuid.UUID]:
    """Check the parties of a merge before the store is read; return the merged ids.

    Raises:
        ValidationError: ``merge.too_few`` or ``merge.duplicate``.
    """
    ids = [party.id for party in merged]
    if not ids:
        raise ValidationError(
            N_("a merge needs two parties at least"),
            code="merge.too_few",
            field="merged",
            value=[],
            hint=N_("the survivor and one party or more to merge into it"),
        )
    seen = {result.id}
    for index, party_id in enumerate(ids):
        if party_id in seen:
            raise ValidationError(
                N_("a party is named twice in one merge"),
                code="merge.duplicate",
                field=f"merged[{index}]",
                value=str(party_id),
                hint=N_("each party once, the survivor not among the merged ones"),
            )
        seen.add(party_id)
    return ids


def check_stored(given: Party, stored: Party) -> None:
    """Check that the stored party may take part in a merge as ``given`` was read.

    Raises:
        ValidationError: ``merge.deleted``.
        ConflictError: ``party.stale_version``.
    """
    if stored.deleted_at is not None:
        raise ValidationError(
            N_("a deleted party cannot be merged"),
            code="merge.deleted",
            field="id",
            value=str(stored.id),
            hint=N_("restore it first: update(party.restored())"),
        )
    if given.version != stored.version:
        raise stale(given.version, stored.version)


def same_fields(one: Party, other: Party) -> bool:
    """Return whether two parties differ at most in what a store stamps: version, ``updated_at``."""
    return attrs.evolve(one, version=other.version, updated_at=other.updated_at) == other


def check_unchanged(record: MergeRecord, survivor: Party) -> None:
    """Check that a merge may be undone: not undone yet, the survivor as the merge left it.

    Raises:
        ConflictError: ``merge.undone`` or ``merge.survivor_changed``.
    """
    if record.undone_at is not None:
        raise ConflictError(
            N_("the merge was undone already"),
            code="merge.undone",
            field="merge_id",
            value=str(record.id),
        )
    if not same_fields(survivor, record.result):
        raise ConflictError(
            N_("the survivor changed since the merge"),
            code="merge.survivor_changed",
            field="survivor_id",
            value=str(record.survivor_id),
            hint=N_("update the survivor back to the merge's result, then unmerge"),
        )


def merged_party(party_id: uuid.UUID, survivor_id: uuid.UUID) -> ConflictError:
    """Return the error for a write to a party merged into ``survivor_id``."""
    return ConflictError(
        N_("the party was merged into another"),
        code="party.merged",
        field="id",
        value=str(party_id),
        hint=N_("change the survivor, {survivor}", survivor=str(survivor_id)),
    )


def merge_not_found(merge_id: uuid.UUID) -> NotFoundError:
    """Return the error for a merge id the store does not know."""
    return NotFoundError(
        N_("no merge is stored under that id"),
        code="merge.not_found",
        field="merge_id",
        value=str(merge_id),
    )


def moves(
    survivor_id: uuid.UUID,
    merged_ids: Sequence[uuid.UUID],
    interactions: Iterable[Interaction],
    purchases: Iterable[Purchase],
    affiliations: Iterable[Affiliation],
) -> list[tuple[Moved, Interaction | Purchase | Affiliation]]:
    """Return what a merge moves to the survivor, each with its new value.

    ``interactions``, ``purchases`` and ``affiliations`` are those of the
    merged parties. A tie whose other end is in the merge too stays as it
    is: moved, it would tie the survivor to itself.
    """
    merged = set(merged_ids)
    cluster = {survivor_id, *merged}
    found: list[tuple[Moved, Interaction | Purchase | Affiliation]] = [
        (
            Moved("interaction", each.id, "party_id", each.party_id),
            attrs.evolve(each, party_id=survivor_id),
        )
        for each in interactions
    ]
    found.extend(
        (
            Moved("purchase", each.id, "party_id", each.party_id),
            attrs.evolve(each, party_id=survivor_id),
        )
        for each in purchases
    )
    for tie in affiliations:
        if tie.party_id in cluster and tie.related_party_id in cluster:
            continue
        field: Literal["party_id", "related_party_id"] = (
            "party_id" if tie.party_id in merged else "related_party_id"
        )
        found.append(
            (
                Moved("affiliation", tie.id, field, getattr(tie, field)),
                attrs.evolve(tie, **{field: survivor_id}),
            )
        )
    found.sort(key=lambda pair: (pair[0].entity, pair[0].id))
    return found


def moved_back(
    move: Moved, item: Interaction | Purchase | Affiliation
) -> Interaction | Purchase | Affiliation:
    """Return ``item`` as it was before ``move``."""
    changes: dict[str, Any] = {move.field: move.party_id}
    return attrs.evolve(item, **changes)


def new_record(
    result: Party,
    originals: Sequence[Party],
    moved: Iterable[Moved],
    lineage: Mapping[str, uuid.UUID] | None,
    *,
    now: datetime,
) -> MergeRecord:
    """Return the record of a merge applied ``now``."""
    return MergeRecord(
        id=new_id(),
        survivor_id=result.id,
        merged_ids=[party.id for party in originals[1:]],
        merged_at=now,
        originals=originals,
        result=result,
        moved=moved,
        lineage=lineage or {},
    )


def merge_events(record: MergeRecord, kind: str, *, now: datetime) -> list[Event]:
    """Return the events of a merge (``kind``: :data:`MERGED` or :data:`UNMERGED`), one a party.

    The payload names the merge and its parties by id only: nothing personal.
    """
    payload: dict[str, Any] = {
        "merge_id": str(record.id),
        "survivor_id": str(record.survivor_id),
        "merged_ids": [str(each) for each in record.merged_ids],
    }
    return [
        Event(
            stream=ERASURE_STREAM,
            type=kind,
            occurred_at=now,
            party_id=party_id,
            payload=payload,
            recorded_at=now,
        )
        for party_id in (record.survivor_id, *record.merged_ids)
    ]

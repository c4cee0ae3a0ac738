"""Merges in SQL (see :class:`crmcore.storage.Merges`).

A merged party keeps its row and its document as they were; its
``merged_into`` column names the survivor, and its key rows go (the
survivor holds its keys). The table ``merges`` keeps each merge's record as
a document; ``merge_parties`` names the parties of each merge, for erasure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs

from crmcore.model import Affiliation, Interaction, Purchase, from_dict, to_dict
from crmcore.storage._arguments import checks_arguments
from crmcore.storage._codec import dumps, loads, party_from_json
from crmcore.storage._merges import (
    MERGED,
    UNMERGED,
    MergeRecord,
    Moved,
    check_inputs,
    check_stored,
    check_unchanged,
    merge_events,
    merge_not_found,
    merged_party,
    moved_back,
    moves,
    new_record,
)
from crmcore.storage._writes import not_found, stale

if TYPE_CHECKING:
    import uuid
    from collections.abc import Mapping, Sequence

    from crmcore.model import Party
    from crmcore.storage._sql._store import SqlStore

__all__ = ["SqlMerges"]

_PARTY: Final = "SELECT document, merged_into FROM parties WHERE id = ?"
_HIDE: Final = (
    "UPDATE parties SET merged_into = ?"
    " WHERE id = ? AND version = ? AND merged_into IS NULL AND deleted_at IS NULL"
)
_SHOW: Final = "UPDATE parties SET merged_into = NULL WHERE id = ? AND merged_into = ?"
#: Per entity: its table, and the statement that moves one to another party.
_TABLES: Final = {
    "interaction": (
        Interaction,
        "interactions",
        "UPDATE interactions SET party_id = ?, document = ? WHERE id = ?",
    ),
    "purchase": (
        Purchase,
        "purchases",
        "UPDATE purchases SET party_id = ?, document = ? WHERE id = ?",
    ),
    "affiliation": (
        Affiliation,
        "affiliations",
        "UPDATE affiliations SET party_id = ?, related_party_id = ?, document = ? WHERE id = ?",
    ),
}


def _document(value: Any) -> Any:  # noqa: ANN401 - JSON text, or JSON the driver parsed
    return loads(value) if isinstance(value, str | bytes) else value


@checks_arguments
class SqlMerges:
    """The merges of a SQL store (see :class:`crmcore.storage.Merges`)."""

    __slots__ = ("_store",)

    def __init__(self, store: SqlStore) -> None:
        self._store = store

    def _live(self, party_id: uuid.UUID) -> Party:
        store = self._store
        rows = store.rows(_PARTY, (store.dialect.id(party_id),))
        if not rows:
            raise not_found("party", party_id)
        if rows[0][1] is not None:
            raise merged_party(party_id, store.dialect.to_uuid(rows[0][1]))
        return party_from_json(rows[0][0])

    def _move(self, move: Moved, item: Interaction | Purchase | Affiliation) -> None:
        key = self._store.dialect.id
        _, _, statement = _TABLES[move.entity]
        document = dumps(to_dict(item))
        if isinstance(item, Affiliation):
            params: tuple[object, ...] = (
                key(item.party_id),
                key(item.related_party_id),
                document,
                key(item.id),
            )
        else:
            params = (key(item.party_id), document, key(item.id))
        self._store.run(statement, params)
        self._store.pending.record(move.entity, item.id, item.party_id, "updated")

    def merge(
        self,
        result: Party,
        merged: Sequence[Party],
        *,
        lineage: Mapping[str, uuid.UUID] | None = None,
    ) -> MergeRecord:
        """Merge parties into a survivor; see :meth:`crmcore.storage.Merges.merge`."""
        merged_ids = check_inputs(result, merged)
        store = self._store
        key = store.dialect.id
        with store.transaction():
            originals = [self._live(result.id)]
            check_stored(result, originals[0])
            for given in merged:
                stored = self._live(given.id)
                check_stored(given, stored)
                originals.append(stored)
            for party in originals[1:]:
                hidden = store.run(_HIDE, (key(result.id), key(party.id), party.version))
                if hidden.rowcount != 1:  # someone else wrote between our read and this write
                    raise stale(party.version, None)
                store.pending.record("party", party.id, party.id, "merged", party.version)
                store.run("DELETE FROM party_keys WHERE party_id = ?", (key(party.id),))
                store.run("DELETE FROM party_identifiers WHERE party_id = ?", (key(party.id),))
            store.consent.follow_merge(merged_ids, result.id)
            new = store.parties.update(result)
            moved = moves(
                result.id,
                merged_ids,
                [each for one in merged_ids for each in store.interactions.for_party(one)],
                [each for one in merged_ids for each in store.purchases.for_party(one)],
                {
                    each.id: each
                    for party_id in merged_ids
                    for each in store.affiliations.for_party(party_id)
                }.values(),
            )
            for move, item in moved:
                self._move(move, item)
            record = new_record(
                new, originals, [move for move, _ in moved], lineage, now=store.now()
            )
            store.run(
                "INSERT INTO merges (id, survivor_id, merged_at, document) VALUES (?, ?, ?, ?)",
                (
                    key(record.id),
                    key(record.survivor_id),
                    store.dialect.moment(record.merged_at),
                    dumps(record.to_document()),
                ),
            )
            store.run_many(
                "INSERT INTO merge_parties (merge_id, party_id) VALUES (?, ?)",
                [(key(record.id), key(each.id)) for each in originals],
            )
            for event in merge_events(record, MERGED, now=record.merged_at):
                store.events.append(event)
        return record

    def unmerge(self, merge_id: uuid.UUID) -> list[Party]:
        """Undo a merge; see :meth:`crmcore.storage.Merges.unmerge`."""
        store = self._store
        key = store.dialect.id
        with store.transaction():
            record = self.get(merge_id)
            survivor = self._live(record.survivor_id)
            check_unchanged(record, survivor)
            restored = store.parties.update(
                attrs.evolve(record.originals[0], version=survivor.version)
            )
            shown: list[Party] = []
            for party_id in record.merged_ids:
                store.run(_SHOW, (key(party_id), key(record.survivor_id)))
                party = party_from_json(store.rows(_PARTY, (key(party_id),))[0][0])
                store.parties.index(party)
                store.pending.record("party", party.id, party.id, "unmerged", party.version)
                shown.append(party)
            store.consent.follow_unmerge(record.merged_ids)
            for move in record.moved:
                cls, table, _ = _TABLES[move.entity]
                rows = store.rows(f"SELECT document FROM {table} WHERE id = ?", (key(move.id),))  # noqa: S608 - constant text
                if rows:  # a tie removed since stays removed
                    item: Interaction | Purchase | Affiliation = from_dict(
                        cls, _document(rows[0][0])
                    )
                    self._move(move, moved_back(move, item))
            now = store.now()
            undone = attrs.evolve(record, undone_at=now)
            store.run(
                "UPDATE merges SET undone_at = ?, document = ? WHERE id = ?",
                (store.dialect.moment(now), dumps(undone.to_document()), key(record.id)),
            )
            for event in merge_events(record, UNMERGED, now=now):
                store.events.append(event)
        return [restored, *shown]

    def get(self, merge_id: uuid.UUID) -> MergeRecord:
        """Return a merge's record; see :meth:`crmcore.storage.Merges.get`."""
        store = self._store
        rows = store.rows("SELECT document FROM merges WHERE id = ?", (store.dialect.id(merge_id),))
        if not rows:
            raise merge_not_found(merge_id)
        return MergeRecord.from_document(_document(rows[0][0]))

    def forget(self, party_id: uuid.UUID) -> list[uuid.UUID]:
        """Drop the merge records of a party about to be erased; return the ids to erase.

        ``party_id`` stands for its survivor; the ids are those of the
        parties merged into the survivor (and into them), deepest first, then
        the survivor's: the order their rows can be deleted in.
        """
        store = self._store
        dialect = store.dialect
        survivor = store.parties.get(party_id, include_deleted=True).id
        cluster = [survivor]
        for into in cluster:
            rows = store.rows(
                "SELECT id FROM parties WHERE merged_into = ? ORDER BY id", (dialect.id(into),)
            )
            cluster.extend(dialect.to_uuid(row[0]) for row in rows)
        store.run_many(
            "DELETE FROM merges"
            " WHERE id IN (SELECT merge_id FROM merge_parties WHERE party_id = ?)",
            [(dialect.id(each),) for each in cluster],
        )
        return cluster[::-1]

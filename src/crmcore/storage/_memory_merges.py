"""Merges in the in-memory store (see :class:`crmcore.storage.Merges`).

A merged party leaves the store's parties for a table of its own
(``merged``: the party as it was, and the survivor it points to); its
customer number stays in the store's numbers, so that it is neither issued
again nor lost, and resolves to the survivor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from crmcore.storage._arguments import checks_arguments
from crmcore.storage._merges import (
    MERGED,
    UNMERGED,
    MergeRecord,
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
from crmcore.storage._writes import not_found

if TYPE_CHECKING:
    import uuid
    from collections.abc import Mapping, Sequence

    from crmcore.model import Party
    from crmcore.storage._memory import MemoryStore, _Data

__all__ = ["MemoryMerges"]


@checks_arguments
class MemoryMerges:
    """The merges of a :class:`~crmcore.storage.MemoryStore`."""

    __slots__ = ("_data", "_store")

    def __init__(self, store: MemoryStore, data: _Data) -> None:
        self._store = store
        self._data = data

    def _items(self, entity: str) -> dict[uuid.UUID, Any]:
        data = self._data
        tables: dict[str, dict[uuid.UUID, Any]] = {
            "interaction": data.interactions,
            "purchase": data.purchases,
            "affiliation": data.affiliations,
        }
        return tables[entity]

    def _live(self, party_id: uuid.UUID) -> Party:
        hidden = self._data.merged.get(party_id)
        if hidden is not None:
            raise merged_party(party_id, hidden[1])
        party = self._data.parties.get(party_id)
        if party is None:
            raise not_found("party", party_id)
        return party

    def merge(
        self,
        result: Party,
        merged: Sequence[Party],
        *,
        lineage: Mapping[str, uuid.UUID] | None = None,
    ) -> MergeRecord:
        """Merge parties into a survivor; see :meth:`crmcore.storage.Merges.merge`."""
        merged_ids = check_inputs(result, merged)
        store, data = self._store, self._data
        with store.transaction():
            originals = [self._live(result.id)]
            check_stored(result, originals[0])
            for given in merged:
                stored = self._live(given.id)
                check_stored(given, stored)
                originals.append(stored)
            for party in originals[1:]:
                store.parties.hide(party, result.id)
            new = store.parties.update(result)
            ids = set(merged_ids)
            moved = moves(
                result.id,
                merged_ids,
                [each for each in data.interactions.values() if each.party_id in ids],
                [each for each in data.purchases.values() if each.party_id in ids],
                [
                    each
                    for each in data.affiliations.values()
                    if {each.party_id, each.related_party_id} & ids
                ],
            )
            for move, item in moved:
                store.journal.put(self._items(move.entity), item.id, item)
                store.pending.record(move.entity, item.id, result.id, "updated")
            record = new_record(
                new, originals, [move for move, _ in moved], lineage, now=store.now()
            )
            store.journal.put(data.merges, record.id, record)
            for event in merge_events(record, MERGED, now=record.merged_at):
                store.events.append(event)
        return record

    def unmerge(self, merge_id: uuid.UUID) -> list[Party]:
        """Undo a merge; see :meth:`crmcore.storage.Merges.unmerge`."""
        store, data = self._store, self._data
        with store.transaction():
            record = self.get(merge_id)
            hidden = data.merged.get(record.survivor_id)
            if hidden is not None:
                raise merged_party(record.survivor_id, hidden[1])
            survivor = data.parties[record.survivor_id]
            check_unchanged(record, survivor)
            restored = store.parties.update(
                attrs.evolve(record.originals[0], version=survivor.version)
            )
            shown = [store.parties.show(party_id) for party_id in record.merged_ids]
            for move in record.moved:
                items = self._items(move.entity)
                item = items.get(move.id)
                if item is not None:  # a tie removed since stays removed
                    store.journal.put(items, move.id, moved_back(move, item))
                    store.pending.record(move.entity, move.id, move.party_id, "updated")
            now = store.now()
            store.journal.put(data.merges, record.id, attrs.evolve(record, undone_at=now))
            for event in merge_events(record, UNMERGED, now=now):
                store.events.append(event)
        return [restored, *shown]

    def get(self, merge_id: uuid.UUID) -> MergeRecord:
        """Return a merge's record; see :meth:`crmcore.storage.Merges.get`."""
        record = self._data.merges.get(merge_id)
        if record is None:
            raise merge_not_found(merge_id)
        return record

    def forget(self, party_id: uuid.UUID) -> list[uuid.UUID]:
        """Drop what merges keep of a party about to be erased; return the ids to erase.

        ``party_id`` stands for its survivor; the ids are those of the
        parties merged into the survivor (and into them), deepest first, then
        the survivor's. Their hidden documents and every merge record naming
        one of them go.
        """
        store, data = self._store, self._data
        survivor = data.resolved(party_id)
        if survivor not in data.parties:
            raise not_found("party", party_id)
        cluster = [survivor]
        for into in cluster:
            cluster.extend(
                each for each, (_, target) in sorted(data.merged.items()) if target == into
            )
        for each in cluster[1:]:
            party, _ = data.merged[each]
            store.journal.pop(data.merged, each)
            store.journal.pop(data.numbers, str(party.customer_number))
        named = set(cluster)
        for record in list(data.merges.values()):
            if named.intersection((record.survivor_id, *record.merged_ids)):
                store.journal.pop(data.merges, record.id)
        return cluster[::-1]

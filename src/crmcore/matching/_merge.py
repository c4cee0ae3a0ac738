"""Merge and unmerge through a store: load, plan, apply.

Merging is the caller's decision: :func:`find_duplicates` only suggests
clusters. These functions read the parties through the storage protocols,
plan the merge (:func:`plan_merge`) and apply it with ``store.merges``,
which does it whole or not at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, overload

from crmcore.matching._survivorship import MergePlan, SurvivorshipRules, plan_merge

if TYPE_CHECKING:
    import uuid
    from collections.abc import Iterable, Mapping

    from crmcore.model import Party
    from crmcore.storage import Store
    from crmcore.storage._merges import MergeRecord

__all__ = ["merge", "unmerge"]


@overload
def merge(
    store: Store,
    ids: Iterable[uuid.UUID],
    *,
    rules: SurvivorshipRules | None = ...,
    survivor: uuid.UUID | None = ...,
    sources: Mapping[uuid.UUID, str] | None = ...,
    allow_mixed_kinds: bool = ...,
    dry_run: Literal[True],
) -> MergePlan: ...


@overload
def merge(
    store: Store,
    ids: Iterable[uuid.UUID],
    *,
    rules: SurvivorshipRules | None = ...,
    survivor: uuid.UUID | None = ...,
    sources: Mapping[uuid.UUID, str] | None = ...,
    allow_mixed_kinds: bool = ...,
    dry_run: Literal[False] = ...,
) -> MergeRecord: ...


def merge(
    store: Store,
    ids: Iterable[uuid.UUID],
    *,
    rules: SurvivorshipRules | None = None,
    survivor: uuid.UUID | None = None,
    sources: Mapping[uuid.UUID, str] | None = None,
    allow_mixed_kinds: bool = False,
    dry_run: bool = False,
) -> MergePlan | MergeRecord:
    """Merge the stored parties ``ids`` into one; or, with ``dry_run``, only plan it.

    The parties are read with ``store.parties.get``: the id of a party
    merged before stands for its survivor, and a party named twice so is
    taken once.

    Args:
        store: The store the parties are in.
        ids: The ids of the parties of one cluster of duplicates.
        rules: The survivorship rules (:class:`SurvivorshipRules`).
        survivor: The id of the party that stays; by ``rules.survivor`` if not given.
        sources: Each party's source, for :attr:`Rule.SOURCE_RANKING`.
        allow_mixed_kinds: Whether a person may be merged with an organisation.
        dry_run: Return the plan (:class:`MergePlan`) and change nothing.

    Returns:
        The store's :class:`~crmcore.storage.MergeRecord`; with ``dry_run``, the plan.

    Raises:
        NotFoundError: ``party.not_found``.
        ValidationError: as :func:`plan_merge`.
        ConflictError: as :meth:`crmcore.storage.Merges.merge`: the store is
            then left as it was.
    """
    parties: dict[uuid.UUID, Party] = {}
    for party_id in ids:
        party = store.parties.get(party_id)
        parties.setdefault(party.id, party)
    kept = None if survivor is None else store.parties.get(survivor).id
    plan = plan_merge(
        list(parties.values()),
        rules=rules,
        survivor=kept,
        sources=sources,
        allow_mixed_kinds=allow_mixed_kinds,
    )
    if dry_run:
        return plan
    return store.merges.merge(plan.result, plan.merged, lineage=plan.lineage)


def unmerge(store: Store, merge_id: uuid.UUID) -> list[Party]:
    """Undo a merge; return the parties as stored again, the survivor first.

    Raises:
        NotFoundError: ``merge.not_found``.
        ConflictError: as :meth:`crmcore.storage.Merges.unmerge`.
    """
    return store.merges.unmerge(merge_id)

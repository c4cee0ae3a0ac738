"""Groups: hierarchical sets of parties, such as territories or customer groups."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

import attrs

from crmcore._i18n import N_
from crmcore.ids import new_id
from crmcore.model._checks import (
    as_tuple,
    bind_field_names,
    fail,
    to_optional_short_text,
    to_optional_uuid,
    to_short_text,
    to_uuid,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["Group", "GroupTree"]


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class Group:
    """A named group of parties, possibly inside a parent group.

    Parties name the groups they belong to by id
    (:attr:`crmcore.model.Party.groups`); a :class:`GroupTree` answers which
    groups lie above or below one.

    Attributes:
        name: The group's name (``"Mazowieckie"``, ``"HoReCa"``).
        id: The group's id.
        kind: What sort of group it is (``"territory"``, ``"customer_group"``).
        parent_id: The id of the group it lies in, if any.
        code: A short code the application uses (``"PL-14"``), if any.
    """

    name: str = attrs.field(kw_only=False, converter=to_short_text)
    id: uuid.UUID = attrs.field(factory=new_id, converter=to_uuid)
    kind: str | None = attrs.field(default=None, converter=to_optional_short_text)
    parent_id: uuid.UUID | None = attrs.field(default=None, converter=to_optional_uuid)
    code: str | None = attrs.field(default=None, converter=to_optional_short_text)

    def __attrs_post_init__(self) -> None:
        if self.parent_id == self.id:
            fail(
                "group.cycle",
                N_("a group cannot lie in itself"),
                field="parent_id",
                value=str(self.parent_id),
            )


def _to_groups(value: object, field: str = "value") -> tuple[Group, ...]:
    return as_tuple(value, field, Group, "group.not_group")


@attrs.frozen(field_transformer=bind_field_names)
class GroupTree:
    """A checked hierarchy of groups: ids unique, parents known, no cycles.

    Args:
        groups: The groups, in any order.

    Raises:
        ValidationError: ``group.duplicate_id``, ``group.unknown_parent`` or ``group.cycle``.

    >>> poland = Group("Polska", kind="territory")
    >>> mazowieckie = Group("Mazowieckie", parent_id=poland.id)
    >>> warszawa = Group("Warszawa", parent_id=mazowieckie.id)
    >>> tree = GroupTree([warszawa, poland, mazowieckie])
    >>> [group.name for group in tree.ancestors(warszawa.id)]
    ['Mazowieckie', 'Polska']
    >>> sorted(group.name for group in tree.descendants(poland.id))
    ['Mazowieckie', 'Warszawa']
    """

    groups: tuple[Group, ...] = attrs.field(converter=_to_groups)
    _by_id: dict[uuid.UUID, Group] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _children: dict[uuid.UUID | None, tuple[Group, ...]] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        by_id: dict[uuid.UUID, Group] = {}
        children: dict[uuid.UUID | None, list[Group]] = {}
        for index, group in enumerate(self.groups):
            if group.id in by_id:
                fail(
                    "group.duplicate_id",
                    N_("two groups have the same id"),
                    field=f"groups[{index}].id",
                    value=str(group.id),
                )
            by_id[group.id] = group
            children.setdefault(group.parent_id, []).append(group)
        for index, group in enumerate(self.groups):
            if group.parent_id is not None and group.parent_id not in by_id:
                fail(
                    "group.unknown_parent",
                    N_("the parent group is not in the tree"),
                    field=f"groups[{index}].parent_id",
                    value=str(group.parent_id),
                )
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_children", {k: tuple(v) for k, v in children.items()})
        for index, group in enumerate(self.groups):
            seen = {group.id}
            for ancestor in self.ancestors(group.id):
                if ancestor.id in seen:
                    fail(
                        "group.cycle",
                        N_("the groups' parents form a cycle"),
                        field=f"groups[{index}].parent_id",
                        value=str(group.parent_id),
                    )
                seen.add(ancestor.id)

    def __getitem__(self, group_id: uuid.UUID) -> Group:
        """Return the group with ``group_id``; ``KeyError`` if there is none."""
        return self._by_id[group_id]

    def __contains__(self, group_id: object) -> bool:
        return group_id in self._by_id

    @property
    def roots(self) -> tuple[Group, ...]:
        """The groups without a parent."""
        return self._children.get(None, ())

    def children(self, group_id: uuid.UUID) -> tuple[Group, ...]:
        """Return the groups directly inside ``group_id``."""
        return self._children.get(group_id, ())

    def ancestors(self, group_id: uuid.UUID) -> Iterator[Group]:
        """Yield the groups above ``group_id``, nearest first."""
        seen = {group_id}
        parent_id = self._by_id[group_id].parent_id
        while parent_id is not None and parent_id not in seen:
            seen.add(parent_id)
            parent = self._by_id[parent_id]
            yield parent
            parent_id = parent.parent_id
        if parent_id is not None:
            yield self._by_id[parent_id]  # the cycle's closing edge, for the check above

    def descendants(self, group_id: uuid.UUID) -> Iterator[Group]:
        """Yield every group below ``group_id``, depth first."""
        for child in self.children(group_id):
            yield child
            yield from self.descendants(child.id)

    def expand(self, group_ids: Iterable[uuid.UUID]) -> frozenset[uuid.UUID]:
        """Return ``group_ids`` with all their ancestors: a party in Warszawa is in Polska."""
        expanded = set(group_ids)
        for group_id in tuple(expanded):
            expanded.update(group.id for group in self.ancestors(group_id))
        return frozenset(expanded)

"""Survivorship: which value of a cluster of duplicates survives, field by field, and why.

Pure: parties in, a :class:`MergePlan` out (the surviving party as it would
be, where each of its values came from, and where the inputs disagreed). A
store applies the plan (:func:`crmcore.matching.merge`).
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.model import Party

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from crmcore.model import OrganizationName, PersonName, RoleProfile

__all__ = ["Conflict", "MergePlan", "Rule", "SurvivorshipRules", "plan_merge"]

_T = TypeVar("_T")


class Rule(enum.StrEnum):
    """How a single-valued field's value is chosen among the parties that have one."""

    #: From the party changed last (``updated_at``).
    NEWEST = "newest"
    #: From the party recorded first (``created_at``).
    OLDEST = "oldest"
    #: The fullest value: the most parts filled, then the longest; then the newest.
    MOST_COMPLETE = "most_complete"
    #: From the most trusted source of the ranking; then the newest.
    SOURCE_RANKING = "source_ranking"


def _rule(value: object, field: str) -> Rule:
    try:
        return Rule(value)  # type: ignore[arg-type]  # checked here
    except ValueError as error:
        raise ValidationError(
            N_("there is no survivorship rule of this name"),
            code="merge.unknown_rule",
            field=field,
            value=value,
            hint=", ".join(each.value for each in Rule),
        ) from error


def _to_default(value: object) -> Rule:
    return _rule(value, "default")


def _to_survivor(value: object) -> Rule:
    return _rule(value, "survivor")


def _to_fields(value: Mapping[str, Rule | str]) -> dict[str, Rule]:
    return {str(path): _rule(rule, f"fields.{path}") for path, rule in dict(value).items()}


def _to_ranking(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(each) for each in value)


@attrs.frozen(unsafe_hash=False)
class SurvivorshipRules:
    """The rules a merge chooses values by, as data.

    A field's rule is the one named for its path, else for the nearest
    path above it, else ``default``: ``"attributes.employees"``, then
    ``"attributes"``; ``"profiles.client.segment"``, then
    ``"profiles.client"``, then ``"profiles"``. The paths are ``name`` (the
    whole name, chosen as one value; a rule for a part, as
    ``"name.family"``, chooses that part on its own), ``display_name``,
    ``attributes.<name>`` and ``profiles.<role>.<field>``. Multi-valued
    parts (contact points, identifiers, external keys, roles, tags, groups,
    holdings) are always the union, without repeats. The customer number and
    the id are the survivor's; ``created_at`` is the earliest.

    A party's source, for :attr:`Rule.SOURCE_RANKING`, is what ``sources``
    says of it when the merge is planned, else its attribute
    ``source_attribute``; a source not in ``ranking`` ranks below all of it.

    Attributes:
        default: The rule of every field no other rule names.
        fields: Rules by path.
        survivor: How the survivor (whose id and customer number stay) is
            chosen: by default the oldest, whose number people already know.
        ranking: Sources, the most trusted first.
        source_attribute: The attribute that names a party's source.

    >>> rules = SurvivorshipRules(fields={"name": "most_complete"}, ranking=("erp", "web"))
    >>> rules.rule("name"), rules.rule("attributes.employees")
    (<Rule.MOST_COMPLETE: 'most_complete'>, <Rule.NEWEST: 'newest'>)
    >>> SurvivorshipRules.from_dict(rules.to_dict()) == rules
    True
    """

    default: Rule = attrs.field(default=Rule.NEWEST, converter=_to_default)
    fields: dict[str, Rule] = attrs.field(factory=dict, converter=_to_fields)
    survivor: Rule = attrs.field(default=Rule.OLDEST, converter=_to_survivor)
    ranking: tuple[str, ...] = attrs.field(default=(), converter=_to_ranking)
    source_attribute: str = "source"

    def rule(self, path: str) -> Rule:
        """Return the rule of the field at ``path``."""
        while True:
            found = self.fields.get(path)
            if found is not None:
                return found
            if "." not in path:
                return self.default
            path = path.rpartition(".")[0]

    def to_dict(self) -> dict[str, Any]:
        """Return the rules as JSON-ready data."""
        return {
            "default": self.default.value,
            "fields": {path: rule.value for path, rule in self.fields.items()},
            "survivor": self.survivor.value,
            "ranking": list(self.ranking),
            "source_attribute": self.source_attribute,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SurvivorshipRules:
        """Return the rules ``data`` describes (what :meth:`to_dict` gave).

        Raises:
            ValidationError: ``merge.invalid_rules`` for what is not a dict of
                the rules' names, ``merge.unknown_rule`` for a rule's name.
        """
        known = {each.name for each in attrs.fields(cls)}
        if not isinstance(data, dict) or not set(data) <= known:
            raise ValidationError(
                N_("these are not survivorship rules"),
                code="merge.invalid_rules",
                field="rules",
                value=data,
                hint=", ".join(sorted(known)),
            )
        return cls(**data)


@attrs.frozen
class Conflict:
    """A single-valued field the inputs disagreed on, and which value won.

    Attributes:
        field: The field's path (``"name"``, ``"attributes.employees"``).
        candidates: Each input that had a value, with its value, in input order.
        chosen: The id of the input whose value won.
        rule: The rule that chose it.
    """

    field: str
    candidates: tuple[tuple[uuid.UUID, object], ...]
    chosen: uuid.UUID
    rule: Rule

    @property
    def value(self) -> object:
        """The value that won."""
        return next(value for party_id, value in self.candidates if party_id == self.chosen)


@attrs.frozen(unsafe_hash=False)
class MergePlan:
    """A merge as it would be: the dry-run preview, and what a store applies.

    Attributes:
        result: The surviving party as it would be stored (the survivor's id,
            customer number and version).
        survivor: The survivor as it was read.
        merged: The other inputs, as they were read, in input order.
        lineage: For each field and value of ``result``, the id of the input
            it came from: ``"name"``, ``"contacts[0]"``, ``"tags[vip]"``,
            ``"attributes.employees"``, ``"profiles.client.segment"``, ...
        conflicts: The single-valued fields the inputs disagreed on.
    """

    result: Party
    survivor: Party
    merged: tuple[Party, ...]
    lineage: dict[str, uuid.UUID]
    conflicts: tuple[Conflict, ...]


def _refuse(code: str, message: str, *, field: str, value: object, hint: str) -> ValidationError:
    return ValidationError(message, code=code, field=field, value=value, hint=hint)


def _checked(parties: Sequence[Party], allow_mixed_kinds: bool, survivor: uuid.UUID | None) -> None:
    if len(parties) < 2:
        raise _refuse(
            "merge.too_few",
            N_("a merge needs two parties at least"),
            field="parties",
            value=len(parties),
            hint=N_("the parties of one cluster of duplicates"),
        )
    seen: set[uuid.UUID] = set()
    for index, party in enumerate(parties):
        if party.id in seen:
            raise _refuse(
                "merge.duplicate",
                N_("a party is named twice in one merge"),
                field=f"parties[{index}]",
                value=str(party.id),
                hint=N_("each party once"),
            )
        seen.add(party.id)
        if party.deleted_at is not None:
            raise _refuse(
                "merge.deleted",
                N_("a deleted party cannot be merged"),
                field=f"parties[{index}]",
                value=str(party.id),
                hint=N_("restore it first: update(party.restored())"),
            )
    if not allow_mixed_kinds and len({party.kind for party in parties}) > 1:
        raise _refuse(
            "merge.mixed_kinds",
            N_("a person and an organisation cannot be merged"),
            field="parties",
            value=sorted(party.kind.value for party in parties),
            hint=N_("allow_mixed_kinds=True, where a sole trader and its owner are one person"),
        )
    if survivor is not None and survivor not in seen:
        raise _refuse(
            "merge.unknown_survivor",
            N_("the survivor is not one of the parties merged"),
            field="survivor",
            value=str(survivor),
            hint=N_("the id of one of the parties"),
        )


def _empty(value: object) -> bool:
    return value is None or value in ("", (), frozenset())


def _completeness(value: object) -> tuple[int, int]:
    """Return how complete a value is: its parts filled, then its length."""
    cls = type(value)
    if attrs.has(cls):
        parts = [getattr(value, each.name) for each in attrs.fields(cls)]
        filled = sum(not _empty(part) for part in parts)
        return filled, sum(len(str(part)) for part in parts if not _empty(part))
    if isinstance(value, str | tuple | frozenset | list):
        return 1, len(value)
    return 1, len(str(value))


@attrs.define
class _Planner:
    """The state of one plan: the inputs in order (survivor first), the rules, the record."""

    parties: list[Party]
    rules: SurvivorshipRules
    sources: Mapping[uuid.UUID, str]
    lineage: dict[str, uuid.UUID] = attrs.Factory(dict)
    conflicts: list[Conflict] = attrs.Factory(list)

    def rank(self, party: Party) -> int:
        source = self.sources.get(party.id)
        if source is None:
            held = party.attributes.get(self.rules.source_attribute)
            source = held if isinstance(held, str) else None
        ranking = self.rules.ranking
        return ranking.index(source) if source in ranking else len(ranking)

    def _order(self, rule: Rule) -> Callable[[tuple[int, Party, object]], tuple[Any, ...]]:
        def key(item: tuple[int, Party, object]) -> tuple[Any, ...]:
            position, party, value = item
            newest = -party.updated_at.timestamp()
            if rule is Rule.NEWEST:
                return (newest, position)
            if rule is Rule.OLDEST:
                return (party.created_at.timestamp(), position)
            if rule is Rule.MOST_COMPLETE:
                filled, length = _completeness(value)
                return (-filled, -length, newest, position)
            return (self.rank(party), newest, position)

        return key

    def choose(self, path: str, values: Sequence[tuple[Party, _T]]) -> _T | None:
        """Return the value that survives at ``path`` (``None`` if no input has one)."""
        present = [
            (position, party, value)
            for position, (party, value) in enumerate(values)
            if not _empty(value)
        ]
        if not present:
            return None
        rule = self.rules.rule(path)
        _, winner, value = min(present, key=self._order(rule))
        self.lineage[path] = winner.id
        distinct: list[object] = []
        for _, _, each in present:
            if each not in distinct:
                distinct.append(each)
        if len(distinct) > 1:
            self.conflicts.append(
                Conflict(
                    field=path,
                    candidates=tuple((party.id, each) for _, party, each in present),
                    chosen=winner.id,
                    rule=rule,
                )
            )
        return value

    def union(self, field: str, values: Iterable[tuple[Party, object, _T]]) -> list[_T]:
        """Return each value once (by its key), in input order; record where each came from."""
        kept: dict[object, _T] = {}
        for party, key, value in values:
            if key not in kept:
                kept[key] = value
                label = f"{field}[{len(kept) - 1}]" if field in _LISTS else f"{field}[{key}]"
                self.lineage[label] = party.id
        return list(kept.values())


#: The union fields whose lineage is by position, not by value.
_LISTS = frozenset({"contacts", "identifiers", "external_keys", "holdings"})


def _name(planner: _Planner, survivor: Party) -> PersonName | OrganizationName:
    same_kind = [party for party in planner.parties if party.kind is survivor.kind]
    names: list[tuple[Party, PersonName | OrganizationName | None]] = [
        (party, party.name) for party in same_kind
    ]
    chosen: PersonName | OrganizationName | None = planner.choose("name", names)
    name = chosen or survivor.name
    for part in attrs.fields(type(name)):
        path = f"name.{part.name}"
        if path in planner.rules.fields:
            values = [(p, getattr(p.name, part.name)) for p in same_kind]
            changes: dict[str, Any] = {part.name: planner.choose(path, values)}
            name = attrs.evolve(name, **changes)
    return name


def _contacts(planner: _Planner) -> list[Any]:
    kept = planner.union(
        "contacts",
        (
            (party, (contact.kind, contact.key), contact)
            for party in planner.parties
            for contact in party.contacts
        ),
    )
    primary: set[object] = set()
    contacts: list[Any] = []
    for contact in kept:
        if contact.primary and contact.kind in primary:
            contact = attrs.evolve(contact, primary=False)  # noqa: PLW2901 - one primary a kind
        elif contact.primary:
            primary.add(contact.kind)
        contacts.append(contact)
    return contacts


def _profile(
    planner: _Planner, role: str, profiles: list[tuple[Party, RoleProfile]]
) -> RoleProfile:
    if len(profiles) == 1:
        party, profile = profiles[0]
        planner.lineage[f"profiles.{role}"] = party.id
        return profile
    cls = type(profiles[0][1])
    values: dict[str, object] = {}
    for field in attrs.fields(cls):
        path = f"profiles.{role}.{field.name}"
        each = [(party, getattr(profile, field.name)) for party, profile in profiles]
        if isinstance(each[0][1], frozenset):
            values[field.name] = frozenset().union(*(value for _, value in each))
        elif isinstance(each[0][1], tuple):
            values[field.name] = tuple(dict.fromkeys(v for _, value in each for v in value))
        else:
            values[field.name] = planner.choose(path, each)
    try:
        return cls(**values)
    except ValidationError:  # fields of two profiles that do not go together (a period)
        chosen = planner.choose(f"profiles.{role}", profiles)
        return next(profile for _, profile in profiles if profile == chosen)


def _survivor(parties: Sequence[Party], rules: SurvivorshipRules, planner: _Planner) -> Party:
    def key(party: Party) -> tuple[Any, ...]:
        position = parties.index(party)
        if rules.survivor is Rule.OLDEST:
            return (party.created_at.timestamp(), position)
        if rules.survivor is Rule.NEWEST:
            return (-party.updated_at.timestamp(), position)
        if rules.survivor is Rule.MOST_COMPLETE:
            return (-_completeness(party)[0], position)
        return (planner.rank(party), party.created_at.timestamp(), position)

    return min(parties, key=key)


def plan_merge(
    parties: Sequence[Party],
    *,
    rules: SurvivorshipRules | None = None,
    survivor: uuid.UUID | None = None,
    sources: Mapping[uuid.UUID, str] | None = None,
    allow_mixed_kinds: bool = False,
) -> MergePlan:
    """Plan the merge of a cluster of duplicates: the dry-run preview of the survivor.

    Args:
        parties: The parties of the cluster, as read from the store.
        rules: How each field's value is chosen (:class:`SurvivorshipRules`).
        survivor: The id of the party that stays; by ``rules.survivor`` if not given.
        sources: Each party's source, for :attr:`Rule.SOURCE_RANKING`.
        allow_mixed_kinds: Whether a person may be merged with an organisation
            (a sole trader and its owner, one legal person where the law says
            so); the survivor's kind and name stay.

    Returns:
        The plan: the result, where each value came from, and the conflicts.

    Raises:
        ValidationError: ``merge.too_few``, ``merge.duplicate``,
            ``merge.deleted``, ``merge.mixed_kinds``, ``merge.unknown_survivor``.

    >>> a = Party.person(given="Олена", family="Коваленко", created_at="2024-01-05T10:00:00+02:00",
    ...                  tags={"опт"})
    >>> b = Party.person(given="Олена", patronymic="Петрівна", family="Коваленко",
    ...                  created_at="2026-11-23T09:30:00+02:00", tags={"vip"})
    >>> plan = plan_merge([b, a], rules=SurvivorshipRules(fields={"name": "most_complete"}))
    >>> plan.result.id == a.id, plan.result.display_name, sorted(plan.result.tags)
    (True, 'Олена Петрівна Коваленко', ['vip', 'опт'])
    >>> plan.lineage["name"] == b.id, [c.field for c in plan.conflicts]
    (True, ['name'])
    """
    rules = rules if rules is not None else SurvivorshipRules()
    _checked(parties, allow_mixed_kinds, survivor)
    planner = _Planner(list(parties), rules, sources or {})
    kept = (
        next(party for party in parties if party.id == survivor)
        if survivor is not None
        else _survivor(parties, rules, planner)
    )
    planner.parties = [kept, *(party for party in parties if party is not kept)]
    ordered = planner.parties
    explicit = [(p, p.display_name if p.display_name != p.name.display else None) for p in ordered]
    attributes = {
        name: planner.choose(f"attributes.{name}", [(p, p.attributes.get(name)) for p in ordered])
        for name in dict.fromkeys(name for p in ordered for name in p.attributes)
    }
    roles = planner.union("roles", ((p, r.value, r) for p in ordered for r in p.roles))
    profiles = [
        _profile(planner, role.value, found)
        for role in roles
        if (found := [(p, pr) for p in ordered if (pr := p.profile(role)) is not None])
    ]
    result = attrs.evolve(
        kept,
        name=_name(planner, kept),
        display_name=planner.choose("display_name", explicit),
        created_at=min(party.created_at for party in ordered),
        roles=roles,
        profiles=profiles,
        contacts=_contacts(planner),
        identifiers=planner.union(
            "identifiers", ((p, each.key, each) for p in ordered for each in p.identifiers)
        ),
        external_keys=planner.union(
            "external_keys", ((p, each, each) for p in ordered for each in p.external_keys)
        ),
        attributes={name: value for name, value in attributes.items() if value is not None},
        tags=planner.union("tags", ((p, t, t) for p in ordered for t in sorted(p.tags))),
        groups=planner.union("groups", ((p, g, g) for p in ordered for g in sorted(p.groups))),
        holdings=planner.union("holdings", ((p, h, h) for p in ordered for h in p.holdings)),
    )
    planner.lineage["created_at"] = min(ordered, key=lambda p: p.created_at).id
    return MergePlan(
        result=result,
        survivor=kept,
        merged=tuple(ordered[1:]),
        lineage=planner.lineage,
        conflicts=tuple(planner.conflicts),
    )

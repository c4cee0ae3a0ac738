"""The party: a person or an organisation the company deals with."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Self

import attrs

from crmcore._countries import optional_country
from crmcore._i18n import N_
from crmcore.ids import new_id
from crmcore.model import _party_inputs as _in
from crmcore.model._attributes import EMPTY_ATTRIBUTES, Attributes
from crmcore.model._checks import (
    EMPTY_FROZENSET,
    as_frozenset,
    as_member,
    as_tuple,
    bind_field_names,
    fail,
)
from crmcore.model._contacts import ContactPoint
from crmcore.model._enums import ContactKind, PartyKind, Role
from crmcore.model._holdings import Holding
from crmcore.model._identifiers import ExternalKey, Identifier
from crmcore.model._moments import as_moment, utc_now
from crmcore.model._names import OrganizationName, PersonName
from crmcore.model._roles import RoleProfile
from crmcore.model._schemes import canonical_name

if TYPE_CHECKING:
    from typing import Unpack

    from crmcore.model._party_inputs import PartyFields

__all__ = ["Clock", "Party"]

#: A clock: a callable returning the current, timezone-aware moment.
Clock = Callable[[], datetime]

_ROLE_ORDER = {role: index for index, role in enumerate(Role)}
_ROLES_HINT = ", ".join(role.value for role in Role)


def _role(value: object, field: str) -> Role:
    return as_member(Role, value, field, "party.unknown_role")


def _contact_kind(value: object) -> ContactKind:
    return as_member(ContactKind, value, "kind", "contact.unknown_kind")


# The converters of Party's parts are typed by what Party(...) takes (a type
# checker reads a constructor's parameters off them) and check any value.


def _to_name(
    value: PersonName | OrganizationName, field: str = "value"
) -> PersonName | OrganizationName:
    checked: object = value  # whatever the annotation says, any value may come
    if isinstance(checked, PersonName | OrganizationName):
        return checked
    return fail(
        "party.not_name",
        N_("the value is not a PersonName or an OrganizationName"),
        field=field,
        value=value,
        hint="PersonName(...) or OrganizationName(...)",
    )


# There are 32 sets of roles: a million parties share them instead of holding a
# frozenset each (about 200 bytes a party).
_ROLE_SETS: dict[frozenset[Role], frozenset[Role]] = {}


def _to_roles(value: Iterable[Role | str], field: str = "value") -> frozenset[Role]:
    roles = as_frozenset(value, field, _role)
    return _ROLE_SETS.setdefault(roles, roles)


def _to_contacts(value: Iterable[ContactPoint], field: str = "value") -> tuple[ContactPoint, ...]:
    return as_tuple(value, field, ContactPoint, "party.not_contact_point")


def _to_identifiers(value: Iterable[Identifier], field: str = "value") -> tuple[Identifier, ...]:
    return as_tuple(value, field, Identifier, "party.not_identifier")


def _to_external_keys(
    value: Iterable[ExternalKey], field: str = "value"
) -> tuple[ExternalKey, ...]:
    return as_tuple(value, field, ExternalKey, "party.not_external_key")


def _to_holdings(value: Iterable[Holding], field: str = "value") -> tuple[Holding, ...]:
    return as_tuple(value, field, Holding, "party.not_holding")


def _to_profiles(value: Iterable[RoleProfile], field: str = "value") -> tuple[RoleProfile, ...]:
    profiles = as_tuple(value, field, RoleProfile, "party.not_profile")
    if len(profiles) > 1:
        profiles = tuple(sorted(profiles, key=lambda profile: _ROLE_ORDER[profile.role]))
    return profiles


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class Party:
    """A person or an organisation, with its roles, contact points and identifiers.

    Immutable: change one with :func:`attrs.evolve` or the ``with_*`` methods,
    which return a new party and validate it again. Build one with
    :meth:`person` or :meth:`organization`.

    Attributes:
        name: A :class:`PersonName` or an :class:`OrganizationName`; its
            class decides the party's :attr:`kind`.
        created_at: When the party was first recorded.
        id: The party's id (a UUIDv7, so ids sort by creation).
        display_name: How to show the party: given at construction, or
            derived from the name.
        roles: The roles the party plays: client, prospect, partner, supplier,
            competitor (any number of them).
        profiles: At most one profile per role the party has (ordered by role).
        contacts: The contact points, in order of preference; at most one
            primary per kind.
        identifiers: Official identifiers; no two with the same key.
        external_keys: Keys of the party in other systems; no duplicates.
        attributes: The application's custom attributes.
        tags: Free labels.
        groups: The ids of the groups the party belongs to directly.
        holdings: The products and services the party holds.
        customer_number: The customer number storage assigned, if any: compact, as
            :mod:`crmcore.ids` issues it (``customer_number.not_canonical``).
        version: The stored version, for optimistic concurrency; storage bumps it.
        updated_at: When the party last changed (``created_at`` at first).
        deleted_at: When the party was soft-deleted, if it was.

    Raises:
        ValidationError: for any field that breaks its rules, naming it:
            ``party.unknown_role``, ``party.profile_without_role``,
            ``party.duplicate_primary``, ``moment.naive``, ...

    >>> from datetime import UTC, datetime
    >>> acme = Party.organization(
    ...     "Ромашка", legal_form="ТОВ", roles={"client", Role.SUPPLIER},
    ...     created_at=datetime(2026, 11, 23, 9, 30, tzinfo=UTC),
    ... )
    >>> acme.display_name, acme.kind, sorted(role.value for role in acme.roles)
    ('Ромашка', <PartyKind.ORGANIZATION: 'organization'>, ['client', 'supplier'])
    >>> acme.with_role("investor")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: roles: not a known Role ... [party.unknown_role]
    """

    name: PersonName | OrganizationName = attrs.field(converter=_to_name)
    created_at: datetime = attrs.field(converter=_in.moment)
    id: uuid.UUID = attrs.field(factory=new_id, converter=_in.an_id)
    _display_name: str | None = attrs.field(
        default=None, alias="display_name", converter=_in.optional_short_text
    )
    roles: frozenset[Role] = attrs.field(default=EMPTY_FROZENSET, converter=_to_roles)
    profiles: tuple[RoleProfile, ...] = attrs.field(default=(), converter=_to_profiles)
    contacts: tuple[ContactPoint, ...] = attrs.field(default=(), converter=_to_contacts)
    identifiers: tuple[Identifier, ...] = attrs.field(default=(), converter=_to_identifiers)
    external_keys: tuple[ExternalKey, ...] = attrs.field(default=(), converter=_to_external_keys)
    attributes: Attributes = attrs.field(default=EMPTY_ATTRIBUTES, converter=_in.attributes)
    tags: frozenset[str] = attrs.field(default=EMPTY_FROZENSET, converter=_in.short_text_set)
    groups: frozenset[uuid.UUID] = attrs.field(default=EMPTY_FROZENSET, converter=_in.uuid_set)
    holdings: tuple[Holding, ...] = attrs.field(default=(), converter=_to_holdings)
    customer_number: str | None = attrs.field(default=None, converter=_in.customer_number)
    version: int = attrs.field(default=0, converter=_in.non_negative_int)
    updated_at: datetime = attrs.field(
        default=attrs.Factory(lambda self: self.created_at, takes_self=True),
        converter=_in.moment,
    )
    deleted_at: datetime | None = attrs.field(default=None, converter=_in.optional_moment)

    def __attrs_post_init__(self) -> None:
        # The display name is stored only when it differs from the derived one,
        # so that the dict form (which always carries the display name) reads
        # back equal, and a changed name changes a derived display name.
        if self._display_name is not None and self._display_name == self.name.display:
            object.__setattr__(self, "_display_name", None)
        if self.profiles:
            self._check_profiles()
        if len(self.contacts) > 1:
            self._check_contacts()
        if len(self.identifiers) > 1:
            self._check_unique("identifiers", [each.key for each in self.identifiers])
        if len(self.external_keys) > 1:
            self._check_unique("external_keys", self.external_keys)

    def _check_profiles(self) -> None:
        previous: Role | None = None
        for index, profile in enumerate(self.profiles):
            if profile.role not in self.roles:
                fail(
                    "party.profile_without_role",
                    N_(
                        "a {role} profile for a party without the {role} role",
                        role=profile.role.value,
                    ),
                    field=f"profiles[{index}]",
                    value=profile.role.value,
                    hint=N_("add the role to roles"),
                )
            if profile.role is previous:
                fail(
                    "party.duplicate_profile",
                    N_("two {role} profiles", role=profile.role.value),
                    field=f"profiles[{index}]",
                    value=profile.role.value,
                )
            previous = profile.role

    def _check_contacts(self) -> None:
        primary: set[ContactKind] = set()
        for index, contact in enumerate(self.contacts):
            if contact.primary:
                if contact.kind in primary:
                    fail(
                        "party.duplicate_primary",
                        N_("a second primary {kind} contact", kind=contact.kind.value),
                        field=f"contacts[{index}].primary",
                        value=True,
                        hint=N_("at most one primary contact point per kind"),
                    )
                primary.add(contact.kind)

    def _check_unique(self, field: str, keys: Iterable[object]) -> None:
        seen: set[object] = set()
        for index, key in enumerate(keys):
            if key in seen:
                fail(
                    f"party.duplicate_{field.removesuffix('s')}",
                    N_("a duplicate"),
                    field=f"{field}[{index}]",
                    value=key,
                )
            seen.add(key)

    def __repr__(self) -> str:
        """Return what tells a party apart at a glance: kind, name, id, roles, number.

        Fields left at their defaults are not shown, nor are contact points,
        identifiers and the other parts (see :func:`crmcore.model.to_dict`
        for all of them).

        >>> Party.organization(
        ...     "Ромашка", roles={"supplier", "client"}, customer_number="20261123073001007000001",
        ...     id="0193f1c2-7d4e-7a51-9c3b-5f2e8d1a6b70", created_at="2026-11-23T09:30:00+02:00",
        ... )
        <Party organization 'Ромашка' id=0193f1c2-7d4e-7a51-9c3b-5f2e8d1a6b70
         roles=client,supplier customer_number='20261123073001007000001'>
        """
        shown = [f"<Party {self.kind.value} {_shortened(self.display_name)} id={self.id}"]
        if self.roles:
            roles = sorted(self.roles, key=_ROLE_ORDER.__getitem__)
            shown.append(f"roles={','.join(role.value for role in roles)}")
        if self.customer_number is not None:
            shown.append(f"customer_number={_shortened(self.customer_number)}")
        if self.deleted_at is not None:
            shown.append("deleted")
        return " ".join(shown) + ">"

    # --- construction ------------------------------------------------------

    @classmethod
    def person(
        cls,
        *,
        given: str | None = None,
        family: str | None = None,
        patronymic: str | None = None,
        title: str | None = None,
        created_at: datetime | str | None = None,
        clock: Clock = utc_now,
        **fields: Unpack[PartyFields],
    ) -> Self:
        """Return a new person.

        Args:
            given: The given name.
            family: The family name.
            patronymic: The patronymic, where one is used.
            title: An honorific or academic title.
            created_at: When the person was recorded; ``clock()`` if not given.
            clock: The clock to read when ``created_at`` is not given.
            **fields: Any other field of :class:`Party` (roles, contacts, ...).

        >>> olena = Party.person(given="Олена", patronymic="Петрівна", family="Коваленко",
        ...                      created_at="2026-11-23T09:30:00+02:00")
        >>> olena.display_name, olena.kind
        ('Олена Петрівна Коваленко', <PartyKind.PERSON: 'person'>)
        """
        name = PersonName(given=given, family=family, patronymic=patronymic, title=title)
        return cls(name=name, created_at=_created(created_at, clock), **fields)

    @classmethod
    def organization(
        cls,
        name: str,
        *,
        legal_form: str | None = None,
        trade_name: str | None = None,
        created_at: datetime | str | None = None,
        clock: Clock = utc_now,
        **fields: Unpack[PartyFields],
    ) -> Self:
        """Return a new organisation.

        Args:
            name: The registered name, without the legal form.
            legal_form: The legal form as written locally (``"sp. z o.o."``, ``"ТОВ"``).
            trade_name: The name it trades under, if different.
            created_at: When the organisation was recorded; ``clock()`` if not given.
            clock: The clock to read when ``created_at`` is not given.
            **fields: Any other field of :class:`Party` (roles, contacts, ...).
        """
        org_name = OrganizationName(name, legal_form=legal_form, trade_name=trade_name)
        return cls(name=org_name, created_at=_created(created_at, clock), **fields)

    # --- reading -----------------------------------------------------------

    @property
    def kind(self) -> PartyKind:
        """Whether the party is a person or an organisation."""
        return PartyKind.PERSON if isinstance(self.name, PersonName) else PartyKind.ORGANIZATION

    @property
    def display_name(self) -> str:
        """The display name given at construction, or the one derived from the name."""
        return self._display_name or self.name.display

    @property
    def is_deleted(self) -> bool:
        """Whether the party is soft-deleted."""
        return self.deleted_at is not None

    def has_role(self, role: Role | str) -> bool:
        """Return whether the party plays ``role``."""
        return _role(role, "role") in self.roles

    def profile(self, role: Role | str) -> RoleProfile | None:
        """Return the party's profile for ``role``, or ``None``."""
        wanted = _role(role, "role")
        for profile in self.profiles:
            if profile.role is wanted:
                return profile
        return None

    def contacts_of(self, kind: ContactKind | str) -> tuple[ContactPoint, ...]:
        """Return the contact points of ``kind``, in order."""
        wanted = _contact_kind(kind)
        return tuple(contact for contact in self.contacts if contact.kind is wanted)

    def primary(self, kind: ContactKind | str) -> ContactPoint | None:
        """Return the primary contact point of ``kind``, else the first of that kind, or ``None``.

        >>> from crmcore.model import EmailAddress
        >>> party = Party.person(family="Müller", created_at="2026-01-05T10:00:00+01:00",
        ...                      contacts=[EmailAddress("info@mueller.de"),
        ...                                EmailAddress("k.mueller@mueller.de", primary=True)])
        >>> party.primary("email").address
        'k.mueller@mueller.de'
        """
        of_kind = self.contacts_of(kind)
        for contact in of_kind:
            if contact.primary:
                return contact
        return of_kind[0] if of_kind else None

    def identifier(self, scheme: str, country: str | None = None) -> Identifier | None:
        """Return the first identifier of ``scheme`` (and ``country``, if given), or ``None``.

        The scheme is read as :class:`Identifier` reads it: ``"pl.nip"`` is
        ``"nip"`` in ``"PL"``.

        Raises:
            ValidationError: ``country.unknown`` if ``country`` is not an ISO
                3166-1 alpha-2 code; ``identifier.country_mismatch`` if
                ``country`` contradicts the scheme.
        """
        scheme, country = canonical_name(scheme.lower(), optional_country(country))
        for each in self.identifiers:
            if each.scheme == scheme and (country is None or each.country == country):
                return each
        return None

    def external_key(self, system: str) -> str | None:
        """Return the party's key in ``system``, or ``None``."""
        for each in self.external_keys:
            if each.system == system:
                return each.key
        return None

    # --- changing (each returns a new, validated party) --------------------

    def with_role(self, role: Role | str, profile: RoleProfile | None = None) -> Self:
        """Return the party with ``role`` added, and ``profile`` set for it if given."""
        added = _role(role, "roles")
        profiles = self.profiles
        if profile is not None:
            profiles = (*(p for p in profiles if p.role is not profile.role), profile)
        return attrs.evolve(self, roles=self.roles | {added}, profiles=profiles)

    def with_profile(self, profile: RoleProfile) -> Self:
        """Return the party with ``profile`` set (replacing one of its role), adding the role."""
        return self.with_role(profile.role, profile)

    def without_role(self, role: Role | str) -> Self:
        """Return the party without ``role`` and without its profile."""
        removed = _role(role, "roles")
        return attrs.evolve(
            self,
            roles=self.roles - {removed},
            profiles=tuple(p for p in self.profiles if p.role is not removed),
        )

    def with_contact(self, contact: ContactPoint) -> Self:
        """Return the party with ``contact`` added last.

        A primary contact takes over: the previous primary of its kind stays,
        no longer primary.
        """
        contacts = self.contacts
        if contact.primary:
            contacts = tuple(
                attrs.evolve(c, primary=False) if c.primary and c.kind is contact.kind else c
                for c in contacts
            )
        return attrs.evolve(self, contacts=(*contacts, contact))

    def without_contact(self, contact: ContactPoint) -> Self:
        """Return the party without ``contact`` (every equal one)."""
        return attrs.evolve(self, contacts=tuple(c for c in self.contacts if c != contact))

    def with_identifier(self, identifier: Identifier) -> Self:
        """Return the party with ``identifier`` added."""
        return attrs.evolve(self, identifiers=(*self.identifiers, identifier))

    def with_external_key(self, key: ExternalKey) -> Self:
        """Return the party with the external ``key`` added."""
        return attrs.evolve(self, external_keys=(*self.external_keys, key))

    def with_attributes(self, values: Mapping[str, object] | None = None, **more: object) -> Self:
        """Return the party with attributes set; a value of ``None`` removes one."""
        return attrs.evolve(self, attributes=self.attributes.merged({**(values or {}), **more}))

    def with_tags(self, *tags: str) -> Self:
        """Return the party with ``tags`` added."""
        return attrs.evolve(self, tags=self.tags | frozenset(tags))

    def without_tags(self, *tags: str) -> Self:
        """Return the party without ``tags``."""
        return attrs.evolve(self, tags=self.tags - frozenset(tags))

    def with_groups(self, *group_ids: uuid.UUID) -> Self:
        """Return the party as a member of the groups ``group_ids`` too."""
        return attrs.evolve(self, groups=self.groups | frozenset(group_ids))

    def without_groups(self, *group_ids: uuid.UUID) -> Self:
        """Return the party no longer in the groups ``group_ids``."""
        return attrs.evolve(self, groups=self.groups - frozenset(group_ids))

    def with_holding(self, holding: Holding) -> Self:
        """Return the party with ``holding`` added."""
        return attrs.evolve(self, holdings=(*self.holdings, holding))

    def deleted(self, *, at: datetime | None = None, clock: Clock = utc_now) -> Self:
        """Return the party soft-deleted ``at`` (``clock()`` if not given)."""
        return attrs.evolve(self, deleted_at=at if at is not None else clock())

    def restored(self) -> Self:
        """Return the party no longer soft-deleted."""
        return attrs.evolve(self, deleted_at=None)


#: The longest text (quotes and escapes included) a repr shows whole; a longer
#: one is cut, with an ellipsis.
_REPR_TEXT = 60


def _shortened(text: str) -> str:
    shown = repr(text)
    if len(shown) <= _REPR_TEXT:
        return shown
    return shown[: _REPR_TEXT - 2] + "…" + shown[0]


def _created(created_at: object, clock: Clock) -> datetime:
    return as_moment(clock() if created_at is None else created_at, "created_at")

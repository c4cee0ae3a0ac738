"""Affiliations: ties between two parties, with a position and dates."""

from __future__ import annotations

import uuid
from datetime import date

import attrs

from crmcore._i18n import N_
from crmcore.ids import new_id
from crmcore.model._checks import (
    as_member,
    bind_field_names,
    fail,
    to_optional_short_text,
    to_uuid,
)
from crmcore.model._enums import AffiliationKind
from crmcore.model._moments import (
    check_period,
    to_optional_date,
)

__all__ = ["Affiliation"]


def _to_kind(value: object, field: str = "value") -> AffiliationKind:
    return as_member(AffiliationKind, value, field, "affiliation.unknown_kind")


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class Affiliation:
    """A tie from one party to another, read as "party *kind* related party".

    Affiliations are many-to-many: a person may work at several organisations,
    an organisation employs many people, a branch belongs to its head office.
    They are stored apart from the parties they join, so adding one changes
    neither party.

    Attributes:
        party_id: The party the tie starts from (the person, the branch).
        related_party_id: The party it points to (the employer, the head office).
        kind: What the tie is: works at, represents, branch of, ...
        position: The party's role within the tie (``"purchasing manager"``,
            ``"kierownik zakupów"``), if any.
        since: The day the tie began, if known.
        until: The day it ended, if it has.
        id: The affiliation's id.

    >>> person_id, company_id = new_id(), new_id()
    >>> Affiliation(party_id=person_id, related_party_id=company_id, kind="works_at",
    ...             position="kierownik zakupów", since=date(2024, 1, 1)).kind
    <AffiliationKind.WORKS_AT: 'works_at'>
    """

    party_id: uuid.UUID = attrs.field(converter=to_uuid)
    related_party_id: uuid.UUID = attrs.field(converter=to_uuid)
    kind: AffiliationKind = attrs.field(converter=_to_kind)
    position: str | None = attrs.field(default=None, converter=to_optional_short_text)
    since: date | None = attrs.field(default=None, converter=to_optional_date)
    until: date | None = attrs.field(default=None, converter=to_optional_date)
    id: uuid.UUID = attrs.field(factory=new_id, converter=to_uuid)

    def __attrs_post_init__(self) -> None:
        if self.party_id == self.related_party_id:
            fail(
                "affiliation.self",
                N_("a party cannot be affiliated with itself"),
                field="related_party_id",
                value=str(self.related_party_id),
            )
        check_period(self.since, self.until)

    def active_on(self, day: date) -> bool:
        """Return whether the tie holds on ``day``."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )

"""The model's small vocabularies: party kinds, roles, channels, directions, item kinds.

Each is a :class:`~enum.StrEnum`: a member compares equal to its value, and
the value is what the dict form holds. Converters accept either.
"""

from __future__ import annotations

import enum

__all__ = [
    "AffiliationKind",
    "Channel",
    "ContactKind",
    "Direction",
    "ItemKind",
    "PartyKind",
    "PhoneLine",
    "PricePositioning",
    "Role",
]


class PartyKind(enum.StrEnum):
    """Whether a party is a person or an organisation."""

    PERSON = "person"
    ORGANIZATION = "organization"


class Role(enum.StrEnum):
    """A role a party plays for the company; a party holds a set of them.

    >>> Role("supplier") is Role.SUPPLIER
    True
    """

    CLIENT = "client"
    PROSPECT = "prospect"
    PARTNER = "partner"
    SUPPLIER = "supplier"
    COMPETITOR = "competitor"


class Channel(enum.StrEnum):
    """A channel of contact or of sale: how an interaction, a campaign or a purchase went."""

    EMAIL = "email"
    PHONE = "phone"
    SMS = "sms"
    MESSENGER = "messenger"
    MEETING = "meeting"
    VISIT = "visit"
    LETTER = "letter"
    WEB = "web"
    STORE = "store"
    MARKETPLACE = "marketplace"
    EVENT = "event"
    SOCIAL = "social"
    OTHER = "other"


class Direction(enum.StrEnum):
    """Who started an interaction: the party (inbound) or the company (outbound)."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"


class ContactKind(enum.StrEnum):
    """The kind of a contact point; one contact point per kind may be primary."""

    PHONE = "phone"
    EMAIL = "email"
    POSTAL = "postal"
    WEBSITE = "website"
    MESSENGER = "messenger"


class PhoneLine(enum.StrEnum):
    """What a phone number reaches."""

    MOBILE = "mobile"
    LANDLINE = "landline"
    FAX = "fax"


class ItemKind(enum.StrEnum):
    """Whether a purchased or held item is a product or a service."""

    PRODUCT = "product"
    SERVICE = "service"


class PricePositioning(enum.StrEnum):
    """Where a competitor prices itself against the market."""

    BUDGET = "budget"
    MID_MARKET = "mid_market"
    PREMIUM = "premium"


class AffiliationKind(enum.StrEnum):
    """How one party is tied to another, read as "party *kind* related party"."""

    WORKS_AT = "works_at"
    REPRESENTS = "represents"
    MEMBER_OF = "member_of"
    OWNER_OF = "owner_of"
    BRANCH_OF = "branch_of"
    SUBSIDIARY_OF = "subsidiary_of"
    RELATED_TO = "related_to"

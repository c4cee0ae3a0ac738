"""The domain model: parties, their parts and their activities.

Every class is an immutable, slotted attrs class, validated on construction
and changed with :func:`attrs.evolve` (or a ``with_*`` method), which
validates again. Invalid input raises :class:`~crmcore.errors.ValidationError`
naming the field; a wrong type is a ``ValidationError`` too.

The model checks structure (types, enums, currencies, timezone-aware moments,
attribute declarations, one primary contact per kind, non-empty names); the
syntax of a phone number or a tax number is :mod:`crmcore.standardize`'s job,
done before the values reach the model.

>>> import crmcore.model as m
>>> party = m.Party.organization("Kowalski i Synowie", legal_form="sp. z o.o.",
...                              roles=["client"], created_at="2026-11-23T09:30:00+01:00")
>>> m.from_dict(m.Party, m.to_dict(party)) == party
True
"""

from crmcore.model._activities import Campaign, Interaction, OrderLine, Purchase
from crmcore.model._affiliations import Affiliation
from crmcore.model._attributes import (
    AttributeCategory,
    AttributeDefinition,
    Attributes,
    AttributeSchema,
    AttributeType,
    AttributeValue,
)
from crmcore.model._contacts import (
    ContactPoint,
    EmailAddress,
    MessengerHandle,
    PhoneNumber,
    PostalAddress,
    Website,
)
from crmcore.model._enums import (
    AffiliationKind,
    Channel,
    ContactKind,
    Direction,
    ItemKind,
    PartyKind,
    PhoneLine,
    PricePositioning,
    Role,
)
from crmcore.model._groups import Group, GroupTree
from crmcore.model._holdings import Holding
from crmcore.model._identifiers import ExternalKey, Identifier
from crmcore.model._money import Money
from crmcore.model._names import OrganizationName, PersonName
from crmcore.model._party import Clock, Party
from crmcore.model._roles import (
    ClientProfile,
    CompetitorProfile,
    PartnerProfile,
    ProspectProfile,
    RoleProfile,
    SupplierProfile,
)
from crmcore.model._serialization import SCHEMA_VERSION, from_dict, to_dict

__all__ = [
    "SCHEMA_VERSION",
    "Affiliation",
    "AffiliationKind",
    "AttributeCategory",
    "AttributeDefinition",
    "AttributeSchema",
    "AttributeType",
    "AttributeValue",
    "Attributes",
    "Campaign",
    "Channel",
    "ClientProfile",
    "Clock",
    "CompetitorProfile",
    "ContactKind",
    "ContactPoint",
    "Direction",
    "EmailAddress",
    "ExternalKey",
    "Group",
    "GroupTree",
    "Holding",
    "Identifier",
    "Interaction",
    "ItemKind",
    "MessengerHandle",
    "Money",
    "OrderLine",
    "OrganizationName",
    "PartnerProfile",
    "Party",
    "PartyKind",
    "PersonName",
    "PhoneLine",
    "PhoneNumber",
    "PostalAddress",
    "PricePositioning",
    "ProspectProfile",
    "Purchase",
    "Role",
    "RoleProfile",
    "SupplierProfile",
    "Website",
    "from_dict",
    "to_dict",
]


def __dir__() -> list[str]:
    # Only the public surface: not the private modules that import as attributes.
    return sorted(__all__)

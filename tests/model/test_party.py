import uuid
from datetime import UTC, date, datetime, timedelta

import attrs
import pytest

from crmcore.errors import ValidationError
from crmcore.model import (
    Attributes,
    ClientProfile,
    CompetitorProfile,
    ContactKind,
    EmailAddress,
    ExternalKey,
    Holding,
    Identifier,
    Money,
    OrganizationName,
    Party,
    PartyKind,
    PersonName,
    PhoneNumber,
    PostalAddress,
    Role,
    SupplierProfile,
)

CREATED = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def org(**fields):
    return Party.organization("Ромашка", legal_form="ТОВ", created_at=CREATED, **fields)


def test_an_organisation_can_be_client_and_supplier_with_a_profile_each():
    party = org(
        roles={"client", Role.SUPPLIER},
        profiles=[
            SupplierProfile(payment_terms="14 днів", lead_time_days=3, supplies=["пакування"]),
            ClientProfile(value_tier="A", potential=Money("250000", "UAH"), since=date(2024, 1, 1)),
        ],
    )
    assert party.roles == {Role.CLIENT, Role.SUPPLIER}
    assert party.has_role("client")
    assert party.has_role(Role.SUPPLIER)
    assert not party.has_role(Role.COMPETITOR)
    assert [p.role for p in party.profiles] == [Role.CLIENT, Role.SUPPLIER]  # ordered by role
    assert party.profile("supplier").lead_time_days == 3
    assert party.profile(Role.PARTNER) is None
    assert party.kind is PartyKind.ORGANIZATION
    assert party.display_name == "Ромашка"
    assert party.name == OrganizationName("Ромашка", legal_form="ТОВ")


def test_a_person_with_a_patronymic():
    person = Party.person(
        given="Олена", patronymic="Петрівна", family="Коваленко", title="д-р", created_at=CREATED
    )
    assert person.kind is PartyKind.PERSON
    assert person.display_name == "Олена Петрівна Коваленко"
    assert person.name.title == "д-р"


def test_display_name_is_derived_unless_given():
    person = Party.person(given="Jan", family="Kowalski", created_at=CREATED)
    renamed = attrs.evolve(person, name=PersonName(given="Jan", family="Nowak"))
    assert renamed.display_name == "Jan Nowak"
    custom = attrs.evolve(person, display_name="Jan Kowalski (Warszawa)")
    assert custom.display_name == "Jan Kowalski (Warszawa)"
    same = attrs.evolve(person, display_name="Jan Kowalski")
    assert same == person  # the derived name is not stored


def test_the_clock_is_injected():
    moment = datetime(2030, 1, 1, tzinfo=UTC)
    party = Party.person(family="Müller", clock=lambda: moment)
    assert party.created_at == party.updated_at == moment
    assert Party.person(family="Müller").created_at.tzinfo is not None


def test_ids_are_uuid7_by_default_and_accept_text():
    party = org()
    assert party.id.version == 7
    given = uuid.UUID("0193f1c2-7d4e-7a51-9c3b-5f2e8d1a6b70")
    assert org(id=str(given)).id == given


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"roles": ["client", "investor"]}, "roles", "party.unknown_role"),
        ({"roles": "client"}, "roles", "collection.not_collection"),
        ({"profiles": [ClientProfile()]}, "profiles[0]", "party.profile_without_role"),
        (
            {"roles": ["client"], "profiles": [ClientProfile(), ClientProfile(segment="x")]},
            "profiles[1]",
            "party.duplicate_profile",
        ),
        ({"profiles": ["client"]}, "profiles[0]", "party.not_profile"),
        (
            {
                "contacts": [
                    PhoneNumber("+48601234567", primary=True),
                    PhoneNumber("+48221234567", primary=True),
                ]
            },
            "contacts[1].primary",
            "party.duplicate_primary",
        ),
        ({"contacts": ["+48601234567"]}, "contacts[0]", "party.not_contact_point"),
        (
            {"identifiers": [Identifier("nip", "5260250995", country="PL")] * 2},
            "identifiers[1]",
            "party.duplicate_identifier",
        ),
        ({"identifiers": [("nip", "1")]}, "identifiers[0]", "party.not_identifier"),
        (
            {"external_keys": [ExternalKey("1C", "1")] * 2},
            "external_keys[1]",
            "party.duplicate_external_key",
        ),
        ({"external_keys": [{"1C": "1"}]}, "external_keys[0]", "party.not_external_key"),
        ({"holdings": ["hosting"]}, "holdings[0]", "party.not_holding"),
        ({"attributes": [("age", 3)]}, "attributes", "attribute.not_mapping"),
        ({"attributes": {"Hair Type": "curly"}}, "attributes.Hair Type", "attribute.invalid_name"),
        ({"attributes": {"age": 3.5}}, "attributes.age", "decimal.float"),
        (
            {"attributes": {"when": datetime(2024, 1, 1, tzinfo=UTC)}},
            "attributes.when",
            "date.not_date",
        ),
        ({"attributes": {"x": object()}}, "attributes.x", "attribute.unsupported_value"),
        ({"tags": ["vip", ""]}, "tags", "text.empty"),
        ({"tags": ["vip", 7]}, "tags", "text.not_text"),
        ({"groups": ["not-a-uuid"]}, "groups", "uuid.invalid"),
        ({"version": -1}, "version", "number.too_small"),
        ({"version": True}, "version", "number.not_integer"),
        ({"version": "1"}, "version", "number.not_integer"),
        ({"customer_number": "x" * 201}, "customer_number", "text.too_long"),
        ({"display_name": "a\x00b"}, "display_name", "text.control_character"),
        ({"id": "nope"}, "id", "uuid.invalid"),
        ({"updated_at": datetime(2026, 1, 1)}, "updated_at", "moment.naive"),  # noqa: DTZ001
        ({"deleted_at": "yesterday"}, "deleted_at", "moment.invalid"),
    ],
)
def test_invalid_construction_names_the_field(fields, field, code):
    with pytest.raises(ValidationError) as info:
        org(**fields)
    assert (info.value.field, info.value.code) == (field, code)


def test_name_must_be_a_name():
    with pytest.raises(ValidationError) as info:
        Party(name="Ромашка", created_at=CREATED)
    assert (info.value.field, info.value.code) == ("name", "party.not_name")
    with pytest.raises(ValidationError) as info:
        Party.person(created_at=CREATED)
    assert info.value.code == "name.empty"
    with pytest.raises(ValidationError) as info:
        Party.organization("  ", created_at=CREATED)
    assert (info.value.field, info.value.code) == ("name", "text.empty")


def test_friendly_inputs_are_stored_immutable():
    party = org(
        roles=["client"],
        tags=["vip"],
        contacts=[EmailAddress("a@b.pl")],
        attributes={"interests": ["yoga"]},
    )
    assert isinstance(party.roles, frozenset)
    assert isinstance(party.tags, frozenset)
    assert isinstance(party.contacts, tuple)
    assert isinstance(party.attributes, Attributes)
    assert party.attributes["interests"] == frozenset({"yoga"})
    hash(party)


def test_empty_containers_are_shared():
    a, b = org(), org()
    assert a.roles is b.roles
    assert a.tags is b.tags
    assert a.attributes is b.attributes
    assert org(tags=[]).tags is a.tags


def test_contacts_primary_and_changes():
    work = EmailAddress("biuro@kowalski.pl", primary=True)
    private = EmailAddress("jan@kowalski.pl")
    party = org(contacts=[private, work, PhoneNumber("+48601234567")])
    assert party.primary("email") == work
    assert party.primary(ContactKind.PHONE).number == "+48601234567"
    assert party.primary("postal") is None
    assert party.contacts_of("email") == (private, work)
    with pytest.raises(ValidationError) as info:
        party.primary("pigeon")
    assert info.value.code == "contact.unknown_kind"

    new = EmailAddress("zakupy@kowalski.pl", primary=True)
    changed = party.with_contact(new)
    assert changed.primary("email") == new
    assert attrs.evolve(work, primary=False) in changed.contacts
    assert party.contacts == (private, work, PhoneNumber("+48601234567"))  # unchanged
    assert changed.without_contact(new).primary("email") == private
    assert (
        party.with_contact(PostalAddress(locality="Kraków")).primary("postal").locality == "Kraków"
    )


def test_roles_change():
    party = org(roles=["client"])
    supplier = party.with_role("supplier")
    assert supplier.roles == {Role.CLIENT, Role.SUPPLIER}
    profiled = party.with_profile(CompetitorProfile(products=["chemia"]))
    assert profiled.has_role("competitor")
    replaced = profiled.with_profile(CompetitorProfile(products=["farby"]))
    assert replaced.profile("competitor").products == {"farby"}
    removed = replaced.without_role("competitor")
    assert removed.roles == {Role.CLIENT}
    assert removed.profiles == ()
    with pytest.raises(ValidationError) as info:
        party.without_role("boss")
    assert info.value.code == "party.unknown_role"


def test_identifiers_keys_attributes_tags_groups_holdings():
    group = uuid.uuid4()
    party = (
        org()
        .with_identifier(Identifier("edrpou", "32855961", country="UA"))
        .with_external_key(ExternalKey("1C", "000123"))
        .with_attributes({"fleet_size": 12}, segment="horeca")
        .with_tags("vip", "опт")
        .with_groups(group)
        .with_holding(Holding("Hosting"))
    )
    assert party.identifier("EDRPOU").value == "32855961"
    assert party.identifier("edrpou", "ua").value == "32855961"
    assert party.identifier("edrpou", "PL") is None
    assert party.external_key("1C") == "000123"
    assert party.external_key("SAP") is None
    assert party.attributes == {"fleet_size": 12, "segment": "horeca"}
    assert party.with_attributes(segment=None).attributes == {"fleet_size": 12}
    assert party.tags == {"vip", "опт"}
    assert party.without_tags("vip").tags == {"опт"}
    assert party.groups == {group}
    assert party.without_groups(group).groups == frozenset()
    assert party.holdings == (Holding("Hosting"),)
    with pytest.raises(ValidationError) as info:
        party.with_identifier(Identifier("edrpou", "32855961", country="UA"))
    assert info.value.code == "party.duplicate_identifier"


def test_soft_delete():
    party = org()
    at = CREATED + timedelta(days=1)
    deleted = party.deleted(at=at)
    assert deleted.is_deleted
    assert deleted.deleted_at == at
    assert not deleted.restored().is_deleted
    assert party.deleted(clock=lambda: at).deleted_at == at


def test_profiles_validate_their_fields():
    with pytest.raises(ValidationError) as info:
        SupplierProfile(lead_time_days=-1)
    assert (info.value.field, info.value.code) == ("lead_time_days", "number.too_small")
    with pytest.raises(ValidationError) as info:
        ClientProfile(potential="100 PLN")
    assert (info.value.field, info.value.code) == ("potential", "profile.not_money")
    with pytest.raises(ValidationError) as info:
        ClientProfile(preferred_channel="pigeon")
    assert (info.value.field, info.value.code) == ("preferred_channel", "channel.unknown")
    with pytest.raises(ValidationError) as info:
        CompetitorProfile(price_positioning="cheap")
    assert info.value.code == "profile.unknown_price_positioning"
    with pytest.raises(ValidationError) as info:
        CompetitorProfile(strengths=["logistyka", " "])
    assert (info.value.field, info.value.code) == ("strengths[1]", "text.empty")
    with pytest.raises(ValidationError) as info:
        ClientProfile(since=date(2025, 1, 1), until=date(2024, 1, 1))
    assert info.value.code == "period.end_before_start"


def test_sets_of_roles_are_shared():
    assert org(roles=["client", "supplier"]).roles is org(roles={Role.SUPPLIER, Role.CLIENT}).roles

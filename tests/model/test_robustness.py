"""Junk in any field of any model class: the one outcome each kind of input must have.

Every field is of a family (text, canonical value, moment, collection, enum,
...), named by its converter; each family states, for each class of junk, the
exact outcome: accepted, or refused with one reason code naming that field.
A field whose converter no family knows fails the coverage test, so a new
field gets its expectations written down.
"""

import functools
from datetime import UTC, date, datetime
from decimal import Decimal

import attrs
import pytest

import crmcore.model as m
from crmcore.errors import ValidationError
from crmcore.ids import new_id

AT = datetime(2026, 11, 23, tzinfo=UTC)
MONEY = m.Money("1", "PLN")

# One valid set of arguments per class; the test spoils one field at a time.
VALID = {
    m.Money: {"amount": "1", "currency": "PLN"},
    m.PersonName: {"family": "Wójcik"},
    m.OrganizationName: {"name": "Ромашка"},
    m.PhoneNumber: {"number": "+48601234567"},
    m.EmailAddress: {"address": "a@b.pl"},
    m.Website: {"url": "https://b.pl"},
    m.MessengerHandle: {"service": "telegram", "handle": "@a"},
    m.PostalAddress: {"locality": "Київ"},
    m.Identifier: {"scheme": "nip", "value": "1"},
    m.ExternalKey: {"system": "1C", "key": "1"},
    m.ClientProfile: {},
    m.ProspectProfile: {},
    m.PartnerProfile: {},
    m.SupplierProfile: {},
    m.CompetitorProfile: {},
    m.Holding: {"item": "Hosting"},
    m.Group: {"name": "HoReCa"},
    m.Party: {"name": m.PersonName(family="Wójcik"), "created_at": AT},
    m.Affiliation: {"party_id": new_id(), "related_party_id": new_id(), "kind": "works_at"},
    m.Interaction: {
        "party_id": new_id(),
        "channel": "phone",
        "direction": "inbound",
        "occurred_at": AT,
    },
    m.OrderLine: {"item": "a", "quantity": 1, "amount": MONEY},
    m.Purchase: {"party_id": new_id(), "lines": [m.OrderLine("a", 1, MONEY)], "occurred_at": AT},
    m.Campaign: {"name": "x", "starts_on": date(2026, 1, 1)},
    m.AttributeDefinition: {"name": "age", "value_type": "integer"},
    m.AttributeSchema: {"definitions": []},
    m.GroupTree: {"groups": []},
}

# --- the classes of junk -------------------------------------------------------------

JUNK = {
    "none": None,
    "true": True,
    "integer": 7,
    "float": 1.5,
    "nan": Decimal("NaN"),
    "empty": "",
    "blank": "   ",
    "nul": "Nowak\x00",
    "long": "ж" * 1001,
    "bytes": b"Kowalski",
    "ints": [1, 2],
    "mapping": {"fleet_size": 12},
    "object": object(),
    "naive": datetime(2026, 1, 1),  # noqa: DTZ001 - the junk itself
    "date": date(2026, 1, 1),
    "money": MONEY,
    "word": "Παπαδόπουλος",
}
TEXTS = {"empty", "blank", "nul", "long", "word"}
NOT_TEXT = set(JUNK) - TEXTS
OK = None  # accepted


def _text(word, *, none=None, blank=None):
    """A text field: ``word`` is the outcome of a plain word; ``none``/``blank`` of those."""
    outcome = dict.fromkeys(NOT_TEXT, "text.not_text")
    outcome.update(empty="text.empty", blank="text.empty", nul="text.control_character")
    outcome.update(long="text.too_long", word=word)
    if none is not None:
        outcome["none"] = none[0]
    if blank is not None:
        outcome.update(empty=blank[0], blank=blank[0])
    return outcome


def _every(code, **accepted):
    """A field that refuses every junk with ``code`` but the classes named ``True``."""
    return {name: OK if accepted.get(name) else code for name in JUNK}


def _moment(*, optional):
    outcome = dict.fromkeys(NOT_TEXT, "moment.not_datetime")
    outcome.update(dict.fromkeys(TEXTS, "moment.invalid"), naive="moment.naive")
    return {**outcome, "none": OK} if optional else outcome


def _date(*, optional):
    outcome = dict.fromkeys(NOT_TEXT, "date.not_date")
    outcome.update(dict.fromkeys(TEXTS, "date.invalid"), date=OK)
    return {**outcome, "none": OK} if optional else outcome


def _number(code, *, optional=False, decimal=True):
    outcome = _every(code, integer=True)
    if decimal:
        outcome["float"] = "decimal.float"
    return {**outcome, "none": OK} if optional else outcome


def _collection(item_code):
    """Anything but a list, tuple or set is no collection; ``[1, 2]`` holds wrong items."""
    return {**_every("collection.not_collection"), "ints": item_code}


OPTIONAL_TEXT = _text(OK, none=(OK,), blank=(OK,))

#: The outcome of each class of junk, per family of fields (named by converter).
FAMILIES = {
    "to_short_text": _text(OK),
    "to_optional_short_text": OPTIONAL_TEXT,
    "to_optional_text": OPTIONAL_TEXT,
    "canonical_phone": _text("phone.not_canonical"),
    "canonical_email": _text("email.not_canonical"),
    "canonical_website": _text("website.not_canonical"),
    "canonical_customer_number": _text("customer_number.not_canonical", none=(OK,)),
    "to_optional_canonical_country": _every("country.unknown", none=True),
    "_scheme": _text("identifier.invalid_scheme"),
    "_to_elf_code": _text("organization.invalid_elf_code", none=(OK,), blank=(OK,)),
    "to_bool": _every("boolean.not_boolean", true=True),
    "to_uuid": _every("uuid.invalid"),
    "to_optional_uuid": _every("uuid.invalid", none=True),
    "to_moment": _moment(optional=False),
    "to_optional_moment": _moment(optional=True),
    "to_date": _date(optional=False),
    "to_optional_date": _date(optional=True),
    "to_decimal": _number("decimal.invalid"),
    "to_non_negative_decimal": _number("decimal.invalid"),
    "to_optional_decimal": _number("decimal.invalid", optional=True),
    "_amount": _number("money.invalid_amount"),
    "to_non_negative_int": _number("number.not_integer", decimal=False),
    "to_optional_non_negative_int": _number("number.not_integer", optional=True, decimal=False),
    "to_optional_positive_int": _number("number.not_integer", optional=True, decimal=False),
    "to_short_text_set": _collection("text.not_text"),
    "to_text_tuple": _collection("text.not_text"),
    "to_uuid_set": _collection("uuid.invalid"),
    "_to_channels": _collection("channel.unknown"),
    "_to_kinds": _collection("party.unknown_kind"),
    "_to_roles": _collection("party.unknown_role"),
    "_to_profiles": _collection("party.not_profile"),
    "_to_contacts": _collection("party.not_contact_point"),
    "_to_identifiers": _collection("party.not_identifier"),
    "_to_external_keys": _collection("party.not_external_key"),
    "_to_holdings": _collection("party.not_holding"),
    "_to_lines": _collection("purchase.not_order_line"),
    "_to_groups": _collection("group.not_group"),
    "_to_definitions": _collection("attribute.not_definition"),
    "_currency": _every("money.unknown_currency"),
    "_definition_name": _every("attribute.invalid_name"),
    "_to_category": _every("attribute.unknown_category"),
    "_to_type": _every("attribute.unknown_type"),
    "_to_direction": _every("interaction.unknown_direction"),
    "_to_item_kind": _every("item.unknown_kind"),
    "_to_line": _every("phone.unknown_line", none=True),
    "_to_channel": _every("channel.unknown"),
    "_to_optional_channel": _every("channel.unknown", none=True),
    "_to_kind": _every("item.unknown_kind"),
    "_to_price_positioning": _every("profile.unknown_price_positioning", none=True),
    "_to_money": _every("order_line.not_money", money=True),
    "_to_potential": _every("profile.not_money", money=True, none=True),
    "_to_name": _every("party.not_name"),
    "attributes_converter": _every("attribute.not_mapping", mapping=True, none=True),
}

#: Fields whose outcome differs from their family's, and why.
OVERRIDES = {
    # a name needs a family name, an address a locality (or street, or code)
    (m.PersonName, "family"): {"none": "name.empty", "empty": "name.empty", "blank": "name.empty"},
    (m.PostalAddress, "locality"): dict.fromkeys(("none", "empty", "blank"), "address.empty"),
    # a preferred channel may be left out; an interaction's may not
    (m.ClientProfile, "preferred_channel"): {"none": OK},
    # the kind of an affiliation is not the kind of an item
    (m.Affiliation, "kind"): _every("affiliation.unknown_kind"),
    # a maximum length on an integer attribute contradicts its type
    (m.AttributeDefinition, "max_length"): {"integer": "attribute.bad_declaration"},
}


def _family(cls, field):
    converter = {f.alias: f for f in attrs.fields(cls)}[field].converter
    if isinstance(converter, functools.partial):
        converter = converter.func
    return converter.__name__


def expected(cls, field, junk):
    return {**FAMILIES[_family(cls, field)], **OVERRIDES.get((cls, field), {})}[junk]


FIELDS = [(cls, field.alias) for cls in VALID for field in attrs.fields(cls) if field.init]
CASES = [(cls, field, junk) for cls, field in FIELDS for junk in JUNK]


def test_every_model_class_is_covered():
    classes = {getattr(m, name) for name in m.__all__}
    model_classes = {cls for cls in classes if isinstance(cls, type) and attrs.has(cls)}
    assert model_classes - {m.ContactPoint, m.RoleProfile} == set(VALID)


def test_every_field_has_a_family_and_every_family_every_class_of_junk():
    assert {_family(cls, field) for cls, field in FIELDS} <= set(FAMILIES)
    assert all(set(outcomes) == set(JUNK) for outcomes in FAMILIES.values())


@pytest.mark.parametrize(
    ("cls", "field", "junk"), CASES, ids=[f"{c.__name__}.{f}-{j}" for c, f, j in CASES]
)
def test_junk_has_the_one_outcome_its_class_has(cls, field, junk):
    want = expected(cls, field, junk)
    if want is OK:
        built = cls(**{**VALID[cls], field: JUNK[junk]})
        assert isinstance(built, cls)
        return
    with pytest.raises(ValidationError) as caught:
        cls(**{**VALID[cls], field: JUNK[junk]})
    error = caught.value
    assert error.code == want
    assert error.field.split(".")[0].split("[")[0] == field

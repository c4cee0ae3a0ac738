import pickle
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from crmcore.errors import ValidationError
from crmcore.model import (
    AttributeCategory,
    AttributeDefinition,
    Attributes,
    AttributeSchema,
    AttributeType,
    Party,
    PartyKind,
)

CREATED = datetime(2026, 11, 23, tzinfo=UTC)

COSMETICS = AttributeSchema(
    [
        AttributeDefinition(
            name="hair_type",
            value_type="choice",
            choices={"straight", "wavy", "curly"},
            category="demographics",
        ),
        AttributeDefinition(
            name="skin_type",
            value_type=AttributeType.CHOICE,
            choices={"dry", "oily", "normal"},
            required=True,
            applies_to={"person"},
        ),
        AttributeDefinition(
            name="age", value_type="integer", minimum=0, maximum=130, applies_to=[PartyKind.PERSON]
        ),
        AttributeDefinition(
            name="interests",
            value_type="multi_choice",
            choices={"yoga", "running", "йога"},
            category="interests",
        ),
        AttributeDefinition(name="newsletter", value_type="boolean", category="preferences"),
        AttributeDefinition(name="birthday", value_type="date"),
        AttributeDefinition(name="nickname", value_type="text", max_length=10),
        AttributeDefinition(name="fleet_size", value_type="integer", applies_to={"organization"}),
        AttributeDefinition(name="discount", value_type="decimal", minimum="0", maximum="0.5"),
    ]
)


def test_validate_converts_friendly_values():
    values = COSMETICS.validate(
        {
            "skin_type": "dry",
            "age": "34",
            "interests": ["yoga", "йога"],
            "newsletter": True,
            "birthday": "1992-04-01",
            "nickname": " Oli ",
            "discount": "0.15",
        },
        kind="person",
    )
    assert values == {
        "skin_type": "dry",
        "age": 34,
        "interests": {"yoga", "йога"},
        "newsletter": True,
        "birthday": date(1992, 4, 1),
        "nickname": "Oli",
        "discount": Decimal("0.15"),
    }
    assert isinstance(values, Attributes)


@pytest.mark.parametrize(
    ("values", "field", "code"),
    [
        (
            {"hair_type": "bald", "skin_type": "dry"},
            "attributes.hair_type",
            "attribute.not_a_choice",
        ),
        ({"skin_type": "dry", "age": 131}, "attributes.age", "attribute.out_of_range"),
        ({"skin_type": "dry", "age": -1}, "attributes.age", "attribute.out_of_range"),
        ({"skin_type": "dry", "age": "thirty"}, "attributes.age", "attribute.wrong_type"),
        ({"skin_type": "dry", "age": True}, "attributes.age", "attribute.wrong_type"),
        ({"skin_type": "dry", "interests": "yoga"}, "attributes.interests", "attribute.wrong_type"),
        (
            {"skin_type": "dry", "interests": ["chess"]},
            "attributes.interests",
            "attribute.not_a_choice",
        ),
        (
            {"skin_type": "dry", "newsletter": "yes"},
            "attributes.newsletter",
            "attribute.wrong_type",
        ),
        ({"skin_type": "dry", "birthday": "01.04.1992"}, "attributes.birthday", "date.invalid"),
        (
            {"skin_type": "dry", "nickname": "Olivia-Alexandra"},
            "attributes.nickname",
            "text.too_long",
        ),
        ({"skin_type": "dry", "discount": "0.75"}, "attributes.discount", "attribute.out_of_range"),
        ({"skin_type": "dry", "shoe_size": 38}, "attributes.shoe_size", "attribute.undeclared"),
        (
            {"skin_type": "dry", "fleet_size": 3},
            "attributes.fleet_size",
            "attribute.not_applicable",
        ),
        ({"age": 30}, "attributes.skin_type", "attribute.missing"),
    ],
)
def test_an_attribute_that_breaks_its_declaration_names_the_field(values, field, code):
    with pytest.raises(ValidationError) as info:
        COSMETICS.validate(values, kind="person")
    assert (info.value.field, info.value.code) == (field, code)


def test_required_is_checked_only_for_a_kind_it_applies_to():
    assert COSMETICS.validate({"fleet_size": 40}, kind="organization") == {"fleet_size": 40}
    assert COSMETICS.validate({}) == {}


def test_undeclared_allowed():
    schema = AttributeSchema([], allow_undeclared=True)
    assert schema.validate({"anything": "goes"}) == {"anything": "goes"}
    with pytest.raises(ValidationError) as info:
        schema.validate(["anything"])
    assert info.value.code == "attribute.not_mapping"
    with pytest.raises(ValidationError):
        schema.validate({}, kind="robot")


def test_check_a_party():
    person = Party.person(
        given="Ελένη",
        family="Παπαδοπούλου",
        created_at=CREATED,
        attributes={"skin_type": "oily", "age": "41"},
    )
    checked = COSMETICS.check(person)
    assert checked.attributes["age"] == 41
    assert COSMETICS.check(checked) is checked
    with pytest.raises(ValidationError) as info:
        COSMETICS.check(person.with_attributes(age=None, skin_type=None))
    assert info.value.code == "attribute.missing"


def test_schema_lookup():
    assert "age" in COSMETICS
    assert COSMETICS["age"].value_type is AttributeType.INTEGER
    assert COSMETICS["hair_type"].category is AttributeCategory.DEMOGRAPHICS
    with pytest.raises(KeyError):
        COSMETICS["shoe_size"]


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"name": "Hair", "value_type": "text"}, "name", "attribute.invalid_name"),
        ({"name": "x", "value_type": "colour"}, "value_type", "attribute.unknown_type"),
        (
            {"name": "x", "value_type": "text", "category": "gossip"},
            "category",
            "attribute.unknown_category",
        ),
        ({"name": "x", "value_type": "choice"}, "choices", "attribute.bad_declaration"),
        (
            {"name": "x", "value_type": "text", "choices": ["a"]},
            "choices",
            "attribute.bad_declaration",
        ),
        ({"name": "x", "value_type": "text", "minimum": 1}, "minimum", "attribute.bad_declaration"),
        (
            {"name": "x", "value_type": "integer", "max_length": 3},
            "max_length",
            "attribute.bad_declaration",
        ),
        ({"name": "x", "value_type": "integer", "max_length": 0}, "max_length", "number.too_small"),
        (
            {"name": "x", "value_type": "text", "applies_to": []},
            "applies_to",
            "attribute.bad_declaration",
        ),
        (
            {"name": "x", "value_type": "text", "applies_to": ["robot"]},
            "applies_to",
            "party.unknown_kind",
        ),
        ({"name": "x", "value_type": "integer", "minimum": 1.5}, "minimum", "decimal.float"),
    ],
)
def test_bad_declarations(fields, field, code):
    with pytest.raises(ValidationError) as info:
        AttributeDefinition(**fields)
    assert (info.value.field, info.value.code) == (field, code)


def test_duplicate_declarations():
    with pytest.raises(ValidationError) as info:
        AttributeSchema([AttributeDefinition(name="a", value_type="text")] * 2)
    assert (info.value.field, info.value.code) == (
        "definitions[1].name",
        "attribute.duplicate_definition",
    )
    with pytest.raises(ValidationError) as info:
        AttributeSchema(["a"])
    assert info.value.code == "attribute.not_definition"


def test_attributes_mapping():
    attributes = Attributes([("b", 1), ("a", "x")])
    assert list(attributes) == ["a", "b"]
    assert len(attributes) == 2
    assert attributes["a"] == "x"
    with pytest.raises(KeyError):
        attributes["c"]
    assert attributes != Attributes({"b": True, "a": "x"})  # a bool is not an int here
    assert attributes == {"a": "x", "b": 1}
    assert attributes != ["a", "b"]
    assert repr(attributes) == "Attributes({'a': 'x', 'b': 1})"
    assert hash(attributes) == hash(Attributes({"a": "x", "b": 1}))
    assert pickle.loads(pickle.dumps(attributes)) == attributes
    assert Attributes({"when": date(2024, 1, 1)})["when"] == date(2024, 1, 1)
    assert Attributes({"rate": Decimal("1.5")})["rate"] == Decimal("1.5")

"""The typed views of Party's converters are the converters, and cover every field."""

import inspect

import attrs

from crmcore.model import Party, _attributes, _canonical, _checks, _moments, _party_inputs


def test_the_keyword_fields_of_the_builders_are_the_constructor_s_other_fields():
    parameters = set(inspect.signature(Party).parameters)
    assert set(_party_inputs.PartyFields.__optional_keys__) == parameters - {"name", "created_at"}
    assert not _party_inputs.PartyFields.__required_keys__


def test_at_run_time_each_typed_view_is_the_converter_it_declares():
    views = {
        "moment": _moments.to_moment,
        "optional_moment": _moments.to_optional_moment,
        "an_id": _checks.to_uuid,
        "optional_short_text": _checks.to_optional_short_text,
        "short_text_set": _checks.to_short_text_set,
        "uuid_set": _checks.to_uuid_set,
        "non_negative_int": _checks.to_non_negative_int,
        "attributes": _attributes.attributes_converter,
        "customer_number": _canonical.canonical_customer_number,
    }
    assert set(views) | {"PartyFields"} == set(_party_inputs.__all__)
    for name, converter in views.items():
        assert getattr(_party_inputs, name) is converter


def test_every_field_converts_by_a_function_that_names_the_field():
    # bind_field_names passes the field's name to a (value, field) converter;
    # a view that hid it would make errors name "value" instead of the field.
    for field in attrs.fields(Party):
        converter = field.converter
        assert converter is not None, field.name
        if field.name != "attributes":
            assert converter.keywords == {"field": field.alias}, field.name

"""Settings are data: they round-trip, and what they refuse gets a code."""

import pytest

from crmcore.errors import ValidationError
from crmcore.matching import BlockingKey, Field, Settings, SharedValueComparison


def test_settings_round_trip_through_their_dict_form():
    settings = Settings(
        comparisons=[SharedValueComparison("phone", Field.PHONES)],
        blocking=["phone", BlockingKey.NAME, "phone"],
        max_block=20,
        birth_date="born",
    )
    assert settings.blocking == (BlockingKey.PHONE, BlockingKey.NAME)
    assert Settings.from_dict(settings.to_dict()) == settings
    assert Settings(comparisons=[{"type": "shared_value", "name": "phone", "field": "phones"}])


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({"comparisons": []}, "settings.comparisons"),
        ({"comparisons": "phone"}, "settings.comparisons"),
        ({"comparisons": 5}, "settings.comparisons"),
        ({"comparisons": [SharedValueComparison("x", Field.PHONES)] * 2}, "settings.comparisons"),
        ({"comparisons": [object()]}, "settings.comparisons"),
        ({"blocking": []}, "settings.blocking"),
        ({"blocking": ["postcode"]}, "settings.blocking"),
        ({"blocking": 7}, "settings.blocking"),
        ({"max_block": 1}, "settings.max_block"),
        ({"max_block": True}, "settings.max_block"),
        ({"max_block": "100"}, "settings.max_block"),
        ({"birth_date": "birth date"}, "settings.birth_date"),
        ({"birth_date": None}, "settings.birth_date"),
    ],
)
def test_bad_settings_are_refused_with_a_code(arguments, code):
    with pytest.raises(ValidationError) as raised:
        Settings(**arguments)
    assert raised.value.code == code


@pytest.mark.parametrize("data", [[], {"colour": "red"}, "settings"])
def test_what_are_not_settings_is_refused(data):
    with pytest.raises(ValidationError) as raised:
        Settings.from_dict(data)
    assert raised.value.code == "settings.invalid"

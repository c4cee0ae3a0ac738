"""A phone's look-up key never holds its extension, whether or not the number can be read.

A number that does not validate (a national number of a party whose country
is not known) falls back to its digits; an extension written after it must
not become part of those digits, or the party is not found by its number.
"""

from __future__ import annotations

import pytest

from crmcore.errors import ValidationError
from crmcore.model import PhoneNumber
from crmcore.standardize import phones
from crmcore.storage import _lookup_keys as keys

# National numbers of the markets, which need their country to be read.
_NUMBERS = {
    "61 852 01 23": "PL",
    "(032) 245-67-89": "UA",
    "8 (812) 345-67-89": "RU",
    "2310 123456": "GR",
    "089 1234567": "DE",
    "0161 496 0123": "GB",
}
_EXTENSIONS = (" wew. 45", " доб. 301", " вн. 12", " εσωτ. 7", " Durchwahl 15", " ext. 9")
_CASES = [(n, e) for n in _NUMBERS for e in _EXTENSIONS]


@pytest.mark.parametrize(("number", "extension"), _CASES)
def test_a_number_read_in_its_country_is_keyed_without_its_extension(
    number: str, extension: str
) -> None:
    country = _NUMBERS[number]
    assert keys.phone_key(number + extension, country) == keys.phone_key(number, country)
    assert keys.phone_key(number, country).startswith("+")


@pytest.mark.parametrize(("number", "extension"), _CASES)
def test_the_fallback_key_of_a_number_without_a_country_has_no_extension(
    number: str, extension: str
) -> None:
    assert not phones.is_valid(number + extension)  # no country: it cannot be read
    assert keys.phone_key(number + extension) == keys.phone_key(number)
    # Nor can such a number be stored: the model takes canonical numbers only,
    # so no party holds a key that a look-up of its own number would miss.
    with pytest.raises(ValidationError) as info:
        PhoneNumber(number + extension)
    assert info.value.code == "phone.not_canonical"

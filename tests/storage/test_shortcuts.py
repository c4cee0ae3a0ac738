"""The key shortcuts give exactly the keys of the general path."""

import pytest
from hypothesis import example, given, settings

from crmcore.errors import ValidationError
from crmcore.storage import _lookup_keys as keys
from crmcore.storage._shortcuts import email_shortcut, phone_shortcut, tax_shortcut

from .strategies import email_addresses, phone_countries, phone_numbers, tax_values


@settings(max_examples=1500, deadline=None)
@given(phone_numbers(), phone_countries())
@example("+49030123456", None)  # a German trunk 0 after the calling code
@example("+78001234567", "RU")  # Russia's national prefix 8 is also the toll-free range
@example("+39061234567", None)  # Italy: the leading zero is part of the number
@example("+0048601234567", None)
@example("+0012012000000", "PL")  # read as "00 1 201...", the international prefix, in Poland
def test_phone_key_is_the_general_key(number, country):
    assert keys.phone_key(number, country) == keys.read_phone_key(number, country)


@settings(max_examples=1500, deadline=None)
@given(email_addresses())
@example("a`b@example.pl")  # text cleaning turns the grave accent into an apostrophe
@example("jan@exa--mple.pl")
@example("jan@example.123")
def test_email_key_is_the_general_key(address):
    assert keys.email_key(address) == keys.read_email_key(address)


@settings(max_examples=1000, deadline=None)
@given(tax_values())
def test_tax_value_key_is_the_general_key(value):
    assert keys.identifier_value_key("nip", value) == keys.read_tax_value(value)


def test_shortcuts_take_the_common_shapes():
    assert phone_shortcut("+48601234567") == "+48601234567"
    assert phone_shortcut("+380441234567") == "+380441234567"
    assert phone_shortcut("+0123") is None  # the general path decides what "+0" means
    assert phone_shortcut("+999123") == "+999123"  # no such calling code
    assert email_shortcut("K.Mueller@Mueller.DE") == "k.mueller@mueller.de"
    assert tax_shortcut("el094014201") == "EL094014201"


def test_shortcuts_leave_the_rest_to_the_general_path():
    assert phone_shortcut("+48 601 234 567") is None
    assert phone_shortcut("+78001234567") is None  # 8 is Russia's national prefix
    assert phone_shortcut("+390612345678") is None
    assert email_shortcut("jan@ex--ample.pl") is None
    assert email_shortcut("jan@example.123") is None
    assert email_shortcut("a" * 65 + "@example.pl") is None
    assert email_shortcut("info@ромашка.укр") is None
    assert tax_shortcut("526-025-09-95") is None


def test_a_phone_look_up_refuses_a_country_that_is_not_a_code():
    with pytest.raises(ValidationError) as caught:
        keys.phone_query_key("601 234 567", "Poland")
    assert caught.value.code == "country.unknown"
    assert caught.value.field == "country"
    assert keys.phone_query_key("601 234 567", "pl") == "+48601234567"
    assert keys.phone_query_key("+48601234567") == "+48601234567"

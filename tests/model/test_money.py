from decimal import Decimal

import pytest
from hypothesis import given

from crmcore._countries import known_countries
from crmcore.errors import ValidationError
from crmcore.model import Money
from crmcore.model._codes import known_currencies
from crmcore.testing import strategies as s


def test_amount_keeps_its_scale_and_currency_is_upper_cased():
    price = Money(Decimal("1250.00"), "pln")
    assert (price.amount, price.currency, str(price)) == (Decimal("1250.00"), "PLN", "1250.00 PLN")


@pytest.mark.parametrize("amount", ["12.50", 12, Decimal("-3.1")])
def test_friendly_amounts(amount):
    assert Money(amount, "UAH").amount == Decimal(str(amount))


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        (0.1, "decimal.float"),
        ("12,50", "money.invalid_amount"),
        ("NaN", "money.invalid_amount"),
        (Decimal("Infinity"), "money.invalid_amount"),
        (None, "money.invalid_amount"),
        (True, "money.invalid_amount"),
    ],
)
def test_bad_amounts_name_the_field(amount, code):
    with pytest.raises(ValidationError) as info:
        Money(amount, "EUR")
    assert (info.value.field, info.value.code) == ("amount", code)


@pytest.mark.parametrize("currency", ["ZZZ", "XXX", "XTS", "EURO", "", None, 978])
def test_unknown_currency(currency):
    with pytest.raises(ValidationError) as info:
        Money("1", currency)
    assert (info.value.field, info.value.code) == ("currency", "money.unknown_currency")
    assert "ISO 4217" in info.value.hint


def test_historical_currencies_are_known():
    assert {"DEM", "GRD", "UAK"} <= known_currencies()
    assert Money("100", "GRD").currency == "GRD"


def test_countries_exclude_pseudo_territories():
    assert {"PL", "UA", "RU", "GR", "DE", "GB", "US", "EU", "XK"} <= known_countries()
    assert not {"ZZ", "QO", "XA", "EZ", "UN"} & known_countries()


def test_arithmetic_in_one_currency():
    a, b = Money("10.50", "PLN"), Money("0.25", "PLN")
    assert a + b == Money("10.75", "PLN")
    assert a - b == Money("10.25", "PLN")
    assert -a == Money("-10.50", "PLN")
    assert a * 2 == 2 * a == Money("21.00", "PLN")
    assert a * Decimal("0.5") == Money("5.25", "PLN")
    assert b < a
    assert b <= a
    assert a > b
    assert a >= b
    assert Money.zero("PLN") + a == a


def test_mixing_currencies_is_refused():
    pln, eur = Money("1", "PLN"), Money("1", "EUR")
    for operation in (lambda: pln + eur, lambda: pln - eur, lambda: pln < eur):
        with pytest.raises(ValidationError) as info:
            operation()
        assert info.value.code == "money.currency_mismatch"


def test_unsupported_operands():
    pln = Money("1", "PLN")
    with pytest.raises(TypeError):
        pln + 1
    with pytest.raises(TypeError):
        pln - 1
    with pytest.raises(TypeError):
        pln * 1.5
    with pytest.raises(TypeError):
        pln * True
    for compare in (lambda: pln < 1, lambda: pln <= 1, lambda: pln > 1, lambda: pln >= 1):
        with pytest.raises(TypeError):
            compare()


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("10.005", "EUR", "10.00"),
        ("10.015", "EUR", "10.02"),
        ("10.5", "JPY", "10"),
        ("1.2345", "BHD", "1.234"),
    ],
)
def test_rounded_to_minor_units(amount, currency, expected):
    assert Money(amount, currency).rounded() == Money(expected, currency)
    assert str(Money(amount, currency).rounded().amount) == expected


@given(s.money())
def test_money_is_hashable_and_equal_to_itself(money):
    assert money == Money(money.amount, money.currency)
    assert hash(money) == hash(Money(str(money.amount), money.currency.lower()))

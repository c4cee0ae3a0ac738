"""Money: an exact Decimal amount in an ISO 4217 currency."""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Self

import attrs

from crmcore._i18n import N_
from crmcore.model._checks import (
    as_decimal,
    bind_field_names,
    fail,
)
from crmcore.model._codes import (
    as_currency,
)

__all__ = ["Money"]

#: Why two amounts cannot be combined, one message per operation.
_MISMATCH = {
    "add": N_("cannot add {other} and {currency}"),
    "subtract": N_("cannot subtract {other} and {currency}"),
    "compare": N_("cannot compare {other} and {currency}"),
}


def _amount(value: object) -> Decimal:
    return as_decimal(value, "amount", code="money.invalid_amount")


def _currency(value: object) -> str:
    return as_currency(value, "currency")


@functools.cache
def _minor_units(currency: str) -> int:
    from babel.numbers import get_currency_precision

    return int(get_currency_precision(currency))


@attrs.frozen(field_transformer=bind_field_names)
class Money:
    """An exact amount of money in one currency.

    The amount is a :class:`~decimal.Decimal` (a float is refused: ``0.1`` is
    not exactly a tenth); its scale is kept as given, so ``Decimal("1250.00")``
    stays ``1250.00``. The currency is an ISO 4217 code that Babel knows,
    current or historical, upper-cased on the way in.

    Money of one currency adds, subtracts and compares; mixing currencies
    raises ``money.currency_mismatch`` (conversion needs a rate and a date,
    which the model does not guess).

    Args:
        amount: A Decimal, an int or a numeric string such as ``"1250.00"``.
        currency: An ISO 4217 code such as ``"PLN"``, ``"UAH"`` or ``"EUR"``.

    Attributes:
        amount: The amount, as a Decimal.
        currency: The upper-case ISO 4217 code.

    Raises:
        ValidationError: ``money.invalid_amount``, ``decimal.float`` or
            ``money.unknown_currency``, naming the field.

    >>> price = Money(Decimal("1250.00"), "pln")
    >>> print(price)
    1250.00 PLN
    >>> print(price * 3 - Money("50", "PLN"))
    3700.00 PLN
    >>> Money("10", "ZZZ")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: currency: the currency is not an ISO 4217 code ...
    """

    amount: Decimal = attrs.field(converter=_amount)
    currency: str = attrs.field(converter=_currency)

    @classmethod
    def zero(cls, currency: str) -> Self:
        """Return no money in ``currency``.

        >>> print(Money.zero("UAH"))
        0 UAH
        """
        return cls(Decimal(0), currency)

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"

    def _same(self, other: Money, operation: str) -> None:
        if other.currency != self.currency:
            fail(
                "money.currency_mismatch",
                N_(_MISMATCH[operation], other=other.currency, currency=self.currency),
                field="currency",
                value=other.currency,
                hint=self.currency,
            )

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "add")
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "subtract")
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __mul__(self, factor: object) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, int | Decimal):
            return NotImplemented
        return Money(self.amount * factor, self.currency)

    __rmul__ = __mul__

    def _compare(self, other: object) -> Decimal | None:
        if not isinstance(other, Money):
            return None
        self._same(other, "compare")
        return other.amount

    def __lt__(self, other: object) -> bool:
        amount = self._compare(other)
        return NotImplemented if amount is None else self.amount < amount

    def __le__(self, other: object) -> bool:
        amount = self._compare(other)
        return NotImplemented if amount is None else self.amount <= amount

    def __gt__(self, other: object) -> bool:
        amount = self._compare(other)
        return NotImplemented if amount is None else self.amount > amount

    def __ge__(self, other: object) -> bool:
        amount = self._compare(other)
        return NotImplemented if amount is None else self.amount >= amount

    def rounded(self) -> Money:
        """Return the amount rounded to the currency's minor unit, half to even.

        >>> print(Money("10.005", "EUR").rounded(), Money("10.5", "JPY").rounded())
        10.00 EUR 10 JPY
        """
        exponent = Decimal(1).scaleb(-_minor_units(self.currency))
        return Money(self.amount.quantize(exponent, rounding=ROUND_HALF_EVEN), self.currency)

"""Stamping a new party: whose customer numbers are checked again, and whose are trusted."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crmcore.errors import ValidationError
from crmcore.ids import CustomerNumberGenerator
from crmcore.model import Party
from crmcore.storage._writes import CurrentNumbers, stamper
from crmcore.testing import FakeClock

_NOW = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)


class _Foreign:
    """A number source of an application's own, which the store does not trust."""

    def __init__(self, number: str) -> None:
        self.number = number

    def new(self) -> str:
        return self.number


def test_a_number_from_another_source_is_checked() -> None:
    stamp = stamper(numbers=_Foreign("20250314-093015-007-00000-8"), now=_NOW)
    with pytest.raises(ValidationError) as caught:
        stamp(Party.organization("Müller GmbH"))
    assert caught.value.code == "customer_number.not_canonical"
    assert caught.value.field == "customer_number"
    assert caught.value.value == "20250314-093015-007-00000-8"


def test_a_number_from_another_source_is_kept_when_canonical() -> None:
    stamp = stamper(numbers=_Foreign("20250314093015007000008"), now=_NOW)
    assert stamp(Party.organization("ΑΛΦΑ Α.Ε.")).customer_number == "20250314093015007000008"


def test_a_generator_of_a_subclass_is_not_trusted() -> None:
    class Rewriting(CustomerNumberGenerator):
        def new(self) -> str:
            return super().new().lower() + "x"

    clock = FakeClock(_NOW, step=1.0)
    stamp = stamper(numbers=Rewriting(node=3, clock=clock, sleep=clock.sleep), now=_NOW)
    with pytest.raises(ValidationError) as caught:
        stamp(Party.person(given="Jan", family="Kowalski"))
    assert caught.value.code == "customer_number.not_canonical"


def test_a_number_the_party_brings_is_kept_and_not_replaced() -> None:
    clock = FakeClock(_NOW, step=1.0)
    numbers = CustomerNumberGenerator(node=1, clock=clock, sleep=clock.sleep)
    stamp = stamper(numbers=numbers, now=_NOW)
    party = Party.person(given="John", family="Smith", customer_number="20250314093015007000008")
    assert stamp(party).customer_number == "20250314093015007000008"


def test_the_current_numbers_of_a_store_are_asked_anew_each_time() -> None:
    clock = FakeClock(_NOW, step=1.0)
    sources: list[CustomerNumberGenerator] = [
        CustomerNumberGenerator(node=4, clock=clock, sleep=clock.sleep)
    ]
    stamp = stamper(numbers=CurrentNumbers(lambda: sources[-1]), now=_NOW)
    first = stamp(Party.organization("ТОВ «Ромашка»")).customer_number
    sources.append(CustomerNumberGenerator(node=5, clock=clock, sleep=clock.sleep))
    second = stamp(Party.organization("ООО «Ромашка»")).customer_number
    assert first is not None
    assert second is not None
    assert (first[14:17], second[14:17]) == ("004", "005")


def test_the_current_numbers_of_a_foreign_source_are_checked() -> None:
    stamp = stamper(
        numbers=CurrentNumbers(lambda: _Foreign("20250314-093015-007-00000-8")), now=_NOW
    )
    with pytest.raises(ValidationError) as caught:
        stamp(Party.organization("Kowalski i Wspólnicy sp.j."))
    assert caught.value.code == "customer_number.not_canonical"
    assert caught.value.value == "20250314-093015-007-00000-8"


def test_the_current_numbers_keep_a_canonical_foreign_number() -> None:
    stamp = stamper(numbers=CurrentNumbers(lambda: _Foreign("20250314093015007000008")), now=_NOW)
    assert stamp(Party.organization("Acme Inc.")).customer_number == "20250314093015007000008"

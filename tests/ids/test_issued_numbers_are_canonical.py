"""Every number the generator issues is one the party model accepts unchanged.

Storage stamps a new party with its own generator's number without checking it
again (numbers are unique, so the check is never answered from its cache):
this is what makes that safe, for every layout.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crmcore.ids import CustomerNumberGenerator, CustomerNumberLayout
from crmcore.model._canonical import canonical_customer_number
from crmcore.testing import FakeClock

from .strategies import FIRST_SECOND, LAST_SECOND, layouts


@given(
    layouts,
    st.integers(FIRST_SECOND, LAST_SECOND - 60),
    st.integers(0, 9),
    st.integers(1, 30),
)
def test_every_number_the_own_generator_issues_is_one_the_model_accepts(
    layout: CustomerNumberLayout, second: int, node_seed: int, count: int
) -> None:
    # The stamper sets these numbers without the field's check: they must be
    # exactly the numbers the check would have let through unchanged.
    node = node_seed % (layout.max_node + 1)
    clock = FakeClock(second, step=0.25)
    numbers = CustomerNumberGenerator(node=node, layout=layout, clock=clock, sleep=clock.sleep)
    for _ in range(count):
        number = numbers.new()
        assert canonical_customer_number(number) == number

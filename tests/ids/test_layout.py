from __future__ import annotations

import attrs
import pytest
from hypothesis import given, reject
from hypothesis import strategies as st

from crmcore import ids
from crmcore.errors import ConfigurationError
from crmcore.ids import DEFAULT_LAYOUT, CustomerNumberLayout

from .strategies import numbers


def test_the_default_layout():
    spelled_out = CustomerNumberLayout(prefix="", separator="-", node_width=3, sequence_width=5)
    assert spelled_out == DEFAULT_LAYOUT
    assert DEFAULT_LAYOUT.length == DEFAULT_LAYOUT.digits == 23
    assert DEFAULT_LAYOUT.max_node == 999
    assert DEFAULT_LAYOUT.per_second == 100_000
    assert DEFAULT_LAYOUT.example == "20250314-093015-007-00000-8"
    assert ids.is_valid(DEFAULT_LAYOUT.example)
    assert DEFAULT_LAYOUT.hint.startswith("23 digits like 20250314-093015-007-00000-8")


def test_a_configured_layout():
    layout = CustomerNumberLayout(prefix="KH", separator=" ", node_width=1, sequence_width=3)
    assert layout.length == 2 + 14 + 1 + 3 + 1
    assert layout.max_node == 9
    assert layout.per_second == 1000
    assert layout.example == "KH 20250314 093015 7 000 1"
    assert ids.is_valid(layout.example, layout=layout)


def test_layouts_are_frozen_values():
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        DEFAULT_LAYOUT.prefix = "X"  # type: ignore[misc]
    assert CustomerNumberLayout() == DEFAULT_LAYOUT
    assert hash(CustomerNumberLayout()) == hash(DEFAULT_LAYOUT)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"prefix": "c"}, "prefix"),
        ({"prefix": "ABCDE"}, "prefix"),
        ({"prefix": "К"}, "prefix"),
        ({"prefix": "C1"}, "prefix"),
        ({"prefix": None}, "prefix"),
        ({"separator": "x"}, "separator"),
        ({"separator": "0"}, "separator"),
        ({"separator": "----"}, "separator"),
        ({"separator": "\u2122"}, "separator"),  # TM sign: NFKC turns it into letters
        ({"separator": "\u0301"}, "separator"),  # a combining accent
        ({"separator": 1}, "separator"),
        ({"node_width": 0}, "node_width"),
        ({"node_width": 7}, "node_width"),
        ({"node_width": True}, "node_width"),
        ({"node_width": 3.0}, "node_width"),
        ({"sequence_width": 0}, "sequence_width"),
        ({"sequence_width": 6}, "sequence_width"),
    ],
)
def test_bad_layouts_are_configuration_errors(fields, field):
    with pytest.raises(ConfigurationError) as info:
        CustomerNumberLayout(**fields)
    assert info.value.code == "customer_number.bad_layout"
    assert info.value.field == field
    assert info.value.hint


separators = st.text(
    alphabet=st.characters(categories=("Pd", "Po", "Ps", "Pe", "Sm", "Sc", "So", "Zs")),
    max_size=3,
)


@given(separators, numbers(DEFAULT_LAYOUT))
def test_any_accepted_separator_reads_back(separator, built):
    try:
        layout = CustomerNumberLayout(separator=separator)
    except ConfigurationError:
        reject()
    number, _ = built
    shown = ids.format(number, layout=layout)
    assert ids.validate(shown, layout=layout) == number

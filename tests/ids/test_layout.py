from __future__ import annotations

import attrs
import pytest
from hypothesis import given, reject
from hypothesis import strategies as st

from crmcore import ids
from crmcore.errors import ConfigurationError
from crmcore.ids import DEFAULT_LAYOUT, CustomerNumberLayout

from .errors import whole
from .strategies import numbers


def test_the_default_layout():
    spelled_out = CustomerNumberLayout(prefix="", separator="-", node_width=3, sequence_width=5)
    assert spelled_out == DEFAULT_LAYOUT
    assert DEFAULT_LAYOUT.length == DEFAULT_LAYOUT.digits == 23
    assert DEFAULT_LAYOUT.max_node == 999
    assert DEFAULT_LAYOUT.per_second == 100_000
    assert DEFAULT_LAYOUT.example == "20250314-093015-007-00000-8"
    assert ids.is_valid(DEFAULT_LAYOUT.example)
    assert DEFAULT_LAYOUT.hint == (
        "23 digits like 20250314-093015-007-00000-8: date and time (UTC), node, sequence,"
        " check digit"
    )


def test_a_configured_layout():
    layout = CustomerNumberLayout(prefix="KH", separator=" ", node_width=1, sequence_width=3)
    assert layout.length == 2 + 14 + 1 + 3 + 1
    assert layout.max_node == 9
    assert layout.per_second == 1000
    assert layout.example == "KH 20250314 093015 7 000 1"
    assert ids.is_valid(layout.example, layout=layout)
    assert layout.hint == (
        "19 digits like KH 20250314 093015 7 000 1: date and time (UTC), node, sequence,"
        " check digit"
    )


@pytest.mark.parametrize(
    ("fields", "example"),
    [
        ({"node_width": 6, "sequence_width": 1}, "20250314-093015-000007-0-5"),
        ({"prefix": "ABCD", "separator": "", "node_width": 2}, "ABCD2025031409301507000008"),
        (
            {"prefix": "Z", "separator": " - ", "sequence_width": 2},
            "Z - 20250314 - 093015 - 007 - 00 - 3",
        ),
    ],
)
def test_the_widest_and_narrowest_fields_are_accepted(fields, example):
    layout = CustomerNumberLayout(**fields)
    assert layout.example == example
    assert ids.validate(layout.example, layout=layout) == ids.compact(example, layout=layout)
    assert layout.length == len(ids.compact(example, layout=layout))


def test_group_cuts_prefix_date_time_node_sequence_and_check_digit():
    layout = CustomerNumberLayout(prefix="KH", separator="/", node_width=2, sequence_width=4)
    assert layout.group("KH202503140930150700010") == "KH/20250314/093015/07/0001/0"


def test_layouts_are_frozen_values():
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        DEFAULT_LAYOUT.prefix = "X"  # type: ignore[misc]
    assert CustomerNumberLayout() == DEFAULT_LAYOUT
    assert hash(CustomerNumberLayout()) == hash(DEFAULT_LAYOUT)


PREFIX = (
    "the prefix must be capital Latin letters",
    "up to 4 capital Latin letters, such as 'C' or 'KH', or ''",
)
SEPARATOR = (
    "the separator must be punctuation, symbols or spaces",
    "'-', ' ', '.', '/' or '' (at most three characters, no letters or digits)",
)
NODE_WIDTH = ("the node width is out of range", "a whole number from 1 to 6")
SEQUENCE_WIDTH = ("the sequence width is out of range", "a whole number from 1 to 5")


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("prefix", "c", PREFIX),
        ("prefix", "ABCDE", PREFIX),
        ("prefix", "К", PREFIX),  # Cyrillic Ka
        ("prefix", "Κ", PREFIX),  # Greek Kappa
        ("prefix", "C1", PREFIX),
        ("prefix", "@", PREFIX),  # just before A
        ("prefix", "[", PREFIX),  # just after Z
        ("prefix", None, PREFIX),
        ("separator", "x", SEPARATOR),
        ("separator", "0", SEPARATOR),
        ("separator", "----", SEPARATOR),
        ("separator", "\u2122", SEPARATOR),  # TM sign: NFKC turns it into letters
        ("separator", "\u0301", SEPARATOR),  # a combining accent
        ("separator", 1, SEPARATOR),
        ("node_width", 0, NODE_WIDTH),
        ("node_width", 7, NODE_WIDTH),
        ("node_width", True, NODE_WIDTH),
        ("node_width", 3.0, NODE_WIDTH),
        ("sequence_width", 0, SEQUENCE_WIDTH),
        ("sequence_width", 6, SEQUENCE_WIDTH),
        ("sequence_width", "5", SEQUENCE_WIDTH),
    ],
)
def test_bad_layouts_are_configuration_errors(field, value, words):
    with pytest.raises(ConfigurationError) as info:
        CustomerNumberLayout(**{field: value})
    assert whole(info.value) == (
        ConfigurationError,
        "customer_number.bad_layout",
        field,
        value,
        *words,
    )


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

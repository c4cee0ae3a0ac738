from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from crmcore import ids
from crmcore.errors import ValidationError
from crmcore.ids import DEFAULT_LAYOUT, CustomerNumberLayout, CustomerNumberParts

from .strategies import layouts, numbers

CORPUS = json.loads((Path(__file__).parent / "data" / "customer_numbers.json").read_text("utf-8"))
LAYOUTS = {name: CustomerNumberLayout(**fields) for name, fields in CORPUS["layouts"].items()}


def _id(entry: dict) -> str:
    return f"{entry['market']}:{entry['input']!r}"


@pytest.mark.parametrize("entry", CORPUS["valid"], ids=_id)
def test_valid_corpus(entry):
    layout = LAYOUTS[entry["layout"]]
    assert ids.validate(entry["input"], layout=layout) == entry["canonical"]
    assert ids.is_valid(entry["input"], layout=layout)
    assert (
        ids.compact(ids.format(entry["input"], layout=layout), layout=layout)
        == (entry["canonical"])
    )


@pytest.mark.parametrize("entry", CORPUS["invalid"], ids=_id)
def test_invalid_corpus(entry):
    layout = LAYOUTS[entry["layout"]]
    with pytest.raises(ValidationError) as info:
        ids.validate(entry["input"], layout=layout)
    err = info.value
    assert err.code == entry["code"]
    assert err.field == "customer_number"
    assert err.value == entry["input"]
    assert layout.example in err.hint
    assert not ids.is_valid(entry["input"], layout=layout)
    with pytest.raises(ValidationError):
        ids.parse(entry["input"], layout=layout)
    with pytest.raises(ValidationError):
        ids.format(entry["input"], layout=layout)


def test_every_code_of_the_issue_is_in_the_corpus():
    codes = {entry["code"] for entry in CORPUS["invalid"]}
    assert {
        "customer_number.bad_length",
        "customer_number.bad_check_digit",
        "customer_number.impossible_date",
        "customer_number.unknown_layout",
    } <= codes


def test_far_too_long_input_is_refused_before_any_work():
    with pytest.raises(ValidationError) as info:
        ids.validate("1" * 10_000)
    assert info.value.code == "customer_number.bad_length"


def test_a_wrong_prefix_is_named():
    with pytest.raises(ValidationError, match="does not start with the prefix 'K'"):
        ids.validate("X-20251005-083000-315-00007-2", layout=LAYOUTS["K"])


def test_compact_only_normalises():
    assert ids.compact("  \u043a-2025 03 14  ", layout=LAYOUTS["K"]) == "K20250314"
    with pytest.raises(ValidationError) as info:
        ids.compact(b"20250314")  # type: ignore[arg-type]
    assert info.value.code == "customer_number.not_text"


def test_the_layouts_own_separator_is_understood():
    layout = CustomerNumberLayout(separator="|")
    shown = ids.format("20250314093015007000008", layout=layout)
    assert shown == "20250314|093015|007|00000|8"
    assert ids.validate(shown, layout=layout) == "20250314093015007000008"


def test_parse_gives_the_parts():
    parts = ids.parse("\u041a 20251005 083000 315 00007 2", layout=LAYOUTS["K"])
    assert parts == CustomerNumberParts(
        number="K20251005083000315000072",
        moment=datetime(2025, 10, 5, 8, 30, tzinfo=UTC),
        node=315,
        sequence=7,
    )


def test_format_groups_with_the_prefix():
    assert ids.format("K20251005083000315000072", layout=LAYOUTS["K"]) == (
        "K-20251005-083000-315-00007-2"
    )
    assert ids.format("20250314093015007000008", layout=CustomerNumberLayout(separator="")) == (
        "20250314093015007000008"
    )


@given(numbers())
def test_parse_round_trips_hand_built_numbers(built):
    number, parts = built
    layout = parts["layout"]
    parsed = ids.parse(number, layout=layout)
    assert parsed.number == number
    assert parsed.moment == datetime.fromtimestamp(parts["second"], UTC)
    assert (parsed.node, parsed.sequence) == (parts["node"], parts["sequence"])
    assert ids.validate(ids.format(number, layout=layout), layout=layout) == number
    assert len(number) == layout.length


def _digit_positions(number: str, layout: CustomerNumberLayout) -> range:
    return range(len(layout.prefix), len(number))


@given(numbers(), st.data())
def test_every_single_digit_substitution_is_detected(built, data):
    number, parts = built
    layout = parts["layout"]
    position = data.draw(st.sampled_from(_digit_positions(number, layout)))
    digit = data.draw(st.sampled_from("0123456789").filter(lambda d: d != number[position]))
    wrong = number[:position] + digit + number[position + 1 :]
    with pytest.raises(ValidationError) as info:
        ids.validate(wrong, layout=layout)
    assert info.value.code == "customer_number.bad_check_digit"


@given(numbers(), st.data())
def test_every_adjacent_transposition_is_detected(built, data):
    number, parts = built
    layout = parts["layout"]
    swappable = [i for i in _digit_positions(number, layout)[:-1] if number[i] != number[i + 1]]
    position = data.draw(st.sampled_from(swappable))
    wrong = number[:position] + number[position + 1] + number[position] + number[position + 2 :]
    with pytest.raises(ValidationError) as info:
        ids.validate(wrong, layout=layout)
    assert info.value.code == "customer_number.bad_check_digit"


def test_every_substitution_and_transposition_of_one_number_exhaustively():
    number = "20250314093015007000008"
    for position, original in enumerate(number):
        for digit in "0123456789":
            if digit != original:
                assert not ids.is_valid(number[:position] + digit + number[position + 1 :])
    for position in range(len(number) - 1):
        a, b = number[position], number[position + 1]
        if a != b:
            assert not ids.is_valid(number[:position] + b + a + number[position + 2 :])


@given(
    st.one_of(
        st.text(max_size=80),
        st.text(alphabet="0123456789 -.\u041a\u03baCc\u039a\u00a0\u2013", max_size=40),
        st.none(),
        st.integers(),
        st.binary(),
        st.lists(st.integers()),
    ),
    layouts,
)
@example("20250314093015007000008", DEFAULT_LAYOUT)
def test_junk_raises_only_our_errors(junk, layout):
    for function in (ids.validate, ids.parse, ids.format):
        outcome = _outcome(function, junk, layout)
        if isinstance(outcome, ValidationError):
            assert outcome.code.startswith("customer_number.")
            assert outcome.hint
    assert isinstance(ids.is_valid(junk, layout=layout), bool)


def _outcome(function, value, layout):
    try:
        return function(value, layout=layout)
    except ValidationError as err:
        return err

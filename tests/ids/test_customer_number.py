from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from stdnum import damm

from crmcore import ids
from crmcore.errors import ValidationError
from crmcore.ids import DEFAULT_LAYOUT, CustomerNumberLayout, CustomerNumberParts

from .errors import whole
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
    assert whole(info.value) == (
        ValidationError,
        entry["code"],
        "customer_number",
        entry["input"],
        entry["message"],
        layout.hint,
    )
    assert layout.example in info.value.hint
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


@pytest.mark.parametrize(
    "number", ["1" * 10_000, "1" * 65, "20250314-093015-007-00000-8".center(65)]
)
def test_far_too_long_input_is_refused_before_any_work(number):
    with pytest.raises(ValidationError) as info:
        ids.validate(number)
    assert whole(info.value) == (
        ValidationError,
        "customer_number.bad_length",
        "customer_number",
        number,
        "the customer number is far too long",
        DEFAULT_LAYOUT.hint,
    )


def test_sixty_four_characters_are_read():
    number = "20250314-093015-007-00000-8".center(64)
    assert ids.validate(number) == "20250314093015007000008"
    with pytest.raises(ValidationError) as info:
        ids.validate("1" * 64)
    assert str(info.value.message) == "the customer number has 64 digits instead of 23"


def test_a_wrong_prefix_is_named():
    with pytest.raises(ValidationError, match="does not start with the prefix 'K'"):
        ids.validate("X-20251005-083000-315-00007-2", layout=LAYOUTS["K"])


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("K20251005O83000315000072", "the customer number has 'O' where this layout has digits"),
        ("K#20251005083000315000072", "the customer number has '#' where this layout has digits"),
        ("#20251005083000315000072", "the customer number has '#' where this layout has digits"),
        ("Q20251005083000315000072", "the customer number does not start with the prefix 'K'"),
        ("KK20251005083000315000072", "the customer number does not start with the prefix 'K'"),
        ("K", "the customer number has 0 digits instead of 23"),
        ("k -", "the customer number has 0 digits instead of 23"),
    ],
)
def test_what_is_wrong_with_a_number_of_a_layout_with_a_prefix_is_named(number, message):
    with pytest.raises(ValidationError) as info:
        ids.validate(number, layout=LAYOUTS["K"])
    assert str(info.value.message) == message


def test_a_missing_prefix_is_forgiven_and_put_back():
    assert ids.validate("20251005-083000-315-00007-2", layout=LAYOUTS["K"]) == (
        "K20251005083000315000072"
    )
    assert ids.parse("20251005083000315000072", layout=LAYOUTS["K"]).node == 315


@pytest.mark.parametrize(
    "number",
    [
        "20250314_093015:007.00000/8",
        "20250314\t093015\n007 00000-8",
        "20250314\u2010093015\u2011007\u201200000\u20148",  # Unicode hyphens and dashes
        "20250314\u00a0093015\u3000007\u202f00000 8",  # no-break and ideographic spaces
        "\uff12\uff10\uff12\uff15\uff10\uff13\uff11\uff14-093015-007-00000-8",  # full-width
    ],
)
def test_separators_however_a_person_wrote_them(number):
    assert ids.validate(number) == "20250314093015007000008"


@pytest.mark.parametrize("stray", ["+", "#", "*", "\u00b7", "\u2212"])  # minus sign: no dash
def test_other_characters_between_the_groups_are_not_separators(stray):
    number = f"20250314-093015{stray}007-00000-8"
    with pytest.raises(ValidationError) as info:
        ids.validate(number)
    assert str(info.value.message) == (
        f"the customer number has {stray!r} where this layout has digits"
    )


def test_the_normal_form_of_a_full_width_separator_is_understood_in_ascii_input_too():
    layout = CustomerNumberLayout(separator="\uff5c")  # full-width vertical line
    shown = ids.format("20250314093015007000008", layout=layout)
    assert shown == "20250314\uff5c093015\uff5c007\uff5c00000\uff5c8"
    for number in (shown, shown.replace("\uff5c", "|"), shown.replace("\uff5c", "|", 2)):
        assert ids.validate(number, layout=layout) == "20250314093015007000008"
    assert not ids.is_valid(shown.replace("\uff5c", "|"))  # not a separator of its own


def test_the_first_second_of_1970_is_a_moment_of_issue():
    body = "19700101000000" + "999" + "99999"
    number = body + damm.calc_check_digit(body)
    assert ids.parse(number) == CustomerNumberParts(
        number=number, moment=datetime(1970, 1, 1, tzinfo=UTC), node=999, sequence=99_999
    )


def test_compact_only_normalises():
    assert ids.compact("  \u043a-2025 03 14  ", layout=LAYOUTS["K"]) == "K20250314"
    assert ids.compact("c 2025 \u03ba", layout=LAYOUTS["C"]) == "C2025K"
    assert ids.compact("x-1", layout=LAYOUTS["K"]) == "X1"
    with pytest.raises(ValidationError) as info:
        ids.compact(b"20250314")  # type: ignore[arg-type]
    assert whole(info.value) == (
        ValidationError,
        "customer_number.not_text",
        "customer_number",
        b"20250314",
        "the customer number is not text",
        DEFAULT_LAYOUT.hint,
    )


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


@pytest.mark.parametrize(
    ("typed", "latin"),
    [
        ("К", "K"),  # Cyrillic Ka, typed on a Ukrainian or Russian layout
        ("Κ", "K"),  # Greek Kappa, typed on a Greek layout
        ("Ү", "Y"),  # Cyrillic straight U (Kazakh, Mongolian layouts)
        ("Ј", "J"),  # Cyrillic Je (Serbian, Macedonian layouts)
    ],
)
def test_a_prefix_typed_in_a_look_alike_capital_is_read_as_the_latin_one(typed, latin):
    layout = CustomerNumberLayout(prefix=latin)
    assert ids.validate(f"{typed}20251005083000315000072", layout=layout) == (
        f"{latin}20251005083000315000072"
    )


@pytest.mark.parametrize("typed", ["k", "к", "κ"])
def test_a_prefix_in_small_letters_is_read_in_capitals_first(typed):
    assert ids.validate(f"{typed}20251005083000315000072", layout=LAYOUTS["K"]) == (
        "K20251005083000315000072"
    )

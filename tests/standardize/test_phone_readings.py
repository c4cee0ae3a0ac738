"""Phone numbers written in the ways of real files: placeholders, trunk prefixes, labels.

Each class of input is generated over the markets' own numbering plans (valid
national numbers near phonenumbers' examples), so the rules are tested as
rules, not on a few numbers.
"""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import _phone_fast, phones

from .strategies_phones import MARKETS, digit_shapes
from .support import outcome

_SETTINGS = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
_KINDS = (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE)


def _national_numbers(region: str) -> list[str]:
    found = (phonenumbers.example_number_for_type(region, kind) for kind in _KINDS)
    return [phonenumbers.national_significant_number(n) for n in found if n is not None]


@st.composite
def valid_national(draw: st.DrawFn, regions: tuple[str, ...] = MARKETS) -> tuple[str, str]:
    """Return a region and a valid national significant number of it, not a placeholder."""
    region = draw(st.sampled_from(regions))
    nsn = draw(st.sampled_from(_national_numbers(region)))
    keep = draw(st.integers(min_value=max(2, len(nsn) - 5), max_value=len(nsn)))
    nsn = nsn[:keep] + draw(
        st.text(alphabet="0123456789", min_size=len(nsn) - keep, max_size=len(nsn) - keep)
    )
    number = phonenumbers.parse(f"+{phonenumbers.country_code_for_region(region)}{nsn}")
    assume(phonenumbers.is_valid_number(number))
    assume(phonenumbers.region_code_for_number(number) == region)
    assume(len(set(nsn)) > 1)
    return region, nsn


def _code(error: object) -> str | None:
    return error.code if isinstance(error, ValidationError) else None


def _split(nsn: str, at: int) -> tuple[str, str]:
    return nsn[:at], nsn[at:]


# --- placeholders ------------------------------------------------------------------


@_SETTINGS
@given(
    region=st.sampled_from(MARKETS),
    digit=st.sampled_from("0123456789"),
    length=st.integers(min_value=4, max_value=12),
    # The shapes of the calling code and the number (digit_shapes), but those
    # that are another number (a national number starting with the calling
    # code's digits, or with an 8 that is no trunk prefix).
    shape=st.sampled_from([0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11]),
)
def test_a_national_number_of_one_digit_repeated_is_a_placeholder(
    region: str, digit: str, length: int, shape: int
) -> None:
    code = phonenumbers.country_code_for_region(region)
    text, country = digit_shapes(code, digit * length, region)[shape]
    result = outcome(phones.validate, text, country=country)
    # Never accepted; refused as a placeholder when what is written is the
    # calling code and the repeated digit, or the digit alone.
    assert isinstance(result, ValidationError), (text, country, result)
    if shape in {0, 1, 2, 3, 4, 6, 7, 8, 9, 10}:
        assert result.code == "phone.placeholder", (text, country)
    assert _phone_fast.read(text, country) is None


@_SETTINGS
@given(
    digits=st.builds(lambda d, n: d * n, st.sampled_from("0123456789"), st.integers(4, 20)),
    separator=st.sampled_from([" ", "-", ".", "/", " - "]),
    dress=st.sampled_from(["{}", "({})", "Tel. {}", "тел.: {}", "{} wew. 12", "+{}", "τηλ. +{}"]),
    country=st.sampled_from([None, *MARKETS]),
)
def test_digits_of_one_digit_repeated_are_a_placeholder_in_any_dress(
    digits: str, separator: str, dress: str, country: str | None
) -> None:
    written = separator.join(digits[i : i + 3] for i in range(0, len(digits), 3))
    with pytest.raises(ValidationError) as info:
        phones.validate(dress.format(written), country=country)
    assert info.value.code == "phone.placeholder"
    assert info.value.hint
    assert not phones.is_valid(dress.format(written), country=country)


@_SETTINGS
@given(text=st.text(alphabet="0123456789 +-()", max_size=24), country=st.sampled_from(MARKETS))
def test_no_number_accepted_is_one_digit_repeated(text: str, country: str) -> None:
    result = outcome(phones.validate, text, country=country)
    if isinstance(result, phones.Phone):
        nsn = phonenumbers.national_significant_number(phonenumbers.parse(result.e164))
        assert len(set(nsn)) > 1


# --- trunk prefixes ----------------------------------------------------------------

#: Where a 0 is (or was, in Poland until 2002) dialled before the area code.
_ZERO_TRUNK = ("PL", "UA", "DE", "GB")


@_SETTINGS
@given(
    found=valid_national(_ZERO_TRUNK),
    at=st.integers(min_value=1, max_value=4),
    form=st.sampled_from(["0{a} {b}", "0-{a} {b}", "(0{a}) {b}", "(0-{a}) {b}", "0 {a}-{b}"]),
)
def test_the_trunk_zero_before_a_national_number_is_read(
    found: tuple[str, str], at: int, form: str
) -> None:
    region, nsn = found
    area, rest = _split(nsn, at)
    expected = phones.validate(f"+{phonenumbers.country_code_for_region(region)}{nsn}")
    assert phones.validate(form.format(a=area, b=rest), country=region) == expected


@_SETTINGS
@given(
    found=valid_national((*_ZERO_TRUNK, "GR")),
    at=st.integers(min_value=1, max_value=4),
    form=st.sampled_from(
        ["+{c} (0){a} {b}", "+{c} (0) {a} {b}", "00{c} (0){a}-{b}", "+{c}[0]{a}{b}"]
    ),
    country=st.sampled_from([None, *MARKETS]),
)
def test_a_zero_in_brackets_after_the_calling_code_is_not_dialled(
    found: tuple[str, str], at: int, form: str, country: str | None
) -> None:
    region, nsn = found
    code = phonenumbers.country_code_for_region(region)
    area, rest = _split(nsn, at)
    expected = phones.validate(f"+{code}{nsn}")
    assert phones.validate(form.format(c=code, a=area, b=rest), country=country) == expected


@_SETTINGS
@given(found=valid_national(("PL",)), form=st.sampled_from(["+48 0{n}", "0048 0-{n}", "48 0{n}"]))
def test_the_old_polish_trunk_zero_after_the_calling_code(
    found: tuple[str, str], form: str
) -> None:
    _, nsn = found
    assert phones.validate(form.format(n=nsn), country="PL").e164 == f"+48{nsn}"


@_SETTINGS
@given(found=valid_national(("UA",)), form=st.sampled_from(["8 0{n}", "8 (0{n}", "8-0{n}"]))
def test_the_soviet_eight_before_the_ukrainian_zero(found: tuple[str, str], form: str) -> None:
    _, nsn = found
    text = form.format(n=nsn).replace("(0" + nsn, f"(0{nsn[:2]}) {nsn[2:]}")
    assert phones.validate(text, country="UA").e164 == f"+380{nsn}"


@_SETTINGS
@given(
    found=valid_national(("PL", "UA")),
    extra=st.text(alphabet="0123456789", min_size=9, max_size=12),
    form=st.sampled_from(["0{n}", "(0-{a}) {b}", "+{c} (0) {n}", "8 0{n}"]),
)
def test_a_number_too_long_without_its_trunk_prefix_is_still_too_long(
    found: tuple[str, str], extra: str, form: str
) -> None:
    region, nsn = found
    assume(region == "UA" or not form.startswith("8"))
    long = nsn + extra
    code = phonenumbers.country_code_for_region(region)
    text = form.format(n=long, a=long[:2], b=long[2:], c=code)
    with pytest.raises(ValidationError) as info:
        phones.validate(text, country=region)
    assert info.value.code == "phone.too_long"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # Greece, Italy and Spain have no trunk prefix: a 0 written before the
        # number is not taken off (in Italy it belongs to the number).
        ("0 231 012 3456", "GR"),
        ("+30 0231 012 3456", None),
        # Russia's trunk prefix is 8 and Poland never had an 8 one.
        ("0 495 987-65-43", "RU"),
        ("8 58 301 22 33", "PL"),
        # The old 8 of Ukraine only before its 0, and only dialled inside Ukraine.
        ("8 32 245 67 89", "UA"),
        ("+380 8 032 245 67 89", None),
        ("00380 8 032 245 67 89", "PL"),
        ("380 8 (032) 245-67-89", "UA"),
    ],
)
def test_no_trunk_prefix_is_taken_off_where_the_country_has_none(
    text: str, country: str | None
) -> None:
    assert not phones.is_valid(text, country=country)


def test_a_zero_belonging_to_an_italian_number_is_kept() -> None:
    assert phones.validate("+39 (0)2 8765 4321").e164 == "+390287654321"
    assert phones.validate("0039 02 8765 4321").e164 == "+390287654321"


# --- labels ------------------------------------------------------------------------

_LABELS = (
    *("Tel.", "tel", "TEL:", "Telefon", "Fax", "fax.", "Faks", "Mob.", "Mobile", "Handy"),
    *("тел.", "Тел", "факс", "моб.", "Телефон", "τηλ.", "Τηλ", "φαξ", "κιν.", "Phone"),
)


@_SETTINGS
@given(
    found=valid_national(),
    labels=st.lists(st.sampled_from(_LABELS), min_size=1, max_size=3),
    joint=st.sampled_from(["/", " / ", ", ", " & ", " | ", "/"]),
    end=st.sampled_from([" ", ": ", ":", ". "]),
    international=st.booleans(),
)
def test_labels_before_a_number_are_dropped(
    found: tuple[str, str], labels: list[str], joint: str, end: str, international: bool
) -> None:
    region, nsn = found
    code = phonenumbers.country_code_for_region(region)
    number = (
        f"+{code} {nsn}"
        if international
        else phonenumbers.format_number(
            phonenumbers.parse(f"+{code}{nsn}"), phonenumbers.PhoneNumberFormat.NATIONAL
        )
    )
    expected = phones.validate(f"+{code}{nsn}")
    label = joint.join(labels).rstrip(":.") + end
    assert phones.validate(label + number, country=region) == expected


def test_a_label_is_not_taken_for_letters_of_the_number() -> None:
    for text in ("tel 1-800-FLOWERS", "fax/abc 22 629 11 22", "Telefonnummer 22 629 11 22"):
        with pytest.raises(ValidationError) as info:
            phones.validate(text, country="PL")
        assert info.value.code == "phone.not_a_number"


# --- compact -----------------------------------------------------------------------


@given(st.text(min_size=1001, max_size=3000))
@settings(max_examples=100, deadline=None)
def test_compact_refuses_text_over_the_length_every_validator_refuses(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        phones.compact(text)
    assert info.value.code == "phone.too_long"
    assert _code(outcome(phones.validate, text, country="PL")) == "phone.too_long"


@given(st.text(max_size=1000))
@settings(max_examples=200, deadline=None)
def test_compact_keeps_every_character_but_separators(text: str) -> None:
    compacted = phones.compact(text)
    assert all(c not in " -./()[]" and not c.isspace() for c in compacted)
    assert [c for c in text if c.isdigit() or c == "+"] == [
        c for c in compacted if c.isdigit() or c == "+"
    ]

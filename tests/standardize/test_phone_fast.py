"""The fast path of phone numbers gives exactly what the general path gives.

The general path (``phones._general``: our cleaning and readings on top of
``phonenumbers.parse``) is the reference. For every input of the shapes the
fast path takes, either it declines or its result equals the reference; and
it declines only where the reading it replays is not valid, so the common
shapes never pay for the general path.
"""

from __future__ import annotations

import re

import phonenumbers
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from phonenumbers import phonenumberutil as pnu

from crmcore.errors import ValidationError
from crmcore.standardize import _phone_fast, _phone_metadata, phones
from crmcore.standardize._base import require_text

from .strategies import phone_like_text
from .strategies_phones import (
    MARKET_NUMBERS,
    REGIONS,
    dressed_numbers,
    examples,
    regions,
    shapes,
    varied_examples,
    written_digits,
)

_SETTINGS = settings(deadline=None, max_examples=500, suppress_health_check=[HealthCheck.too_slow])
#: The shapes the fast path takes: separators, at most one "+" before every digit.
_FAST_SHAPE = re.compile(r"[ \-./()\[\]]*\+?[\d \-./()\[\]]*")


def _general(text: str, region: str | None) -> phones.Phone | str:
    try:
        return phones._general(text, region)
    except ValidationError as error:
        return error.code


def _fast(text: str, region: str | None) -> phones.Phone | None:
    found = _phone_fast.read(text, region)
    return None if found is None else phones._checked_phone(*found)


def _replayed_reading_is_valid(text: str, region: str | None) -> bool:
    """Return whether the reading the fast path replays gives a valid E.164 number.

    That is the general path's first reading (``phonenumbers.parse`` in the
    country, then ``number_type``), or, for digits without a country, the
    reading with the ``+`` forgotten (the first reading fails there). A
    placeholder (digits, or a national number, of one digit repeated) is
    not a valid number.
    """
    if _one_digit_repeated(re.sub(r"\D", "", text)):
        return False
    part = " ".join(text.split())
    if region is None and "+" not in part:
        part, region = "+" + re.sub(r"\D", "", part).removeprefix("00"), None
    try:
        number = phonenumbers.parse(part, None if part.startswith("+") else region)
    except phonenumbers.NumberParseException:
        return False
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return (
        phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.UNKNOWN
        and len(e164) <= 16
        and not _one_digit_repeated(phonenumbers.national_significant_number(number))
    )


def _one_digit_repeated(digits: str) -> bool:
    return len(digits) >= 4 and len(set(digits)) == 1


def _check(text: str, region: str | None) -> phones.Phone | None:
    """Assert the fast path's contract on one input; return its result."""
    fast = _fast(text, region)
    if fast is not None:
        reference = _general(text, region)
        assert fast == reference, (text, region)
        assert repr(fast) == repr(reference)
        assert hash(fast) == hash(reference)
    elif text.isascii() and len(text) <= 64 and _FAST_SHAPE.fullmatch(text):
        assert not _replayed_reading_is_valid(text, region), (text, region)
    return fast


@pytest.mark.parametrize("index", range(0, len(examples()), 50))
def test_every_example_in_every_shape(index: int) -> None:
    """phonenumbers' example of every region and kind, in the common shapes."""
    for number in examples()[index : index + 50]:
        written = shapes(number)
        for text, region in written:
            _check(text, region)
        # E.164 is always taken: the fast path is the path of canonical text.
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if len(e164) <= 16:
            assert _fast(e164, None) is not None, e164


@pytest.mark.parametrize(("text", "region"), MARKET_NUMBERS)
def test_real_numbers_of_our_markets_take_the_fast_path(text: str, region: str | None) -> None:
    fast = _check(text, region)
    assert fast is not None
    assert phones.validate(text, country=region) == fast


@_SETTINGS
@given(text=written_digits, region=regions)
@example(text="+48 601 234 567", region=None)
@example(text="8 10 48 601 234 567", region="RU")
@example(text="0 800 123 456", region="UA")
@example(text="+49 (0)30 1234567", region="PL")
def test_digits_with_separators(text: str, region: str | None) -> None:
    _check(text, region)


@_SETTINGS
@given(written=varied_examples())
def test_numbers_near_the_examples(written: tuple[str, str | None]) -> None:
    _check(*written)


@_SETTINGS
@given(
    text=st.one_of(
        st.text(alphabet="0123456789 +-./()[]x#;,\t\u00a0\uff10\u2011", max_size=24),
        st.from_regex(r"\+?[0-9]{1,18}", fullmatch=True),
    ),
    region=regions,
)
def test_anything_else_is_left_to_the_general_path(text: str, region: str | None) -> None:
    _check(text, region)


def _outcome(read: object, text: str, region: str | None) -> object:
    try:
        return read(text, region)  # type: ignore[operator]
    except ValidationError as error:
        return (error.code, error.field, error.value, error.hint, type(error.__cause__))


@_SETTINGS
@given(
    written=st.one_of(
        dressed_numbers,
        st.tuples(phone_like_text, regions),
        st.tuples(written_digits, regions),
        varied_examples(),
    )
)
@example(written=("Tel. +48 601 234 567 wew. 12", None))
@example(written=("+48\u00a0601\u00a0234\u00a0567", None))
@example(written=("tel:+48-601-234-567;ext=123", "PL"))
@example(written=("tel:601234567;phone-context=+48", None))
@example(written=("+49 30 1234567890123 ext. 1", None))
@example(written=("+48 601 234 567 ext. 12345678901", None))
def test_validate_is_the_general_path(written: tuple[str, str | None]) -> None:
    """Whatever the input, validate (uncached) gives what the general path gives."""
    text, region = written
    assert _outcome(phones._validate.__wrapped__, text, region) == _outcome(
        phones._general, text, region
    )


def _public(text: str, region: str | None) -> phones.Phone:
    """Call validate as the families do; its fast read sits before the cache."""
    phones._validate.cache_clear()
    return phones.validate(text, country=region)


@_SETTINGS
@given(
    written=st.one_of(
        dressed_numbers,
        st.tuples(phone_like_text, regions),
        st.tuples(written_digits, regions),
        st.sampled_from(MARKET_NUMBERS),
        varied_examples(),
    )
)
@example(written=("601 234 567", "PL"))
@example(written=("+380 67 123 45 67", None))
@example(written=("8 044 123 45 67", "UA"))
@example(written=("", "PL"))
@example(written=("   ", None))
def test_validate_with_its_fast_read_is_the_general_path(written: tuple[str, str | None]) -> None:
    text, region = written
    assert _outcome(_public, text, region) == _outcome(_checked_general, text, region)


def _checked_general(text: str, region: str | None) -> phones.Phone:
    """The general path behind validate's check of the text (whose hint is the generic one)."""
    return phones._general(require_text(text, field="phone", hint=phones._hint()), region)


def test_the_number_part_takes_the_fast_path() -> None:
    phone = phones.validate("Tel. +48\u00a0601\u00a0234\u00a0567 wew. 12")
    assert phone == phones.Phone(e164="+48601234567", country="PL", kind="mobile", extension="12")
    assert phones.validate("тел. 8 (044) 123-45-67", country="UA").e164 == "+380441234567"


def test_other_shapes_are_declined() -> None:
    for text in (
        "+48 601 234 567 ext. 12",
        "tel:+48-601-234-567",
        "Tel. 601 234 567",
        "+48 601 234 567#",
        "1-800-FLOWERS",
        "+４８ ６０１ ２３４ ５６７",
        "48+601234567",
        "++48601234567",
        "+48\t601234567",
        "+48 " + "1" * 70,
    ):
        assert _phone_fast.read(text, "PL") is None, text


@pytest.mark.parametrize("text", ["8 0" + "1" * 13, "8 0" + "5" * 12, "8 123 45 67"])
def test_legacy_trunk_only_where_the_general_path_reads_it(text: str) -> None:
    fast = _check(text, "UA")
    assert fast is None
    assert isinstance(_general(text, "UA"), str)


def test_validate_takes_the_fast_path_for_the_benchmark_shapes() -> None:
    for text, region in (
        ("+380 67 123 45 67", None),
        ("020 7946 0123", "GB"),
        ("(212) 555-0123", "US"),
        ("+7 912 123-45-67", None),
        ("+30 693 123 4567", None),
        ("+49 30 1234567", None),
        ("601 234 567", "PL"),
    ):
        assert _phone_fast.read(text, region) is not None, text


class TestCheckedPhone:
    @given(
        st.from_regex(r"\+[1-9][0-9]{1,14}", fullmatch=True),
        st.sampled_from([None, "PL", "UA", "RU", "GR", "DE", "GB", "US"]),
        st.sampled_from(sorted(phones._KINDS)),
    )
    def test_equals_the_attrs_construction(self, e164: str, country: str | None, kind: int) -> None:
        fast = phones._checked_phone(e164, country, kind)
        made = phones.Phone(e164=e164, country=country, kind=phones._KINDS[kind])
        assert fast == made
        assert hash(fast) == hash(made)
        assert repr(fast) == repr(made)
        assert type(fast.kind) is type(made.kind)

    def test_is_the_validated_value(self) -> None:
        fast = phones._checked_phone("+48601234567", "PL", phonenumbers.PhoneNumberType.MOBILE)
        made = phones.Phone(e164="+48601234567", country="PL", kind="mobile")
        assert fast == made
        assert hash(fast) == hash(made)
        assert repr(fast) == repr(made)
        assert str(fast) == "+48601234567"
        assert fast.kind is phones.PhoneKind.MOBILE

    def test_e164_too_long_is_left_to_the_general_path(self) -> None:
        # Valid to phonenumbers (a German number of 15 digits) but not E.164.
        text = "+49 30 1234567890123"
        assert _phone_fast.read(text, None) is None
        assert _general(text, None) == "phone.bad_e164"


# The compiled metadata against phonenumbers' own functions, which take the
# region's metadata object.

_KINDS = tuple(
    kind
    for kind in phonenumbers.PhoneNumberType.values()
    if kind != phonenumbers.PhoneNumberType.UNKNOWN
)


_METADATA = [
    *REGIONS,
    *(f"+{code}" for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS)),
]


def _pair(name: str) -> tuple[object, _phone_metadata.Plan]:
    if name.startswith("+"):
        code = int(name[1:])
        metadata = phonenumbers.PhoneMetadata.metadata_for_nongeo_region(code)
        plan = _phone_metadata.code_plan(code)
    else:
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(name)
        plan = _phone_metadata.region_plan(name)
    assert plan is not None
    return metadata, plan


_NATIONAL = st.one_of(
    st.text(alphabet="0123456789", min_size=1, max_size=17),
    st.sampled_from(examples()).map(phonenumbers.national_significant_number),
    st.sampled_from(examples()).map(lambda n: "0" + phonenumbers.national_significant_number(n)),
    st.sampled_from(examples()).map(lambda n: "8" + phonenumbers.national_significant_number(n)),
    st.sampled_from(examples()).map(lambda n: "1" + phonenumbers.national_significant_number(n)),
)


@_SETTINGS
@given(name=st.sampled_from(_METADATA), number=_NATIONAL)
def test_the_steps_are_phonenumbers_steps(name: str, number: str) -> None:
    metadata, plan = _pair(name)
    expected = pnu._maybe_strip_national_prefix_carrier_code(number, metadata)[1]
    assert _phone_metadata.strip_national_prefix(number, plan) == expected
    assert _phone_metadata.length_verdict(number, plan) == pnu._test_number_length(number, metadata)
    assert _phone_metadata.kind_of(number, plan) == pnu._number_type_helper(number, metadata)
    general = metadata.general_desc
    assert _phone_metadata.matches_general(number, plan) == pnu._match_national_number(
        number, general, allow_prefix_match=False
    )


@pytest.mark.parametrize("name", _METADATA)
def test_every_example_has_its_kind(name: str) -> None:
    metadata, plan = _pair(name)
    for kind in (*_KINDS, phonenumbers.PhoneNumberType.UNKNOWN):
        desc = pnu._number_desc_by_type(metadata, kind)
        if desc is None or not desc.example_number:
            continue
        number = desc.example_number
        assert _phone_metadata.kind_of(number, plan) == pnu._number_type_helper(number, metadata)


@_SETTINGS
@given(
    code=st.sampled_from(sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)),
    number=_NATIONAL,
)
@example(code=1, number="2125550123")
@example(code=7, number="7172123456")
@example(code=44, number="1481123456")
@example(code=999, number="123456")
def test_region_of_is_phonenumbers_region(code: int, number: str) -> None:
    parsed = phonenumbers.PhoneNumber(country_code=code, national_number=int(number))
    pnu._set_italian_leading_zeros_for_phone_number(number, parsed)
    assert _phone_metadata.region_of(code, number) == (
        phonenumbers.region_code_for_number(parsed),
        phonenumbers.number_type(parsed),
    )


def test_region_of_an_unknown_code() -> None:
    assert _phone_metadata.region_of(999, "123456") == (None, phonenumbers.PhoneNumberType.UNKNOWN)
    assert _phone_metadata.code_plan(999) is None
    assert _phone_metadata.region_plan("ZZ") is None


_PLANS = [
    plan
    for plan in (_phone_metadata.region_plan(r) for r in sorted(phonenumbers.SUPPORTED_REGIONS))
    if plan is not None
]


def test_plain_prefixes_are_found_in_our_markets() -> None:
    texts = {
        plan.region: (plan.idd_text, plan.national_prefix_text)
        for plan in _PLANS
        if plan.region in {"PL", "UA", "RU", "GR", "DE", "GB", "US"}
    }
    assert texts == {
        "PL": ("00", None),
        "UA": ("00", "0"),
        "RU": ("810", "8"),
        "GR": ("00", None),
        "DE": ("00", "0"),
        "GB": ("00", None),  # its national prefix is a pattern: 0|180020
        "US": ("011", "1"),
    }


@given(st.sampled_from(_PLANS), st.from_regex(r"[0-9]{0,12}", fullmatch=True))
def test_a_plain_prefix_text_is_its_pattern(plan: _phone_metadata.Plan, digits: str) -> None:
    for text, pattern in (
        (plan.idd_text, plan.idd),
        (plan.national_prefix_text, plan.national_prefix),
    ):
        if text is None:
            continue
        assert pattern is not None
        for number in (digits, text + digits):
            found = pattern.match(number)
            assert (found is not None) == number.startswith(text)
            assert found is None or found.end() == len(text)


@st.composite
def _old_trunk_and_placeholders(draw: st.DrawFn) -> tuple[str, str | None]:
    """Return a number written with an old or bracketed trunk prefix, or a placeholder."""
    number = draw(st.sampled_from(examples()))
    nsn = phonenumbers.national_significant_number(number)
    if draw(st.booleans()):
        nsn = draw(st.sampled_from("0123456789")) * len(nsn)
    else:
        keep = draw(st.integers(min_value=max(1, len(nsn) - 3), max_value=len(nsn)))
        nsn = nsn[:keep] + draw(st.text(alphabet="0123456789", max_size=len(nsn) - keep + 1))
    code = number.country_code
    form = draw(
        st.sampled_from(
            [
                "0{n}",
                "(0-{a}) {b}",
                "8 0{n}",
                "8 ({a}) {b}",
                "+{c} (0) {n}",
                "+{c} 0{n}",
                "00{c}(0){a}-{b}",
                "{c} 0{n}",
                "{n}",
                "+{c}{n}",
            ]
        )
    )
    region = draw(st.one_of(st.sampled_from(("PL", "UA", "RU", "GR", "DE", "GB")), regions))
    return form.format(n=nsn, a=nsn[:2], b=nsn[2:], c=code), region


@_SETTINGS
@given(written=_old_trunk_and_placeholders())
@example(written=("(0-32) 245 67 89", "PL"))
@example(written=("8 (044) 444 44 44", "UA"))
@example(written=("+48 0 61 852 01 23", None))
@example(written=("0 0 61 852 01 23", "PL"))
@example(written=("0039(0)55-12345670", None))
@example(written=("0048 (0) 61 852 01 23", None))
def test_old_trunk_prefixes_and_placeholders_read_alike_on_both_paths(
    written: tuple[str, str | None],
) -> None:
    text, region = written
    _check(text, region)
    assert _outcome(_public, text, region) == _outcome(_checked_general, text, region)
    assert _outcome(phones._validate.__wrapped__, text, region) == _outcome(
        phones._general, text, region
    )

from __future__ import annotations

import json
import pickle
from pathlib import Path

import attrs
import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import phones

from .strategies import any_text, phone_like_text
from .support import outcome

CORPUS = json.loads((Path(__file__).parent / "data" / "phones.json").read_text("utf-8"))
COUNTRIES = ["PL", "UA", "RU", "GR", "DE", "GB", "US"]


@pytest.mark.parametrize(("raw", "country", "e164", "kind", "extension"), CORPUS["valid"])
def test_valid_corpus(
    raw: str, country: str | None, e164: str, kind: str, extension: str | None
) -> None:
    phone = phones.validate(raw, country=country)
    assert phone.e164 == e164
    assert phone.kind == kind
    assert phone.extension == extension
    assert phone.country == phonenumbers.region_code_for_number(phonenumbers.parse(e164)) or (
        phone.country is None
    )
    # Idempotent, through the canonical text and through the value itself.
    assert phones.validate(str(phone)) == phone
    assert phones.validate(phone) is phone
    assert phones.is_valid(raw, country=country)


@pytest.mark.parametrize(("raw", "country", "code"), CORPUS["invalid"])
def test_invalid_corpus(raw: str, country: str | None, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        phones.validate(raw, country=country)
    err = info.value
    assert err.code == code
    assert err.field == "phone"
    assert err.value == raw
    assert err.hint
    assert not phones.is_valid(raw, country=country)


def test_dependency_errors_are_chained_not_leaked() -> None:
    with pytest.raises(ValidationError) as info:
        phones.validate("+999 123 456 789")
    assert isinstance(info.value.__cause__, phonenumbers.NumberParseException)


def test_hint_is_an_example_of_the_country() -> None:
    with pytest.raises(ValidationError) as info:
        phones.validate("601 234", country="UA")
    assert info.value.hint == phones.example("UA")
    with pytest.raises(ValidationError) as info:
        phones.validate("601234567")
    assert "give a country" in (info.value.hint or "")


@pytest.mark.parametrize("raw", [None, 601234567, b"601234567"])
def test_not_text(raw: object) -> None:
    with pytest.raises(ValidationError) as info:
        phones.validate(raw, country="PL")
    assert info.value.code == "phone.not_text"


@pytest.mark.parametrize("country", ["XX", "POL", "", 48])
def test_unknown_country(country: object) -> None:
    with pytest.raises(ValidationError) as info:
        phones.validate("601 234 567", country=country)  # type: ignore[arg-type]
    assert info.value.code == "country.unknown"
    assert info.value.field == "country"


class TestFormat:
    def test_styles(self) -> None:
        phone = phones.validate("+380 44 123 45 67 ext. 9")
        assert phones.format(phone) == "+380 44 123 4567 ext. 9"
        assert phones.format(phone, "national") == "044 123 4567 ext. 9"
        assert phones.format(phone, "e164") == "+380441234567"
        assert phones.format(phone, "rfc3966") == "tel:+380-44-123-4567;ext=9"

    @pytest.mark.parametrize(
        ("raw", "country", "international", "national"),
        [
            ("601234567", "PL", "+48 601 234 567", "601 234 567"),
            ("84951234567", "RU", "+7 495 123-45-67", "8 (495) 123-45-67"),
            ("2101234567", "GR", "+30 21 0123 4567", "21 0123 4567"),
            ("030 1234567", "DE", "+49 30 1234567", "030 1234567"),
            ("02079460958", "GB", "+44 20 7946 0958", "020 7946 0958"),
            ("2125550123", "US", "+1 212-555-0123", "(212) 555-0123"),
        ],
    )
    def test_text_is_validated_first(
        self, raw: str, country: str, international: str, national: str
    ) -> None:
        assert phones.format(raw, country=country) == international
        assert phones.format(raw, "national", country=country) == national

    def test_unknown_style(self) -> None:
        with pytest.raises(ValidationError) as info:
            phones.format("+48601234567", "fancy")  # type: ignore[arg-type]
        assert info.value.code == "phone.unknown_style"

    def test_invalid_text(self) -> None:
        with pytest.raises(ValidationError):
            phones.format("601 234", country="PL")


def test_compact() -> None:
    assert phones.compact(" +48 (22) 123-45.67 ") == "+48221234567"
    assert phones.compact("8/044/123 45 67") == "80441234567"
    assert phones.compact(None) == ""  # type: ignore[arg-type]
    assert phones.compact("+30 (0) 231 012 3456") == "+3002310123456"


@pytest.mark.parametrize("country", COUNTRIES)
def test_example_is_a_valid_mobile_number(country: str) -> None:
    example = phones.example(country)
    phone = phones.validate(example)
    assert phone.country == country
    assert phone.kind in {phones.PhoneKind.MOBILE, phones.PhoneKind.FIXED_LINE_OR_MOBILE}
    assert phones.format(phone) == example


class TestPhoneValue:
    def test_str_and_fields(self) -> None:
        phone = phones.Phone(e164="+48221234567", country="PL", kind="fixed_line", extension="12")
        assert str(phone) == "+48221234567;ext=12"
        assert phone.kind is phones.PhoneKind.FIXED_LINE
        assert phones.validate(str(phone)) == phone

    def test_frozen_and_picklable(self) -> None:
        phone = phones.validate("+48 601 234 567")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            phone.e164 = "+48000"  # type: ignore[misc]
        assert pickle.loads(pickle.dumps(phone)) == phone

    @pytest.mark.parametrize(
        ("kwargs", "code"),
        [
            ({"e164": "48601234567"}, "phone.bad_e164"),
            ({"e164": "+0601234567"}, "phone.bad_e164"),
            ({"e164": 48601234567}, "phone.bad_e164"),
            ({"extension": "12a"}, "phone.bad_extension"),
            ({"extension": 12}, "phone.bad_extension"),
        ],
    )
    def test_checked(self, kwargs: dict[str, object], code: str) -> None:
        fields: dict[str, object] = {"e164": "+48601234567", "country": "PL", "kind": "mobile"}
        fields.update(kwargs)
        with pytest.raises(ValidationError) as info:
            phones.Phone(**fields)  # type: ignore[arg-type]
        assert info.value.code == code


@settings(deadline=None)
@given(st.one_of(any_text, phone_like_text), st.sampled_from([None, *COUNTRIES]))
def test_any_text_gives_a_phone_or_our_error(raw: str, country: str | None) -> None:
    result = outcome(phones.validate, raw, country=country)
    if isinstance(result, ValidationError):
        assert result.code.startswith(("phone.", "country."))
    else:
        assert phones.validate(str(result)) == result
        assert phones.validate(phones.format(result)) == result.__class__(
            e164=result.e164, country=result.country, kind=result.kind, extension=result.extension
        )

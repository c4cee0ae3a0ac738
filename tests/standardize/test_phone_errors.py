"""The errors of phone numbers carry all their data, and the limits hold on both sides.

An application shows an error's message and hint and reads its field, value
and code, so each refusal of :mod:`crmcore.standardize.phones` is checked
whole; each limit is checked with a value at it and one past it.
"""

from __future__ import annotations

import pytest

from crmcore.errors import ValidationError, localize
from crmcore.standardize import phones
from crmcore.standardize._base import MAX_INPUT_LENGTH

COUNTRY_HINT = "a two-letter code such as PL, UA, GR or DE"
INTERNATIONAL_HINT = "an international number such as +48 512 345 678"


def _data(error: ValidationError) -> tuple[object, ...]:
    return (error.code, error.field, error.value, str(error.message), error.hint)


def _phone(**changes: object) -> phones.Phone:
    fields: dict[str, object] = {"e164": "+48601234567", "country": "PL", "kind": "mobile"}
    fields.update(changes)
    return phones.Phone(**fields)  # type: ignore[arg-type]


# --- the value's own checks ---------------------------------------------------------------


@pytest.mark.parametrize(
    "e164",
    [
        "48601234567",  # no +
        "+0601234567",  # no calling code starts with 0
        "+1",  # a calling code and no number
        "+1234567890123456",  # 16 digits
        "+48 601 234 567",  # spaces
        "+48601234567;ext=1",
        "+4٨٦٠١٢٣٤٥٦٧",  # Arabic-Indic digits: E.164 is ASCII
        48601234567,
        None,
    ],
)
def test_a_number_not_in_e164_form_is_refused_whole(e164: object) -> None:
    with pytest.raises(ValidationError) as info:
        _phone(e164=e164)
    assert _data(info.value) == (
        "phone.bad_e164",
        "phone.e164",
        e164,
        "the number is not in E.164 form",
        "+ and up to 15 digits, such as +48601234567",
    )


@pytest.mark.parametrize("e164", ["+12", "+123456789012345", "+48601234567", "+380441234567"])
def test_e164_holds_two_to_fifteen_digits(e164: str) -> None:
    assert _phone(e164=e164).e164 == e164


@pytest.mark.parametrize("extension", ["", "12a", "12345678901", " 12", "١٢", 12])
def test_an_extension_not_of_digits_is_refused_whole(extension: object) -> None:
    with pytest.raises(ValidationError) as info:
        _phone(extension=extension)
    assert _data(info.value) == (
        "phone.bad_extension",
        "phone.extension",
        extension,
        "the extension must be digits",
        "1 to 10 digits",
    )


@pytest.mark.parametrize("extension", ["1", "0", "1234567890", None])
def test_an_extension_holds_one_to_ten_digits(extension: str | None) -> None:
    phone = _phone(extension=extension)
    assert phone.extension == extension
    assert str(phone) == (f"+48601234567;ext={extension}" if extension else "+48601234567")


@pytest.mark.parametrize(
    ("raw", "extension"),
    [
        ("+48 601 234 567 доб. ١٢", "12"),  # Arabic-Indic digits
        ("tel:+48-601-234-567;ext=١٢", "12"),
        ("+48 601 234 567 wew. ۱۲۳", "123"),  # Persian digits
        ("+48 601 234 567 wew. ١2", "12"),
    ],
)
def test_an_extension_in_digits_of_another_script_is_read_in_ascii_digits(
    raw: str, extension: str
) -> None:
    # A regression: such an extension was kept as written, and the value's own
    # check took it, so that validate(str(phone)) was not the phone.
    phone = phones.validate(raw)
    assert phone.extension == extension
    assert str(phone) == f"+48601234567;ext={extension}"
    assert phones.validate(str(phone)) == phone


def test_the_kind_is_converted_to_its_member() -> None:
    assert _phone(kind="toll_free").kind is phones.PhoneKind.TOLL_FREE
    assert _phone().extension is None


# --- the country ----------------------------------------------------------------------------


@pytest.mark.parametrize("country", ["XX", "xx", "POL", "Polska", "Україна", "", 48])
def test_an_unknown_country_is_refused_whole(country: object) -> None:
    with pytest.raises(ValidationError) as info:
        phones.validate("601 234 567", country=country)  # type: ignore[arg-type]
    assert _data(info.value) == (
        "country.unknown",
        "country",
        country,
        "the country is not an ISO 3166-1 alpha-2 code",
        COUNTRY_HINT,
    )
    with pytest.raises(ValidationError) as info:
        phones.example(country)  # type: ignore[arg-type]
    assert info.value.code == "country.unknown"


@pytest.mark.parametrize("country", ["EU", "AQ", "aq"])
def test_a_country_without_a_numbering_plan_reads_international_numbers_only(
    country: str,
) -> None:
    assert phones.validate("+48 601 234 567", country=country).e164 == "+48601234567"
    with pytest.raises(ValidationError) as info:
        phones.validate("601 234 567", country=country)
    assert info.value.code == "phone.no_country"


@pytest.mark.parametrize(
    ("raw", "country", "e164"),
    [
        ("601-234-567", "pl", "+48601234567"),
        ("044 123 45 67", "ua", "+380441234567"),
        ("8 (495) 123-45-67", "Ru", "+74951234567"),
        ("210 123 4567", "gr", "+302101234567"),
    ],
)
def test_a_country_code_in_small_letters_is_read(raw: str, country: str, e164: str) -> None:
    phone = phones.validate(raw, country=country)
    assert phone.e164 == e164
    assert phone.country == country.upper()
    assert phones.example(country) == phones.example(country.upper())


# --- hints ----------------------------------------------------------------------------------


@pytest.mark.parametrize("country", ["PL", "UA", "GR", "DE", "GB", "US", "RU"])
def test_the_hint_of_a_number_of_a_country_is_an_example_of_that_country(country: str) -> None:
    with pytest.raises(ValidationError) as info:
        phones.validate("12", country=country)
    assert info.value.hint == phones.example(country)
    assert phones.validate(info.value.hint).country == country


def test_the_hint_of_a_number_without_a_country_is_an_international_example() -> None:
    with pytest.raises(ValidationError) as info:
        phones.validate("+48 601 234")
    assert info.value.hint == INTERNATIONAL_HINT
    for raw in (None, "", " "):
        with pytest.raises(ValidationError) as info:
            phones.validate(raw)
        assert info.value.hint == INTERNATIONAL_HINT


def test_the_default_example_is_polish() -> None:
    assert phones.example() == phones.example("PL") == "+48 512 345 678"
    assert phones.example(None) == "+48 512 345 678"
    assert phones.validate(phones.example()).kind is phones.PhoneKind.MOBILE


# --- readings the fast path leaves to the general one ----------------------------------------


@pytest.mark.parametrize(
    ("raw", "country", "read"),
    [
        ("+48 601 234 567 wew. 12", None, ("+48601234567", "PL", "mobile", "12")),
        ("601 234 567 wew. 12", "PL", ("+48601234567", "PL", "mobile", "12")),
        ("+1 212 555 0123 x 7", None, ("+12125550123", "US", "fixed_line_or_mobile", "7")),
        (
            "+44 20 7946 0958 ext. 1234567890",
            None,
            ("+442079460958", "GB", "fixed_line", "1234567890"),
        ),
        ("8 (495) 123-45-67 доб. 12", "RU", ("+74951234567", "RU", "fixed_line", "12")),
        ("Tel.: +30 21 0123 4567", None, ("+302101234567", "GR", "fixed_line", None)),
        ("+800 1234 5678", None, ("+80012345678", None, "toll_free", None)),  # non-geographic
        ("+881 6 12345678", None, ("+881612345678", None, "mobile", None)),
    ],
)
def test_readings_with_labels_extensions_and_no_country(
    raw: str, country: str | None, read: tuple[str, str | None, str, str | None]
) -> None:
    phone = phones.validate(raw, country=country)
    assert (phone.e164, phone.country, phone.kind, phone.extension) == read
    assert type(phone.kind) is phones.PhoneKind


# --- format and compact ----------------------------------------------------------------------


@pytest.mark.parametrize("style", ["fancy", "E164", "", "ascii"])
def test_an_unknown_format_style_is_refused_whole(style: str) -> None:
    with pytest.raises(ValidationError) as info:
        phones.format("+48601234567", style)  # type: ignore[arg-type]
    error = info.value
    assert _data(error) == (
        "phone.unknown_style",
        "style",
        style,
        "there is no such phone format style",
        "international, national, e164, rfc3966",
    )
    assert localize(error, "pl").message != error.message


def test_only_the_e164_style_drops_the_extension() -> None:
    phone = phones.validate("+48 22 123 45 67 wew. 12")
    assert phones.format(phone) == "+48 22 123 45 67 ext. 12"
    assert phones.format(phone, "international") == "+48 22 123 45 67 ext. 12"
    assert phones.format(phone, "national") == "22 123 45 67 ext. 12"
    assert phones.format(phone, "e164") == "+48221234567"
    assert phones.format(phone, "rfc3966") == "tel:+48-22-123-45-67;ext=12"
    assert str(phone) == "+48221234567;ext=12"


def test_compact_takes_text_up_to_the_length_every_standardiser_takes() -> None:
    longest = "1 " * (MAX_INPUT_LENGTH // 2)
    assert len(longest) == MAX_INPUT_LENGTH
    assert phones.compact(longest) == "1" * (MAX_INPUT_LENGTH // 2)
    too_long = longest + "2"
    with pytest.raises(ValidationError) as info:
        phones.compact(too_long)
    assert _data(info.value) == (
        "phone.too_long",
        "phone",
        too_long,
        "the value is too long",
        INTERNATIONAL_HINT,
    )


@pytest.mark.parametrize("raw", [None, 48601234567, b"+48601234567", ["+48"]])
def test_compact_of_anything_but_text_is_empty(raw: object) -> None:
    assert phones.compact(raw) == ""


@pytest.mark.parametrize(
    ("raw", "compacted"),
    [
        ("+7 (495) 123-45-67", "+74951234567"),
        ("[0048] 22.123.45.67", "0048221234567"),
        ("tel:+30\t210/123 4567", "tel:+302101234567"),
        ("доб. 12", "доб12"),
    ],
)
def test_compact_drops_only_separators(raw: str, compacted: str) -> None:
    assert phones.compact(raw) == compacted

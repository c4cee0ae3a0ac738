"""The model's one rule: a part holds the canonical form of its value, or is refused.

Each kind of value is tested as a class: every other spelling of a valid value
(formatted, national, in other letter case, with labels or separators) is
refused with its ``*.not_canonical`` code, ``parse`` reads those spellings into
the canonical form, and the canonical form is taken as it is.
"""

import time

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore import ids
from crmcore.errors import ValidationError
from crmcore.model import EmailAddress, Identifier, Party, PhoneNumber, PostalAddress, Website
from crmcore.model._canonical import stdnum_scheme
from crmcore.standardize import tax_ids
from crmcore.testing.strategies import customer_numbers, identifiers

REGIONS = ("PL", "UA", "RU", "GR", "DE", "GB", "US")
KINDS = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE)


def _code(build):
    with pytest.raises(ValidationError) as caught:
        build()
    return caught.value.code


@st.composite
def written_phones(draw):
    """A valid number of a market, its E.164 form and a way people write it."""
    region = draw(st.sampled_from(REGIONS))
    example = phonenumbers.example_number_for_type(region, draw(st.sampled_from(KINDS)))
    national = str(example.national_number)
    tail = draw(st.text("0123456789", min_size=2, max_size=2))
    number = phonenumbers.parse(f"+{example.country_code}{national[:-2]}{tail}")
    if not phonenumbers.is_valid_number(number):
        number = example
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    style = draw(
        st.sampled_from(
            (
                phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                phonenumbers.PhoneNumberFormat.NATIONAL,
                phonenumbers.PhoneNumberFormat.RFC3966,
            )
        )
    )
    return region, e164, phonenumbers.format_number(number, style)


@settings(max_examples=200, deadline=None)
@given(written_phones())
def test_a_phone_is_taken_in_e164_only_and_parse_reads_the_other_spellings(case):
    region, e164, written = case
    assert PhoneNumber(e164).number == e164
    assert PhoneNumber.parse(written, country=region).number == e164
    assert written != e164
    assert _code(lambda: PhoneNumber(written)) == "phone.not_canonical"
    assert _code(lambda: PhoneNumber(f" {e164}")) == "phone.not_canonical"


@pytest.mark.parametrize(
    ("written", "country"),
    [
        ("0 67 123 45 67", "UA"),
        ("8 (912) 345-67-89", "RU"),
        ("210 3456 789", "GR"),
        ("030 1234567", "DE"),
        ("020 7946 0018", "GB"),
        ("(212) 555-0187", "US"),
        ("tel. 58 123 45 67", "PL"),
    ],
)
def test_a_national_number_needs_parse_and_its_country(written, country):
    assert _code(lambda: PhoneNumber(written)) == "phone.not_canonical"
    assert _code(lambda: PhoneNumber.parse(written)) == "phone.no_country"
    parsed = PhoneNumber.parse(written, country=country)
    assert PhoneNumber(parsed.number).key == parsed.number


def test_an_extension_is_kept_the_rfc_3966_way():
    parsed = PhoneNumber.parse("+30 210 3456789 εσωτ. 25")
    assert parsed.number == "+302103456789;ext=25"
    assert PhoneNumber(parsed.number).key == "+302103456789"
    assert _code(lambda: PhoneNumber("+302103456789 ext. 25")) == "phone.not_canonical"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Olha.Shevchenko@UKR.NET", "Olha.Shevchenko@ukr.net"),
        ("mailto:d.sokolov@Yandex.RU", "d.sokolov@yandex.ru"),
        ("Μαρία <maria@Otenet.GR>", "maria@otenet.gr"),
        ("  s.jones@Example.CO.UK ", "s.jones@example.co.uk"),
        ("info@ВЕСНА.РФ", "info@весна.рф"),
        ("m.schmidt@Schmidt-GmbH.de", "m.schmidt@schmidt-gmbh.de"),
    ],
)
def test_an_e_mail_address_is_taken_as_the_standardiser_writes_it(written, canonical):
    assert _code(lambda: EmailAddress(written)) == "email.not_canonical"
    assert EmailAddress.parse(written).address == canonical
    assert EmailAddress(canonical).address == canonical


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("WWW.Vesna.UA/", "https://www.vesna.ua"),
        ("http://Schmidt-GmbH.de/", "http://schmidt-gmbh.de"),
        ("ВЕСНА.укр", "https://" + "весна.укр".encode("idna").decode("ascii")),
        ("Shop.Example.COM", "https://shop.example.com"),
    ],
)
def test_a_website_is_taken_as_the_standardiser_writes_it(written, canonical):
    assert _code(lambda: Website(written)) == "website.not_canonical"
    assert Website.parse(written).url == canonical
    assert Website(canonical).url == canonical


@settings(max_examples=200, deadline=None)
@given(identifiers(), st.integers(1, 9))
def test_an_identifier_python_stdnum_checks_is_its_valid_compact_number(identifier, shift):
    path = stdnum_scheme(identifier.scheme, identifier.country)
    if path is None:  # an opaque key: kept as given
        assert Identifier(identifier.scheme, identifier.value, country=identifier.country)
        return
    formatted = tax_ids.format(identifier.value, scheme=path)
    parsed = Identifier.parse(formatted, scheme=path)
    assert parsed.value == identifier.value
    if formatted != identifier.value:
        assert (
            _code(lambda: Identifier(identifier.scheme, formatted, country=identifier.country))
            == "identifier.not_canonical"
        )
    mistyped = identifier.value[:-1] + str((int(identifier.value[-1]) + shift) % 10)
    if not tax_ids.is_valid(mistyped, scheme=path):
        assert (
            _code(lambda: Identifier(identifier.scheme, mistyped, country=identifier.country))
            == "identifier.not_canonical"
        )


@pytest.mark.parametrize(
    ("scheme", "written", "country", "expected"),
    [
        ("nip", "NIP 779-243-35-27", "PL", ("nip", "7792433527", "PL")),
        ("edrpou", "ЄДРПОУ 2243 2208", "UA", ("edrpou", "22432208", "UA")),
        ("inn", "ИНН 5197 2530 51", "RU", ("inn", "5197253051", "RU")),
        ("afm", "ΑΦΜ 967 679 040", "GR", ("vat", "967679040", "GR")),
        ("vat", "DE 174 534 131", None, ("vat", "174534131", "DE")),
        ("vat", "GB 980 7806 84", None, ("vat", "980780684", "GB")),
        ("ein", "04-2103594", "US", ("ein", "042103594", "US")),
    ],
)
def test_parse_reads_labels_separators_and_prefixes(scheme, written, country, expected):
    identifier = Identifier.parse(written, scheme=scheme, country=country)
    assert (identifier.scheme, identifier.value, identifier.country) == expected
    assert _code(lambda: Identifier(scheme, written, country=country)) == "identifier.not_canonical"


def test_a_vat_number_reads_its_prefix_or_needs_a_country():
    assert Identifier("vat", "CZ25123891").country == "CZ"
    assert Identifier("vat", "25123891", country="CZ").value == "25123891"
    assert _code(lambda: Identifier("vat", "25123891")) == "identifier.no_country"


@settings(max_examples=200, deadline=None)
@given(customer_numbers())
def test_a_customer_number_is_the_compact_number_crmcore_ids_issues(number):
    assert _with_number(number).customer_number == number
    written = ids.format(number)
    assert written != number
    for other in (written, f"k{number}", f" {number}", f"{number}\n"):
        assert _code(lambda other=other: _with_number(other)) == "customer_number.not_canonical"
    mistyped = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert _code(lambda: _with_number(mistyped)) == "customer_number.not_canonical"
    assert _with_number(ids.validate(written)).customer_number == number


def _with_number(number):
    return Party.person(
        family="Бондаренко", created_at="2026-11-23T09:30:00+02:00", customer_number=number
    )


@pytest.mark.parametrize("number", ["hello", "K-1", "0001", "C0000001", "ЖК-2026"])
def test_a_made_up_customer_number_is_refused(number):
    assert _code(lambda: _with_number(number)) == "customer_number.not_canonical"


@pytest.mark.parametrize("country", ["pl", "Ua", " GR", "de ", "gb"])
def test_a_country_code_is_in_capitals(country):
    with pytest.raises(ValidationError) as caught:
        PostalAddress(locality="Kraków", country=country)
    assert (caught.value.code, caught.value.field) == ("country.not_canonical", "country")
    assert country.strip().upper() in str(caught.value.hint)
    assert _code(lambda: Identifier("loyalty", "7", country=country)) == "country.not_canonical"


@pytest.mark.parametrize(
    "build",
    [
        PhoneNumber,
        EmailAddress,
        Website,
        lambda text: Identifier("nip", text, country="PL"),
        _with_number,
        lambda text: PhoneNumber.parse(text, country="PL"),
        EmailAddress.parse,
        lambda text: Identifier.parse(text, scheme="nip", country="PL"),
    ],
)
@pytest.mark.parametrize("text", ["+4" + "8" * 100_000, "a@" * 50_000, "(1" * 50_000])
def test_hostile_and_very_long_text_is_refused_quickly(build, text):
    started = time.perf_counter()
    with pytest.raises(ValidationError):
        build(text)
    assert time.perf_counter() - started < 1.0

"""From the standardisers' values to the model's parts: ``from_standardized``."""

import subprocess
import sys
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.model import (
    ContactPoint,
    EmailAddress,
    Identifier,
    OrganizationName,
    Party,
    PersonName,
    PhoneLine,
    PhoneNumber,
    PostalAddress,
    Website,
    from_dict,
    to_dict,
)
from crmcore.standardize import (
    addresses,
    company_names,
    emails,
    localize,
    person_names,
    phones,
    tax_ids,
    websites,
)

from .strategies import (
    raw_addresses,
    raw_company_names,
    raw_emails,
    raw_person_names,
    raw_phones,
    raw_websites,
)

VERIFIED = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
PERSON_PARTS = ("given", "middle", "patronymic", "family", "title", "suffix")
ADDRESS_PARTS = (
    "street", "building", "flat", "extra", "postal_code", "locality", "region", "country",
)  # fmt: skip


def _round_trips(value):
    cls = ContactPoint if isinstance(value, ContactPoint) else type(value)
    assert from_dict(cls, to_dict(value)) == value


# --- people -------------------------------------------------------------------

PEOPLE = [
    ("prof. dr hab. Jan Maria Rokita", "PL"),
    ("ІВАНОВ Іван Петрович", "UA"),
    ("Смирнова Наталья Алексеевна", "RU"),
    ("κ. Γιώργος Παπαδόπουλος", "GR"),
    ("Dr. Hans-Jürgen Weiß", "DE"),
    ("Ms Siobhan O'Brien", "GB"),
    ("Dr. John F. Kennedy Jr.", "US"),
    ("Martin Luther King Jr.", "US"),
]


@pytest.mark.parametrize(("raw", "market"), PEOPLE)
def test_a_person_name_keeps_every_part(raw, market):
    del market  # the name is read the same whatever the market
    value = person_names.validate(raw)
    name = PersonName.from_standardized(value)
    assert {part: getattr(name, part) for part in PERSON_PARTS} == {
        part: getattr(value, part) for part in PERSON_PARTS
    }
    _round_trips(name)


def test_middle_names_and_suffixes_reach_the_party_and_its_display():
    name = PersonName.from_standardized(person_names.validate("Dr. John F. Kennedy Jr."))
    assert (name.middle, name.suffix, name.title) == ("F.", "Jr.", "Dr")
    party = Party(name=name, created_at=VERIFIED)
    assert party.display_name == "John F. Kennedy"
    assert from_dict(Party, to_dict(party)) == party


def test_the_two_person_names_are_told_apart():
    standardized = person_names.validate("Олена Петрівна Коваленко")
    with pytest.raises(ValidationError) as info:
        PersonName.from_standardized(
            PersonName(given="Олена", family="Коваленко")
        )  # the model's own
    assert info.value.code == "person_name.not_standardized"
    assert info.value.field == "value"
    assert "person_names.validate" in info.value.hint
    assert PersonName.from_standardized(standardized).patronymic == "Петрівна"


# --- organisations -------------------------------------------------------------

COMPANIES = [
    ("P.P.H.U. Kowalski SP. Z O.O.", None, ("Kowalski", "sp. z o.o.", "O7XB", "PPHU")),
    ("Товариство з обмеженою відповідальністю «Ромашка»", None, ("Ромашка", "ТОВ", None, None)),
    ('ООО "Северный ветер"', None, ("Северный ветер", "ООО", "17R7", None)),
    ("Πλαστικά Κρήτης Α.Ε.", None, ("Πλαστικά Κρήτης", "Α.Ε.", "W2NK", None)),
    ("Müller & Söhne GmbH", None, ("Müller & Söhne", "GmbH", "2HBR", None)),
    ("Acme Widgets Limited", None, ("Acme Widgets", "Ltd", "H0PO", None)),
    ("Acme, Inc.", "US", ("Acme", "Inc.", None, None)),
]


@pytest.mark.parametrize(("raw", "country", "expected"), COMPANIES)
def test_a_company_name_keeps_name_form_code_and_descriptor(raw, country, expected):
    value = company_names.validate(raw, country=country)
    name = OrganizationName.from_standardized(value)
    assert (name.name, name.legal_form, name.elf_code, name.descriptor) == expected
    assert (name.name, name.legal_form, name.elf_code, name.descriptor) == (
        value.name, value.legal_form, value.elf_code, value.descriptor,
    )  # fmt: skip
    assert name.trade_name is None
    _round_trips(name)


def test_a_trade_name_is_given_beside_the_company_name():
    value = company_names.validate("ТОВ «Укрнафтосервіс»")
    name = OrganizationName.from_standardized(value, trade_name="УНС")
    assert (name.name, name.trade_name) == ("Укрнафтосервіс", "УНС")


def test_an_elf_code_is_four_letters_or_digits():
    assert OrganizationName("Kowalski", elf_code="o7xb").elf_code == "O7XB"
    for bad in ("O7X", "O7XB1", "O7-B"):
        with pytest.raises(ValidationError) as info:
            OrganizationName("Kowalski", elf_code=bad)
        assert (info.value.field, info.value.code) == ("elf_code", "organization.invalid_elf_code")


# --- phones ---------------------------------------------------------------------

PHONES = [
    ("601-234-567", "PL", "+48601234567", PhoneLine.MOBILE),
    ("22 123 45 67 wew. 12", "PL", "+48221234567;ext=12", PhoneLine.LANDLINE),
    ("067 123 45 67", "UA", "+380671234567", PhoneLine.MOBILE),
    ("044 123 45 67", "UA", "+380441234567", PhoneLine.LANDLINE),
    ("8 (495) 123-45-67 доб. 12", "RU", "+74951234567;ext=12", PhoneLine.LANDLINE),
    ("210 123 4567", "GR", "+302101234567", PhoneLine.LANDLINE),
    ("0151 23456789", "DE", "+4915123456789", PhoneLine.MOBILE),
    ("020 7946 0958", "GB", "+442079460958", PhoneLine.LANDLINE),
    ("(212) 555-0123", "US", "+12125550123", None),
]


@pytest.mark.parametrize(("raw", "country", "number", "line"), PHONES)
def test_a_phone_keeps_its_number_extension_and_line(raw, country, number, line):
    value = phones.validate(raw, country=country)
    phone = PhoneNumber.from_standardized(value)
    assert (phone.number, phone.line) == (number, line)
    assert phone.number == str(value)
    assert phone.key == value.e164
    _round_trips(phone)


def test_a_phone_takes_the_common_fields():
    value = phones.validate("+30 210 123 4567")
    phone = PhoneNumber.from_standardized(
        value, line="fax", primary=True, label="γραφείο", source="erp",
        verified_at="2026-11-20T10:00:00+00:00",
    )  # fmt: skip
    assert (phone.line, phone.primary, phone.label, phone.source) == (
        PhoneLine.FAX, True, "γραφείο", "erp",
    )  # fmt: skip
    assert phone.verified_at == VERIFIED
    _round_trips(phone)


def test_the_line_is_left_to_the_caller_where_the_kind_does_not_tell():
    us = phones.validate("(212) 555-0123", country="US")
    assert us.kind == "fixed_line_or_mobile"
    for line in PhoneLine:
        assert PhoneNumber.from_standardized(us, line=line).line is line


@pytest.mark.parametrize(
    ("raw", "country", "line"),
    [
        ("601 234 567", "PL", "landline"),
        ("601 234 567", "PL", "fax"),
        ("22 123 45 67", "PL", "mobile"),
    ],
)
def test_a_line_that_contradicts_the_kind_is_refused(raw, country, line):
    with pytest.raises(ValidationError) as info:
        PhoneNumber.from_standardized(phones.validate(raw, country=country), line=line)
    assert (info.value.field, info.value.code) == ("line", "phone.line_contradicts_kind")
    assert "or no line" in info.value.hint


def test_an_unknown_line_is_refused_as_the_model_refuses_it():
    with pytest.raises(ValidationError) as info:
        PhoneNumber.from_standardized(phones.validate("+48601234567"), line="pager")
    assert (info.value.field, info.value.code) == ("line", "phone.unknown_line")


def test_the_key_of_a_number_leaves_its_extension_out():
    assert PhoneNumber("+48221234567;ext=12").key == "+48221234567"
    assert PhoneNumber("+442079460958;ext=7").key == "+442079460958"
    assert PhoneNumber.parse("(0)20 7946 0958 x7", country="GB").key == "+442079460958"


# --- e-mail and websites ----------------------------------------------------------

EMAILS = [
    ("Anna.Nowak@Example.PL", "Anna.Nowak@example.pl"),
    ("Олена <olena@ROMASHKA.укр>", "olena@romashka.укр"),
    ("mailto:Ivanov@Mail.Ru", "Ivanov@mail.ru"),
    ("g.papadopoulos@OTENET.gr", "g.papadopoulos@otenet.gr"),
    ("k.mueller@MÜLLER.de", "k.mueller@müller.de"),
    ("tea@Brighton.co.uk", "tea@brighton.co.uk"),
    ("sales@ACME.com", "sales@acme.com"),
]


@pytest.mark.parametrize(("raw", "address"), EMAILS)
def test_an_email_keeps_its_canonical_address(raw, address):
    value = emails.validate(raw)
    email = EmailAddress.from_standardized(value, label="work", verified_at=VERIFIED)
    assert email.address == value.address == address
    assert (email.label, email.verified_at) == ("work", VERIFIED)
    _round_trips(email)


WEBSITES = [
    ("WWW.Żabka.PL/o-nas#kontakt", "https://www.xn--abka-99a.pl/o-nas"),
    ("ромашка.укр", "https://xn--80aa3agjl3d.xn--j1amh"),
    ("http://Yandex.RU:80/", "http://yandex.ru"),
    ("εταιρεία.gr", "https://xn--kxadbnbx0dva.gr"),
    ("müller-söhne.de/Impressum", "https://xn--mller-shne-kcb9d.de/Impressum"),
    ("brighton.co.uk", "https://brighton.co.uk"),
    ("Acme.com:443/Shop/?q=1#top", "https://acme.com/Shop/?q=1"),
]


@pytest.mark.parametrize(("raw", "url"), WEBSITES)
def test_a_website_keeps_its_canonical_url(raw, url):
    value = websites.validate(raw)
    site = Website.from_standardized(value, primary=True)
    assert site.url == value == url
    assert site.primary
    _round_trips(site)


@pytest.mark.parametrize("raw", ["WWW.Żabka.PL/", "https://www.example.com/", "mailto:a@b.pl", 42])
def test_a_website_that_is_not_canonical_is_refused(raw):
    with pytest.raises(ValidationError) as info:
        Website.from_standardized(raw)
    assert (info.value.field, info.value.code) == ("value", "website.not_standardized")
    assert info.value.value == raw
    assert "websites.validate" in info.value.hint


def test_the_standardisers_reason_is_kept_as_the_cause():
    with pytest.raises(ValidationError) as info:
        Website.from_standardized("mailto:biuro@example.pl")
    assert info.value.__cause__.code == "website.bad_scheme"


# --- addresses -------------------------------------------------------------------

ADDRESSES = [
    ("ul. Marszałkowska 10/5, 00-590 Warszawa", "PL"),
    ("вул. Хрещатик, 22, оф. 5, Київ, 01001", "UA"),
    ("Тверская ул., д. 7, кв. 12, Москва, 125009", "RU"),
    ("Οδός Ερμού 10, 105 63 Αθήνα", "GR"),
    ("Königstraße 5, 70173 Stuttgart", "DE"),
    ("Business Park Alpha, Baker Street 221B, London NW1 6XE", "GB"),
    ("1600 Pennsylvania Ave NW, Washington, DC 20500", "US"),
]


@pytest.mark.parametrize(("raw", "country"), ADDRESSES)
def test_an_address_keeps_every_part(raw, country):
    value = addresses.validate(raw, country=country)
    address = PostalAddress.from_standardized(value, label="delivery")
    assert {part: getattr(address, part) for part in ADDRESS_PARTS} == {
        part: getattr(value, part) for part in ADDRESS_PARTS
    }
    assert address.country == country
    _round_trips(address)


def test_what_fits_no_part_of_an_address_is_kept_in_extra():
    value = addresses.validate(
        "Business Park Alpha, Baker Street 221B, London NW1 6XE", country="GB"
    )
    assert value.extra is not None
    address = PostalAddress.from_standardized(value)
    assert address.extra == value.extra
    # The key stays what it was: extra is for people, not for matching.
    assert address.key == PostalAddress(**{
        part: getattr(value, part) for part in ADDRESS_PARTS if part != "extra"
    }).key  # fmt: skip


# --- identifiers -------------------------------------------------------------------


def test_an_identifier_reads_a_tax_number_under_the_common_verb():
    value = tax_ids.validate("NIP 526-025-09-95")
    assert Identifier.from_standardized(value) == Identifier.from_tax_id(value)
    assert Identifier.from_standardized(value) == Identifier("nip", "5260250995", country="PL")
    with pytest.raises(ValidationError) as info:
        Identifier.from_standardized("5260250995")
    assert info.value.code == "identifier.not_tax_id"


# --- wrong types -------------------------------------------------------------------

BRIDGES = [
    (PersonName, "person_name.not_standardized", "Jan Kowalski"),
    (OrganizationName, "organization_name.not_standardized", "Kowalski sp. z o.o."),
    (PhoneNumber, "phone.not_standardized", "+48601234567"),
    (EmailAddress, "email.not_standardized", "anna@example.pl"),
    (PostalAddress, "address.not_standardized", "ul. Marszałkowska 10, Warszawa"),
]


@pytest.mark.parametrize(("cls", "code", "raw"), BRIDGES)
def test_a_value_that_is_not_standardised_is_refused(cls, code, raw):
    for wrong in (raw, None, 42, person_names.validate("Jan Kowalski")):
        if cls is PersonName and not isinstance(wrong, str | int | type(None)):
            continue
        with pytest.raises(ValidationError) as info:
            cls.from_standardized(wrong)
        assert (info.value.code, info.value.field, info.value.value) == (code, "value", wrong)
        assert info.value.hint.endswith("validate returns it")


def test_the_refusal_reads_in_each_language():
    with pytest.raises(ValidationError) as info:
        PhoneNumber.from_standardized("601 234 567")
    polish = localize(info.value, "pl")
    assert polish.message == "wartość nie jest znormalizowanym numerem telefonu"
    assert localize(info.value, "uk").hint == (
        "Phone, який повертає crmcore.standardize.phones.validate"
    )
    assert localize(info.value, "el").message.startswith("η τιμή δεν είναι")


def test_importing_the_model_still_leaves_the_standardisers_dependencies_alone():
    code = (
        "import sys, crmcore.model; "
        "print(sorted(m for m in ('phonenumbers', 'stdnum', 'crmcore.standardize') "
        "if m in sys.modules))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert found == "[]"


# --- every value the standardisers give ---------------------------------------------

SOME = settings(max_examples=60, deadline=None)


@SOME
@given(raw_person_names())
def test_every_standardised_person_name_reaches_the_model(raw):
    value = person_names.validate(raw)
    name = PersonName.from_standardized(value)
    assert all(getattr(name, part) == getattr(value, part) for part in PERSON_PARTS)
    _round_trips(name)


@SOME
@given(raw_company_names())
def test_every_standardised_company_name_reaches_the_model(raw):
    text, country = raw
    value = company_names.validate(text, country=country)
    name = OrganizationName.from_standardized(value)
    assert (name.name, name.legal_form, name.elf_code, name.descriptor) == (
        value.name, value.legal_form, value.elf_code, value.descriptor,
    )  # fmt: skip
    _round_trips(name)


@SOME
@given(raw_phones(), st.booleans())
def test_every_standardised_phone_reaches_the_model(raw, primary):
    text, country = raw
    value = phones.validate(text, country=country)
    phone = PhoneNumber.from_standardized(value, primary=primary)
    assert phone.number == str(value)
    assert phone.key == value.e164
    _round_trips(phone)


@SOME
@given(raw_emails())
def test_every_standardised_email_reaches_the_model(raw):
    value = emails.validate(raw)
    email = EmailAddress.from_standardized(value)
    assert email.address == value.address
    _round_trips(email)


@SOME
@given(raw_websites())
def test_every_standardised_website_reaches_the_model(raw):
    value = websites.validate(raw)
    site = Website.from_standardized(value)
    assert site.url == value
    _round_trips(site)


@SOME
@given(raw_addresses())
def test_every_standardised_address_reaches_the_model(raw):
    text, country = raw
    value = addresses.validate(text, country=country)
    address = PostalAddress.from_standardized(value)
    assert all(getattr(address, part) == getattr(value, part) for part in ADDRESS_PARTS)
    _round_trips(address)

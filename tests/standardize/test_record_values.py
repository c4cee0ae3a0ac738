"""StandardizedRecord.value: a record's values with their types, straight to the model."""

import datetime as dt

import pytest
from hypothesis import given, settings

from crmcore.errors import ConfigurationError, CrmError, NotFoundError, ValidationError, localize
from crmcore.model import (
    EmailAddress,
    Identifier,
    OrganizationName,
    Party,
    PersonName,
    PhoneNumber,
    Website,
)
from crmcore.standardize import (
    CompanyName,
    Email,
    FullName,
    Phone,
    TaxId,
    standardize_record,
)

from .strategies_records import countries, records

WHEN = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)

# One row per market, in its own script, and the type each key's value has.
ROWS = {
    "PL": (
        {
            "Telefon komórkowy": "512 345 678",
            "NIP": "774-000-14-54",
            "Kod pocztowy": "31-042",
            "Data urodzenia": "07.05.1979",
            "E-mail": "Biuro@Zaklad-Stolarski.PL",
        },
        {
            "Telefon komórkowy": Phone,
            "NIP": TaxId,
            "Kod pocztowy": str,
            "Data urodzenia": dt.date,
            "E-mail": Email,
        },
    ),
    "UA": (
        {
            "Мобільний": "050 123 45 67",
            "Код ЄДРПОУ": "14360570",
            "Поштовий індекс": "65012",
            "Країна": "Україна",
            "Назва": "ТОВ «Світанок»",
        },
        {
            "Мобільний": Phone,
            "Код ЄДРПОУ": TaxId,
            "Поштовий індекс": str,
            "Країна": str,
            "Назва": CompanyName,
        },
    ),
    "RU": (
        {
            "Мобильный": "+7 912 345-67-89",
            "ИНН": "7707083893",
            "Почтовый индекс": "620014",
            "Страна": "Россия",
            "ФИО": "Смирнова Анна Сергеевна",
        },
        {
            "Мобильный": Phone,
            "ИНН": TaxId,
            "Почтовый индекс": str,
            "Страна": str,
            "ФИО": FullName,
        },
    ),
    "GR": (
        {
            "Κινητό": "694 123 4567",
            "ΑΦΜ": "090000045",
            "ΤΚ": "54624",
            "Χώρα": "Ελλάδα",
            "Επωνυμία": "Παπαδόπουλος Ο.Ε.",
        },
        {"Κινητό": Phone, "ΑΦΜ": TaxId, "ΤΚ": str, "Χώρα": str, "Επωνυμία": CompanyName},
    ),
    "DE": (
        {
            "Handy": "0151 23456789",
            "PLZ": "80331",
            "Geburtsdatum": "23.11.1980",
            "Land": "Deutschland",
            "Firmenname": "Bäckerei Huber GmbH",
            "USt IdNr": "DE136695976",
        },
        {
            "Handy": Phone,
            "PLZ": str,
            "Geburtsdatum": dt.date,
            "Land": str,
            "Firmenname": CompanyName,
            "USt IdNr": TaxId,
        },
    ),
    "GB": (
        {
            "Mobile": "07911 123456",
            "Postcode": "sw1a 2aa",
            "Country": "United Kingdom",
            "Company": "Smith & Sons Ltd",
            "Website": "WWW.Smith-Sons.CO.UK/",
        },
        {"Mobile": Phone, "Postcode": str, "Country": str, "Company": CompanyName, "Website": str},
    ),
    "US": (
        {
            "Phone": "(415) 867-5309",
            "ZIP": "94103",
            "Country": "USA",
            "Full name": "Mary-Jane O'Connor",
            "EIN": "04-2103594",
        },
        {"Phone": Phone, "ZIP": str, "Country": str, "Full name": FullName, "EIN": TaxId},
    ),
}

# A value of each market that its field refuses, and the key it is under.
REFUSED = {
    "PL": {"NIP": "774-000-14-55", "Kraj": "PL"},
    "UA": {"Мобільний": "050 12", "Країна": "UA"},
    "RU": {"ИНН": "7707083894", "Страна": "RU"},
    "GR": {"ΑΦΜ": "090000046", "Χώρα": "GR"},
    "DE": {"PLZ": "8033", "Land": "DE"},
    "GB": {"Postcode": "SW1A", "Country": "GB"},
    "US": {"ZIP": "9410", "Country": "US"},
}


class Unrelated:
    """A class no standardised value is an instance of."""


@pytest.mark.parametrize("market", ROWS)
def test_each_accepted_value_comes_with_its_type(market):
    row, kinds = ROWS[market]
    record = standardize_record(row, country=market)
    assert record.ok
    assert record.country == market
    for key, kind in kinds.items():
        value = record.value(key, kind)
        assert isinstance(value, kind)
        assert value is record.values[key]


@pytest.mark.parametrize("market", ROWS)
def test_the_values_go_straight_into_the_model(market):
    row, kinds = ROWS[market]
    record = standardize_record(row, country=market)
    contacts = []
    identifiers = []
    name = None
    for key, kind in kinds.items():
        if kind is Phone:
            phone = record.value(key, Phone)
            assert phone is not None
            contacts.append(PhoneNumber.from_standardized(phone))
        elif kind is Email:
            email = record.value(key, Email)
            assert email is not None
            contacts.append(EmailAddress.from_standardized(email))
        elif kind is TaxId:
            tax_id = record.value(key, TaxId)
            assert tax_id is not None
            identifiers.append(Identifier.from_standardized(tax_id))
        elif kind is CompanyName:
            company = record.value(key, CompanyName)
            assert company is not None
            name = OrganizationName.from_standardized(company)
        elif kind is FullName:
            person = record.value(key, FullName)
            assert person is not None
            name = PersonName.from_standardized(person)
        elif key == "Website":
            url = record.value(key, str)
            assert url is not None
            contacts.append(Website.from_standardized(url))
    party = Party(
        name=name or PersonName(family="Kowalczyk"),
        contacts=contacts,
        identifiers=identifiers,
        created_at=WHEN,
    )
    assert {contact.kind.value for contact in party.contacts} >= {"phone"}
    assert len(party.identifiers) == sum(kind is TaxId for kind in kinds.values())


@pytest.mark.parametrize("market", REFUSED)
def test_a_rejected_key_raises_its_first_issue_and_the_record_keeps_its_own(market):
    row = REFUSED[market]
    record = standardize_record(row)
    (key,) = record.rejected
    (kept,) = record.issues[key]
    with pytest.raises(ValidationError) as caught:
        record.value(key, object)
    raised = caught.value
    assert (raised.code, raised.field, raised.value) == (kept.code, key, row[key])
    assert raised.message == kept.message
    assert raised is not kept
    assert kept.__traceback__ is None


@pytest.mark.parametrize(("market", "locale"), [("PL", "pl"), ("UA", "uk"), ("GR", "el")])
def test_a_rejected_key_raises_its_issue_in_the_record_s_language(market, locale):
    record = standardize_record(REFUSED[market], locale=locale)
    (key,) = record.rejected
    with pytest.raises(ValidationError) as caught:
        record.value(key, TaxId)
    assert caught.value.message == record.issues[key][0].message
    assert caught.value.message != standardize_record(REFUSED[market]).issues[key][0].message


def test_a_blank_value_is_none_for_any_kind():
    record = standardize_record({"Телефон": "  ", "ΑΦΜ": None, "Uwagi": ""}, country="UA")
    for key in record.values:
        assert record.value(key, Phone) is None
        assert record.value(key, str) is None


@pytest.mark.parametrize(
    ("row", "key", "kind"),
    [
        ({"Telefon": "601 987 654"}, "Telefon", Email),
        ({"NIP": "774-000-14-54"}, "NIP", str),
        ({"Telefon": "601 987 654"}, "Telefon", Unrelated),
        ({"Kraj": "Polska"}, "Kraj", Phone),
        ({"Uwagi": 3.5}, "Uwagi", str),  # an odd cell of a key only cleaned is kept as it is
    ],
)
def test_a_value_of_another_type_is_refused_not_converted(row, key, kind):
    record = standardize_record(row, country="PL")
    with pytest.raises(ValidationError) as caught:
        record.value(key, kind)
    assert caught.value.code == "record.wrong_type"
    assert caught.value.field == key
    assert caught.value.value is record.values[key]
    assert type(record.values[key]).__name__ in caught.value.hint


@pytest.mark.parametrize("key", ["telefon", "Telefon ", "Phone", "", [], 0])
def test_a_key_the_record_does_not_have_is_not_guessed(key):
    record = standardize_record({"Telefon": "601 987 654", "Kraj": "PL"})
    with pytest.raises(NotFoundError) as caught:
        record.value(key, Phone)
    assert isinstance(caught.value, LookupError)
    assert caught.value.code == "record.no_key"


@pytest.mark.parametrize("kind", ["phone", "Phone", None, 3, tuple[str, ...]])
def test_the_kind_must_be_a_class(kind):
    record = standardize_record({"Telefon": "601 987 654"}, country="PL")
    with pytest.raises(ConfigurationError) as caught:
        record.value("Telefon", kind)
    assert caught.value.code == "record.not_a_type"


@settings(max_examples=200)
@given(records, countries)
def test_every_key_gives_its_value_or_its_issue(mapping, country):
    record = standardize_record(mapping, country=country)
    for key, value in record.values.items():
        if key in record.issues:
            with pytest.raises(ValidationError) as caught:
                record.value(key, object)
            assert caught.value.code == record.issues[key][0].code
            assert caught.value.field == key
            continue
        assert record.value(key, object) is value
        if value is None:
            assert record.value(key, Unrelated) is None
        else:
            assert record.value(key, type(value)) is value
            with pytest.raises(ValidationError) as caught:
                record.value(key, Unrelated)
            assert caught.value.code == "record.wrong_type"


@pytest.mark.parametrize("language", ["de", "el", "pl", "ru", "uk"])
def test_the_errors_of_value_are_translated(language):
    record = standardize_record({"Telefon": "601 987 654", "Uwagi": 2.5}, country="PL")
    calls = [("Telefon", Email), ("Uwagi", str), ("Telefonnummer", Phone), ("Telefon", "phone")]
    for key, kind in calls:
        with pytest.raises(CrmError) as caught:
            record.value(key, kind)
        english, translated = caught.value, localize(caught.value, language)
        assert translated.code == english.code
        assert translated.message != english.message
        assert translated.hint != english.hint

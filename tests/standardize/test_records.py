"""standardize_record on real-format rows of our markets, in their own scripts."""

from __future__ import annotations

import datetime as dt

import pytest

from crmcore.errors import ConfigurationError, ValidationError
from crmcore.standardize import (
    Address,
    CompanyName,
    Email,
    FullName,
    Phone,
    StandardizedRecord,
    TaxId,
    standardize_record,
)

ROWS = {
    "PL": {
        "Imię i nazwisko": "JAN KOWALSKI",
        "Firma": "Kowalski i Wspólnicy Sp. J.",
        "Telefon": "601-234-567",
        "E-mail": " Jan.Kowalski@Example.PL ",
        "Ulica": "ul. Marszałkowska 10/12 m. 5",
        "Kod pocztowy": "00950",
        "Kraj": "Polska",
        "NIP": "526-025-02-74",
        "Data urodzenia": "23.11.1980",
        "Uwagi": "  stały\u00a0klient ",
    },
    "UA": {
        "ПІБ": "Олена Коваленко",
        "Назва": "ТОВ «Ромашка»",
        "Телефон": "067 123 45 67",
        "Пошта": "olena@example.com.ua",
        "Вулиця": "вул. Хрещатик, 22, кв. 7",
        "Індекс": "01001",
        "Країна": "Україна",
        "ЄДРПОУ": "32855961",
    },
    "RU": {
        "ФИО": "Иван Петров",
        "Компания": "ООО «Ромашка»",
        "Телефон": "8 (912) 345-67-89",
        "Почта": "ivan@example.ru",
        "Адрес": "ул. Тверская, д. 7, кв. 12",
        "Индекс": "125009",
        "Страна": "Россия",
        "ИНН": "7707083893",
    },
    "GR": {
        "Ονοματεπώνυμο": "Γιώργος Παπαδόπουλος",
        "Επωνυμία": "Παπαδόπουλος Α.Ε.",
        "Τηλέφωνο": "691 234 5678",
        "Email": "info@example.gr",
        "Οδός": "Ερμού 25",
        "Τ.Κ.": "10563",
        "Χώρα": "Ελλάδα",
        "ΑΦΜ": "094014201",
    },
    "DE": {
        "Name": "Jürgen Müller",
        "Firma": "Müller & Söhne GmbH",
        "Telefon": "030 1234567",
        "E-Mail": "kontakt@example.de",
        "Straße": "Unter den Linden 77",
        "PLZ": "10117",
        "Land": "Deutschland",
        "USt-IdNr.": "DE136695976",
    },
    "GB": {
        "Name": "Oliver Smith",
        "Company": "Smith & Sons Ltd",
        "Phone": "020 7946 0958",
        "Email": "oliver@example.co.uk",
        "Address": "10 Downing Street",
        "Postcode": "sw1a2aa",
        "Country": "United Kingdom",
        "VAT": "GB 980 7806 84",
    },
    "US": {
        "Name": "John Smith",
        "Company": "Acme Corporation Inc.",
        "Phone": "(212) 555-0123",
        "Email": "john@example.com",
        "Address": "1600 Pennsylvania Avenue NW",
        "ZIP": "20500",
        "Country": "USA",
        "EIN": "04-2103594",
    },
}

TYPES = {
    "person_name": FullName,
    "company_name": CompanyName,
    "phone": Phone,
    "email": Email,
    "address": Address,
    "postal_code": str,
    "country": str,
    "tax_id": TaxId,
    "date": dt.date,
}


@pytest.mark.parametrize("country", sorted(ROWS))
def test_a_row_of_each_market_is_standardised_whole(country):
    row = ROWS[country]
    result = standardize_record(row)
    assert result.ok, {k: [str(e) for e in v] for k, v in result.issues.items()}
    assert result.country == country
    assert list(result.values) == list(row)
    for key, value in result.values.items():
        field = result.fields[key]
        if field is not None:
            assert isinstance(value, TYPES[field]), (key, value)
    phone = next(v for k, v in result.values.items() if result.fields[k] == "phone")
    assert phone.country == country


def test_a_polish_row_in_detail():
    result = standardize_record(ROWS["PL"])
    values = result.values
    assert str(values["Telefon"]) == "+48601234567"
    assert str(values["Imię i nazwisko"]) == "Jan Kowalski"
    assert str(values["E-mail"]) == "Jan.Kowalski@example.pl"
    assert values["Kod pocztowy"] == "00-950"
    assert values["Kraj"] == "PL"
    assert values["NIP"] == TaxId(scheme="pl.nip", value="5260250274")
    assert values["Data urodzenia"] == dt.date(1980, 11, 23)
    assert values["Uwagi"] == "stały klient"  # unknown key: text cleaned
    assert result.fields["Uwagi"] is None


def test_standardising_the_result_again_changes_nothing():
    for row in ROWS.values():
        first = standardize_record(row)
        again = standardize_record(
            {k: None if v is None else str(v) for k, v in first.values.items()},
            country=first.country,
            fields=first.fields,
        )
        assert again.values == first.values


def test_the_country_argument_serves_rows_without_a_country():
    row = {"telefon": "601 234 567", "kod pocztowy": "00950"}
    result = standardize_record(row, country="pl")
    assert result.ok
    assert result.country == "PL"
    assert str(result.values["telefon"]) == "+48601234567"


def test_the_rows_own_country_beats_the_argument():
    result = standardize_record({"телефон": "067 123 45 67", "країна": "UA"}, country="PL")
    assert str(result.values["телефон"]) == "+380671234567"


def test_bad_fields_are_reported_and_the_others_kept():
    row = {
        "Telefon": "12",
        "E-mail": "jan.kowalski@",
        "NIP": "526-025-02-75",
        "Kod pocztowy": "0095",
        "Imię i nazwisko": "Jan Kowalski",
        "Kraj": "PL",
    }
    result = standardize_record(row)
    assert result.rejected == ("Telefon", "E-mail", "NIP", "Kod pocztowy")
    assert result.accepted == ("Imię i nazwisko", "Kraj")
    codes = {key: [e.code for e in errors] for key, errors in result.issues.items()}
    assert codes["Telefon"] == ["phone.too_short"]
    assert codes["NIP"][0].startswith("tax_id.")
    assert codes["Kod pocztowy"] == ["postal_code.bad_format"]
    assert result.values["Telefon"] == "12"  # kept as it came
    assert all(e.field == key for key, errors in result.issues.items() for e in errors)


@pytest.mark.parametrize(
    ("locale", "message", "hint"),
    [
        ("pl", "kod pocztowy nie pasuje do formatu stosowanego w tym kraju", "2 cyfry, myślnik"),
        ("uk", "поштовий індекс не відповідає формату країни", "2 цифри, дефіс"),
        ("ru", "почтовый индекс не соответствует формату страны", "2 цифры, дефис"),
        ("el", "ο ταχυδρομικός κώδικας δεν αντιστοιχεί στη μορφή της χώρας", "2 ψηφία, παύλα"),
        ("de", "die Postleitzahl entspricht nicht dem Format des Landes", "2 Ziffern"),
        (None, "the postal code does not match the country's format", "00-950"),
    ],
)
def test_issues_in_the_readers_language(locale, message, hint):
    result = standardize_record({"Kod pocztowy": "0095", "Kraj": "Polska"}, locale=locale)
    (issue,) = result.issues["Kod pocztowy"]
    assert issue.message == message
    assert hint in issue.hint
    assert issue.code == "postal_code.bad_format"


def test_a_bad_country_falls_back_and_is_reported():
    result = standardize_record({"kraj": "Atlantyda", "telefon": "601234567"}, country="PL")
    assert result.country == "PL"
    assert [e.code for e in result.issues["kraj"]] == ["country.unknown"]
    assert str(result.values["telefon"]) == "+48601234567"


def test_a_customer_number():
    result = standardize_record({"Nr klienta": "20250314 093015 007 00000 8"})
    assert result.values["Nr klienta"] == "20250314093015007000008"


def test_cells_of_a_spreadsheet():
    result = standardize_record(
        {"NIP": 5260250274, "Data": dt.date(2024, 3, 15), "Telefon": None, "Ilość": 3.5},
        country="PL",
    )
    assert result.ok
    assert result.values == {
        "NIP": TaxId(scheme="pl.nip", value="5260250274"),
        "Data": dt.date(2024, 3, 15),
        "Telefon": None,
        "Ilość": 3.5,
    }


def test_an_empty_record():
    result = standardize_record({})
    assert result == StandardizedRecord(values={})
    assert result.ok
    assert result.accepted == result.rejected == ()


@pytest.mark.parametrize("locale", ["xx", "no-such-locale", "", "uk-UA"])
def test_a_locale_babel_does_not_know_reads_nothing_special(locale):
    result = standardize_record(ROWS["UA"], locale=locale)
    assert result.ok


@pytest.mark.parametrize(
    ("mapping", "kwargs", "error", "code"),
    [
        ("Telefon: 601 234 567", {}, ValidationError, "record.not_a_mapping"),
        (None, {}, ValidationError, "record.not_a_mapping"),
        ([("Telefon", "601 234 567")], {}, ValidationError, "record.not_a_mapping"),
        ({1: "601 234 567"}, {}, ValidationError, "record.not_a_mapping"),
        (
            {"Telefon": "601 234 567"},
            {"fields": ["phone"]},
            ConfigurationError,
            "record.bad_fields",
        ),
        ({"Telefon": "601 234 567"}, {"fields": "phone"}, ConfigurationError, "record.bad_fields"),
        ({"Telefon": "601 234 567"}, {"country": 48}, ValidationError, "country.unknown"),
        ({"Telefon": "601 234 567"}, {"country": "Polska"}, ValidationError, "country.unknown"),
    ],
)
def test_arguments_of_the_wrong_type_get_our_errors(mapping, kwargs, error, code):
    with pytest.raises(error) as info:
        standardize_record(mapping, **kwargs)
    assert info.value.code == code
    assert info.value.hint

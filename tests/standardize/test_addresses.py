from __future__ import annotations

import pytest

from crmcore.errors import ValidationError
from crmcore.standardize import addresses
from crmcore.standardize.addresses import Address

from .corpus import corpus

CASES = corpus("addresses")["valid"]
INVALID = corpus("addresses")["invalid"]


@pytest.mark.parametrize(("raw", "country", "expected", "line"), CASES)
def test_one_line_addresses(raw, country, expected, line):
    found = addresses.validate(raw, country=country)
    for name, value in expected.items():
        assert getattr(found, name) == value, name
    assert str(found) == line
    assert addresses.validate(str(found)) == found
    assert addresses.validate(line, country=country) == found


@pytest.mark.parametrize(("raw", "country", "code"), INVALID)
def test_invalid_addresses(raw, country, code):
    with pytest.raises(ValidationError) as info:
        addresses.validate(raw, country=country)
    assert info.value.code == code
    assert info.value.field.startswith("address")
    assert not addresses.is_valid(raw, country=country)


@pytest.mark.parametrize(
    ("street", "normalised"),
    [
        ("ulica Marszałkowska", "ul. Marszałkowska"),
        ("ul Marszałkowska", "ul. Marszałkowska"),
        ("UL. MARSZAŁKOWSKA", "ul. Marszałkowska"),
        ("aleja Jana Pawła II", "al. Jana Pawła II"),
    ],
)
def test_polish_street_types(street, normalised):
    assert addresses.validate({"street": street}, country="PL").street == normalised


@pytest.mark.parametrize(
    ("country", "street", "normalised"),
    [
        ("UA", "вулиця Хрещатик", "вул. Хрещатик"),
        ("UA", "вул.Хрещатик", "вул. Хрещатик"),
        ("UA", "проспект Перемоги", "просп. Перемоги"),
        ("UA", "пр-т Перемоги", "просп. Перемоги"),
        ("RU", "улица Тверская", "ул. Тверская"),
        ("RU", "ул Тверская", "ул. Тверская"),
        ("RU", "проспект Мира", "просп. Мира"),
        ("RU", "пр-т Мира", "просп. Мира"),
        ("GR", "Οδός Ερμού 25", "Ερμού"),
        ("GR", "Οδ. Ερμού 25", "Ερμού"),
        ("GR", "Λεωφόρος Κηφισίας", "Λεωφ. Κηφισίας"),
        ("DE", "Hauptstr.", "Hauptstraße"),
        ("DE", "Hauptstrasse", "Hauptstraße"),
        ("DE", "Berliner Str.", "Berliner Straße"),
        ("GB", "Downing St", "Downing Street"),
        ("GB", "Abbey Rd", "Abbey Road"),
        ("US", "Pennsylvania Avenue NW", "Pennsylvania Ave NW"),
        ("US", "Main Street", "Main St"),
        ("US", "Sunset Boulevard", "Sunset Blvd"),
    ],
)
def test_street_types_per_country(country, street, normalised):
    assert addresses.validate({"street": street}, country=country).street == normalised


@pytest.mark.parametrize(
    ("building", "flat"),
    [("д. 5", None), ("буд. 5", None), ("12A", None), ("12/14", None)],
)
def test_building_forms(building, flat):
    found = addresses.validate(f"ул. Ленина, {building}, Москва", country="RU")
    assert found.building == building.split(" ")[-1]
    assert found.flat == flat


@pytest.mark.parametrize(
    ("raw", "country", "flat"),
    [
        ("ul. Długa 5 m. 3, 00-238 Warszawa", "PL", "3"),
        ("ul. Długa 5 lok. 2, 00-238 Warszawa", "PL", "2"),
        ("вул. Хрещатик, 22, кв. 7, Київ", "UA", "7"),
        ("1 Main St Apt 4B, Springfield, IL 62701", "US", "4B"),
        ("Flat 2, 10 Downing Street, London", "GB", "2"),
    ],
)
def test_flat_forms(raw, country, flat):
    assert addresses.validate(raw, country=country).flat == flat


def test_structured_parts():
    found = addresses.validate(
        {
            "street": "вулиця Хрещатик 22",
            "flat": "7",
            "postal_code": "01001",
            "locality": "м. Київ",
            "region": None,
        },
        country="UA",
    )
    assert found == Address(
        street="вул. Хрещатик",
        building="22",
        flat="7",
        postal_code="01001",
        locality="Київ",
        country="UA",
    )
    assert addresses.validate(str(found)) == found


def test_structured_parts_carry_their_country():
    found = addresses.validate({"locality": "Αθήνα", "postal_code": "10563", "country": "Ελλάδα"})
    assert (found.country, found.postal_code) == ("GR", "105 63")


def test_structured_parts_errors():
    with pytest.raises(ValidationError) as info:
        addresses.validate({"street": "x", "town": "y"})
    assert info.value.code == "address.unknown_part"
    with pytest.raises(ValidationError) as info:
        addresses.validate({"street": 5})
    assert (info.value.code, info.value.field) == ("address.not_text", "address.street")
    with pytest.raises(ValidationError) as info:
        addresses.validate({"street": " ", "flat": None})
    assert info.value.code == "address.empty"
    with pytest.raises(ValidationError) as info:
        addresses.validate({"postal_code": "123"}, country="PL")
    assert (info.value.code, info.value.field) == ("postal_code.bad_format", "address.postal_code")


def test_the_country_argument_is_checked():
    with pytest.raises(ValidationError) as info:
        addresses.validate("ul. Długa 5", country="Atlantis")
    assert (info.value.code, info.value.field) == ("country.unknown", "country")


def test_a_country_the_text_names_is_read_as_data():
    # A name is an argument's error, but data: a part naming no country is the address's error.
    assert addresses.validate({"locality": "Київ", "country": "Україна"}).country == "UA"
    with pytest.raises(ValidationError) as info:
        addresses.validate({"locality": "Київ", "country": "Атлантида"})
    assert (info.value.code, info.value.field) == ("country.unknown", "address.country")


def test_a_country_named_in_the_text_wins():
    found = addresses.validate("Ερμού 25, 105 63 Αθήνα, Ελλάδα", country="PL")
    assert found.country == "GR"


def test_the_country_is_inferred_from_unmistakable_signs():
    assert addresses.validate("ul. Długa 5, 00-238 Warszawa").country == "PL"
    assert addresses.validate("вул. Хрещатик 22, Київ").country == "UA"
    assert addresses.validate("Ερμού 25, Αθήνα").country == "GR"
    assert addresses.validate("Main Street 5, Springfield").country is None


def test_nothing_is_dropped():
    found = addresses.validate("Westminster House, 5 High St, Oxford OX1 4AA", country="GB")
    assert found.extra == "Westminster House"
    assert found.street == "High Street"


def test_address_values_are_checked():
    assert Address(street="x", country=" pl ").country == "PL"
    with pytest.raises(ValidationError) as info:
        Address(street="x", country="Polska")
    assert (info.value.code, info.value.field) == ("country.unknown", "country")
    with pytest.raises(TypeError):
        Address(street=5)  # type: ignore[arg-type]


def test_format_styles():
    found = addresses.validate("ul. Marszałkowska 10/12 m. 5, 00-590 Warszawa", country="PL")
    assert addresses.format(found) == "ul. Marszałkowska 10/12 m. 5, 00-590 Warszawa, PL"
    assert addresses.format(found, style="local") == "ul. Marszałkowska 10/12 m. 5, 00-590 Warszawa"
    assert addresses.format(found, style="lines", locale="pl") == (
        "ul. Marszałkowska 10/12 m. 5\n00-590 Warszawa\nPolska"
    )
    assert addresses.format("Foo 1, Bar", style="lines") == "Foo 1\nBar"


@pytest.mark.parametrize("country", ["PL", "UA", "RU", "GR", "DE", "GB", "US", "FR", "JP"])
def test_examples_are_canonical(country):
    example = addresses.example(country)
    assert str(addresses.validate(example)) == example
    assert addresses.validate(example).country == country


def test_example_default():
    assert addresses.example() == addresses.example("PL")


def test_junk_that_cannot_settle_is_refused():
    # Two flats and a street made of markers cannot be read the same way twice.
    outcome = []
    for raw in ["КВ.00;КВ.0", "Г.Г.Г.Д.A", "00;BУЛ.0"]:
        try:
            found = addresses.validate(raw)
        except ValidationError as err:
            outcome.append(err.code)
        else:
            assert addresses.validate(str(found)) == found
    assert set(outcome) <= {"address.unparseable"}


@pytest.mark.parametrize("given_country", [True, False])
@pytest.mark.parametrize(
    ("raw", "country", "parts"),
    [
        # The postal code first, then the locality, the street and the numbers.
        (
            "190000, г. Санкт-Петербург, ул. Садовая, д. 12, кв. 5",
            "RU",
            ("ул. Садовая", "12", "5", "190000", "Санкт-Петербург"),
        ),
        (
            "620014, г. Екатеринбург, ул. Малышева, д. 36",
            "RU",
            ("ул. Малышева", "36", None, "620014", "Екатеринбург"),
        ),
        (
            "79000, м. Львів, вул. Городоцька, буд. 15, кв. 2",
            "UA",
            ("вул. Городоцька", "15", "2", "79000", "Львів"),
        ),
        (
            "65026, м. Одеса, вул. Дерибасівська, 3",
            "UA",
            ("вул. Дерибасівська", "3", None, "65026", "Одеса"),
        ),
        # The locality first, the street type after the street's name.
        ("Казань, Баумана ул., 19", "RU", ("ул. Баумана", "19", None, None, "Казань")),
        (
            "Новосибирск, Красный просп., д. 25, кв. 7",
            "RU",
            ("просп. Красный", "25", "7", None, "Новосибирск"),
        ),
        (
            "Санкт-Петербург, Апраксин пер., 4",
            "RU",
            ("пер. Апраксин", "4", None, None, "Санкт-Петербург"),
        ),
        ("Харків, Сумська вул., 37", "UA", ("вул. Сумська", "37", None, None, "Харків")),
        (
            "Дніпро, Яворницького просп., 52",
            "UA",
            ("просп. Яворницького", "52", None, None, "Дніпро"),
        ),
        ("Львів, Ринок пл., 1", "UA", ("пл. Ринок", "1", None, None, "Львів")),
        # A Greek postal code with its label, Τ.Κ. (ταχυδρομικός κώδικας).
        (
            "Τσιμισκή 43, Τ.Κ. 546 23 Θεσσαλονίκη",
            "GR",
            ("Τσιμισκή", "43", None, "546 23", "Θεσσαλονίκη"),
        ),
        ("Κορίνθου 10, ΤΚ 26221, Πάτρα", "GR", ("Κορίνθου", "10", None, "262 21", "Πάτρα")),
        (
            "Λεωφ. Κηφισίας 100, Αθήνα, Τ. Κ. 115 26",
            "GR",
            ("Λεωφ. Κηφισίας", "100", None, "115 26", "Αθήνα"),
        ),
        ("Ηρακλείου 5, τ.κ. 71202 Ηράκλειο", "GR", ("Ηρακλείου", "5", None, "712 02", "Ηράκλειο")),
    ],
)
def test_addresses_in_the_orders_of_our_markets(raw, country, parts, given_country):
    found = addresses.validate(raw, country=country if given_country else None)
    assert (found.street, found.building, found.flat, found.postal_code, found.locality) == parts
    assert found.extra is None
    if given_country:
        assert found.country == country
    assert addresses.validate(str(found)) == found

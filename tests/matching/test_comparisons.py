"""Each comparison puts pairs of parties of our markets on the level a person would."""

import numpy as np
import pytest

from crmcore.errors import ValidationError
from crmcore.matching import (
    AddressComparison,
    BirthDateComparison,
    FamilyNameComparison,
    Field,
    GivenNameComparison,
    OrganizationNameComparison,
    Scorer,
    SharedValueComparison,
    TextComparison,
    comparison_from_dict,
    default_comparisons,
)
from crmcore.matching._columns import extract
from crmcore.matching._find import variants

from .support import company, person


def level(comparison, left, right):
    columns = extract([left, right], variants=variants())
    found = comparison.levels(columns, np.array([0, 1]), np.array([1, 0]))
    assert found[0] == found[1], "a comparison is symmetric"
    return comparison.labels[found[0]]


@pytest.mark.parametrize(
    ("left", "right", "given", "family"),
    [
        # one name in three scripts and two languages' spellings
        (("Олександр", "Іванов"), ("Oleksandr", "Ivanov"), "exact", "exact"),
        (("Иван", "Иванов"), ("Іван", "Іванов"), "exact", "exact"),
        # given and family swapped
        (("Jan", "Kowalski"), ("Kowalski", "Jan"), "exact", "exact"),
        # a second given name, a short form, an initial
        (("Jan Maria", "Rokita"), ("Jan", "Rokita"), "variant", "exact"),
        (("Oleksandr", "Shevchenko"), ("Sasha", "Шевченко"), "variant", "exact"),
        (("Γεώργιος", "Παπαδόπουλος"), ("Γιώργος", "Papadopoulos"), "variant", "exact"),
        (("J.", "Smith"), ("John", "Smith"), "variant", "exact"),
        # diacritics and umlauts folded
        (("Łukasz", "Wiśniewski"), ("Lukasz", "Wisniewski"), "exact", "exact"),
        (("Jürgen", "Müller"), ("Juergen", "Mueller"), "exact", "exact"),
        # typos
        (("Katarzyna", "Kowalska"), ("Katarzyna", "Kowlaska"), "exact", "similar 0.92"),
        # different people
        (("Anna", "Nowak"), ("Piotr", "Zieliński"), "different", "different"),
    ],
)
def test_person_names(left, right, given, family):
    a, b = person(*left), person(*right)
    assert level(GivenNameComparison(), a, b) == given
    assert level(FamilyNameComparison(), a, b) == family
    assert level(OrganizationNameComparison(), a, b) == "missing"


def test_a_name_missing_on_one_side_is_missing_not_different():
    assert level(GivenNameComparison(), person(None, "Nowak"), person("Anna", "Nowak")) == "missing"


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        (("Ромашка", "ТОВ"), ("Romashka", "LLC"), "exact"),
        (('ООО "Ромашка"', None), ("ТОВ «Ромашка»", None), "exact"),
        (("Kowalski i Syn sp. z o.o.", None), ("KOWALSKI I SYN", "sp. z o.o."), "exact"),
        (("Romashka Trade", None), ("Romashka", "LLC"), "similar 0.95"),
        (("Αθηναϊκή Ζυθοποιία", "Α.Ε."), ("Athinaiki Zythopoiia", "S.A."), "exact"),
        (("Siemens", "AG"), ("Bosch", "GmbH"), "different"),
    ],
)
def test_company_names_without_their_legal_form(left, right, expected):
    a, b = company(*left), company(*right)
    assert level(OrganizationNameComparison(), a, b) == expected


def test_a_sole_trader_meets_the_owner_person():
    trader = company("ФОП Іваненко Олена Петрівна")
    owner = person("Олена", "Іваненко")
    # the owner's words are all in the trader's name: the strongest level short of equal
    assert level(OrganizationNameComparison(), trader, owner) == "similar 0.95"
    assert level(GivenNameComparison(), trader, owner) == "missing"


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("1984-03-07", "1984-03-07", "exact"),
        ("1984-03-07", "1984-07-03", "near"),  # day and month swapped
        ("1984-03-07", "1985-03-07", "near"),  # one digit
        ("1984-03-07", "1990-11-21", "different"),
        ("1984-03-07", None, "missing"),
    ],
)
def test_birth_dates(left, right, expected):
    comparison = BirthDateComparison()
    assert level(comparison, person("A", "B", born=left), person("A", "B", born=right)) == expected


def test_a_birth_date_as_a_date_or_text_in_another_attribute():
    from datetime import date

    from crmcore.model import Party

    a = Party.person(
        given="A",
        family="B",
        created_at="2026-01-01T00:00:00+00:00",
        attributes={"born": date(1984, 3, 7)},
    )
    b = Party.person(
        given="A",
        family="B",
        created_at="2026-01-01T00:00:00+00:00",
        attributes={"born": "1984-03-07"},
    )
    columns = extract([a, b], birth_date="born", variants=variants())
    found = BirthDateComparison().levels(columns, np.array([0]), np.array([1]))
    assert BirthDateComparison().labels[found[0]] == "exact"


def test_phones_match_in_any_format_and_any_position():
    a = person("Anna", "Nowak", phone=("601 234 567", "PL"))
    b = person("Anna", "Nowak", phone=("+48 601-234-567", None))
    c = person("Anna", "Nowak", phone=("+48 22 123 45 67", None))
    phone = SharedValueComparison("phone", Field.PHONES)
    assert level(phone, a, b) == "same"
    assert level(phone, a, c) == "different"
    assert level(phone, a, person("Anna", "Nowak")) == "missing"


def test_e_mail_addresses_by_their_key():
    a = person("Anna", "Nowak", email="Anna.Nowak@WP.pl")
    b = person("Anna", "Nowak", email="anna.nowak@wp.pl")
    assert level(SharedValueComparison("email", Field.EMAILS), a, b) == "same"


def test_identifiers_agree_disagree_or_say_nothing_by_scheme():
    nip = company("Kowalski", tax=("nip", "526-025-09-95", "PL"))
    vat = company("Kowalski", tax=("vat", "PL 5260250995", None))
    other_nip = company("Kowalski", tax=("nip", "7740001454", "PL"))
    edrpou = company("Ромашка", tax=("edrpou", "32855961", "UA"))
    identifier = SharedValueComparison("identifier", Field.IDENTIFIERS)
    assert level(identifier, nip, vat) == "same"  # one number, as NIP and as VAT number
    assert level(identifier, nip, other_nip) == "different"
    assert level(identifier, nip, edrpou) == "missing"  # no scheme in common


def test_text_comparisons_grade_by_similarity():
    street = TextComparison("street", Field.STREET, thresholds=(0.9,))
    at = {"locality": "Warszawa", "postal_code": "00-950", "country": "PL"}
    a = person("A", "B", address={"street": "ul. Marszałkowska", "building": "10", **at})
    b = person("A", "B", address={"street": "ul. Marszalkowska", "building": "10", **at})
    c = person("A", "B", address={"street": "ul. Marszałkowskia", "building": "10", **at})
    d = person("A", "B", address={"street": "Aleje Jerozolimskie", "building": "5", **at})
    assert level(street, a, b) == "exact"
    assert level(street, a, c) == "similar 0.9"
    assert level(street, a, d) == "different"
    postcode = TextComparison("postal_code", Field.POSTAL_CODE, thresholds=())
    assert level(postcode, a, d) == "exact"


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        # one home, spelt two ways
        (
            {
                "street": "вул. Хрещатик",
                "building": "22",
                "postal_code": "01001",
                "locality": "Київ",
                "country": "UA",
            },
            {"street": "vul. Khreshchatyk", "building": "22", "locality": "Kyiv", "country": "UA"},
            "same address",
        ),
        # two streets of one postal code, of one town
        (
            {
                "street": "Hauptstraße",
                "building": "5",
                "postal_code": "10115",
                "locality": "Berlin",
                "country": "DE",
            },
            {
                "street": "Gartenstraße",
                "building": "7",
                "postal_code": "10115",
                "locality": "Berlin",
                "country": "DE",
            },
            "same postal code",
        ),
        (
            {
                "street": "ul. Długa",
                "building": "3",
                "postal_code": "80-827",
                "locality": "Gdańsk",
                "country": "PL",
            },
            {
                "street": "ul. Grunwaldzka",
                "building": "9",
                "postal_code": "80-241",
                "locality": "Gdansk",
                "country": "PL",
            },
            "same locality",
        ),
        # one of the two has no street: nothing says the streets differ
        (
            {"locality": "Θεσσαλονίκη", "country": "GR"},
            {
                "street": "Εγνατία",
                "building": "12",
                "postal_code": "54630",
                "locality": "Θεσσαλονίκη",
                "country": "GR",
            },
            "same place, no street",
        ),
        (
            {"postal_code": "SW1A 1AA", "locality": "London", "country": "GB"},
            {
                "street": "Baker Street",
                "building": "221",
                "postal_code": "SW1A 1AA",
                "locality": "London",
                "country": "GB",
            },
            "same place, no street",
        ),
        (
            {"locality": "Новосибирск", "country": "RU"},
            {"street": "ул. Ленина", "building": "1", "locality": "Омск", "country": "RU"},
            "different",
        ),
        (
            {"locality": "Boston", "country": "US"},
            {"street": "Main Street", "building": "1", "country": "US"},
            "missing",
        ),
    ],
)
def test_addresses_grade_the_parts_both_hold(left, right, expected):
    a = person("Anna", "Nowak", address=left)
    b = person("Anna", "Nowak", address=right)
    assert level(AddressComparison(), a, b) == expected


def test_every_default_comparison_round_trips_as_data():
    for comparison in default_comparisons():
        data = comparison.to_dict()
        assert comparison_from_dict(data) == comparison
        assert data["type"] in {
            "text",
            "address",
            "given_name",
            "family_name",
            "organization_name",
            "birth_date",
            "shared_value",
        }


def test_a_comparison_with_another_scorer():
    comparison = comparison_from_dict(
        {
            "type": "text",
            "name": "street",
            "field": "street",
            "thresholds": [0.8],
            "scorer": "levenshtein",
        }
    )
    assert comparison.scorer is Scorer.LEVENSHTEIN
    assert comparison.thresholds == (0.8,)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"type": "nope"}, "comparison.type"),
        ({}, "comparison.type"),
        ("text", "comparison.type"),
        ({"type": "text", "name": "x"}, "comparison.invalid"),
        ({"type": "text", "name": "x", "field": "nowhere"}, "comparison.invalid"),
        ({"type": "text", "name": "x", "field": "street", "colour": 1}, "comparison.invalid"),
        ({"type": "text", "name": "", "field": "street"}, "comparison.name"),
        (
            {"type": "text", "name": "x", "field": "street", "thresholds": [0.5, 0.9]},
            "comparison.thresholds",
        ),
        (
            {"type": "text", "name": "x", "field": "street", "thresholds": [1.5]},
            "comparison.thresholds",
        ),
        (
            {"type": "text", "name": "x", "field": "street", "thresholds": ["high"]},
            "comparison.thresholds",
        ),
        ({"type": "given_name", "thresholds": 0.9}, "comparison.thresholds"),
    ],
)
def test_bad_comparisons_are_refused_with_a_code(data, code):
    with pytest.raises(ValidationError) as raised:
        comparison_from_dict(data)
    assert raised.value.code == code

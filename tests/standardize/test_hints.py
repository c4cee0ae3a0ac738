import pickle

import attrs
import pytest
from babel import Locale

import crmcore.standardize as std
from crmcore.errors import CrmError, ValidationError
from crmcore.standardize import Hint, hint, localize
from crmcore.standardize._fields import family
from crmcore.standardize._hints import HINT_FIELDS

COUNTRIES = [None, "PL", "UA", "RU", "GR", "DE", "GB", "US"]
LOCALES = ["en", "pl", "uk", "ru", "el", "de"]


def test_the_package_exports_hints_and_records():
    mine = {"Hint", "StandardizedRecord", "hint", "localize", "standardize_record"}
    assert mine <= set(std.__all__)
    assert std.__all__ == sorted(std.__all__)
    assert std.hint is hint
    assert std.localize is localize


def test_every_field_of_the_issue_has_a_hint():
    assert {
        "phone",
        "email",
        "person_name",
        "company_name",
        "website",
        "country",
        "postal_code",
        "address",
        "tax_id",
        "date",
        "customer_number",
    } == HINT_FIELDS


@pytest.mark.parametrize("field", sorted(HINT_FIELDS))
@pytest.mark.parametrize("country", COUNTRIES)
@pytest.mark.parametrize("locale", LOCALES)
def test_every_hint_has_an_example_in_its_sentence(field, country, locale):
    h = hint(field, country=country, locale=locale)
    assert isinstance(h, Hint)
    assert (h.field, h.country, h.locale) == (field, country, locale)
    assert h.example
    assert h.example in h.description
    assert h.description[0] not in ".,;:"
    assert not h.description.endswith(".") or h.example.endswith(".")
    assert h.sentence[0].isupper() or not h.sentence[0].isalpha()
    assert str(h) == h.sentence
    assert "{" not in h.description  # every placeholder filled


def _validates(field, country, example):
    verbs = family(field)
    return verbs.standardize(example, country=country, locale=None)


@pytest.mark.parametrize("field", sorted(HINT_FIELDS - {"date"}))
def test_the_us_examples_are_valid(field):
    _validates(field, "US", hint(field, country="US").example)


@pytest.mark.parametrize("field", sorted(HINT_FIELDS))
@pytest.mark.parametrize("country", [None, "PL", "UA", "RU", "GR", "DE", "GB"])
def test_the_examples_are_valid_values(field, country):
    h = hint(field, country=country, locale="en_GB" if country == "GB" else "en")
    if field == "date":
        # The example is written in the locale's own pattern.
        family(field).validate(h.example, locale="en_GB" if country else "en")
    elif field == "postal_code" and country is None:
        _validates(field, "PL", h.example)  # postal_codes.example() is Poland's
    else:
        _validates(field, country, h.example)


@pytest.mark.parametrize(
    ("country", "locale", "description"),
    [
        ("PL", "pl", "2 cyfry, myślnik i 3 cyfry, np. 00-950"),
        ("PL", "en", "2 digits, a dash, and 3 digits, as in 00-950"),
        ("PL", "en_GB", "2 digits, a dash and 3 digits, as in 00-950"),
        ("UA", "uk", "5 цифр, наприклад 01001"),
        ("RU", "ru", "6 цифр, например 125009"),
        ("GR", "el", "3 ψηφία, κενό και 2 ψηφία, π.χ. 105 57"),
        ("DE", "de", "5 Ziffern, z. B. 10115"),
        ("LT", "pl", "„LT”, myślnik i 5 cyfr, np. LT-01100"),
        ("GB", "en", "the postal code in the form its country uses, as in SW1A 2AA"),
        ("US", "ru", "почтовый индекс в формате, принятом в стране, например 20500"),
        ("AQ", "uk", "поштовий індекс у форматі, прийнятому в країні, наприклад 12345"),
        (None, "el", "ο ταχυδρομικός κώδικας στη μορφή που χρησιμοποιεί η χώρα του, π.χ. 00-950"),
    ],
)
def test_postal_code_hints_say_the_shape(country, locale, description):
    assert hint("postal_code", country=country, locale=locale).description == description


@pytest.mark.parametrize(
    ("country", "locale", "start"),
    [
        ("PL", "pl", "NIP, numer identyfikacji podatkowej: 10 cyfr"),
        ("UA", "uk", "код ЄДРПОУ юридичної особи (8 цифр) або РНОКПП фізичної особи (10 цифр)"),
        ("RU", "ru", "ИНН: 10 цифр для организации, 12 для физического лица"),
        ("GR", "el", "ΑΦΜ, ο αριθμός φορολογικού μητρώου: 9 ψηφία"),
        ("DE", "de", "USt-IdNr., die deutsche Umsatzsteuer-Identifikationsnummer"),
        ("GB", "en", "the UK VAT registration number"),
        ("US", "en", "a US taxpayer number"),
        ("CZ", "pl", "numer identyfikacji podatkowej; numer VAT UE"),
    ],
)
def test_tax_id_hints_name_the_countrys_number(country, locale, start):
    assert hint("tax_id", country=country, locale=locale).description.startswith(start)


@pytest.mark.parametrize(
    ("locale", "country", "pattern", "example"),
    [
        ("pl", None, "DD.MM.RRRR", "23.11.2026"),
        ("pl_PL", "PL", "DD.MM.RRRR", "23.11.2026"),
        ("uk", "UA", "ДД.ММ.РРРР", "23.11.2026"),
        ("ru", "RU", "ДД.ММ.ГГГГ", "23.11.2026"),
        ("el", "GR", "ΗΗ/ΜΜ/ΕΕΕΕ", "23/11/2026"),
        ("de", "DE", "TT.MM.JJJJ", "23.11.2026"),
        ("en", "US", "MM/DD/YYYY", "11/23/2026"),
        ("en", "GB", "DD/MM/YYYY", "23/11/2026"),  # en + GB: en_GB's pattern
        ("en_GB", None, "DD/MM/YYYY", "23/11/2026"),
        ("en_US", "GB", "DD/MM/YYYY", "23/11/2026"),  # the country's order, not the locale's
        ("uk", "US", "ММ/ДД/РРРР", "11/23/2026"),
        ("en", "FR", "DD/MM/YYYY", "23/11/2026"),  # no en_FR: the country's own locale
        ("en", None, "YYYY-MM-DD", "2026-11-23"),  # English has no one order
        ("el", None, "ΕΕΕΕ-ΜΜ-ΗΗ", "2026-11-23"),
        ("en_CA", None, "YYYY-MM-DD", "2026-11-23"),
        ("xx", None, "YYYY-MM-DD", "2026-11-23"),
        ("fr_FR", None, "DD/MM/YYYY", "23/11/2026"),  # no French catalogue: English words
    ],
)
def test_date_hints_use_the_locales_numeric_pattern(locale, country, pattern, example):
    h = hint("date", country=country, locale=locale)
    assert pattern in h.description
    assert h.example == example


@pytest.mark.parametrize(
    ("country", "order"),
    [("PL", "the street, the building number"), ("GB", "the building number and the street")],
)
def test_address_hints_follow_the_countrys_order(country, order):
    assert hint("address", country=country).description.startswith(order)


def test_phone_hints_give_the_calling_code():
    assert "+380" in hint("phone", country="UA", locale="uk").description
    assert hint("phone", locale="pl").description.startswith("znak plus")


def test_the_locale_may_be_a_babel_locale():
    assert hint("email", locale=Locale("uk", "UA")).locale == "uk"
    assert hint("email", locale=None).locale == "en"


def test_hints_are_values():
    h = hint("phone", country="pl", locale="pl")
    assert h == hint("phone", country="PL", locale="pl")
    assert pickle.loads(pickle.dumps(h)) == h
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        h.example = "x"  # type: ignore[misc]


def test_unknown_field():
    with pytest.raises(ValidationError) as info:
        hint("favourite_colour")
    assert info.value.code == "hint.unknown_field"
    assert "postal_code" in info.value.hint


@pytest.mark.parametrize("country", ["POL", "P", "", "48", "P1", 48, "XX", "Україна", "Ελλάδα"])
def test_bad_country(country):
    with pytest.raises(ValidationError) as info:
        hint("phone", country=country)
    assert (info.value.code, info.value.field) == ("country.unknown", "country")


# --- localize ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "message", "hint_start"),
    [
        ("pl", "numer telefonu jest za krótki", "numer krajowy lub w formie międzynarodowej z +48"),
        ("uk", "номер телефону закороткий", "національний номер або міжнародний формат із +48"),
        ("ru", "номер телефона слишком короткий", "национальный номер или международный формат"),
        ("el", "ο αριθμός τηλεφώνου είναι πολύ σύντομος", "ο εθνικός αριθμός ή η διεθνής μορφή"),
        ("de", "die Telefonnummer ist zu kurz", "die nationale Nummer"),
        ("en", "the phone number is too short", "the national number"),
        ("sw", "the phone number is too short", "the national number"),
    ],
)
def test_localize_translates_the_message_and_the_hint(locale, message, hint_start):
    with pytest.raises(ValidationError) as info:
        std.phone("12", country="PL")
    error = info.value
    localized = localize(error, locale, country="PL")
    assert localized.message == message
    assert localized.args == (message,)
    assert localized.hint.startswith(hint_start)
    assert (localized.code, localized.field, localized.value) == (
        error.code,
        error.field,
        error.value,
    )
    assert type(localized) is type(error)
    assert localized.__cause__ is error.__cause__
    assert error.message == "the phone number is too short"  # the original is unchanged


def test_localize_finds_the_field_by_its_code_or_its_field():
    by_code = ValidationError("the value is empty", code="tax_id.empty", field="NIP")
    assert localize(by_code, "pl", country="PL").hint.startswith("NIP, numer")
    by_field = ValidationError("x", code="model.bad", field="parties[0].email")
    assert localize(by_field, "uk").hint.startswith("ім’я поштової скриньки")


def test_localize_keeps_a_hint_it_cannot_improve():
    error = CrmError("no such party", code="storage.not_found", field="id", hint="a UUID")
    localized = localize(error, "pl")
    assert (localized.message, localized.hint) == ("no such party", "a UUID")
    assert type(localized) is CrmError


def test_localize_ignores_a_malformed_country():
    error = ValidationError("the value is empty", code="phone.empty", field="phone")
    assert localize(error, "pl", country="Polska").hint.startswith("znak plus")


def test_localize_chains_the_same_cause():
    cause = KeyError("x")
    error = ValidationError("the value is empty", code="email.empty")
    error.__cause__ = cause
    assert localize(error, "el").__cause__ is cause

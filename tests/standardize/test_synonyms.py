import json
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmcore.errors import ConfigurationError
from crmcore.standardize import _synonyms
from crmcore.standardize._synonyms import field_for, normalize_key, synonyms


@pytest.mark.parametrize(
    ("key", "field"),
    [
        # English
        ("Phone", "phone"),
        ("Mobile", "phone"),
        ("E-mail", "email"),
        ("email_address", "email"),
        ("Company", "company_name"),
        ("VAT", "tax_id"),
        ("Street", "address"),
        ("ZIP code", "postal_code"),
        ("Date of birth", "date"),
        ("date_of_birth", "date"),
        ("customer_number", "customer_number"),
        # Polish
        ("Telefon", "phone"),
        ("Komórka", "phone"),
        ("Tel. kom.", "phone"),
        ("Imię", "person_name"),
        ("Nazwisko", "person_name"),
        ("Firma", "company_name"),
        ("Nazwa", "company_name"),
        ("NIP", "tax_id"),
        ("Ulica", "address"),
        ("Kod pocztowy", "postal_code"),
        ("KOD_POCZTOWY", "postal_code"),
        ("Miasto", "city"),
        ("Miejscowość", "city"),
        ("Kraj", "country"),
        ("Data urodzenia", "date"),
        ("Strona WWW", "website"),
        # Ukrainian
        ("Телефон", "phone"),
        ("Пошта", "email"),
        ("Ел. пошта", "email"),
        ("Назва", "company_name"),
        ("ІПН", "tax_id"),
        ("ЄДРПОУ", "tax_id"),
        ("Код ЄДРПОУ", "tax_id"),
        ("Вулиця", "address"),
        ("Індекс", "postal_code"),
        ("Місто", "city"),
        ("Країна", "country"),
        ("Ім'я", "person_name"),
        ("Ім’я", "person_name"),
        ("Дата народження", "date"),
        # Russian
        ("Компания", "company_name"),
        ("Наименование", "company_name"),
        ("ИНН", "tax_id"),
        ("Улица", "address"),
        ("Индекс", "postal_code"),
        ("Город", "city"),
        ("Страна", "country"),
        ("ФИО", "person_name"),
        ("Дата рождения", "date"),
        # Greek, with and without accents
        ("Τηλέφωνο", "phone"),
        ("ΤΗΛΕΦΩΝΟ", "phone"),
        ("τηλεφωνο", "phone"),
        ("Επωνυμία", "company_name"),
        ("ΑΦΜ", "tax_id"),
        ("Α.Φ.Μ.", "tax_id"),
        ("Οδός", "address"),
        ("ΤΚ", "postal_code"),
        ("Τ.Κ.", "postal_code"),
        ("Πόλη", "city"),
        ("Χώρα", "country"),
        ("Ονοματεπώνυμο", "person_name"),
        # German
        ("Straße", "address"),
        ("STRASSE", "address"),  # ß case-folds to ss
        ("PLZ", "postal_code"),
        ("USt-IdNr.", "tax_id"),
        ("Geburtsdatum", "date"),
        # unknown keys
        ("Uwagi", None),
        ("notes", None),
        ("", None),
        ("---", None),
    ],
)
def test_keys_in_the_markets_languages(key, field):
    assert field_for(key) == field


def test_strasse_folds_to_ss():
    assert normalize_key("Straße") == normalize_key("STRASSE") == "strasse"


def test_every_field_name_is_its_own_synonym():
    table = synonyms()
    for field in set(table.values()):
        assert table[normalize_key(field)] == field


def test_every_listed_name_is_recognised():
    raw = json.loads(
        resources.files("crmcore.standardize").joinpath("data/field_synonyms.json").read_text()
    )
    for field, names in raw.items():
        if field.startswith("_"):
            continue
        for name in names:
            assert field_for(name) == field, name


def test_a_name_meaning_two_fields_is_a_data_error(monkeypatch):
    def load_json(package, name):
        assert (package, name) == ("standardize", "field_synonyms.json")
        return {"phone": ["tel"], "tax_id": ["TEL"]}

    monkeypatch.setattr(_synonyms, "load_json", load_json)
    _synonyms.synonyms.cache_clear()
    try:
        with pytest.raises(ConfigurationError) as info:
            synonyms()
        assert info.value.code == "standardize.ambiguous_synonym"
        assert info.value.field == "field_synonyms"
    finally:
        _synonyms.synonyms.cache_clear()


@given(st.text())
def test_normalisation_is_idempotent_and_never_fails(key):
    once = normalize_key(key)
    assert normalize_key(once) == once
    assert field_for(key) in {None, *synonyms().values()}

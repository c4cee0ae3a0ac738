"""The record layer's own logic, with stand-in families (the real ones: test_records.py)."""

import pytest

from crmcore.errors import ConfigurationError, ValidationError
from crmcore.standardize import _records
from crmcore.standardize._fields import Family
from crmcore.standardize._records import StandardizedRecord, standardize_record


def _country(raw, *, locale=None):
    del locale
    names = {"polska": "PL", "україна": "UA", "pl": "PL", "ua": "UA", "gr": "GR"}
    try:
        return names[raw.strip().casefold()]
    except KeyError:
        raise ValidationError(
            "the country is not known", code="country.unknown", field="country", value=raw
        ) from None


def _phone(raw, *, country=None):
    digits = "".join(c for c in raw if c.isdigit())
    if len(digits) < 9:
        raise ValidationError(
            "the number is too short", code="phone.too_short", field="phone", value=raw
        )
    return f"{country}:{digits}"


def _broken(raw, *, country=None):
    del country
    return 1 / len(raw.strip("x"))


FAKES = {
    "country": Family(
        field="country",
        validate=_country,
        example=lambda *_: "PL",
        takes_country=False,
        takes_locale=True,
    ),
    "phone": Family(
        field="phone",
        validate=_phone,
        example=lambda *_: "601234567",
        takes_country=True,
        takes_locale=False,
    ),
    "email": Family(
        field="email",
        validate=_broken,
        example=lambda *_: "a@b.pl",
        takes_country=True,
        takes_locale=False,
    ),
}


@pytest.fixture(autouse=True)
def fake_families(monkeypatch):
    monkeypatch.setattr(_records, "family", FAKES.__getitem__)


def test_the_records_own_country_wins_and_is_standardised_first():
    record = standardize_record({"telefon": "601 234 567", "kraj": "Україна"}, country="PL")
    assert record.country == "UA"
    assert record.values == {"telefon": "UA:601234567", "kraj": "UA"}
    assert list(record.values) == ["telefon", "kraj"]  # input order kept
    assert record.ok
    assert record.accepted == ("telefon", "kraj")
    assert record.rejected == ()


def test_an_invalid_record_country_falls_back_to_the_argument():
    record = standardize_record({"phone": "601234567", "country": "Atlantyda"}, country="gr")
    assert record.country == "GR"
    assert record.values["phone"] == "GR:601234567"
    assert record.values["country"] == "Atlantyda"
    assert [e.code for e in record.issues["country"]] == ["country.unknown"]


def test_one_bad_field_keeps_the_others():
    record = standardize_record({"Telefon": "12", "Uwagi": "  VIP\u00a0 klient "}, country="PL")
    assert record.values == {"Telefon": "12", "Uwagi": "VIP klient"}
    assert record.rejected == ("Telefon",)
    (issue,) = record.issues["Telefon"]
    assert (issue.code, issue.field, issue.value) == ("phone.too_short", "Telefon", "12")
    assert not record.ok


def test_blank_values_become_none_without_an_issue():
    record = standardize_record({"phone": None, "email": "  ", "notes": "", "x": "\t"})
    assert record.values == dict.fromkeys(["phone", "email", "notes", "x"])
    assert record.ok


def test_integers_are_read_as_text_and_other_objects_are_kept():
    record = standardize_record({"phone": 601234567, "amount": 12.5, "flag": True, "n": 7})
    assert record.values == {"phone": "None:601234567", "amount": 12.5, "flag": True, "n": "7"}


def test_explicit_fields_override_recognition():
    record = standardize_record(
        {"col1": "601234567", "phone": "not a phone, only text "},
        fields={"col1": "phone", "phone": None},
    )
    assert record.fields == {"col1": "phone", "phone": None}
    assert record.values == {"col1": "None:601234567", "phone": "not a phone, only text"}


def test_an_unknown_field_in_the_overrides_is_a_configuration_error():
    with pytest.raises(ConfigurationError) as info:
        standardize_record({"a": "b"}, fields={"a": "favourite_colour"})
    assert info.value.code == "record.unknown_field"
    assert info.value.value == "favourite_colour"


def test_a_failing_family_is_an_internal_issue_and_a_warning():
    with pytest.warns(RuntimeWarning, match="email standardiser failed on 'mail'"):
        record = standardize_record({"mail": "xxx", "phone": "601234567"})
    (issue,) = record.issues["mail"]
    assert issue.code == "email.internal"
    assert isinstance(issue.__cause__, ZeroDivisionError)
    assert record.values == {"mail": "xxx", "phone": "None:601234567"}


def test_the_record_is_read_only():
    record = standardize_record({"phone": "601234567"})
    with pytest.raises(TypeError):
        record.values["phone"] = "x"  # type: ignore[index]
    assert isinstance(record, StandardizedRecord)

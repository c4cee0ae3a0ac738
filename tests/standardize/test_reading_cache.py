"""A name is read once and the reading kept; errors are not kept."""

from __future__ import annotations

import pytest

from crmcore.errors import ValidationError
from crmcore.standardize import company_names, person_names


class _Text(str):
    """Text of an application's own type: errors name the very object given."""

    __slots__ = ()


@pytest.mark.parametrize(
    "raw",
    ["Іванов Іван Петрович", "KOWALSKA Anna", "Γιώργος Παπαδόπουλος", "Dr. Hans-Peter Müller"],
)
def test_a_person_name_read_again_is_the_same_value(raw: str) -> None:
    first = person_names.validate(raw)
    again = person_names.validate(raw)
    assert again == first
    assert person_names.validate(str(first)) == first


def test_the_locale_is_part_of_what_a_person_name_reading_is_kept_by() -> None:
    raw = "prof. dr hab. JAN KOWALSKI"
    assert person_names.validate(raw, locale="pl").title == "prof. dr hab."
    assert person_names.validate(raw, locale="de").title != "prof. dr hab."
    assert person_names.validate(raw, locale="pl").title == "prof. dr hab."


def test_the_country_is_part_of_what_a_company_name_reading_is_kept_by() -> None:
    # "S.A." is a Polish spółka akcyjna in Poland and a société anonyme elsewhere.
    polish = company_names.validate("Orlen S.A.", country="PL")
    other = company_names.validate("Orlen S.A.", country="FR")
    assert polish.country == "PL"
    assert other.country != "PL"
    assert company_names.validate("Orlen S.A.", country="PL") == polish


@pytest.mark.parametrize(
    ("validate", "raw", "code"),
    [
        (person_names.validate, "Anna 2", "person_name.bad_characters"),
        (company_names.validate, "Sp. z o.o.", "company_name.only_legal_form"),
    ],
)
def test_an_error_is_raised_each_time_and_names_the_value_given(validate, raw, code) -> None:  # type: ignore[no-untyped-def]
    for given in (raw, _Text(raw), raw):
        with pytest.raises(ValidationError) as caught:
            validate(given)
        assert caught.value.code == code
        assert caught.value.value is given

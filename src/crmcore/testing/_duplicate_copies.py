"""How a generated party's copy is written again: the corruptions, each with its rate.

A copy starts from everything known of its entity (a ``dict`` of the row's
fields, with the entity's sex and phone number besides) and goes through
:func:`corrupt`, which changes it the way a second entry of the same party
in another system or by another person does. The names of the corruptions
applied are kept in the row's ``corruptions``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import TYPE_CHECKING, Any

from crmcore.testing import _duplicate_values as values

if TYPE_CHECKING:
    import random

__all__ = ["KINDS", "RATES", "corrupt", "sole_trader", "typo"]

#: The rate of each corruption of a copy (where it applies: a Latin name has
#: no other script, a name without diacritics none to drop).
RATES = {
    "weak": 0.04,  # keeps only a name and a birth date, or a name and a locality
    "typo": 0.25,
    "script": 0.3,  # Cyrillic and Greek names, in Latin letters
    "russian_spelling": 0.2,  # Ukrainian names
    "diacritics": 0.35,
    "swap": 0.07,
    "second_given": 0.08,
    "diminutive": 0.15,
    "case": 0.08,
    "legal_form": 0.5,
    "phone_format": 0.5,
    "phone_other": 0.1,
    "email_case": 0.1,
    "email_other": 0.12,
    "missing_phone": 0.2,
    "missing_email": 0.25,
    "missing_birth_date": 0.15,
    "missing_address": 0.15,
    "missing_tax_id": 0.45,
    "moved": 0.1,
    "birth_date_swap": 0.1,  # of the dates whose day is a month too
    "birth_date_digit": 0.04,
    "cross_kind": 0.1,  # a person of UA, RU or DE, also recorded as a sole trader
}
#: Every corruption, in the order :func:`corrupt` tries them.
KINDS = tuple(RATES)

_PERSON_NAME = ("given", "family", "patronymic")
_ADDRESS = ("street", "building", "postal_code", "locality")
_OTHER_SCRIPT = frozenset({"uk", "ru", "el"})
_DIACRITICS = frozenset({"pl", "de", "el"})


def typo(rng: random.Random, text: str, keyboard: str) -> str:
    """Return ``text`` with one slip of the hand: a letter added, lost, hit next door or swapped."""
    if len(text) < 4:
        return text
    at = rng.randrange(1, len(text) - 1)
    slip = rng.randrange(4)
    if slip == 0:
        return text[:at] + text[at] + text[at:]
    if slip == 1:
        return text[:at] + text[at + 1 :]
    if slip == 2:
        return text[:at] + text[at + 1] + text[at] + text[at + 2 :]
    return text[:at] + _neighbour(rng, text[at], keyboard) + text[at + 1 :]


def _neighbour(rng: random.Random, letter: str, keyboard: str) -> str:
    rows: list[str] = values.variants()["keyboards"][keyboard]
    lower = letter.lower()
    for row in rows:
        where = row.find(lower)
        if where >= 0:
            near = [row[i] for i in (where - 1, where + 1) if 0 <= i < len(row)]
            found = rng.choice(near)
            return found.upper() if letter.isupper() else found
    return letter


def _keyboard(language: str) -> str:
    if language in ("uk", "ru"):
        return f"cyrillic_{language}"
    return "greek" if language == "el" else "latin"


def _no_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def corrupt(
    rng: random.Random, record: dict[str, Any], t: values.LocaleTables
) -> tuple[dict[str, Any], list[str]]:
    """Return a corrupted copy of ``record`` and the names of the corruptions applied."""
    row = dict(record)
    row.update(email_given=record["given"], email_family=record["family"])
    applied: list[str] = []
    if rng.random() < RATES["weak"]:
        applied.append("weak")
        _weaken(rng, row, applied)
    if row["kind"] == "person":
        _person_name(rng, row, t, applied)
    else:
        _organization_name(rng, row, t, applied)
    _contacts(rng, row, t, applied)
    return row, applied


def _weaken(rng: random.Random, row: dict[str, Any], applied: list[str]) -> None:
    for field, kind in (
        ("phone", "missing_phone"),
        ("email", "missing_email"),
        ("tax_id", "missing_tax_id"),
    ):
        if row[field] is not None:
            row[field] = None
            applied.append(kind)
    if row["kind"] == "person" and row["birth_date"] is not None and rng.random() < 0.5:
        row.update(street=None, building=None, postal_code=None)  # a name and a birth date
    else:  # a name and a locality
        row.update(birth_date=None, street=None, building=None, postal_code=None)


def _person_name(
    rng: random.Random, row: dict[str, Any], t: values.LocaleTables, applied: list[str]
) -> None:
    _spelling(rng, row, t.language, applied)
    forms: list[str] | None = values.variants()["diminutives"][t.language].get(row["given"])
    if forms is not None and rng.random() < RATES["diminutive"]:
        applied.append("diminutive")
        row["given"] = rng.choice(forms)
    if rng.random() < RATES["second_given"]:
        applied.append("second_given")
        first, _, second = row["given"].partition(" ")
        row["given"] = first if second else f"{first} {values.given_name(rng, t, row['sex'])}"
    if rng.random() < RATES["typo"]:
        applied.append("typo")
        field = "family" if rng.random() < 0.6 else "given"
        row[field] = typo(rng, row[field], _keyboard(t.language))
    if rng.random() < RATES["swap"]:
        applied.append("swap")
        if rng.random() < 0.5:
            row["given"], row["family"] = row["family"], row["given"]
        else:
            row["given"], row["family"] = None, f"{row['family']} {row['given']}"
    if rng.random() < RATES["case"]:
        applied.append("case")
        change = str.upper if rng.random() < 0.7 else str.lower
        row["family"] = change(row["family"])
        if rng.random() < 0.5 and row["given"] is not None:
            row["given"] = change(row["given"])


def _spelling(rng: random.Random, row: dict[str, Any], language: str, applied: list[str]) -> None:
    """Write the name in other letters: Latin ones, the Russian spelling, or without diacritics."""
    variants = values.variants()
    if language in _OTHER_SCRIPT and rng.random() < RATES["script"]:
        applied.append("script")
        for field in _PERSON_NAME:
            if row[field] is not None:
                row[field] = values.latin(row[field], language)
        if rng.random() < 0.5:
            row["patronymic"] = None
    elif language == "uk" and rng.random() < RATES["russian_spelling"]:
        applied.append("russian_spelling")
        letters = str.maketrans(variants["uk_to_ru_letters"])
        row["given"] = variants["uk_to_ru_given"].get(row["given"], row["given"].translate(letters))
        row["family"] = row["family"].translate(letters)
    text = f"{row['given']}{row['family']}"
    if language in _DIACRITICS and not text.isascii() and rng.random() < RATES["diacritics"]:
        applied.append("diacritics")
        german = str.maketrans(variants["german_letters"])
        for field in ("given", "family"):
            plain = row[field]
            if language == "de" and rng.random() < 0.5:
                plain = plain.translate(german)
            row[field] = _no_marks(plain) if language == "el" else values.latin(plain, language)


def _organization_name(
    rng: random.Random, row: dict[str, Any], t: values.LocaleTables, applied: list[str]
) -> None:
    variants = values.variants()
    form: str | None = row["legal_form"]
    if t.language in _OTHER_SCRIPT and rng.random() < RATES["script"] / 2:
        applied.append("script")
        row["org_name"] = values.latin(row["org_name"], t.language)
        english: str | None = variants["english_forms"].get(form)
        if english is not None:
            applied.append("legal_form")
            row["legal_form"] = english
    elif form is not None and rng.random() < RATES["legal_form"]:
        applied.append("legal_form")
        written = variants["legal_forms_written"].get(form) or variants["sole_trader_written"][form]
        how = rng.randrange(3)
        if how == 0:  # another spelling of the form
            row["legal_form"] = rng.choice(written)
        else:  # the form written in the name, the name quoted or not
            opening, closing = variants["quotes"][t.country] if how == 1 else ('"', '"')
            if form in variants["sole_trader_written"]:  # a person's name is not quoted
                opening = closing = ""
            quoted = f"{opening}{row['org_name']}{closing}"
            prefixed = t.country in ("UA", "RU")
            name = f"{form} {quoted}" if prefixed else f"{row['org_name']} {form}"
            row["org_name"], row["legal_form"] = name, None
    if rng.random() < RATES["typo"] * 0.8:
        applied.append("typo")
        row["org_name"] = typo(rng, row["org_name"], _keyboard(t.language))
    if rng.random() < RATES["case"]:
        applied.append("case")
        row["org_name"] = row["org_name"].upper()


def _contacts(
    rng: random.Random, row: dict[str, Any], t: values.LocaleTables, applied: list[str]
) -> None:
    if row["phone"] is not None:
        _phone(rng, row, t, applied)
    if row["email"] is not None:
        _email(rng, row, t, applied)
    if row["birth_date"] is not None:
        _birth_date(rng, row, applied)
    if row["locality"] is not None:
        _address(rng, row, t, applied)
    if row["tax_id"] is not None and rng.random() < RATES["missing_tax_id"]:
        applied.append("missing_tax_id")
        row["tax_id"] = None


def _phone(
    rng: random.Random, row: dict[str, Any], t: values.LocaleTables, applied: list[str]
) -> None:
    if rng.random() < RATES["missing_phone"]:
        applied.append("missing_phone")
        row["phone"] = None
    elif rng.random() < RATES["phone_other"]:
        applied.append("phone_other")
        row["phone"] = values.written_phone(rng, values.phone_number(rng, t, None), t.country)
    elif rng.random() < RATES["phone_format"]:
        written = values.written_phone(rng, row["number"], t.country)
        if written != row["phone"]:
            applied.append("phone_format")
            row["phone"] = written


def _email(
    rng: random.Random, row: dict[str, Any], t: values.LocaleTables, applied: list[str]
) -> None:
    if rng.random() < RATES["missing_email"]:
        applied.append("missing_email")
        row["email"] = None
    elif rng.random() < RATES["email_other"]:
        applied.append("email_other")
        row["email"] = _other_email(rng, row, t)
    elif rng.random() < RATES["email_case"]:
        applied.append("email_case")
        local, _, domain = row["email"].partition("@")
        row["email"] = f"{local.title()}@{domain.upper()}"


def _address(
    rng: random.Random, row: dict[str, Any], t: values.LocaleTables, applied: list[str]
) -> None:
    if rng.random() < RATES["missing_address"]:
        applied.append("missing_address")
        row.update(street=None, building=None, postal_code=None, locality=None)
    elif rng.random() < RATES["moved"]:
        applied.append("moved")
        place = values.locality(rng, t)
        row.update(
            street=values.street(rng, t),
            building=values.building(rng),
            postal_code=values.postal_code(rng, t, place),
            locality=place[0],
        )
    elif row["street"] is not None and rng.random() < RATES["typo"] / 3:
        applied.append("typo")
        row["street"] = typo(rng, row["street"], _keyboard(t.language))


def _other_email(rng: random.Random, row: dict[str, Any], t: values.LocaleTables) -> str:
    if row["kind"] == "person":
        return values.person_email(rng, t, row["email_given"], row["email_family"], None)
    local = rng.choice(("biuro", "office", "sales", "kontakt", "info", "buh"))
    return f"{local}@{row['email'].partition('@')[2]}"


def _birth_date(rng: random.Random, row: dict[str, Any], applied: list[str]) -> None:
    born = dt.date.fromisoformat(row["birth_date"])
    if rng.random() < RATES["missing_birth_date"]:
        applied.append("missing_birth_date")
        row["birth_date"] = None
    elif born.day <= 12 and born.day != born.month and rng.random() < RATES["birth_date_swap"]:
        applied.append("birth_date_swap")
        row["birth_date"] = born.replace(month=born.day, day=born.month).isoformat()
    elif rng.random() < RATES["birth_date_digit"]:
        applied.append("birth_date_digit")
        row["birth_date"] = rng.choice(_one_digit_off(row["birth_date"], rng.choice((6, 9))))


def _one_digit_off(text: str, at: int) -> list[str]:
    """Return the dates ``text`` becomes with its digit ``at`` (the month's or the day's) wrong.

    Where no such date exists (the 30th of November has no 3x day but itself),
    the last digit of the year is wrong instead, which always gives dates.
    """
    return _dates_with_digit(text, at) or _dates_with_digit(text, 3)


def _dates_with_digit(text: str, at: int) -> list[str]:
    found = (text[:at] + d + text[at + 1 :] for d in "0123456789" if d != text[at])
    return [each for each in found if _is_date(each)]


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def sole_trader(
    rng: random.Random, record: dict[str, Any], t: values.LocaleTables
) -> dict[str, Any]:
    """Return the organisation row of a person trading in their own name (ФОП, ИП, e.K.)."""
    variants = values.variants()
    form: str = variants["sole_traders"][t.country]
    parts = [record["family"], record["given"], record["patronymic"]]
    if t.country == "DE":
        parts = [record["given"], record["family"]]
    row = dict(record)
    row.update(
        kind="organization",
        org_name=" ".join(p for p in parts if p),
        legal_form=form,
        given=None,
        family=None,
        patronymic=None,
        birth_date=None,
    )
    if t.country == "DE":  # a trader's VAT number, not the person's tax id
        row["tax_scheme"], row["tax_id"] = values.organization_tax_id(rng, "DE")
    return row

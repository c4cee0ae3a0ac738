"""The values of generated parties: names, places, phones, e-mails and tax numbers.

Each locale's tables (``crmcore/testing/data``) are read once into a
:class:`LocaleTables`; the drawing functions take the generator's
``random.Random``, so that a seed gives the same values every time. Names are
drawn with Zipf-like weights by rank, so that the most common names are very
common, as they are in a real customer base; phone numbers are valid for
their country (:func:`phonenumbers.is_valid_number`), and tax numbers pass
their scheme's check digits (python-stdnum).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from bisect import bisect
from itertools import accumulate
from typing import TYPE_CHECKING, Any

import attrs
import phonenumbers
from stdnum.iso7064 import mod_11_10

from crmcore._data import load_json
from crmcore.standardize.keys import transliterate

if TYPE_CHECKING:
    import random

__all__ = [
    "COUNTRIES",
    "LANGUAGES",
    "LocaleTables",
    "draw",
    "latin",
    "mail_slug",
    "tables",
    "variants",
]

#: The country of each locale the generator knows.
COUNTRIES = {
    "pl": "PL",
    "uk": "UA",
    "ru": "RU",
    "el": "GR",
    "de": "DE",
    "en_GB": "GB",
    "en_US": "US",
}
#: The language of each locale: its names, company names and keyboard.
LANGUAGES = {
    "pl": "pl",
    "uk": "uk",
    "ru": "ru",
    "el": "el",
    "de": "de",
    "en_GB": "en",
    "en_US": "en",
}

_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_TABLES = frozenset({"uk", "ru", "el"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_EARLIEST_BIRTH = dt.date(1940, 1, 1).toordinal()
_LATEST_BIRTH = dt.date(2006, 12, 31).toordinal()
_RNOKPP_EPOCH = dt.date(1899, 12, 31).toordinal()
_US_CAMPUSES = ("01", "02", "10", "12", "20", "27", "30", "33", "46", "52", "60", "80", "91", "94")


def _zipf(count: int, offset: float) -> list[float]:
    """Return cumulative weights ``1 / (rank + offset)``: the first ranks the most common."""
    return list(accumulate(1.0 / (rank + offset) for rank in range(count)))


def draw(rng: random.Random, items: list[Any], cumulative: list[float]) -> Any:  # noqa: ANN401 - the item, whatever it is
    """Return one of ``items``, drawn by its ``cumulative`` weight."""
    return items[bisect(cumulative, rng.random() * cumulative[-1])]


@attrs.frozen
class LocaleTables:
    """What the generator draws from in one locale.

    Attributes:
        locale: The locale (``"pl"``, ``"en_GB"``).
        language: The language of its names (``"pl"``, ``"en"``).
        country: Its ISO 3166-1 alpha-2 code.
        names: Male and female given names, family names and patronymics.
        male_weights: Cumulative weights of the male given names.
        female_weights: Cumulative weights of the female given names.
        family_weights: Cumulative weights of the family names.
        fathers: The male given names that have a patronymic.
        places: The country's places, phone numbering and mail domains.
    """

    locale: str
    language: str
    country: str
    names: dict[str, Any]
    male_weights: list[float]
    female_weights: list[float]
    family_weights: list[float]
    fathers: list[str]
    places: dict[str, Any]


@functools.cache
def tables(locale: str) -> LocaleTables:
    """Return the tables of ``locale``, read once."""
    language = LANGUAGES[locale]
    country = COUNTRIES[locale]
    names: dict[str, Any] = load_json("testing", "names.json")[language]
    return LocaleTables(
        locale=locale,
        language=language,
        country=country,
        names=names,
        male_weights=_zipf(len(names["male"]), 3),
        female_weights=_zipf(len(names["female"]), 3),
        family_weights=_zipf(len(names["family"]), 8),
        fathers=[name for name in names["male"] if name in names.get("patronymic", {})],
        places=load_json("testing", "places.json")[country],
    )


def variants() -> dict[str, Any]:
    """Return the table of the ways a value is written again (``variants.json``)."""
    table: dict[str, Any] = load_json("testing", "variants.json")
    return table


# --- names ------------------------------------------------------------------------


def given_name(rng: random.Random, t: LocaleTables, sex: str) -> str:
    """Return a given name of ``sex`` (``"m"`` or ``"f"``)."""
    if sex == "m":
        return str(draw(rng, t.names["male"], t.male_weights))
    return str(draw(rng, t.names["female"], t.female_weights))


def family_name(rng: random.Random, t: LocaleTables) -> list[str]:
    """Return a family name as its forms: the masculine, then the feminine if it differs."""
    forms: list[str] = draw(rng, t.names["family"], t.family_weights)
    return forms


def family_form(forms: list[str], sex: str) -> str:
    """Return the form of a family name for ``sex``."""
    return forms[-1] if sex == "f" else forms[0]


def patronymic(t: LocaleTables, father: str, sex: str) -> str | None:
    """Return the patronymic of a child of ``father``, or ``None`` if he has none."""
    forms: list[str] | None = t.names.get("patronymic", {}).get(father)
    if forms is None:
        return None
    return forms[1] if sex == "f" else forms[0]


@functools.lru_cache(maxsize=16384)
def latin(text: str, language: str) -> str:
    """Return ``text`` in Latin letters, a Cyrillic text by its language's official table."""
    return transliterate(text, language if language in _TABLES else None)


@functools.lru_cache(maxsize=8192)
def mail_slug(text: str, language: str) -> str:
    """Return ``text`` as the letters and digits of a mailbox (``"Łukasz"`` -> ``"lukasz"``)."""
    return _NOT_SLUG.sub("", latin(text, language).lower())


# --- places -----------------------------------------------------------------------


def locality(rng: random.Random, t: LocaleTables) -> list[Any]:
    """Return a locality: its name, the prefixes of its postal codes and its area code."""
    found: list[Any] = rng.choice(t.places["localities"])
    return found


def postal_code(rng: random.Random, t: LocaleTables, place: list[Any]) -> str:
    """Return a postal code of ``place`` in its country's format."""
    prefix: str = rng.choice(place[1])
    pattern: str = t.places["postal"]
    rest = pattern[1:] if pattern.startswith("*") else pattern[len(prefix) :]
    chars = [
        str(rng.randrange(10))
        if char == "#"
        else rng.choice(_INWARD_LETTERS)
        if char == "@"
        else char
        for char in rest
    ]
    return prefix + "".join(chars)


def street(rng: random.Random, t: LocaleTables) -> str:
    """Return a street name of the country."""
    return str(rng.choice(t.places["streets"]))


def building(rng: random.Random) -> str:
    """Return a building number, now and then with a letter."""
    number = str(int(rng.paretovariate(1.2) * 3))
    return number + "A" if rng.random() < 0.05 else number


def birth_date(rng: random.Random) -> dt.date:
    """Return a birth date of an adult."""
    return dt.date.fromordinal(rng.randint(_EARLIEST_BIRTH, _LATEST_BIRTH))


# --- phones -----------------------------------------------------------------------


def phone_number(rng: random.Random, t: LocaleTables, area: str | None) -> phonenumbers.PhoneNumber:
    """Return a valid number: a mobile, or a fixed line of ``area`` when one is given.

    Random digits after a prefix of the country's mobiles or after the area
    code, drawn again until :func:`phonenumbers.is_valid_number` accepts them as
    a number of the locale's own country (not of a territory sharing its
    country code: the Isle of Man's mobiles are +44 7624).
    """
    phone = t.places["phone"]
    length: int = phone["length"]
    mobiles: list[str] = phone["mobile"]
    while True:
        prefix = area if area is not None or not mobiles else rng.choice(mobiles)
        if prefix is None:  # the United States: an area code of the country's localities
            prefix = str(rng.choice(t.places["localities"])[2])
        digits = prefix + _digits(rng, length - len(prefix))
        number = phonenumbers.PhoneNumber(
            country_code=phone["country_code"], national_number=int(digits)
        )
        if phonenumbers.is_valid_number_for_region(number, t.country):
            return number


def written_phone(rng: random.Random, number: phonenumbers.PhoneNumber, country: str) -> str:
    """Return ``number`` as a person types it: national or international, in a common way."""
    national, international = _formatted(number)
    style = rng.randrange(8)
    if style < 3:  # as the country writes it nationally, the most common
        if country == "DE" and style == 1:
            return national.replace(" ", "/", 1)
        if country == "US" and style == 1:
            return national.replace("(", "").replace(") ", ".").replace("-", ".")
        return national
    if style == 3:
        return international
    if style == 5 and country not in _NOT_00:  # the international prefix dialled
        return "00" + international.translate(_NOT_DIAL)
    if style in (4, 5):  # E.164
        return "+" + international.translate(_NOT_DIAL)
    if style == 6:  # the digits alone
        return national.translate(_NOT_DIAL)
    return national.replace(" ", "-").replace("(", "").replace(")", "")


def _formatted(number: phonenumbers.PhoneNumber) -> tuple[str, str]:
    """Return the national and the international form of ``number``, as phonenumbers writes them.

    phonenumbers picks the grouping by the leading digits, so a number is
    written as the first number of its country with the same first four
    digits and length was: its own digits put in that number's places.
    """
    digits = str(number.national_number)
    key = (int(number.country_code or 0), digits[:4], len(digits))
    masks = _MASKS.get(key)
    if masks is None:
        national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        international = phonenumbers.format_number(
            number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
        masks = _MASKS[key] = (_mask(national, len(digits)), _mask(international, len(digits)))
    return masks[0].format(*digits), masks[1].format(*digits)


def _mask(text: str, count: int) -> str:
    """Return ``text`` with its last ``count`` digits as ``{}`` (a trunk prefix stays)."""
    chars = list(text)
    for at in range(len(chars) - 1, -1, -1):
        if count and chars[at].isdigit():
            chars[at] = "{}"
            count -= 1
    return "".join(chars)


_MASKS: dict[tuple[int, str, int], tuple[str, str]] = {}
#: Countries whose international prefix is not 00 (Russia dials 810, the United States 011).
_NOT_00 = frozenset({"RU", "US"})
_NOT_DIAL = str.maketrans("", "", " -()+/.")


# --- e-mail -----------------------------------------------------------------------


def person_email(
    rng: random.Random, t: LocaleTables, given: str, family: str, born: dt.date | None
) -> str:
    """Return an e-mail address made of a person's names at a free mail domain."""
    first = mail_slug(given, t.language)
    last = mail_slug(family, t.language)
    style = rng.randrange(6)
    if style == 0:
        local = f"{first}.{last}"
    elif style == 1:
        local = f"{first[:1]}{last}"
    elif style == 2:
        local = f"{last}.{first}"
    elif style == 3:
        local = f"{first}{last}{born.year % 100:02d}" if born else f"{first}_{last}"
    elif style == 4:
        local = f"{first}.{last}{rng.randrange(1, 100)}"
    else:
        local = f"{first}{rng.randrange(1, 1000)}"
    return f"{local}@{rng.choice(t.places['mail'])}"


def company_domain(t: LocaleTables, name: str) -> str:
    """Return the web domain of a company called ``name``."""
    slug = "-".join(filter(None, _NOT_SLUG.split(latin(name, t.language).lower())))
    return f"{slug or 'firma'}{t.places['tld']}"


# --- tax numbers ------------------------------------------------------------------


def _weighted(weights: tuple[int, ...], number: str) -> int:
    """Return the sum of the digits of ``number`` times their weights."""
    return sum(w * int(n) for w, n in zip(weights, number, strict=False))


def _digits(rng: random.Random, count: int) -> str:
    return f"{rng.randrange(10**count):0{count}d}"


def person_tax_id(
    rng: random.Random, country: str, born: dt.date, sex: str
) -> tuple[str, str] | None:
    """Return the scheme and number a person of ``country`` is known by, if the country has one."""
    if country == "PL":
        month = born.month + (20 if born.year >= 2000 else 0)
        serial = _digits(rng, 3) + str(rng.randrange(1 if sex == "m" else 0, 10, 2))
        number = f"{born.year % 100:02d}{month:02d}{born.day:02d}{serial}"
        check = (10 - _weighted((1, 3, 7, 9, 1, 3, 7, 9, 1, 3), number)) % 10
        return "pesel", f"{number}{check}"
    if country == "UA":
        days = born.toordinal() - _RNOKPP_EPOCH
        number = f"{days:05d}{_digits(rng, 3)}{rng.randrange(1 if sex == 'm' else 0, 10, 2)}"
        check = _weighted((-1, 5, 7, 9, 4, 6, 10, 5, 7), number) % 11 % 10
        return "rnokpp", f"{number}{check}"
    if country == "RU":
        return "inn", _inn(rng, personal=True)
    if country == "GR":
        return "vat", _afm(rng)
    if country == "DE":
        return "idnr", _idnr(rng)
    return None


def organization_tax_id(rng: random.Random, country: str) -> tuple[str, str]:
    """Return the scheme and number an organisation of ``country`` is known by."""
    if country == "PL":
        while True:
            number = str(rng.randrange(1, 10)) + _digits(rng, 8)
            check = _weighted((6, 5, 7, 2, 3, 4, 5, 6, 7), number) % 11
            if check < 10:
                return "nip", f"{number}{check}"
    if country == "UA":
        return "edrpou", _edrpou(rng)
    if country == "RU":
        return "inn", _inn(rng, personal=False)
    if country == "GR":
        return "vat", _afm(rng)
    if country == "DE":
        number = str(rng.randrange(1, 10)) + _digits(rng, 7)
        return "vat", number + mod_11_10.calc_check_digit(number)
    if country == "GB":
        number = str(rng.randrange(100, 1000)) + _digits(rng, 4)
        total = _weighted((8, 7, 6, 5, 4, 3, 2), number)
        return "vat", f"{number}{-total % 97:02d}"
    return "ein", rng.choice(_US_CAMPUSES) + _digits(rng, 7)


def _edrpou(rng: random.Random) -> str:
    number = str(rng.randrange(1, 5)) + _digits(rng, 6)
    weights = (7, 1, 2, 3, 4, 5, 6) if number[0] in "345" else (1, 2, 3, 4, 5, 6, 7)
    total = _weighted(weights, number)
    if total % 11 == 10:
        total = _weighted(tuple(w + 2 for w in weights), number)
    return number + str(total % 11 % 10)


def _inn(rng: random.Random, *, personal: bool) -> str:
    number = f"{rng.randrange(1, 90):02d}" + _digits(rng, 8 if personal else 7)
    if not personal:
        return number + str(_weighted((2, 4, 10, 3, 5, 9, 4, 6, 8), number) % 11 % 10)
    number += str(_weighted((7, 2, 4, 10, 3, 5, 9, 4, 6, 8), number) % 11 % 10)
    return number + str(_weighted((3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8), number) % 11 % 10)


def _afm(rng: random.Random) -> str:
    number = str(rng.randrange(0, 2)) + _digits(rng, 7)
    total = 0
    for n in number:
        total = total * 2 + int(n)
    return number + str(total * 2 % 11 % 10)


def _idnr(rng: random.Random) -> str:
    while True:
        chosen = rng.sample(range(10), 9)
        chosen.append(chosen[rng.randrange(9)])
        rng.shuffle(chosen)
        if chosen[0] != 0:
            number = "".join(map(str, chosen))
            return number + mod_11_10.calc_check_digit(number)


def written_tax_id(rng: random.Random, scheme: str, country: str, number: str) -> str:
    """Return a tax number as people write it: compact, grouped, or with its VAT prefix."""
    roll = rng.random()
    if scheme == "nip" and roll < 0.3:
        return f"{number[:3]}-{number[3:6]}-{number[6:8]}-{number[8:]}"
    if scheme == "vat" and roll < 0.4:
        return ("EL" if country == "GR" else country) + number
    if scheme == "ein":
        return f"{number[:2]}-{number[2:]}"
    return number

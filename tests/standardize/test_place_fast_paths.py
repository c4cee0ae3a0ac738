"""The fast paths of the place standardisers give exactly what the full work gives.

Each shortcut is compared with the work it skips (kept as the reference), on
addresses, country names and postal codes as our markets write them and on
junk built from their fragments:

* an address whose canonical line is its own text with the country code
  appended is not read a second time to prove it stable;
* the address reader's component tests (digits, letters, glued abbreviations)
  and its lookups are only faster;
* a plain ASCII e-mail address is read by one pattern;
* a country name is remembered once read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from unittest import mock

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import _address_parse, addresses, countries, emails
from crmcore.standardize._base import require_text

from .strategies import (
    PLACE_COUNTRIES,
    PLACE_FRAGMENTS,
    PLACE_LOCALES,
    email_like_text,
    place_text,
)

if TYPE_CHECKING:
    from collections.abc import Callable

_SETTINGS = settings(deadline=None, max_examples=400, suppress_health_check=[HealthCheck.too_slow])

#: Street lines and addresses as the record benchmark and real forms write them.
_STREETS = st.sampled_from(
    [
        "ul. Marszałkowska 12/4",
        "UL. MARSZAŁKOWSKA 10/12 m. 5",
        "al. Jana Pawła II 27",
        "вул. Хрещатик, 22, кв. 5",
        "вул.Хрещатик 22",
        "ул. Тверская, д. 7, кв. 12",
        "г. Москва, ул Тверская, д. 7, кв. 12, 125009",
        "Ερμού 15",
        "Οδός Ερμού 25, 10563 Αθήνα",
        "Friedrichstraße 43",
        "Hauptstr. 5",
        "UNTER DEN LINDEN 77",
        "10 Baker Street",
        "Flat 3, 10 Downing Street, London SW1A 2AA",
        "1600 Pennsylvania Avenue NW",
        "1600 Pennsylvania Ave NW, Washington, DC 20500",
    ]
)
_NUMBERS = st.sampled_from(["", " 1", " 7", " 12/4", " 22", " 150", " 12A", " 2000"])
_JOINED = st.lists(st.sampled_from(PLACE_FRAGMENTS), min_size=1, max_size=8).map(
    lambda parts: ", ".join(parts) if len(parts) % 2 else " ".join(parts)
)
_ADDRESSES = st.one_of(
    st.tuples(_STREETS, _NUMBERS).map("".join),
    _JOINED,
    place_text,
)


def _outcome(text: str, country: str | None, locale: str | None) -> tuple[object, ...]:
    try:
        return ("valid", addresses.validate(text, country=country, locale=locale))
    except ValidationError as exc:
        return ("refused", exc.code, exc.field, exc.value)


@_SETTINGS
@given(text=_ADDRESSES, country=PLACE_COUNTRIES, locale=PLACE_LOCALES)
@example(text="ul. Marszałkowska 12/4", country="PL", locale=None)
@example(text="вул. Хрещатик, 22, кв. 5", country="UA", locale=None)
@example(text="ул. Тверская, д. 7, кв. 12", country="RU", locale=None)
@example(text="Ερμού 15", country="GR", locale=None)
@example(text="Friedrichstraße 43", country="DE", locale="de")
@example(text="10 Baker Street", country="GB", locale=None)
@example(text="1600 Pennsylvania Avenue NW", country="US", locale=None)
@example(text="Warszawa, Polska", country="PL", locale=None)
@example(text="Polska", country="PL", locale=None)
@example(text="10, PL", country="PL", locale="lt")
@example(text="ul. Marszałkowska 12/4", country="PL", locale="xx-nowhere")
def test_an_address_read_once_is_the_address_settled(
    text: str, country: str | None, locale: str | None
) -> None:
    addresses._validate_text.cache_clear()
    fast = _outcome(text, country, locale)
    addresses._validate_text.cache_clear()
    with mock.patch.object(addresses, "reads_back", return_value=False):
        full = _outcome(text, country, locale)
    addresses._validate_text.cache_clear()
    assert fast == full


@_SETTINGS
@given(text=st.one_of(_ADDRESSES, st.text(max_size=30)))
@example(text="вул. Хрещатик")
@example(text="Ⅻ Street")
@example(text="²")
@example(text="١٢")
def test_the_component_tests_are_the_character_tests(text: str) -> None:
    assert _address_parse._has_digit(text) is any(ch.isdigit() for ch in text)
    assert _address_parse._has_letter(text) is any(ch.isalpha() for ch in text)


@_SETTINGS
@given(word=st.one_of(st.sampled_from(PLACE_FRAGMENTS), st.text(max_size=12)))
@example(word="UL.")
@example(word="St.-Nr")
@example(word="O'Brien")
@example(word="a_b")
@example(word="...")
def test_the_marker_key_of_ascii_is_its_folded_key(word: str) -> None:
    from crmcore.standardize._address_rules import marker_key
    from crmcore.standardize._fold import fold

    assert marker_key(word) == (fold(word).replace(" ", "") or word.strip("."))


_ASCII_ADDRESS_PIECES = st.sampled_from(
    [
        *("jan", "Jan", "kowalski", "J", ".", "..", "+", "-", "--", "_", "'", "`", "~", "!", "{"),
        *("@", "@", "example", "EXAMPLE", "pl", "com", "co.uk", "com.ua", "ru", "gr", "de", "123"),
        *("xn--bcher-kva", "a" * 63, "b" * 64, " ", '"', "<", ">", "mailto:", ":", "[", "]", "."),
    ]
)
_ASCII_ADDRESSES = st.one_of(
    st.lists(_ASCII_ADDRESS_PIECES, max_size=12).map("".join),
    st.tuples(
        st.from_regex(r"[A-Za-z0-9.+_'`-]{1,70}", fullmatch=True),
        st.from_regex(r"[A-Za-z0-9-]{1,64}(\.[A-Za-z0-9-]{1,64}){0,4}\.?", fullmatch=True),
    ).map("@".join),
    email_like_text,
)


def _email(raw: str) -> tuple[object, ...]:
    try:
        return ("valid", emails._validate.__wrapped__(require_text(raw, field="email")))
    except ValidationError as exc:
        return ("refused", exc.code)


@_SETTINGS
@given(raw=_ASCII_ADDRESSES)
@example(raw="jan.123@example.pl")
@example(raw="Client5@Example.COM.UA")
@example(raw="a`b@example.pl")
@example(raw="jan@example.123")
@example(raw="jan@xn--bcher-kva.de")
@example(raw="jan@ex--ample.de")
@example(raw="b" * 65 + "@example.pl")
@example(raw="jan@" + "a" * 63 + "." + "b" * 63 + "." + "c" * 63 + "." + "d" * 61)
@example(raw="jan@" + "a" * 63 + "." + "b" * 63 + "." + "c" * 63 + "." + "d" * 60)
def test_a_plain_address_is_the_address_read_in_full(raw: str) -> None:
    fast = emails._plain(raw) if len(raw) <= 254 else None
    if fast is not None:
        assert ("valid", fast) == _email(raw)
    assert _outcome_of(emails.validate, raw) == _email(raw)


def _outcome_of(verb: Callable[[str], object], raw: str) -> tuple[object, ...]:
    try:
        return ("valid", verb(raw))
    except ValidationError as exc:
        return ("refused", exc.code)


_COUNTRY_NAMES = st.one_of(
    st.sampled_from(
        [
            *("Polska", "Україна", "Россия", "Ελλάδα", "Deutschland", "United Kingdom", "USA"),
            *("PL", "pl", "POL", "616", "Ελλάς", "U.S.A.", "Korea", "Congo", "SU", "Atlantis"),
            *(" Polska ", "POLSKA", "polska", "Niemcy", "Great Britain", "", "  ", "x" * 81),
        ]
    ),
    place_text,
)


@_SETTINGS
@given(raw=_COUNTRY_NAMES)
def test_a_country_remembered_is_the_country_read_in_full(raw: str) -> None:
    countries._known.cache_clear()
    full = _outcome_of(lambda text: countries._validate(text, None), raw)
    assert _outcome_of(countries.validate, raw) == full
    assert _outcome_of(countries.validate, raw) == full  # remembered now


def test_an_address_built_without_its_checks_has_every_part_in_place() -> None:
    assert _address_parse.Fields._fields == addresses.PARTS
    fast = addresses.validate("ul. Marszałkowska 12/4", country="PL")
    assert fast == addresses.Address(street="ul. Marszałkowska", building="12/4", country="PL")
    assert hash(fast) == hash(addresses.Address(**{n: getattr(fast, n) for n in addresses.PARTS}))


def test_a_code_the_locale_cannot_read_back_is_read_again() -> None:
    text = "ul. Marszałkowska 12/4"
    fields = _address_parse.parse(text, country="PL", locale="xx-nowhere")[0]
    assert not _address_parse.reads_back(text, fields, country="PL", locale="xx-nowhere")
    assert _address_parse.reads_back(text, fields, country="PL", locale=None)

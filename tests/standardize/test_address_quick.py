"""The quick address reader gives exactly what the general reader gives.

* :func:`quick_parse` returns nothing, or the parts :func:`parse` finds (with
  no suspect postal code), on addresses as our markets write them, on their
  canonical lines and on junk built from their fragments;
* an address read by the quick path is the address the general path gives
  (the reader, then :func:`_settle` reading the canonical line again), or the
  same refusal;
* the pieces it is built from (the component split, the postal and letter
  tests) are the general reader's.
"""

from __future__ import annotations

import re
from unittest import mock

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import _address_parse, _address_quick, addresses, postal_codes
from crmcore.standardize._fold import tidy

from .strategies import PLACE_FRAGMENTS, PLACE_LOCALES, place_text

_SETTINGS = settings(deadline=None, max_examples=500, suppress_health_check=[HealthCheck.too_slow])

_COUNTRIES = st.sampled_from(["PL", "UA", "RU", "GR", "DE", "GB", "US", "CZ", "LT", "BG", "FR"])

#: Street lines of our markets, with and without their numbers.
_STREETS = st.sampled_from(
    [
        *(
            "ul. Marszałkowska",
            "UL. MARSZAŁKOWSKA",
            "al. Jana Pawła II",
            "ulica 3 Maja",
            "Ogrodowa",
        ),
        *(
            "вул. Хрещатик",
            "вул.Хрещатик",
            "вулиця Січових Стрільців",
            "просп. Перемоги",
            "Хрещатик",
        ),
        *("ул. Тверская", "улица Ленина", "пр-т Мира", "Тверская", "ул Тверская"),
        *("Садовая ул.", "Сумська вул.", "Красный просп.", "Ринок пл", "Апраксин пер."),
        *("Ερμού", "Οδός Ερμού", "Λεωφ. Κηφισίας", "ΕΡΜΟΥ"),
        *("Friedrichstraße", "Hauptstr.", "Unter den Linden", "Am Markt", "Berliner Str"),
        *("Baker Street", "Downing St", "Abbey Road", "BAKER STREET", "High St"),
        *("Pennsylvania Avenue NW", "Main St", "5th Ave", "Sunset Blvd", "Broadway"),
    ]
)
_NUMBERS = st.sampled_from(["1", "7", "12", "22", "150", "12A", "12/4", "10-12", "2000", "7а"])
_FLATS = st.sampled_from(["кв. 5", "кв. 12", "m. 5", "lok. 3", "Apt 4", "Flat 2", "# 9", "Whg. 3"])
_BUILDINGS = st.sampled_from(["д. 7", "буд. 22", "nr 5", "№ 3", "д. 7 корп. 2", "No. 10"])
_OTHERS = st.sampled_from(
    [
        *("00-590 Warszawa", "Warszawa", "01001", "125009", "10115 Berlin", "London SW1A 2AA"),
        *("м. Київ", "г. Москва", "Київська обл.", "Polska", "UA", "PL", "US", "DC 20500"),
        *("Τ.Κ. 546 23", "ΤΚ 26221 Πάτρα", "Τ. Κ. 115 26", "PL 00-238"),
        *("105 63", "Αθήνα", "NW", "корп. 2", "12345", "99", "x"),
    ]
)


@st.composite
def _one_line(draw: st.DrawFn) -> str:
    street = draw(_STREETS)
    number = draw(_NUMBERS)
    first = draw(st.sampled_from([f"{street} {number}", f"{number} {street}", street]))
    rest = draw(st.lists(st.one_of(_NUMBERS, _FLATS, _BUILDINGS, _OTHERS, _STREETS), max_size=3))
    glue = draw(st.sampled_from([", ", ",", " , ", "; ", " "]))
    return glue.join([first, *rest])


_TEXT = st.one_of(
    _one_line(),
    st.lists(st.sampled_from(PLACE_FRAGMENTS), min_size=1, max_size=8).map(", ".join),
    place_text,
)


def _parse(text: str, country: str, locale: str | None) -> tuple[object, ...]:
    return _address_parse.parse(text, country=country, locale=locale)


@_SETTINGS
@given(raw=_TEXT, country=_COUNTRIES, locale=PLACE_LOCALES)
@example(raw="вул. Хрещатик, 22, кв. 5", country="UA", locale=None)
@example(raw="вул. Хрещатик, буд. 22, кв. 5, UA", country="UA", locale=None)
@example(raw="ул. Тверская, д. 7, кв. 12", country="RU", locale=None)
@example(raw="Ερμού 15", country="GR", locale=None)
@example(raw="1600 Pennsylvania Avenue NW", country="US", locale=None)
@example(raw="1600 Pennsylvania Ave NW, US", country="US", locale="en_US")
@example(raw="Ερμού 10563", country="GR", locale=None)
@example(raw="Ogrodowa 5, Polska", country="DE", locale=None)
@example(raw="Hauptstr. 5, 12", country="DE", locale=None)
@example(raw="Baker Street 12, 2", country="GB", locale=None)
def test_the_quick_reader_reads_as_the_general_reader(
    raw: str, country: str, locale: str | None
) -> None:
    text = tidy(raw)
    quick = _address_quick.quick_parse(text, country, locale)
    if quick is not None:
        assert _parse(text, country, locale) == (quick, None)
        assert _address_parse.render_street(quick) == _address_parse.render(quick)


def _outcome(raw: str, country: str, locale: str | None) -> tuple[object, ...]:
    addresses._validate_text.cache_clear()
    try:
        return ("valid", addresses.validate(raw, country=country, locale=locale))
    except ValidationError as exc:
        return ("refused", exc.code, exc.field, exc.value)
    finally:
        addresses._validate_text.cache_clear()


@_SETTINGS
@given(raw=_TEXT, country=_COUNTRIES, locale=PLACE_LOCALES)
@example(raw="вул. Хрещатик, 22, кв. 5", country="UA", locale=None)
@example(raw="ул. Тверская, д. 7, кв. 12", country="RU", locale=None)
@example(raw="ul. Marszałkowska 12/4", country="PL", locale=None)
@example(raw="Ερμού 15", country="GR", locale=None)
@example(raw="Friedrichstraße 43", country="DE", locale=None)
@example(raw="10 Baker Street", country="GB", locale=None)
@example(raw="1600 Pennsylvania Avenue NW", country="US", locale=None)
@example(raw="BAKER STREET 10", country="GB", locale=None)
@example(raw="DCд.д.DCp-н12Aс.UAc.", country="US", locale=None)  # the canonical line is not clean
@example(raw="ul. Marszałkowska 12/4", country="PL", locale="xx-nowhere")
def test_an_address_read_quickly_is_the_address_read_in_full(
    raw: str, country: str, locale: str | None
) -> None:
    quick = _outcome(raw, country, locale)
    with (
        mock.patch.object(addresses, "_quick", return_value=None),
        mock.patch.object(addresses, "reads_back", return_value=False),
    ):
        full = _outcome(raw, country, locale)
    assert quick == full


#: What the component split and the postal shape meant as patterns; short text
#: only, as these backtrack on long text (which is why the code no longer uses them).
_SPLIT_REFERENCE = re.compile(r"\s*[,;\n]\s*")
_POSTAL_REFERENCE = re.compile(r"\d{2,}(?:[- ]?\d{2,})+|\d{4,}")


@_SETTINGS
@given(text=st.one_of(_TEXT, st.text(alphabet=" ,;\n\t\u00a0\u2003ab", max_size=12)))
@example(text=" a ,b ")
@example(text="a\u00a0, b\u2003")
@example(text=",")
def test_components_are_split_as_the_pattern_split_them(text: str) -> None:
    pattern = [c for c in _SPLIT_REFERENCE.split(text.strip()) if c]
    assert _address_parse.components_of(text) == pattern


@_SETTINGS
@given(text=st.text(alphabet="0123456789- a\u0663\u00b2", max_size=14))
@example(text="12-345")
@example(text="1-2345")
@example(text="12--34")
@example(text="\u0663\u0663\u0663\u0663")
def test_the_postal_shape_is_the_patterns(text: str) -> None:
    assert _address_parse.looks_postal(text) is (_POSTAL_REFERENCE.fullmatch(text) is not None)


@_SETTINGS
@given(span=st.one_of(_TEXT, _NUMBERS, _OTHERS), country=st.one_of(_COUNTRIES, st.none()))
@example(span="22", country="UA")
@example(span="ua 01001", country="UA")
@example(span="D-10115", country="DE")
def test_a_postal_code_is_found_as_the_country_reads_it(span: str, country: str | None) -> None:
    found = _address_parse.postal_in(span, country)
    if not any(ch.isdigit() for ch in span):
        assert found is None
    elif country is None or country not in postal_codes.known_countries():
        assert found == (span if _address_parse._LENIENT_POSTAL.fullmatch(span) else None)
    else:
        upper = span.upper()
        assert found == _full_canonical(upper, country)


def _full_canonical(text: str, country: str) -> str | None:
    """``postal_codes.canonical`` without its shortcuts: separators taken out, the prefix tried."""
    spec = postal_codes._formats()[country]

    def match(code: str) -> str | None:
        compact = postal_codes._SEPARATORS.sub("", code)
        for pattern, template in spec.patterns:
            found = pattern.fullmatch(compact)
            if found:
                return template.format(*found.groups())
        return None

    found = match(text)
    if found is None and spec.prefixes:
        # The prefix as a pattern (short text only: it retries runs of spaces).
        alternatives = "|".join(map(re.escape, spec.prefixes))
        stripped = re.match(rf"(?:{alternatives})\s*-?\s*(?=\w)", text)
        if stripped:
            found = match(text[stripped.end() :])
    return found


@_SETTINGS
@given(text=st.one_of(_TEXT, st.text(max_size=20)), locale=PLACE_LOCALES)
@example(text="вул. Хрещатик", locale=None)
@example(text="Κύπρος", locale=None)
@example(text="Côte d'Ivoire", locale="pl")
@example(text="²", locale=None)
def test_a_component_names_a_country_as_it_did(text: str, locale: str | None) -> None:
    has_digit = any(ch.isdigit() for ch in text)
    has_letter = any(ch.isalpha() for ch in text)
    expected = (
        None if has_digit or not has_letter else addresses.countries.lookup(text, locale=locale)
    )
    assert _address_parse._names(text, locale) == expected

from __future__ import annotations

import babel
import pytest

from crmcore._data import load_json
from crmcore.errors import ValidationError
from crmcore.standardize import _country_index, countries

NAMES = [
    ("Polska", "PL"),
    ("Польща", "PL"),
    ("Польша", "PL"),
    ("Πολωνία", "PL"),
    ("Poland", "PL"),
    ("POLEN", "PL"),
    ("Україна", "UA"),
    ("Украина", "UA"),
    ("Ukraine", "UA"),
    ("the Ukraine", "UA"),
    ("Россия", "RU"),
    ("Росія", "RU"),
    ("РФ", "RU"),
    ("Russian Federation", "RU"),
    ("Ελλάδα", "GR"),
    ("ΕΛΛΑΔΑ", "GR"),
    ("Ελλάς", "GR"),
    ("Греция", "GR"),
    ("Греція", "GR"),
    ("Grecja", "GR"),
    ("Deutschland", "DE"),
    ("Німеччина", "DE"),
    ("Германия", "DE"),
    ("Γερμανία", "DE"),
    ("Niemcy", "DE"),
    ("UK", "GB"),
    ("U.K.", "GB"),
    ("Great Britain", "GB"),
    ("Wielka Brytania", "GB"),
    ("Великобритания", "GB"),
    ("USA", "US"),
    ("U.S.A.", "US"),
    ("США", "US"),
    ("Stany Zjednoczone", "US"),
    ("Czech Republic", "CZ"),
    ("Czechia", "CZ"),
    ("Česko", "CZ"),
    ("Holland", "NL"),
    ("Білорусь", "BY"),
    ("Беларусь", "BY"),
    ("Côte d’Ivoire", "CI"),
    ("cote d'ivoire", "CI"),
    ("Кот-д'Івуар", "CI"),
    ("Myanmar", "MM"),
    ("Lietuva", "LT"),
    ("Latvija", "LV"),
    ("Eesti", "EE"),
    ("România", "RO"),
    ("България", "BG"),
    ("Kosovo", "XK"),
]
CODES = [
    ("pl", "PL"),
    ("POL", "PL"),
    ("616", "PL"),
    ("ukr", "UA"),
    ("804", "UA"),
    ("GRC", "GR"),
    ("300", "GR"),
    ("DEU", "DE"),
    ("276", "DE"),
    ("GBR", "GB"),
    ("826", "GB"),
    ("USA", "US"),
    ("840", "US"),
    ("040", "AT"),
    ("ZR", "CD"),
]


@pytest.mark.parametrize(("raw", "code"), NAMES + CODES)
def test_names_and_codes(raw, code):
    assert countries.validate(raw) == code
    assert countries.validate(code) == code
    assert countries.is_valid(raw)


@pytest.mark.parametrize(
    ("raw", "candidates"),
    [("Congo", "CD, CG"), ("Конго", "CD, CG"), ("Korea", "KP, KR"), ("SU", "AM"), ("YUG", "ME")],
)
def test_ambiguous_names_are_errors_listing_candidates(raw, candidates):
    with pytest.raises(ValidationError) as info:
        countries.validate(raw)
    assert info.value.code == "country.ambiguous"
    assert candidates in info.value.hint


@pytest.mark.parametrize("raw", ["Atlantis", "Narnia", "ZZ", "EU", "999", "XYZ"])
def test_unknown(raw):
    with pytest.raises(ValidationError) as info:
        countries.validate(raw)
    assert info.value.code == "country.unknown"
    assert info.value.field == "country"
    assert not countries.is_valid(raw)


def test_locale_adds_its_names_and_is_tried_first():
    assert countries.validate("Yunanistan", locale="tr") == "GR"
    assert countries.validate("Lengyelország", locale="hu-HU") == "PL"
    with pytest.raises(ValidationError) as info:
        countries.validate("Yunanistan")
    assert info.value.code == "country.unknown"


def test_unknown_locale():
    with pytest.raises(ValidationError) as info:
        countries.validate("Polska", locale="xx_nowhere")
    assert info.value.code == "country.unknown_locale"
    with pytest.raises(ValidationError):
        countries.format("PL", locale="xx")


def test_format_and_name():
    assert countries.format("Польща") == "Poland"
    assert countries.format("PL", style="alpha2") == "PL"
    assert countries.format("PL", style="alpha3") == "POL"
    assert countries.format("PL", style="numeric") == "616"
    assert countries.format("DE", style="alpha3") == "DEU"
    assert countries.name("GR", "el") == "Ελλάδα"
    assert countries.name("UA", "ru") == "Украина"
    assert countries.name("RU", "uk") == "Росія"


def test_example():
    assert countries.example() == "PL"
    assert countries.example("gr") == "GR"


def test_every_country_has_current_alpha3_and_numeric_codes():
    for code in _country_index.country_codes():
        alpha3 = countries.format(code, style="alpha3")
        numeric = countries.format(code, style="numeric")
        assert countries.validate(alpha3) == code
        assert countries.validate(numeric) == code


def test_curated_aliases_do_not_contradict_cldr():
    data = load_json("standardize", "countries.json")
    cldr = {}
    for locale in data["name_locales"]:
        parsed = _country_index.parse_locale(locale)
        cldr.update(_country_index.locale_names(parsed)[0])
    for code, aliases in data["aliases"].items():
        for alias in aliases:
            found = cldr.get(_country_index.key(alias))
            assert found in {None, (code,)}, (alias, found)


def test_the_shipped_name_index_is_cldrs():
    # Run always: a difference is drift from the installed Babel, fixed by
    # running tools/gen_cldr_tables.py and committing the index.
    shipped = {
        k: tuple(v) for k, v in load_json("standardize", "country_names.json")["names"].items()
    }
    current = _country_index.cldr_names()
    missing = sorted(set(current) - set(shipped))
    stale = sorted(set(shipped) - set(current))
    assert (missing, stale) == ([], []), f"stale for Babel {babel.__version__}"
    assert shipped == current


@pytest.mark.parametrize(
    ("name", "locale", "code"),
    [
        ("Heard Island & McDonald Islands", "en", "HM"),
        ("Mavricij", "sl", "MU"),
        ("Sveti Krištof in Nevis", "sl", "KN"),
        ("Tokelav", "sl", "TK"),
        ("French Southern and Antarctic Lands", "en", "TF"),
        ("St Helena, Ascension & Tristan da Cunha", "en", "SH"),
    ],
)
def test_current_cldr_names_are_known_without_a_locale(name, locale, code):
    assert countries.validate(name) == code
    assert countries.validate(name, locale=locale) == code

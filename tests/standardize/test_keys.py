from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings

from crmcore.errors import ValidationError
from crmcore.standardize import keys

from .strategies import any_text, translit_alphabet_text
from .support import outcome

if TYPE_CHECKING:
    from collections.abc import Callable

_DATA = Path(__file__).parent / "data"
OFFICIAL = json.loads((_DATA / "translit_official.json").read_text("utf-8"))
PAIRS = json.loads((_DATA / "matching_pairs.json").read_text("utf-8"))


def _official(language: str) -> list[tuple[str, str]]:
    return [(src, out) for src, out in OFFICIAL[language]]


class TestOfficialForms:
    @pytest.mark.parametrize(("source", "official"), _official("uk"))
    def test_ukrainian_kmu_2010(self, source: str, official: str) -> None:
        assert keys.transliterate(source, "uk") == official

    @pytest.mark.parametrize(("source", "official"), _official("ru"))
    def test_russian_icao_9303(self, source: str, official: str) -> None:
        assert keys.transliterate(source, "ru") == official

    @pytest.mark.parametrize(("source", "official"), _official("el"))
    def test_greek_elot_743(self, source: str, official: str) -> None:
        assert keys.transliterate(source) == official  # Greek needs no language

    @pytest.mark.parametrize(("source", "official"), _official("bg"))
    def test_bulgarian_streamlined(self, source: str, official: str) -> None:
        assert keys.transliterate(source, "bg") == official

    def test_detection_gets_the_words_with_telling_letters(self) -> None:
        uk = _official("uk")
        telling = [(s, o) for s, o in uk if set(s.lower()) & set("іїєґ")]
        assert telling
        assert all(keys.transliterate(s) == o for s, o in telling)
        # Without telling letters, the default decides.
        assert all(keys.transliterate(s, cyrillic_default="uk") == o for s, o in uk)
        assert all(keys.transliterate(s) == o for s, o in _official("ru"))


class TestTransliterate:
    @pytest.mark.parametrize(
        ("source", "language", "expected"),
        [
            ("ЩУКИН", "ru", "SHCHUKIN"),
            ("Щукин", "ru", "Shchukin"),
            ("ЮРІЙ ЯРОШЕНКО", "uk", "YURII YAROSHENKO"),
            ("Я", "uk", "Ya"),
            ("ДеЛюкс", "ru", "DeLiuks"),
            ("ΘΕΣΣΑΛΟΝΙΚΗ", None, "THESSALONIKI"),
            ("Θεσσαλονίκη", None, "Thessaloniki"),
            ("ΑΥΓΟΥΣΤΟΣ", None, "AVGOUSTOS"),
            ("Ευθύμιος", None, "Efthymios"),
            ("Ταΰγετος", None, "Taygetos"),
            ("Προϊόν", None, "Proion"),
            ("μπαμπάς", None, "bampas"),
            ("Ива́нов", "ru", "Ivanov"),  # a stress mark is dropped
            ("Знам’янка", "uk", "Znamianka"),  # a typographic apostrophe too
            ("вул. Хрещатик, 22", "uk", "vul. Khreshchatyk, 22"),
            ("ТОВ «Ромашка»", "uk", 'TOV "Romashka"'),
            ("Łódź", None, "Lodz"),
            ("Straße", None, "Strasse"),
            ("Ærø", None, "Aero"),
            (
                "Zürich, Köln, Wrocław, Kraków, Gdańsk",
                None,
                "Zurich, Koln, Wroclaw, Krakow, Gdansk",
            ),
            ("Ђорђе Јовановић", "sr", "Djordje Jovanovic"),
            ("Ђорђе Јовановић", None, "Djordje Jovanovic"),
            ("Ѓорѓи Ѕвездаковски", "mk", "Gjorgji Dzvezdakovski"),
            ("Kиїв", None, "Kyiv"),  # a Latin K repaired first
            ("Київ 東京", None, "Kyiv 東京"),
            ("Олег ь Петро", "uk", "Oleh Petro"),
            ("Іван Ёлкин", "uk", "Ivan Elkyn"),  # ё is not Ukrainian: the Russian table helps
            ("Ӱ ᾶ", None, "U a"),  # letters the tables lack: their base letter
            ("", None, ""),
        ],
    )
    def test_examples(self, source: str, language: str | None, expected: str) -> None:
        assert keys.transliterate(source, language) == expected

    @pytest.mark.parametrize("language", ["uk_UA", "uk-UA", "UK"])
    def test_locales_are_accepted(self, language: str) -> None:
        assert keys.transliterate("Олег", language) == "Oleh"

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"language": "xx"}, "language"),
            ({"language": 7}, "language"),
            ({"cyrillic_default": "de"}, "cyrillic_default"),
        ],
    )
    def test_unknown_language(self, kwargs: dict[str, object], field: str) -> None:
        for text in ("Олег", "Oleh"):
            with pytest.raises(ValidationError) as info:
                keys.transliterate(text, **kwargs)  # type: ignore[arg-type]
            assert info.value.code == "language.unknown"
            assert info.value.field == field
            assert "uk" in (info.value.hint or "")

    def test_not_text(self) -> None:
        with pytest.raises(ValidationError) as info:
            keys.transliterate(None)  # type: ignore[arg-type]
        assert info.value.code == "text.not_text"

    @settings(deadline=None)
    @given(translit_alphabet_text)
    def test_tables_cover_their_alphabets(self, text: str) -> None:
        assert keys.transliterate(text).isascii()


class TestDetectLanguage:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Київ", "uk"),
            ("Ґалаґан", "uk"),
            ("Подъезд", "ru"),
            ("Объединённые", "ru"),
            ("Быков", "ru"),
            ("Търговище", "bg"),
            ("Њиш Ћуприја", "sr"),
            ("Јован", "sr"),
            ("Ѓорѓе Ќосев", "mk"),
            ("Иванов", "ru"),
            ("Αθήνα", "el"),
            ("Kowalski", None),
        ],
    )
    def test_detect(self, text: str, expected: str | None) -> None:
        assert keys.detect_language(text) == expected

    def test_a_tie_goes_to_the_default(self) -> None:
        # ї (Ukrainian) against ы (Russian).
        assert keys.detect_language("Київ Быков") == "ru"
        assert keys.detect_language("Київ Быков", cyrillic_default="uk") == "uk"


class TestMatchingKey:
    @pytest.mark.parametrize("group", PAIRS["meet"], ids=lambda g: g[0])
    def test_spellings_meet(self, group: list[str]) -> None:
        assert len({keys.matching_key(name) for name in group}) == 1

    @pytest.mark.parametrize("pair", PAIRS["apart"], ids="/".join)
    def test_forms_stay_apart(self, pair: list[str]) -> None:
        first, second = pair
        assert keys.matching_key(first) != keys.matching_key(second)

    def test_key_shape(self) -> None:
        assert keys.matching_key("  Jan   KOWALSKI!! ") == "ian kovalski"
        assert keys.matching_key("O'Connor & Sons, Ltd.") == "o conor sons ltd"
        assert keys.matching_key("ul. Marszałkowska 10/12") == "ul marsalkovska 10 12"
        assert keys.matching_key("!!!") == ""
        assert keys.matching_key("") == ""

    def test_language_can_be_forced(self) -> None:
        assert keys.matching_key("Олег", "uk") == keys.matching_key("Oleh")
        assert keys.matching_key("Олег", "ru") == keys.matching_key("Oleg")

    @settings(deadline=None)
    @given(any_text)
    def test_any_text_gives_a_key_or_our_error(self, text: str) -> None:
        result = outcome(keys.matching_key, text)
        assert isinstance(result, str)
        assert result == result.strip()
        assert "  " not in result
        assert result == result.lower()


class TestLengthCap:
    """The keys take what the validators take: up to 1000 characters."""

    @pytest.mark.parametrize(
        "raw",
        ["Шевченко " * 120, "Παπαδόπουλος" * 90, "Müller-" * 150, "9" * 10_001, "-" * 1001],
    )
    @pytest.mark.parametrize("function", [keys.transliterate, keys.matching_key])
    def test_longer_text_is_refused(self, function: Callable[[str], str], raw: str) -> None:
        with pytest.raises(ValidationError) as info:
            function(raw)
        assert info.value.code == "text.too_long"

    @pytest.mark.parametrize("raw", [["Ковальчук"], b"Nowak", 17, None])
    def test_not_text_is_refused_not_hashed(self, raw: object) -> None:
        with pytest.raises(ValidationError) as info:
            keys.matching_key(raw)  # type: ignore[arg-type]
        assert info.value.code == "text.not_text"

    @pytest.mark.parametrize("language", [["uk"], 7, "xx"])
    def test_a_wrong_language_is_refused_not_hashed(self, language: object) -> None:
        with pytest.raises(ValidationError) as info:
            keys.matching_key("Ковальчук", language)  # type: ignore[arg-type]
        assert info.value.code == "language.unknown"

    def test_the_limit_itself_is_taken(self) -> None:
        name = ("Ołeksandra " * 100)[:1000]
        assert keys.matching_key(name) == keys.matching_key(name.upper())

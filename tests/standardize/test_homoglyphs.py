from __future__ import annotations

import pytest
from hypothesis import given, settings

from crmcore.standardize import texts
from crmcore.standardize._homoglyphs import script_of

from .strategies import mixed_script_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Cyrillic letters in Latin words (Polish, German, English).
        ("Kоwalski", "Kowalski"),
        ("Jan Kоwаlski", "Jan Kowalski"),
        ("Mаrszałkowska", "Marszałkowska"),
        ("Müllеr", "Müller"),
        ("Smith & Cо", "Smith & Co"),
        ("ЅIEMENS GmbH", "SIEMENS GmbH"),
        ("Gdańsk", "Gdańsk"),
        ("Kоłobrzeg", "Kołobrzeg"),
        # Latin letters in Cyrillic words (Ukrainian, Russian).
        ("Кyiв", "Куів"),
        ("Кuїв", "Кuїв"),  # u has no Cyrillic twin, ї is Cyrillic only: reported
        ("Сiльпо", "Сільпо"),
        ("Мiнiстерство", "Міністерство"),
        ("ТОВ «Рoмашка»", "ТОВ «Ромашка»"),
        ("Mосква", "Москва"),
        ("Xарків", "Харків"),
        ("Pоманенко", "Романенко"),
        ("Kиїв", "Київ"),
        # Latin accented letters take their Cyrillic twin with the accent.
        ("Kиïв", "Київ"),
        # Greek letters in Latin words and the reverse.
        ("Αthens", "Athens"),
        ("Αθηνα", "Αθηνα"),
        ("Aθήνα", "Αθήνα"),
        ("Θεσσαλoνίκη", "Θεσσαλονίκη"),
        ("Pαπαδόπουλος", "Ραπαδόπουλος"),
        # Cyrillic and Greek.
        ("Αθηнα", "Αθηнα"),  # н has no Greek twin: left alone
        ("Москвα", "Москва"),
        # Words genuinely in two scripts are left alone.
        ("ТехноSoft", "ТехноSoft"),
        ("iPhoneЖ", "iPhoneЖ"),
        # Whole words in one script stay, whatever the context.
        ("ООО Acme", "ООО Acme"),
        ("Acme ООО", "Acme ООО"),
        ("PKO Bank Polski", "PKO Bank Polski"),
    ],
)
def test_repair(raw: str, expected: str) -> None:
    assert texts.repair_homoglyphs(raw) == expected


def test_all_confusable_word_follows_the_text() -> None:
    # "РАО" with a Latin P and A: every letter has a twin either way, so the
    # distinctive letters of the text decide.
    assert texts.repair_homoglyphs("PAО Газпром") == "РАО Газпром"
    assert texts.repair_homoglyphs("PAО Warszawa") == "PAO Warszawa"
    # With no distinctive letters, the word's own majority decides.
    assert texts.repair_homoglyphs("PAО") == "PAO"
    assert texts.repair_homoglyphs("РАO") == "РАО"


def test_undecidable_word_is_reported_not_repaired() -> None:
    # Two Latin and two Cyrillic letters, all confusable, nothing around.
    assert texts.repair_homoglyphs("PAОС") == "PAОС"
    found = texts.find_homoglyphs("PAОС")
    assert [h.replacement for h in found] == [None, None]
    assert [h.char for h in found] == ["О", "С"]


def test_find_reports_positions_scripts_and_replacements() -> None:
    text = "ul. Mаrszałkowska 1, Кyiв"
    found = texts.find_homoglyphs(text)
    assert found == (
        texts.Homoglyph(position=5, char="а", script="Cyrillic", replacement="a"),
        texts.Homoglyph(position=22, char="y", script="Latin", replacement="у"),
        texts.Homoglyph(position=23, char="i", script="Latin", replacement="і"),
    )
    for h in found:
        assert text[h.position] == h.char


def test_find_reports_genuine_mixes_without_replacement() -> None:
    found = texts.find_homoglyphs("ТехноSoft")
    assert {h.char for h in found} == set("Soft")
    assert all(h.replacement is None and h.script == "Latin" for h in found)


def test_no_findings_in_single_script_text() -> None:
    assert texts.find_homoglyphs("Jan Kowalski") == ()
    assert texts.find_homoglyphs("Київ, вул. Хрещатик") == ()
    assert texts.find_homoglyphs("Jan Kowalski, Київ") == ()
    assert texts.find_homoglyphs("Kowal東京ski") == ()


def test_other_scripts_in_a_word_leave_it_alone() -> None:
    assert texts.repair_homoglyphs("Kоwal東") == "Kоwal東"


def test_script_of() -> None:
    assert script_of("ł") == "Latin"
    assert script_of("ї") == "Cyrillic"
    assert script_of("ώ") == "Greek"
    assert script_of("\u02bc") is None
    assert script_of("\u0301") is None
    assert script_of("東") == "Han"


@settings(deadline=None)
@given(mixed_script_text)
def test_repair_is_idempotent(raw: str) -> None:
    once = texts.repair_homoglyphs(raw)
    assert texts.repair_homoglyphs(once) == once


@settings(deadline=None)
@given(mixed_script_text)
def test_repair_leaves_no_repairable_finding(raw: str) -> None:
    repaired = texts.repair_homoglyphs(raw)
    assert all(h.replacement is None for h in texts.find_homoglyphs(repaired))

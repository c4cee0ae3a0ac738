from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import texts
from crmcore.standardize._base import MAX_INPUT_LENGTH
from crmcore.standardize._homoglyphs import may_mix_scripts
from crmcore.standardize._text_clean import (
    canonical_text,
    clean_text,
    clean_unmixed_text,
    is_clean,
)

from .strategies import messy_text, words_of_scripts_text
from .support import outcome


class TestClean:
    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            # NFC: decomposed accents are composed.
            ("Mu\u0308ller", "Müller"),
            ("Ελλα\u0301δα", "Ελλάδα"),
            ("Ивано\u0308в", "Иван\u04e7в"),  # Cyrillic о + diaeresis composes to ӧ
            ("Йосипівка", "Йосипівка"),
            ("И\u0306осипівка", "Йосипівка"),
            # Invisible characters.
            ("Kowal\u200bski", "Kowalski"),
            ("Ko\u00adwal\u00adski", "Kowalski"),
            ("\ufeffЖитомир", "Житомир"),
            ("\u202eЖитомир\u202c", "Житомир"),
            ("\u2066Θεσσαλονίκη\u2069", "Θεσσαλονίκη"),
            ("Jan\u200e Nowak", "Jan Nowak"),
            ("Nowak\x00\x07", "Nowak"),
            ("e\u200b\u0301", "é"),
            ("\u3164Kowalski", "Kowalski"),
            # Spaces.
            ("Jan\u00a0Kowalski", "Jan Kowalski"),
            ("Jan\u202fKowalski", "Jan Kowalski"),
            ("  Jan \t\n Kowalski  ", "Jan Kowalski"),
            ("Jan\u3000\u2003Kowalski", "Jan Kowalski"),
            ("ul.\u2028Marszałkowska", "ul. Marszałkowska"),
            # Quotes, apostrophes and dashes.
            ("ТОВ «Ромашка»", 'ТОВ "Ромашка"'),
            ("„Społem” Sp. z o.o.", '"Społem" Sp. z o.o.'),
            ("“Acme” Ltd", '"Acme" Ltd'),
            ("Знам’янка", "Знам'янка"),
            ("Знамʼянка", "Знам'янка"),
            ("Знам`янка", "Знам'янка"),
            ("O’Connor", "O'Connor"),
            ("Kowalska–Nowak", "Kowalska-Nowak"),
            ("Kowalska—Nowak", "Kowalska-Nowak"),
            ("Rhein\u2011Main", "Rhein-Main"),
            ("\u221212", "-12"),
            # Untouched.
            ("Παπαδόπουλος", "Παπαδόπουλος"),
            ("Łódź", "Łódź"),
            ("Straße", "Straße"),
            ("", ""),
            ("   ", ""),
        ],
    )
    def test_canonical_form(self, raw: str, expected: str) -> None:
        assert texts.clean(raw) == expected

    def test_refuses_non_text(self) -> None:
        with pytest.raises(ValidationError) as info:
            texts.clean(b"bytes")  # type: ignore[arg-type]
        assert info.value.code == "text.not_text"
        assert info.value.field == "text"

    def test_repairs_homoglyphs_unless_asked_not_to(self) -> None:
        mixed = "Kоwalski"  # Cyrillic о
        assert texts.clean(mixed) == "Kowalski"
        assert texts.clean(mixed, homoglyphs=False) == mixed

    def test_long_text_is_cleaned_in_full(self) -> None:
        raw = "Jan\u00a0Kowalski " * 76  # 988 characters, under the limit
        assert texts.clean(raw) == ("Jan Kowalski " * 76).strip()

    @settings(deadline=None)
    @given(messy_text)
    def test_idempotent_and_canonical(self, raw: str) -> None:
        once = texts.clean(raw)
        assert texts.clean(once) == once
        assert unicodedata.is_normalized("NFC", once)
        assert once == once.strip()
        assert "  " not in once
        assert not any(unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} for ch in once)
        assert not any(ch.isspace() and ch != " " for ch in once)
        assert not set(once) & set("“”„«»‘’ʼ–—\u00a0\u200b")


class TestValidate:
    def test_returns_clean_text(self) -> None:
        assert texts.validate("  Jan\u00a0Kowalski ") == "Jan Kowalski"

    @pytest.mark.parametrize(
        ("raw", "code"),
        [
            (None, "text.not_text"),
            (12, "text.not_text"),
            ("", "text.empty"),
            ("  \t", "text.empty"),
            ("\u200b\u200d\ufeff", "text.empty"),
            ("x" * 1001, "text.too_long"),
        ],
    )
    def test_refusals(self, raw: object, code: str) -> None:
        with pytest.raises(ValidationError) as info:
            texts.validate(raw)
        err = info.value
        assert err.code == code
        assert err.field == "text"
        assert err.value == raw
        assert err.hint

    def test_is_valid(self) -> None:
        assert texts.is_valid("Αθήνα")
        assert not texts.is_valid("\u2060")
        assert not texts.is_valid(None)

    def test_format_and_example(self) -> None:
        assert texts.format("  Ромашка ") == "Ромашка"
        assert texts.validate(texts.example()) == texts.example()
        assert texts.example("PL") == texts.example()
        assert texts.FIELD == "text"

    @settings(deadline=None)
    @given(messy_text)
    def test_validate_returns_or_raises_ours(self, raw: str) -> None:
        result = outcome(texts.validate, raw)
        if isinstance(result, ValidationError):
            assert result.code.startswith("text.")
        else:
            assert result
            assert texts.validate(result) == result


class TestScripts:
    @pytest.mark.parametrize(
        ("word", "expected"),
        [
            ("Kowalski", {"Latin"}),
            ("Kоwalski", {"Latin", "Cyrillic"}),
            ("Київ", {"Cyrillic"}),
            ("Αθήνα", {"Greek"}),
            ("ΑВС", {"Greek", "Cyrillic"}),
            ("12-34", set()),
            ("Знамʼянка", {"Cyrillic"}),
            ("東京", {"Han"}),
            ("שלום", {"Hebrew"}),
        ],
    )
    def test_scripts(self, word: str, expected: set[str]) -> None:
        assert texts.scripts(word) == expected


def _reference_is_clean(text: str) -> bool:
    """The definition of is_clean with homoglyphs, without its shortcuts."""
    return (
        clean_text().fullmatch(text) is not None
        and unicodedata.is_normalized("NFC", text)
        and not may_mix_scripts(text)
    )


@settings(max_examples=400)
@given(st.one_of(words_of_scripts_text, messy_text))
def test_is_clean_shortcuts_equal_its_definition(text: str) -> None:
    assert is_clean(text) == _reference_is_clean(text)
    if is_clean(text):
        assert texts.clean(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "вул. Хрещатик, 22, кв. 5, UA",
        "ул. Тверская, д. 12, кв. 100, RU",
        "Ερμού 12, 105 57 Αθήνα, GR",
        "ul. Marszałkowska 12/4, PL",
        "Friedrichstraße 12, DE",
    ],
)
def test_addresses_in_words_of_several_scripts_are_clean_at_once(text: str) -> None:
    assert clean_unmixed_text().fullmatch(text) is not None
    assert _reference_is_clean(text)


class TestLengthCap:
    """clean takes what the validators take: up to 1000 characters."""

    @pytest.mark.parametrize(
        "raw",
        [
            "Ю" * 1001,
            "Ψ " * 600,
            "0" * 5000,
            "\u200b" * 1001,
            " " * 100_000,
            "Grzegorz Brzęczyszczykiewicz " * 40,
        ],
    )
    def test_longer_text_is_refused(self, raw: str) -> None:
        with pytest.raises(ValidationError) as info:
            texts.clean(raw)
        assert info.value.code == "text.too_long"
        assert info.value.value == raw

    @given(st.text(min_size=1, max_size=40).map(lambda s: (s * 1001)[:1000]))
    @settings(max_examples=100)
    def test_up_to_the_limit_nothing_changes(self, raw: str) -> None:
        # The cap refuses; it never shortens or otherwise changes what it takes.
        assert texts.clean(raw) == canonical_text(raw)

    def test_the_limit_is_the_validators(self) -> None:
        assert texts.clean("ж" * MAX_INPUT_LENGTH) == "ж" * MAX_INPUT_LENGTH
        with pytest.raises(ValidationError) as cleaned:
            texts.clean("ж" * (MAX_INPUT_LENGTH + 1))
        with pytest.raises(ValidationError) as validated:
            texts.validate("ж" * (MAX_INPUT_LENGTH + 1))
        assert cleaned.value.code == validated.value.code
        assert cleaned.value.message == validated.value.message

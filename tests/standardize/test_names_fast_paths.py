"""The fast paths of names and text give exactly what the general work gives.

Each shortcut (text proved clean and returned as it is, legal forms and
descriptors looked up through the stems of their keys, a whole name proved
to be no written form by its first word) is compared with the plain work it
replaces, on generated names in the shapes the shortcut takes and on junk.
"""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import _company, texts
from crmcore.standardize import person_names as _person
from crmcore.standardize._homoglyphs import may_mix_scripts
from crmcore.standardize._legal_forms import (
    find_descriptor,
    find_forms,
    form_key,
    may_be_written_form,
)
from crmcore.standardize._name_case import _TITLECASE, fix_final_sigma, is_one_case
from crmcore.standardize._name_tables import (
    is_patronymic,
    looks_like_family_name,
    name_key,
    tables,
)
from crmcore.standardize._quotes import drop_unpaired, normalize_inner
from crmcore.standardize._text_clean import is_clean, kept_chars

from . import names_reference as reference
from .strategies import messy_text
from .strategies_names import company_names, nearly_clean_text, person_names, person_shapes

_SETTINGS = settings(deadline=None, max_examples=400, suppress_health_check=[HealthCheck.too_slow])

_LANGUAGES = st.sampled_from([None, "pl", "de", "uk", "ru", "el", "en"])
_COUNTRIES = st.sampled_from([None, "PL", "UA", "RU", "GR", "DE", "GB", "US", "ES", "CZ"])
_ANY_NAME = st.one_of(company_names, person_names, nearly_clean_text)


@_SETTINGS
@given(text=st.one_of(_ANY_NAME, messy_text), homoglyphs=st.booleans())
@example(text="Kowalski i ТОВ", homoglyphs=True)
@example(text="Kоwalski", homoglyphs=True)
@example(text="Kоwalski", homoglyphs=False)
@example(text="e\u0301", homoglyphs=True)
def test_text_proved_clean_is_what_cleaning_gives(text, homoglyphs):
    cleaned = texts._clean(text, homoglyphs=homoglyphs)
    if is_clean(text, homoglyphs=homoglyphs):
        assert cleaned == text
    assert texts.clean(text, homoglyphs=homoglyphs) == cleaned


@_SETTINGS
@given(text=nearly_clean_text)
def test_clean_text_is_proved_clean(text):
    # The check is worth having: it recognises what cleaning gives (letters,
    # digits and common marks), unless a word is left in two scripts.
    cleaned = texts.clean(text)
    ordinary = all(c.isalnum() or c in " .,;:-&/'\"()+" for c in cleaned)
    if cleaned and ordinary and not may_mix_scripts(cleaned):
        assert is_clean(cleaned)


@_SETTINGS
@given(text=st.one_of(company_names, messy_text))
@example(text="s p. z o. o. " + "x" * 150 + " Sp. z o.o.")
@example(text="Sp. z o.o. " + "Kowalski " * 20)
@example(text="ТОВ «Ромашка» ТОВ")
def test_legal_forms_found_through_stems_as_by_every_candidate(text):
    assert find_forms(text) == reference.find_forms(text)
    cleaned = texts.clean(text)
    assert find_forms(cleaned) == reference.find_forms(cleaned)


@_SETTINGS
@given(text=st.one_of(company_names, messy_text))
@example(text="P.P.H.U. Kowalski")
@example(text="PPHU")
def test_descriptors_found_through_stems_as_by_every_candidate(text):
    assert find_descriptor(text) == reference.find_descriptor(text)


@_SETTINGS
@given(text=st.one_of(company_names, person_names, messy_text))
@example(text="Sp. z o.o.")
@example(text="Sp.  z o.o.")
@example(text="")
@example(text=" GmbH")
def test_only_what_may_be_a_written_form_is(text):
    if reference.is_written_form(text):
        assert may_be_written_form(text)


@_SETTINGS
@given(first=st.one_of(company_names, messy_text), second=st.one_of(company_names, messy_text))
def test_keys_of_words_joined_by_a_space_are_joined(first, second):
    # What the searches rest on: a space adds nothing to a key and joins with nothing.
    assert form_key(f"{first} {second}") == form_key(first) + form_key(second)


# --- Company names ------------------------------------------------------------


@_SETTINGS
@given(text=st.one_of(company_names, messy_text))
@example(text='"Foo -"')
@example(text='Foo -"')
@example(text="«„Ромашка“»")
@example(text=' "Ромашка" ')
def test_company_steps_give_what_the_plain_steps_give(text):
    assert _company._tidy(text) == reference.tidy(text)
    assert _company._final_name(text) == reference.final_name(text)
    assert drop_unpaired(text) == reference.drop_unpaired(text)
    assert normalize_inner(text) == reference.normalize_inner(text)
    cleaned = texts.clean(text)
    for source in (text, cleaned):
        try:
            _company._check_characters(source, source)
        except ValidationError:
            allowed = False
        else:
            allowed = True
        assert allowed == reference.company_characters_allowed(source)


@_SETTINGS
@given(text=st.one_of(company_names, messy_text), country=_COUNTRIES)
def test_a_company_name_reads_the_same_in_the_country_of_its_form(text, country):
    # Why a canonical text needs no second reading in the form's country.
    try:
        value = _company.parse(text, raw=text, country=country)
    except ValidationError:
        return
    if value.country is not None:
        assert _company.parse(text, raw=text, country=value.country) == value


@_SETTINGS
@given(text=st.one_of(company_names, messy_text), country=_COUNTRIES)
def test_company_names_read_once_are_what_rounds_of_reading_give(text, country):
    try:
        value = _company.parse(text, raw=text, country=country)
    except ValidationError:
        return
    for source in (text, _company.render(value)):
        again = _company.parse(source, raw=source, country=country)
        fast = _company.canonical(again, raw=source, country=country, text=source)
        assert fast == _company.canonical(again, raw=source, country=country)


# --- Person names -------------------------------------------------------------


@_SETTINGS
@given(text=st.one_of(person_names, messy_text), language=_LANGUAGES)
@example(text="prof. dr hab. inż. Jan Kowalski", language="pl")
@example(text="- dr Jan", language=None)
@example(text=". Jan", language=None)
def test_person_steps_give_what_the_plain_steps_give(text, language):
    try:
        _person._check_characters(text, text)
    except ValidationError as error:
        code = error.code
    else:
        code = None
    assert code == reference.person_characters_error(text)
    words = _person._tokens(text)
    assert words == reference.tokens(text)
    assert _person._take_titles(words, language) == reference.take_titles(words, language)
    for word in words:
        assert is_one_case(word) == reference.is_one_case(word)
        assert name_key(word) == reference.name_key(word)


@_SETTINGS
@given(text=st.one_of(person_shapes, person_names))
@example(text="Harry O'Brien")
@example(text="x ' y")
@example(text="Kowalska - Nowak")
@example(text="Mar\u02b9yana")
@example(text="Ⅻ Kowalski")
def test_plain_words_are_the_words_of_the_general_reading(text):
    words = _person._plain_words(text)
    if words is not None:
        assert words == _person._words(text, text)


def test_clean_words_of_letters_have_no_apostrophes_to_rewrite():
    # Why plain words need no search for apostrophes of other kinds.
    kept = set(kept_chars())
    marks = _person._APOSTROPHE_MARKS
    assert not [c for c in marks if c in kept and (c.isalpha() or c in "'-")]


@_SETTINGS
@given(text=st.one_of(person_shapes, person_names, messy_text))
def test_person_word_steps_give_what_the_plain_steps_give(text):
    words = _person._tokens(texts.clean(text))
    assert _person._take_suffixes(words) == reference.take_suffixes(words)
    for word in words:
        assert is_patronymic(word) == tables().is_patronymic(word)
        assert looks_like_family_name(word) == tables().looks_like_family_name(word)


@_SETTINGS
@given(word=st.text(alphabet=st.sampled_from("ǅǈǋǲᾈᾘᾨᾼῌῼaAσςΣДд'-. "), min_size=1, max_size=8))
def test_one_case_with_titlecase_letters_as_letter_by_letter(word):
    assert is_one_case(word) == reference.is_one_case(word)
    assert fix_final_sigma(word) == reference.fix_final_sigma(word)


def test_the_titlecase_letters_are_all_of_them():
    titlecase = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Lt"}
    assert {c for c in titlecase if _TITLECASE.fullmatch(c)} == titlecase
    assert all(unicodedata.category(c) == "Lt" for c in _TITLECASE.pattern[1:-1] if c != "-")

"""The fast paths of names and text give exactly what the general work gives.

Each shortcut (text proved clean and returned as it is, legal forms and
descriptors looked up through the stems of their keys, a whole name proved
to be no written form by its first word) is compared with the plain work it
replaces, on generated names in the shapes the shortcut takes and on junk.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crmcore.standardize import texts
from crmcore.standardize._homoglyphs import may_mix_scripts
from crmcore.standardize._legal_forms import (
    find_descriptor,
    find_forms,
    form_key,
    may_be_written_form,
)
from crmcore.standardize._text_clean import is_clean

from . import names_reference as reference
from .strategies import messy_text
from .strategies_names import company_names, nearly_clean_text, person_names

_SETTINGS = settings(deadline=None, max_examples=400, suppress_health_check=[HealthCheck.too_slow])

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

"""Company names of the common shapes, read in one pass, as the general reading reads them.

``_company_shapes.read`` stands for ``_company.parse`` (and its canonical
text for ``_company.render``) on the shapes it takes, and
``_company_shapes.standardize`` for ``parse`` followed by the rounds of
``canonical``; the word-list searches of ``_form_words`` stand for the text
searches of ``_legal_forms``. Each is compared with what it stands for on
generated names in the shapes (and near them) and on junk.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import _company, texts
from crmcore.standardize._company_shapes import _read_again, read, standardize
from crmcore.standardize._form_words import (
    descriptor_at_start,
    fits,
    form_at_end,
    form_at_start,
    written_key,
)
from crmcore.standardize._legal_forms import (
    _descriptor_index,
    _form_index,
    _from_end,
    _from_start,
    form_key,
    forms,
    may_be_written_form,
    word,
)
from crmcore.standardize._text_clean import canonical_chars, is_clean

from . import names_reference as reference
from .strategies import messy_text
from .strategies_names import company_names, company_shapes, nearly_clean_text

_SETTINGS = settings(deadline=None, max_examples=600, suppress_health_check=[HealthCheck.too_slow])
_COUNTRIES = st.sampled_from([None, "PL", "UA", "RU", "GR", "DE", "GB", "US", "ES", "CZ", "LT"])
_TEXTS = st.one_of(company_shapes, company_names, messy_text)

#: The company names of the record benchmark, each with its record's country.
BENCHMARK_NAMES = [
    ("PHU „Mazur” Sp. z o.o.", "PL"),
    ("Kowalski i Syn S.A.", "PL"),
    ("Stolbud sp. j.", "PL"),
    ("ТОВ «Ромашка»", "UA"),
    ("ПрАТ «Світанок»", "UA"),
    ("ФОП Мельник Я. І.", "UA"),
    ("ООО «Ромашка»", "RU"),
    ("АО «Северсталь»", "RU"),
    ("ИП Смирнов С. В.", "RU"),
    ("Παπαδόπουλος Α.Ε.", "GR"),
    ("Νικολάου Ο.Ε.", "GR"),
    ("Αθηναϊκή Τεχνική Ε.Π.Ε.", "GR"),
    ("Müller & Söhne GmbH", "DE"),
    ("Weiß Logistik AG", "DE"),
    ("Becker KG", "DE"),
    ("Smith & Sons Ltd", "GB"),
    ("Jones Holdings PLC", "GB"),
    ("Thames Traders LLP", "GB"),
    ("Acme Corporation", "US"),
    ("Globex Inc.", "US"),
    ("Initech LLC", "US"),
]


def _general(text: str, country: str | None) -> _company.CompanyName | str:
    """The general reading: parse, then rounds of canonical; or the error code."""
    try:
        value = _company.parse(text, raw=text, country=country)
        return _company.canonical(value, raw=text, country=country)
    except ValidationError as error:
        return error.code


def _parsed(text: str, country: str | None) -> _company.CompanyName | str:
    try:
        return _company.parse(text, raw=text, country=country)
    except ValidationError as error:
        return error.code


def _fields(value: _company.CompanyName) -> tuple[str | None, ...]:
    return (
        value.name,
        value.legal_form,
        value.legal_form_name,
        value.elf_code,
        value.country,
        value.descriptor,
    )


@_SETTINGS
@given(text=_TEXTS, country=_COUNTRIES)
@example(text="ТОВ «Ромашка»", country="UA")
@example(text="ТОВ „Ромашка“", country=None)
@example(text='"Mazur" Sp. z o.o.', country="PL")
@example(text="PHU „Mazur” Sp. z o.o.", country="DE")
@example(text="PHU „Mazur” Sp. z o.o.", country="PL")
@example(text="PPHU „Mazur” Sp. z o.o.", country=None)
@example(text="Sp. z „o.o.”", country=None)
@example(text="ТОВ «PPHU Kowalski»", country=None)
@example(text="P.P.H.U. Kowalski SP. Z O.O.", country=None)
@example(text="Spółka Akcyjna «Kowalski»", country="ES")
@example(text="Foo - GmbH", country=None)
@example(text="'t Hooft GmbH", country=None)
@example(text="«Ромашка» ТОВ", country="UA")
@example(text="ТОВ «Ромашка» ТОВ", country="UA")
@example(text="ФОП Мельник Я. І.", country="UA")
@example(text="PHU „Mazur” S.A.", country="DE")
@example(text="& GmbH", country=None)
@example(text="PPHU 'Kowalski sp. z o.o.", country=None)
@example(text="PPHU Kowalski' sp. z o.o.", country=None)
@example(text="K" + "o" * 159 + " SA", country="PL")
@example(text='ТОВ "Ромашка"', country="UA")
@example(text="Foo „Mazur” GmbH", country="DE")
@example(text="℀ GmbH", country="DE")
@example(text="„ТОВ Ромашка” GmbH", country="DE")
@example(text="„Ромашка ТОВ” GmbH", country="DE")
@example(text="ИП Орлов А.О.", country=None)
@example(text="ФОП «Гончар П. Т.»", country="UA")
@example(text="ПП «Ковальчук П.П.»", country=None)
@example(text="ДП Сидоренко О. Т.", country="UA")
@example(text="Henkel AG u. Co. KGaA", country="DE")
@example(text="Κρητικά Τρόφιμα Μονοπρόσωπη Ε.Π.Ε.", country=None)
def test_a_shape_is_read_as_parse_reads_it(text, country):
    found = read(text, country)
    if found is None:
        return
    parts, rendered, tokens, words = found
    value = _parsed(text, country)
    assert not isinstance(value, str), value
    assert parts == _fields(value)
    assert rendered == _company.render(value)
    assert " ".join(tokens) == value.name
    assert words == [word(token) for token in tokens]
    # The canonical text, read again from the words of the name, as parse reads it.
    for again_in in {country, country or value.country}:
        again = _read_again(rendered, found, again_in)
        if again is not None:
            assert again == _fields(_company.parse(rendered, raw=rendered, country=again_in))


@_SETTINGS
@given(text=_TEXTS, country=_COUNTRIES)
@example(text="Acme Corporation", country="US")
@example(text="Acme Corporation", country="GB")
@example(text="PKN Orlen Spółka Akcyjna", country=None)
@example(text="PKN Orlen Spółka Akcyjna", country="ES")
@example(text="Acme S.A.", country=None)
@example(text='ТОВ "Ромашка"', country="UA")
@example(text="K" + "o" * 159 + " SA", country="PL")
def test_standardize_gives_what_the_general_reading_gives(text, country):
    try:
        fast: _company.CompanyName | str = standardize(text, raw=text, country=country)
    except ValidationError as error:
        fast = error.code
    assert fast == _general(text, country)


@pytest.mark.parametrize(("text", "country"), BENCHMARK_NAMES)
def test_the_common_names_are_read_in_one_pass(text, country):
    # What makes them cheap: the shape is read (and so is the canonical text).
    found = read(text, country)
    assert found is not None
    parts, rendered, _, _ = found
    assert rendered == text or _read_again(rendered, found, country) == parts
    assert standardize(text, raw=text, country=country) == _general(text, country)


@pytest.mark.parametrize(
    "text",
    [
        "Kowalski",  # no form
        "«Ромашка»",  # a quoted name alone
        "ТОВ Ромашка ТОВ",  # a form at each end
        "Kowalski, sp. z o.o.",  # a comma
        "ТОВ «Ромашка» «Світанок»",  # two pairs of marks
        "Sp. z o.o.",  # a form alone
        "PPHU sp. z o.o.",  # a descriptor and a form
        "Foo - GmbH",  # edge punctuation to tidy
        "ТОВ ’Ромашка’",  # single marks
        "Foo GmbH " + "x" * 200,  # longer than any form
    ],
)
def test_other_shapes_take_the_general_way(text):
    assert read(text, None) is None


@_SETTINGS
@given(text=st.one_of(company_shapes, nearly_clean_text))
def test_the_quoted_shape_is_cleaned_as_texts_clean_cleans_it(text):
    # The module's claim: the cleaned text is the text with its pair written '"'.
    marks = {c for c in text if canonical_chars()[ord(c)] == '"' and c != '"'}
    candidate = "".join('"' if c in marks else c for c in text)
    if is_clean(candidate):
        assert texts.clean(text) == candidate


@_SETTINGS
@given(text=st.one_of(company_shapes, nearly_clean_text), cut=st.integers(0, 60))
def test_a_piece_of_clean_text_cut_at_spaces_or_marks_is_clean(text, cut):
    cleaned = texts.clean(text)
    if not is_clean(cleaned):
        return
    cuts = [i for i, c in enumerate(cleaned) if c in ' "']
    if not cuts:
        return
    at = cuts[cut % len(cuts)]
    for piece in (cleaned[:at], cleaned[at + 1 :]):
        piece = piece.strip(' "')  # noqa: PLW2901 - the piece without what it was cut at
        if " " not in piece[:1] + piece[-1:] and '"' not in piece:
            assert texts.clean(piece) == piece


def test_a_canonical_text_with_a_form_that_is_not_plain_is_read_whole():
    # No form of the table has marks or separators in its abbreviation; one that
    # had would have its canonical text read again from the start.
    reading = read("Kowalski GmbH", "DE")
    assert reading is not None
    parts, _, tokens, words = reading
    odd = (parts[0], "Gm, bH", *parts[2:])
    assert _read_again("Kowalski Gm, bH", (odd, "", tokens, words), "DE") is None
    assert _read_again("Kowalski GmbH", (parts, "", tokens, words), "DE") == parts


def test_a_form_is_resolved_among_candidates_of_one_country():
    # No key of the table has several forms of one country; were there two,
    # the first would be taken, with or without the country.
    first, second = forms()[0], attrs.evolve(forms()[0], abbreviation="x")
    assert _company.resolve((first, second), None) is first
    assert _company.resolve((first, second), "ZZ") is first
    other = attrs.evolve(second, country="ZZ")
    assert _company.resolve((first, other), None) is None
    assert _company.resolve((first, other), "ZZ") is other


def _words(text: str) -> list:
    return [word(token) for token in text.split(" ")]


@_SETTINGS
@given(text=st.one_of(company_shapes, company_names, messy_text))
@example(text="PHU Mazur sp. z o.o.")
@example(text="Foo - GmbH")
@example(text="Sp. z o.o. sp.k.")
def test_word_list_searches_are_the_text_searches(text):
    text = " ".join(text.replace(",", " ").replace(";", " ").split())
    if not text or not fits(text, text.count(" ") + 1):
        return
    words = _words(text)
    tokens = text.split(" ")
    index = _form_index()
    for lo in range(len(words)):
        for hi in range(lo + 1, len(words) + 1):
            run = " ".join(tokens[lo:hi])
            at_end = _from_end(run, index["suffix"])
            found = form_at_end(words, lo, hi)
            assert found == (
                None if at_end is None else (at_end[0], lo + run[: at_end[1]].count(" "))
            )
            at_start = _from_start(run, index["prefix"])
            found = form_at_start(words, lo, hi)
            assert found == (
                None if at_start is None else (at_start[0], lo + run[: at_start[1]].count(" ") + 1)
            )
            descriptor = _from_start(run, _descriptor_index())
            found = descriptor_at_start(words, lo, hi)
            assert found == (
                None
                if descriptor is None
                else (descriptor[0], lo + run[: descriptor[1]].count(" ") + 1)
            )
            key = written_key(words, lo, hi)
            if reference.is_written_form(run):
                assert key == form_key(run)
            if key is None:
                assert not may_be_written_form(run) or not reference.is_written_form(run)

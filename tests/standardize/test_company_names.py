import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import company_names
from crmcore.standardize._legal_forms import descriptors, find_forms, forms, quotes_for
from crmcore.standardize.company_names import CompanyName

CORPUS = json.loads((Path(__file__).parent / "data" / "company_names.json").read_text("utf-8"))
COUNTRIES = sorted({f.country for f in forms()})


@pytest.mark.parametrize("case", CORPUS["valid"], ids=lambda c: c["raw"])
def test_valid_corpus(case):
    country = case.get("country_arg")
    company = company_names.validate(case["raw"], country=country)
    assert company.name == case["name"]
    for key in ("legal_form", "country", "elf_code", "descriptor"):
        if key in case:
            assert getattr(company, key) == case[key], key
    if "text" in case:
        assert str(company) == case["text"]
    assert company_names.validate(str(company), country=country or company.country) == company
    assert company_names.is_valid(case["raw"], country=country)


@pytest.mark.parametrize("case", CORPUS["invalid"], ids=lambda c: repr(c["raw"]))
def test_invalid_corpus(case):
    with pytest.raises(ValidationError) as info:
        company_names.validate(case["raw"], country=case.get("country"))
    assert info.value.code == case["code"]
    assert info.value.field == "company_name"
    assert info.value.value == case["raw"] or case["code"].endswith("bad_country")
    assert info.value.hint
    assert not company_names.is_valid(case["raw"], country=case.get("country"))


def test_too_long():
    with pytest.raises(ValidationError) as info:
        company_names.validate("A" * 1001)
    assert info.value.code == "company_name.too_long"


def test_bad_characters_hint_names_the_character():
    with pytest.raises(ValidationError) as info:
        company_names.validate("Acme | Ltd")
    assert "'|'" in info.value.hint


def _written_forms(form):
    return [form.abbreviation, form.name, *form.variants]


@pytest.mark.parametrize("form", forms(), ids=lambda f: f"{f.country}:{f.abbreviation}")
def test_every_form_is_recognised_in_every_spelling(form):
    for written in _written_forms(form):
        for raw in (f"Przykład {written}", f"{written} «Przykład»", f"Przykład, {written.upper()}"):
            if form.detect == ("prefix",) and not raw.startswith(written):
                continue
            company = company_names.validate(raw, country=form.country)
            assert company.legal_form == form.abbreviation, raw
            assert company.country == form.country
            assert company.elf_code == form.elf_code
            assert company.legal_form_name == form.name
            assert company.name == "Przykład"
            assert company_names.validate(str(company), country=form.country) == company


@pytest.mark.parametrize("form", forms(), ids=lambda f: f"{f.country}:{f.abbreviation}")
def test_a_form_alone_is_not_a_name(form):
    with pytest.raises(ValidationError) as info:
        company_names.validate(form.abbreviation, country=form.country)
    assert info.value.code == "company_name.only_legal_form"


def test_canonical_position_and_quotes_follow_the_country():
    for form in forms():
        raw = f"{form.abbreviation} Przykład"
        text = str(company_names.validate(raw, country=form.country))
        if form.position == "suffix":
            assert text == f"Przykład {form.abbreviation}"
        elif form.quote_core:
            opening, closing = quotes_for(form.country)
            assert text == f"{form.abbreviation} {opening}Przykład{closing}"
        else:
            assert text == f"{form.abbreviation} Przykład"


def test_elf_codes_are_iso_20275_shaped():
    for form in forms():
        assert form.elf_code is None or (len(form.elf_code) == 4 and form.elf_code.isalnum())
        assert form.elf_code is not None or form.country in {"UA", "US"} or form.note


def test_ukraine_has_no_elf_codes_and_says_so():
    assert all(f.elf_code is None for f in forms() if f.country == "UA")


def test_ambiguous_abbreviations_need_the_country():
    for raw, countries in [("Acme S.A.", {"PL", "RO", "FR", "ES"}), ("Acme s.r.o.", {"CZ", "SK"})]:
        unresolved = company_names.validate(raw)
        assert unresolved.country is None
        assert unresolved.elf_code is None
        assert unresolved.legal_form_name is None
        for country in countries:
            assert company_names.validate(raw, country=country).country == country
        assert company_names.validate(raw, country="DE").country is None


def test_country_argument_is_case_insensitive():
    assert company_names.validate("Acme S.A.", country=" es ").country == "ES"


@pytest.mark.parametrize("country", COUNTRIES)
def test_examples_are_valid_in_their_country(country):
    text = company_names.example(country)
    company = company_names.validate(text, country=country)
    assert company.country == country
    assert str(company) == text


def test_example_defaults():
    assert company_names.example() == company_names.example("PL")
    assert company_names.example("JP") == company_names.example("PL")


def test_legal_forms_listing():
    assert len(company_names.legal_forms()) == len(forms())
    assert {f.country for f in company_names.legal_forms("ua")} == {"UA"}
    assert company_names.legal_forms("JP") == ()
    with pytest.raises(ValidationError):
        company_names.legal_forms("Ukraine")


def test_every_table_country_is_covered():
    assert set(COUNTRIES) >= {
        "PL", "UA", "RU", "GR", "DE", "GB", "US", "FR", "IT", "ES", "CZ", "SK", "LT", "RO", "BG"
    }  # fmt: skip


def test_descriptors_are_polish_trade_prefixes():
    assert {d.country for d in descriptors()} == {"PL"}
    for descriptor in descriptors():
        company = company_names.validate(f"{descriptor.name} Kowalski")
        assert company.descriptor == descriptor.abbreviation
        assert company.name == "Kowalski"


def test_descriptors_apply_only_to_polish_or_unknown_forms():
    assert company_names.validate("PH Consulting Ltd").descriptor is None
    assert company_names.validate("PH Consulting", country="GB").descriptor is None
    assert company_names.validate("PH Consulting").descriptor == "PH"


def test_format_styles():
    company = company_names.validate("tov romashka")
    assert company_names.format(company) == "ТОВ «romashka»"
    assert company_names.format(company, style="short") == "romashka"
    assert (
        company_names.format(company, style="long")
        == "Товариство з обмеженою відповідальністю «romashka»"
    )
    assert company_names.format("Kowalski sp. z o.o.", style="long") == (
        "Kowalski spółka z ograniczoną odpowiedzialnością"
    )
    assert company_names.format("Kawiarnia", style="long") == "Kawiarnia"
    assert company_names.format("Acme S.A.", style="long") == "Acme S.A."
    with pytest.raises(ValidationError) as info:
        company_names.format(company, style="loud")  # type: ignore[arg-type]
    assert info.value.code == "company_name.bad_style"


def test_value_object():
    company = CompanyName(name="Ромашка", legal_form="ТОВ", country="UA")
    assert str(company) == "ТОВ «Ромашка»"
    assert str(CompanyName(name="Acme", legal_form="Pty Ltd")) == "Acme Pty Ltd"
    with pytest.raises(ValidationError) as info:
        CompanyName(name="  ")
    assert info.value.code == "company_name.empty"
    with pytest.raises(AttributeError):
        company.name = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        CompanyName(name=1)  # type: ignore[arg-type]


def test_quotes_of_every_kind():
    expected = company_names.validate("ТОВ «Ромашка»")
    for quoted in ("«Ромашка»", "„Ромашка“", "“Ромашка”", '"Ромашка"', "'Ромашка'", "„Ромашка”"):
        assert company_names.validate(f"ТОВ {quoted}") == expected, quoted


def test_unpaired_quotes_are_dropped():
    assert company_names.validate("ТОВ «Ромашка").name == "Ромашка"
    assert company_names.validate('Acme" Ltd').name == "Acme"


def test_forms_inside_quotes_belong_to_the_name():
    company = company_names.validate("ТОВ «Альфа ЛТД»")
    assert company.name == "Альфа ЛТД"
    assert find_forms("«Kowalski sp. z o.o.»") == []


# Generated names: any core from the table's scripts, with any form, in any spelling.
_CORES = st.lists(
    st.text(
        alphabet=st.sampled_from("AbcĄęŁóŻРомашкаІїєΑβγδΣς0123 &.-'"),
        min_size=1,
        max_size=8,
    ),
    min_size=1,
    max_size=4,
).map(" ".join)


@settings(deadline=None, max_examples=300)
@given(core=_CORES, form=st.sampled_from(forms()), data=st.data())
def test_generated_names_keep_their_form(core, form, data):
    written = data.draw(st.sampled_from(_written_forms(form)))
    written = data.draw(st.sampled_from([written, written.upper(), written.lower()]))
    raw = data.draw(
        st.sampled_from([f"{core} {written}", f'{written} "{core}"', f"{written} «{core}»"])
    )
    if form.detect == ("prefix",) and not raw.startswith(written):
        raw = f"{written} {core}"
    try:
        company = company_names.validate(raw, country=form.country)
    except ValidationError:
        return  # a core of punctuation only
    assert company_names.validate(str(company), country=form.country) == company


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("PP«HU» Kowalski sp. z o.o.", ("PPHU", "Kowalski", "sp. z o.o.")),
        ("0 K«G»", (None, "0", "KG")),
        ("X K«G» Ltd", (None, "X KG", "Ltd")),
        ("cо SP. Z O.O.", (None, "co", "sp. z o.o.")),
    ],
)
def test_quotes_inside_words(raw, expected):
    company = company_names.validate(raw)
    assert (company.descriptor, company.name, company.legal_form) == expected
    assert company_names.validate(str(company)) == company

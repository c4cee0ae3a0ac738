import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import company_names, texts
from crmcore.standardize._homoglyphs import _twin
from crmcore.standardize._legal_forms import descriptors, find_forms, forms, quotes_for
from crmcore.standardize.company_names import CompanyName

from .support import outcome

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
    assert info.value.value == case["raw"]
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
    # Without a country, or for one without forms, the example is a valid
    # name with a form (the Polish one), which reads back as itself.
    for country in (None, "JP", "BR"):
        text = company_names.example(country)
        company = company_names.validate(text)
        assert company.legal_form is not None
        assert company.country == "PL"
        assert str(company) == text


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
    company = outcome(company_names.validate, raw, country=form.country)
    if isinstance(company, ValidationError) and company.code == "text.mojibake":
        # Random letters of three scripts may read as a wrong decoding: the
        # refusal is the public detector's finding, with its repair.
        assert texts.mojibake(raw) is not None, raw
        return
    if isinstance(company, ValidationError):
        # Only a core without letters or digits (punctuation) is refused.
        assert not any(c.isalnum() for c in core), raw
        assert company.code in {"company_name.no_letters", "company_name.only_legal_form"}
        return
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


# Sole traders and other forms written first, then a person's name with
# initials: the initials are the person's, whatever forms they look like
# (А.О., П.П., И. П., А.Т.).
_SURNAMES = {
    "RU": ["Смирнов", "Кузнецова", "Лебедев", "Новикова", "Морозов", "Волкова", "Павлов"],
    "UA": ["Шевчук", "Бондаренко", "Ткаченко", "Кравчук", "Олійник", "Лисенко", "Мельник"],
}
_INITIAL_LETTERS = {"RU": "АБВГДЕЖЗИКЛМНОПРСТФЭЮЯ", "UA": "АБВГДЕЄЖЗИІЇКЛМНОПРСТФЮЯ"}
_FIRST_FORMS = {"RU": ["ИП", "ООО", "АО", "ПК"], "UA": ["ФОП", "СПД", "ПП", "ДП", "ТОВ"]}


@st.composite
def _persons(draw):
    country = draw(st.sampled_from(sorted(_SURNAMES)))
    letters = st.sampled_from(_INITIAL_LETTERS[country])
    initials = [f"{draw(letters)}." for _ in range(draw(st.integers(2, 3)))]
    spaced = draw(st.sampled_from(["", " "])).join(initials)
    person = f"{draw(st.sampled_from(_SURNAMES[country]))} {spaced}"
    return country, draw(st.sampled_from(_FIRST_FORMS[country])), person


@settings(deadline=None, max_examples=300)
@given(found=_persons())
def test_a_form_first_then_a_persons_initials_keeps_the_initials(found):
    country, written, person = found
    company = company_names.validate(f"{written} {person}")
    assert company.name == person
    assert company.country == country
    form = next(f for f in forms() if f.country == country and written in _written_forms(f))
    assert company.legal_form == form.abbreviation
    assert company_names.validate(str(company)) == company


@pytest.mark.parametrize(
    ("raw", "name", "form"),
    [
        ("ИП Белов О.О.О.", "Белов О.О.О.", "ИП"),
        ("Индивидуальный предприниматель Орлова А. О.", "Орлова А. О.", "ИП"),
        ("ФОП Гончар П. Т.", "Гончар П. Т.", "ФОП"),
        ("Фізична особа-підприємець Савчук А.Т.", "Савчук А.Т.", "ФОП"),
        ("СПД ФО Климченко Д.П.", "Климченко Д.П.", "ФОП"),
        ("ЕТ Петров А.Д.", "Петров А.Д.", "ЕТ"),
    ],
)
def test_sole_traders_are_the_form_and_the_persons_name(raw, name, form):
    company = company_names.validate(raw)
    assert (company.legal_form, company.name) == (form, name)
    assert str(company) == f"{form} {name}"  # a person's name is not quoted


def test_initials_alone_after_a_name_are_still_a_form():
    # Without a form first, the end is read as a form: ИП/АО with dots is
    # how forms are written after a name too.
    company = company_names.validate("Ромашка А.О.")
    assert (company.name, company.legal_form) == ("Ромашка", "АО")


def _latin_lookalike(text):
    """``text`` with each Greek or Cyrillic letter that has a Latin twin written in Latin."""
    return "".join((_twin(c, "Latin") or c) if c.isalpha() else c for c in text)


def _lookalike_forms(country):
    found = []
    for form in forms():
        if form.country != country:
            continue
        for written in (form.abbreviation, *form.variants):
            latin = _latin_lookalike(written)
            mixed = "".join(
                latin[i] if i % 2 == 0 else written[i] for i in range(len(written))
            )  # every other letter: a form written half in each script
            found.extend((form, variant) for variant in sorted({latin, mixed} - {written}))
    return found


_GREEK_NAMES = ["Ολυμπιακή Ζυθοποιία", "Αιγαίο Τουρισμός", "Ιωνικά Λάδια", "Πήγασος"]
_CYRILLIC_NAMES = {"RU": ["Северный Ветер", "Жёлтый Дом"], "UA": ["Золотий Колос", "Їжак Груп"]}


@settings(deadline=None, max_examples=300)
@given(data=st.data())
def test_a_form_in_look_alike_letters_is_read_in_the_script_of_the_name(data):
    country = data.draw(st.sampled_from(["GR", "RU", "UA"]))
    candidates = _lookalike_forms(country)
    form, written = data.draw(st.sampled_from(candidates))
    names = _GREEK_NAMES if country == "GR" else _CYRILLIC_NAMES[country]
    name = data.draw(st.sampled_from(names))
    if form.detect == ("prefix",) or (form.position == "prefix" and data.draw(st.booleans())):
        raw = f"{written} «{name}»"
    else:
        raw = f"{name} {written}"
    company = company_names.validate(raw, country=country)
    assert company.legal_form == form.abbreviation, raw
    assert company.name == name
    assert company_names.validate(str(company), country=country) == company


def test_look_alike_letters_are_not_read_in_a_name_of_their_own_script():
    # A Latin name: "A.E." is no Greek form, and its letters stay Latin.
    company = company_names.validate("Olympus Trading A.E.")
    assert company.legal_form is None
    assert company.name.isascii()
    # A Greek name ending in a Latin word that is no form keeps that word.
    company = company_names.validate("Ολυμπος ABC")
    assert company.name == "Ολυμπος ABC"
    assert company.legal_form is None


_PARTNERS = ["GmbH", "AG", "SE", "Stiftung", "UG (haftungsbeschränkt)", "KGaA"]
_ANDS = ["&", "u.", "und", "+"]
_PARTNERSHIPS = ["KG", "KGaA", "OHG"]


@settings(deadline=None, max_examples=200)
@given(
    partner=st.sampled_from(_PARTNERS),
    joined=st.sampled_from(_ANDS),
    partnership=st.sampled_from(_PARTNERSHIPS),
    name=st.sampled_from(["Möbelhaus Weber", "Schäfer Logistik", "Brandt", "Zimmermann & Söhne"]),
)
def test_german_compound_forms_are_one_form(partner, joined, partnership, name):
    canonical = f"{partner} & Co. {partnership}"
    known = {f.abbreviation: f for f in forms() if f.country == "DE"}
    if canonical not in known:
        return  # not a form the code list knows (UG (haftungsbeschränkt) & Co. OHG)
    company = company_names.validate(f"{name} {partner} {joined} Co. {partnership}")
    assert company.legal_form == canonical
    assert company.name == name
    assert company.elf_code == known[partnership].elf_code  # the code of the partnership
    assert company_names.validate(str(company)) == company


@pytest.mark.parametrize(
    ("raw", "form"),
    [
        ("Κρητικά Τρόφιμα Μονοπρόσωπη Ι.Κ.Ε.", "Μ.Ι.Κ.Ε."),
        ("Κρητικά Τρόφιμα ΜΟΝΟΠΡΟΣΩΠΗ ΙΚΕ", "Μ.Ι.Κ.Ε."),
        ("Κρητικά Τρόφιμα Μ.Ι.Κ.Ε.", "Μ.Ι.Κ.Ε."),
        ("Κρητικά Τρόφιμα Μ.Ε.Π.Ε.", "Μ.Ε.Π.Ε."),
        ("Κρητικά Τρόφιμα Μονοπρόσωπη Ε.Π.Ε.", "Μ.Ε.Π.Ε."),
        ("Κρητικά Τρόφιμα μονοπρόσωπη εταιρεία περιορισμένης ευθύνης", "Μ.Ε.Π.Ε."),
        ("Κρητικά Τρόφιμα ΜΕΠΕ", "Μ.Ε.Π.Ε."),
    ],
)
def test_single_member_greek_forms(raw, form):
    company = company_names.validate(raw)
    assert (company.name, company.legal_form, company.country) == ("Κρητικά Τρόφιμα", form, "GR")
    single = next(f for f in forms() if f.abbreviation == form)
    plain = next(f for f in forms() if f.abbreviation == form.removeprefix("Μ."))
    assert single.elf_code == plain.elf_code  # the code list has no entry of its own


def test_the_forms_people_write_in_the_home_markets_are_known():
    written = {
        "PL": ["sp. z o.o.", "sp.j.", "sp.k.", "S.K.A.", "P.S.A.", "s.c.", "S.A.", "sp.p."],
        "UA": ["ТОВ", "ТзОВ", "ПП", "ФОП", "ПрАТ", "ПАТ", "АТ", "КП", "ДП", "СПД", "ТДВ"],
        "RU": ["ООО", "АО", "ПАО", "ЗАО", "ОАО", "ИП", "НКО", "АНО", "НАО", "ГУП", "МУП"],
        "GR": ["Α.Ε.", "Ε.Π.Ε.", "Ο.Ε.", "Ε.Ε.", "Ι.Κ.Ε.", "Μ.Ι.Κ.Ε.", "Μ.Ε.Π.Ε."],
    }
    for country, abbreviations in written.items():
        for abbreviation in abbreviations:
            raw = (
                f"{abbreviation} «Приклад»"
                if country in {"UA", "RU"}
                else f"Przykład {abbreviation}"
            )
            company = company_names.validate(raw, country=country)
            assert company.country == country, raw
            assert company.legal_form_name, raw


def test_look_alike_reading_takes_long_hostile_text_quickly():
    started = time.perf_counter()
    for raw in ("Ολυμπος " + "A.E. " * 190, "AO " * 330, "Ж" + " O" * 490, "Ολυμπος " + "EП" * 490):
        found = outcome(company_names.validate, raw)
        assert isinstance(found, CompanyName) or found.code.startswith("company_name."), raw
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize(
    ("raw", "name", "form"),
    [
        ('KG "A A"', "A A", "KG"),
        ("GmbH & Co. KG «A A»", "A A", "GmbH & Co. KG"),
        ("ТОВ «Т О В»", "Т О В", "ТОВ"),
        ('Sp. z o.o. "S A"', "S A", "sp. z o.o."),
    ],
)
def test_a_quoted_name_is_never_read_as_a_legal_form(raw, name, form) -> None:
    # KG A A folds to the key of KGaA, and Т О В to that of ТОВ: the quotes
    # say they are the name.
    company = company_names.validate(raw)
    assert (company.name, company.legal_form) == (name, form)


@pytest.mark.parametrize(
    "raw",
    ['ET" т', 'AE" Ολυμπος', 'TOB" Сонечко', 'Ολυμπος "AE', 'OOO" Ромашка', 'Ромашка "OOO'],
)
def test_a_name_holding_a_form_in_lookalike_letters_is_quoted_to_read_back(raw: str) -> None:
    # A quotation mark kept the look-alike form from being read as one; the
    # canonical text, without it, would read it as the form of the name's
    # script (ЕТ, ΑΕ, ТОВ): it is quoted, and reads back as the same value.
    company = company_names.validate(raw)
    assert company_names.validate(str(company)) == company


@pytest.mark.parametrize("raw", ["aАБ“X", "aАБ“X ТОВ"])
def test_a_name_whose_repair_reads_as_garbled_is_refused_as_garbled(raw: str) -> None:
    # The look-alike letters repaired, the text reads as KOI8-R decoded as
    # Windows-1251: the value could not be read again, so it is not accepted.
    with pytest.raises(ValidationError) as caught:
        company_names.validate(raw)
    assert caught.value.code == "text.mojibake"
    assert caught.value.value == raw

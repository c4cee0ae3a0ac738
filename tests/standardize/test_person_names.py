import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import person_names
from crmcore.standardize._name_case import fix_final_sigma, recase
from crmcore.standardize._name_tables import tables
from crmcore.standardize.person_names import PersonName

CORPUS = json.loads((Path(__file__).parent / "data" / "person_names.json").read_text("utf-8"))
PARTS = ("given", "middle", "patronymic", "family", "title", "suffix")


def test_public_surface():
    assert person_names.__all__ == [
        "FIELD",
        "PersonName",
        "example",
        "format",
        "is_valid",
        "validate",
    ]
    assert person_names.FIELD == "person_name"


@pytest.mark.parametrize("case", CORPUS["valid"], ids=lambda c: c["raw"])
def test_valid_corpus(case):
    locale = case.get("locale")
    name = person_names.validate(case["raw"], locale=locale)
    for part in PARTS:
        if part in case:
            assert getattr(name, part) == case[part], part
    if "text" in case:
        assert str(name) == case["text"]
        assert name.full == case["text"]
    assert person_names.validate(str(name), locale=locale) == name
    assert person_names.is_valid(case["raw"], locale=locale)


@pytest.mark.parametrize("case", CORPUS["invalid"], ids=lambda c: repr(c["raw"]))
def test_invalid_corpus(case):
    with pytest.raises(ValidationError) as info:
        person_names.validate(case["raw"], locale=case.get("locale"))
    assert info.value.code == case["code"]
    assert info.value.field == "person_name"
    assert info.value.hint
    assert not person_names.is_valid(case["raw"], locale=case.get("locale"))


def test_too_long():
    with pytest.raises(ValidationError) as info:
        person_names.validate("Jan " * 300)
    assert info.value.code == "person_name.too_long"


def test_digits_are_named_in_the_hint():
    with pytest.raises(ValidationError) as info:
        person_names.validate("Jan 3")
    assert "no digits" in info.value.hint


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("KOWALSKI", "Kowalski"),
        ("o'brien", "O'Brien"),
        ("D'ANGELO", "D'Angelo"),
        ("МАР'ЯНА", "Мар'яна"),
        ("mcdonald", "McDonald"),
        ("MACDONALD", "MacDonald"),
        ("MACHADO", "Machado"),
        ("McDonald", "McDonald"),
        ("DiCaprio", "DiCaprio"),
        ("deVries", "deVries"),
        ("KOWALSKA-NOWAK", "Kowalska-Nowak"),
        ("римский-корсаков", "Римский-Корсаков"),
        ("j.f.", "J.F."),
        ("ΠΑΠΑΔΟΠΟΥΛΟΣ", "Παπαδοπουλος"),
        ("Παπαδόπουλοσ", "Παπαδόπουλος"),
        ("ΟΔΥΣΣΕΑΣ", "Οδυσσεας"),
        ("łukasz", "Łukasz"),
        ("ÇELİK", "Çeli̇k"),
    ],
)
def test_recase(word, expected):
    assert recase(word, first=False) == expected


def test_particles_are_small_inside_a_name_only():
    assert recase("VAN", first=False) == "van"
    assert recase("VAN", first=True) == "Van"
    assert recase("Van", first=False) == "Van"


def test_final_sigma():
    assert fix_final_sigma("Οδυςςεύς") == "Οδυσσεύς"
    assert fix_final_sigma("σ") == "σ"  # a lone letter is no word end


def test_titles_follow_the_locale():
    raw = "dr Jan Kowalski"
    assert person_names.validate(raw).title == "Dr"
    assert person_names.validate(raw, locale="pl").title == "dr"
    assert person_names.validate(raw, locale="de_DE").title == "Dr."
    assert person_names.validate(raw, locale="PL").title == "dr"


def test_a_title_alone_stays_a_name():
    name = person_names.validate("Pan")
    assert name.given == "Pan"
    assert name.title is None


def test_every_title_and_suffix_of_the_table_is_moved_out():
    t = tables()
    for canonical in {title for title, _by_language in t.titles.values()}:
        name = person_names.validate(f"{canonical} Anna Nowak")
        assert name.title == canonical, canonical
        assert (name.given, name.family) == ("Anna", "Nowak")
    for suffix in set(t.suffixes.values()):
        name = person_names.validate(f"Anna Nowak {suffix}")
        assert name.suffix == suffix
        assert (name.given, name.family) == ("Anna", "Nowak")


def test_format_styles():
    name = person_names.validate("prof. Іванов Іван Петрович")
    assert person_names.format(name) == "Prof. Іван Петрович Іванов"
    assert person_names.format(name, style="formal") == "Іванов, Іван Петрович"
    assert person_names.format(name, style="family_first") == "Іванов Іван Петрович"
    assert person_names.format(name, style="short") == "Іван Іванов"
    assert person_names.format("Anna", style="formal") == "Anna"
    assert person_names.format("Pan Kowalski", style="formal") == "Kowalski"
    with pytest.raises(ValidationError) as info:
        person_names.format(name, style="loud")  # type: ignore[arg-type]
    assert info.value.code == "person_name.bad_style"


def test_examples():
    for country in ("PL", "UA", "RU", "GR", "DE", "GB", "US", "BG"):
        assert person_names.is_valid(person_names.example(country))
    assert person_names.example() == person_names.example("PL")
    assert person_names.example("jp") == person_names.example("PL")


def test_value_object():
    name = PersonName(given="Jan", family="Kowalski", title="dr")
    assert str(name) == "dr Jan Kowalski"
    assert str(PersonName(family="Kowalski")) == "Kowalski,"
    with pytest.raises(ValidationError) as info:
        PersonName(title="Dr")
    assert info.value.code == "person_name.empty"
    with pytest.raises(ValidationError) as info:
        PersonName(given="   ")
    assert info.value.code == "person_name.bad_part"
    with pytest.raises(AttributeError):
        name.given = "Anna"  # type: ignore[misc]


def test_a_family_name_alone_is_kept_after_a_title():
    name = person_names.validate("Pan Kowalski")
    assert (name.given, name.family) == (None, "Kowalski")
    assert person_names.validate(str(name)) == name


# Generated names: parts in each script, written in each order and case.
_SCRIPTS = {
    "Latn": ("Jan", "Anna", "Piotr", "Zofia", "Hans", "Mary"),
    "Latn-family": ("Kowalski", "Nowak", "Müller", "Smith", "Wiśniewska", "O'Neill"),
    "Cyrl": ("Іван", "Олена", "Сергій", "Иван", "Мария", "Дмитрий"),
    "Cyrl-family": ("Шевченко", "Коваленко", "Петров", "Смирнова", "Бондар", "Мельник"),
    "Cyrl-patronymic": ("Петрович", "Іванівна", "Андрійович", "Сергеевна", "Ильич"),
    "Grek": ("Γιώργος", "Μαρία", "Νίκος", "Ελένη"),
    "Grek-family": ("Παπαδόπουλος", "Οικονόμου", "Γεωργίου", "Παπαδάκης"),
}


@st.composite
def names(draw):
    script = draw(st.sampled_from(["Latn", "Cyrl", "Grek"]))
    given = draw(st.sampled_from(_SCRIPTS[script]))
    family = draw(st.sampled_from(_SCRIPTS[f"{script}-family"]))
    patronymic = None
    if script == "Cyrl":
        patronymic = draw(st.none() | st.sampled_from(_SCRIPTS["Cyrl-patronymic"]))
    return given, patronymic, family


@settings(deadline=None, max_examples=300)
@given(parts=names(), order=st.sampled_from(["natural", "family_first", "formal"]), data=st.data())
def test_generated_names_are_split_right(parts, order, data):
    given_name, patronymic, family = parts
    words = {
        "natural": [given_name, patronymic, family],
        "family_first": [family, given_name, patronymic],
        "formal": [f"{family},", given_name, patronymic],
    }[order]
    raw = " ".join(w for w in words if w)
    raw = data.draw(st.sampled_from([raw, raw.upper(), raw.lower()]))
    name = person_names.validate(raw)
    assert person_names.validate(str(name)) == name
    # Family first is recognised by a patronymic at the end (or by capitals).
    recognisable = order != "family_first" or patronymic
    if recognisable and not (raw.islower() or raw.isupper()):
        assert (name.given, name.patronymic, name.family) == parts


@pytest.mark.parametrize(
    ("raw", "parts"),
    [
        ("Jan Kowalski,", ("Jan", "Kowalski", None)),
        (", Jan Kowalski", ("Jan", "Kowalski", None)),
        ("Jan Kowalski, , Jr.", ("Jan", "Kowalski", "Jr.")),
        ("van der Berg", (None, "Van der Berg", None)),
    ],
)
def test_stray_commas_and_particles(raw, parts):
    name = person_names.validate(raw)
    assert (name.given, name.family, name.suffix) == parts
    assert person_names.validate(str(name)) == name


def test_recasing_that_changes_script_settles():
    # A small micro sign upper-cases to a Greek capital Mu, a look-alike of M.
    name = person_names.validate("µb")
    assert name.given == "Mb"
    assert person_names.validate(str(name)) == name

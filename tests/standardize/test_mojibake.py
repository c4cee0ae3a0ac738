"""Mojibake: text read with the wrong encoding is found, real text never is.

Two sides of one rule. Real text of the alphabets of our markets (and their
neighbours) is never taken for mojibake, however rare its letters; text
written in one encoding and read in another is found, and repaired to what
was written, for every misreading the module looks for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import addresses, company_names, person_names, standardize_record, texts

if TYPE_CHECKING:
    from crmcore._i18n import Message

# Real text, with the rare letters of each alphabet, and real signs.
REAL_TEXT = [
    # Polish
    "Źdźbło trawy",
    "Gżegżółka",
    "ŻÓŁTY",
    "Chrząszcz brzmi w trzcinie",
    "Ósemka",
    "DÓŁ",
    "Mąż i żona",
    "Łaźnia Miejska",
    "Świętokrzyskie",
    "ul. Żwirki i Wigury 1",
    "Bożydar Ćwikła",
    "JAŹŃ",
    "Częstochowa",
    "Sp. z o.o.",
    # Czech and Slovak
    "Příliš žluťoučký kůň úpěl ďábelské ódy",
    "Řeřicha",
    "Ústí nad Labem",
    "ČÁST",
    "Ľudovít Štúr",
    "Kôň",
    "Ĺ",
    "Ŕ",
    "Ďumbier",
    "Vŕšok",
    # German
    "Übergrößenträger",
    "Müßiggang",
    "ÄRGER",
    "Öl",
    "Fußgängerübergänge",
    "Weißenfels",
    # Greek
    "Ηράκλειο",
    "ΠΕΙΡΑΙΑΣ",
    "Ευάγγελος Παπαδάκης",
    "ψυχή",
    "Άρτα",
    "Ζάκυνθος",
    "ΑΕ «Όμιλος»",
    # Ukrainian and Russian
    "Ґудзик",
    "Їжакевич",
    "Єнакієве",
    "ЇЖАК",
    "Знам'янка",
    "Сім’я",
    "ПрАТ «Оболонь»",
    "ТзОВ «Львівхолод»",
    "ФОП Петренко",
    "Подъезд",
    "Объём",
    "Щёлково",
    "ЗАО «Эльбрус»",
    "Ыныкчан",
    "Ёжиков",
    # Belarusian, Serbian, Bulgarian
    "Беларусь, Ўладзімір",
    "Ђорђевић",
    "Његош",
    "Ћирилица",
    "Търговище",
    # French, Turkish, Hungarian, Romanian, Spanish, Portuguese, Nordic, Baltic
    "Œuvre",
    "L'Haÿ-les-Roses",
    "Île-de-France",
    "Garçon",
    "ÉTÉ",
    "Noël",
    "Şişli",
    "Ağrı",
    "Gümüşhane",
    "IĞDIR",
    "İzmir",
    "Hódmezővásárhely",
    "Tűzoltó",
    "Győr",
    "Timișoara",
    "ÎNTREPRINDERE",
    "Brașov",
    "Ñandú",
    "Peña",
    "São Gonçalo",
    "Coração",
    "Þórshöfn",
    "Ísafjörður",
    "Ærø",
    "Åsa Öberg",
    "Šiauliai",
    "Rīga",
    "Pärnu",
    "Kuressaare",
    # English and US
    "Zoë Brontë",
    "Renée O’Connor",
    "Café Royal",
    "naïve",
    # Signs, quotes, dashes
    "50 m²",
    "№ 5",
    "© 2024 Acme Ltd",
    "€ 10,50",
    "Ø 20 mm",
    "½ kg",
    "10 µm",
    "§ 3 ust. 2",
    "25 °C",
    "Kowalska–Nowak",
    "„Społem”",
    "«Ромашка»",
    "»Der Spiegel«",
    "±5%",
    "Nº 12",
    "ТОВ «Ромашка» i Jan Kowalski",
    "Kyiv – Київ – Киев",
    # Short words of plain letters that a UTF-8 letter would also give (ГЄ for ê).
    "ГЄ",
    "ТОВ ГЄ",
    "ЄС",
    "Гі",
    "Ελληνική Εταιρεία Ltd",
]

# Names and places of our markets, other than those of the documentation.
CYRILLIC = [
    "Остап Вишня",
    "Тернопіль, вул. Руська 5",
    "Ірина Ґудзь-Їжакевич",
    "Юлія Євтушенко",
    "Петров Сергей Николаевич",
    "Екатеринбург",
    "ООО «Северный ветер»",
    "ТОВ «Агрофірма Світанок»",
    "Объединённые Машиностроительные Заводы",
    "Запоріжжя",
    "Щёлково, Московская область",
    "ПрАТ «Київстар»",
    "ЧЕРНІГІВ",
    "Владивосток",
]
GREEK = [
    "Μαρία Κωνσταντίνου",
    "Ηράκλειο Κρήτης",
    "Θεσσαλονίκη",
    "ΗΡΑΚΛΕΙΟ",
    "Γεώργιος Παπανικολάου",
    "Οδός Ερμού 25, Αθήνα",
    "ΑΕ «Ελληνικά Πετρέλαια»",
]
LATIN = [
    "Wrocław", "Bożena Wiśniewska", "Jürgen Weiß", "Düsseldorf", "Antonín Dvořák",
    "Zoë Brontë", "Renée O’Connor", "Şişli, İstanbul", "Gdańsk, ul. Długa 12", "Øresund Ærø",
]  # fmt: skip
UTF8_MISREADINGS = [("utf-8", codec) for codec in ("cp1252", "latin-1", "cp1250", "cp1251")]
MISREADINGS = {
    "Cyrillic": [
        *UTF8_MISREADINGS,
        *(("cp1251", codec) for codec in ("cp1250", "cp1252", "latin-1")),
        ("koi8-r", "cp1251"),
        ("koi8-u", "cp1251"),
    ],
    "Greek": [*UTF8_MISREADINGS, *(("cp1253", codec) for codec in ("cp1252", "cp1250", "latin-1"))],
    "Latin": UTF8_MISREADINGS,
}


def _garbled_cases() -> list[tuple[str, str, str]]:
    cases = []
    for script, written in (("Cyrillic", CYRILLIC), ("Greek", GREEK), ("Latin", LATIN)):
        for text in written:
            for encoding, read_as in MISREADINGS[script]:
                try:
                    text.encode(encoding).decode(read_as)
                except UnicodeError:
                    continue  # this text cannot be misread so (a letter the codec lacks)
                cases.append((text, encoding, read_as))
    return cases


GARBLED = _garbled_cases()


@pytest.mark.parametrize("text", REAL_TEXT)
def test_real_text_is_never_mojibake(text: str) -> None:
    assert texts.mojibake(text) is None
    assert texts.validate(text) == texts.clean(text)


def test_every_misreading_is_exercised() -> None:
    assert {(e, r) for _, e, r in GARBLED} == {pair for p in MISREADINGS.values() for pair in p}
    assert len(GARBLED) > 100


@pytest.mark.parametrize(("text", "encoding", "read_as"), GARBLED)
def test_misread_text_is_found_and_repaired(text: str, encoding: str, read_as: str) -> None:
    garbled = text.encode(encoding).decode(read_as)
    found = texts.mojibake(garbled)
    assert found is not None
    assert found.text == garbled
    assert found.repaired == text
    # The reading named gives the garbled text: it may be another than the
    # one made here where both read alike (ISO-8859-1 and Windows-1252 most
    # bytes, KOI8-R and KOI8-U every Russian letter).
    assert text.encode(found.encoding).decode(found.read_as) == garbled


@pytest.mark.parametrize(("text", "encoding", "read_as"), GARBLED)
def test_validate_refuses_misread_text_with_the_repair_in_the_hint(
    text: str, encoding: str, read_as: str
) -> None:
    garbled = text.encode(encoding).decode(read_as)
    with pytest.raises(ValidationError) as info:
        texts.validate(garbled)
    error = info.value
    assert (error.code, error.field, error.value) == ("text.mojibake", "text", garbled)
    hint: Message = error.hint  # type: ignore[assignment]
    assert hint.params["repaired"] == text
    assert text in hint


def test_greek_capitals_misread_as_latin_may_also_read_as_cyrillic() -> None:
    # Both alphabets are plausible for capitals without vowels' help: the
    # other reading is offered, never dropped.
    found = texts.mojibake("ΠΑΤΡΑ ΑΧΑΪΑΣ".encode("cp1253").decode("cp1252"))
    assert found is not None
    assert "ΠΑΤΡΑ ΑΧΑΪΑΣ" in {found.repaired, *found.alternatives}


# Alphabets of real languages, written here independently of the package data.
ALPHABETS = {
    "pl": "aąbcćdeęfghijklłmnńoóprsśtuwyzźż",
    "cs": "aábcčdďeéěfghiíjklmnňoópqrřsštťuúůvwxyýzž",
    "de": "aäbcdefghijklmnoöpqrsßtuüvwxyz",
    "fr": "aàâæbcçdeéèêëfghiîïjklmnoôœpqrstuùûüvwxyÿz",
    "tr": "abcçdefgğhıijklmnoöprsştuüvyz",
    "hu": "aábcdeéfghiíjklmnoóöőpqrstuúüűvwxyz",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "el": "αάβγδεέζηήθιίϊκλμνξοόπρσςτυύϋφχψωώ",
}


@st.composite
def real_alphabet_text(draw: st.DrawFn) -> str:
    letters = ALPHABETS[draw(st.sampled_from(sorted(ALPHABETS)))]
    words = draw(
        st.lists(st.text(alphabet=letters, min_size=1, max_size=14), min_size=1, max_size=6)
    )
    shaped = [
        draw(st.sampled_from([word, word.upper(), word[:1].upper() + word[1:]])) for word in words
    ]
    # Quotes in pairs: a letter before a closing quote that closes nothing
    # (Ä») is also what UTF-8 read as Windows-1252 makes of Ļ.
    quoted = [draw(st.sampled_from([word, f"«{word}»", f"„{word}“"])) for word in shaped]
    separators = draw(st.lists(st.sampled_from([" ", ", ", " - "]), min_size=len(quoted)))
    return "".join(s + w for s, w in zip(separators, quoted, strict=False)).strip()


@settings(max_examples=500, deadline=None)
@given(real_alphabet_text())
def test_words_of_one_real_alphabet_are_never_mojibake(text: str) -> None:
    assert texts.mojibake(text) is None


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(CYRILLIC + GREEK + LATIN), min_size=1, max_size=3),
    reading=st.sampled_from(UTF8_MISREADINGS),
)
def test_any_names_misread_from_utf8_are_repaired(
    words: list[str], reading: tuple[str, str]
) -> None:
    text = "; ".join(words)
    encoding, read_as = reading
    try:
        garbled = text.encode(encoding).decode(read_as)
    except UnicodeError:
        return  # a letter the codec lacks: no file could hold this misreading
    found = texts.mojibake(garbled)
    assert found is not None
    assert found.repaired == text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_repair_reads_back_to_the_text(text: str) -> None:
    found = texts.mojibake(text)
    if found is not None:
        assert found.repaired.encode(found.encoding).decode(found.read_as) == found.text
        assert texts.mojibake(found.repaired) is None


class TestArguments:
    def test_text_over_the_limit_is_refused(self) -> None:
        with pytest.raises(ValidationError) as info:
            texts.mojibake("Ð¨ÐµÐ²Ñ‡ÐµÐ½ÐºÐ¾ " * 100)
        assert info.value.code == "text.too_long"

    @pytest.mark.parametrize("raw", [None, 42, b"\xd0\xa8", ["Ęčżâ"]])
    def test_not_text_is_refused(self, raw: object) -> None:
        with pytest.raises(ValidationError) as info:
            texts.mojibake(raw)  # type: ignore[arg-type]
        assert info.value.code == "text.not_text"


GARBLED_ROW = {
    "Nazwa firmy": "ТОВ «Світанок»".encode("cp1251").decode("cp1252"),
    "Imię i nazwisko": "Bożena Wiśniewska".encode().decode("cp1252"),
    "Miasto": "Тернопіль".encode("cp1251").decode("cp1250"),
    "Adres": "Οδός Ερμού 25".encode().decode("latin-1"),
    "Kraj": "Ελλάδα".encode().decode("cp1250"),
    "E-mail": "jürgen.weiss@example.de".encode().decode("cp1252"),
    "Uwagi": "Шевченко Тарас".encode("koi8-r").decode("cp1251"),
    "Telefon": "601 234 567",
    "NIP": "526-000-12-46",
}


class TestRecords:
    """Every text field of a record reports mojibake; the other fields are kept."""

    def test_each_garbled_field_has_its_issue_and_keeps_its_value(self) -> None:
        record = standardize_record(GARBLED_ROW, country="PL")
        garbled = set(GARBLED_ROW) - {"Telefon", "NIP"}
        assert set(record.rejected) == garbled
        for key in garbled:
            (issue,) = record.issues[key]
            assert (issue.code, issue.field, issue.value) == (
                "text.mojibake",
                key,
                GARBLED_ROW[key],
            )
            assert record.values[key] == GARBLED_ROW[key]
        assert str(record.values["Telefon"]) == "+48601234567"

    def test_the_hint_carries_the_repair_in_every_language(self) -> None:
        repairs = {
            "Nazwa firmy": "ТОВ «Світанок»",
            "Imię i nazwisko": "Bożena Wiśniewska",
            "Miasto": "Тернопіль",
            "Uwagi": "Шевченко Тарас",
        }
        for locale in (None, "pl", "uk", "ru", "el", "de"):
            record = standardize_record(GARBLED_ROW, country="PL", locale=locale)
            for key, repaired in repairs.items():
                (issue,) = record.issues[key]
                assert issue.hint is not None
                assert repaired in issue.hint

    def test_the_same_row_written_right_is_accepted(self) -> None:
        row = {
            "Nazwa firmy": "ТОВ «Світанок»",
            "Imię i nazwisko": "Bożena Wiśniewska",
            "Miasto": "Тернопіль",
            "Uwagi": "Шевченко Тарас",
            "Telefon": "601 234 567",
        }
        assert standardize_record(row, country="PL").ok


# The text-bearing families refuse garbled text when called directly, as the
# record does: a name or an address read with the wrong encoding is never kept.
DIRECT = [
    (person_names.validate, "person_name", "Остап Вишня"),
    (person_names.validate, "person_name", "Γεώργιος Παπανικολάου"),
    (person_names.validate, "person_name", "Bożena Wiśniewska"),
    (company_names.validate, "company_name", "ТОВ «Агрофірма Світанок»"),
    (company_names.validate, "company_name", "ООО «Северный ветер»"),
    (addresses.validate, "address", "Тернопіль, вул. Руська 5"),
    (addresses.validate, "address", "Οδός Ερμού 25, Αθήνα"),
    (addresses.validate, "address", "Gdańsk, ul. Długa 12"),
    (lambda v: addresses.validate({"locality": v}), "address.locality", "Запоріжжя"),
    (lambda v: addresses.validate({"street": v}), "address.street", "Οδός Ερμού 25"),
]


def _direct_cases() -> list[tuple[object, str, str, str]]:
    cases = []
    for validate, field, text in DIRECT:
        for encoding, read_as in (("utf-8", "cp1252"), ("cp1251", "cp1250"), ("cp1253", "cp1252")):
            try:
                garbled = text.encode(encoding).decode(read_as)
            except UnicodeError:
                continue  # a letter the codecs lack: this text cannot be misread so
            cases.append((validate, field, text, garbled))
    return cases


DIRECT_CASES = _direct_cases()


@pytest.mark.parametrize(("validate", "field", "text", "garbled"), DIRECT_CASES)
def test_names_and_addresses_refuse_misread_text(validate, field, text, garbled) -> None:
    with pytest.raises(ValidationError) as info:
        validate(garbled)
    assert (info.value.code, info.value.field) == ("text.mojibake", field)
    assert info.value.hint.params["repaired"] == text  # type: ignore[union-attr]
    validate(text)  # the text itself is read


@pytest.mark.parametrize("garbled", ["¹ÀÀÒ", "ÑÛ¹Ò", "ÝÖÒ¹Ë", "ÔÕ¹ÊÒÁ", "ÊÔÍÏ¹Ò", "Í¹ÑÒ"])
@pytest.mark.parametrize("shape", [str, lambda text: {"street": text}])
def test_an_address_whose_canonical_text_reads_as_garbled_is_refused(garbled, shape) -> None:
    # In capitals the text is no misreading the check knows (Windows-1253 has
    # no letter for some of these bytes); re-cased, it is Windows-1253 read as
    # Windows-1252. Accepting it would store a value that cannot be read again.
    raw = shape(garbled)
    with pytest.raises(ValidationError) as info:
        addresses.validate(raw)
    assert (info.value.code, info.value.field, info.value.value) == (
        "text.mojibake",
        "address",
        raw,
    )


@pytest.mark.parametrize("garbled", ["þþâ", "ÞÄÞ", "ýñý Üþü"])
def test_a_person_name_whose_canonical_text_reads_as_garbled_is_refused(garbled: str) -> None:
    # Re-cased (Þþâ), these are Windows-1251 read as Windows-1252 (Юют).
    with pytest.raises(ValidationError) as info:
        person_names.validate(garbled)
    assert (info.value.code, info.value.field, info.value.value) == (
        "text.mojibake",
        "person_name",
        garbled,
    )


@pytest.mark.parametrize("text", ["a «Ä» a", "«Ö»", "„Ü“ und „Ä”", "(É) é"])
def test_a_quoted_letter_is_not_taken_for_a_misread_one(text: str) -> None:
    assert texts.mojibake(text) is None


def test_a_letter_before_a_quote_that_closes_nothing_may_be_a_misread_one() -> None:
    # Ä» is UTF-8 of Ļ read as Windows-1252: without the opening quote the
    # text is as likely garbled as not, and it is flagged, not guessed.
    found = texts.mojibake("Lielupe Ä» iela")
    assert found is not None
    assert found.repaired == "Lielupe Ļ iela"


@pytest.mark.parametrize("text", ["ûÀÀÌ", "ÛÀÀÌ Û"])
def test_a_repair_never_makes_a_word_of_swapped_case(text: str) -> None:
    # ûÀÀÌ read as Windows-1251 is ыААМ, itself KOI8-R read as Windows-1251.
    found = texts.mojibake(text)
    assert found is None or texts.mojibake(found.repaired) is None

"""Hypothesis strategies for names and text in the shapes the fast paths take.

Company and person names are put together from real words of Poland,
Ukraine, Russia, Greece, Germany, the United Kingdom and the United States in
their own scripts, legal forms and descriptors written in every way the
table knows (and with case, dots and spaces changed), titles, suffixes,
quotation marks of every kind and a little junk, so that the fast paths and
the full work meet on the inputs where they could differ.
"""

from __future__ import annotations

from hypothesis import strategies as st

from crmcore.standardize._legal_forms import descriptors, forms
from crmcore.standardize._name_tables import tables

from .strategies import CONFUSABLE_LETTERS, DISTINCTIVE_LETTERS, messy_text

#: Words of names in the scripts of the seven markets.
NAME_WORDS = (
    *("Jan", "Kowalski", "Anna", "Nowak", "Małgorzata", "Wójcik", "Paweł", "Wiśniewski", "Żółć"),
    *("Олена", "Коваленко", "Тарас", "Шевченко", "Ігор", "Бондаренко", "Ярина", "Мельник"),
    *("Іван", "Петрович", "Іванівна", "Мар'яна", "Знам'янка", "Ромашка", "Світанок"),
    *("Иван", "Петров", "Мария", "Иванова", "Сергей", "Смирнов", "Ольга", "Северсталь"),
    *("Γιώργος", "Παπαδόπουλος", "Μαρία", "Νικολάου", "Ελένη", "Γεωργίου", "Αθηναϊκή", "Τεχνική"),
    *("Jürgen", "Müller", "Söhne", "Sabine", "Schröder", "Weiß", "Logistik", "Becker"),
    *("Oliver", "Smith", "Sons", "Harry", "O'Brien", "Isla", "McDonald", "Thames", "Traders"),
    *("John", "Mary", "Johnson", "Acme", "Globex", "Initech", "Holdings", "F.", "Jr."),
)
#: Words in capitals or small letters, look-alikes, particles and junk.
ODD_WORDS = (
    *("KOWALSKI", "ПЕТРОВ", "ΠΑΠΑΔΟΠΟΥΛΟΣ", "o'brien", "mcdonald", "van", "der", "de", "da"),
    *("Kоwalski", "Рoмашка", "Кyiв", "PАО", "µ", "σ", "ς", "Я.", "І.", "С.", "В.", "J.R."),
    *("&", "-", "+", "i", "и", "і", "και", "und", "and", "2", "24", "x" * 40),
)
QUOTE_MARKS = ("«", "»", "„", "”", "“", '"', "'", "’", "‚", "‘")
SEPARATORS = (" ", " ", " ", ", ", "; ", " - ", "  ", "\u00a0")


def _respell(written: str) -> st.SearchStrategy[str]:
    """A written form as typed: as listed, in capitals or small letters, dots and spaces changed."""
    return st.sampled_from(
        [
            written,
            written.upper(),
            written.lower(),
            written.replace(" ", ""),
            written.replace(".", ""),
            written.replace(".", ". ").strip(),
        ]
    )


_WRITTEN_FORMS = sorted(
    {w for f in forms() for w in (f.abbreviation, f.name, *f.variants)}
    | {w for d in descriptors() for w in (d.abbreviation, d.name, *d.variants)}
)

#: A legal form or descriptor, written in any of the ways the table knows.
written_forms = st.sampled_from(_WRITTEN_FORMS).flatmap(_respell)

_TITLES_AND_SUFFIXES = sorted(
    {title for title, _ in tables().titles.values()} | set(tables().suffixes.values())
)

_COMPANY_PIECE = st.one_of(
    st.sampled_from(NAME_WORDS),
    st.sampled_from(ODD_WORDS),
    written_forms,
    st.sampled_from(QUOTE_MARKS),
)
_PERSON_PIECE = st.one_of(
    st.sampled_from(NAME_WORDS),
    st.sampled_from(ODD_WORDS),
    st.sampled_from(_TITLES_AND_SUFFIXES),
    st.sampled_from(QUOTE_MARKS[5:]),
)


def _joined(pieces: st.SearchStrategy[str], most: int) -> st.SearchStrategy[str]:
    return st.lists(st.tuples(pieces, st.sampled_from(SEPARATORS)), min_size=1, max_size=most).map(
        lambda parts: "".join(word + sep for word, sep in parts)[: -len(parts[-1][1])]
    )


def _quoted(text: str, marks: tuple[str, str]) -> str:
    return f"{marks[0]}{text}{marks[1]}"


_QUOTE_PAIRS = st.sampled_from([("«", "»"), ("„", "”"), ("„", "“"), ('"', '"'), ("“", "”")])

#: Company names: a form before or after a (maybe quoted) name, or pieces in any order.
company_names = st.one_of(
    st.builds(
        lambda form, name, quotes, before: (
            f"{form} {_quoted(name, quotes)}" if before else f"{name} {form}"
        ),
        written_forms,
        _joined(st.sampled_from(NAME_WORDS), 3),
        _QUOTE_PAIRS,
        st.booleans(),
    ),
    _joined(_COMPANY_PIECE, 7),
    messy_text,
)

#: Person names: titles, given names, patronymics, family names, suffixes, in any order.
person_names = st.one_of(
    _joined(st.sampled_from(NAME_WORDS), 4),
    _joined(_PERSON_PIECE, 6),
    messy_text,
)

_CLEAN_CHARS = (
    CONFUSABLE_LETTERS
    + DISTINCTIVE_LETTERS
    + "ąćęłńóśźżäöüßєїґёъыэάέήίόύώϊΐ"
    + "0123456789 .,;:-&/'\"()+№€…"
)
#: Text that is clean or nearly so: the shapes where cleaning can be skipped.
nearly_clean_text = st.one_of(
    _joined(st.sampled_from(NAME_WORDS + ODD_WORDS), 6),
    st.text(alphabet=st.sampled_from(_CLEAN_CHARS), max_size=40),
    st.text(alphabet=st.sampled_from(_CLEAN_CHARS + "\u0301\u0308\u00ad\u200b«»’\t"), max_size=40),
)

#: Every double quotation mark, paired in every way (cleaning writes each ``"``).
_ANY_DOUBLE_PAIR = st.tuples(
    st.sampled_from(["«", "»", "„", "“", "”", '"', "‟", "″", "＂"]),
    st.sampled_from(["»", "«", "”", "“", '"', "„", "〞", "＂"]),
)
_DESCRIPTORS = sorted({w for d in descriptors() for w in (d.abbreviation, d.name, *d.variants)})
_SHAPE_WORDS = st.sampled_from((*NAME_WORDS, "&", "-", "i", "и", "και", "und", "24", "PPHU"))
_SHAPE_NAME = _joined(_SHAPE_WORDS, 3)


def _shape(
    form: str, name: str, quotes: tuple[str, str] | None, descriptor: str | None, before: bool
) -> str:
    core = name if quotes is None else _quoted(name, quotes)
    if descriptor is not None:
        core = f"{descriptor} {core}"
    return f"{form} {core}" if before else f"{core} {form}"


#: Company names in the shapes read in one pass: a legal form before or after
#: a name, maybe quoted (with any pair of marks), maybe after a descriptor;
#: and the same with a little junk (spaces, commas, marks) where it may break
#: the shape.
company_shapes = st.one_of(
    st.builds(
        _shape,
        written_forms,
        _SHAPE_NAME,
        st.one_of(st.none(), _QUOTE_PAIRS, _ANY_DOUBLE_PAIR),
        st.one_of(st.none(), st.sampled_from(_DESCRIPTORS).flatmap(_respell)),
        st.booleans(),
    ),
    st.builds(
        lambda text, junk, at: text[:at] + junk + text[at:],
        st.builds(
            _shape,
            written_forms,
            _SHAPE_NAME,
            st.one_of(st.none(), _QUOTE_PAIRS),
            st.none(),
            st.booleans(),
        ),
        st.sampled_from([" ", ",", "-", "'", '"', "«", "’", "\u00a0", "Кo", "ТОВ ", " GmbH"]),
        st.integers(min_value=0, max_value=40),
    ),
)

_PLAIN_NAME_WORDS = (
    *("Jan", "Kowalski", "Małgorzata", "Wójcik", "Олена", "Коваленко", "Мар'яна", "В'ячеслав"),
    *("Іван", "Петрович", "Иванова", "Γιώργος", "Παπαδόπουλος", "Νικολάου", "Müller", "Weiß"),
    *("O'Brien", "McDonald", "Hans-Peter", "Kowalska-Nowak", "d'Angelo", "KOWALSKI", "ПЕТРОВ"),
    *("van", "der", "de", "Jr", "III", "PhD", "Dr", "prof", "пан", "ΠΑΠΑΔΟΠΟΥΛΟΣ", "σ", "µ"),
)

#: Person names in the shape read without cleaning: words of letters, maybe
#: with apostrophes and hyphens inside, and the same with a little junk.
person_shapes = st.one_of(
    st.lists(st.sampled_from(_PLAIN_NAME_WORDS), min_size=1, max_size=4).map(" ".join),
    st.builds(
        lambda text, junk, at: text[:at] + junk + text[at:],
        st.lists(st.sampled_from(_PLAIN_NAME_WORDS), min_size=1, max_size=4).map(" ".join),
        st.sampled_from([" ", "'", "-", " -", "- ", "’", "ʹ", "ʼ", "\u00a0", "о", "2", ",", "."]),
        st.integers(min_value=0, max_value=30),
    ),
)

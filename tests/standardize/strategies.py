"""Hypothesis strategies for the standardisers of texts, keys, phones and e-mails."""

from __future__ import annotations

from hypothesis import strategies as st

#: Letters that have look-alikes in another script, and a few that do not.
CONFUSABLE_LETTERS = "aceiopxyAEHKMOPTXаеіорсухАВЕНКМОРТХαιοργΑΒΕΗΚΜΟΡΤΧ"
DISTINCTIVE_LETTERS = "fgwłżжшщїλπσ"

#: Characters that texts.clean() removes or rewrites.
INVISIBLE_AND_TYPOGRAPHIC = (
    "\u00a0\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2060\u2066\u2069\ufeff"
    "\u2000\u2009\u202f\u3000\t\n\r\u2028\u0301\u0308\u034f\ufe0f"
    "“”„«»‘’ʼ`´‐–—−"
)

any_text = st.text(max_size=200)

mixed_script_text = st.text(
    alphabet=st.sampled_from(
        CONFUSABLE_LETTERS + DISTINCTIVE_LETTERS + INVISIBLE_AND_TYPOGRAPHIC + " -'0"
    ),
    max_size=60,
)

messy_text = st.one_of(any_text, mixed_script_text)

#: Words in one script each, in texts that mix them (the addresses of a record).
words_of_scripts_text = st.lists(
    st.sampled_from(
        [
            *("вул.", "Хрещатик,", "кв.", "ул.", "Тверская,", "д.", "ТОВ", '"Ромашка"', "Київ"),
            *("Ερμού", "Αθήνα,", "Ο.Ε.", "ul.", "Marszałkowska", "UA", "GR", "RU", "Straße"),
            *("22,", "5", "12/4", "-", "A1Б", "Kоwalski", "Кyiв", "ё", "e\u0301", "\u0483"),
            *("", " ", "\u00a0", "\u200b", "«", "»", "ß", "ǅ", "Ω", "№", "…"),
        ]
    ),
    max_size=8,
).map(" ".join)

#: Text in the alphabets that keys.transliterate() has tables for.
TRANSLIT_ALPHABET = (
    "абвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюяђјљњћџѓќѕ"
    "АБВГҐДЕЄЁЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЂЈЉЊЋЏЃЌЅ"
    "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ"
    "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΆΈΉΊΌΎΏΪΫ"
    "ąćęłńóśźżĄĆĘŁŃÓŚŹŻäöüßÄÖÜčšžřěůýáíéČŠŽŘĚŮÝÁÍÉđĐçñøæœ"
    "abcXYZ '-.,0123456789"
)
translit_alphabet_text = st.text(alphabet=st.sampled_from(TRANSLIT_ALPHABET), max_size=60)

#: Text that looks like a phone number: digits, separators, prefixes, extensions.
phone_like_text = st.lists(
    st.sampled_from(
        [
            "+",
            "00",
            "0",
            "8",
            " ",
            "-",
            "(",
            ")",
            ".",
            "/",
            "48",
            "380",
            "7",
            "30",
            "49",
            "44",
            "1",
            "601",
            "234",
            "567",
            "495",
            "044",
            "050",
            "210",
            "12",
            "ext. ",
            "wew. ",
            "доб. ",
            "tel:",
            ";ext=",
            "x",
            "#",
            "Tel. ",
            "\u00a0",
            "\u2011",
        ]
    ),
    max_size=14,
).map("".join)

#: Text that looks like a postal code: digits, letters, separators and prefixes
#: of the markets (PL, UA, RU, GR, DE, GB, US) and their neighbours.
postal_like_text = st.lists(
    st.sampled_from(
        [
            "0",
            "1",
            "00",
            "950",
            "01001",
            "125009",
            "105",
            "57",
            "10115",
            "20500",
            "0001",
            "SW1A",
            "2AA",
            "ec1a",
            "1bb",
            "M1",
            "PL",
            "LT",
            "GR",
            "D",
            "A",
            "z",
            " ",
            "  ",
            "-",
            "--",
            "\u00a0",
            "\u2013",
            "\t",
            "Ω",
            "Б",
            "`",
            ".",
        ]
    ),
    max_size=8,
).map("".join)

email_like_text = st.lists(
    st.sampled_from(
        [
            "jan",
            ".",
            "kowalski",
            "+",
            "-",
            "tag",
            "@",
            "gmail.com",
            "wp.pl",
            "пример",
            "рф",
            "γιώργος",
            "ελ",
            "bücher",
            "de",
            "xn--",
            '"',
            " ",
            "mailto:",
            "<",
            ">",
            "Jan ",
            "..",
            "ЖЖ",
            "ß",
            "\u200b",
            "[",
            "]",
            "1",
            "_",
        ]
    ),
    max_size=10,
).map("".join)

# --- countries, postal codes, addresses, tax ids, dates ---------------------

#: Countries and locales the place and date standardisers are swept with.
PLACE_COUNTRIES = st.sampled_from(
    [None, "PL", "UA", "RU", "GR", "DE", "GB", "US", "CZ", "SK", "LT", "LV", "EE", "RO", "BG"]
)
PLACE_LOCALES = st.sampled_from([None, "pl", "uk", "ru", "el", "de", "en_GB", "en_US", "lt"])

#: Fragments of real addresses, numbers and dates, to build plausible junk.
PLACE_FRAGMENTS = (
    *("ul.", "ulica", "al.", "вул.", "вулиця", "ул.", "улица", "просп.", "пр-т", "Οδός", "Οδ."),
    *("Str.", "straße", "Street", "St", "Ave", "NW", "m.", "lok.", "кв.", "д.", "буд.", "корп."),
    *("Apt", "Flat", "#", "м.", "г.", "с.", "обл.", "woj.", "р-н", "Marszałkowska", "Хрещатик"),
    *("Тверская", "Ερμού", "Linden", "Downing", "Warszawa", "Київ", "Москва", "Αθήνα", "London"),
    *("Polska", "Україна", "Россия", "Ελλάδα", "Deutschland", "UK", "PL", "UA", "GR", "DC"),
    *("10", "10/12", "22", "7", "5", "12A", "00-590", "00590", "01001", "125009", "105 63"),
    *("10117", "SW1A 2AA", "20500", "LT-01100", "NIP", "ИНН", "ЄДРПОУ", "ΑΦΜ", "VAT"),
    *("5260250274", "7707083893", "EL094014201", "PL61", "pl.nip:", "23", "11", "2026", "26"),
    *("01", "02", "listopada", "листопада", "ноября", "Νοεμβρίου", "Nov", "r.", "р.", "г."),
    *(".", "/", "-", ",", ";"),
)

place_text = st.one_of(
    st.text(max_size=120),
    st.lists(st.sampled_from(PLACE_FRAGMENTS), max_size=20).map(" ".join),
    st.lists(st.sampled_from(PLACE_FRAGMENTS), max_size=20).map("".join),
)

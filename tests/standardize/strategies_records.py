"""Hypothesis strategies for records: keys and values as they come from forms and files."""

from __future__ import annotations

from hypothesis import strategies as st

from crmcore.standardize._synonyms import synonyms

from .strategies import messy_text

#: Known key names (one per synonym) and free keys.
known_keys = st.sampled_from(sorted(synonyms()))
any_key = st.one_of(known_keys, st.text(max_size=30))

#: Values: messy text, realistic fragments, blanks, and the odd non-text cell.
realistic_values = st.sampled_from(
    [
        "601 234 567",
        "+380 67 123 45 67",
        "jan.kowalski@example.pl",
        "ТОВ «Ромашка»",
        "Παπαδόπουλος Α.Ε.",
        "Иван Петров",
        "00-950",
        "105 57",
        "Polska",
        "Україна",
        "NIP 526-025-02-74",
        "ul. Marszałkowska 10/12 m. 5",
        "23.11.2026",
        "https://example.gr",
        "20250314-093015-007-00000-8",
        "",
        "   ",
    ]
)
any_value = st.one_of(
    messy_text,
    realistic_values,
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
)

records = st.dictionaries(any_key, any_value, max_size=10)
text_records = st.dictionaries(st.text(max_size=30), st.text(max_size=200), max_size=10)
countries = st.sampled_from([None, "PL", "UA", "RU", "GR", "DE", "GB", "US", "pl", " gr ", "AQ"])
locales = st.sampled_from([None, "en", "pl", "uk_UA", "ru", "el", "de", "xx"])

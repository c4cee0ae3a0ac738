"""Recognise a field by the name of its key or column, in the languages of our markets.

The names live in ``data/field_synonyms.json``; the spreadsheet import maps its
headers with the same table. Matching ignores case, accents, spaces and
punctuation:

>>> field_for("Kod pocztowy"), field_for("E-mail"), field_for("Τ.Κ."), field_for("ИНН")
('postal_code', 'email', 'postal_code', 'tax_id')
>>> field_for("Ulubiony kolor") is None
True
"""

from __future__ import annotations

import functools
import unicodedata

from crmcore._data import load_json
from crmcore.errors import ConfigurationError

__all__ = ["field_for", "normalize_key", "synonyms"]


def normalize_key(key: str) -> str:
    """Return the form of a key that matching compares.

    Case-folded, without accents or anything but letters and digits:

    >>> normalize_key(" Τηλέφωνο "), normalize_key("kod_pocztowy"), normalize_key("Straße")
    ('τηλεφωνο', 'kodpocztowy', 'strasse')
    """
    folded = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", key).casefold())
    return "".join(char for char in folded if char.isalnum() and not unicodedata.combining(char))


@functools.cache
def synonyms() -> dict[str, str]:
    """Return the table of normalised key -> field, loaded once.

    Raises:
        ConfigurationError: A name means two fields in the data file (a data
            error, caught by the test suite).
    """
    raw: dict[str, list[str]] = load_json("standardize", "field_synonyms.json")
    table: dict[str, str] = {}
    for field, names in raw.items():
        if field.startswith("_"):
            continue
        for name in (field, *names):
            key = normalize_key(name)
            if table.setdefault(key, field) != field:
                msg = f"{name!r} means both {table[key]!r} and {field!r}"
                raise ConfigurationError(
                    msg,
                    code="standardize.ambiguous_synonym",
                    field="field_synonyms",
                    value=name,
                    hint="each name in data/field_synonyms.json under one field only",
                )
    return table


@functools.lru_cache(maxsize=4096)
def field_for(key: str) -> str | None:
    """Return the field a key or column name means, or ``None`` for an unknown name.

    >>> field_for("Telefon komórkowy"), field_for("Επωνυμία"), field_for("country_code")
    ('phone', 'company_name', 'country')
    """
    return synonyms().get(normalize_key(key))

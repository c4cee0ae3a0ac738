"""The tables behind person names (``data/person_names.json``), loaded once."""

from __future__ import annotations

import functools
import unicodedata

import attrs

from crmcore._data import load_json
from crmcore.standardize._base import MAX_INPUT_LENGTH

__all__ = [
    "Tables",
    "is_given_name",
    "is_patronymic",
    "looks_like_family_name",
    "name_key",
    "tables",
]


_DOTS_AND_HYPHENS = str.maketrans(dict.fromkeys(".-"))


@functools.lru_cache(maxsize=4096)
def name_key(text: str) -> str:
    """Reduce a title or suffix to its key: no case, dots or hyphens; single spaces.

    Asked of the words of names (one or a few at a time), so its results are
    kept for the most recent few thousand.

    >>> name_key("Dipl.-Ing."), name_key("dr  hab."), name_key("Ph.D.")
    ('dipling', 'dr hab', 'phd')
    """
    folded = unicodedata.normalize("NFC", text).casefold()
    return " ".join(folded.translate(_DOTS_AND_HYPHENS).split())


@functools.lru_cache(maxsize=4096)
def _plain(text: str) -> str:
    """Case-fold and drop accents, to compare word endings (of one word at a time)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@attrs.frozen
class Tables:
    """Titles, suffixes, particles and the hints that tell name parts apart.

    ``given_names`` holds the plain form (see :func:`_plain`) of the common
    given names of every language of the table, in one set: a name is a given
    name whatever the language of the text around it.
    """

    titles: dict[str, tuple[str, dict[str, str]]]
    suffixes: dict[str, str]
    particles: frozenset[str]
    initial_digraphs: frozenset[str]
    mac_names: tuple[str, ...]
    patronymic_endings: tuple[str, ...]
    patronymics: frozenset[str]
    family_name_endings: tuple[str, ...]
    given_names: frozenset[str]
    longest_title: int

    def title(self, key: str, language: str | None) -> str | None:
        """Return the canonical title for ``key`` (in ``language``), if any."""
        entry = self.titles.get(key)
        if entry is None:
            return None
        canonical, by_language = entry
        return by_language.get(language or "", canonical)

    def is_patronymic(self, word: str) -> bool:
        """Tell whether ``word`` has the shape of an East Slavic patronymic."""
        plain = _plain(word)
        return plain in self.patronymics or (
            len(plain) >= 5  # the shortest patronymics ("Ilyich")
            and plain.endswith(self.patronymic_endings)
        )

    def looks_like_family_name(self, word: str) -> bool:
        """Tell whether ``word`` ends like a family name and is no known given name."""
        plain = _plain(word)
        return plain not in self.given_names and plain.endswith(self.family_name_endings)

    def is_given_name(self, word: str) -> bool:
        """Tell whether ``word`` is a known given name (each part of ``Hans-Peter`` is)."""
        return all(_plain(part) in self.given_names for part in word.split("-"))


@functools.cache
def tables() -> Tables:
    """Return the person-name tables."""
    data = load_json("standardize", "person_names.json")
    titles: dict[str, tuple[str, dict[str, str]]] = {}
    for row in data["titles"]:
        for written in (row["title"], *row["variants"]):
            titles.setdefault(name_key(written), (row["title"], row.get("by_language", {})))
    given_names = (name for names in data["given_names"].values() for name in names)
    suffixes = {
        name_key(written): row["suffix"]
        for row in data["suffixes"]
        for written in (row["suffix"], *row["variants"])
    }
    return Tables(
        titles=titles,
        suffixes=suffixes,
        particles=frozenset(data["particles"]),
        initial_digraphs=frozenset(data["initial_digraphs"]),
        mac_names=tuple(data["mac_names"]),
        patronymic_endings=tuple(_plain(e) for e in data["patronymic_endings"]),
        patronymics=frozenset(_plain(p) for p in data["patronymics"]),
        family_name_endings=tuple(_plain(e) for e in data["family_name_endings"]),
        given_names=frozenset(_plain(g) for g in given_names),
        # In words of its key: "Dr.-Ing." is one word, "dr hab. n. med." four.
        longest_title=max(len(key.split(" ")) for key in titles),
    )


@functools.lru_cache(maxsize=4096)
def is_patronymic(word: str) -> bool:
    """:meth:`Tables.is_patronymic` of the tables, kept for the most recent words.

    >>> is_patronymic("Петрович"), is_patronymic("Kowalski")
    (True, False)
    """
    return tables().is_patronymic(word)


@functools.lru_cache(maxsize=4096)
def looks_like_family_name(word: str) -> bool:
    """:meth:`Tables.looks_like_family_name` of the tables, kept for the most recent words.

    >>> looks_like_family_name("Kowalski"), looks_like_family_name("Jan")
    (True, False)
    """
    return tables().looks_like_family_name(word)


@functools.lru_cache(maxsize=4096)
def is_given_name(word: str) -> bool:
    """:meth:`Tables.is_given_name` of the tables, kept for the most recent words.

    A word longer than the standardisers' input is no name.

    >>> is_given_name("Małgorzata"), is_given_name("ΓΙΩΡΓΟΣ"), is_given_name("Wójcik")
    (True, True, False)
    """
    return len(word) <= MAX_INPUT_LENGTH and tables().is_given_name(word)

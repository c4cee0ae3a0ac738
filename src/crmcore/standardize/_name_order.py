"""Which word of a person's name is the family name: initials and the order of words.

Three kinds of evidence tell the order of a name written without a comma or a
patronymic, each read from both ends of the name:

- the given-name tables: a known given name at one end and none at the other
  (``Wójcik Małgorzata``, ``Müller Hans``, ``Παπαδόπουλος Γιώργος``);
- the endings of family names (``-ski``, ``-енко``, ``-πουλος``) at one end
  and not at the other;
- the convention of writing the family name in capitals (``KOWALSKI Jan``).

When the evidence is missing (``Thomas Henry``: both could be given names) or
points both ways, the order is uncertain: the name is read in the natural
order and the caller says so.

Initials (``J.``, ``О.П.``) are words of one letter, with or without a dot
after each letter; ``О.П.`` is two of them. A letter pair of the table that
one sound is written with counts as one letter: Polish ``Sz.``, the
transliterated ``Ya.`` of ``Я.``; the initials of a double given name
joined by a hyphen (``J.-P.``) are one initial.
"""

from __future__ import annotations

import functools
import unicodedata

from crmcore.standardize._base import MAX_INPUT_LENGTH
from crmcore.standardize._name_case import is_one_case
from crmcore.standardize._name_tables import is_given_name, looks_like_family_name, tables

__all__ = ["family_first", "initials", "is_cyrillic", "is_initial"]

_DOT = "."


@functools.lru_cache(maxsize=4096)
def initials(word: str) -> tuple[str, ...] | None:
    """Return the initials ``word`` is made of, or ``None`` if it is not initials.

    Each initial keeps its dot; a single letter without a dot is one initial,
    unless it is a particle (Spanish ``y``).

    >>> initials("О.П."), initials("J."), initials("K"), initials("Jo."), initials("y")
    (('О.', 'П.'), ('J.',), ('K',), None, None)
    >>> initials("O.Ya."), initials("SZ."), initials("J.-P.")
    (('O.', 'Ya.'), ('SZ.',), ('J.-P.',))
    """
    if len(word) > MAX_INPUT_LENGTH:
        return None
    if len(word) == 1:
        return (word,) if word.isalpha() and word.casefold() not in tables().particles else None
    if not word.endswith(_DOT):
        return None
    if "-" in word:
        # The initial of a double given name (J.-P. for Jean-Pierre) is one.
        halves = [initials(half) for half in word.split("-")]
        return (word,) if all(h is not None and len(h) == 1 for h in halves) else None
    letters = word.split(_DOT)[:-1]
    pairs = tables().initial_digraphs
    if not all(
        (len(letter) == 1 and letter.isalpha()) or letter.casefold() in pairs for letter in letters
    ):
        return None
    return tuple(letter + _DOT for letter in letters)


def is_initial(word: str) -> bool:
    """Tell whether ``word`` is one or more initials (``J.``, ``O.P.``, ``K``)."""
    return initials(word) is not None


def is_cyrillic(word: str) -> bool:
    """Tell whether the first letter of ``word`` is Cyrillic.

    >>> is_cyrillic("П."), is_cyrillic("P.")
    (True, False)
    """
    letter = next((c for c in word if c.isalpha()), "")
    return unicodedata.name(letter, "").startswith("CYRILLIC")


def _in_capitals(word: str) -> bool:
    """Tell whether ``word`` is a word (no initials) written all in capitals."""
    return (
        word.isupper()  # the quickest test first: most names are not in capitals
        and _DOT not in word
        and is_one_case(word)
        and sum(c.isalpha() for c in word) > 1
    )


def family_first(words: list[str]) -> tuple[bool, bool]:
    """Tell whether the family name is the first of ``words`` (two or more words).

    Returns:
        ``(family_first, uncertain)``: whether the first word is the family
        name, and whether the evidence was missing or contradictory (then
        ``family_first`` follows the given-name tables, then capitals, then
        endings, and is ``False`` without any evidence).

    >>> family_first(["Wójcik", "Małgorzata"]), family_first(["Tymoszenko", "Julia"])
    ((True, False), (True, False))
    >>> family_first(["Małgorzata", "Wójcik"]), family_first(["Thomas", "Henry"])
    ((False, False), (False, True))
    """
    first, last = words[0], words[-1]
    votes: list[bool] = []
    first_given, last_given = is_given_name(first), is_given_name(last)
    if first_given != last_given:
        votes.append(last_given)
    # str.isupper() first: the most names have no word in capitals.
    if first.isupper() or last.isupper():
        capitals = _in_capitals(first), _in_capitals(last)
        if capitals[0] != capitals[1] and not all(is_one_case(w) and w.isupper() for w in words):
            votes.append(capitals[0])
    endings = looks_like_family_name(first), looks_like_family_name(last)
    if endings[0] != endings[1]:
        votes.append(endings[0])
    if not votes:
        return False, True
    return votes[0], len(set(votes)) > 1

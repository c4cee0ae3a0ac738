"""Search by name: what a party is found by, and how a query is read, for every store.

A party is found by one name: a person by the family name, an organisation by
its name without the legal form it still carries (``ТОВ «Ромашка»`` by
``Ромашка``). A person without a family name is not found by name. Three modes compare
a query with that name:

* ``"matching"``: the spelling-independent keys are equal
  (:func:`crmcore.standardize.keys.matching_key`, spaces dropped): ``Ivanov``
  finds ``Іванов`` and ``Иванов``, ``Romashka`` finds ``ТОВ «Ромашка»``;
* ``"prefix"``: the name's key starts with the query's: ``Kowal`` finds
  ``Kowalska``, ``Kowalski`` and ``Ковальський``;
* ``"exact"``: the same spelling, ignoring case and runs of spaces:
  ``Kowalski`` finds ``KOWALSKI`` but not ``Ковальський``.

A query of two to four words also finds a person by the whole name, in
either order: the family name, and the given names from the first (``Jan
Kowalski`` and ``Kowalski Jan``; ``Oleksandr Ivanov`` finds ``Олександр
Іванов``; in prefix mode each word a beginning, ``Ja Kowal``), through the
key of a person's family name and first given name. A query that is
the name of an organisation with its legal form is read both with and
without it. The stores narrow the search on the name keys of the key
index (the ``o:`` keys of :func:`crmcore.storage._lookup_keys.name_keys`,
which candidates use too: an equality or a range of keys, never a scan of the
names), then keep the parties :meth:`NameQuery.finds` accepts; the memory
store asks it of every party. So every store finds the same parties.

>>> query = name_query("Kowal", "prefix")
>>> query.keys, query.ranges()
(('koval',), [('o:koval', 'o:kovam')])
>>> name_query("ТОВ «Ромашка»", "matching").lookups()
['o:tovromaska', 'o:romaska']
>>> name_query("Jan Kowalski", "matching").people
(('kovalski', ('ian',)), ('ian', ('kovalski',)))
>>> name_query("«»", "matching")
Traceback (most recent call last):
crmcore.errors.ValidationError: text: the name to search holds no letter or digit ...
"""

from __future__ import annotations

import unicodedata
from typing import Final, Literal, TypeAlias

import attrs

from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.model import Party, PersonName
from crmcore.standardize import company_names
from crmcore.standardize.keys import matching_key

__all__ = [
    "DEFAULT_SEARCH_LIMIT",
    "SEARCH_MODES",
    "NameQuery",
    "SearchMode",
    "name_query",
    "search_name",
]

#: How a query is compared with a name.
SearchMode: TypeAlias = Literal["exact", "prefix", "matching"]
#: The modes of a search by name.
SEARCH_MODES: Final = ("exact", "prefix", "matching")
#: How many parties a search returns unless asked otherwise.
DEFAULT_SEARCH_LIMIT: Final = 50
#: The name keys of the key index a search reads: ``o:`` and the key, the
#: first letters of an organisation's (see crmcore.storage._lookup_keys).
_KEY_PREFIX: Final = "o:"
_KEY_LETTERS: Final = 12
_STEM_LETTERS: Final = 2  # an organisation has name keys if a word has as many
_QUERY_LIMIT: Final = 300  # characters: longer than any name the model stores
#: The most words a query read as a person's whole name has (a family name and
#: given names: the words before the given names, or after them).
_WHOLE_NAME_WORDS: Final = 4


def _fold(text: str) -> str:
    """Return ``text`` as exact search compares it: NFC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _key(text: str) -> str:
    """Return the matching key of ``text`` without its spaces."""
    return "".join(matching_key(text).split())


def _without_legal_form(name: str) -> str:
    try:
        return company_names.validate(name).name
    except ValidationError:  # a name the standardiser refuses is searched as it is
        return name


def search_name(party: Party) -> tuple[str, str] | None:
    """Return the ``(key, spelling)`` a party is found by, or ``None`` if it has none.

    >>> search_name(Party.organization("ТОВ «Ромашка»"))
    ('romaska', 'ромашка')
    >>> search_name(Party.person(given="Jan", family="Kowalski"))
    ('kovalski', 'kowalski')
    """
    name = party.name
    if isinstance(name, PersonName):
        text = name.family
        if text is None:
            return None
    else:
        text = _without_legal_form(name.name)
        if all(len(word) < _STEM_LETTERS for word in matching_key(text).split()):
            return None  # no name key of its own: see name_keys
    key = _key(text)
    return (key, _fold(text)) if key else None


@attrs.frozen
class NameQuery:
    """A search by name, read: its mode, its keys and its spellings.

    Attributes:
        mode: ``"exact"``, ``"prefix"`` or ``"matching"``.
        keys: The matching keys of the query, without spaces (with and
            without a legal form it carries).
        spellings: The query as exact search compares it.
    """

    mode: SearchMode
    keys: tuple[str, ...]
    spellings: tuple[str, ...]
    people: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def finds(self, party: Party) -> bool:
        """Return whether the search finds ``party`` (soft-deleted or not)."""
        found = search_name(party)
        if found is None:
            return False
        key, spelling = found
        if self.mode == "exact":
            return spelling in self.spellings or self._finds_whole_spelling(party)
        if self.mode == "prefix":
            return key.startswith(self.keys) or self._finds_person(party)
        return key in self.keys or self._finds_person(party)

    def _finds_whole_spelling(self, party: Party) -> bool:
        name = party.name
        if not self.people or not isinstance(name, PersonName) or not name.given:
            return False
        whole = (f"{name.given} {name.family}", f"{name.family} {name.given}")
        family = _key(name.family or "")
        return any(_fold(each) in self.spellings for each in whole) and any(
            family == surname for surname, _ in self.people
        )

    def _finds_person(self, party: Party) -> bool:
        name = party.name
        if not self.people or not isinstance(name, PersonName) or not name.given:
            return False
        family = _key(name.family or "")
        given = matching_key(name.given).split()
        if self.mode == "prefix":
            return any(
                family.startswith(surname)
                and len(given) >= len(words)
                and all(
                    each.startswith(word)
                    for each, word in zip(given[: len(words)], words, strict=True)
                )
                for surname, words in self.people
            )
        return any(
            family == surname and given[: len(words)] == list(words)
            for surname, words in self.people
        )

    def lookups(self) -> list[str]:
        """Return the name keys of the key index a party found by equality holds one of.

        An organisation's or a family name's ``o:`` key; for a whole name, the
        key of a person's family name and first given name (its first four
        letters, a dot, the given name's first letter), which few others share.
        """
        found: dict[str, None] = {}
        for key in self.keys:
            found[_KEY_PREFIX + key] = None
            found[_KEY_PREFIX + key[:_KEY_LETTERS]] = None
        for surname, words in self.people:
            found[_person_key(surname, words)] = None
        return list(found)

    def ranges(self) -> list[tuple[str, str]]:
        """Return the ranges ``[low, high)`` of name keys a party found by prefix holds one in."""
        lows = [_KEY_PREFIX + key[:_KEY_LETTERS] for key in self.keys]
        for surname, words in self.people:
            # Four letters of the family name make the whole key's start; fewer, a range.
            lows.append(_person_key(surname, words) if len(surname) >= 4 else surname)
        return list(dict.fromkeys((low, low[:-1] + chr(ord(low[-1]) + 1)) for low in lows))


def _person_key(surname: str, words: tuple[str, ...]) -> str:
    """Return a person's name key of a family name and given names (see ``name_keys``)."""
    return f"{surname[:4]}.{words[0][:1]}"


def name_query(text: object, mode: object) -> NameQuery:
    """Read a search: ``text`` in ``mode``.

    Raises:
        ValidationError: ``query.unknown_mode``; ``query.invalid_name`` for
            what is not a text of at most 300 characters;
            ``query.empty_name`` for a text without a letter or a digit.
    """
    if mode not in SEARCH_MODES:
        raise ValidationError(
            N_("not a mode of search"),
            code="query.unknown_mode",
            field="mode",
            value=mode,
            hint=", ".join(SEARCH_MODES),
        )
    if not isinstance(text, str) or len(text) > _QUERY_LIMIT:
        raise ValidationError(
            N_("the name to search is not a text of at most {limit} characters", limit=300),
            code="query.invalid_name",
            field="text",
            value=text,
            hint=N_('a name, or its first letters, such as "Kowal"'),
        )
    texts = dict.fromkeys((text, _without_legal_form(text)))
    keys = tuple(dict.fromkeys(key for key in map(_key, texts) if key))
    if not keys:
        raise ValidationError(
            N_("the name to search holds no letter or digit"),
            code="query.empty_name",
            field="text",
            value=text,
            hint=N_('a name, or its first letters, such as "Kowal"'),
        )
    spellings = tuple(dict.fromkeys(_fold(each) for each in texts))
    words = matching_key(text).split()
    people: tuple[tuple[str, tuple[str, ...]], ...] = ()
    if len(texts) == 1 and 2 <= len(words) <= _WHOLE_NAME_WORDS:  # no legal form in it
        # The family name is the words before the given names, or after them.
        splits: dict[tuple[str, tuple[str, ...]], None] = {}
        for at in range(1, len(words)):
            splits["".join(words[at:]), tuple(words[:at])] = None
            splits["".join(words[:at]), tuple(words[at:])] = None
        people = tuple(splits)
    return NameQuery(mode, keys, spellings, people)

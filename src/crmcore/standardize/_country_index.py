"""The country lookup tables: codes from CLDR, names in many languages.

Everything is built lazily from Babel's CLDR data and ``data/countries.json``
on first use and cached for the life of the process.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from babel import Locale
from babel.core import get_global

from crmcore._data import load_json
from crmcore.standardize._base import parse_locale
from crmcore.standardize._fold import fold

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "alpha3",
    "cldr_names",
    "code_aliases",
    "country_codes",
    "key",
    "locale_names",
    "names",
    "numeric",
]


def key(text: str) -> str:
    """Return the lookup key of a country name: folded, without spaces.

    >>> key("U.S.A.") == key("USA")
    True
    """
    return fold(text).replace(" ", "")


@cache
def country_codes() -> frozenset[str]:
    """Return the alpha-2 codes accepted as countries."""
    excluded = set(load_json("standardize", "countries.json")["not_countries"])
    return frozenset(
        code
        for code in Locale("en").territories
        if isinstance(code, str) and len(code) == 2 and code.isalpha() and code not in excluded
    )


@cache
def code_aliases() -> Mapping[str, tuple[str, ...]]:
    """Return CLDR's other codes (alpha-3, numeric, retired alpha-2) to alpha-2 codes.

    A code that CLDR maps to several countries (``"SU"``, ``"YUG"``) maps to
    all of them, sorted: it is ambiguous.
    """
    valid = country_codes()
    table: dict[str, tuple[str, ...]] = {}
    for alias, targets in get_global("territory_aliases").items():
        countries = tuple(sorted(t for t in targets if t in valid))
        if countries and len(alias) in {2, 3} and alias not in valid:
            table[alias] = countries
    return table


def _current_code(code: str, *, digits: bool) -> str | None:
    withdrawn = set(load_json("standardize", "countries.json")["withdrawn_codes"])
    for alias, targets in code_aliases().items():
        if (
            targets == (code,)
            and len(alias) == 3
            and alias.isdigit() is digits
            and alias not in withdrawn
        ):
            return alias
    return None


@cache
def alpha3(code: str) -> str | None:
    """Return the current ISO 3166-1 alpha-3 code of an alpha-2 code, if any."""
    return _current_code(code, digits=False)


@cache
def numeric(code: str) -> str | None:
    """Return the current ISO 3166-1 numeric code of an alpha-2 code, if any."""
    return _current_code(code, digits=True)


def _without_parentheses(name: str) -> str:
    """Return a name without its parenthesised parts ("Myanmar (Burma)" -> "Myanmar").

    >>> _without_parentheses("Congo (DRC)"), _without_parentheses("Hong Kong (SAR) China")
    ('Congo', 'Hong Kong China')
    """
    kept: list[str] = []
    rest = name
    while (start := rest.find("(")) >= 0 and (end := rest.find(")", start)) >= 0:
        kept.append(rest[:start])
        rest = rest[end + 1 :]
    kept.append(rest)
    return " ".join(part.strip() for part in kept if part.strip())


def _add(index: dict[str, set[str]], name: str, codes: Iterable[str]) -> None:
    name_key = key(name)
    if name_key:
        index.setdefault(name_key, set()).update(codes)


def _freeze(index: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
    return {k: tuple(sorted(v)) for k, v in index.items()}


@cache
def locale_names(locale: Locale) -> tuple[Mapping[str, tuple[str, ...]], Mapping[str, str]]:
    """Return the name index of one locale and its names by code.

    The index maps keys to codes; a key reached by names of several countries
    maps to all of them. Names without a parenthesised part ("Myanmar (Burma)"
    -> "Myanmar") are added where they do not clash with a full name.
    """
    territories = locale.territories
    valid = country_codes()
    exact: dict[str, set[str]] = {}
    shortened: dict[str, set[str]] = {}
    by_code: dict[str, str] = {}
    for code, name in territories.items():
        if code in valid:
            by_code[code] = name
            _add(exact, name, (code,))
            short = _without_parentheses(name)
            if short != name:
                _add(shortened, short, (code,))
    merged = _freeze(exact)
    for name_key, codes in _freeze(shortened).items():
        merged.setdefault(name_key, codes)
    return merged, by_code


def cldr_names() -> dict[str, tuple[str, ...]]:
    """Build the name index of the configured locales from Babel's CLDR data.

    This loads every configured locale (about 30 MiB in Babel's cache), so
    :func:`names` reads the same index from ``data/country_names.json``,
    generated from this function by ``tools/gen_cldr_tables.py``.
    """
    index: dict[str, set[str]] = {}
    for identifier in load_json("standardize", "countries.json")["name_locales"]:
        locale = parse_locale(identifier)
        if locale is None:  # pragma: no cover - the data file names known locales
            continue
        for name_key, codes in locale_names(locale)[0].items():
            index.setdefault(name_key, set()).update(codes)
    return _freeze(index)


@cache
def names() -> Mapping[str, tuple[str, ...]]:
    """Return the merged name index over the configured locales and aliases.

    Precedence: curated ambiguous names, then curated aliases, then CLDR
    names (a key that means different countries in different languages maps
    to all of them).
    """
    data = load_json("standardize", "countries.json")
    merged = {
        k: tuple(v) for k, v in load_json("standardize", "country_names.json")["names"].items()
    }
    for code, aliases in data["aliases"].items():
        for alias in aliases:
            merged[key(alias)] = (code,)
    for name, codes in data["ambiguous"].items():
        merged[key(name)] = tuple(sorted(codes))
    return merged

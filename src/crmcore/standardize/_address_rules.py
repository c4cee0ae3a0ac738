"""The address conventions of ``data/addresses.json``, compiled once."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from crmcore._data import load_json
from crmcore.standardize._fold import fold

__all__ = [
    "Conventions",
    "Markers",
    "StreetTypes",
    "conventions",
    "marker_key",
    "markers",
    "unique_types",
]

Layout = tuple[tuple[tuple[str, str], ...], ...]


_ASCII_NON_WORD = re.compile(r"[\W_]+", re.ASCII)


@lru_cache(maxsize=65536)
def marker_key(word: str) -> str:
    """Return the key a marker or street type is matched by ("UL." -> "ul")."""
    if word.isascii():
        # fold() of ASCII: lower case, apostrophes dropped and other
        # punctuation spaced; the spaces go here, so all punctuation goes.
        return _ASCII_NON_WORD.sub("", word.lower()) or word.strip(".")
    return fold(word).replace(" ", "") or word.strip(".")


class StreetTypes(NamedTuple):
    """Street types of one style, by key: canonical forms before/after the name."""

    before: dict[str, str]
    after: dict[str, str]
    suffix: tuple[tuple[str, str], ...]  # (ending as written, lower-case; canonical)
    following: dict[str, str]  # the "before" types also written after the name, moved before


class Conventions(NamedTuple):
    """How one country writes addresses."""

    country: str | None
    types: StreetTypes
    layout: Layout
    number_first: bool | None  # None: unknown, try both


class Markers(NamedTuple):
    """Words that mark the parts of an address, by key."""

    flat: frozenset[str]
    building: frozenset[str]
    building_parts: frozenset[str]
    locality: frozenset[str]
    region: frozenset[str]
    directionals: frozenset[str]
    lowercase: frozenset[str]


@cache
def markers() -> Markers:
    """Return the marker words, keyed by :func:`marker_key`."""
    data = load_json("standardize", "addresses.json")

    def keys(name: str) -> frozenset[str]:
        return frozenset(marker_key(w) for w in data[name])

    return Markers(
        flat=keys("flat_markers"),
        building=keys("building_markers"),
        building_parts=keys("building_parts"),
        locality=keys("locality_markers"),
        region=keys("region_markers"),
        directionals=frozenset(data["directionals"]),
        lowercase=frozenset(data["lowercase_words"]),
    )


def _style(name: str) -> StreetTypes:
    spec = load_json("standardize", "addresses.json")["styles"][name]
    before = {marker_key(v): c for c, vs in spec.get("before", {}).items() for v in vs}
    after = {marker_key(v): c for c, vs in spec.get("after", {}).items() for v in vs}
    suffix = tuple(
        (v, c) for c, vs in spec.get("suffix", {}).items() for v in sorted(vs, key=len)[::-1]
    )
    return StreetTypes(before, after, suffix, before if spec.get("type_may_follow") else {})


def _unambiguous(tables: list[dict[str, str]]) -> dict[str, str]:
    merged: dict[str, str] = {}
    clashes: set[str] = set()
    for table in tables:
        for k, canonical in table.items():
            if merged.get(k, canonical) != canonical:
                clashes.add(k)
            merged[k] = canonical
    # One-letter abbreviations ("r", "v", "g") say too little without a country.
    return {k: v for k, v in merged.items() if k not in clashes and len(k) > 1}


@cache
def _all_styles() -> StreetTypes:
    """Street types of every style where they mean the same everywhere."""
    styles = [_style(name) for name in load_json("standardize", "addresses.json")["styles"]]
    return StreetTypes(
        before=_unambiguous([s.before for s in styles]),
        after=_unambiguous([s.after for s in styles]),
        suffix=(),
        following=_unambiguous([s.following for s in styles if s.following]),
    )


def _layout(spec: list[list[list[str]]], flat: str) -> Layout:
    return tuple(
        tuple((flat if prefix == "{flat}" else prefix, name) for prefix, name in component)
        for component in spec
    )


@cache
def conventions(country: str | None) -> Conventions:
    """Return the conventions of ``country`` (alpha-2), or the neutral ones for ``None``."""
    data = load_json("standardize", "addresses.json")
    spec = data["countries"].get(country or "", {})
    default = data["default"]
    layout = _layout(spec.get("layout", default["layout"]), spec.get("flat", default["flat"]))
    if country is None:
        return Conventions(None, _all_styles(), layout, None)
    types = _style(spec["style"]) if "style" in spec else StreetTypes({}, {}, (), {})
    return Conventions(country, types, layout, country in data["number_first"])


@cache
def unique_types() -> dict[str, str]:
    """Return street-type keys that belong to one country only, with that country."""
    owners: dict[str, set[str]] = {}
    for country, spec in load_json("standardize", "addresses.json")["countries"].items():
        types = _style(spec["style"])
        for k in [*types.before, *types.after]:
            owners.setdefault(k, set()).add(country)
    return {k: next(iter(c)) for k, c in owners.items() if len(c) == 1 and len(k) > 2}

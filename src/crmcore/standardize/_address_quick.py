"""The reader of the commonest one-line addresses, in one pass.

Most street addresses in a record are a street line alone, or a street with
its house number and flat as components of their own: ``"ul. Marszałkowska
12/4"``, ``"Ερμού 15"``, ``"1600 Pennsylvania Avenue NW"``, ``"вул. Хрещатик,
22, кв. 5"``, ``"ул. Тверская, д. 7, кв. 12"``. :func:`quick_parse` reads
those as :func:`~crmcore.standardize._address_parse.parse` does, making the
same tests in the same order, and gives up (``None``) as soon as a component
would take another road (a postal code, a locality, a region, a second flat,
a country named in the text...), leaving the text to the general reader.

It is not a second set of rules: each test is the general reader's own
function (:func:`marker_key`, :func:`is_street`, :func:`postal_in`,
:func:`split_street`...), and Hypothesis properties check that whatever it
reads is what the general reader reads.
"""

from __future__ import annotations

from typing import NamedTuple

from crmcore.standardize._address_parse import (
    _DECIMAL,
    _HOUSE_NUMBER,
    Fields,
    _names,
    _unglue,
    components_of,
    is_street,
    looks_postal,
    postal_in,
    split_street,
)
from crmcore.standardize._address_rules import conventions, marker_key, markers

__all__ = ["Street", "quick_parse", "quick_read"]


class Street(NamedTuple):
    """How a reading split its street line, and what came out."""

    #: The line, the country, and whether the building and the flat were
    #: still to be found (no component of their own gave them).
    how: tuple[str, str, bool, bool]
    #: The street, building and flat the split gave.
    split: tuple[str | None, str | None, str | None]


def quick_parse(text: str, country: str, locale: str | None) -> Fields | None:
    """Return ``parse(text, country=country, locale=locale)``'s parts, or ``None``.

    ``None`` means that the text is not in the shapes read here (or that the
    general reader would report a suspect postal code); the parts returned are
    always those the general reader finds, with no suspect.

    >>> quick_parse("вул. Хрещатик, 22, кв. 5", "UA", None)
    Fields(street='вул. Хрещатик', building='22', flat='5', extra=None, postal_code=None,
    locality=None, region=None, country='UA')
    >>> quick_parse("ul. Marszałkowska 12/4, 00-590 Warszawa", "PL", None) is None
    True
    """
    found = quick_read(text, country, locale)
    return found[0] if found is not None else None


def quick_read(  # noqa: C901, PLR0912 - one decision chain, kept whole to mirror parse
    text: str, country: str, locale: str | None, known: Street | None = None
) -> tuple[Fields, Street] | None:
    """Do :func:`quick_parse`, and tell how the street line was split.

    ``known`` is how an earlier reading split a street line: when this
    reading splits the same line of the same country with the same flags,
    the split is taken from it (:func:`split_street` is a pure function).
    """
    components = [_unglue(c) for c in components_of(text)]
    if not components:
        return None
    # The general reader pops a last component that names a country and reads
    # the rest in that country; a country named anywhere else is not read here.
    last = components[-1]
    named = None if _DECIMAL.search(last) else _names(last, locale)
    if named is not None:
        components.pop()
        country = named
    for component in components if named is not None else components[:-1]:
        if _DECIMAL.search(component) is None and _names(component, locale) is not None:
            return None
    rules = conventions(country)
    found = markers()
    street_text: str | None = None
    building: str | None = None
    flat: str | None = None
    unknown: str | None = None
    for component in components:
        words = component.split(" ")
        head = marker_key(words[0])
        several = len(words) >= 2
        # The marked components (_Draft._read_marked), in its order.
        if len(words) == 2 and (head in found.flat or words[0] == "#"):
            if flat is not None:
                return None  # a second flat: a conflict, kept in extra
            flat = words[1]
            continue
        if several and head in found.building:
            if building is not None:
                return None
            building = " ".join(words[1:])
            continue
        if several and (head in found.building_parts or head in found.locality):
            return None
        if not found.region.isdisjoint(map(marker_key, words)):
            return None
        # The unmarked ones (_Draft.read), in its order.
        if street_text is None and is_street(words, rules):
            street_text = component
        elif _HOUSE_NUMBER.fullmatch(component):
            # Neither a postal code (alone, or by the bare-number rule) nor
            # suspect: a house number, if there is none yet.
            if (
                building is not None
                or looks_postal(component)
                or postal_in(component, country) is not None
            ):
                return None
            building = component
        elif unknown is None and not _holds_postal(words, country):
            unknown = component
        else:
            return None
    if unknown is not None:
        # Without a street line, one unknown component with a letter and a
        # digit is the street (_Draft.finish); else it would be the locality.
        if street_text is not None or not _named_and_numbered(unknown):
            return None
        street_text = unknown
    if street_text is None:
        return None
    how = (street_text, country, building is None, flat is None)
    if known is not None and known.how == how:
        split = known.split
    else:
        split = split_street(street_text, rules, numbers=how[2], flats=how[3])
    # The tuple of Fields built at C speed: Fields(street, building, flat,
    # extra, postal_code, locality, region, country).
    fields = tuple.__new__(
        Fields,
        (split[0], building or split[1] or None, flat or split[2], None, None, None, None, country),
    )
    return fields, Street(how, split)


def _holds_postal(words: list[str], country: str) -> bool:
    """Whether ``_Draft.take_postal`` would find a postal code in, or suspect, these words."""
    for size in (2, 1):
        for start in range(len(words) - size, -1, -1):
            if postal_in(" ".join(words[start : start + size]), country) is not None:
                return True
    return any(looks_postal(w) for w in words)


def _named_and_numbered(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and any(ch.isdigit() for ch in text)

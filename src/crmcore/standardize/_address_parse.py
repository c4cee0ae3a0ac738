"""Reading a one-line address into its parts, and writing the parts back.

The reader splits the text at commas into components and tells each one's
role by its marker words (``ul.``, ``вул.``, ``кв.``, ``д.``, ``м.``,
``обл.``, ``Apt``), its street type, a postal code of the country, or its
shape (a bare house number). What is left is the street (when none was
found), the locality (the last such component) or, kept verbatim, ``extra``.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from crmcore.standardize import countries, postal_codes
from crmcore.standardize._address_rules import (
    Conventions,
    conventions,
    marker_key,
    markers,
    unique_types,
)
from crmcore.standardize.postal_codes import _is_prefix

__all__ = [
    "Fields",
    "components",
    "components_of",
    "fix_case",
    "is_street",
    "looks_postal",
    "parse",
    "postal_in",
    "reads_back",
    "render",
    "render_street",
    "split_street",
]

_SEPARATORS = re.compile(r"[,;\n]")
#: A postal code's shape: groups of at least this many digits, or one run of at least _POSTAL_RUN.
_POSTAL_GROUP = 2
_POSTAL_RUN = 4
_HOUSE_NUMBER = re.compile(r"\d{1,5}[^\W\d_]?(?:[/-]\d{1,5}[^\W\d_]?)?")
_GLUED = re.compile(r"(?<!\w)([^\W\d_]{1,12}\.)(?=[^\W_])")
_LENIENT_POSTAL = re.compile(r"\d{4,6}|\d{2,5}-\d{2,5}")
_STATE = re.compile(r"[A-Z]{2}")
_PL_POSTAL = re.compile(r"\d{2}-\d{3}")
_ROMAN = re.compile(r"[IVXLCDM]+")
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_DECIMAL = re.compile(r"\d")


def components_of(text: str) -> list[str]:
    """Return the components of a one-line address: its non-empty pieces between separators.

    Commas, semicolons and line breaks separate components; the white space
    around each piece goes. (A split and a strip: a pattern taking the white
    space on either side of a separator would retry every run of spaces from
    each of its positions.)

    >>> components_of("ul. Długa 5 ;  00-238 Warszawa,, PL")
    ['ul. Długa 5', '00-238 Warszawa', 'PL']
    """
    parts = _SEPARATORS.split(text) if ";" in text or "\n" in text else text.split(",")
    return [piece for part in parts if (piece := part.strip())]


def looks_postal(text: str) -> bool:
    """Return whether ``text`` is shaped like a postal code: decimal digits in groups.

    That is four digits or more, or groups of two digits or more separated by
    one hyphen or space each (``"00950"``, ``"101-000"``, ``"12 34 56"``).
    Read group by group, in one pass: no pattern retries the ways of
    splitting a long run of digits.

    >>> looks_postal("0095"), looks_postal("12-345"), looks_postal("1-2345"), looks_postal("123")
    (True, True, False, False)
    """
    groups = text.replace("-", " ").split(" ")
    if not all(len(group) >= _POSTAL_GROUP and group.isdecimal() for group in groups):
        return False
    return len(groups) > 1 or len(text) >= _POSTAL_RUN


class Fields(NamedTuple):
    """The parts of an address, as the reader finds them."""

    street: str | None = None
    building: str | None = None
    flat: str | None = None
    extra: str | None = None
    postal_code: str | None = None
    locality: str | None = None
    region: str | None = None
    country: str | None = None


def fix_case(text: str) -> str:
    """Return ``text`` in title case if it is written all in capitals.

    Roman numerals, US directionals and two-letter words stay as they are;
    particles ("den", "de") are lower case.

    >>> fix_case("UNTER DEN LINDEN"), fix_case("JANA PAWŁA II"), fix_case("Hauptstraße")
    ('Unter den Linden', 'Jana Pawła II', 'Hauptstraße')
    """
    if not text.isupper() or sum(ch.isalpha() for ch in text) < 3:
        return text
    words = []
    for index, word in enumerate(text.split(" ")):
        if _ROMAN.fullmatch(word) or word in markers().directionals:
            words.append(word)
        elif index and word.lower() in markers().lowercase:
            words.append(word.lower())
        else:
            words.append(word[:1] + word[1:].lower())
    return " ".join(words)


@cache
def _glued_markers() -> frozenset[str]:
    """Return the keys of abbreviations that :func:`_unglue` separates from their word."""
    m = markers()
    types = conventions(None).types
    return (
        m.flat
        | m.building
        | m.building_parts
        | m.locality
        | set(types.before)
        | set(unique_types())
    )


def _spaced(found: re.Match[str]) -> str:
    return found[1] + " " if marker_key(found[1]) in _glued_markers() else found[1]


def _unglue(component: str) -> str:
    """Put a space after a known abbreviation glued to its word ("вул.Хрещатик")."""
    dots = component.count(".")
    if not dots or dots == component.count(". ") + component.endswith("."):
        # Every glued abbreviation ends with a dot followed by a letter or
        # digit: with each dot followed by a space or ending the text, none is.
        return component
    return _GLUED.sub(_spaced, component)


def _split_numbers(
    words: list[str], rules: Conventions, *, numbers: bool, flats: bool
) -> tuple[list[str], str | None, str | None]:
    """Take the flat and house number off a street line's words."""
    flat = building = None
    found = markers()
    if flats and len(words) >= 3 and marker_key(words[-2]) in found.flat:
        flat, words = words[-1], words[:-2]
    parts_at = 0
    if len(words) > 2:  # a street word and a number come first
        keys = list(map(marker_key, words[2:]))
        if not found.building_parts.isdisjoint(keys):
            parts_at = 2 + next(i for i, k in enumerate(keys) if k in found.building_parts)
    if numbers and parts_at and _HOUSE_NUMBER.fullmatch(words[parts_at - 1]):
        # "Тверская 7 корп. 2": the number and its parts make the building.
        building, words = " ".join(words[parts_at - 1 :]), words[: parts_at - 1]
    elif numbers and len(words) >= 2:
        if rules.number_first is not True and _HOUSE_NUMBER.fullmatch(words[-1]):
            building, words = words[-1], words[:-1]
        elif rules.number_first is not False and _HOUSE_NUMBER.fullmatch(words[0]):
            building, words = words[0], words[1:]
    return words, building, flat


def _street_name(words: list[str], rules: Conventions) -> str | None:
    """Return the street with its type in the country's form and its name's case fixed."""
    types = rules.types
    street_type = types.before.get(marker_key(words[0])) if len(words) > 1 else None
    if street_type is not None:
        words = words[1:]
    elif types.following and len(words) > 1:
        # "Тверская ул.": the type written after the name goes before it.
        at = _following_type(words, types.following)
        if at:
            street_type = types.following[marker_key(words[at])]
            words = words[:at] + words[at + 1 :]
    joined = " ".join(words)
    # fix_case changes only text in capitals; words hold no spaces, so the
    # words of text it leaves alone are the words themselves.
    name = fix_case(joined).split(" ") if joined.isupper() else list(words)
    end = len(name)
    directionals = markers().directionals
    while end > 1 and name[end - 1] in directionals:
        end -= 1
    last = name[end - 1]
    key = marker_key(last) if end > 1 else None
    if key is not None and key in types.after:
        name[end - 1] = types.after[key]
    elif types.suffix and (lowered := last.lower()).endswith(_endings(rules.country)):
        for ending, canonical in types.suffix:
            if lowered.endswith(ending) and len(lowered) > len(ending):
                name[end - 1] = last[: len(lowered) - len(ending)] + canonical
                break
    if street_type:
        name.insert(0, street_type)
    return " ".join(filter(None, name)) or None


def _following_type(words: list[str], following: dict[str, str]) -> int:
    """Return the index of the last word after the first that is a type written after the name.

    0 when there is none.
    """
    for at in range(len(words) - 1, 0, -1):
        if marker_key(words[at]) in following:
            return at
    return 0


@lru_cache(maxsize=512)
def _endings(country: str | None) -> tuple[str, ...]:
    """Return the country's street-type endings, for one ``str.endswith`` test."""
    return tuple(ending for ending, _ in conventions(country).types.suffix)


def split_street(
    text: str, rules: Conventions, *, numbers: bool = True, flats: bool = True
) -> tuple[str | None, str | None, str | None]:
    """Split a street line into (street with its type normalised, building, flat).

    With ``numbers`` or ``flats`` false, a house number or flat found in the
    line stays in the street (the address already has one from elsewhere).
    """
    words, building, flat = _split_numbers(text.split(" "), rules, numbers=numbers, flats=flats)
    return _street_name(words, rules), building, flat


def is_street(words: list[str], rules: Conventions) -> bool:
    """Return whether a component's words are a street line by its street type."""
    types = rules.types
    if len(words) > 1 and marker_key(words[0]) in types.before:
        return True
    if not types.after.keys().isdisjoint(map(marker_key, words[1:])):
        return True
    if types.following and _following_type(words, types.following):
        return True
    if not types.suffix:
        return False
    last = words[-1].lower()
    return last.endswith(_endings(rules.country)) and any(
        last.endswith(e) and len(last) > len(e) for e, _ in types.suffix
    )


def postal_in(span: str, country: str | None) -> str | None:
    """Return the postal code ``span`` is in ``country`` (leniently without one), or ``None``."""
    if _DECIMAL.search(span) is None and not _has_digit(span):
        return None
    if country is None or country not in postal_codes.known_countries():
        return span if _LENIENT_POSTAL.fullmatch(span) else None
    return postal_codes.canonical(span.upper(), country)


class _Draft:
    """The parts found so far; each component is read once."""

    def __init__(self, rules: Conventions) -> None:
        self.rules = rules
        self.street: str | None = None
        self.street_text: str | None = None
        self.building: str | None = None
        self.building_parts: list[str] = []
        self.flat: str | None = None
        self.postal_code: str | None = None
        self.locality: str | None = None
        self.regions: list[str] = []
        self.unknown: list[str] = []
        self.conflicts: list[str] = []
        self.numbers: list[str] = []
        self.seen = 0
        self.suspect: str | None = None

    def take_street(self, text: str) -> None:
        street, building, flat = split_street(
            text, self.rules, numbers=self.building is None, flats=self.flat is None
        )
        self.street = street
        self.building = self.building or building
        self.flat = self.flat or flat

    def is_street(self, words: list[str]) -> bool:
        return is_street(words, self.rules)

    def take_postal(self, component: str, words: list[str]) -> bool:
        for size in (2, 1):
            for start in range(len(words) - size, -1, -1):
                span = " ".join(words[start : start + size])
                code = self._postal(span)
                if code is not None:
                    self.postal_code = code
                    before = self._without_label(words[:start])
                    self._rest_of_postal(before + words[start + size :])
                    return True
        if self.suspect is None and any(looks_postal(w) for w in words):
            self.suspect = component
        return False

    def _without_label(self, words: list[str]) -> list[str]:
        """Return the words before a postal code without its label ("Τ.Κ.", "Τ. Κ.", "PL")."""
        for size in (1, 2):
            if len(words) >= size and _is_prefix(" ".join(words[-size:]), self.rules.country):
                return words[:-size]
        return words

    def _postal(self, span: str) -> str | None:
        return postal_in(span, self.rules.country)

    def _rest_of_postal(self, rest: list[str]) -> None:
        if not rest:
            return
        if self.rules.country in {"US", "CA"} and _STATE.fullmatch(rest[-1]):
            self.regions.append(rest[-1])
            rest = rest[:-1]
        if rest:
            self.unknown.append(" ".join(rest))

    def _read_marked(self, component: str, words: list[str]) -> bool:
        """Read a component led by a marker word ("кв. 7", "д. 5", "м. Київ")."""
        m = markers()
        head = marker_key(words[0])
        if len(words) == 2 and (head in m.flat or words[0] == "#"):
            if self.flat is None:
                self.flat = words[1]
            else:  # a second flat is kept as written
                self.conflicts.append(component)
        elif len(words) >= 2 and head in m.building:
            if self.building is None:
                self.building = " ".join(words[1:])
            else:
                self.conflicts.append(component)
        elif len(words) >= 2 and head in m.building_parts:
            self.building_parts.append(component)
        elif len(words) >= 2 and head in m.locality and self.locality is None:
            self.locality = fix_case(self._strip_locality_marker(component))
        elif not m.region.isdisjoint(map(marker_key, words)):
            self.regions.append(component)
        else:
            return False
        return True

    def may_hold_postal(self) -> bool:
        """Whether the component being read may hold a postal code among words.

        Without a country the postal format is unknown, and the first line is
        the street's: its number is no postal code.
        """
        return self.rules.country is not None or self.seen > 1

    def read(self, component: str) -> None:
        """Read one component and note its role."""
        self.seen += 1
        words = component.split(" ")
        if self._read_marked(component, words):
            return
        if self.street_text is None and self.is_street(words):
            self.street_text = component
        elif _HOUSE_NUMBER.fullmatch(component) and self._postal(component) is not None:
            # "01001" alone may be a postal code or a house number: decided at the end.
            self.numbers.append(component)
        elif (
            self.postal_code is None
            and self.may_hold_postal()
            and self.take_postal(component, words)
        ):
            pass
        elif self.building is None and _HOUSE_NUMBER.fullmatch(component):
            self.building = component
        else:
            self.unknown.append(component)

    def _settle_numbers(self) -> None:
        """Give bare numbers their roles: the last one the postal code, then the building."""
        for index in range(len(self.numbers) - 1, -1, -1):
            if self.postal_code is None:
                self.postal_code = self._postal(self.numbers.pop(index))
        for number in self.numbers:
            if self.building is None:
                self.building = number
            else:
                self.conflicts.append(number)

    def finish(self) -> Fields:
        self._settle_numbers()
        unknown = list(self.unknown)
        if self.street_text is not None:
            self.take_street(self.street_text)
        else:
            # A street has a number, or is the first of several unknown lines;
            # a lone name is more likely the locality.
            named = [i for i, text in enumerate(unknown) if any(ch.isalpha() for ch in text)]
            numbered = [i for i in named if any(ch.isdigit() for ch in unknown[i])]
            chosen = numbered[:1] or (named[:1] if len(named) > 1 else [])
            for index in chosen:
                self.take_street(unknown.pop(index))
        if self.locality is None:
            for index in range(len(unknown) - 1, -1, -1):
                if any(ch.isalpha() for ch in unknown[index]):
                    self.locality = fix_case(self._strip_locality_marker(unknown.pop(index)))
                    break
        building = " ".join([self.building, *self.building_parts] if self.building else [])
        extra = [*self.conflicts, *(self.building_parts if not self.building else []), *unknown]
        return Fields(
            street=self.street,
            building=building or None,
            flat=self.flat,
            extra=", ".join(extra) or None,
            postal_code=self.postal_code,
            locality=self.locality,
            region=", ".join(self.regions) or None,
            country=self.rules.country,
        )

    @staticmethod
    def _strip_locality_marker(text: str) -> str:
        words = text.split(" ")
        while len(words) >= 2 and marker_key(words[0]) in markers().locality:
            words = words[1:]
        return " ".join(words)


def _infer_country(components: list[str]) -> str | None:
    found: set[str] = set()
    for component in components:
        words = component.split(" ")
        if any(_PL_POSTAL.fullmatch(w) for w in words):
            found.add("PL")
        owner = unique_types().get(marker_key(words[0]))
        if owner is not None:
            found.add(owner)
        if _GREEK.search(component):
            found.add("GR")
    return found.pop() if len(found) == 1 else None


def _has_letter(text: str) -> bool:
    if text.isascii():
        return _ASCII_LETTER.search(text) is not None
    return any(ch.isalpha() for ch in text)


def _has_digit(text: str) -> bool:
    if _DECIMAL.search(text) is not None:
        return True  # a decimal digit (Nd) is a digit
    if text.isascii() or _letters_alone(text):
        return False  # no digit of another kind (a superscript) either
    return any(ch.isdigit() for ch in text)


def _letters_alone(text: str) -> bool:
    """Whether ``text`` is letters, with spaces, stops, hyphens and apostrophes, and a letter."""
    # str.replace is cheaper than str.translate through a dict on short text.
    return text.replace(" ", "").replace(".", "").replace("-", "").replace("'", "").isalpha()


def _names(component: str, locale: str | None) -> str | None:
    """Return the country a component names, if it is nothing but a country."""
    if _DECIMAL.search(component) is not None:
        return None  # the commonest case of _has_digit, first
    # Letters alone hold a letter and no digit of any kind: no letter is a digit.
    if not _letters_alone(component) and (_has_digit(component) or not _has_letter(component)):
        return None
    if locale is None:
        return countries.lookup(component)  # the same answer, a cheaper cache key
    return countries.lookup(component, locale=locale)


def parse(text: str, *, country: str | None, locale: str | None) -> tuple[Fields, str | None]:
    """Read a tidied one-line address; return its parts and a suspect postal code.

    ``country`` is the default country (alpha-2), overridden by a country named
    at the end of the text. The suspect is a component holding a number that
    looks like a postal code but is not one of the country.
    """
    components = [_unglue(c) for c in components_of(text)]
    names = [_names(c, locale) for c in components]
    named = names[-1] if names else None
    if named is not None:
        components.pop()
        names.pop()
        country = named
    elif country is None:
        country = next(filter(None, names), None)
    # The country may also stand elsewhere ("125009, Россия, г. Москва, ..."):
    # a component naming the country already known is dropped.
    if country is not None and country in names:
        components = [c for c, n in zip(components, names, strict=True) if n != country]
    if country is None:
        country = _infer_country(components)
    draft = _Draft(conventions(country))
    for component in components:
        draft.read(component)
    fields = draft.finish()
    return fields, (draft.suspect if fields.postal_code is None else None)


def reads_back(text: str, fields: Fields, *, country: str | None, locale: str | None) -> bool:
    """Return whether ``parse(tidy(render(fields)))`` surely gives ``fields`` again.

    ``fields`` is what :func:`parse` read in ``text`` with ``country``. That is
    so without reading again when the canonical line is the text itself with
    the country's code appended: the code is read as the trailing country and
    taken off (``country`` being that code, and the code naming it), and
    what is left is the very list of components that gave ``fields``, read
    with the same country, as no country was named at the end of ``text``.
    The caller checks that the canonical line is clean (tidy changes nothing).

    >>> text = "ul. Marszałkowska 12/4"
    >>> fields = parse(text, country="PL", locale=None)[0]
    >>> reads_back(text, fields, country="PL", locale=None)
    True
    """
    if country is None or fields.country != country:
        return False
    if render(fields) != f"{text}, {country}":
        return False
    if _names(country, locale) != country:
        return False
    last = next(reversed(components_of(text)), "")
    # A component with a digit names no country (ungluing adds none).
    return not last or _has_digit(last) or _names(_unglue(last), locale) is None


@lru_cache(maxsize=512)
def _layout(country: str | None) -> tuple[tuple[tuple[str, int], ...], ...]:
    """Return the country's layout with each part as its index in :class:`Fields`."""
    index = {name: at for at, name in enumerate(Fields._fields)}
    return tuple(
        tuple((prefix, index[name]) for prefix, name in component)
        for component in conventions(country).layout
    )


def components(fields: Fields) -> list[str]:
    """Return the address's components in the country's order, without the country."""
    found = []
    for layout in _layout(fields.country):
        if len(layout) == 1:  # most components hold one part: no list to join
            prefix, at = layout[0]
            part = fields[at]
            if part and (text := (prefix + part).strip()):
                found.append(text)
            continue
        text = "".join([prefix + part for prefix, at in layout if (part := fields[at])]).strip()
        if text:
            found.append(text)
    return found


@lru_cache(maxsize=512)
def _street_layout(country: str | None) -> tuple[tuple[tuple[str, int], ...], ...]:
    """Return the components of the country's layout that hold the street, building or flat."""
    return tuple(
        component
        for component in _layout(country)
        if any(at in _STREET_PARTS for _, at in component)
    )


_STREET_PARTS = frozenset({Fields._fields.index(p) for p in ("street", "building", "flat")})


def render_street(fields: Fields) -> str:
    """Return :func:`render` of parts that hold no more than a street, building, flat and country.

    The other components of the layout would be empty, and are left out
    without looking.

    >>> render_street(Fields(street="вул. Хрещатик", building="22", flat="5", country="UA"))
    'вул. Хрещатик, буд. 22, кв. 5, UA'
    >>> render_street(Fields(street="Main Street", building="1"))
    'Main Street 1'
    """
    found = []
    for layout in _street_layout(fields.country):
        text = "".join([prefix + part for prefix, at in layout if (part := fields[at])]).strip()
        if text:
            found.append(text)
    if fields.country:
        found.append(fields.country)
    return ", ".join(found)


def render(fields: Fields) -> str:
    """Write the parts on one line, in the country's order, the country code last."""
    found = components(fields)
    if fields.country:
        found.append(fields.country)
    return ", ".join(found)

"""Postal addresses: one-line text or parts, to one canonical :class:`Address`.

A one-line address is read component by component (commas separate them):

>>> from crmcore.standardize import addresses
>>> a = addresses.validate("UL. MARSZAŁKOWSKA 10/12 m. 5, 00590 Warszawa", country="PL")
>>> a.street, a.building, a.flat, a.postal_code, a.locality
('ul. Marszałkowska', '10/12', '5', '00-590', 'Warszawa')
>>> str(a)
'ul. Marszałkowska 10/12 m. 5, 00-590 Warszawa, PL'
>>> moscow = "г. Москва, ул Тверская, д. 7, кв. 12, 125009"
>>> str(addresses.validate(moscow, country="RU"))
'ул. Тверская, д. 7, кв. 12, Москва, 125009, RU'

What is standardised:

* the street type, per country (``data/addresses.json``): ``ulica``/``ul`` ->
  ``ul.``, ``вулиця``/``вул.Хрещатик`` -> ``вул.``, ``улица`` -> ``ул.``,
  ``проспект``/``пр-т`` -> ``просп.``; a Russian or Ukrainian type written
  after the name goes before it (``Баумана ул.`` -> ``ул. Баумана``); Greek
  ``Οδός``/``Οδ.`` is dropped, as Greek addresses write the name alone
  (``Ερμού 25``); German ``Hauptstr.``
  -> ``Hauptstraße``; British types are written out (``Street``, ``Road``, as
  Royal Mail prefers) and American ones abbreviated as USPS does (``St``,
  ``Ave``, ``Blvd``); a name written in capitals is put in title case;
* the house number (``building``) and flat (``flat``) are split off; their
  markers (``д.``, ``буд.``, ``m.``, ``кв.``, ``lok.``, ``Apt``, ``Flat``)
  are dropped, and the country's own marker is written back: ``"10/12"``
  stays one building number, as it cannot be told from "house 10, flat 12";
* the postal code is checked and canonical (:mod:`postal_codes`), without
  the label or country prefix written before it (``Τ.Κ.``, ``PL``); a number
  that looks like a postal code but is not one of the country is an error
  (``postal_code.bad_format``);
* the locality loses its marker (``м. Київ``, ``г. Москва``, ``с.``);
  regions (``Київська обл.``, ``woj. mazowieckie``, a US state before the
  ZIP code) are kept as written;
* the country comes from ``country=``, a country named at the end of the text
  (any language), or, failing both, from unmistakable signs (a Polish
  ``00-000`` postal code, a street type of one country only, Greek script).

Addresses are messy, so nothing is dropped: a component that fits nowhere is
kept verbatim in ``extra``. ``str(address)`` is the canonical one-line form,
in the country's order, ending with the country code; reading it gives the
same address back.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, NoReturn

import attrs

from crmcore._countries import optional_country
from crmcore._data import load_json
from crmcore.errors import ValidationError
from crmcore.standardize import countries, postal_codes
from crmcore.standardize._address_parse import (
    Fields,
    _names,
    components,
    fix_case,
    parse,
    reads_back,
    render,
    render_street,
    split_street,
)
from crmcore.standardize._address_quick import quick_read
from crmcore.standardize._address_rules import conventions, marker_key, markers
from crmcore.standardize._base import MAX_INPUT_LENGTH, N_, HintForm, fail, require_text
from crmcore.standardize._fold import tidy
from crmcore.standardize._mojibake import check_mojibake, check_read_again

if TYPE_CHECKING:
    from gettext import NullTranslations

__all__ = ["FIELD", "HINT", "PARTS", "Address", "example", "format", "is_valid", "validate"]

#: The field name used in errors and reason codes (``address.empty``).
FIELD = "address"

#: The parts an address has, and the keys a mapping given to :func:`validate` may use.
PARTS = ("street", "building", "flat", "extra", "postal_code", "locality", "region", "country")

_HINT = "a street with its number, a postal code and a locality"
_ROUNDS = 8

Style = Literal["line", "local", "lines"]

_optional_text = attrs.validators.optional(attrs.validators.instance_of(str))


@attrs.frozen(kw_only=True)
class Address:
    """A postal address in canonical form.

    ``str(a)`` is the canonical one-line text; ``validate(str(a)) == a``.

    Attributes:
        street: The street with its type normalised (``"ul. Marszałkowska"``).
        building: The house number (``"10/12"``, ``"7 корп. 2"``), without marker.
        flat: The flat or unit (``"5"``, ``"4B"``), without marker.
        extra: Components that fit no part, kept verbatim (a building name, a district).
        postal_code: The postal code, canonical for the country.
        locality: The city, town or village, without its marker.
        region: The region, district or state, as written.
        country: The ISO 3166-1 alpha-2 code (given in any case; a value
            that is not a code raises ``country.unknown``).
    """

    street: str | None = attrs.field(default=None, validator=_optional_text)
    building: str | None = attrs.field(default=None, validator=_optional_text)
    flat: str | None = attrs.field(default=None, validator=_optional_text)
    extra: str | None = attrs.field(default=None, validator=_optional_text)
    postal_code: str | None = attrs.field(default=None, validator=_optional_text)
    locality: str | None = attrs.field(default=None, validator=_optional_text)
    region: str | None = attrs.field(default=None, validator=_optional_text)
    country: str | None = attrs.field(default=None, converter=optional_country)

    def __str__(self) -> str:
        return render(_fields(self))


def _fields(address: Address) -> Fields:
    return Fields(**{name: getattr(address, name) for name in PARTS})


def _named_country(country: object) -> str | None:
    """Return the code of the country a part of the address names (a name or a code)."""
    if country is None:
        return None
    try:
        return countries.validate(country)
    except ValidationError as exc:
        raise exc.at(FIELD) from exc


def _settle(fields: Fields, raw: object, locale: str | None) -> Address:
    """Return the address whose one-line text reads back as itself."""
    for _ in range(_ROUNDS):
        if not any(getattr(fields, name) for name in PARTS if name != "country"):
            fail(f"{FIELD}.empty", N_("the value is empty"), field=FIELD, value=raw, hint=_HINT)
        again, suspect = parse(tidy(render(fields)), country=fields.country, locale=locale)
        if suspect is not None and again.country in postal_codes.known_countries():
            _bad_postal(raw, again.country)
        if again == fields:
            return Address(**fields._asdict())
        fields = again
    return fail(  # pragma: no cover - only rare junk fails to settle; none is known today
        "address.unparseable",
        N_("the address cannot be read consistently"),
        field=FIELD,
        value=raw,
        hint=_HINT,
    )


def _bad_postal(raw: object, country: str | None) -> NoReturn:
    fail(
        "postal_code.bad_format",
        N_("the postal code does not match the country's format"),
        field=f"{FIELD}.postal_code",
        value=raw,
        hint=postal_codes.example(country),
    )


def _part(parts: Mapping[object, object], name: str) -> str | None:
    value = parts.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        fail(
            f"{FIELD}.not_text",
            N_("the value is not text"),
            field=f"{FIELD}.{name}",
            value=value,
            hint=_HINT,
        )
    if len(value) > MAX_INPUT_LENGTH:  # the cap of one-line text holds for each part
        fail(
            f"{FIELD}.too_long",
            N_("the value is too long"),
            field=f"{FIELD}.{name}",
            value=value,
            hint=_HINT,
        )
    if not value.isascii():
        check_mojibake(value, field=f"{FIELD}.{name}")
    return tidy(value) or None


def _from_parts(parts: Mapping[object, object], country: str | None) -> Fields:
    unknown = sorted(str(k) for k in parts if k not in PARTS)
    if unknown:
        fail(
            f"{FIELD}.unknown_part",
            N_("the address has a part that is not known"),
            field=FIELD,
            value=unknown,
            hint=", ".join(PARTS),
        )
    given = {name: _part(parts, name) for name in PARTS}
    if not any(given.values()):
        fail(f"{FIELD}.empty", N_("the value is empty"), field=FIELD, value=dict(parts), hint=_HINT)
    country = _named_country(given["country"]) if given["country"] else country
    rules = conventions(country)
    street, building, flat = given["street"], given["building"], given["flat"]
    if street:
        found = split_street(street, rules)
        street, building, flat = found[0], building or found[1], flat or found[2]
    postal = given["postal_code"]
    if postal and country:
        try:
            postal = postal_codes.validate(postal, country=country)
        except ValidationError as exc:
            raise exc.at(FIELD) from exc
    locality = given["locality"]
    if locality:
        words = locality.split(" ")
        if len(words) > 1 and marker_key(words[0]) in markers().locality:
            locality = " ".join(words[1:])
        locality = fix_case(locality)
    return Fields(
        street=street,
        building=building,
        flat=flat,
        extra=given["extra"],
        postal_code=postal,
        locality=locality,
        region=given["region"],
        country=country,
    )


def validate(raw: object, *, country: str | None = None, locale: str | None = None) -> Address:
    """Return the canonical address of a one-line text or a mapping of parts.

    Args:
        raw: One line (``"ul. Marszałkowska 10/12 m. 5, 00-590 Warszawa"``),
            or a mapping with any of the keys in :data:`PARTS`.
        country: The default country, an ISO 3166-1 alpha-2 code in any
            case; a country named in the text wins.
        locale: The language country names in the text are written in, when
            it is not one of the built-in ones.

    Returns:
        The :class:`Address`.

    Raises:
        ValidationError: ``address.empty``, ``address.not_text``,
            ``address.too_long``, ``address.unknown_part``,
            ``postal_code.bad_format`` (field ``address.postal_code``),
            ``country.unknown`` (field ``address.country``: the text or the
            parts name no country; field ``country``: the ``country``
            argument is not an ISO 3166-1 alpha-2 code).

    >>> validate("Ερμού 25, 10563 Αθήνα")
    Address(street='Ερμού', building='25', flat=None, extra=None, postal_code='105 63',
    locality='Αθήνα', region=None, country='GR')
    >>> berlin = {"street": "Hauptstr. 5", "postal_code": "10115", "locality": "BERLIN"}
    >>> str(validate(berlin, country="DE"))
    'Hauptstraße 5, 10115 Berlin, DE'
    """
    code = optional_country(country)
    if type(raw) is not str and isinstance(raw, Mapping):  # text first: no ABC check for it
        address = _settle(_from_parts(raw, code), raw, locale)
        check_read_again(str(address), given=raw, field=FIELD)
        return address
    given = require_text(raw, field=FIELD, hint=_HINT)
    if not given.isascii():
        check_mojibake(given, field=FIELD)  # before tidy, which folds its telltale quotes
    text = tidy(given)
    try:
        return _validate_text(text, code, locale)
    except ValidationError as exc:
        exc.value = raw
        raise


@lru_cache(maxsize=8192)
def _validate_text(text: str, country: str | None, locale: str | None) -> Address:
    """Read clean text; cached, as imports and forms repeat the same addresses."""
    address = _read_text(text, country, locale)
    if not text.isascii():
        check_read_again(str(address), given=text, field=FIELD)
    return address


def _read_text(text: str, country: str | None, locale: str | None) -> Address:
    """Read clean text, in the commonest shapes quickly."""
    if country is not None:
        quick = _quick(text, country, locale)
        if quick is not None:
            return quick
    fields, suspect = parse(text, country=country, locale=locale)
    if suspect is not None and fields.country in postal_codes.known_countries():
        _bad_postal(text, fields.country)
    if (
        any(fields[:-1])  # a part besides the country: else _settle refuses it as empty
        and reads_back(text, fields, country=country, locale=locale)
        and tidy(line := f"{text}, {country}") == line
    ):
        # The canonical line reads back as these very parts (see reads_back):
        # _settle would read it once more to find just that.
        return _read(fields)
    return _settle(fields, text, locale)


def _quick(text: str, country: str, locale: str | None) -> Address | None:
    """Return the address of text in the commonest shapes, or ``None`` to read it in full.

    :func:`quick_read` gives the parts :func:`parse` gives (without a suspect
    postal code), or nothing. The general path then proves the canonical line
    stable: when it is the text with the country code appended, by
    :func:`reads_back`'s argument, else by reading it once more
    (:func:`_settle`), which returns these parts as the address if that
    reading gives them again. Here the second reading is :func:`quick_read`'s
    as well, which splits the street line only if it is not the very line the
    first reading split. Either proof failing, the general path decides.
    """
    first = quick_read(text, country, locale)
    if first is None or not any(first[0][:-1]):
        return None  # not a shape read here, or empty: _settle refuses it
    fields = first[0]
    line = render_street(fields)
    if tidy(line) != line:
        return None
    if line == f"{text}, {country}" and fields.country == country:
        # reads_back's case: the canonical line is the text's components
        # followed by the code, which must read as the country.
        stable = _code_names_itself(country, locale)
    else:
        again = quick_read(line, country, locale, first[1])
        stable = again is not None and again[0] == fields
    return _read(fields) if stable else None


@lru_cache(maxsize=512)
def _code_names_itself(country: str, locale: str | None) -> bool:
    """Whether the component ``country`` (a code) reads as that country: cached per pair."""
    return _names(country, locale) == country


def _read(fields: Fields) -> Address:
    """Return the address of parts the reader found, with a country already checked.

    The reader gives text or ``None`` for every part, and here the country is
    the one :func:`validate` checked: the validators would find nothing.
    """
    address: Address = object.__new__(Address)
    street, building, flat, extra, postal_code, locality, region, country = fields
    # Unrolled: eight plain slot writes (the frozen class refuses setattr).
    setter = object.__setattr__
    setter(address, "street", street)
    setter(address, "building", building)
    setter(address, "flat", flat)
    setter(address, "extra", extra)
    setter(address, "postal_code", postal_code)
    setter(address, "locality", locality)
    setter(address, "region", region)
    setter(address, "country", country)
    return address


def is_valid(raw: object, *, country: str | None = None, locale: str | None = None) -> bool:
    """Return whether ``raw`` reads as an address.

    Raises:
        ValidationError: ``country.unknown`` for a ``country`` that is not an
            ISO 3166-1 alpha-2 code: a wrong argument, not an invalid address.

    >>> is_valid("10 Downing Street, London SW1A 2AA", country="GB"), is_valid("  ")
    (True, False)
    """
    code = optional_country(country)
    try:
        validate(raw, country=code, locale=locale)
    except ValueError:
        return False
    return True


def format(
    value: Address | object,
    *,
    style: Style = "line",
    country: str | None = None,
    locale: str = "en",
) -> str:
    """Return an address for display.

    Args:
        value: An :class:`Address`, or what :func:`validate` reads.
        style: ``"line"`` (the canonical line, ending with the country code),
            ``"local"`` (one line without the country, as written inside it),
            or ``"lines"`` (one component a line, the country's name in
            ``locale`` last, as on an envelope).
        country: The default country, for text.
        locale: The language of the country's name in ``"lines"``.

    >>> white_house = "1600 Pennsylvania Avenue NW, Washington, DC 20500"
    >>> print(format(white_house, country="US", style="lines"))
    1600 Pennsylvania Ave NW
    Washington
    DC 20500
    United States
    """
    code = optional_country(country)
    address = value if isinstance(value, Address) else validate(value, country=code)
    if style == "line":
        return str(address)
    found = components(_fields(address))
    if style == "local":
        return ", ".join(found)
    if address.country:
        found.append(countries.name(address.country, locale))
    return "\n".join(found)


def example(country: str | None = None) -> str:
    """Return an example address of the country, in its canonical one-line form.

    >>> example("UA")
    'вул. Хрещатик, буд. 22, кв. 7, Київ, 01001, UA'
    """
    code = optional_country(country) or "PL"
    examples: dict[str, str] = load_json("standardize", "addresses.json")["examples"]
    text = examples.get(code)
    if text is None:
        return str(Address(street="Main Street", building="1", locality="Capital", country=code))
    return str(validate(text, country=code))


# --- the hint -------------------------------------------------------------------

_HINT_STREET_FIRST = N_(
    "the street, the building number and, if any, the flat number, followed by the town"
    " and the postal code in the order the country's post uses, as in {example}"
)
_HINT_NUMBER_FIRST = N_(
    "the building number and the street, followed by the town and the postal code"
    " in the order the country's post uses, as in {example}"
)


@lru_cache(maxsize=1)
def _number_first() -> frozenset[str]:
    """The countries that write the building number before the street (10 Downing Street)."""
    return frozenset(load_json("standardize", "hints.json")["address_number_first"])


def _describe(catalogue: NullTranslations, country: str | None, _: str | None, example: str) -> str:
    message = _HINT_NUMBER_FIRST if country in _number_first() else _HINT_STREET_FIRST
    return catalogue.gettext(message).format(example=example)


#: What :func:`crmcore.standardize.hint` says of the form an address takes.
HINT = HintForm(_describe)

"""One name per identifier scheme: the rules that make two spellings of a scheme one.

The same number reaches the model under two kinds of scheme names: the short
name people write, with the issuing country beside it
(``Identifier("nip", "5260250995", country="PL")``), and the python-stdnum
module path that :mod:`crmcore.standardize.tax_ids` returns (``"pl.nip"``,
``"gr.vat"``, ``"eu.vat"``). The canonical form is the first one, a short
lower-case name with the country apart, because:

* it is what people write and what the model has always documented, so the
  short names (``nip``, ``regon``, ``krs``, ``pesel``, ``edrpou``, ``inn``,
  ``ogrn``, ``afm``, ``vat``) keep their meaning unchanged;
* the country is a field of its own, which the stores index; a path would
  say it a second time, and the two could disagree;
* the short name is the last part of stdnum's path, so a path maps to it by
  syntax alone: python-stdnum stays out of the model.

The rules, applied to the lower-cased scheme:

1. ``eu.vat`` and ``vatin``, a VAT number written with its prefix, become
   ``vat`` with the country of the prefix (``EL`` is Greece, ``XI`` Northern
   Ireland, part of GB), and the number loses the prefix
   (``EL094014201`` -> ``094014201``), as ``gr.vat`` writes it; a Swiss
   number keeps its ``CHE``, part of the national form.
   A number without a prefix needs the country given
   (``identifier.no_country``).
2. ``cc.name``, where ``cc`` is an ISO 3166-1 alpha-2 code, becomes ``name``
   with the country ``CC``: ``pl.nip`` -> ``nip`` in ``PL``, ``in.pan`` ->
   ``pan`` in ``IN``, ``eu.eic`` -> ``eic`` in ``EU``.
3. A synonym, another name of the very same numbering, becomes the name the
   model uses: ``rntrc`` (stdnum's name for the Ukrainian РНОКПП) becomes
   ``rnokpp``.
4. Any other name (``nip``, ``iban``, ``lei``, ``loyalty-card``) is kept.

A country given with a scheme that names another (``"pl.nip"`` with ``"DE"``,
``"eu.vat"`` ``DE...`` with ``"PL"``) is refused: ``identifier.country_mismatch``.
The tables (prefixed schemes, synonyms, VAT prefixes) are data, in
``crmcore/data/schemes.json``, crmcore's one table of identifier schemes.

Names of different numberings stay apart, even where the digits can be the
same: ``afm`` and ``vat`` in Greece, ``nip`` and ``vat`` in Poland stay two
schemes of the model, as the source stated them (an AFM or a NIP does not make
its holder VAT-registered). But where a country's VAT number is, without its
prefix, the national tax number itself (``vat_is_tax_number`` in the data:
PL NIP, GR AFM, CZ and SK DIČ, HR OIB, RO CUI, BG EIK, IT partita IVA, ES and
PT NIF, DK CVR, EE, LT, LV and SI), the two name one taxpayer:
:func:`key_scheme` gives both one scheme for storage's keys, so that the same
number under either scheme is one identifier for uniqueness and look-ups.
Elsewhere the VAT number is another number (a German USt-IdNr is not the
Steuernummer, a Ukrainian VAT payer's number not the EDRPOU code), or a part
of one (a Hungarian VAT number is the first eight digits of the adószám), and
stays apart.

>>> canonical("pl.nip", "5260250995", None)
('nip', '5260250995', 'PL')
>>> canonical("eu.vat", "EL094014201", None)
('vat', '094014201', 'GR')
>>> canonical("nip", "5260250995", "PL")
('nip', '5260250995', 'PL')
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any, NamedTuple, NoReturn

from crmcore._countries import known_countries, own_vat_prefixes, vat_prefix_country
from crmcore._data import load_json
from crmcore._i18n import N_
from crmcore.model._checks import fail

__all__ = [
    "Rule",
    "canonical",
    "canonical_name",
    "key_scheme",
    "national_vat",
    "rule",
    "stdnum_names",
]

_NAME = re.compile(r"[a-z][a-z0-9_-]*")
_COUNTRY_LENGTH = 2
_NO_COUNTRY_HINT = N_(
    "a VAT number with its country prefix, such as PL5260250995 or EL094014201, or a country"
)


class Rule(NamedTuple):
    """What canonicalisation does to one scheme name.

    Attributes:
        scheme: The canonical scheme name.
        country: The country the name says (``"PL"`` for ``"pl.nip"``), if any.
        prefixed: Whether the country is read from the number's VAT prefix.
    """

    scheme: str
    country: str | None
    prefixed: bool


@cache
def _table() -> dict[str, Any]:
    table: dict[str, Any] = load_json("", "schemes.json")
    return table


@lru_cache(maxsize=1024)
def rule(scheme: str) -> Rule | None:
    """Return what canonicalisation does to the lower-case ``scheme``; ``None`` if nothing.

    Cached: a store sees few distinct schemes.

    >>> rule("pl.nip"), rule("eu.vat"), rule("nip")
    (Rule(scheme='nip', country='PL', prefixed=False), Rule(scheme='vat', country=None,
    prefixed=True), None)
    """
    table = _table()
    prefixed: str | None = table["prefixed"].get(scheme)
    if prefixed is not None:
        return Rule(prefixed, None, prefixed=True)
    name, country = scheme, None
    head, dot, tail = scheme.partition(".")
    if (
        dot
        and len(head) == _COUNTRY_LENGTH
        and _NAME.fullmatch(tail)
        and head.upper() in known_countries()
    ):
        name, country = tail, head.upper()
    name = table["synonyms"].get(name, name)
    if name == scheme:
        return None
    return Rule(name, country, prefixed=False)


def canonical(scheme: str, value: str, country: str | None) -> tuple[str, str, str | None]:
    """Return the canonical ``(scheme, value, country)`` of an identifier.

    Args:
        scheme: The scheme, lower-case.
        value: The number as written.
        country: The upper-case ISO 3166-1 alpha-2 code given with it, if any.

    Returns:
        The scheme, the value (without its VAT prefix for ``eu.vat`` and
        ``vatin``; otherwise as given) and the country.

    Raises:
        ValidationError: ``identifier.country_mismatch`` if ``country``
            contradicts the scheme or the VAT prefix; ``identifier.no_country``
            for a prefixed scheme whose number has no known prefix and no
            country given.

    >>> canonical("vatin", "GB980780684", "GB")
    ('vat', '980780684', 'GB')
    >>> canonical("ua.rntrc", "1759013776", None)
    ('rnokpp', '1759013776', 'UA')
    >>> canonical("pl.nip", "5260250995", "DE")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: country: the country ... [identifier.country_mismatch]
    """
    found = rule(scheme)
    if found is None:
        return scheme, value, country
    if found.prefixed:
        value, country = _read_prefix(scheme, value, country)
        return found.scheme, value, country
    scheme, country = canonical_name(scheme, country)
    return scheme, value, country


def canonical_name(scheme: str, country: str | None) -> tuple[str, str | None]:
    """Return the canonical ``(scheme, country)`` to look an identifier up by, without a value.

    As :func:`canonical`, except that ``eu.vat`` and ``vatin`` (whose country is
    in the number) keep the country given.

    Raises:
        ValidationError: ``identifier.country_mismatch`` if ``country``
            contradicts the scheme.

    >>> canonical_name("pl.nip", None), canonical_name("eu.vat", "GR"), canonical_name("krs", "PL")
    (('nip', 'PL'), ('vat', 'GR'), ('krs', 'PL'))
    """
    found = rule(scheme)
    if found is None:
        return scheme, country
    if found.country is not None:
        if country is not None and country != found.country:
            _mismatch(
                country,
                N_(
                    "{country}, as the scheme {scheme} says, or no country",
                    country=found.country,
                    scheme=scheme,
                ),
            )
        country = found.country
    return found.scheme, country


def _read_prefix(scheme: str, value: str, country: str | None) -> tuple[str, str]:
    prefix = value[:2].upper()
    if len(value) > _COUNTRY_LENGTH and prefix.isascii() and prefix.isalpha():
        found = vat_prefix_country(prefix)
        if found not in known_countries():
            fail(
                "identifier.no_country",
                N_("the VAT number's prefix names no country"),
                field="value",
                value=value,
                hint=_NO_COUNTRY_HINT,
            )
        if country is not None and country != found:
            _mismatch(
                country,
                N_(
                    "{country}, as the prefix {prefix} of the {scheme} number says",
                    country=found,
                    prefix=prefix,
                    scheme=scheme,
                ),
            )
        return national_vat(value, found), found
    if country is None:
        fail(
            "identifier.no_country",
            N_("the VAT number has no country prefix and no country is given"),
            field="value",
            value=value,
            hint=_NO_COUNTRY_HINT,
        )
    return value, country


def _mismatch(country: str, hint: str) -> NoReturn:
    fail(
        "identifier.country_mismatch",
        N_("the country contradicts the scheme"),
        field="country",
        value=country,
        hint=hint,
    )


def national_vat(value: str, country: str) -> str:
    """Return a VAT number of ``country`` without its own prefix, if it starts with one.

    The country's own prefix is its ISO code, ``EL`` for Greece and ``XI``
    (Northern Ireland, the same registration) for GB; a Swiss number has
    none to drop (``CHE`` is part of its national form). The separators
    after a prefix go with it.

    >>> national_vat("EL094014201", "GR"), national_vat("PL 526-025-09-95", "PL")
    ('094014201', '526-025-09-95')
    >>> national_vat("136695976", "DE"), national_vat("XI980780684", "GB")
    ('136695976', '980780684')
    >>> national_vat("CHE107787577IVA", "CH")
    'CHE107787577IVA'
    """
    head = value[:2].upper()
    if len(value) > _COUNTRY_LENGTH and head in own_vat_prefixes(country):
        rest = value[2:].lstrip(" -.")
        if rest:
            return rest
    return value


@lru_cache(maxsize=512)
def key_scheme(scheme: str, country: str | None) -> str:
    """Return the scheme a canonical identifier is keyed under in storage.

    A ``vat`` number of a country whose VAT number is its national tax
    number with a prefix is keyed under that tax number's scheme; any other
    scheme under itself.

    >>> key_scheme("vat", "PL"), key_scheme("vat", "GR"), key_scheme("vat", "DE")
    ('nip', 'afm', 'vat')
    >>> key_scheme("nip", "PL"), key_scheme("vat", None)
    ('nip', 'vat')
    """
    if scheme != "vat" or country is None:
        return scheme
    same: dict[str, str] = _table()["vat_is_tax_number"]
    return same.get(country, scheme)


@lru_cache(maxsize=512)
def stdnum_names(scheme: str) -> tuple[str, ...]:
    """Return the names python-stdnum may give the model's ``scheme``: itself and its synonyms.

    >>> stdnum_names("rnokpp"), stdnum_names("nip")
    (('rnokpp', 'rntrc'), ('nip',))
    """
    synonyms: dict[str, str] = _table()["synonyms"]
    return (scheme, *sorted(other for other, name in synonyms.items() if name == scheme))

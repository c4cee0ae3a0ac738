"""Look-up keys: what the stores index a party under, and how a query is folded.

One function per kind of key, used both when a party is written (to build its
index rows) and when a look-up is asked (to fold the query the same way), so
that ``find_by_phone("601 234 567", country="PL")`` finds a party stored with
``+48 601-234-567``. The keys come from the standardisers:

* a phone: its E.164 number (:func:`crmcore.standardize.phones.validate`,
  without an extension); the model holds E.164 numbers only, and a look-up
  reads its query as the standardiser does, in the ``country=`` of the
  look-up, refusing what the standardiser refuses (:func:`phone_query_key`);
  a number that does not validate (a document of an older crmcore) falls
  back to the digits and ``+`` of its number part, without the extension;
* an e-mail: :func:`crmcore.standardize.emails.matching_key` (the canonical
  address in lower case, a sub-address after ``+`` kept whole: ``a+b+c@...``
  is its own key); a look-up refuses what is not an address
  (:func:`email_query_key`); a stored address that does not validate falls
  back to itself case-folded, surrounding spaces removed;
* an identifier: its canonical scheme and country (the model's rules,
  :mod:`crmcore.model._schemes`: ``pl.nip`` is ``nip`` in ``PL``, ``eu.vat``
  is ``vat`` in the country of its prefix), which a :class:`~crmcore.model.Identifier`
  has by construction and a look-up gets from :func:`identifier_query`; a
  ``vat`` number of a country whose VAT number is its national tax number
  with a prefix is keyed under that tax number's scheme (``vat`` in ``PL``
  as ``nip``, in ``GR`` as ``afm``: one key for uniqueness and look-ups); for a
  tax or registry scheme (:func:`is_tax_scheme`), the value compacted by
  :func:`crmcore.standardize.tax_ids.compact` (labels, spaces and separators
  dropped, upper case), a ``vat`` number of a known country without its
  country's prefix (:func:`crmcore.model._schemes.national_vat`); the value of
  any other scheme is kept as stored;
* an external key: the system and the key as the model holds them (surrounding
  spaces removed, case kept: keys of other systems are often case-sensitive);
  a look-up folds its query the same way before it is keyed;
* a role or a tag: its text;
* a name: the blocking keys of :func:`name_keys` (below), on which the
  probable duplicates of a party meet.

**Name keys.** They are built from :func:`crmcore.standardize.keys.matching_key`,
which transliterates and folds spelling variants (Іванов, Иванов and Ivanov
are ``ivanov``) and turns hyphens and punctuation into spaces. Of a person,
``g`` is the key of the first word of the given name and ``f`` the key of
the family name without its spaces (Müller-Lüdenscheidt is
``mulerludenseidt``):

* ``f[:4] + "." + g[:1]`` and ``g[:4] + "." + f[:1]``: the second makes a
  record with the given and family names swapped meet, and a typo in the
  family name after its first letter still meets through the given name;
  with only one of the two names, ``x[:4] + "."``;
* ``"o:" + f``: a person meets the company of a sole trader named after them;
* ``"p:" + postcode + ":" + f[:3]`` and ``"p:" + postcode + ":" + g[:3]``
  for each postal address with a postal code, the code in capitals without
  spaces and separators (``00-950`` is ``00950``): a typo in the family name
  still meets through the given name at the same address.

Of an organisation, the words of the name's key without its legal form
(:func:`crmcore.standardize.company_names.validate` splits off a form an
imported name still carries, and a trade descriptor such as PPHU); with
``w`` the first word of at least two letters:

* ``"o:" + w`` and ``"o:" + all words joined, first 12 letters``;
* ``"p:" + postcode + ":" + w[:3]``.

A key of a matching key holds letters and digits only, so the shapes cannot
meet by accident: a person's name key holds a ``.`` and no ``:``, an
organisation key starts ``o:`` and holds one ``:``, a postcode key starts
``p:`` and holds two. The ``o:`` keys of persons and organisations are one
shape on purpose.

>>> ukrainian, russian, latin = (
...     Party.person(given=given, family=family)
...     for given, family in (("Олександр", "Іванов"), ("Александр", "Иванов"),
...                           ("Oleksandr", "Ivanov")))
>>> name_keys(ukrainian)
['ivan.o', 'olek.i', 'o:ivanov']
>>> name_keys(latin) == name_keys(ukrainian)
True
>>> sorted(set(name_keys(russian)) & set(name_keys(ukrainian)))
['o:ivanov']
>>> name_keys(Party.person(given="Jan", family="Kowalski"))
['kova.i', 'ian.k', 'o:kovalski']
>>> name_keys(Party.person(given="Kowalski", family="Jan"))
['ian.k', 'kova.i', 'o:ian']
>>> [name_keys(Party.organization(name)) for name in ("ТОВ «Ромашка»", 'ООО "Ромашка"')]
[['o:romaska'], ['o:romaska']]
>>> name_keys(Party.organization("Romashka LLC",
...                              contacts=[PostalAddress(postal_code="01001", country="UA")]))
['o:romaska', 'p:01001:rom']
>>> name_keys(Party.person(given="Ευάγγελος", family="Παπαδόπουλος",
...                        contacts=[PostalAddress(postal_code="105 57", country="GR")]))
['papa.e', 'evan.p', 'o:papadopulos', 'p:10557:pap', 'p:10557:eva']

(Олександр and Александр are two names to the matching key, so the
Ukrainian and the Russian spelling of the person meet on their family name.)

A value already in its canonical shape (a phone in E.164, a plain ASCII
e-mail address, a tax number of letters and digits) is recognised by
:mod:`crmcore.storage._shortcuts` and keyed without the standardisers; the
general path, kept as ``read_phone_key``, ``read_email_key`` and
``read_tax_value``, is the reference the tests compare the shortcuts with.

>>> phone_key("601-234-567", "PL"), phone_key("+48 601 234 567"), phone_key("12-34")
('+48601234567', '+48601234567', '1234')
>>> email_key(" Anna.Nowak@Example.PL "), email_key("not an address")
('anna.nowak@example.pl', 'not an address')
>>> identifier_value_key("nip", "NIP: 526-025-09-95"), identifier_value_key("vat", "el 094014201")
('5260250995', 'EL094014201')
>>> identifier_value_key("vat", "EL 094014201", "GR"), identifier_value_key("loyalty card", "ab-12")
('094014201', 'ab-12')
>>> identifier_query("pl.nip", "526-025-09-95", None)
('nip', '5260250995', 'PL')
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Final

from crmcore._countries import optional_country
from crmcore._data import load_json
from crmcore.errors import ValidationError
from crmcore.model import EmailAddress, Party, PersonName, PhoneNumber, PostalAddress, Role
from crmcore.model._canonical import stdnum_scheme
from crmcore.model._schemes import canonical, key_scheme, national_vat
from crmcore.standardize import company_names, emails, phones, tax_ids
from crmcore.standardize.keys import matching_key
from crmcore.storage._shortcuts import email_shortcut, phone_shortcut, plus_digits, tax_shortcut

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "EMAIL",
    "EXTERNAL",
    "IDENTIFIER",
    "KEYS_VERSION",
    "LOOKUP_KINDS",
    "NAME",
    "PHONE",
    "ROLE",
    "SEPARATOR",
    "TAG",
    "country_index_rows",
    "email_key",
    "email_query_key",
    "external_key",
    "external_parts",
    "find_identifier",
    "find_phone",
    "identifier_query",
    "identifier_rows",
    "identifier_value_key",
    "index_rows",
    "is_tax_scheme",
    "lookup_keys",
    "name_keys",
    "party_country",
    "phone_key",
    "phone_query_key",
    "read_email_key",
    "read_phone_key",
    "read_tax_value",
    "usable_phone_key",
]

#: The version of how the keys are derived from a party. Bump it whenever a
#: key's derivation changes (what a function of this module, or a standardiser
#: it calls, returns for a stored value; ``party_country``; the tax schemes):
#: the stores then report their index stale until ``parties.reindex()``
#: rebuilds it. The versions of phonenumbers and python-stdnum, and the tax
#: schemes file, are part of the fingerprint already (see
#: :func:`crmcore.storage.keys_fingerprint`).
KEYS_VERSION: Final = 4

#: The kinds of rows in the key index.
PHONE: Final = "phone"
EMAIL: Final = "email"
EXTERNAL: Final = "external"
ROLE: Final = "role"
TAG: Final = "tag"
NAME: Final = "name"
#: The kind of an identifier's key, ``scheme + SEPARATOR + value`` (of any country),
#: as :func:`lookup_keys` names it; identifiers have rows of their own
#: (:func:`identifier_rows`).
IDENTIFIER: Final = "identifier"
#: The kinds of keys that tell who a party is, in order: what candidates
#: share and key blocks group (a role or a tag is shared by many on purpose).
LOOKUP_KINDS: Final = (EMAIL, EXTERNAL, IDENTIFIER, NAME, PHONE)

_ORGANIZATION_KEY: Final = "o:"
_POSTCODE_KEY: Final = "p:"
_WHOLE_NAME_LETTERS: Final = 12

_NOT_DIAL = re.compile(r"[^\d+]")
# What comes before the number (a label), then the number: digits, "+" and the
# separators people write between them. One quantifier each, nothing nested.
_NUMBER_PART = re.compile(r"[^\d+]*([\d+][\d+ ()./\-]*)")
_ROLE_VALUES = {role: role.value for role in Role}  # Enum.value is a property: slow
# A unit separator: the model refuses control characters in text, so it
# cannot occur in a system's name.
#: Between the two parts of a key row: a system and its key, a scheme and a value.
SEPARATOR: Final = "\x1f"


def phone_key(number: str, country: str | None = None) -> str:
    """Return the look-up key of a phone number: its E.164 form, else its digits and ``+``.

    Args:
        number: The number as written.
        country: The ISO 3166-1 alpha-2 code to read a national number in.
            An unknown code is ignored (the number is read without one).

    Returns:
        The key.
    """
    shortcut = phone_shortcut(number)
    if shortcut is not None:  # "+" and digits that are their own key: no country applies
        return shortcut
    return read_phone_key(number, country)


def usable_phone_key(key: str) -> bool:
    """Tell whether a phone key names a number: it holds a digit.

    A stored number with no digits (``"brak"``, ``"n/a"``, ``"-"`` in a
    document of an older crmcore) would key as ``""`` or ``"+"``, shared by
    every such party: it makes no key row, and a look-up never searches it.

    >>> usable_phone_key("+48601234567"), usable_phone_key(""), usable_phone_key("+")
    (True, False, False)
    """
    return any(char.isdigit() for char in key)


def read_phone_key(number: str, country: str | None = None) -> str:
    """Return :func:`phone_key` the general way, through the phone standardiser.

    A number that does not validate is keyed by the digits and ``+`` of its
    number part: an extension (``;ext=12``, ``wew. 12``, ``x12``) is never
    part of a key, whether the number could be read or not.

    >>> read_phone_key("+48 22 123 45 67;ext=12"), read_phone_key("22 123 45 67;ext=12")
    ('+48221234567', '221234567')
    """
    region = country or None  # the standardiser reads a code in small letters too
    try:
        return phones.validate(number, country=region).e164
    except ValidationError:
        if region is None:
            return _NOT_DIAL.sub("", _number_part(number))
        return read_phone_key(number)


def _number_part(number: str) -> str:
    """Return the number part of ``number``: its first run of digits, ``+`` and separators.

    A label before it (``tel.``) and whatever follows it (``;ext=12``,
    ``wew. 12``, ``x12``, ``#12``) are left out.
    """
    found = _NUMBER_PART.match(number)
    return "" if found is None else found.group(1)


def phone_query_key(number: str, country: str | None = None) -> str:
    """Return the key a phone look-up searches: the E.164 number the query names.

    The query is read as :func:`crmcore.standardize.phones.validate` reads it,
    and refused as it refuses it: a look-up that cannot tell the number
    raises, it does not answer that nobody has it.

    Raises:
        ValidationError: ``country.unknown`` if ``country`` is not an ISO
            3166-1 alpha-2 code; the standardiser's ``phone.*`` codes
            (``phone.no_country`` for a national number without a country).

    >>> phone_query_key("601 234 567", "pl")
    '+48601234567'
    >>> phone_query_key("601 234 567", "Poland")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: country: the country is not an ISO 3166-1 ... [country.unknown]
    >>> phone_query_key("601 234 567")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: phone: ... [phone.no_country]
    """
    country = optional_country(country)
    return phones.validate(number, country=country).e164


def find_phone(
    number: str, country: str | None, search: Callable[[str], list[Party]]
) -> list[Party]:
    """Return what ``search`` finds for the key of the phone number a look-up names.

    As ``search(phone_query_key(number, country))``, with a query of ``+``
    and digits only (as stored keys are, and as an application that stores
    E.164 numbers asks for them) searched as it is first, and read only when
    that finds nobody. A stored key is the E.164 number of a phone (or the
    ``+`` and digits of one an older crmcore stored without validating it):
    a query that is that key names that number, so reading it would change
    nothing (about 2.5 µs of a 6 µs look-up in memory). A query that finds
    nobody is read: a number the standardiser refuses raises, and a valid one
    written another way (``+48 601 234 567``, ``+480601234567``) is searched
    by its E.164 number.

    Args:
        number: The number asked for, as a user writes it.
        country: The country of a national number, if any.
        search: The backend's search by E.164 number.

    Raises:
        ValidationError: As :func:`phone_query_key`.
    """
    country = optional_country(country)
    if plus_digits(number):  # "+" and at least one digit: never a key without digits
        found = search(number)
        if found:
            return found
    key = phones.validate(number, country=country).e164  # E.164: digits, always
    return search(key) if key != number else []


def email_query_key(address: str) -> str:
    """Return the key an e-mail look-up searches; refuse what is not an address.

    Raises:
        ValidationError: the standardiser's ``email.*`` codes.

    >>> email_query_key(" Olena.Koval@UKR.net ")
    'olena.koval@ukr.net'
    >>> email_query_key("olena.koval")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: email: the address has no @ ... [email.no_at]
    """
    shortcut = email_shortcut(address)
    return emails.matching_key(address) if shortcut is None else shortcut


def email_key(address: str) -> str:
    """Return the look-up key of an e-mail address: its matching key, else itself case-folded."""
    shortcut = email_shortcut(address)
    return read_email_key(address) if shortcut is None else shortcut


def read_email_key(address: str) -> str:
    """Return :func:`email_key` the general way, through the e-mail standardiser."""
    try:
        return emails.matching_key(address)
    except ValidationError:
        return address.strip().casefold()


@cache
def _tax_schemes() -> frozenset[str]:
    return frozenset(load_json("", "schemes.json")["tax_schemes"])


@lru_cache(maxsize=1024)
def is_tax_scheme(scheme: str, country: str | None = None) -> bool:
    """Return whether identifiers of ``scheme`` (in ``country``) are tax or registry numbers.

    A scheme listed as a tax scheme in ``crmcore/data/schemes.json`` (the names the model uses:
    ``nip``, ``inn``, ``edrpou``, ``afm``, ``vat``, ``ein``, ...), one
    :func:`crmcore.standardize.tax_ids.describe` knows (``pl.nip``, ``iban``),
    or the name of one of the country's stdnum schemes (``stnr`` in ``DE``,
    ``handelsregisternummer`` in ``DE``: ``de.handelsregisternummer``).

    >>> is_tax_scheme("NIP"), is_tax_scheme("ua.edrpou"), is_tax_scheme("loyalty")
    (True, True, False)
    >>> is_tax_scheme("handelsregisternummer", "DE"), is_tax_scheme("handelsregisternummer")
    (True, False)
    """
    scheme = scheme.lower()
    if scheme in _tax_schemes():
        return True
    names = [scheme] if country is None else [scheme, f"{country.lower()}.{scheme}"]
    for name in names:
        try:
            tax_ids.describe(name)
        except ValidationError:
            continue
        return True
    return False


def identifier_value_key(scheme: str, value: str, country: str | None = None) -> str:
    """Return the key of an identifier's value: compacted for a tax scheme, else as given.

    Args:
        scheme: The canonical scheme (:func:`identifier_query` gives it for a look-up).
        value: The value as stored or asked.
        country: The identifier's country, if any: a ``vat`` number of a
            country is keyed without that country's prefix.

    Returns:
        The key.
    """
    if not is_tax_scheme(scheme, country):
        return value
    shortcut = tax_shortcut(value)
    key = read_tax_value(value) if shortcut is None else shortcut
    if country and scheme == "vat":
        return national_vat(key, country)
    return key


def identifier_query(scheme: str, value: str, country: str | None) -> tuple[str, str, str | None]:
    """Return the ``(key scheme, value key, country)`` a look-up by identifier searches.

    The query is folded as an :class:`~crmcore.model.Identifier` is made:
    the scheme lower-cased and made canonical (a stdnum path gives its
    country, a ``vat`` number its prefix), the country read as every
    ``country=`` argument is (:func:`crmcore._countries.check_country`); a number
    of a scheme python-stdnum checks is validated as the model validates it;
    then the value keyed by :func:`identifier_value_key` and the scheme by
    :func:`crmcore.model._schemes.key_scheme` (a Polish ``vat`` number is
    searched as the NIP it is). A query that cannot name one identifier
    raises, it does not answer that nobody holds it.

    Raises:
        ValidationError: ``country.unknown`` if ``country`` is not an ISO
            3166-1 alpha-2 code; ``identifier.country_mismatch`` if ``country``
            contradicts the scheme; ``identifier.no_country`` for a ``vat``
            number without a prefix or a country; the standardiser's
            ``tax_id.*`` codes for a number its scheme refuses.

    >>> identifier_query("eu.vat", "EL094014201", None), identifier_query("NIP", "5260250995", "pl")
    (('afm', '094014201', 'GR'), ('nip', '5260250995', 'PL'))
    >>> identifier_query("vat", "PL 526-025-02-74", None)
    ('nip', '5260250274', 'PL')
    >>> identifier_query("vat", "DE136695976", None)
    ('vat', '136695976', 'DE')
    """
    return _identifier_query(scheme, value, country, checked=True)


def _identifier_query(
    scheme: str, value: str, country: str | None, *, checked: bool
) -> tuple[str, str, str | None]:
    scheme, value, country = canonical(scheme.lower(), value, optional_country(country))
    if checked and (path := stdnum_scheme(scheme, country)) is not None:
        value = tax_ids.validate(value, scheme=path).value
    return (
        key_scheme(scheme, country),
        identifier_value_key(scheme, value, country),
        country,
    )


def find_identifier(
    scheme: str,
    value: str,
    country: str | None,
    search: Callable[[str, str, str | None], list[Party]],
) -> list[Party]:
    """Return what ``search`` finds for the key of the identifier a look-up names.

    As ``search(*identifier_query(scheme, value, country))``, with a number
    of ASCII letters and digits only (as stored numbers are, and as an
    application asks for them) validated only when its plain key finds
    nobody. A stored identifier holds a valid number, keyed in capitals; a
    query that is that key in either case is that number, so validating it
    would change nothing (about 5 µs of a 7 µs look-up). A query that finds
    nobody is validated: an invalid number raises, and a valid one whose
    validated key differs from its plain one (eight digits of a Greek AFM, a
    NIP with its ``PL``) is searched again. A number written with labels or
    separators is always validated first, as the model reads it: a separator
    the model refuses is refused here too.

    Args:
        scheme: The scheme asked for, as a user writes it.
        value: The number asked for.
        country: The country asked for, if any.
        search: The backend's search by ``(key scheme, value key, country)``.

    Raises:
        ValidationError: As :func:`identifier_query`.
    """
    if tax_shortcut(value) is None:
        return search(*identifier_query(scheme, value, country))
    plain = _identifier_query(scheme, value, country, checked=False)
    found = search(*plain)
    if found:
        return found
    query = _identifier_query(scheme, value, country, checked=True)
    return search(*query) if query != plain else found


def read_tax_value(value: str) -> str:
    """Return the key of a tax number's ``value`` the general way, through ``tax_ids.compact``."""
    try:
        return tax_ids.compact(value) or value
    except ValidationError:
        return value


def external_parts(row_key: str) -> list[str]:
    """Return the system and the key an external key's row holds (:func:`external_key`)."""
    return row_key.split(SEPARATOR, 1)


def external_key(system: str, key: str) -> str:
    """Return the index key of a party's ``key`` in another ``system``."""
    return f"{system}{SEPARATOR}{key}"


def index_rows(party: Party) -> list[tuple[str, str]]:
    """Return the distinct ``(kind, key)`` rows the key index holds for ``party``."""
    return country_index_rows(party, party_country(party))


def country_index_rows(party: Party, country: str | None) -> list[tuple[str, str]]:
    """Return :func:`index_rows`, given the party's :func:`party_country` already found."""
    rows: dict[tuple[str, str], None] = {}
    for contact in party.contacts:
        if type(contact) is PhoneNumber:
            phone = phone_key(contact.number, country)
            if usable_phone_key(phone):
                rows[PHONE, phone] = None
        elif type(contact) is EmailAddress:
            email = email_key(contact.address)
            if email:
                rows[EMAIL, email] = None
    for each in party.external_keys:
        rows[EXTERNAL, external_key(each.system, each.key)] = None
    for name_key in name_keys(party):
        rows[NAME, name_key] = None
    for role in party.roles:
        rows[ROLE, _ROLE_VALUES[role]] = None
    for tag in party.tags:
        rows[TAG, tag] = None
    return list(rows)


def name_keys(party: Party) -> list[str]:
    """Return the distinct name keys of ``party``, in the order the module docstring gives.

    The blocking keys on which the probable duplicates of a party meet: see
    the module's docstring for their derivation. A name whose matching key
    is empty (no letters or digits) gives no key of its own.

    >>> name_keys(Party.person(family="Müller-Lüdenscheidt"))
    ['mule.', 'o:mulerludenseidt']
    >>> name_keys(Party.organization("PPHU Kowalski i Synowie Sp. z o.o."))
    ['o:kovalski', 'o:kovalskiisin']
    """
    found: dict[str, None] = {}
    name = party.name
    if isinstance(name, PersonName):
        family = _words(name.family)
        given = _words(name.given)
        surname = "".join(family)
        first = given[0] if given else ""
        if surname and first:
            found[f"{surname[:4]}.{first[:1]}"] = None
            found[f"{first[:4]}.{surname[:1]}"] = None
        elif surname or first:
            found[f"{(surname or first)[:4]}."] = None
        stems = [each for each in (surname, first) if each]
        if surname:
            found[_ORGANIZATION_KEY + surname] = None
    else:
        words = _words(_without_legal_form(name.name))
        stem = next((word for word in words if len(word) >= 2), "")
        stems = [stem] if stem else []
        if stem:
            found[_ORGANIZATION_KEY + stem] = None
            found[_ORGANIZATION_KEY + "".join(words)[:_WHOLE_NAME_LETTERS]] = None
    for code in _postcodes(party) if stems else ():
        for stem in stems:
            found[f"{_POSTCODE_KEY}{code}:{stem[:3]}"] = None
    return list(found)


def _words(text: str | None) -> list[str]:
    """Return the words of the matching key of ``text`` (none for ``None``)."""
    return [] if text is None else matching_key(text).split()


def _without_legal_form(name: str) -> str:
    """Return an organisation's ``name`` without a legal form or descriptor it still carries."""
    try:
        return company_names.validate(name).name
    except ValidationError:  # a name the standardiser refuses is keyed as it is
        return name


def _postcodes(party: Party) -> list[str]:
    """Return the compacted postal codes of the party's postal addresses, each once."""
    codes: dict[str, None] = {}
    for contact in party.contacts:
        if type(contact) is PostalAddress and contact.postal_code:
            code = "".join(char for char in contact.postal_code if char.isalnum()).upper()
            if code:
                codes[code] = None
    return list(codes)


def lookup_keys(party: Party) -> list[tuple[str, str]]:
    """Return the distinct ``(kind, key)`` look-up keys of ``party`` that tell who it is.

    Its rows of :func:`index_rows` of the kinds in :data:`LOOKUP_KINDS`
    (no roles or tags), and its identifiers as ``(IDENTIFIER, scheme +
    SEPARATOR + value)``, of any country: the keys
    :meth:`~crmcore.storage.Parties.candidates` looks others up by, in the
    order of :data:`LOOKUP_KINDS`, then by key.

    >>> from crmcore.model import Identifier
    >>> odra = Party.organization(
    ...     "Odra", tags={"vip"}, identifiers=[Identifier("nip", "5260250995", country="PL")])
    >>> [(kind, key.replace(SEPARATOR, " ")) for kind, key in lookup_keys(odra)]
    [('identifier', 'nip 5260250995'), ('name', 'o:odra')]
    """
    found = {row for row in index_rows(party) if row[0] != ROLE and row[0] != TAG}
    for scheme, value, _country in identifier_rows(party):
        found.add((IDENTIFIER, f"{scheme}{SEPARATOR}{value}"))
    return sorted(found)


def identifier_rows(party: Party) -> list[tuple[str, str, str]]:
    """Return the distinct ``(key scheme, value key, country or "")`` rows of its identifiers.

    An :class:`~crmcore.model.Identifier`'s scheme and country are canonical
    already: the value is keyed, and the scheme by
    :func:`crmcore.model._schemes.key_scheme` (a ``vat`` number of a country
    whose VAT number is its tax number has that tax number's key).
    """
    rows = {
        (
            key_scheme(each.scheme, each.country),
            identifier_value_key(each.scheme, each.value, each.country),
            each.country or "",
        ): None
        for each in party.identifiers
    }
    return list(rows)


def party_country(party: Party) -> str | None:
    """Return the country a party is filed under, or ``None``.

    The country of its primary postal address, else of its first postal
    address with a country, else of its first identifier with a country.
    """
    first = None
    for contact in party.contacts:
        if type(contact) is PostalAddress and contact.country:
            if contact.primary:
                return contact.country
            first = first or contact.country
    if first is not None:
        return first
    for identifier in party.identifiers:
        if identifier.country:
            return identifier.country
    return None

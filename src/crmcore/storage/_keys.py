"""Look-up keys: what the stores index a party under, and how a query is folded.

One function per kind of key, used both when a party is written (to build its
index rows) and when a look-up is asked (to fold the query the same way), so
that ``find_by_phone("+48 601-234-567")`` finds a party stored with
``+48601234567``. They are deliberately simple and documented here in one
place; they agree with the model's :attr:`~crmcore.model.ContactPoint.key`:

* a phone: the number with everything but digits and ``+`` removed (an
  E.164 number stays as it is);
* an e-mail: the address case-folded, surrounding spaces removed;
* an identifier: the scheme lower-cased, the value compacted (spaces, dots,
  hyphens and slashes removed, upper-cased), the country upper-cased;
* an external key: the system and the key, exactly as given (keys of other
  systems are often case-sensitive);
* a role or a tag: its text.

>>> phone_key("+48 601-234-567"), email_key(" Anna.Nowak@Example.PL ")
('+48601234567', 'anna.nowak@example.pl')
>>> identifier_value_key("526-025-09-95"), identifier_value_key("el 094014201")
('5260250995', 'EL094014201')
"""

from __future__ import annotations

import re
from typing import Final

from crmcore.model import EmailAddress, Party, PhoneNumber, PostalAddress

__all__ = [
    "EMAIL",
    "EXTERNAL",
    "PHONE",
    "ROLE",
    "TAG",
    "email_key",
    "external_key",
    "identifier_rows",
    "identifier_value_key",
    "index_rows",
    "party_country",
    "phone_key",
]

#: The kinds of rows in the key index.
PHONE: Final = "phone"
EMAIL: Final = "email"
EXTERNAL: Final = "external"
ROLE: Final = "role"
TAG: Final = "tag"

_NOT_DIAL = re.compile(r"[^\d+]")
_IDENTIFIER_NOISE = re.compile(r"[\s./-]")
# A unit separator: the model refuses control characters in text, so it
# cannot occur in a system's name.
_SEPARATOR = "\x1f"


def phone_key(number: str) -> str:
    """Return the look-up key of a phone number: its digits and ``+``."""
    return _NOT_DIAL.sub("", number)


def email_key(address: str) -> str:
    """Return the look-up key of an e-mail address: case-folded, stripped."""
    return address.strip().casefold()


def identifier_value_key(value: str) -> str:
    """Return an identifier's value compacted: no spaces, dots, hyphens or slashes; upper case."""
    return _IDENTIFIER_NOISE.sub("", value).upper()


def external_key(system: str, key: str) -> str:
    """Return the index key of a party's ``key`` in another ``system``."""
    return f"{system}{_SEPARATOR}{key}"


def index_rows(party: Party) -> list[tuple[str, str]]:
    """Return the distinct ``(kind, key)`` rows the key index holds for ``party``."""
    rows: dict[tuple[str, str], None] = {}
    for contact in party.contacts:
        if type(contact) is PhoneNumber:
            rows[PHONE, phone_key(contact.number)] = None
        elif type(contact) is EmailAddress:
            rows[EMAIL, email_key(contact.address)] = None
    for each in party.external_keys:
        rows[EXTERNAL, external_key(each.system, each.key)] = None
    for role in party.roles:
        rows[ROLE, role.value] = None
    for tag in party.tags:
        rows[TAG, tag] = None
    return list(rows)


def identifier_rows(party: Party) -> list[tuple[str, str, str]]:
    """Return the distinct ``(scheme, value key, country or "")`` rows of its identifiers."""
    rows = {
        (each.scheme, identifier_value_key(each.value), each.country or ""): None
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

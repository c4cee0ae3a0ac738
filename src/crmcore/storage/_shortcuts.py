"""Shortcuts for look-up keys that are already in their canonical shape.

The keys of :mod:`crmcore.storage._lookup_keys` come from the standardisers, which
read a value as people write it (labels, separators, national formats): tens
of microseconds a value. Most values a store indexes were standardised before
they reached the model, and their key is then the value itself (or the value
in small letters). Each function here recognises such a value by its shape,
in a microsecond or two, and returns its key; for any other value it returns
``None`` and the caller takes the general path. The tests check, over
generated values of every shape, that a shortcut gives exactly what the
general path gives.
"""

from __future__ import annotations

import functools
import re
from typing import Final

import phonenumbers

__all__ = ["email_shortcut", "phone_shortcut", "plus_digits", "tax_shortcut"]

# --- phones ------------------------------------------------------------------------
#
# A number written as "+" and ASCII digits is read by phonenumbers alone (no
# label, extension, trunk prefix or second reading applies to it). Its E.164
# form is "+", the calling code and the national significant number; that is
# the text itself unless phonenumbers drops something after the calling code:
# a national prefix (its `national_prefix_for_parsing`, matched at the start of
# the national number) or leading zeros. When the number is not valid, the key
# is its digits and "+": the text itself again. So the text is its own key
# whenever the national number neither starts with 0 nor with a national
# prefix of its calling code; those few go the general way.

_PLUS_DIGITS: Final = re.compile(r"\+[0-9]+")
_MAX_CALLING_CODE: Final = 3


@functools.lru_cache(maxsize=512)  # one entry per calling code: a few hundred at most
def _national_prefix(calling_code: int) -> re.Pattern[str] | None:
    """Return the pattern of the national prefixes phonenumbers strips after ``calling_code``."""
    region = phonenumbers.region_code_for_country_code(calling_code)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(calling_code, region)
    pattern = metadata.national_prefix_for_parsing if metadata is not None else None
    return re.compile(pattern) if pattern else None


def plus_digits(text: str) -> bool:
    """Tell whether ``text`` is ``+`` and digits only, the shape of an E.164 number.

    >>> plus_digits("+48601234567"), plus_digits("+48 601 234 567")
    (True, False)
    """
    return _PLUS_DIGITS.fullmatch(text) is not None


def phone_shortcut(number: str) -> str | None:
    """Return the key of ``number`` if it is ``+`` and digits that are their own key, else ``None``.

    >>> phone_shortcut("+48601234567"), phone_shortcut("+4930123456")
    ('+48601234567', '+4930123456')
    >>> phone_shortcut("+49030123456") is None, phone_shortcut("601234567") is None
    (True, True)
    """
    if not plus_digits(number):
        return None
    digits = number[1:]
    if digits[0] == "0":  # "+00...": a country may read "00" as its international prefix
        return None
    codes = phonenumbers.COUNTRY_CODE_TO_REGION_CODE
    for length in range(1, min(len(digits), _MAX_CALLING_CODE) + 1):
        calling_code = int(digits[:length])
        if calling_code in codes:
            national = digits[length:]
            if national[:1] == "0":
                return None
            prefix = _national_prefix(calling_code)
            if prefix is not None and prefix.match(national):
                return None
            return number
    return number  # no calling code: not valid, kept as it is


# --- e-mail addresses ----------------------------------------------------------------
#
# An address of ASCII dot-atoms (without the grave accent), an "@" and a plain
# host name (letters, digits and inner hyphens, at least two labels, a top
# level that is not a number) is what the e-mail standardiser returns
# unchanged but for the domain in small letters; its matching key is then the
# whole address in small letters. Anything else (quotes, display names,
# Unicode, IDNA, "--" in the host) goes the general way.

# The grave accent is left out: text cleaning turns it into an apostrophe. The
# parts are checked one by one, each with a single quantifier: no pattern
# repeats a group that itself repeats.
_LOCAL_CHARACTERS: Final = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_{|}~.-]+")
_HOST_CHARACTERS: Final = re.compile(r"[A-Za-z0-9.-]+")
_LONG_LABEL: Final = re.compile(r"[^.]{64}")  # a label is 63 characters at most
_MAX_LOCAL: Final = 64
_MAX_DOMAIN: Final = 253
_MAX_ADDRESS: Final = 254


def _dot_atoms(local: str) -> bool:
    """Whether ``local`` is ASCII atoms joined by single dots."""
    return (
        _LOCAL_CHARACTERS.fullmatch(local) is not None
        and local[0] != "."
        and local[-1] != "."
        and ".." not in local
    )


def _host_name(domain: str) -> bool:
    """Whether ``domain`` is two labels or more of letters, digits and inner hyphens.

    String tests and one pattern of one quantifier, no generator: this runs
    for every address a party holds when it is written.
    """
    if (
        _HOST_CHARACTERS.fullmatch(domain) is None
        or domain[0] in ".-"
        or domain[-1] in ".-"
        or ".." in domain
        or "--" in domain
        or "-." in domain
        or ".-" in domain
    ):
        return False
    _, dot, top = domain.rpartition(".")
    return bool(dot) and not top.isdigit() and _LONG_LABEL.search(domain) is None


def email_shortcut(address: str) -> str | None:
    """Return the matching key of a plain ASCII ``address``, else ``None``.

    >>> email_shortcut("Anna.Nowak@Example.PL"), email_shortcut("anna@пример.рф") is None
    ('anna.nowak@example.pl', True)
    >>> email_shortcut("o.kovalenko+crm+2026@UKR.net"), email_shortcut("a..b@ukr.net") is None
    ('o.kovalenko+crm+2026@ukr.net', True)
    """
    if len(address) > _MAX_ADDRESS:
        return None
    local, at, domain = address.partition("@")
    if (
        not at
        or not local
        or len(local) > _MAX_LOCAL
        or len(domain) > _MAX_DOMAIN
        or not _dot_atoms(local)
        or not _host_name(domain)
    ):
        return None
    return address.lower()


# --- tax and registry numbers ----------------------------------------------------------
#
# A number of ASCII letters and digits only has no label, separator or space
# to drop: compacting it only puts it in capitals.

_ALNUM: Final = re.compile(r"[0-9A-Za-z]+")


def tax_shortcut(value: str) -> str | None:
    """Return the compact form of ``value`` if it is ASCII letters and digits only, else ``None``.

    >>> tax_shortcut("pl5260250274"), tax_shortcut("526-025-02-74") is None
    ('PL5260250274', True)
    """
    return value.upper() if _ALNUM.fullmatch(value) else None

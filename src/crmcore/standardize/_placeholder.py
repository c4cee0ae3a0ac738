"""Placeholder tax numbers: digits that stand for "unknown", not for a party.

A form that asks for a tax number gets ``0000000000``, ``1111111111`` or
``123456789`` from people who have none at hand. Several such fillers pass
their scheme's check digits (a weighted sum of equal digits is often a
multiple of the modulus), so a scheme alone accepts them, and a matcher
would then merge every party that has one.

The rule, on the digits of a number in its compact form (letters, such as
a VAT prefix, left out), with leading zeros taken as padding (a scheme pads
``11111111`` to ``011111111``): all the digits are zero, or at least
:data:`MIN_DIGITS` digits are left after the leading zeros, and they are
all one digit, or a run in which each digit is one more than the one before
(``123456789``, ``0123456789``, ``1234567890``: 0 follows 9), or each is
one less (``987654321``, ``9876543210``). Such digits say nothing of whom
they name; a real number of that shape is as rare as a valid filler is
common.
"""

from __future__ import annotations

__all__ = ["MIN_DIGITS", "is_placeholder"]

#: Fewer digits than this (leading zeros aside, unless all are zeros) are
#: never called a placeholder: in short numbers, a repeated digit or a run
#: is a real number as often as another.
MIN_DIGITS = 6

#: The longest digits looked at: a longer number is no scheme's (IBANs
#: have at most 32 digits, the longest numbers stdnum knows fewer than 40).
_MOST_DIGITS = 64

_ASCII_DIGITS = frozenset("0123456789")
# Runs up and down, long enough to hold any run of _MOST_DIGITS digits.
_UP = "0123456789" * (_MOST_DIGITS // 10 + 2)
_DOWN = _UP[::-1]


def is_placeholder(number: str) -> bool:
    """Return whether the digits of compact ``number`` are a placeholder.

    >>> is_placeholder("0000000000"), is_placeholder("PL1111111111"), is_placeholder("033333333")
    (True, True, True)
    >>> is_placeholder("123456789"), is_placeholder("EL987654321"), is_placeholder("1234567890")
    (True, True, True)
    >>> is_placeholder("5260250274"), is_placeholder("12345"), is_placeholder("1234567891")
    (False, False, False)
    """
    if len(number) > _MOST_DIGITS:
        return False
    digits = (
        number
        if number.isdigit() and number.isascii()
        else "".join(ch for ch in number if ch in _ASCII_DIGITS)
    )
    if len(digits) < MIN_DIGITS:
        return False
    significant = digits.lstrip("0")
    if not significant:
        return True  # all zeros
    if len(significant) < MIN_DIGITS:
        return False
    # One digit repeated, or a run up or down (0 follows 9): a piece of the
    # endless run, which a substring test finds in one pass.
    return (
        significant == significant[0] * len(significant)
        or significant in _UP
        or significant in _DOWN
    )

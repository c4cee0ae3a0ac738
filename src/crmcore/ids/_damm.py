"""Damm check digits, with tables precomputed for the generator's hot path.

The algorithm is python-stdnum's :mod:`stdnum.damm`: the quasigroup table is
read out of it once (through its public ``checksum``), so there is one source
of truth, and the tables built from it here only make the computation fast.

A Damm check digit catches every single-digit substitution and every adjacent
transposition of two different digits, anywhere in the number (check digit
included), and is always a decimal digit.
"""

from __future__ import annotations

from functools import cache

__all__ = ["check_digit", "interim", "operation_table", "suffix_checks"]

_DIGITS = "0123456789"


@cache
def operation_table() -> tuple[tuple[int, ...], ...]:
    """Return Damm's operation table as ``table[state][digit] -> state``.

    It is read out of python-stdnum: row 0 is a permutation of the digits, so
    for every state ``s`` there is a digit ``p`` with ``table[0][p] == s``, and
    ``table[s][d]`` is the checksum of the two digits ``p d``.

    >>> operation_table()[0]
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2)
    """
    # Imported here: python-stdnum's import costs ~35 ms, which `import crmcore`
    # should not pay before the first customer number.
    from stdnum import damm as _stdnum_damm

    row0 = [int(_stdnum_damm.checksum(d)) for d in _DIGITS]
    leading = {state: digit for digit, state in zip(_DIGITS, row0, strict=True)}
    return tuple(
        tuple(int(_stdnum_damm.checksum(leading[state] + d)) for d in _DIGITS)
        for state in range(10)
    )


@cache
def _check_for_state() -> str:
    # The check digit that brings each interim state to 0.
    return "".join(str(row.index(0)) for row in operation_table())


def interim(digits: str, state: int = 0) -> int:
    """Return the Damm interim state after ``digits`` (ASCII digits only).

    A complete number (check digit included) is valid when this is 0.

    >>> interim("5724"), interim("5727")
    (0, 9)
    """
    table = operation_table()
    for char in digits:
        state = table[state][ord(char) - 48]
    return state


def check_digit(digits: str, state: int = 0) -> str:
    """Return the Damm check digit to append to ``digits``.

    >>> check_digit("572")
    '4'
    """
    return _check_for_state()[interim(digits, state)]


@cache
def suffix_checks(width: int) -> tuple[str, ...]:
    """Return, per interim state, the check digits of every ``width``-digit suffix.

    ``suffix_checks(w)[s][n]`` is the check digit of a number whose digits so far
    left the interim state ``s`` and end with ``n`` written in ``w`` digits. A
    generator computes the state of its head (moment and node) once a second,
    and then finds each number's check digit with one string index.

    Each string has ``10**width`` characters (1 MB in all for width 5); the
    strings are assembled by concatenation, digit by digit, from the table.

    >>> suffix_checks(1)[interim("57")][2]
    '4'
    """
    if width == 0:
        return tuple(_check_for_state())
    shorter = suffix_checks(width - 1)
    table = operation_table()
    return tuple("".join(shorter[table[state][d]] for d in range(10)) for state in range(10))

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import damm as stdnum_damm
from stdnum.iso7064 import mod_11_10

from crmcore.ids import _damm

from .strategies import digits

#: The quasigroup of Damm (2004), as published; stdnum must agree with it.
PUBLISHED = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)


def test_the_table_read_from_stdnum_is_damms():
    assert _damm.operation_table() == PUBLISHED


def test_the_table_is_weakly_totally_anti_symmetric():
    # What makes every adjacent transposition detectable: (c*x)*y == (c*y)*x => x == y.
    table = _damm.operation_table()
    for c, x, y in itertools.product(range(10), repeat=3):
        if table[table[c][x]][y] == table[table[c][y]][x]:
            assert x == y


@given(digits)
def test_check_digit_agrees_with_stdnum(body):
    assert _damm.check_digit(body) == stdnum_damm.calc_check_digit(body)
    assert stdnum_damm.is_valid(body + _damm.check_digit(body))


@pytest.mark.parametrize("width", range(6))
def test_suffix_tables_agree_with_the_plain_computation(width):
    tables = _damm.suffix_checks(width)
    assert len(tables) == 10
    assert all(len(table) == 10**width for table in tables)
    step = max(1, 10**width // 997)
    for state in range(10):
        for n in range(0, 10**width, step):
            suffix = f"{n:0{width}d}" if width else ""
            assert tables[state][n] == _damm.check_digit(suffix, state)


@given(digits, st.integers(0, 99_999))
def test_a_head_state_and_a_suffix_table_give_the_whole_numbers_check_digit(head, seq):
    suffix = f"{seq:05d}"
    assert _damm.suffix_checks(5)[_damm.interim(head)][seq] == _damm.check_digit(head + suffix)


def test_iso_7064_mod_11_10_would_miss_adjacent_transpositions():
    # Why Damm: the hybrid ISO 7064 system lets some adjacent swaps through.
    body = "2025031409301500700004"
    number = body + mod_11_10.calc_check_digit(body)
    missed = []
    for i in range(len(number) - 1):
        if number[i] != number[i + 1]:
            swapped = number[:i] + number[i + 1] + number[i] + number[i + 2 :]
            if mod_11_10.is_valid(swapped):
                missed.append(swapped)
    body_missed = [
        n for n in missed if not stdnum_damm.is_valid(n[:-1] + _damm.check_digit(n[:-1]))
    ]
    assert missed, "expected ISO 7064 MOD 11,10 to miss at least one swap here"
    assert body_missed == []

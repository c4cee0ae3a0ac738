"""Placeholder numbers are refused in every scheme, by one rule on their digits.

A placeholder is a number whose digits in the compact form are all zeros,
or, leading zeros (padding) aside, at least six digits all one digit or a
run up or down (0 after 9). Many pass their
scheme's check digits; none may become a ``TaxId``, and where the scheme
would have accepted it the refusal says why: ``tax_id.placeholder``.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crmcore.errors import ValidationError
from crmcore.standardize import _stdnum, tax_ids
from crmcore.standardize._placeholder import MIN_DIGITS, is_placeholder

_SETTINGS = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])

#: Schemes of the home markets and their neighbours, with their lengths in
#: digits, and a country prefix written before the digits (VAT numbers).
_SCHEMES: dict[str, tuple[tuple[int, ...], str]] = {
    "pl.nip": ((10,), ""),
    "pl.regon": ((9, 14), ""),
    "pl.pesel": ((11,), ""),
    "ua.edrpou": ((8,), ""),
    "ua.rntrc": ((10,), ""),
    "ru.inn": ((10, 12), ""),
    "ru.ogrn": ((13, 15), ""),
    "gr.vat": ((9,), ""),
    "de.vat": ((9,), ""),
    "de.stnr": ((10, 11, 13), ""),
    "gb.vat": ((9, 12), ""),
    "gb.utr": ((10,), ""),
    "us.ein": ((9,), ""),
    "us.ssn": ((9,), ""),
    "eu.vat": ((8, 9, 10, 11, 12), "prefix"),
}
_EU_PREFIXES = ("PL", "EL", "DE", "CZ", "SK", "IT", "RO", "BG", "LT", "FR", "NL", "AT")
_SEPARATORS = ("", "", " ", "-", ".", "/")


def _run(start: int, step: int, size: int) -> str:
    return "".join(str((start + step * i) % 10) for i in range(size))


def _every_run(size: int) -> list[str]:
    return [_run(start, step, size) for start in range(10) for step in (0, 1, -1)]


def _spaced(digits: str, separator: str, every: int) -> str:
    if not separator:
        return digits
    return separator.join(digits[i : i + every] for i in range(0, len(digits), every))


@st.composite
def _placeholders(draw: st.DrawFn) -> tuple[str, str, str]:
    """(scheme, text as written, compact number) of a placeholder in a scheme's shape."""
    scheme = draw(st.sampled_from(sorted(_SCHEMES)))
    sizes, prefixed = _SCHEMES[scheme]
    size = draw(st.sampled_from(sizes))
    digits = _run(draw(st.integers(0, 9)), draw(st.sampled_from([0, 1, -1])), size)
    prefix = draw(st.sampled_from(_EU_PREFIXES)) if prefixed else ""
    separator = draw(st.sampled_from(_SEPARATORS))
    written = _spaced(digits, separator, draw(st.integers(2, 4)))
    gap = draw(st.sampled_from(["", " "])) if prefix else ""
    return scheme, prefix + gap + written, prefix + digits


def _stdnum_accepts(scheme: str, number: str) -> bool:
    module = _stdnum.resolve(scheme)
    assert module is not None, scheme
    return bool(module.is_valid(number))


@_SETTINGS
@given(found=_placeholders())
@example(found=("pl.nip", "777-777-77-77", "7777777777"))
@example(found=("pl.regon", "345 678 901", "345678901"))
@example(found=("pl.pesel", "222 222 222 22", "22222222222"))
@example(found=("ua.edrpou", "9012 3456", "90123456"))
@example(found=("ua.rntrc", "0987654321", "0987654321"))
@example(found=("ru.inn", "9876 5432 10", "9876543210"))
@example(found=("ru.ogrn", "4567890123456", "4567890123456"))
@example(found=("gr.vat", "876 543 210", "876543210"))
@example(found=("de.vat", "210 987 654", "210987654"))
@example(found=("de.stnr", "56789012345", "56789012345"))
@example(found=("gb.utr", "44444 44444", "4444444444"))
@example(found=("us.ein", "45-6789012", "456789012"))
@example(found=("eu.vat", "SK 4444444444", "SK4444444444"))
@example(found=("eu.vat", "CZ45678901", "CZ45678901"))
@example(found=("eu.vat", "IT 345 678 901 23", "IT34567890123"))
@example(found=("eu.vat", "RO76543210", "RO76543210"))
def test_no_placeholder_is_accepted_and_a_passing_one_says_why(
    found: tuple[str, str, str],
) -> None:
    scheme, written, number = found
    assert tax_ids.compact(written) == number
    with pytest.raises(ValidationError) as info:
        tax_ids.validate(written, scheme=scheme)
    assert info.value.field == "tax_id"
    assert info.value.value == written
    if _stdnum_accepts(scheme, written):
        assert info.value.code == "tax_id.placeholder"
        assert info.value.hint
    assert not tax_ids.is_valid(written, scheme=scheme)


@pytest.mark.parametrize("scheme", sorted(_SCHEMES))
def test_every_scheme_has_placeholders_that_pass_its_checks_and_are_refused(scheme: str) -> None:
    sizes, prefixed = _SCHEMES[scheme]
    prefixes = _EU_PREFIXES if prefixed else ("",)
    passing = [
        prefix + digits
        for prefix in prefixes
        for size in sizes
        for digits in _every_run(size)
        if _stdnum_accepts(scheme, prefix + digits)
    ]
    assert passing, scheme  # the scheme's check digits alone let fillers through
    for number in passing:
        with pytest.raises(ValidationError) as info:
            tax_ids.validate(number, scheme=scheme)
        assert info.value.code == "tax_id.placeholder", number


@pytest.mark.parametrize(
    ("raw", "country"),
    [
        ("NIP 888-888-88-88", None),
        ("PL 2222222222", None),
        ("REGON 000000000", None),
        ("PESEL 22222222222", "PL"),
        ("Код ЄДРПОУ 12345678", None),
        ("РНОКПП 5432109876", "UA"),
        ("ИНН 5678901234", None),
        ("ИНН 000000000000", "RU"),
        ("ΑΦΜ 321098765", None),
        ("EL 876543210", None),
        ("USt-IdNr. DE 543 210 987", None),
        ("GB 000 000 000", None),
        ("98-7654321", "US"),
        ("BG 000000000", None),
    ],
)
def test_placeholders_are_refused_when_read_by_label_prefix_or_country(
    raw: str, country: str | None
) -> None:
    with pytest.raises(ValidationError) as info:
        tax_ids.validate(raw, country=country)
    assert info.value.code == "tax_id.placeholder"
    assert tax_ids.detect(raw, country=country) == ()


def test_a_placeholder_cannot_be_built_as_a_tax_id() -> None:
    built = [("pl.nip", "4444444444"), ("eu.vat", "EL321098765"), ("ru.inn", "6789012345")]
    for scheme, value in built:
        with pytest.raises(ValidationError) as info:
            tax_ids.TaxId(scheme=scheme, value=value)
        assert info.value.code == "tax_id.placeholder"


def test_real_numbers_with_padding_or_short_runs_are_kept() -> None:
    # Real numbers of the home markets: leading zeros, repeats and short runs
    # inside, none a placeholder as a whole.
    for raw, scheme in [
        ("1027700132195", "ru.ogrn"),
        ("7707083893", "ru.inn"),
        ("00032112", "ua.edrpou"),
        ("094014201", "gr.vat"),
        ("136695976", "de.vat"),
        ("5260250274", "pl.nip"),
        ("192598184", "pl.regon"),
        ("536904399", "us.ssn"),
        ("980780684", "gb.vat"),
    ]:
        assert _stdnum_accepts(scheme, raw), raw
        assert tax_ids.validate(raw, scheme=scheme).value == raw


@st.composite
def _digit_texts(draw: st.DrawFn) -> str:
    """Text of digits, letters and separators: runs, repeats and runs spoilt."""
    size = draw(st.integers(0, 16))
    digits = list(_run(draw(st.integers(0, 9)), draw(st.sampled_from([0, 1, -1, 2, 5])), size))
    for _ in range(draw(st.integers(0, 2))):
        if digits:
            digits[draw(st.integers(0, size - 1))] = str(draw(st.integers(0, 9)))
    prefix = draw(st.sampled_from(["", "PL", "EL", "X"]))
    return prefix + "0" * draw(st.integers(0, 3)) + "".join(digits)


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(_digit_texts(), st.text(alphabet="0123456789AZ -", max_size=20)))
def test_the_rule_is_zeros_or_six_significant_digits_all_one_or_a_run(text: str) -> None:
    digits = "".join(ch for ch in text if ch in "0123456789")
    significant = digits.lstrip("0")
    expected = len(digits) >= MIN_DIGITS and (
        not significant
        or (len(significant) >= MIN_DIGITS and significant in set(_every_run(len(significant))))
    )
    assert is_placeholder(text) is expected


def test_the_rule_takes_hostile_long_text_quickly() -> None:
    started = time.perf_counter()
    for text in ("1" * 100_000, "0123456789" * 10_000, "9" * 63 + "x" * 100_000):
        assert is_placeholder(text) is False  # longer than any number: no scheme's
    assert time.perf_counter() - started < 1.0

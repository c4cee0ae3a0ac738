"""The later shortcuts of ``tax_ids.validate`` give exactly what the full work gives.

Checked against python-stdnum itself, on real numbers of our markets and on
mutations of them:

* the guards' checks of the characters (a pattern, a mod 97 check digit, a
  separator): whenever one says a scheme cannot pass, stdnum refuses the text;
* a stable scheme's reading is not compacted again, and its value is not
  checked again: stdnum gives that value back unchanged, and ``read`` is
  ``check``;
* a VAT number read with its prefix is not tried against its country's
  national scheme too; the reading is the full reading (every scheme tried,
  every value built through the checking constructor).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crmcore._data import load_json
from crmcore.errors import ValidationError
from crmcore.standardize import _stdnum, tax_ids
from crmcore.standardize.tax_ids import TaxId

from .test_tax_id_fast_paths import _COUNTRIES, _NUMBERS, _full_read, _reading

_SETTINGS = settings(deadline=None, max_examples=400, suppress_health_check=[HealthCheck.too_slow])

_TEXT_GUARDED = sorted(
    scheme
    for scheme, guard in load_json("standardize", "tax_ids.json")["guards"].items()
    if {"strip", "search"} & set(guard)
)
_STABLE = sorted(load_json("standardize", "tax_ids.json")["stable"])

# Numbers as the record benchmark writes them, and their neighbours.
_MARKET_NUMBERS = (
    "526-025-09-95",
    "PL5260250995",
    "32855961",
    "7707083893",
    "500100732259",
    "094014201",
    "EL094014201",
    "GR 094014201",
    "DE136695976",
    "DE 136 695 976",
    "GB980780684",
    "GB 980 7806 84",
    "XI980780684",
    "04-2103594",
    "536-90-4399",
    "PL61 1090 1014 0000 0712 1981 2874",
    "5493001KJTIIGC8Y1R12",
    "EU372000041",
    "IM2760000312",
    "Aachen HRA 11223",
)
_TEXTS = st.one_of(st.sampled_from(_MARKET_NUMBERS), _NUMBERS)


def test_the_lists_name_known_schemes() -> None:
    for scheme in [*_TEXT_GUARDED, *_STABLE]:
        assert _stdnum.resolve(scheme) is not None, scheme
    assert {"iban", "lei", "eu.oss", "de.handelsregisternummer"} <= set(_TEXT_GUARDED)


@_SETTINGS
@given(text=_TEXTS, scheme=st.sampled_from(_TEXT_GUARDED))
@example(text="5493001KJTIIGC8Y1R12", scheme="lei")
@example(text="5493001kjtiigc8y1r12", scheme="lei")
@example(text="5493-001K JTII GC8Y 1R12", scheme="lei")
@example(text="5260250995", scheme="lei")
@example(text="PL61 1090 1014 0000 0712 1981 2874", scheme="iban")
@example(text="pl61.1090.1014.0000.0712.1981.2874", scheme="iban")
@example(text="EU372000041", scheme="eu.oss")
@example(text="\teu 372-000-041 ", scheme="eu.oss")
@example(text="IM2760000312", scheme="eu.oss")
@example(text="Aachen HRA 11223", scheme="de.handelsregisternummer")
@example(text="", scheme="lei")
def test_a_scheme_the_characters_rule_out_refuses_the_text(text: str, scheme: str) -> None:
    module = _stdnum.resolve(scheme)
    assert module is not None
    if not _stdnum.may_pass(module, _stdnum.shape(text), text):
        assert isinstance(_stdnum.check(module, text), _stdnum.Failure)


@pytest.mark.parametrize(
    ("scheme", "text"),
    [
        ("lei", "5493001KJTIIGC8Y1R12"),
        ("lei", "5493 001K-JTII GC8Y 1R12"),
        ("iban", "PL61 1090 1014 0000 0712 1981 2874"),
        ("iban", "DE89 3704 0044 0532 0130 00"),
        ("eu.oss", "EU372000041"),
        ("eu.oss", "IM 276 000 0312"),
        ("de.handelsregisternummer", "Aachen HRA 11223"),
    ],
)
def test_the_characters_let_a_valid_number_through(scheme: str, text: str) -> None:
    module = _stdnum.resolve(scheme)
    assert module is not None
    assert isinstance(_stdnum.check(module, text), _stdnum.Passed)
    assert _stdnum.may_pass(module, _stdnum.shape(text), text)


@_SETTINGS
@given(text=_TEXTS, scheme=st.sampled_from(_STABLE))
@example(text="526-025-09-95", scheme="pl.nip")
@example(text="PL 526-025-09-95", scheme="pl.nip")
@example(text="EL 94014201", scheme="gr.vat")
@example(text="GB GD100", scheme="gb.vat")
@example(text="K1234567890", scheme="gb.utr")
@example(text="04-2103594", scheme="us.tin")
@example(text="p12345678", scheme="us.ptin")
def test_a_stable_scheme_reads_as_it_checks_and_gives_its_value_back(
    text: str, scheme: str
) -> None:
    module = _stdnum.resolve(scheme)
    assert module is not None
    outcome = _stdnum.read(module, text)
    assert outcome == _stdnum.check(module, text)
    if isinstance(outcome, _stdnum.Passed):
        assert _stdnum.check(module, outcome.value) == outcome


@_SETTINGS
@given(text=_TEXTS, country=_COUNTRIES)
@example(text="DE136695976", country="DE")
@example(text="DE 136 695 976", country="DE")
@example(text="PL5260250995", country="PL")
@example(text="EL094014201", country="GR")
@example(text="GB980780684", country="GB")
@example(text="XI980780684", country="GB")
@example(text="5493001KJTIIGC8Y1R12", country=None)
@example(text="PL61 1090 1014 0000 0712 1981 2874", country="PL")
def test_the_reading_with_every_shortcut_is_the_full_reading(
    text: str, country: str | None
) -> None:
    clean = tax_ids.tidy(text) if text.strip() else text
    fast, full = _reading(tax_ids._read, clean, country), _reading(_full_read, clean, country)
    if fast[0] == "refused" or not fast[1]:  # the refusals count only when nothing fits
        assert fast == full
    else:
        assert (fast[1], fast[3]) == (full[1], full[3])


@pytest.mark.parametrize(
    ("text", "country", "expected", "mistyped"),
    [
        ("526-025-09-95", "PL", TaxId(scheme="pl.nip", value="5260250995"), "tax_id.bad_checksum"),
        ("DE136695976", "DE", TaxId(scheme="eu.vat", value="DE136695976"), "tax_id.bad_checksum"),
        ("EL094014201", "GR", TaxId(scheme="eu.vat", value="EL094014201"), "tax_id.bad_checksum"),
        ("GB 980 7806 84", "GB", TaxId(scheme="vatin", value="GB980780684"), "tax_id.bad_checksum"),
        ("04-2103594", "US", TaxId(scheme="us.ein", value="042103594"), None),
    ],
)
def test_numbers_of_our_markets_read_as_before(
    text: str, country: str, expected: TaxId, mistyped: str | None
) -> None:
    assert tax_ids.validate(text, country=country) == expected
    if mistyped is None:  # an EIN has no check digit
        return
    with pytest.raises(ValidationError) as caught:
        tax_ids.validate(text[:-1] + str((int(text[-1]) + 1) % 10), country=country)
    assert caught.value.code == mistyped


@_SETTINGS
@given(
    text=st.one_of(
        st.from_regex(r"[0-9A-Z]{0,34}", fullmatch=True),
        st.sampled_from(["PL61109010140000071219812874", "5493001KJTIIGC8Y1R12", "", "A.B"]),
    ),
    rotate=st.sampled_from([0, 4]),
)
def test_the_mod97_guard_is_stdnums_check(text: str, rotate: int) -> None:
    from stdnum.iso7064 import mod_97_10

    moved = text[rotate:] + text[:rotate]
    assert _stdnum._passes_mod97(text, rotate) is mod_97_10.is_valid(moved)

"""The shortcuts of ``tax_ids.validate`` give exactly what the full work gives.

Two shortcuts are checked here against the work they skip:

* a scheme whose numbers never have the text's count of digits is not tried
  (unless no scheme accepts the text, as then every refusal counts): whenever
  the guard says a scheme cannot pass, python-stdnum refuses the text;
* a value read by the very scheme and text the ``TaxId`` check would repeat
  is not checked a second time.

The full work is the reading as it was before the shortcuts: every scheme
tried, every value built through the checking constructor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crmcore._data import load_json
from crmcore.errors import ValidationError
from crmcore.standardize import _stdnum, tax_ids
from crmcore.standardize.tax_ids import TaxId

from .corpus import corpus

if TYPE_CHECKING:
    from collections.abc import Callable

_SETTINGS = settings(deadline=None, max_examples=400, suppress_health_check=[HealthCheck.too_slow])

_GUARDED = sorted(load_json("standardize", "tax_ids.json")["guards"])
_EXAMPLES = load_json("standardize", "tax_id_examples.json")
_SEEDS = sorted(
    {_EXAMPLES[s] for s in _GUARDED if s in _EXAMPLES}
    | {raw for raw, *_ in corpus("tax_ids")["valid"]}
    | {raw for raw, *_ in corpus("tax_ids")["invalid"] if isinstance(raw, str)}
    | {"94014201", "EL94014201", "GD100", "HA500", "GD888812345", "P12345678", "980780684K"}
    | {"PL61109010140000071219812874", "DE89370400440532013000", "EU372000041", "IM276000031"}
)
_PREFIXES = (
    *("", "", "PL", "pl", "EL", "GR", "DE", "GB", "XI", "UA", "RU", "US", "P", "GD", "HA", "K"),
    *("0", "EU", "IM", "E", "P-L", " PL", "*PL", "PL61", "DE89", "GB29 NWBK", "EU372"),
)
_SEPARATORS = ("", "", "", " ", "-", ".", "/", ":", ",", "\u2013", "\uff0d")
_COUNTRIES = st.sampled_from([None, "PL", "UA", "RU", "GR", "DE", "GB", "US"])
_DIGITS = "0123456789\uff10\uff11\uff15\u0665"


@st.composite
def _mutated(draw: st.DrawFn) -> str:
    """A seed number with digits inserted, removed or changed, prefixed and separated."""
    chars = list(draw(st.sampled_from(_SEEDS)))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(chars)))
        match draw(st.sampled_from(["insert", "delete", "change", "separate"])):
            case "insert":
                chars.insert(at, draw(st.sampled_from(_DIGITS)))
            case "delete" if chars:
                del chars[min(at, len(chars) - 1)]
            case "change" if chars:
                chars[min(at, len(chars) - 1)] = draw(st.sampled_from(_DIGITS))
            case _:
                chars.insert(at, draw(st.sampled_from(_SEPARATORS)))
    return draw(st.sampled_from(_PREFIXES)) + "".join(chars)


@st.composite
def _digit_runs(draw: st.DrawFn) -> str:
    """Runs of digits with separators and a prefix, of every length around the schemes'."""
    groups = draw(st.lists(st.text(alphabet=_DIGITS, min_size=1, max_size=6), max_size=5))
    separator = draw(st.sampled_from(_SEPARATORS))
    return draw(st.sampled_from(_PREFIXES)) + separator.join(groups)


_NUMBERS = st.one_of(_mutated(), _digit_runs(), st.text(max_size=30))


def _full_read(
    text: str, country: str | None, scheme: str | None
) -> tuple[tuple[TaxId, ...], tuple[_stdnum.Failure, ...], str]:
    """The reading without shortcuts: every scheme tried, every value checked."""
    labelled, number = tax_ids._split(text)
    chosen = scheme if scheme is not None else labelled
    if chosen is not None and chosen != "vat" and _stdnum.resolve(chosen) is None:
        tax_ids._unknown_scheme(text if scheme is None else scheme)
    found: list[TaxId] = []
    failures: list[_stdnum.Failure] = []
    for module in tax_ids._modules(chosen, number, country):
        outcome = _stdnum.check(module, number)
        if isinstance(outcome, _stdnum.Failure):
            if chosen is not None or _stdnum.plausible(module, number):
                failures.append(outcome)
        else:
            name = _stdnum.scheme_of(outcome.module)
            if name == "vatin":
                name = _stdnum.vat_form_scheme(outcome.value[:2])
            tax_id = TaxId(scheme=name, value=outcome.value)
            if tax_id not in found:
                found.append(tax_id)
    return tax_ids._narrowest(found), tuple(failures), number


def _reading(
    read: Callable[[str, str | None, None], tuple[object, ...]], clean: str, country: str | None
) -> tuple[object, ...]:
    try:
        return ("read", *read(clean, country, None))
    except ValidationError as exc:
        return ("refused", exc.code, exc.hint)


def _outcome(raw: str, country: str | None) -> tuple[object, ...]:
    try:
        found = tax_ids.validate(raw, country=country)
    except ValidationError as exc:
        return ("refused", exc.code, exc.hint, exc.value)
    return ("valid", found)


@_SETTINGS
@given(text=_NUMBERS, scheme=st.sampled_from(_GUARDED))
@example(text="94014201", scheme="gr.vat")
@example(text="EL 9401 4201", scheme="gr.vat")
@example(text="GD100", scheme="gb.vat")
@example(text="GB GD888812345", scheme="gb.vat")
@example(text="P12345678", scheme="us.ptin")
@example(text="P12345678", scheme="us.tin")
@example(text="\uff15260250274", scheme="pl.nip")
@example(text="PL 526-025-02-74", scheme="vatin")
@example(text="*PL5260250274", scheme="vatin")
@example(text="PL61 1090 1014 0000 0712 1981 2874", scheme="iban")
@example(text="`PL61109010140000071219812874", scheme="iban")
@example(text="EU372000041", scheme="eu.oss")
@example(text="04-2103594", scheme="us.ssn")
@example(text=" 078-05-1120\n", scheme="us.ssn")
@example(text="912-70-1234\x1c", scheme="us.itin")
@example(text="123-45-6789", scheme="us.atin")
@example(text="123 45 6789", scheme="us.atin")
def test_a_scheme_the_guards_rule_out_refuses_the_text(text: str, scheme: str) -> None:
    module = _stdnum.resolve(scheme)
    assert module is not None
    if not _stdnum.may_pass(module, _stdnum.shape(text)) or not _stdnum.may_pass_text(module, text):
        assert isinstance(_stdnum.check(module, text), _stdnum.Failure)


#: Numbers for the schemes whose stdnum examples are placeholders (and so
#: have none in the generated table): an ATIN has 93 in the middle.
_NO_EXAMPLE = {"us.atin": "912934567", "us.tin": "912934567"}


@pytest.mark.parametrize("scheme", _GUARDED)
def test_the_guard_lets_every_known_valid_number_through(scheme: str) -> None:
    module = _stdnum.resolve(scheme)
    assert module is not None
    numbers = [_EXAMPLES.get(scheme, _NO_EXAMPLE.get(scheme))]
    numbers += [v for _, _, s, v in corpus("tax_ids")["valid"] if s == scheme]
    assert numbers[0] is not None, scheme
    for number in numbers:
        for written in {number, _stdnum.display(module, number)}:
            assert isinstance(_stdnum.check(module, written), _stdnum.Passed)
            assert _stdnum.may_pass(module, _stdnum.shape(written))


@_SETTINGS
@given(text=_NUMBERS, country=_COUNTRIES)
@example(text="5260250274", country="PL")
@example(text="PL 526-025-02-74", country="PL")
@example(text="094014201", country="GR")
@example(text="EL094014201", country="GR")
@example(text="536904399", country="US")
@example(text="1027700132196", country="RU")
def test_the_fast_reading_is_the_full_reading(text: str, country: str | None) -> None:
    clean = tax_ids.tidy(text) if text.strip() else text
    fast, full = _reading(tax_ids._read, clean, country), _reading(_full_read, clean, country)
    if fast[0] == "refused" or not fast[1]:  # the refusals count only when nothing fits
        assert fast == full
    else:
        assert (fast[1], fast[3]) == (full[1], full[3])
    with mock.patch.object(tax_ids, "_read", _full_read):
        expected = _outcome(text, country)
    assert _outcome(text, country) == expected


@_SETTINGS
@given(text=_NUMBERS, country=_COUNTRIES)
def test_a_value_built_without_its_check_passes_the_check(text: str, country: str | None) -> None:
    try:
        found = tax_ids.detect(text, country=country)
    except ValidationError:
        return
    for tax_id in found:
        assert TaxId(scheme=tax_id.scheme, value=tax_id.value) == tax_id
        assert hash(TaxId(scheme=tax_id.scheme, value=tax_id.value)) == hash(tax_id)

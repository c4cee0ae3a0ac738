"""Every public function of crmcore.standardize, fed long hostile text.

The functions are found from the ``__all__`` of the package and of its
modules, so a new public function is covered without a change here. Each is
given, in each of its text parameters in turn, long runs of digits, dashes,
spaces, dots, letters of several scripts, lone surrogates, combining marks,
invisible characters and mojibake, at the standardisers' limit of 1000
characters and far beyond it. It must return, or raise one of our own errors
(:class:`crmcore.errors.CrmError`), and do either quickly: a deadline catches
work that grows faster than the text.
"""

from __future__ import annotations

import inspect
import time
import types
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crmcore.standardize as std
from crmcore.errors import CrmError, ValidationError

if TYPE_CHECKING:
    from collections.abc import Callable

#: Generous for a loaded machine of two cores, small enough for blow-ups:
#: work that grows with the square of 20,000 characters takes far longer.
DEADLINE = timedelta(seconds=2)

#: Building blocks of hostile text: each is repeated into a long run.
UNITS = [
    "0", "9", "12", "-", "--", " ", "  ", ".", "..", "a", "Z", "ж", "Ω", "ł", "Ж-", "1-",
    "1 ", "a.", "@", "a@", ".@", "+", "+4", "(", ")", "(1", "/", "://", "www.", ",", ", ",
    "'", '"', "«", "»", "„", "\u00a0", "\u200b", "\u200d", "\u00ad", "\u202e", "\ufeff",
    "\u0301", "e\u0301", "\u0308\u0301", "\ud800", "\udfff", "\U0001f600", "ß", "ﬁ", "Ⅻ",
    "٣", "ا", "中", "Ã³", "Ð¢", "Ň", "ул. ", "ul.", "Nr ", "m.", "tel.", "ext", "#",
    "Kоwalski", "Aθ", "ТзОВ ", "Sp. z o.o. ", "GmbH ", "ΑΕ ", "№", "\t", "\n", "\r\n",
    "\x00", "\x7f", "\u2028", "Jan ", "de la ", "O'", "Mc", "-ова", "ски",
]  # fmt: skip


@st.composite
def hostile_text(draw: st.DrawFn) -> str:
    """Return a run of a few units: at the limit, or 10,000 characters and more."""
    units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=4))
    pattern = "".join(units)
    length = draw(st.sampled_from([999, 1000, 10_000, 20_000]))
    text = (pattern * (length // len(pattern) + 1))[:length]
    tail = draw(st.sampled_from(["", "!", "x", "0", " ", "@", "\u0301"]))
    return text + tail


#: Fixed hostile texts every function gets, whatever hypothesis draws.
CANNED = [
    "0" * 20_000,
    "-" * 20_000,
    " " * 20_000,
    "." * 20_000,
    "a" * 20_000 + "!",
    "1-" * 10_000 + "x",
    "a." * 10_000 + "@",
    "a@" * 10_000,
    "Kоwalski " * 2_000,
    "ж" * 999 + "\u0301",
    "e" + "\u0301" * 19_999,
    "\ud800" * 10_000,
    "Ð¢ÐžÐ’ " * 2_000,
    ("ТзОВ «Ромашка» " * 70)[:1000],
    ("1 " * 500)[:1000],
    ("(1" * 500)[:1000],
]


def _public_functions() -> dict[str, Callable[..., Any]]:
    """Return every public function of the package and of its public modules."""
    found: dict[str, Callable[..., Any]] = {}
    for name in std.__all__:
        member = getattr(std, name)
        if isinstance(member, types.ModuleType):
            for inner in member.__all__:
                function = getattr(member, inner)
                if inspect.isfunction(function):
                    found[f"{name}.{inner}"] = function
        elif inspect.isfunction(member):
            found[name] = member
    return found


FUNCTIONS = _public_functions()
_ERROR = ValidationError("a sample error", code="phone.too_short", field="phone", value="12")
#: A usable value for each required parameter that is not under test.
_USUAL: dict[str, object] = {
    "country": "PL",
    "mapping": {"Telefon": "601 234 567"},
    "error": _ERROR,
    "field": "phone",
    "scheme": "pl.nip",
}


def _text_parameters(function: Callable[..., Any]) -> list[str]:
    """Return the parameters of ``function`` that take text (or anything)."""
    return [
        p.name
        for p in inspect.signature(function).parameters.values()
        if any(kind in str(p.annotation) for kind in ("str", "object", "_E", "Mapping"))
        and p.name != "error"
    ]


CASES = [
    pytest.param(name, parameter, id=f"{name}({parameter})")
    for name, function in FUNCTIONS.items()
    for parameter in _text_parameters(function)
]


def _call(name: str, parameter: str, text: str) -> object:
    """Call ``name`` with ``text`` in ``parameter``, usual values elsewhere."""
    function = FUNCTIONS[name]
    args: list[object] = []
    kwargs: dict[str, object] = {}
    for p in inspect.signature(function).parameters.values():
        if p.name == parameter:
            # A mapping gets the text as a key and as a value.
            value: object = {text: text, "Uwagi": text} if "Mapping" in str(p.annotation) else text
        elif p.default is inspect.Parameter.empty:
            value = _USUAL.get(p.name, "Jan Kowalski")
        else:
            continue
        if p.kind is inspect.Parameter.KEYWORD_ONLY:
            kwargs[p.name] = value
        else:
            args.append(value)
    try:
        return function(*args, **kwargs)
    except CrmError as error:
        return error


def test_every_public_function_is_covered() -> None:
    covered = {name for name, _ in (case.values for case in CASES)}
    assert covered == set(FUNCTIONS)
    # The families and the package-level verbs are all there.
    assert {
        "phones.validate",
        "keys.matching_key",
        "texts.mojibake",
        "standardize_record",
    } <= covered


@pytest.mark.parametrize(("name", "parameter"), CASES)
def test_canned_hostile_text(name: str, parameter: str) -> None:
    for text in CANNED:
        started = time.perf_counter()
        _call(name, parameter, text)
        elapsed = time.perf_counter() - started
        assert elapsed < DEADLINE.total_seconds(), (name, parameter, text[:20], elapsed)


@settings(
    deadline=DEADLINE,
    max_examples=300,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=st.sampled_from([case.values for case in CASES]), text=hostile_text())
def test_any_hostile_text(case: tuple[str, str], text: str) -> None:
    name, parameter = case
    _call(name, parameter, text)

"""The fast readings of national schemes give exactly what python-stdnum's ``validate`` gives.

* the translation table cleans text as ``stdnum.util.clean`` does, for every
  scheme's separators, over arbitrary text and look-alike characters;
* for each allow-listed scheme (``data/tax_ids.json``, "fast"), the fast
  reading accepts exactly what the scheme's ``validate`` accepts, with the
  same compact value, and refuses the rest with the same kind of failure:
  over generated valid numbers written with random separators, and near
  misses (a digit changed, dropped or added, a letter put in);
* the readings are wired: ``_stdnum.read`` and ``check`` use them, and leave a
  scheme whose ``validate`` was replaced to that ``validate``.
"""

from __future__ import annotations

import string
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from stdnum import util as stdnum_util

from crmcore._data import load_json
from crmcore.standardize import _stdnum, _stdnum_fast, tax_ids

_SETTINGS = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])

_FAST = load_json("standardize", "tax_ids.json")["fast"]
_SCHEMES = sorted(_FAST)
_LOOK_ALIKES = sorted(stdnum_util._char_map)
_STRIPS = sorted({str(spec.get("strip", "")) for spec in _FAST.values()} | {"", " -:"})

# Each scheme: the digits of its numbers (without check digits), how many
# trailing check digits, and prefixes it may be written with.
_LENGTHS = {
    "pl.nip": ([9], 1, ["PL", "pl"]),
    "ua.edrpou": ([7], 1, []),
    "ru.inn": ([9, 10], 1, []),
    "gr.vat": ([7, 8], 1, ["EL", "GR", "el"]),
    "de.vat": ([8], 1, ["DE", "de"]),
    "gb.vat": ([8, 11], 1, ["GB", "XI", "gb"]),
    "us.ein": ([8], 1, []),
}

# Real numbers of each scheme, written as people write them.
_REAL = {
    "pl.nip": [
        "526-025-02-74",
        "PL 526 025 02 74",
        "8567346215",
        "526–025–02–74",
        "526-025-09-95",
        "526`025`02`74",
    ],
    "ua.edrpou": ["32855961", "00032112", " 14360570 ", "3285 5961"],
    "ru.inn": ["7707083893", "500100732259", "7830002293", "7707 083 893"],
    "gr.vat": ["094014201", "EL 094014201", "GR094014201", "094.014.201", "23456783"],
    "de.vat": ["DE136695976", "DE 136 695 976", "136.695.976", "de136695976", "DE 136695977"],
    "gb.vat": ["GB980780684", "GB 980 7806 84", "980 7806 84 000", "XI980780684", "GD100", "HA500"],
    "us.ein": ["04-2103594", "042103594", " 04-2103594 ", "00-2103594", "04—2103594"],
}


def _module(scheme: str):
    module = _stdnum.resolve(scheme)
    assert module is not None
    return module


def _general(scheme: str, text: str) -> _stdnum.Passed | _stdnum.Failure:
    """The reference: the scheme's own ``validate``, failures read as ``_stdnum`` reads them."""
    return _stdnum._validated(_module(scheme), text)


def _assert_same(scheme: str, text: str) -> None:
    fast = _stdnum_fast.fast_read(_module(scheme), text)
    if fast is None:
        return
    general = _general(scheme, text)
    if fast[0]:
        assert general == _stdnum.Passed(_module(scheme), fast[1]), text
    else:
        assert general == _stdnum.Failure(_module(scheme), fast[1]), text


@st.composite
def _valid(draw: st.DrawFn, scheme: str) -> str:
    """Return a valid number of ``scheme`` (check digit searched for), as digits."""
    lengths, checks, _ = _LENGTHS[scheme]
    module = _module(scheme)
    body = draw(st.text("0123456789", min_size=lengths[0], max_size=lengths[-1]))
    body = body.ljust(draw(st.sampled_from(lengths)), "1")
    tails = ["".join(t) for t in _tails(checks)]
    for tail in draw(st.permutations(tails)):
        if module.is_valid(body + tail):
            return body + tail
    return body + tails[0]  # no check digit fits: a near miss of its own


def _tails(count: int) -> list[str]:
    tails = [""]
    for _ in range(count):
        tails = [t + d for t in tails for d in string.digits]
    return tails


@st.composite
def _written(draw: st.DrawFn, scheme: str) -> str:
    """Return a number of ``scheme``, valid or a near miss, with random separators."""
    number = draw(_valid(scheme))
    mutation = draw(st.sampled_from(["none", "change", "drop", "add", "letter", "none"]))
    if number and mutation != "none":
        at = draw(st.integers(0, len(number) - 1))
        if mutation == "change":
            number = number[:at] + draw(st.sampled_from(string.digits)) + number[at + 1 :]
        elif mutation == "drop":
            number = number[:at] + number[at + 1 :]
        elif mutation == "add":
            number = number[:at] + draw(st.sampled_from(string.digits)) + number[at:]
        else:
            number = number[:at] + draw(st.sampled_from("AbXZéЖ٣５")) + number[at + 1 :]
    separators = st.sampled_from(
        [" ", "-", ".", "/", ":", ",", "–", "—", "\u00a0", "\t", "*", "`", "'"]
    )
    chars = []
    for char in number:
        if draw(st.integers(0, 4)) == 0:
            chars.append(draw(separators))
        chars.append(char)
    text = "".join(chars)
    _, _, prefixes = _LENGTHS[scheme]
    if prefixes and draw(st.booleans()):
        text = draw(st.sampled_from(prefixes)) + draw(st.sampled_from(["", " ", "-"])) + text
    return draw(st.sampled_from(["", " ", "\n"])) + text + draw(st.sampled_from(["", " "]))


def test_every_listed_scheme_has_a_fast_reading():
    assert set(_LENGTHS) == set(_FAST)
    for scheme in _SCHEMES:
        assert scheme in load_json("standardize", "tax_ids.json")["stable"]
        assert _stdnum_fast.reader(_module(scheme)) is not None, scheme
    assert _stdnum_fast.reader(_module("pl.regon")) is None
    assert _stdnum_fast.fast_read(_module("pl.regon"), "123456785") is None


@pytest.mark.parametrize("deletechars", _STRIPS)
@_SETTINGS
@given(
    text=st.one_of(
        st.text(),
        st.text(st.sampled_from([*_LOOK_ALIKES, *string.digits, *" -./:,", "P", "ß", "ﬁ"])),
    )
)
@example(text="526–025—02―74")
@example(text="")
def test_the_table_cleans_as_stdnum_cleans(deletechars, text):
    table = _stdnum_fast.cleaner(deletechars)
    assert table is not None
    assert text.translate(table) == stdnum_util.clean(text, deletechars)


@pytest.mark.parametrize("scheme", _SCHEMES)
@_SETTINGS
@given(data=st.data())
def test_the_fast_reading_is_the_schemes_validate(scheme, data):
    text = data.draw(_written(scheme))
    _assert_same(scheme, text)


@pytest.mark.parametrize("scheme", _SCHEMES)
@_SETTINGS
@given(text=st.text(st.sampled_from([*string.digits, *string.ascii_letters, *" -./`'", "٣", "５"])))
def test_the_fast_reading_of_any_text_is_the_schemes_validate(scheme, text):
    _assert_same(scheme, text)


@pytest.mark.parametrize(("scheme", "text"), [(s, t) for s, ts in _REAL.items() for t in ts])
def test_real_numbers_read_as_stdnum_reads_them(scheme, text):
    _assert_same(scheme, text)
    outcome = _stdnum.read(_module(scheme), text)
    assert outcome == _general(scheme, text)
    # A stable scheme's value compacts to itself: check() reads as read() does.
    assert _stdnum.check(_module(scheme), text) == outcome


def test_the_readings_take_most_real_numbers():
    # The fast road is the road taken: only the rare GB forms leave it.
    left = [
        t for s, ts in _REAL.items() for t in ts if _stdnum_fast.fast_read(_module(s), t) is None
    ]
    assert left == ["GD100", "HA500"]


def test_a_replaced_validate_is_used(monkeypatch):
    module = _module("pl.nip")
    calls = []

    def validate(number):
        calls.append(number)
        return "5260250274"

    monkeypatch.setattr(module, "validate", validate)
    assert _stdnum_fast.reader(module) is None
    assert _stdnum.read(module, "526-025-02-75") == _stdnum.Passed(module, "5260250274")
    assert calls == ["526-025-02-75"]


def test_without_stdnums_character_map_nothing_is_fast(monkeypatch):
    monkeypatch.setattr(_stdnum_fast, "stdnum_util", SimpleNamespace())
    _stdnum_fast.cleaner.cache_clear()
    _stdnum_fast._reading.cache_clear()
    try:
        assert _stdnum_fast.cleaner(" -") is None
        assert _stdnum_fast.fast_read(_module("pl.nip"), "5260250274") is None
        assert _stdnum_fast.fast_read(_module("us.ein"), "04-2103594") is None
        assert tax_ids.validate("526-025-02-74", country="PL").value == "5260250274"
    finally:
        monkeypatch.undo()
        _stdnum_fast.cleaner.cache_clear()
        _stdnum_fast._reading.cache_clear()

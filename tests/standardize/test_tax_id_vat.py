"""A VAT number with its prefix, read by its national scheme once, is read as stdnum reads it.

Over numbers of every EU country (and the United Kingdom's ``GB``/``XI``),
valid and invalid, with their prefixes in any case and with separators:

* each national VAT scheme that reads its own prefixes (the EU's and the
  United Kingdom's, from the one table of schemes) reads the prefix and a
  number starting with a digit as the number alone (``validate`` and
  ``compact``: the same value or the same kind of error);
* each EU VAT scheme listed as stable gives its values back unchanged;
* ``read_vat`` is ``check(vatin, ...)``, and a value it read passes the
  ``eu.vat`` or ``vatin`` check as it is whenever ``prefixed_checked`` says so;
* the whole reading equals the reading without shortcuts.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from stdnum import vatin as stdnum_vatin
from stdnum.eu import vat as stdnum_eu_vat
from stdnum.exceptions import ValidationError as StdnumError

from crmcore._data import load_json
from crmcore.standardize import _stdnum, tax_ids

from .test_tax_id_fast_paths import _full_read, _reading

_SETTINGS = settings(deadline=None, max_examples=600, suppress_health_check=[HealthCheck.too_slow])

_EXAMPLES: dict[str, str] = load_json("standardize", "tax_id_examples.json")
#: Every prefix of an EU VAT number (Greece's EL, Northern Ireland's XI), and GB.
_VAT_PREFIXES = sorted(
    {"EL" if m == "gr" else m.upper() for m in stdnum_eu_vat.MEMBER_STATES} | {"GR", "GB"}
)
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _own_prefixes() -> dict[str, list[str]]:
    """The prefixes each national VAT scheme reads as its own, as the standardiser derives them."""
    own: dict[str, list[str]] = {}
    for prefix in _VAT_PREFIXES:
        module = _stdnum._prefixed(prefix)
        if module is not None:
            own.setdefault(_stdnum.scheme_of(module), []).append(prefix)
    return own


_OWN_PREFIXES = _own_prefixes()


def _national(prefix: str) -> str:
    return {"EL": "GR", "XI": "GB"}.get(prefix, prefix)


def _example(prefix: str) -> str:
    module = _stdnum.vat_module(_national(prefix))
    assert module is not None, prefix
    return _EXAMPLES[_stdnum.scheme_of(module)].removeprefix(prefix)


@st.composite
def _numbers(draw: st.DrawFn, prefix: str) -> str:
    """A national VAT number of ``prefix``'s country: its example changed, often repaired.

    A change of one character makes a number that is nearly always invalid;
    trying every last character after it makes a valid one where one exists.
    """
    chars = list(_example(prefix))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(chars) - 1))
        match draw(st.sampled_from(["change", "change", "insert", "delete"])):
            case "change":
                chars[at] = draw(st.sampled_from(_ALNUM if chars[at].isalpha() else "0123456789"))
            case "insert":
                chars.insert(at, draw(st.sampled_from("0123456789")))
            case _ if len(chars) > 1:
                del chars[at]
            case _:
                pass
    number = "".join(chars)
    if draw(st.booleans()):
        module = _stdnum.vat_module(_national(prefix))
        assert module is not None
        for last in _ALNUM:
            if module.is_valid(number[:-1] + last):
                number = number[:-1] + last
                break
    if draw(st.booleans()) and len(number) > 3:  # room for a separator
        at = draw(st.integers(1, len(number) - 1))
        number = number[:at] + draw(st.sampled_from(" -./")) + number[at:]
    return number


@st.composite
def _prefixed(draw: st.DrawFn) -> tuple[str, str, str]:
    """(prefix as written, separator, national number) of any EU country."""
    prefix = draw(st.sampled_from(_VAT_PREFIXES))
    written = draw(st.sampled_from([prefix, prefix.lower(), prefix[0] + prefix[1].lower()]))
    return written, draw(st.sampled_from(["", "", " ", "-", ".", " - "])), draw(_numbers(prefix))


def _kind(call: object, text: str) -> tuple[str, object]:
    """Return what ``call(text)`` gives: its value, or the kind of stdnum error it raises.

    Any other exception fails the test: these numbers are of the schemes'
    own shapes, which stdnum reads without crashing.
    """
    try:
        return ("value", call(text))  # type: ignore[operator]
    except StdnumError as exc:
        return ("error", type(exc).__name__)


@_SETTINGS
@given(number=_prefixed(), scheme=st.sampled_from(sorted(_OWN_PREFIXES)))
@example(number=("DE", "", "136695976"), scheme="de.vat")
@example(number=("el", " ", "094014201"), scheme="gr.vat")
@example(number=("Xi", "", "980780684"), scheme="gb.vat")
@example(number=("DE", "", "DE136695976"), scheme="de.vat")
def test_a_scheme_reads_its_own_prefix_before_a_digit_as_nothing(
    number: tuple[str, str, str], scheme: str
) -> None:
    module = _stdnum.resolve(scheme)
    assert module is not None
    _, separator, national = number
    text = separator + national
    if not _stdnum._DIGIT_FIRST.match(text):
        return
    for prefix in _OWN_PREFIXES[scheme]:
        for written in (prefix, prefix.lower(), prefix[0] + prefix[1].lower()):
            assert _kind(module.validate, written + text) == _kind(module.validate, text)
            assert _kind(module.compact, written + text) == _kind(module.compact, text)


def test_every_eu_vat_scheme_but_romanias_takes_its_prefix_off() -> None:
    for prefix in _VAT_PREFIXES:
        module = _stdnum.vat_module(_national(prefix))
        assert module is not None
        assert stdnum_vatin._get_cc_module(prefix) is module  # what vatin and eu.vat choose
        scheme = _stdnum.scheme_of(module)
        assert (prefix in _OWN_PREFIXES.get(scheme, ())) is (scheme != "ro.cf"), prefix
        if scheme != "ro.cf":
            assert _stdnum.is_stable(module), scheme
            assert _stdnum._prefixed(prefix) is module


@_SETTINGS
@given(number=_prefixed())
def test_a_stable_eu_scheme_gives_its_values_back(number: tuple[str, str, str]) -> None:
    prefix, _, national = number
    module = _stdnum.vat_module(_national(prefix.upper()))
    assert module is not None
    if not _stdnum.is_stable(module):
        return
    outcome = _stdnum.read(module, national)
    assert outcome == _stdnum.check(module, national)
    if isinstance(outcome, _stdnum.Passed):
        assert _stdnum.check(module, outcome.value) == outcome


@_SETTINGS
@given(number=_prefixed())
@example(number=("DE", "", "136695976"))
@example(number=("de", " ", "136 695 976"))
@example(number=("EL", "", "094014201"))
@example(number=("GR", "", "094014201"))
@example(number=("XI", "", "980780684"))
@example(number=("AT", "", "U13585627"))
@example(number=("RO", "", "18547290"))
@example(number=("DE", "", "DE136695976"))
@example(number=("DE", "", "13669597"))
def test_a_vat_number_read_once_is_what_vatin_reads(number: tuple[str, str, str]) -> None:
    text = "".join(number)
    vatin = _stdnum.resolve("vatin")
    assert vatin is not None
    outcome = _stdnum.read_vat(vatin, text)
    assert outcome == _stdnum.check(vatin, text)
    if isinstance(outcome, _stdnum.Passed) and _stdnum.vat_national(text) is not None:
        scheme = _stdnum.vat_form_scheme(outcome.value[:2])
        if _stdnum.prefixed_checked(outcome.value):
            module = _stdnum.resolve(scheme)
            assert module is not None
            assert _stdnum.check(module, outcome.value) == _stdnum.Passed(module, outcome.value)


@_SETTINGS
@given(
    number=_prefixed(),
    country=st.sampled_from([None, "DE", "PL", "GR", "GB", "FR", "IT", "AT", "NL", "ES"]),
)
@example(number=("DE", "", "136695976"), country="DE")
@example(number=("DE", "", "182233748"), country="DE")  # a mod 97 LEI as well
@example(number=("EL", "", "094014201"), country="GR")
@example(number=("IT", " ", "00743110157"), country="IT")
def test_the_reading_of_a_prefixed_number_is_the_full_reading(
    number: tuple[str, str, str], country: str | None
) -> None:
    clean = tax_ids.tidy("".join(number))
    fast, full = _reading(tax_ids._read, clean, country), _reading(_full_read, clean, country)
    if fast[0] == "refused" or not fast[1]:  # the refusals count only when nothing fits
        assert fast == full
    else:
        assert (fast[1], fast[3]) == (full[1], full[3])

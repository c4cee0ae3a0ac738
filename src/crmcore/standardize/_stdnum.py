"""A typed adapter over python-stdnum: schemes by name, failures as data.

A *scheme* is a stdnum module path without the ``stdnum.`` package and without
the underscore stdnum adds to Python keywords: ``"pl.nip"``, ``"eu.vat"``,
``"iban"``, ``"in.pan"`` (module ``stdnum.in_.pan``). Modules are found through
stdnum's own discovery (:func:`stdnum.util.get_number_modules`), never listed
in code, so every country stdnum covers is covered here.
"""

from __future__ import annotations

import importlib
import re
import warnings
from functools import cache, lru_cache
from types import ModuleType
from typing import Literal, NamedTuple, cast

from stdnum import exceptions as stdnum_errors
from stdnum.eu import vat as eu_vat
from stdnum.util import get_module_name, get_number_modules

from crmcore._countries import own_vat_prefixes, vat_prefix_country
from crmcore._data import load_json
from crmcore.standardize._placeholder import is_placeholder

__all__ = [
    "Failure",
    "FailureKind",
    "Passed",
    "Shape",
    "check",
    "country_modules",
    "country_of",
    "describe",
    "display",
    "international_modules",
    "is_stable",
    "may_pass",
    "may_pass_text",
    "plausible",
    "prefixed_checked",
    "read",
    "read_vat",
    "resolve",
    "scheme_of",
    "shape",
    "shaped",
    "text_guarded",
    "umbrellas",
    "vat_form_scheme",
    "vat_module",
    "vat_national",
]

FailureKind = Literal["placeholder", "checksum", "component", "length", "format"]

#: How far a number got before it failed: a placeholder passed every test of
#: its scheme, and a failed checksum means that the form and length were
#: right, so these are the most telling failures.
RANK: dict[FailureKind, int] = {
    "placeholder": 5,
    "checksum": 4,
    "component": 3,
    "length": 2,
    "format": 1,
}

_SCHEME = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?")
_KEYWORDS = frozenset({"in", "is", "if"})
# Prefixes of VAT numbers that differ from the country code.


class Passed(NamedTuple):
    """A number a scheme accepted, in the scheme's compact form."""

    module: ModuleType
    value: str


class Failure(NamedTuple):
    """A number a scheme refused, and how."""

    module: ModuleType
    kind: FailureKind


def _package(name: str) -> str:
    return f"{name}_" if name in _KEYWORDS else name


@cache
def scheme_of(module: ModuleType) -> str:
    """Return the scheme name of a stdnum module (``stdnum.in_.pan`` -> ``in.pan``)."""
    return ".".join(part.rstrip("_") for part in module.__name__.split(".")[1:])


def _is_number_module(module: object) -> bool:
    return isinstance(module, ModuleType) and all(
        callable(getattr(module, verb, None)) for verb in ("validate", "compact")
    )


@cache
def resolve(scheme: str) -> ModuleType | None:
    """Return the stdnum module of ``scheme``, or ``None`` if there is none.

    Aliases stdnum defines resolve to their module (``"pl.vat"`` is
    ``stdnum.pl.nip``); check-digit algorithms (``"luhn"``) are not schemes.
    """
    if (
        not _SCHEME.fullmatch(scheme)
        or scheme in load_json("standardize", "tax_ids.json")["not_schemes"]
    ):
        return None
    head, _, tail = scheme.partition(".")
    tail = _package(tail)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            package = importlib.import_module(f"stdnum.{_package(head)}")
            module = (
                getattr(package, tail, None)
                or importlib.import_module(f"{package.__name__}.{tail}")
                if tail
                else package
            )
    except ImportError:
        return None
    return module if _is_number_module(module) else None


def _detected(modules: list[ModuleType]) -> tuple[ModuleType, ...]:
    excluded = set(load_json("standardize", "tax_ids.json")["not_detected"])
    return tuple(m for m in modules if scheme_of(m) not in excluded)


@cache
def country_modules(country: str) -> tuple[ModuleType, ...]:
    """Return the schemes tried for a country, its VAT number first.

    ``country`` is an upper-case alpha-2 code; a country stdnum does not cover
    has no schemes.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            found = cast(
                "list[ModuleType]",
                list(get_number_modules(f"stdnum.{_package(country.lower())}")),
            )
    except ImportError:
        return ()
    vat = vat_module(country)
    found.sort(key=lambda m: (m is not vat, scheme_of(m)))
    return _detected(found)


@cache
def _international() -> dict[ModuleType, re.Pattern[str]]:
    table: dict[ModuleType, re.Pattern[str]] = {}
    for scheme, pattern in load_json("standardize", "tax_ids.json")["international"].items():
        module = resolve(scheme)
        if module is not None:
            table[module] = re.compile(pattern, re.IGNORECASE)
    return table


def international_modules() -> tuple[ModuleType, ...]:
    """Return the schemes tried whatever the country (VAT with prefix, IBAN, LEI)."""
    return tuple(_international())


def plausible(module: ModuleType, text: str) -> bool:
    """Return whether ``text`` looks enough like ``module``'s numbers to report its refusal.

    International schemes refuse nearly everything; their refusal is worth
    reporting only for text in their shape (an IBAN starts with a country
    code and two digits). A national scheme's refusal is always reported.
    """
    pattern = _international().get(module)
    return pattern is None or pattern.fullmatch(text) is not None


class Shape(NamedTuple):
    """What plain-ASCII text holds that a scheme's guard looks at."""

    digits: int
    letters: int


# Deleting what is counted and comparing lengths counts at C speed; on the
# bytes of ASCII text, bytes.translate deletes by a 256-entry table, several
# times faster than str.translate's look-ups in a dict.
_DIGITS = b"0123456789"
_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def shape(text: str) -> Shape | None:
    """Return the counts of ASCII digits and letters in ``text`` if it is plain ASCII.

    Other text has no shape: stdnum reads some other characters (full-width
    digits) as ASCII ones.

    >>> shape("PL 526-025-02-74"), shape("５２６")
    (Shape(digits=10, letters=2), None)
    """
    if not text.isascii():
        return None
    data = text.encode()
    size = len(data)
    return Shape(
        size - len(data.translate(None, _DIGITS)), size - len(data.translate(None, _LETTERS))
    )


class _Guard(NamedTuple):
    digits: frozenset[int] | None
    letters: int
    strip: dict[int, None] | None  # a str.translate table deleting the scheme's separators
    separators: frozenset[str]  # the same characters, deleted from ASCII text by str.replace
    pattern: re.Pattern[str] | None
    mod97: int | None
    search: re.Pattern[str] | None


@cache
def _guard(module: ModuleType) -> _Guard | None:
    found: dict[str, object] | None = load_json("standardize", "tax_ids.json")["guards"].get(
        scheme_of(module)
    )
    if found is None:
        return None
    digits, letters, strip = found.get("digits"), found.get("letters", 0), found.get("strip")
    pattern, mod97, search = found.get("pattern"), found.get("mod97"), found.get("search")
    return _Guard(
        frozenset(cast("list[int]", digits)) if isinstance(digits, list) else None,
        letters if isinstance(letters, int) else 0,
        dict.fromkeys(map(ord, strip)) if isinstance(strip, str) else None,
        frozenset(strip) if isinstance(strip, str) else frozenset(),
        re.compile(pattern) if isinstance(pattern, str) else None,
        mod97 if isinstance(mod97, int) else None,
        re.compile(search) if isinstance(search, str) else None,
    )


def _passes_mod97(compact: str, rotate: int) -> bool:
    """Return whether ASCII ``compact`` passes stdnum's ``iso7064.mod_97_10`` check.

    The same computation as stdnum's (letters count as their base-36 value),
    after moving ``rotate`` leading characters to the end as an IBAN check does.
    """
    moved = compact[rotate:] + compact[:rotate] if rotate else compact
    if moved.isdigit():  # ASCII digits read as themselves: nothing to translate
        return int(moved) % 97 == 1
    if not moved.isalnum():  # empty, or a character stdnum's int(x, 36) refuses
        return False
    return int(moved.translate(_BASE36)) % 97 == 1


# Upper-case letters as their base-36 values, as stdnum's mod 97-10 reads them.
_BASE36 = str.maketrans({chr(code): str(code - 55) for code in range(ord("A"), ord("Z") + 1)})


def may_pass(module: ModuleType, text_shape: Shape | None, text: str | None = None) -> bool:
    """Return ``False`` only if ``module`` surely refuses text of this :func:`shape`.

    A scheme without a guard, or text without a shape, may always pass; when
    this is ``False``, :func:`check` gives a :class:`Failure`. Given the
    ``text`` itself (the text of the shape), the guard's checks of the
    characters are made too (:func:`may_pass_text`).

    >>> nip, vat, lei = resolve("pl.nip"), resolve("vatin"), resolve("lei")
    >>> may_pass(nip, shape("526-025-02-74")), may_pass(nip, shape("016298263"))
    (True, False)
    >>> may_pass(vat, shape("PL5260250274")), may_pass(vat, shape("5260250274"))
    (True, False)
    >>> text = "5260250274"
    >>> may_pass(lei, shape(text)), may_pass(lei, shape(text), text)
    (True, False)
    """
    guard = _guard(module)
    if guard is None or text_shape is None:
        return True
    if guard.digits is not None and text_shape.digits not in guard.digits:
        return False
    if text_shape.letters < guard.letters:
        return False
    return text is None or may_pass_text(module, text)


@lru_cache(maxsize=4096)
def shaped(modules: tuple[ModuleType, ...], text_shape: Shape | None) -> tuple[ModuleType, ...]:
    """Return the ``modules`` that :func:`may_pass` text of this shape (counts only).

    Cached: there are few lists of schemes (one per country) and few shapes.
    """
    return tuple(m for m in modules if may_pass(m, text_shape))


@lru_cache(maxsize=4096)
def text_guarded(modules: tuple[ModuleType, ...]) -> frozenset[ModuleType]:
    """Return the ``modules`` whose guard checks the characters (:func:`may_pass_text`).

    For the others, :func:`may_pass_text` is always ``True``. Cached, as
    :func:`shaped`.
    """
    found = set()
    for module in modules:
        guard = _guard(module)
        if guard is not None and (guard.search is not None or guard.strip is not None):
            found.add(module)
    return frozenset(found)


def may_pass_text(module: ModuleType, text: str) -> bool:
    """Return ``False`` only if ``module`` surely refuses plain-ASCII ``text`` by its characters.

    The guard's checks beyond the counts of :func:`may_pass`: a pattern, a
    mod 97 check digit, a separator. Text that is not plain ASCII may pass.

    >>> may_pass_text(resolve("lei"), "5260250274"), may_pass_text(resolve("pl.nip"), "x")
    (False, True)
    """
    guard = _guard(module)
    if guard is None or not text.isascii():
        return True
    if guard.search is not None and guard.search.search(text) is None:
        return False
    if guard.strip is None:
        return True
    # The text as the scheme's compact() makes it (plain ASCII: stdnum's
    # mapping of look-alike characters changes nothing that matters here).
    compact = text
    for separator in guard.separators:
        if separator in compact:
            compact = compact.replace(separator, "")
    compact = compact.upper().strip()
    if guard.pattern is not None and guard.pattern.fullmatch(compact) is None:
        return False
    return guard.mod97 is None or _passes_mod97(compact, guard.mod97)


@cache
def is_stable(module: ModuleType) -> bool:
    """Return whether the values ``module`` validates are their own compact, valid form.

    For these schemes (``data/tax_ids.json``, "stable"), :func:`read` does not
    compact a value it has validated, and a value read needs no second check.
    """
    return scheme_of(module) in load_json("standardize", "tax_ids.json")["stable"]


# A number whose first letter or digit is a digit: no VAT prefix can start it.
_DIGIT_FIRST = re.compile(r"[^A-Za-z0-9]*[0-9]")


@cache
def _prefixed(prefix: str) -> ModuleType | None:
    """Return the stable national VAT scheme that takes ``prefix`` (upper case) off, if any.

    The scheme is the one python-stdnum's ``vatin`` and ``eu.vat`` choose for
    the prefix (``EL`` Greece's, ``XI`` the United Kingdom's).
    """
    country = vat_prefix_country(prefix)
    if prefix not in own_vat_prefixes(country) or country.lower() not in _vat_areas():
        return None
    module = vat_module(country)
    return module if module is not None and is_stable(module) else None


@cache
def _vat_areas() -> frozenset[str]:
    """Return where a national VAT scheme takes its own prefix off: the EU, ``xi`` and GB.

    python-stdnum's national VAT schemes of the EU member states (with
    Northern Ireland's ``xi``) and of the United Kingdom read a number with
    their prefix as the number alone; schemes of other countries need not.
    """
    return frozenset(eu_vat.MEMBER_STATES) | {"gb"}


def read_vat(vatin: ModuleType, number: str) -> Passed | Failure:
    """Return ``read(vatin, number)``: a VAT number with its prefix, read by its scheme once.

    ``vatin.validate`` cleans ASCII text to itself stripped, then tries the
    national scheme ``m`` of the prefix on the number without its prefix,
    and, that failing, on the whole text; :func:`check` then compacts the
    result, which calls ``m.compact`` on the national part. When ``m`` takes
    its own prefix off first (``own_prefixes``: its ``compact``, and so its
    ``validate``, read ``prefix + x`` as ``x`` when ``x`` starts with a
    digit), the whole text fails as the number did, with the same error;
    when ``m`` is stable, the national part compacts to itself. So the
    reading is the prefix and ``m.validate(x)``, or ``m``'s refusal: one
    national call instead of four. Other text takes the general road.
    """
    found = vat_national(number)
    if found is not None:
        prefix, module, national = found
        outcome = read(module, national)
        if isinstance(outcome, Failure):
            return Failure(vatin, outcome.kind)
        if outcome.value.isascii() and outcome.value.isalnum():
            return Passed(vatin, _canonical(vatin, prefix + outcome.value))
    return read(vatin, number)


def vat_national(number: str) -> tuple[str, ModuleType, str] | None:
    """Return (prefix, national scheme, national part) when :func:`read_vat` reads ``number`` once.

    That is plain printable ASCII, a prefix whose stable scheme takes it off
    (``own_prefixes``), and a national part whose first letter or digit is a
    digit.

    >>> prefix, module, national = vat_national("de 136 695 976")
    >>> prefix, scheme_of(module), national
    ('DE', 'de.vat', ' 136 695 976')
    >>> vat_national("ATU13585627") is None  # the national part starts with a letter
    True
    """
    if not (number.isascii() and number.isprintable()):
        return None
    text = number.strip()
    prefix = text[:2].upper()
    module = _prefixed(prefix) if len(prefix) == 2 and prefix.isalpha() else None
    national = text[2:]
    if module is None or not _DIGIT_FIRST.match(national):
        return None
    return prefix, module, national


def prefixed_checked(value: str) -> bool:
    """Return whether a VAT number :func:`read_vat` read once passes its scheme's check as it is.

    ``value`` is the reading of text :func:`vat_national` accepts, ``P + w``
    with ``w`` what the stable national scheme's ``validate`` gave; its scheme is
    ``eu.vat`` or ``vatin``. Both upper-case and strip it (nothing to do for
    upper-case ASCII letters and digits) and read it with the national scheme
    ``m`` of ``P``: ``eu.vat`` as ``m.validate(P + w)`` then ``m.compact`` of
    that, ``vatin`` as ``P + m.validate(w)`` then ``P + m.compact`` of the
    national part, each adding the prefix where the result lacks it. When
    ``m`` takes its own prefix off (``w`` starting with a digit), all of
    these read ``w``; ``w`` being what the stable scheme's ``validate``
    gave, ``m`` gives ``w`` back, which lacks the prefix: the check gives
    ``P + w``, the value itself.
    """
    return (
        value.isascii()
        and value.isalnum()
        and value.isupper()
        and value[2:3].isdigit()
        and _prefixed(value[:2]) is not None
    )


@cache
def umbrellas() -> dict[str, frozenset[str]]:
    """Return, for each scheme that also accepts narrower schemes' numbers, those schemes."""
    table = load_json("standardize", "tax_ids.json")["umbrellas"]
    return {scheme: frozenset(narrower) for scheme, narrower in table.items()}


def vat_module(country: str) -> ModuleType | None:
    """Return the module of a country's VAT number (``"PL"`` -> ``stdnum.pl.nip``)."""
    return resolve(f"{country.lower()}.vat")


def vat_form_scheme(prefix: str) -> str:
    """Return the scheme of a VAT number written with ``prefix``: EU or international."""
    return "eu.vat" if prefix.lower() in _eu_members() or prefix == "EL" else "vatin"


@cache
def _eu_members() -> frozenset[str]:
    module = resolve("eu.vat")
    members = getattr(module, "MEMBER_STATES", ())
    return frozenset(str(m) for m in members)


def _canonical(module: ModuleType, value: str) -> str:
    if scheme_of(module) in {"eu.vat", "vatin"} and value.startswith("GR"):
        return "EL" + value[2:]
    return value


def check(module: ModuleType, text: str) -> Passed | Failure:
    """Validate ``text`` with a stdnum module and return the outcome.

    stdnum's exceptions never leave this function; an unexpected exception
    from a module on odd input counts as a failed format. A
    value that passes but whose digits are a placeholder (``0000000000``,
    ``123456789``) fails as ``"placeholder"``.
    """
    return _screened(_validated(module, text, compact_again=True))


def read(module: ModuleType, text: str) -> Passed | Failure:
    """Return what :func:`check` returns, without its second compaction for stable schemes.

    A stable scheme's ``validate`` returns its compact form already (see
    :func:`is_stable`): compacting it again, one more pass of stdnum's
    character cleaning, would change nothing.
    """
    if not is_stable(module):
        return check(module, text)
    return _screened(_validated(module, text))


def _screened(outcome: Passed | Failure) -> Passed | Failure:
    """Return ``outcome``, a value whose digits are a placeholder refused.

    Every reading of every scheme ends here, so one rule
    (:func:`crmcore.standardize._placeholder.is_placeholder`) holds for all.
    """
    if isinstance(outcome, Passed) and is_placeholder(outcome.value):
        return Failure(outcome.module, "placeholder")
    return outcome


def _validated(module: ModuleType, text: str, *, compact_again: bool = False) -> Passed | Failure:
    """Return what the scheme's ``validate`` makes of ``text``, its errors as a :class:`Failure`.

    ``compact_again`` compacts the validated value once more, for the schemes
    whose ``validate`` does not return their compact form (see :func:`is_stable`).
    """
    try:
        value = cast("str", module.validate(text))
        if compact_again:
            value = cast("str", module.compact(value))
    except stdnum_errors.InvalidChecksum:
        return Failure(module, "checksum")
    except stdnum_errors.InvalidComponent:
        return Failure(module, "component")
    except stdnum_errors.InvalidLength:
        return Failure(module, "length")
    except Exception:  # noqa: BLE001 - stdnum's other errors and its bugs on odd input
        return Failure(module, "format")
    lengths = _lengths(module)
    if lengths is not None and len(value) not in lengths:
        return Failure(module, "length")
    return Passed(module, _canonical(module, value))


@cache
def _lengths(module: ModuleType) -> frozenset[int] | None:
    """Return the lengths ``module``'s compact numbers have, where stdnum does not check them."""
    found: list[int] | None = load_json("standardize", "tax_ids.json")["lengths"].get(
        scheme_of(module)
    )
    return frozenset(found) if found else None


def display(module: ModuleType, value: str) -> str:
    """Return stdnum's display format of a valid number, or the compact form."""
    formatter = getattr(module, "format", None)
    if formatter is None:
        return value
    try:
        return cast("str", formatter(value))
    except Exception:  # noqa: BLE001 - a formatter that chokes leaves the compact form
        return value


def country_of(module: ModuleType, value: str) -> str | None:
    """Return the country a number belongs to, if it says.

    National schemes belong to their country; VAT numbers with a prefix and
    IBANs to the country of their first two letters.
    """
    scheme = scheme_of(module)
    if scheme in {"eu.vat", "vatin", "iban"}:
        prefix = value[:2].upper()
        return vat_prefix_country(prefix)
    head, dot, _ = scheme.partition(".")
    if dot and len(head) == 2 and head != "eu":
        return head.upper()
    return None


def describe(module: ModuleType) -> str:
    """Return the short name stdnum gives a scheme ("NIP (Numer Identyfikacji ...").

    >>> describe(resolve("ru.inn"))
    'ИНН (Идентификационный номер налогоплательщика, Russian tax identifier)'
    """
    return str(get_module_name(module))

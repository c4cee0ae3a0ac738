"""Tax and registry numbers, for every country python-stdnum covers.

A number is read in one of these ways, first match wins:

1. the canonical form ``"<scheme>:<number>"`` (``"pl.nip:5260250274"``), where
   the scheme is a python-stdnum module path (``pl.nip``, ``ru.inn``,
   ``eu.vat``, ``iban``; ``in.pan`` for ``stdnum.in_.pan``);
2. a label before the number, in the languages of our markets: ``"NIP:"``,
   ``"ИНН"``, ``"Код ЄДРПОУ"``, ``"ΑΦΜ"``, ``"USt-IdNr."``, ``"VAT No."``;
3. detection: a VAT number with its country prefix (``"PL5260250274"``,
   ``"EL094014201"``), an IBAN, an LEI, or, given ``country``, every scheme
   stdnum has for that country.

Scheme names: a VAT number written with an EU prefix is ``eu.vat`` (value
with the prefix, ``EL`` for Greece), with another prefix ``vatin``
(``GB980780684``); a national number is its national scheme (``pl.nip``,
``de.vat`` for the digits of a USt-IdNr). When several schemes fit a number
(a nine-digit US number is an SSN, an EIN and an ATIN alike), :func:`validate`
refuses with ``tax_id.ambiguous`` and :func:`detect` lists them; pass
``scheme=`` to choose.

>>> from crmcore.standardize import tax_ids
>>> t = tax_ids.validate("NIP: 526-025-02-74")
>>> t, str(t), tax_ids.format(t)
(TaxId(scheme='pl.nip', value='5260250274'), 'pl.nip:5260250274', '526-025-02-74')
>>> tax_ids.validate("7707083893", country="RU").scheme
'ru.inn'
>>> tax_ids.validate("el 094014201")
TaxId(scheme='eu.vat', value='EL094014201')
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, NoReturn

import attrs

from crmcore._countries import optional_country, vat_prefix_country
from crmcore._data import load_json
from crmcore.errors import ValidationError
from crmcore.standardize import _stdnum
from crmcore.standardize._base import N_, HintForm, fail, require_text
from crmcore.standardize._country_index import key as _label_key
from crmcore.standardize._fold import tidy

if TYPE_CHECKING:
    from gettext import NullTranslations
    from types import ModuleType

__all__ = [
    "FIELD",
    "HINT",
    "TaxId",
    "compact",
    "describe",
    "detect",
    "example",
    "format",
    "is_valid",
    "validate",
]

#: The field name used in errors and reason codes (``tax_id.bad_checksum``).
FIELD = "tax_id"

_HINT = "a number with its scheme or country, such as PL5260250274 or NIP 526-025-02-74"
_MESSAGES = {
    "placeholder": N_("the number is a placeholder, not a real number"),
    "checksum": N_("the number's check digits are wrong"),
    "component": N_("a part of the number is not valid"),
    "length": N_("the number has the wrong length"),
    "format": N_("the number is not in the scheme's format"),
}
_MAX_LABEL_WORDS = 3
_PREFIX_LENGTH = 2  # a VAT prefix: two letters

_DOTTED = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*")
_PREFIXED = frozenset({"eu.vat", "vatin"})


@lru_cache(maxsize=8192)
def _verify(module: ModuleType, value: str) -> _stdnum.Passed | _stdnum.Failure:
    return _stdnum.check(module, value)


def _check_value(instance: TaxId, attribute: attrs.Attribute[str], value: str) -> None:
    del attribute
    module = _stdnum.resolve(instance.scheme)
    if module is None:
        _unknown_scheme(instance.scheme)
    outcome = _verify(module, value)
    if isinstance(outcome, _stdnum.Failure):
        _refuse(outcome, value, value)
    if outcome.value != value:
        fail(
            "tax_id.not_canonical",
            N_("the number is not in its compact canonical form"),
            field=FIELD,
            value=value,
            hint=outcome.value,
        )


@attrs.frozen
class TaxId:
    """A valid tax or registry number.

    ``str(t)`` is the canonical, scheme-qualified text ``"pl.nip:5260250274"``,
    and ``validate(str(t)) == t``.

    Attributes:
        scheme: The python-stdnum module path of the scheme (``"pl.nip"``).
        value: The compact canonical number (``"5260250274"``, ``"EL094014201"``).

    >>> TaxId(scheme="ru.ogrn", value="1027700132195").country
    'RU'
    """

    scheme: str
    value: str = attrs.field(validator=_check_value)

    @property
    def country(self) -> str | None:
        """The country of the number (alpha-2), when the scheme or prefix says."""
        module = _stdnum.resolve(self.scheme)
        return _stdnum.country_of(module, self.value) if module is not None else None

    def __str__(self) -> str:
        return f"{self.scheme}:{self.value}"


def _unknown_scheme(scheme: object) -> NoReturn:
    fail(
        "tax_id.unknown_scheme",
        N_("the scheme is not known"),
        field=FIELD,
        value=scheme,
        hint="a python-stdnum scheme such as pl.nip, ru.inn, eu.vat or iban",
    )


def _example_of(module: ModuleType) -> str | None:
    examples: dict[str, str] = load_json("standardize", "tax_id_examples.json")
    number = examples.get(_stdnum.scheme_of(module))
    return _stdnum.display(module, number) if number is not None else None


def _refuse(failure: _stdnum.Failure, number: str, raw: object) -> NoReturn:
    module, prefix = failure.module, ""
    if _stdnum.scheme_of(module) in {"vatin", "eu.vat"}:
        # Name the national scheme of the prefix: "NIP ..., such as PL8567346215".
        prefix = _vat_prefix(number) or ""
        national = _stdnum.vat_module(vat_prefix_country(prefix)) if prefix else None
        module, prefix = (national, prefix) if national is not None else (module, "")
    examples: dict[str, str] = load_json("standardize", "tax_id_examples.json")
    example = examples.get(_stdnum.scheme_of(module))
    if example is not None:
        example = prefix + example if prefix else _stdnum.display(module, example)
    name = _stdnum.describe(module)
    fail(
        "tax_id.placeholder" if failure.kind == "placeholder" else f"tax_id.bad_{failure.kind}",
        _MESSAGES[failure.kind],
        field=FIELD,
        value=raw,
        hint=f"{name}, such as {example}" if example else name,
    )


@cache
def _labels() -> dict[str, str]:
    return {_label_key(k): v for k, v in load_json("standardize", "tax_ids.json")["labels"].items()}


def _split(text: str) -> tuple[str | None, str]:
    """Split ``"scheme:number"`` or ``"LABEL number"`` into (scheme, number)."""
    if ":" not in text and " " not in text:
        return None, text  # one word without a colon: what the general steps give
    head, colon, tail = text.partition(":")
    if colon and tail.strip():
        if _stdnum.resolve(head) is not None or _DOTTED.fullmatch(head):
            return head, tail.strip()  # a scheme, known or not
        if _label_key(head) in _labels():
            return _labels()[_label_key(head)], tail.strip()
    words = text.split(" ")
    for count in range(min(_MAX_LABEL_WORDS, len(words) - 1), 0, -1):
        label = _label_key(" ".join(words[:count]))
        if label in _labels():
            return _labels()[label], " ".join(words[count:])
    return None, text


def _vat_prefix(text: str) -> str | None:
    prefix = text[:_PREFIX_LENGTH].upper()
    is_prefix = len(prefix) == _PREFIX_LENGTH and prefix.isascii() and prefix.isalpha()
    return prefix if is_prefix else None


def _modules(scheme: str | None, text: str, country: str | None) -> tuple[ModuleType, ...]:
    """Return the schemes to try, in order of preference."""
    if scheme == "vat":
        if _vat_prefix(text) is not None:
            vatin = _stdnum.resolve("vatin")
            return (vatin,) if vatin is not None else ()
        vat = _stdnum.vat_module(country) if country else None
        return (vat,) if vat is not None else ()
    if scheme is not None:
        module = _stdnum.resolve(scheme)
        return (module,) if module is not None else ()
    return _detected(country)


@lru_cache(maxsize=512)
def _detected(country: str | None) -> tuple[ModuleType, ...]:
    """Return the schemes tried for a number of ``country`` without a scheme or label."""
    found = _stdnum.country_modules(country) if country is not None else ()
    return found + tuple(m for m in _stdnum.international_modules() if m not in found)


@cache
def _stable_scheme(module: ModuleType) -> str | None:
    """Return the scheme of a stable ``module`` that names it back, else ``None``.

    A value such a scheme read is built unchecked by :func:`_as_tax_id`
    whatever the text: the first test there, worked out once per scheme.
    """
    scheme = _stdnum.scheme_of(module)
    if scheme != "vatin" and _stdnum.resolve(scheme) is module and _stdnum.is_stable(module):
        return scheme
    return None


def _as_tax_id(passed: _stdnum.Passed, number: str) -> TaxId:
    scheme = _stable_scheme(passed.module)
    if scheme is not None:
        tax_id = object.__new__(TaxId)
        object.__setattr__(tax_id, "scheme", scheme)
        object.__setattr__(tax_id, "value", passed.value)
        return tax_id
    scheme = _stdnum.scheme_of(passed.module)
    if scheme == "vatin":
        scheme = _stdnum.vat_form_scheme(passed.value[:2])
    if (
        _stdnum.resolve(scheme) is passed.module
        and (passed.value == number or _stdnum.is_stable(passed.module))
    ) or (
        scheme in _PREFIXED
        and _stdnum.scheme_of(passed.module) == "vatin"
        and _stdnum.vat_national(number) is not None
        and _stdnum.prefixed_checked(passed.value)
    ):
        # The value's own check would repeat the very call that gave the
        # passing outcome (the same scheme on the same text), or check a
        # stable scheme's value, which its scheme gives back unchanged, or a
        # VAT number that eu.vat or vatin surely gives back (see
        # prefixed_checked): skip it.
        tax_id = object.__new__(TaxId)
        object.__setattr__(tax_id, "scheme", scheme)
        object.__setattr__(tax_id, "value", passed.value)
        return tax_id
    return TaxId(scheme=scheme, value=passed.value)


def _narrowest(found: list[TaxId]) -> tuple[TaxId, ...]:
    if len(found) == 1:
        # One reading is the narrowest: no scheme is its own umbrella, and a
        # VAT number with its prefix is not its country's national scheme.
        return (found[0],)
    schemes = {t.scheme for t in found}
    vat_countries = {t.country for t in found if t.scheme in {"eu.vat", "vatin"}}
    kept = []
    for tax_id in found:
        narrower = _stdnum.umbrellas().get(tax_id.scheme, frozenset())
        if narrower & schemes:
            continue
        module = _stdnum.resolve(tax_id.scheme)
        if tax_id.country in vat_countries and module is _stdnum.vat_module(tax_id.country or ""):
            continue  # the same number as the VAT form with its prefix
        kept.append(tax_id)
    return tuple(kept)


def _attempt(
    raw: object, *, country: str | None, scheme: str | None
) -> tuple[tuple[TaxId, ...], tuple[_stdnum.Failure, ...], str]:
    code = optional_country(country)
    text = tidy(require_text(raw, field=FIELD, hint=_HINT))
    try:
        return _read(text, code, scheme)
    except ValidationError as exc:
        exc.value = raw if scheme is None else scheme
        raise


def _outcomes(
    modules: list[ModuleType], number: str
) -> dict[ModuleType, _stdnum.Passed | _stdnum.Failure]:
    """Return the outcome of each scheme on ``number``, in the order of ``modules``.

    When the number reads as a VAT number with its prefix, the national VAT
    scheme of the prefix's country is not tried: its reading would be the
    same number, which :func:`_narrowest` drops for the prefixed form. That
    holds for a stable scheme (its reading never fails its own check) that
    no umbrella scheme gives way to (its presence changes nothing else).

    An umbrella scheme (``us.tin``) is not tried once one of its narrower
    schemes (``us.ein``) has accepted the number: :func:`_narrowest` would
    drop its reading for that one, and its refusal counts only when no
    scheme accepts the number.
    """
    vatin = _stdnum.resolve("vatin")
    first = _stdnum.read_vat(vatin, number) if vatin is not None and vatin in modules else None
    skipped = None
    if isinstance(first, _stdnum.Passed):
        national = _stdnum.vat_module(_stdnum.country_of(first.module, first.value) or "")
        if national is not None and _stdnum.is_stable(national) and not _gives_way(national):
            skipped = national
    outcomes: dict[ModuleType, _stdnum.Passed | _stdnum.Failure] = {}
    accepted: set[str] = set()
    for module in modules:
        if module is vatin and first is not None:
            outcomes[module] = first
        elif module is not skipped and accepted.isdisjoint(
            _stdnum.umbrellas().get(_stdnum.scheme_of(module), ())
        ):
            outcomes[module] = _stdnum.read(module, number)
        else:
            continue
        if isinstance(outcomes[module], _stdnum.Passed):
            accepted.add(_stdnum.scheme_of(module))
    return outcomes


@cache
def _gives_way(module: ModuleType) -> bool:
    """Return whether an umbrella scheme gives way to ``module`` when both fit."""
    scheme = _stdnum.scheme_of(module)
    return any(scheme in narrower for narrower in _stdnum.umbrellas().values())


@lru_cache(maxsize=8192)
def _read(
    text: str, country: str | None, scheme: str | None
) -> tuple[tuple[TaxId, ...], tuple[_stdnum.Failure, ...], str]:
    """Read clean text into (readings, refusals, number); the refusals only when no reading.

    Cached, as imports repeat the same companies' numbers.
    """
    labelled, number = _split(text)
    chosen = scheme if scheme is not None else labelled
    if chosen is not None and chosen != "vat" and _stdnum.resolve(chosen) is None:
        _unknown_scheme(text if scheme is None else scheme)
    modules = _modules(chosen, number, country)
    # Schemes that surely refuse the number (by its counts of digits and
    # letters) are tried only when no scheme accepts it, as then their
    # refusals count.
    text_shape = _stdnum.shape(number)
    shaped = _stdnum.shaped(modules, text_shape)
    text_checked = _stdnum.text_guarded(shaped)
    outcomes = _outcomes(
        [m for m in shaped if m not in text_checked or _stdnum.may_pass_text(m, number)], number
    )
    found: list[TaxId] = []
    for outcome in outcomes.values():
        if isinstance(outcome, _stdnum.Passed):
            tax_id = _as_tax_id(outcome, number)
            if tax_id not in found:
                found.append(tax_id)
    narrowest = _narrowest(found)
    if narrowest:
        return narrowest, (), number
    failures = []
    for module in modules:
        outcome = outcomes[module] if module in outcomes else _stdnum.check(module, number)
        if isinstance(outcome, _stdnum.Failure) and (
            chosen is not None or _stdnum.plausible(module, number)
        ):
            failures.append(outcome)
    return (), tuple(failures), number


def detect(raw: object, *, country: str | None = None) -> tuple[TaxId, ...]:
    """Return every reading of ``raw`` as a valid number, the most likely first.

    Args:
        raw: The number as written, possibly with a label or a VAT prefix.
        country: The country whose national schemes are tried as well.

    Returns:
        The valid readings; empty if there is none.

    Raises:
        ValidationError: only for unusable input: ``tax_id.not_text|empty|too_long``,
            or ``country.unknown`` (field ``country``) for a ``country`` that
            is not an ISO 3166-1 alpha-2 code.

    >>> [str(t) for t in detect("PL5260250274", country="PL")]
    ['eu.vat:PL5260250274']
    >>> [t.scheme for t in detect("536904399", country="US")]
    ['us.atin', 'us.ein', 'us.ssn']
    """
    return _attempt(raw, country=country, scheme=None)[0]


def validate(raw: object, *, country: str | None = None, scheme: str | None = None) -> TaxId:
    """Return the valid tax or registry number written in ``raw``.

    Args:
        raw: The number as written: compact, formatted, labelled
            (``"ИНН 7707083893"``), with a VAT prefix, or canonical
            (``"ru.inn:7707083893"``).
        country: The country whose schemes to try when the text does not say.
        scheme: The scheme, when known (a stdnum path such as ``"pl.regon"``,
            or ``"vat"`` for the country's VAT number).

    Returns:
        The number as a :class:`TaxId`.

    Raises:
        ValidationError: ``tax_id.bad_checksum``, ``tax_id.bad_format``,
            ``tax_id.bad_length``, ``tax_id.bad_component`` (the scheme that got
            furthest refused it; the hint names it with an example),
            ``tax_id.placeholder`` (digits that stand for no one, such as
            ``0000000000`` or ``123456789``, though their check digits pass),
            ``tax_id.ambiguous`` (several schemes fit), ``tax_id.unknown_scheme``
            (no scheme by that name, or none to try: give a country or scheme),
            ``tax_id.not_text|empty|too_long``, or ``country.unknown`` (field
            ``country``) for a ``country`` that is not an ISO 3166-1 alpha-2 code.

    >>> validate("ЄДРПОУ 00032112").country
    'UA'
    >>> validate("5260250275", country="PL")
    Traceback (most recent call last):
    ...
    crmcore.errors.ValidationError: tax_id: the number's check digits are ... [tax_id.bad_checksum]
    """
    found, failures, number = _attempt(raw, country=country, scheme=scheme)
    if len(found) == 1:
        return found[0]
    if found:
        fail(
            "tax_id.ambiguous",
            N_("the number fits several schemes"),
            field=FIELD,
            value=raw,
            hint="one of " + ", ".join(t.scheme for t in found) + " (pass scheme=)",
        )
    best = max(failures, key=lambda f: _stdnum.RANK[f.kind], default=None)
    if best is not None:
        _refuse(best, number, raw)
    return fail(
        "tax_id.unknown_scheme",
        N_("the number's scheme cannot be told"),
        field=FIELD,
        value=raw,
        hint="give the country or the scheme, or write a VAT number with its prefix",
    )


def is_valid(raw: object, *, country: str | None = None, scheme: str | None = None) -> bool:
    """Return whether ``raw`` is exactly one valid number.

    Raises:
        ValidationError: ``country.unknown`` for a ``country`` that is not an
            ISO 3166-1 alpha-2 code: a wrong argument, not an invalid number.

    >>> is_valid("1027700132195", country="RU"), is_valid("1027700132196", country="RU")
    (True, False)
    """
    code = optional_country(country)
    try:
        validate(raw, country=code, scheme=scheme)
    except ValueError:
        return False
    return True


def format(value: TaxId | str, *, country: str | None = None, scheme: str | None = None) -> str:
    """Return the display form of a number, as its scheme prints it.

    >>> format("ru.ogrn:1027700132195")
    '1027700132195'
    >>> format(TaxId(scheme="iban", value="PL61109010140000071219812874"))
    'PL61 1090 1014 0000 0712 1981 2874'
    """
    code = optional_country(country)
    tax_id = value if isinstance(value, TaxId) else validate(value, country=code, scheme=scheme)
    module = _stdnum.resolve(tax_id.scheme)
    return _stdnum.display(module, tax_id.value) if module is not None else tax_id.value


def compact(raw: object) -> str:
    """Return ``raw`` without separators, spaces or a label; nothing is checked.

    >>> compact("NIP: 526-025-02-74"), compact("GB 980 7806 84")
    ('5260250274', 'GB980780684')
    """
    text = tidy(require_text(raw, field=FIELD, hint=_HINT))
    number = _split(text)[1]
    return "".join(ch for ch in number if ch.isalnum()).upper()


def describe(scheme: str) -> str:
    """Return the name python-stdnum gives a scheme.

    >>> describe("ua.edrpou")
    'ЄДРПОУ, EDRPOU (Identifier for enterprises and organizations in Ukraine)'
    """
    module = _stdnum.resolve(scheme)
    if module is None:
        _unknown_scheme(scheme)
    return _stdnum.describe(module)


def example(country: str | None = None) -> str:
    """Return an example of the country's main tax number, in its display form.

    The main number is the country's VAT number, or the first scheme stdnum
    has for it; without a country (or for a country stdnum does not cover),
    an EU VAT number.

    >>> example("PL"), example("RU"), example("UA"), example()
    ('856-734-62-15', '123456789047', '32855961', 'PL5260250274')
    """
    code = optional_country(country)
    modules = _stdnum.country_modules(code) if code else ()
    for module in modules:
        found = _example_of(module)
        # An example must read back without a scheme: skip numbers that fit
        # several of the country's schemes (a US SSN is also an ATIN).
        if found is not None and is_valid(found, country=code):
            return found
    return "PL5260250274"


# --- the hint -------------------------------------------------------------------

_HINT_ANY = N_(
    "a tax identification number; an EU VAT number starts with the two-letter code"
    " of its country, as in {example}"
)
#: The tax identification numbers of the countries whose numbers crmcore checks,
#: named as people in that country name them.
_HINT_BY_COUNTRY = {
    "DE": N_(
        "USt-IdNr., the German VAT identification number: 9 digits, with or without DE"
        " before them, as in {example}"
    ),
    "GB": N_(
        "the UK VAT registration number: 9 digits, with or without GB before them, as in {example}"
    ),
    "GR": N_("AFM (ΑΦΜ), the Greek tax registration number: 9 digits, as in {example}"),
    "PL": N_("NIP, the Polish tax identification number: 10 digits, as in {example}"),
    "RU": N_(
        "INN (ИНН), the Russian taxpayer number: 10 digits for an organisation,"
        " 12 for a person, as in {example}"
    ),
    "UA": N_(
        "the EDRPOU code (ЄДРПОУ) of a legal entity, 8 digits, or the RNOKPP (РНОКПП)"
        " of a person, 10 digits, as in {example}"
    ),
    "US": N_(
        "a US taxpayer number: the EIN of a business as 12-3456789, or the SSN or ITIN"
        " of a person as 123-45-6789, as in {example}"
    ),
}


def _describe(catalogue: NullTranslations, country: str | None, _: str | None, example: str) -> str:
    message = _HINT_BY_COUNTRY.get(country or "", _HINT_ANY)
    return catalogue.gettext(message).format(example=example)


#: What :func:`crmcore.standardize.hint` says of the form a tax number takes.
HINT = HintForm(_describe)

"""Postal codes: one canonical form per country.

The formats live in ``data/postal_codes.json``: for each country, patterns
matched against the code with spaces and hyphens removed, and a template
giving the canonical form. The country prefixes people write before a code
("PL-00-950", "D-10115", "CZ 110 00") are accepted.

Canonical forms follow each national post: ``00-950`` (PL), ``105 57`` (GR),
``SW1A 1AA`` (GB), ``12345-6789`` (US ZIP+4), ``110 00`` (CZ, SK), and with
the country letters where the national post prints them: ``LT-01100``,
``LV-1050``, ``L-2449`` (LU), ``MD-2012``.

For a country outside the table, the code is accepted leniently: upper-cased,
with spaces collapsed, if it looks like a postal code at all (2 to 12 letters
and digits, with inner spaces or hyphens). A code that does not match its
country's format is an error (``postal_code.bad_format``), never silently kept.

>>> from crmcore.standardize import postal_codes
>>> postal_codes.validate("00950", country="PL"), postal_codes.validate("10557", country="GR")
('00-950', '105 57')
>>> postal_codes.validate("sw1a1aa", country="GB"), postal_codes.validate("D-10115", country="DE")
('SW1A 1AA', '10115')
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from crmcore import _countries
from crmcore._countries import check_country, optional_country
from crmcore._data import load_json
from crmcore.standardize._base import MAX_INPUT_LENGTH, N_, HintForm, fail, require_text
from crmcore.standardize._code_shapes import DIGIT, LETTER, describe_shape
from crmcore.standardize._fold import tidy

if TYPE_CHECKING:
    from gettext import NullTranslations

__all__ = [
    "FIELD",
    "HINT",
    "canonical",
    "example",
    "format",
    "is_valid",
    "known_countries",
    "validate",
]

#: The field name used in errors and reason codes (``postal_code.bad_format``).
FIELD = "postal_code"

_LENIENT = re.compile(r"[A-Z0-9](?:[A-Z0-9]|[ -](?=[A-Z0-9])){1,11}")
_SEPARATORS = re.compile(r"[\s-]+")
#: Longer text is left to the general path (no format is this long).
_PLAIN_MAX = 32


class _Format(NamedTuple):
    patterns: tuple[tuple[re.Pattern[str], str], ...]
    example: str
    shape: str
    prefixes: tuple[str, ...]  # longest first, as they are tried


@cache
def _formats() -> dict[str, _Format]:
    table: dict[str, _Format] = {}
    for country, spec in load_json("standardize", "postal_codes.json").items():
        if country.startswith("_"):
            continue
        table[country] = _Format(
            patterns=tuple((re.compile(rx), template) for rx, template in spec["formats"]),
            example=spec["example"],
            shape=spec["shape"],
            prefixes=tuple(sorted(spec["prefixes"], key=len, reverse=True)),
        )
    return table


@cache
def known_countries() -> tuple[str, ...]:
    """Return the countries whose postal code format is checked, sorted.

    >>> {"PL", "UA", "RU", "GR", "GB", "US"} <= set(known_countries())
    True
    """
    return tuple(sorted(_formats()))


def _is_plain(text: str) -> bool:
    """Whether cleaning keeps ``text`` as it is: ASCII letters and digits in groups.

    The groups are separated by one space or hyphen each (see :func:`validate`).
    """
    return all(group.isascii() and group.isalnum() for group in text.replace("-", " ").split(" "))


def _is_prefix(text: str, country: str | None) -> bool:
    """Return whether ``text`` is a prefix or label written before ``country``'s codes.

    The address reader drops one standing before a code it found.

    >>> _is_prefix("Τ.Κ.", "GR"), _is_prefix("pl", "PL"), _is_prefix("PL", "DE")
    (True, True, False)
    """
    spec = _formats().get(country or "")
    return spec is not None and text.upper() in spec.prefixes


def _without_prefix(text: str, prefixes: tuple[str, ...]) -> str | None:
    """Return ``text`` after a country prefix ("PL-", "D ", "CZ - "), or ``None``.

    The prefix is followed by white space, one hyphen and white space (each
    optional), then by a letter or digit; the longest prefix that fits wins.
    """
    for prefix in prefixes:
        if not text.startswith(prefix):
            continue
        rest = text[len(prefix) :].lstrip()
        if rest.startswith("-"):
            rest = rest[1:].lstrip()
        if rest[:1].isalnum() or rest[:1] == "_":
            return rest
    return None


def _compact(text: str) -> str:
    """Return ``text`` without whitespace and hyphens (``_SEPARATORS``)."""
    if text.isalnum():
        return text  # letters and digits alone hold no separator to take out
    # The separators of clean text are spaces and hyphens: if nothing but
    # letters and digits is left without them, the text held no other
    # whitespace, and this is what the pattern takes out.
    compact = text.replace(" ", "").replace("-", "")
    return compact if compact.isalnum() else _SEPARATORS.sub("", text)


def _match(spec: _Format, text: str) -> str | None:
    compact = _compact(text)
    for pattern, template in spec.patterns:
        found = pattern.fullmatch(compact)
        if found:
            return template.format(*found.groups())
    return None


def validate(raw: object, *, country: str) -> str:
    """Return the canonical postal code of ``country``.

    Args:
        raw: The postal code as written, with or without separators or a
            country prefix.
        country: The country's ISO 3166-1 alpha-2 code, in any case.

    Returns:
        The canonical postal code.

    Raises:
        ValidationError: ``postal_code.bad_format`` (not the country's format;
            the hint shows an example), ``postal_code.not_text|empty|too_long``,
            or ``country.unknown`` (field ``country``) for a ``country`` that
            is not an ISO 3166-1 alpha-2 code.

    >>> validate("00 950", country="PL"), validate("PL-00-950", country="PL")
    ('00-950', '00-950')
    >>> validate("01100", country="LT"), validate("20500 0001", country="US")
    ('LT-01100', '20500-0001')
    >>> validate("2050019", country="US")
    Traceback (most recent call last):
    ...
    crmcore.errors.ValidationError: postal_code: the postal code does ... [postal_code.bad_format]
    """
    # The common case first: a code of plain letters and digits and a country
    # already given as its upper-case alpha-2 code. Such text is non-empty
    # and its own cleaned form, and check_country gives such a country back
    # as it is, so what _validate would do is canonical() alone. Where
    # that finds nothing, the general path says what is wrong.
    if (
        type(raw) is str
        and type(country) is str
        and len(raw) <= _PLAIN_MAX
        and country in _countries.known_countries()
        and _is_plain(raw)
    ):
        found = canonical(raw.upper(), country)
        if found is not None:
            return found
    return _validate(raw, country)


def _validate(raw: object, country: object) -> str:
    """Do the work of :func:`validate` for any input: the reference of its fast path."""
    code = check_country(country)
    text = tidy(require_text(raw, field=FIELD)).upper()
    found = canonical(text, code)
    if found is not None:
        return found
    spec = _formats().get(code)
    if spec is None:
        fail(
            "postal_code.bad_format",
            N_("the value does not look like a postal code"),
            field=FIELD,
            value=raw,
            hint="2 to 12 letters and digits",
        )
    return fail(
        "postal_code.bad_format",
        N_("the postal code does not match the country's format"),
        field=FIELD,
        value=raw,
        hint=f"{spec.example} ({spec.shape})",
    )


def canonical(text: str, country: str) -> str | None:
    """Return the canonical code of clean, upper-case ``text`` in ``country``, or ``None``.

    The fast path of :func:`validate` for callers that have checked the country
    (an upper-case alpha-2 code) and cleaned the text already.

    >>> canonical("00950", "PL"), canonical("0095", "PL")
    ('00-950', None)
    """
    if len(text) > MAX_INPUT_LENGTH:
        return None  # the validators' cap: no code is near it
    spec = _formats().get(country)
    if spec is None:
        return text if _LENIENT.fullmatch(text) else None
    found = _match(spec, text)
    if found is None and spec.prefixes:
        rest = _without_prefix(text, spec.prefixes)
        if rest is not None:
            found = _match(spec, rest)
    return found


def is_valid(raw: object, *, country: str) -> bool:
    """Return whether ``raw`` is a postal code of ``country``.

    Raises:
        ValidationError: ``country.unknown`` for a ``country`` that is not an
            ISO 3166-1 alpha-2 code: a wrong argument, not an invalid code.

    >>> is_valid("125009", country="RU"), is_valid("12500", country="RU")
    (True, False)
    """
    code = check_country(country)
    try:
        validate(raw, country=code)
    except ValueError:
        return False
    return True


def format(raw: object, *, country: str) -> str:
    """Return the display form of a postal code, which is its canonical form.

    >>> format("11000", country="CZ")
    '110 00'
    """
    return validate(raw, country=country)


def example(country: str | None = None) -> str:
    """Return an example postal code of ``country`` (Poland's by default).

    >>> example("GR"), example("gb"), example()
    ('105 57', 'SW1A 2AA', '00-950')
    """
    code = optional_country(country) or "PL"
    spec = _formats().get(code)
    return spec.example if spec is not None else "12345"


# --- the hint -------------------------------------------------------------------

# {shape}: the shape in words, such as "2 digits, a dash and 3 digits".
_HINT_SHAPED = N_("{shape}, as in {example}")
_HINT_ANY = N_("the postal code in the form its country uses, as in {example}")
_TABLE_SHAPE = re.compile(r"[A-Z0-9 -]+")


def _describe(
    catalogue: NullTranslations, country: str | None, locale: str | None, example: str
) -> str:
    shape = _shape(country, example) if country else None
    if shape is None:
        return catalogue.gettext(_HINT_ANY).format(example=example)
    words = describe_shape(shape, locale)
    return catalogue.gettext(_HINT_SHAPED).format(shape=words, example=example)


def _shape(country: str, example: str) -> str | None:
    """Return the shape of the country's postal codes, or ``None`` where it varies.

    The postal code table writes shapes with ``N`` for a digit and ``A`` for a
    letter (``NN-NNN``, ``LT-NNNNN``); a shape in words (Great Britain's outward
    and inward codes) has no single pattern. A shape is trusted only when it
    fits the table's own example.
    """
    spec = load_json("standardize", "postal_codes.json").get(country)
    if spec is None:
        return None
    table_shape = spec["shape"].partition(" (")[0]
    if not _TABLE_SHAPE.fullmatch(table_shape) or len(table_shape) != len(example):
        return None
    shape = "".join(
        DIGIT if mark == "N" else LETTER if mark == "A" else mark for mark in table_shape
    )
    fits = all(
        char.isdigit() if mark == DIGIT else char.isalpha() if mark == LETTER else char == mark
        for mark, char in zip(shape, example, strict=True)
    )
    return shape if fits else None


#: What :func:`crmcore.standardize.hint` says of the form a postal code takes.
HINT = HintForm(_describe)

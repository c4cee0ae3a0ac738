"""Reading customer numbers people typed: compact, validate, is_valid, parse, format."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from functools import cache
from typing import NoReturn

import attrs

from crmcore._data import load_json
from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.ids._damm import interim
from crmcore.ids._layout import DEFAULT_LAYOUT, MOMENT_WIDTH, CustomerNumberLayout

__all__ = ["CustomerNumberParts", "compact", "format", "is_valid", "parse", "validate"]

_FIELD = "customer_number"
#: Longer input is refused before any work: no layout comes near it.
_MAX_INPUT = 64
#: Characters that separate groups however a person wrote them (besides
#: whitespace, Unicode dashes and the layout's own separator).
_SEPARATORS = frozenset(".-/_:")
_FIRST_YEAR = 1970


@cache
def _confusables() -> dict[int, str]:
    """Capital Cyrillic and Greek letters read as the capital Latin letter they look like.

    A customer number's prefix is Latin; people typing on a Ukrainian,
    Russian or Greek keyboard layout often type these instead. The groups of
    look-alikes are crmcore's one confusables table (Unicode's confusables.txt).
    """
    groups: list[list[str | None]] = load_json("", "confusables.json")["groups"]
    letters = {
        other: latin
        for latin, *others in groups
        if latin is not None and latin.isupper()
        for other in others
        if other is not None and other.isupper()
    }
    return str.maketrans(letters)


def _fail(code: str, message: str, value: object, layout: CustomerNumberLayout) -> NoReturn:
    raise ValidationError(
        message, code=f"{_FIELD}.{code}", field=_FIELD, value=value, hint=layout.hint
    )


def _is_separator(char: str, separator: str) -> bool:
    return (
        char in _SEPARATORS
        or char in separator
        or char.isspace()
        or unicodedata.category(char) == "Pd"
    )


def _both_forms(separator: str) -> str:
    """The layout's separator as written and normalised (NFKC): input may hold either."""
    return separator + unicodedata.normalize("NFKC", separator)


@cache
def _ascii_separators(separator: str) -> dict[int, None]:
    """A translation table deleting the ASCII separators, the layout's included.

    ASCII input is not normalised, and may hold the normal form of the layout's
    separator: a plain ``|`` typed for a full-width ``｜``.
    """
    separators = _both_forms(separator)
    return dict.fromkeys(
        ord(char) for char in map(chr, range(128)) if _is_separator(char, separators)
    )


def compact(number: str, *, layout: CustomerNumberLayout = DEFAULT_LAYOUT) -> str:
    """Return ``number`` without separators, its prefix in capital Latin letters.

    Only the form is normalised (spaces, dashes, dots, slashes, full-width
    digits, lower case, and Cyrillic or Greek letters that look like the Latin
    letters of the prefix); nothing is checked: see :func:`validate`.

    Args:
        number: A customer number as a person wrote it.
        layout: The layout the number is expected in.

    Returns:
        The number in its canonical, compact form (if it is valid at all).

    Raises:
        ValidationError: ``number`` is not text (``customer_number.not_text``).

    >>> compact(" 20250314 093015-007.00000/8 ")
    '20250314093015007000008'
    >>> compact("c-20250314-093015-007-00000-8", layout=CustomerNumberLayout(prefix="C"))
    'C20250314093015007000008'
    """
    if not isinstance(number, str):
        _fail("not_text", N_("the customer number is not text"), number, layout)
    if number.isascii():
        return number.translate(_ascii_separators(layout.separator)).upper()
    text = unicodedata.normalize("NFKC", number)
    # The input is normalised, so the layout's separator is matched in both forms.
    separators = _both_forms(layout.separator)
    kept = "".join(char for char in text if not _is_separator(char, separators))
    return kept.upper().translate(_confusables())


def validate(number: str, *, layout: CustomerNumberLayout = DEFAULT_LAYOUT) -> str:
    """Check a customer number and return it in its canonical, compact form.

    Separators, case and look-alike letters are forgiven (see :func:`compact`),
    and so is a missing prefix; a wrong prefix is not.

    Args:
        number: A customer number as a person wrote it.
        layout: The layout the number is expected in.

    Returns:
        The canonical form: prefix, then digits only.

    Raises:
        ValidationError: With one of the codes ``customer_number.not_text``,
            ``customer_number.empty``, ``customer_number.unknown_layout`` (letters
            or symbols where digits belong, or another prefix),
            ``customer_number.bad_length``, ``customer_number.bad_check_digit`` (a
            digit mistyped or two swapped) or ``customer_number.impossible_date``.

    >>> validate("20250314-093015-007-00000-8")
    '20250314093015007000008'
    >>> validate("20250314-093015-007-00000-3")
    Traceback (most recent call last):
    ...
    crmcore.errors.ValidationError: customer_number: the check digit does not match ...
    """
    return _checked(number, layout)[0]


def _checked(number: object, layout: CustomerNumberLayout) -> tuple[str, str, datetime]:
    """Return the canonical number, its digits (after the prefix) and its moment, or raise."""
    if isinstance(number, str) and len(number) > _MAX_INPUT:
        _fail("bad_length", N_("the customer number is far too long"), number, layout)
    value = compact(number, layout=layout)  # type: ignore[arg-type]
    if not value:
        _fail("empty", N_("the customer number is empty"), number, layout)
    prefix = layout.prefix
    digits = value.removeprefix(prefix)
    if digits and not (digits.isascii() and digits.isdigit()):
        stray = next(char for char in digits if not ("0" <= char <= "9"))
        message = (
            N_("the customer number does not start with the prefix {prefix}", prefix=repr(prefix))
            if prefix and digits[0] == stray and stray.isalpha()
            else N_(
                "the customer number has {character} where this layout has digits",
                character=repr(stray),
            )
        )
        _fail("unknown_layout", message, number, layout)
    if len(digits) != layout.digits:
        _fail(
            "bad_length",
            N_(
                "the customer number has {count} digits instead of {expected}",
                count=len(digits),
                expected=layout.digits,
            ),
            number,
            layout,
        )
    if interim(digits):
        _fail(
            "bad_check_digit",
            N_("the check digit does not match: a digit is mistyped or two are swapped"),
            number,
            layout,
        )
    moment = _moment(digits)
    if moment is None:
        _fail(
            "impossible_date",
            N_("the date and time in the customer number cannot be a moment of issue"),
            number,
            layout,
        )
    return prefix + digits, digits, moment


def _moment(digits: str) -> datetime | None:
    y, mo, d, h, mi, s = (int(digits[a : a + n]) for a, n in _MOMENT_FIELDS)
    if y < _FIRST_YEAR:
        return None
    try:
        return datetime(y, mo, d, h, mi, s, tzinfo=UTC)
    except ValueError:
        return None


_MOMENT_FIELDS = ((0, 4), (4, 2), (6, 2), (8, 2), (10, 2), (12, 2))


def is_valid(number: object, *, layout: CustomerNumberLayout = DEFAULT_LAYOUT) -> bool:
    """Return whether ``number`` is a valid customer number in ``layout``.

    >>> is_valid("20250314-093015-007-00000-8"), is_valid("20250314-093015-070-00000-8")
    (True, False)
    """
    try:
        _checked(number, layout)
    except ValidationError:
        return False
    return True


@attrs.frozen(kw_only=True)
class CustomerNumberParts:
    """What a customer number says: when, where and in which order it was issued.

    Attributes:
        number: The number in canonical, compact form.
        moment: The UTC second the number encodes: when it was issued, or up
            to the generator's ``max_lead`` seconds later (see
            :class:`CustomerNumberGenerator`).
        node: The node that issued it.
        sequence: Its place among the numbers the node issued in that second.
    """

    number: str
    moment: datetime
    node: int
    sequence: int


def parse(number: str, *, layout: CustomerNumberLayout = DEFAULT_LAYOUT) -> CustomerNumberParts:
    """Validate a customer number and return its moment, node and sequence.

    Args:
        number: A customer number as a person wrote it.
        layout: The layout the number is expected in.

    Returns:
        The parts of the number.

    Raises:
        ValidationError: The number is not valid; see :func:`validate`.

    >>> parts = parse("20250314-093015-007-00000-8")
    >>> parts.moment.isoformat(), parts.node, parts.sequence
    ('2025-03-14T09:30:15+00:00', 7, 0)
    """
    canonical, digits, moment = _checked(number, layout)
    node_end = MOMENT_WIDTH + layout.node_width
    return CustomerNumberParts(
        number=canonical,
        moment=moment,
        node=int(digits[MOMENT_WIDTH:node_end]),
        sequence=int(digits[node_end:-1]),
    )


def format(number: str, *, layout: CustomerNumberLayout = DEFAULT_LAYOUT) -> str:
    """Validate a customer number and return it grouped for reading aloud.

    Args:
        number: A customer number as a person wrote it.
        layout: The layout the number is expected in; its separator goes
            between the groups.

    Returns:
        Prefix, date, time, node, sequence and check digit, separated.

    Raises:
        ValidationError: The number is not valid; see :func:`validate`.

    >>> format("20250314093015007000008")
    '20250314-093015-007-00000-8'
    """
    return layout.group(_checked(number, layout)[0])

"""The fast path of phone numbers: the common shapes, read without phonenumbers' parser.

Most numbers arrive as ``+`` and digits, ``00`` and digits, or national
digits with a country, with spaces, dashes, dots, slashes or brackets between
them. For those, :func:`read` replays the first reading of
:mod:`crmcore.standardize._phone_parse` (``phonenumbers.parse`` then
``number_type``) step for step on the compiled metadata of
:mod:`crmcore.standardize._phone_metadata`:

1. the separators are dropped (phonenumbers ignores them too);
2. a leading ``+``, or the country's international prefix (``00``, ``810``,
   ``011``), is followed by a calling code; without either, the country's
   own calling code written without ``+`` (``48601234567`` in Poland) is
   taken as phonenumbers takes it;
3. the national prefix (``0``, the Russian ``8``) is stripped by the
   national-prefix rule of the number's metadata (and where that reading is
   not valid, an old trunk prefix, ``8 044`` in Ukraine or ``0 22`` in
   Poland, as the general path's second reading does);
4. the kind of line is the first description the number matches, in
   phonenumbers' order, and the region, for a calling code shared by several
   (``+1``, ``+7``, ``+44``), is found by leading digits or by validity.

:func:`read` gives only valid numbers, and never a placeholder (a national
significant number of one digit repeated), which the general path refuses.
It returns ``None`` wherever the first reading is not valid or the input is
of any other shape (letters, extensions, labels, ``tel:`` URIs, other
characters): the general path then reads the input, finds the other readings
and says what is wrong, so its results and its error codes stay the
reference.
"""

from __future__ import annotations

from typing import Final, NamedTuple

import phonenumbers

from crmcore.standardize._phone_metadata import (
    CALLING_CODES,
    INVALID_LENGTH,
    IS_POSSIBLE_LOCAL_ONLY,
    MAX_NSN_LENGTH,
    TOO_LONG,
    TOO_SHORT,
    Plan,
    code_plan,
    kind_of,
    length_verdict,
    matches_general,
    region_of,
    region_plan,
    strip_national_prefix,
)
from crmcore.standardize._phone_parse import is_placeholder, without_legacy_trunk

__all__ = ["Reading", "read"]


#: The e164 number, its region (``None`` when non-geographic) and its
#: ``PhoneNumberType``.
class Reading(NamedTuple):
    """A number the fast path read as valid."""

    #: The number in E.164.
    e164: str
    #: The region phonenumbers gives it, if crmcore supports that region.
    country: str | None
    #: phonenumbers' number type (a ``PhoneNumberType`` value).
    kind: int


#: Longer text is left to the general path (which refuses over 1,000).
_MAX_LENGTH: Final = 64
_MIN_NSN_LENGTH: Final = 2
#: "+" and 15 digits.
_MAX_E164_LENGTH: Final = 16
#: Lengths after which phonenumbers keeps the number without its national
#: prefix unstripped (``_test_number_length`` says it is too short for that).
_KEEP_PREFIX: Final = frozenset({TOO_SHORT, IS_POSSIBLE_LOCAL_ONLY, INVALID_LENGTH})
_SUPPORTED: Final = phonenumbers.SUPPORTED_REGIONS
_UNKNOWN: Final = phonenumbers.PhoneNumberType.UNKNOWN


def read(text: str, region: str | None) -> Reading | None:
    """Return the valid number ``text`` is in its common shapes, else ``None``.

    Args:
        text: The number as written.
        region: The (checked, upper-case) region to read national numbers
            in, or ``None``.

    Returns:
        What the general path's first valid reading gives, or ``None`` to
        let the general path decide.
    """
    if len(text) > _MAX_LENGTH or not text.isascii():
        return None
    # The separators dropped are punctuation to phonenumbers (its
    # _VALID_PUNCTUATION), none can start an extension, and our cleaning
    # keeps them as they are. A chain of replace() is several times faster
    # than translate() or a regular expression on such short text; spaces
    # and dashes are the common ones.
    digits = text.replace(" ", "").replace("-", "")
    # Only a "+" before every digit is taken: phonenumbers starts the number
    # at the first "+" or digit, and reads "+" there as the international
    # prefix. Tested first, as the commonest shape: no other separator is
    # left to drop then.
    if digits[:1] == "+" and digits[1:].isdigit():
        return None if is_placeholder(digits[1:]) else _international(digits[1:])
    if not digits.isdigit():
        digits = (
            digits.replace(".", "")
            .replace("/", "")
            .replace("(", "")
            .replace(")", "")
            .replace("[", "")
            .replace("]", "")
        )
        if digits[:1] == "+" and digits[1:].isdigit():
            return None if is_placeholder(digits[1:]) else _international(digits[1:])
        if not digits.isdigit():
            return None
    return _digits(digits, region)


def _digits(digits: str, region: str | None) -> Reading | None:
    """Read digits written without ``+``."""
    if is_placeholder(digits):
        return None  # one digit repeated: the general path refuses it
    if region is None:
        # Without a country, phonenumbers refuses digits without "+"; the
        # first valid reading is then the one with the "+" forgotten (and
        # "00" for it).
        return _international(digits.removeprefix("00"))
    return _national(digits, region) or _without_legacy_trunk(digits, region)


def _international(digits: str) -> Reading | None:
    """Read digits after ``+`` or an international prefix."""
    if len(digits) <= _MIN_NSN_LENGTH:
        return None  # too short after the prefix
    # As phonenumbers' _extract_country_code: the shortest known prefix of
    # one to three digits; calling codes never start with 0.
    for end in (1, 2, 3):
        code = CALLING_CODES.get(digits[:end])
        if code is not None:
            plan = code_plan(code)
            return None if plan is None else _finish(code, digits[end:], plan)
    return None


def _national(digits: str, region: str) -> Reading | None:
    """Read digits written without ``+`` in ``region``."""
    plan = region_plan(region)
    if plan is None:  # pragma: no cover - every supported region has metadata
        return None
    idd = plan.idd_text
    if idd is not None:
        # The prefix is plain digits: starting with them is matching it.
        # A calling code never starts with 0, so phonenumbers does not take
        # the prefix as international when a 0 follows it.
        if digits.startswith(idd) and digits[len(idd) : len(idd) + 1] != "0":
            return _international(digits[len(idd) :])
    elif plan.idd is not None:  # pragma: no branch - every region has one
        found = plan.idd.match(digits)
        if found is not None and digits[found.end() : found.end() + 1] != "0":
            return _international(digits[found.end() :])
    code = plan.country_code
    if digits.startswith(plan.code_text):
        # The country's own calling code without "+": phonenumbers takes it
        # when the rest is valid and the whole is not, or the whole is too
        # long (_maybe_extract_country_code).
        rest = strip_national_prefix(digits[len(plan.code_text) :], plan)
        if rest is None:  # pragma: no cover - see strip_national_prefix
            return None
        if (not matches_general(digits, plan) and matches_general(rest, plan)) or length_verdict(
            digits, plan
        ) == TOO_LONG:
            main = code_plan(code)
            return None if main is None else _finish(code, rest, main)
    return _finish(code, digits, plan)


def _without_legacy_trunk(digits: str, region: str) -> Reading | None:
    """Read national digits without an old trunk prefix: the general path's second reading.

    ``8 044 123 45 67`` in Ukraine is ``044 123 45 67``, ``0 22 555 01 02``
    in Poland ``22 555 01 02``. The general path takes the old prefix off the
    national significant number of its first reading, and reads the rest
    after the calling code. That number is ``digits`` itself when they start
    neither with the international prefix, nor with the calling code, nor
    with today's national prefix (each of which phonenumbers would take
    off); otherwise this declines. The general path takes this reading when
    the first one is not valid; the caller gets here when :func:`_national`
    found none, which means the same thing as long as the first reading could
    not have been valid but too long for E.164.
    """
    plan = region_plan(region)
    if plan is None or len(plan.code_text) + len(digits) >= _MAX_E164_LENGTH:
        return None
    rest = without_legacy_trunk(digits, region)
    if (
        rest is None
        or (plan.idd is not None and plan.idd.match(digits) is not None)
        or digits.startswith(plan.code_text)
        or (plan.national_prefix is not None and plan.national_prefix.match(digits) is not None)
    ):
        return None
    main = code_plan(plan.country_code)
    return None if main is None else _finish(plan.country_code, rest, main)


def _finish(code: int, number: str, plan: Plan) -> Reading | None:
    """Strip the national prefix, check and classify: phonenumbers' last steps.

    Args:
        code: The calling code.
        number: The digits after it.
        plan: The metadata phonenumbers reads the number with.
    """
    if len(number) < _MIN_NSN_LENGTH:
        return None
    prefix = plan.national_prefix
    text = plan.national_prefix_text
    # Most numbers do not start with a national prefix: one test tells, a
    # startswith where the prefix is plain digits (the same test, see Plan).
    if (
        number.startswith(text)
        if text is not None
        else prefix is not None and prefix.match(number) is not None
    ):
        stripped = strip_national_prefix(number, plan)
        if stripped is None:  # pragma: no cover - see strip_national_prefix
            return None
        # The prefix is stripped only when what remains may be a whole number.
        if stripped is not number and length_verdict(stripped, plan) not in _KEEP_PREFIX:
            number = stripped
    if not _MIN_NSN_LENGTH <= len(number) <= MAX_NSN_LENGTH:
        return None
    if plan.shared:
        region, kind = region_of(code, number)
    else:
        # The calling code is this plan's alone (the one phonenumbers reads
        # and classifies the number by).
        region, kind = plan.region, kind_of(number, plan)
    e164 = f"+{code}{number}"
    if kind == _UNKNOWN or len(e164) > _MAX_E164_LENGTH or is_placeholder(number):
        # Invalid, valid to phonenumbers (a long German number) but too long
        # for E.164, or a placeholder: the general path says which.
        return None
    return Reading(e164, region if region in _SUPPORTED else None, kind)

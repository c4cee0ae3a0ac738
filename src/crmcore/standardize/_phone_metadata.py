"""A compiled view of phonenumbers' own metadata, for the phone fast path.

phonenumbers keeps, per region, the rules a number is read and checked by:
its calling code, international and national prefixes, the pattern and
lengths of every number, and one pattern per kind of line. It compiles those
patterns again at every call (``re.compile`` through its cache) and walks
the descriptions one attribute at a time. :class:`Plan` holds the same rules
compiled once, derived at run time from the installed phonenumbers (so they
never go stale), with the kinds of line grouped by number length.

The functions here replay phonenumbers' own steps, one for one:

* :func:`strip_national_prefix` is
  ``phonenumberutil._maybe_strip_national_prefix_carrier_code``;
* :func:`length_verdict` is ``phonenumberutil._test_number_length`` for the
  general description;
* :func:`kind_of` is ``phonenumberutil._number_type_helper``;
* :func:`region_of` is ``phonenumberutil.region_code_for_number``.

The test suite checks each of them against the function it replays.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Final

import attrs
import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberType

if TYPE_CHECKING:
    from phonenumbers.phonemetadata import PhoneNumberDesc

__all__ = [
    "CALLING_CODES",
    "INVALID_LENGTH",
    "IS_POSSIBLE",
    "IS_POSSIBLE_LOCAL_ONLY",
    "MAX_NSN_LENGTH",
    "NON_GEO",
    "TOO_LONG",
    "TOO_SHORT",
    "Plan",
    "code_plan",
    "kind_of",
    "length_verdict",
    "matches_general",
    "region_of",
    "region_plan",
    "strip_national_prefix",
]

IS_POSSIBLE: Final = phonenumbers.ValidationResult.IS_POSSIBLE
IS_POSSIBLE_LOCAL_ONLY: Final = phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY
INVALID_LENGTH: Final = phonenumbers.ValidationResult.INVALID_LENGTH
TOO_SHORT: Final = phonenumbers.ValidationResult.TOO_SHORT
TOO_LONG: Final = phonenumbers.ValidationResult.TOO_LONG

#: The region code phonenumbers gives non-geographic numbers (``+800``).
NON_GEO: Final = phonenumbers.REGION_CODE_FOR_NON_GEO_ENTITY
#: The longest national significant number phonenumbers reads.
MAX_NSN_LENGTH: Final = 17
_UNKNOWN: Final = PhoneNumberType.UNKNOWN
_DIGITS: Final = re.compile(r"[0-9]+")
#: Every calling code phonenumbers knows, by its digits.
CALLING_CODES: Final = {str(code): code for code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE}

#: The kinds of line in the order ``_number_type_helper`` tries them, before
#: the fixed-line and mobile descriptions, which it treats apart.
_KIND_ORDER: Final = (
    ("premium_rate", PhoneNumberType.PREMIUM_RATE),
    ("toll_free", PhoneNumberType.TOLL_FREE),
    ("shared_cost", PhoneNumberType.SHARED_COST),
    ("voip", PhoneNumberType.VOIP),
    ("personal_number", PhoneNumberType.PERSONAL_NUMBER),
    ("pager", PhoneNumberType.PAGER),
    ("uan", PhoneNumberType.UAN),
    ("voicemail", PhoneNumberType.VOICEMAIL),
)


@attrs.frozen
class Plan:
    """One region's numbering rules, compiled (see the module docstring).

    Attributes:
        region: The region code, or ``"001"`` for a non-geographic code.
        country_code: The calling code, ``48``.
        code_text: The calling code as text, ``"48"``.
        idd: The international prefix (``00``), or ``None``.
        national_prefix: ``national_prefix_for_parsing``, or ``None``.
        transform: ``national_prefix_transform_rule``, or ``None``.
        general: The pattern every national number matches.
        lengths: The possible lengths of a national number, ascending.
        length_set: The same lengths, to look up.
        local_lengths: The lengths of numbers dialable only locally.
        leading_digits: For a region sharing its calling code, the leading
            digits of its numbers, or ``None``.
        shared: Whether other regions share the calling code (then the
            region of a number is found by :func:`region_of`).
        idd_text: The international prefix when it is plain digits
            (``"00"``, ``"810"``, ``"011"``), else ``None``: then a number
            starts with it exactly when ``idd`` matches, and matches this
            text exactly, so ``str.startswith`` can stand for the pattern.
        national_prefix_text: The same for ``national_prefix`` (``"0"``,
            ``"8"``).
        metadata: phonenumbers' metadata of the region, which the kinds
            of line are compiled from.
        kinds: Per length of a national number, one pattern whose numbered
            alternatives are the kinds of line in phonenumbers' order, and
            the ``PhoneNumberType`` of each alternative (see :func:`_kinds`),
            or ``None`` when no kind has that length. Filled on first use of
            a length: a region's numbers have one or two lengths in most
            data, and the patterns of all lengths of some regions (Germany,
            Britain) take tens of milliseconds to compile.
    """

    region: str
    country_code: int
    code_text: str
    idd: re.Pattern[str] | None
    national_prefix: re.Pattern[str] | None
    transform: str | None
    general: re.Pattern[str]
    lengths: tuple[int, ...]
    length_set: frozenset[int]
    local_lengths: frozenset[int]
    leading_digits: re.Pattern[str] | None
    shared: bool
    metadata: PhoneMetadata = attrs.field(repr=False)
    kinds: dict[int, tuple[re.Pattern[str], tuple[int, ...]] | None] = attrs.field(
        factory=dict, repr=False
    )
    idd_text: str | None = None
    national_prefix_text: str | None = None


def _source(desc: PhoneNumberDesc | None, length: int) -> str | None:
    """Return the pattern of ``desc`` if it may match a number of ``length``.

    As in ``_is_number_matching_desc``: a description without lengths
    applies to every length, and one without a pattern matches nothing.
    """
    if desc is None or not desc.national_number_pattern:
        return None
    if desc.possible_length and length not in desc.possible_length:
        return None
    return desc.national_number_pattern


def _kinds(metadata: PhoneMetadata, length: int) -> tuple[re.Pattern[str], tuple[int, ...]] | None:
    """Return ``_number_type_helper`` for numbers of one length, as one pattern.

    The pattern is a lookahead for the general description followed by one
    numbered group per kind of line, in phonenumbers' order. Python's
    alternation takes the first alternative that matches the whole number,
    so the matched group (``lastindex``) is the kind phonenumbers finds
    trying the descriptions one by one. A fixed-line number that the mobile
    pattern matches too is ``FIXED_LINE_OR_MOBILE``: that test comes first,
    as its own alternative. Returns ``None`` when no kind has a pattern.
    """
    general = _source(metadata.general_desc, length)
    if general is None:
        return None
    alternatives: list[tuple[str, int]] = []
    for name, kind in _KIND_ORDER:
        source = _source(getattr(metadata, name), length)
        if source is not None:
            alternatives.append((source, kind))
    fixed = _source(metadata.fixed_line, length)
    mobile = _source(metadata.mobile, length)
    if fixed is not None:
        if metadata.same_mobile_and_fixed_line_pattern:
            alternatives.append((fixed, PhoneNumberType.FIXED_LINE_OR_MOBILE))
        else:
            if mobile is not None:
                both = rf"(?=(?:{mobile})\Z)(?:{fixed})"
                alternatives.append((both, PhoneNumberType.FIXED_LINE_OR_MOBILE))
            alternatives.append((fixed, PhoneNumberType.FIXED_LINE))
    if mobile is not None and not metadata.same_mobile_and_fixed_line_pattern:
        alternatives.append((mobile, PhoneNumberType.MOBILE))
    if not alternatives:  # pragma: no cover - general lengths are the kinds' lengths
        return None
    branches = "|".join(f"({source})" for source, _ in alternatives)
    return re.compile(rf"(?=(?:{general})\Z)(?:{branches})"), tuple(k for _, k in alternatives)


def _plan(metadata: PhoneMetadata) -> Plan | None:
    """Compile ``metadata``, or return ``None`` where the fast path must not follow it."""
    general = metadata.general_desc
    code = metadata.country_code
    if general is None or not general.national_number_pattern or code is None:
        return None  # pragma: no cover - no valid number in such a region
    lengths = tuple(general.possible_length or ())
    if not lengths:  # pragma: no cover - every region has lengths
        return None  # phonenumbers' length test would index an empty tuple
    names = [name for name, _ in _KIND_ORDER] + ["fixed_line", "mobile", "general_desc"]
    descs: list[PhoneNumberDesc | None] = [getattr(metadata, name) for name in names]
    if any(
        d is not None and d.national_number_pattern and re.compile(d.national_number_pattern).groups
        for d in descs
    ):  # pragma: no cover - the patterns have no groups of their own
        return None  # they would shift the numbered groups of _kinds
    national_prefix = metadata.national_prefix_for_parsing or None
    idd = metadata.international_prefix
    leading = metadata.leading_digits
    return Plan(
        region=metadata.id,
        country_code=code,
        code_text=str(code),
        # With no international prefix phonenumbers matches "NonMatch",
        # which digits never match.
        idd=None if idd is None else re.compile(idd),
        national_prefix=None if national_prefix is None else re.compile(national_prefix),
        transform=metadata.national_prefix_transform_rule or None,
        general=re.compile(general.national_number_pattern),
        lengths=lengths,
        length_set=frozenset(lengths),
        local_lengths=frozenset(general.possible_length_local_only or ()),
        metadata=metadata,
        leading_digits=None if leading is None else re.compile(leading),
        shared=len(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(code, ())) > 1,
        idd_text=_digits_only(idd),
        national_prefix_text=_digits_only(national_prefix),
    )


def _digits_only(pattern: str | None) -> str | None:
    """Return ``pattern`` if it is plain digits (a pattern matching only itself), else ``None``."""
    return pattern if pattern is not None and _DIGITS.fullmatch(pattern) else None


# The caches below are keyed by region codes and calling codes taken from
# phonenumbers' own tables (a few hundred), never by user input.
@functools.cache
def region_plan(region: str) -> Plan | None:
    """Return the plan of a region phonenumbers knows (``"PL"``), else ``None``."""
    metadata = PhoneMetadata.metadata_for_region(region, None)
    return None if metadata is None else _plan(metadata)


@functools.cache
def code_plan(country_code: int) -> Plan | None:
    """Return the plan phonenumbers reads numbers of a calling code by.

    That is the plan of the code's main region (the US for ``+1``, Russia for
    ``+7``), or of the non-geographic entity (``+800``).
    """
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country_code)
    if not regions:
        return None
    if regions[0] == NON_GEO:
        metadata = PhoneMetadata.metadata_for_nongeo_region(country_code, None)
        return None if metadata is None else _plan(metadata)
    return region_plan(regions[0])


def matches_general(number: str, plan: Plan) -> bool:
    """Return ``_match_national_number(number, general_desc, False)``."""
    return plan.general.fullmatch(number) is not None


def strip_national_prefix(number: str, plan: Plan) -> str | None:
    """Return ``number`` without its national prefix, as phonenumbers strips it.

    Returns ``None`` where phonenumbers itself would fail (a transform rule
    on a prefix pattern without groups), so that the caller declines.
    """
    prefix = plan.national_prefix
    if not number or prefix is None:
        return number
    found = prefix.match(number)
    if found is None:
        return number
    viable = matches_general(number, plan)
    groups = found.groups()
    if plan.transform is None or (groups and groups[-1] is None):
        stripped = number[found.end() :]
    elif not groups:  # pragma: no cover - no such rule in the metadata
        return None  # phonenumbers would index an empty tuple here
    else:
        stripped = prefix.sub(plan.transform, number, count=1)
    if viable and not matches_general(stripped, plan):
        return number
    return stripped


def length_verdict(number: str, plan: Plan) -> int:
    """Return ``_test_number_length(number, metadata)``: a ``ValidationResult``."""
    length = len(number)
    lengths = plan.lengths
    if length in plan.local_lengths:
        return IS_POSSIBLE_LOCAL_ONLY
    if length == lengths[0]:
        return IS_POSSIBLE
    if length < lengths[0]:
        return TOO_SHORT
    if length > lengths[-1]:
        return TOO_LONG
    return IS_POSSIBLE if length in plan.length_set else INVALID_LENGTH


def kind_of(number: str, plan: Plan) -> int:
    """Return the ``PhoneNumberType`` of a national number, ``UNKNOWN`` if invalid.

    The pattern of the number's length is compiled on its first use.
    """
    length = len(number)
    try:
        compiled = plan.kinds[length]
    except KeyError:
        # A memo: two threads compiling the same length store equal values.
        compiled = plan.kinds[length] = _kinds(plan.metadata, length)
    if compiled is None:
        return _UNKNOWN
    pattern, kinds = compiled
    found = pattern.fullmatch(number)
    if found is None or found.lastindex is None:
        return _UNKNOWN
    return kinds[found.lastindex - 1]


def region_of(country_code: int, number: str) -> tuple[str | None, int]:
    """Return the region of a number and its kind, as phonenumbers finds them.

    Args:
        country_code: The calling code.
        number: The national significant number.

    Returns:
        The region code (``"001"`` for non-geographic numbers) or ``None``,
        and the ``PhoneNumberType`` (``UNKNOWN`` when invalid).
    """
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country_code)
    if not regions:
        return None, _UNKNOWN
    if len(regions) == 1:
        plan = code_plan(country_code)
        return regions[0], _UNKNOWN if plan is None else kind_of(number, plan)
    for region in regions:
        plan = region_plan(region)
        if plan is None:  # pragma: no cover - every listed region has metadata
            continue
        if plan.leading_digits is not None:
            if plan.leading_digits.match(number):
                return region, kind_of(number, plan)
        else:
            kind = kind_of(number, plan)
            if kind != _UNKNOWN:
                return region, kind
    return None, _UNKNOWN

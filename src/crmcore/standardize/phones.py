"""Phone numbers: E.164, display forms, kind and extension; built on phonenumbers.

The canonical value is a :class:`Phone`, whose text is the E.164 number with
an RFC 3966 extension when there is one (``+48221234567;ext=12``). Input is
read as people write it: trunk prefixes (``0``, and ``8`` in Russia, or before
the ``0`` in Ukraine; the ``0`` Poland dropped in 2002; ``(0)`` after the
calling code), ``00`` and the forgotten ``+``, brackets, dots and dashes,
``tel:`` URIs, labels such as ``Tel./Fax:`` and extensions after ``ext.``,
``x``, ``#``, ``wew.``, ``доб.``, ``вн.`` or ``εσωτ.``. How a number without
``+`` is read is explained in :mod:`crmcore.standardize._phone_parse`: first
as a national number of ``country``, then as an international number whose
``+`` was forgotten.

>>> from crmcore.standardize import phones
>>> p = phones.validate("601-234-567", country="PL")
>>> p
Phone(e164='+48601234567', country='PL', kind=<PhoneKind.MOBILE: 'mobile'>, extension=None)
>>> phones.format(p), phones.format(p, style="national")
('+48 601 234 567', '601 234 567')
>>> str(phones.validate("8 (495) 123-45-67 доб. 12", country="RU"))
'+74951234567;ext=12'
"""

from __future__ import annotations

import enum
import functools
import re
from typing import TYPE_CHECKING, Final, Literal

import attrs
import phonenumbers

from crmcore._countries import optional_country
from crmcore.errors import ValidationError
from crmcore.standardize._base import MAX_INPUT_LENGTH, N_, HintForm, fail, require_text
from crmcore.standardize._phone_fast import read
from crmcore.standardize._phone_parse import (
    FIELD,
    Parsed,
    first_valid_reading,
    parse,
    prepare,
)

if TYPE_CHECKING:
    from gettext import NullTranslations

__all__ = [
    "FIELD",
    "HINT",
    "Phone",
    "PhoneKind",
    "compact",
    "example",
    "format",
    "is_valid",
    "validate",
]

Style = Literal["international", "national", "e164", "rfc3966"]

# ASCII digits: ``\d`` would take the digits of every script (``١٢``).
_E164 = re.compile(r"\+[1-9][0-9]{1,14}")
_EXTENSION = re.compile(r"[0-9]{1,10}")
_COMPACT_DROP = re.compile(r"[\s\-./()\[\]]+")
_DEFAULT_EXAMPLE_COUNTRY: Final = "PL"


class PhoneKind(enum.StrEnum):
    """What kind of line a number belongs to, as phonenumbers' metadata says."""

    FIXED_LINE = "fixed_line"
    MOBILE = "mobile"
    #: Countries (the US, Canada...) whose numbers do not tell fixed from mobile.
    FIXED_LINE_OR_MOBILE = "fixed_line_or_mobile"
    TOLL_FREE = "toll_free"
    PREMIUM_RATE = "premium_rate"
    SHARED_COST = "shared_cost"
    VOIP = "voip"
    PERSONAL_NUMBER = "personal_number"
    PAGER = "pager"
    UAN = "uan"
    VOICEMAIL = "voicemail"
    UNKNOWN = "unknown"


_KINDS: Final = {
    phonenumbers.PhoneNumberType.FIXED_LINE: PhoneKind.FIXED_LINE,
    phonenumbers.PhoneNumberType.MOBILE: PhoneKind.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE: PhoneKind.FIXED_LINE_OR_MOBILE,
    phonenumbers.PhoneNumberType.TOLL_FREE: PhoneKind.TOLL_FREE,
    phonenumbers.PhoneNumberType.PREMIUM_RATE: PhoneKind.PREMIUM_RATE,
    phonenumbers.PhoneNumberType.SHARED_COST: PhoneKind.SHARED_COST,
    phonenumbers.PhoneNumberType.VOIP: PhoneKind.VOIP,
    phonenumbers.PhoneNumberType.PERSONAL_NUMBER: PhoneKind.PERSONAL_NUMBER,
    phonenumbers.PhoneNumberType.PAGER: PhoneKind.PAGER,
    phonenumbers.PhoneNumberType.UAN: PhoneKind.UAN,
    phonenumbers.PhoneNumberType.VOICEMAIL: PhoneKind.VOICEMAIL,
}


def _check_e164(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or _E164.fullmatch(value) is None:
        fail(
            f"{FIELD}.bad_e164",
            N_("the number is not in E.164 form"),
            field=f"{FIELD}.{attribute.name}",
            value=value,
            hint="+ and up to 15 digits, such as +48601234567",
        )


def _check_extension(_: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and (not isinstance(value, str) or _EXTENSION.fullmatch(value) is None):
        fail(
            f"{FIELD}.bad_extension",
            N_("the extension must be digits"),
            field=f"{FIELD}.{attribute.name}",
            value=value,
            hint="1 to 10 digits",
        )


@attrs.frozen(kw_only=True)
class Phone:
    """A valid phone number in its canonical form.

    Attributes:
        e164: The number in E.164 form, ``+48601234567``.
        country: The ISO 3166-1 region the number belongs to (``"PL"``), or
            ``None`` for non-geographic numbers (``+800``).
        kind: The kind of line, a :class:`PhoneKind` (a ``str``).
        extension: The extension's digits, or ``None``.
    """

    e164: str = attrs.field(validator=_check_e164)
    country: str | None
    kind: PhoneKind = attrs.field(converter=PhoneKind)
    extension: str | None = attrs.field(default=None, validator=_check_extension)

    def __str__(self) -> str:
        """Return the canonical text: E.164, with ``;ext=`` per RFC 3966."""
        return f"{self.e164};ext={self.extension}" if self.extension else self.e164


_SUPPORTED: Final = phonenumbers.SUPPORTED_REGIONS


def _region(country: object) -> str | None:
    """Return the region to read national numbers in: the country, if it has a numbering plan.

    A country without one of its own (Antarctica, the EU) reads no national
    number: only international ones, as without a country.
    """
    code = optional_country(country)
    return code if code in _SUPPORTED else None


def _checked_phone(e164: str, country: str | None, kind: int) -> Phone:
    """Build the :class:`Phone` of a number the fast path found valid.

    The validators of :class:`Phone` cost a third of the fast path, and they
    hold by construction here: ``e164`` is ``+``, a calling code (which never
    starts with 0) and digits, 15 at most (the fast path leaves longer ones
    to the general path), and ``kind`` is one of the :class:`PhoneKind`
    members. The slots are then filled through their descriptors, where
    attrs' own ``__init__`` of a frozen class ends up too.
    """
    phone = _new(Phone)
    _set_e164(phone, e164)
    _set_country(phone, country)
    _set_kind(phone, _KINDS[kind])
    _set_extension(phone, None)
    return phone


# The slots' own descriptors, bound once: setting a slot through them is what
# object.__setattr__ ends in, without looking the attribute up on the class
# each time (it bypasses the frozen class's __setattr__ in the same way).
_new = object.__new__
_set_e164, _set_country, _set_kind, _set_extension = (
    Phone.__dict__[name].__set__ for name in ("e164", "country", "kind", "extension")
)


def _phone(parsed: Parsed) -> Phone:
    number = parsed.number
    geo = phonenumbers.region_code_for_number(number)
    return Phone(
        e164=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        country=geo if geo in phonenumbers.SUPPORTED_REGIONS else None,
        kind=_KINDS.get(parsed.kind, PhoneKind.UNKNOWN),
        extension=parsed.extension,
    )


def _general(raw: str, region: str | None) -> Phone:
    """Read ``raw`` in any shape, or raise: the reference the fast path follows."""
    return _phone(parse(raw, region, _hint_for(region)))


@functools.lru_cache(maxsize=8192)
def _validate(raw: str, region: str | None) -> Phone:
    # What the fast read of validate() left: the general path, whose first
    # reading is again the fast path's once labels, extensions and odd spaces
    # are taken off. (Text of the fast path's shapes gives the same here, by
    # the general path's slower way.)
    hint = _hint_for(region)
    number, extension = prepare(raw, hint)
    fast = None if number == raw else read(number, region)
    if fast is None:
        return _phone(first_valid_reading(raw, number, extension, region, hint))
    if extension is None:
        return _checked_phone(*fast)
    e164, geo, kind = fast
    return Phone(e164=e164, country=geo, kind=_KINDS[kind], extension=extension)


def _hint_for(region: str | None) -> str:
    return example(region) if region else _hint()


@functools.cache
def _hint() -> str:
    return f"an international number such as {example()}"


def validate(raw: object, *, country: str | None = None) -> Phone:
    """Return the canonical :class:`Phone` for ``raw``, or raise.

    Args:
        raw: The number as written (a :class:`Phone` is returned as it is).
        country: The ISO 3166-1 alpha-2 code of the country to read national
            numbers in (``"PL"``); not needed for numbers with ``+`` or ``00``.

    Returns:
        The phone number.

    Raises:
        ValidationError: With one of the codes ``phone.not_text``,
            ``phone.empty``, ``phone.too_long`` (the text), ``phone.not_a_number``,
            ``phone.placeholder`` (one digit repeated: ``000 000 000``),
            ``phone.too_short``, ``phone.too_long``, ``phone.invalid_country_code``,
            ``phone.invalid_for_country``, ``phone.no_country``,
            ``phone.bad_extension``, or ``country.unknown``.

    >>> validate("+380 44 123 4567").country
    'UA'
    >>> validate("8 044 123 45 67", country="UA").e164
    '+380441234567'
    >>> validate("0048 22 123 45 67 wew. 12").extension
    '12'
    >>> validate("601 234", country="PL")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: phone: the phone number is too short ... [phone.too_short]
    """
    # A region code as phonenumbers lists it (each a country) is taken as it is.
    region = country if type(country) is str and country in _SUPPORTED else _region(country)
    if isinstance(raw, Phone):
        return raw
    if type(raw) is str:
        # The common shapes first (see _phone_fast): it gives only valid
        # numbers, the ones the general path gives, and leaves everything
        # else to it. It accepts only digits and separators, which
        # require_text passes. Not cached: it costs about what a miss of the
        # cache costs; the cache is for the general path.
        fast = read(raw, region)
        if fast is not None:
            return _checked_phone(*fast)
    return _validate(require_text(raw, field=FIELD, hint=_hint()), region)


def is_valid(raw: object, *, country: str | None = None) -> bool:
    """Return whether ``raw`` is a valid phone number.

    Raises:
        ValidationError: ``country.unknown`` for a ``country`` that is not an
            ISO 3166-1 alpha-2 code: a wrong argument, not an invalid number.

    >>> is_valid("+48 601 234 567"), is_valid("+48 601 234"), is_valid("601234567")
    (True, False, False)
    """
    region = _region(country)
    try:
        validate(raw, country=region)
    except ValidationError:
        return False
    return True


_FORMATS: Final = {
    "international": phonenumbers.PhoneNumberFormat.INTERNATIONAL,
    "national": phonenumbers.PhoneNumberFormat.NATIONAL,
    "e164": phonenumbers.PhoneNumberFormat.E164,
    "rfc3966": phonenumbers.PhoneNumberFormat.RFC3966,
}


def format(
    value: Phone | str, style: Style = "international", *, country: str | None = None
) -> str:
    """Return a display form of a phone number.

    Styles: ``"international"`` (``+48 22 123 45 67 ext. 12``), ``"national"``
    (``22 123 45 67 ext. 12``), ``"e164"`` (``+48221234567``, without the
    extension: E.164 has none; ``str(phone)`` keeps it) and ``"rfc3966"``
    (``tel:+48-22-123-45-67;ext=12``).

    Args:
        value: A :class:`Phone`, or text to validate first.
        style: One of the styles above.
        country: For text, as in :func:`validate`.

    Returns:
        The formatted number.

    Raises:
        ValidationError: If text is not a valid number (see :func:`validate`),
            or ``phone.unknown_style``.

    >>> p = validate("+48 22 123 45 67 ext. 12")
    >>> [format(p, s) for s in ("international", "national", "e164", "rfc3966")]
    ['+48 22 123 45 67 ext. 12', '22 123 45 67 ext. 12',
     '+48221234567', 'tel:+48-22-123-45-67;ext=12']
    >>> format("8 (495) 123-45-67", country="RU")
    '+7 495 123-45-67'
    """
    if style not in _FORMATS:
        fail(
            f"{FIELD}.unknown_style",
            N_("there is no such phone format style"),
            field="style",
            value=style,
            hint=", ".join(_FORMATS),
        )
    phone = validate(value, country=country)
    number = phonenumbers.parse(phone.e164)
    number.extension = phone.extension  # phonenumbers leaves it out of E.164
    return phonenumbers.format_number(number, _FORMATS[style])


def compact(raw: object) -> str:
    """Return ``raw`` without spaces, dashes, dots, slashes and brackets, unchecked.

    Anything but text gives ``""``.

    Raises:
        ValidationError: ``phone.too_long`` for text over the length every
            standardiser refuses (1,000 characters).

    >>> compact(" +48 (22) 123-45.67 ")
    '+48221234567'
    """
    if not isinstance(raw, str):
        return ""
    if len(raw) > MAX_INPUT_LENGTH:
        require_text(raw, field=FIELD, hint=_hint())  # refuses it: phone.too_long
    return _COMPACT_DROP.sub("", raw)


def example(country: str | None = None) -> str:
    """Return an example mobile number of ``country`` (Poland by default), formatted.

    >>> example("UA"), example("GR"), example()
    ('+380 50 123 4567', '+30 691 234 5678', '+48 512 345 678')
    """
    return _example(_region(country) or _DEFAULT_EXAMPLE_COUNTRY)


@functools.cache
def _example(region: str) -> str:
    number = phonenumbers.example_number_for_type(
        region, phonenumbers.PhoneNumberType.MOBILE
    ) or phonenumbers.example_number(region)
    if number is None:  # pragma: no cover - every supported region has an example
        return _hint()
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


# --- the hint -------------------------------------------------------------------

# {prefix}: the country calling code, such as +48.
_HINT_IN_COUNTRY = N_(
    "the national number, or the international form with {prefix}, as in {example}"
)
_HINT_INTERNATIONAL = N_("a plus sign, the country code and the number, as in {example}")


def _describe(catalogue: NullTranslations, country: str | None, _: str | None, example: str) -> str:
    code = phonenumbers.country_code_for_region(country) if country else 0
    if code:
        return catalogue.gettext(_HINT_IN_COUNTRY).format(prefix=f"+{code}", example=example)
    return catalogue.gettext(_HINT_INTERNATIONAL).format(example=example)


#: What :func:`crmcore.standardize.hint` says of the form a number takes.
HINT = HintForm(_describe)

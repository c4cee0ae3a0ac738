"""Reading a phone number as people write it, on top of phonenumbers.

The steps, in order:

1. the text is cleaned (:func:`crmcore.standardize.texts.clean`: NFC, one
   kind of space and dash);
2. a ``tel:`` URI (RFC 3966) gives its number, ``;ext=`` and a global
   ``;phone-context=``; labels in front (``Tel.``, ``тел.``, ``τηλ.``, and
   several joined by ``/``, ``,``, ``&`` or ``|``: ``tel./fax:``) are
   dropped;
3. an extension at the end, after a marker of ``data/phones.json`` (``ext.``,
   ``x``, ``#``, ``wew.``, ``доб.``, ``вн.``, ``εσωτ.``...), is split off;
4. what remains must be digits, ``+`` and separators (spaces, ``-``, ``.``,
   ``/``, brackets): any letter makes it ``phone.not_a_number`` (vanity
   numbers such as 1-800-FLOWERS are refused, not converted);
5. a number whose digits are one digit repeated (``000 000 000``) is a
   placeholder, refused with ``phone.placeholder``;
6. the readings are tried in order, and the first valid one wins:

   a. as written, in ``country`` (``00`` and the country's other
      international prefixes are understood; the country's national trunk
      prefix, as phonenumbers' metadata gives it, is dropped: 0 in Germany,
      Britain or Ukraine, 8 in Russia; the country's own calling code
      without ``+``, as in ``48601234567`` in Poland, is understood too);
   b. without a trunk prefix the country no longer uses but people still
      write (``data/phones.json``): the 0 of Poland before its area codes
      until 2002 (``(0-22) 555 01 02``, ``+48 (0) 22 ...``), the Soviet 8
      before the Ukrainian 0 (``8 044 ...``). It is dropped from the
      national significant number of reading a, however that number was
      written, but after a calling code only where the country has no
      trunk prefix today (``+48 0 22``, not ``+380 8 044``);
   c. without a ``(0)`` written right after the calling code
      (``+30 (0) 21 0123 4567``): the notation of a trunk prefix not dialled
      from abroad;
   d. as an international number with the ``+`` forgotten (``380441234567``
      in Poland, or without a country), or with ``00`` when no country is
      given.

   A valid reading whose national significant number is one digit repeated
   (``+48 111 111 111``) is a placeholder too. When no reading is valid, the
   error is that of reading b if there is one (the number without its old
   trunk prefix), else of reading a: too short, too long, an invalid
   calling code, or a number not valid for its country.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final

import attrs
import phonenumbers

from crmcore._data import load_json
from crmcore.standardize import texts
from crmcore.standardize._base import N_, fail, require_text

__all__ = [
    "FIELD",
    "Parsed",
    "first_valid_reading",
    "is_placeholder",
    "parse",
    "prepare",
    "without_legacy_trunk",
]

FIELD: Final = "phone"

_SEPARATORS_AND_DIGITS = re.compile(r"[\d\s+\-./()\[\]]+")
# A tel: URI has no spaces (RFC 3966); "Tel: 22 ..." is a label.
_TEL_URI = re.compile(r"tel:\S*\Z", re.IGNORECASE)
_URI_PARAM = re.compile(r";([a-z0-9-]+)=([^;]*)", re.IGNORECASE)
_DIGITS_ONLY = re.compile(r"\D")
# "+30 (0)", "0048 [0]": a calling code, then a 0 in brackets (step 6c).
_BRACKETED_ZERO = re.compile(r"(?:\+|00) ?(?P<code>[1-9]\d{0,2}) ?[(\[] ?0 ?[)\]]")
#: At most this many labels are taken off the front (``Tel./Fax/Mob.:``).
_MAX_LABELS: Final = 4
#: Fewer digits than this are not called a placeholder (``999``, ``000``
#: are short codes, refused for their length).
_MIN_PLACEHOLDER: Final = 4


@attrs.frozen
class _Words:
    extension: re.Pattern[str]
    label: re.Pattern[str]
    legacy_trunk: dict[str, str]


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def _words() -> _Words:
    raw = load_json("standardize", "phones.json")
    markers = _alternatives(raw["extension_markers"]["words"])
    labels = _alternatives(raw["labels"]["words"])
    trunks = {k: v for k, v in raw["legacy_trunk_prefixes"].items() if k != "comment"}
    return _Words(
        extension=re.compile(
            rf"(?:[\s,;]*(?<![^\W\d_])(?:{markers})(?![^\W\d_])[.:=]?)\s*(\d{{1,10}})\s*$",
            re.IGNORECASE,
        ),
        # One label, after the separator joining it to a label before it.
        label=re.compile(rf"(?:[/,&|] ?)?(?:{labels})(?![^\W\d_])[.:]*\s*", re.IGNORECASE),
        legacy_trunk=trunks,
    )


@functools.cache
def _national_prefix(region: str) -> str | None:
    """Return the national trunk prefix of ``region`` in phonenumbers' metadata (``"0"``)."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region, None)
    return None if metadata is None else metadata.national_prefix or None


def without_legacy_trunk(nsn: str, region: str | None) -> str | None:
    """Return a national number without the old trunk prefix of ``region`` before it.

    The old prefix is that of ``data/phones.json`` (``"0"`` in Poland, ``"8"``
    in Ukraine). Where the country has a trunk prefix today (phonenumbers'
    metadata: ``"0"`` in Ukraine), the old one is taken only before it, as
    it was dialled (``8 044``); the rest is then the number with today's
    prefix, which phonenumbers strips.

    >>> without_legacy_trunk("0225550102", "PL"), without_legacy_trunk("80441234567", "UA")
    ('225550102', '0441234567')
    >>> without_legacy_trunk("8501234567", "UA"), without_legacy_trunk("0301234567", "DE")
    (None, None)
    """
    trunk = _words().legacy_trunk.get(region or "")
    if trunk is None or region is None or not nsn.startswith(trunk):
        return None
    rest = nsn[len(trunk) :]
    current = _national_prefix(region)
    if not rest or (current is not None and not rest.startswith(current)):
        return None
    return rest


def is_placeholder(digits: str) -> bool:
    """Return whether ``digits`` are one digit repeated, as in ``000 000 000``: a placeholder.

    >>> is_placeholder("111111111"), is_placeholder("0000"), is_placeholder("999")
    (True, True, False)
    >>> is_placeholder("221111111")
    False
    """
    return len(digits) >= _MIN_PLACEHOLDER and digits.count(digits[0]) == len(digits)


@attrs.frozen
class Parsed:
    """A valid number as phonenumbers sees it, with our extension."""

    number: phonenumbers.PhoneNumber
    extension: str | None
    #: phonenumbers' type of the number, never ``UNKNOWN`` for a valid one.
    kind: int


def _split(text: str) -> tuple[str, str | None, str | None]:
    """Return the number part, the extension and a phone context."""
    extension: str | None = None
    context: str | None = None
    if _SEPARATORS_AND_DIGITS.fullmatch(text):
        return text.strip(), None, None  # the common case: nothing to split off
    if _TEL_URI.match(text):
        text = text[4:]
        for name, value in _URI_PARAM.findall(text):
            if name.lower() == "ext":
                extension = value
            elif name.lower() == "phone-context" and value.startswith("+"):
                context = value
        text = text.split(";", 1)[0]
        if extension is not None and not extension.isdigit():
            extension = ""  # an extension that is not digits: refused below
    else:
        words = _words()
        for _ in range(_MAX_LABELS):
            label = words.label.match(text)
            if label is None:
                break
            text = text[label.end() :]
        found = words.extension.search(text)
        if found:
            extension = found.group(1)
            text = text[: found.start()]
    return text.strip(), extension, context


def _try(text: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None


def _without_old_trunk(
    first: phonenumbers.PhoneNumber | None, text: str, region: str | None
) -> str | None:
    """Return reading b of ``text``, whose reading a is ``first`` (step 6b), if there is one.

    Where the country has a trunk prefix today, the old one was only ever
    dialled before it inside the country: it is taken off a number written
    without its calling code only (``8 044`` in Ukraine, not ``+380 8 044``).
    """
    code = None if first is None else first.country_code
    if first is None or code is None:
        return None
    home = phonenumbers.region_code_for_country_code(code)
    rest = without_legacy_trunk(phonenumbers.national_significant_number(first), home)
    if rest is None:
        return None
    if _national_prefix(home) is not None:
        written = phonenumbers.parse(text, region, keep_raw_input=True)
        if written.country_code_source != phonenumbers.CountryCodeSource.FROM_DEFAULT_COUNTRY:
            return None
    return f"+{code}{rest}"


def _readings(text: str, old_trunk: str | None) -> list[str]:
    """Return the other ways to read ``text`` (steps 6b to 6d)."""
    others = [] if old_trunk is None else [old_trunk]
    if not text.startswith("+"):
        # First with the 0 kept: "0039 (0)55 ..." is an Italian number whose 0 is dialled.
        others.append("+" + _DIGITS_ONLY.sub("", text).removeprefix("00"))
    bracketed = _BRACKETED_ZERO.match(text)
    if bracketed is not None:
        others.append(f"+{bracketed.group('code')} {text[bracketed.end() :]}")
    return others


_REASONS: Final = {
    phonenumbers.ValidationResult.TOO_SHORT: (
        "phone.too_short",
        N_("the phone number is too short"),
    ),
    phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY: (
        "phone.too_short",
        N_("the phone number is too short"),
    ),
    phonenumbers.ValidationResult.TOO_LONG: ("phone.too_long", N_("the phone number is too long")),
    phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: (
        "phone.invalid_country_code",
        N_("the country calling code does not exist"),
    ),
}
_PARSE_REASONS: Final = {
    phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD: (
        "phone.too_short",
        N_("the phone number is too short"),
    ),
    phonenumbers.NumberParseException.TOO_SHORT_NSN: (
        "phone.too_short",
        N_("the phone number is too short"),
    ),
    phonenumbers.NumberParseException.TOO_LONG: (
        "phone.too_long",
        N_("the phone number is too long"),
    ),
    phonenumbers.NumberParseException.NOT_A_NUMBER: (
        "phone.not_a_number",
        N_("the value is not a phone number"),
    ),
}


def _placeholder(raw: object, hint: str) -> None:
    fail(
        f"{FIELD}.placeholder",
        N_("the phone number is one digit repeated, a placeholder rather than a number"),
        field=FIELD,
        value=raw,
        hint=hint,
    )


def _refuse(raw: object, text: str, region: str | None, hint: str) -> None:
    """Raise the error of the first reading of ``text``."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        if exc.error_type == phonenumbers.NumberParseException.INVALID_COUNTRY_CODE:
            if region is None and not text.startswith("+"):
                fail(
                    f"{FIELD}.no_country",
                    N_("the phone number has no country calling code and no country is given"),
                    field=FIELD,
                    value=raw,
                    hint=f"{hint}, or give a country",
                    cause=exc,
                )
            fail(
                f"{FIELD}.invalid_country_code",
                N_("the country calling code does not exist"),
                field=FIELD,
                value=raw,
                hint=hint,
                cause=exc,
            )
        code, message = _PARSE_REASONS.get(exc.error_type, _PARSE_REASONS[exc.NOT_A_NUMBER])
        fail(code, message, field=FIELD, value=raw, hint=hint, cause=exc)
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason not in _REASONS:
        # Possible for some kind of line (a short premium or service number),
        # but when too short or too long for both fixed and mobile lines, say so.
        by_kind = {
            phonenumbers.is_possible_number_for_type_with_reason(number, kind)
            for kind in (
                phonenumbers.PhoneNumberType.FIXED_LINE,
                phonenumbers.PhoneNumberType.MOBILE,
            )
        }
        if len(by_kind) == 1:
            reason = by_kind.pop()
    code, message = _REASONS.get(
        reason, (f"{FIELD}.invalid_for_country", N_("the phone number is not valid in its country"))
    )
    fail(code, message, field=FIELD, value=raw, hint=hint)


def prepare(raw: object, hint: str) -> tuple[str, str | None]:
    """Return the number part of ``raw`` and its extension (steps 1 to 4), or raise."""
    text = texts.clean(require_text(raw, field=FIELD, hint=hint), homoglyphs=False)
    # NFKC: fullwidth digits and plus sign (＋４８) become ASCII.
    number_part, extension, context = _split(unicodedata.normalize("NFKC", text))
    if not number_part or _SEPARATORS_AND_DIGITS.fullmatch(number_part) is None:
        fail(
            f"{FIELD}.not_a_number",
            N_("the value is not a phone number"),
            field=FIELD,
            value=raw,
            hint=hint,
        )
    if extension == "":
        fail(
            f"{FIELD}.bad_extension",
            N_("the extension must be digits"),
            field=FIELD,
            value=raw,
            hint=hint,
        )
    if context and not number_part.startswith("+"):
        number_part = context + number_part
    if extension is not None and not extension.isascii():
        # Digits of another script (``доб. ١٢``), as phonenumbers reads the number's.
        extension = "".join(str(unicodedata.digit(ch)) for ch in extension)
    return number_part, extension


def first_valid_reading(
    raw: object, number_part: str, extension: str | None, region: str | None, hint: str
) -> Parsed:
    """Return the first valid reading of ``number_part`` (steps 5 and 6), or raise."""
    if is_placeholder(_DIGITS_ONLY.sub("", number_part)):
        _placeholder(raw, hint)
    first = _try(number_part, region)
    old_trunk = _without_old_trunk(first, number_part, region)
    placeholder = False
    for reading in [number_part, *_readings(number_part, old_trunk)]:
        number = first if reading is number_part else _try(reading, None)
        if number is None:
            continue
        repeated = is_placeholder(phonenumbers.national_significant_number(number))
        # A number is valid exactly when it has a type in its region: one
        # look-up gives both (is_valid_number and number_type would each
        # find the region and match the number against its patterns).
        kind = phonenumbers.number_type(number)
        if kind != phonenumbers.PhoneNumberType.UNKNOWN:
            if repeated:
                _placeholder(raw, hint)
            number.extension = None
            return Parsed(number=number, extension=extension, kind=kind)
        placeholder = placeholder or repeated
    if placeholder:
        _placeholder(raw, hint)
    _refuse(raw, old_trunk or number_part, region, hint)
    raise AssertionError  # pragma: no cover - _refuse always raises


def parse(raw: object, region: str | None, hint: str) -> Parsed:
    """Read ``raw`` as a valid phone number, or raise ``ValidationError``."""
    number_part, extension = prepare(raw, hint)
    return first_valid_reading(raw, number_part, extension, region, hint)

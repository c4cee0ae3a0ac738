"""Reading a phone number as people write it, on top of phonenumbers.

The steps, in order:

1. the text is cleaned (:func:`crmcore.standardize.texts.clean`: NFC, one
   kind of space and dash);
2. a ``tel:`` URI (RFC 3966) gives its number, ``;ext=`` and a global
   ``;phone-context=``; a label in front (``Tel.``, ``тел.``, ``τηλ.``) is
   dropped;
3. an extension at the end, after a marker of ``data/phones.json`` (``ext.``,
   ``x``, ``#``, ``wew.``, ``доб.``, ``вн.``, ``εσωτ.``...), is split off;
4. what remains must be digits, ``+`` and separators (spaces, ``-``, ``.``,
   ``/``, brackets): any letter makes it ``phone.not_a_number`` (vanity
   numbers such as 1-800-FLOWERS are refused, not converted);
5. the readings are tried in order, and the first valid one wins:

   a. as written, in ``country`` (``00`` and the country's other
      international prefixes are understood; a national trunk prefix, 0 or
      the Russian 8, is dropped; the country's own calling code without
      ``+``, as in ``48601234567`` in Poland, is understood too);
   b. for Ukraine, without the old trunk 8 before the 0 (``8 044 ...``);
   c. as an international number with the ``+`` forgotten (``380441234567``
      in Poland, or without a country), or with ``00`` when no country is
      given.

   When none is valid, the error is the first reading's: too short, too
   long, an invalid calling code, or a number not valid for its country.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from importlib import resources
from typing import Final

import attrs
import phonenumbers

from crmcore.standardize import texts
from crmcore.standardize._base import N_, fail, require_text

__all__ = ["FIELD", "Parsed", "first_valid_reading", "legacy_trunk", "parse", "prepare"]

FIELD: Final = "phone"

_SEPARATORS_AND_DIGITS = re.compile(r"[\d\s+\-./()\[\]]+")
_TEL_URI = re.compile(r"^tel:", re.IGNORECASE)
_URI_PARAM = re.compile(r";([a-z0-9-]+)=([^;]*)", re.IGNORECASE)
_DIGITS_ONLY = re.compile(r"\D")


@attrs.frozen
class _Words:
    extension: re.Pattern[str]
    label: re.Pattern[str]
    legacy_trunk: dict[str, str]


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def _words() -> _Words:
    raw = json.loads(
        resources.files("crmcore.standardize").joinpath("data/phones.json").read_text("utf-8")
    )
    markers = _alternatives(raw["extension_markers"]["words"])
    labels = _alternatives(raw["labels"]["words"])
    trunks = {k: v for k, v in raw["legacy_trunk_prefixes"].items() if k != "comment"}
    return _Words(
        extension=re.compile(
            rf"(?:[\s,;]*(?<![^\W\d_])(?:{markers})(?![^\W\d_])[.:=]?)\s*(\d{{1,10}})\s*$",
            re.IGNORECASE,
        ),
        label=re.compile(rf"^(?:{labels})(?![^\W\d_])[.:]*\s*", re.IGNORECASE),
        legacy_trunk=trunks,
    )


def legacy_trunk(region: str | None) -> str | None:
    """Return the old trunk prefix still written in ``region`` (``"8"`` in Ukraine), if any."""
    return _words().legacy_trunk.get(region or "")


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
        text = words.label.sub("", text, count=1)
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


def _readings(text: str, region: str | None) -> list[str]:
    """Return the other ways to read ``text`` (step 5b and 5c)."""
    digits = _DIGITS_ONLY.sub("", text)
    others: list[str] = []
    trunk = legacy_trunk(region)
    if trunk and digits.startswith(trunk + "0") and not text.lstrip().startswith("+"):
        others.append(digits[len(trunk) :])
    if not text.lstrip().startswith("+"):
        international = digits.removeprefix("00")
        others.append("+" + international)
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
    return number_part, extension


def first_valid_reading(
    raw: object, number_part: str, extension: str | None, region: str | None, hint: str
) -> Parsed:
    """Return the first valid reading of ``number_part`` (step 5), or raise the first's error."""
    for reading in [number_part, *_readings(number_part, region)]:
        number = _try(reading, region if not reading.startswith("+") else None)
        if number is None:
            continue
        # A number is valid exactly when it has a type in its region: one
        # look-up gives both (is_valid_number and number_type would each
        # find the region and match the number against its patterns).
        kind = phonenumbers.number_type(number)
        if kind != phonenumbers.PhoneNumberType.UNKNOWN:
            number.extension = None
            return Parsed(number=number, extension=extension, kind=kind)
    _refuse(raw, number_part, region, hint)
    raise AssertionError  # pragma: no cover - _refuse always raises


def parse(raw: object, region: str | None, hint: str) -> Parsed:
    """Read ``raw`` as a valid phone number, or raise ``ValidationError``."""
    number_part, extension = prepare(raw, hint)
    return first_valid_reading(raw, number_part, extension, region, hint)

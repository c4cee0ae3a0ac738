"""The one rule for values with a canonical form: a part holds that form, or is refused.

A phone number, an e-mail address, a website, an official identifier, a
customer number and a country code each have one canonical spelling, the one
the standardiser (or :mod:`crmcore.ids`) returns. The model's constructors
take that spelling only: anything else (``"601 234 567"``, a NIP written with
dashes or with a wrong check digit, ``"hello"`` as a customer number, ``"pl"``
as a country) is refused with ``<family>.not_canonical``, whose hint names the
class method that reads raw text (``parse``) and the bridge from a
standardised value (``from_standardized``). So a stored part always holds
the value its look-up keys are derived from, and a look-up finds it.

Each check here returns the value unchanged or raises; none of them rewrites
a value. The standardisers are imported on first use, so that importing the
model stays cheap; the answers are cached, since a store sees the same values
again and again.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, NoReturn

from crmcore._countries import known_countries
from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.model._checks import MAX_SHORT_TEXT, as_text

if TYPE_CHECKING:
    from crmcore._i18n import Message
    from crmcore.ids import CustomerNumberLayout

__all__ = [
    "canonical_country",
    "canonical_customer_number",
    "canonical_email",
    "canonical_phone",
    "canonical_website",
    "check_identifier",
    "stdnum_scheme",
    "to_optional_canonical_country",
]

_CACHE = 4096
#: The widths of a customer number's digits: moment, node, sequence, check digit.
_MOMENT = 14
_MAX_PREFIX = 4
_MIN_NODE_AND_SEQUENCE = 2  # one digit each at least


def _refuse(
    code: str,
    message: Message,
    *,
    field: str,
    value: object,
    hint: Message,
    cause: Exception | None,
) -> NoReturn:
    raise ValidationError(message, code=code, field=field, value=value, hint=hint) from cause


def _text(value: object, field: str) -> str:
    text = as_text(value, field, max_length=MAX_SHORT_TEXT)
    return text if text == value else ""


@functools.lru_cache(maxsize=_CACHE)
def _phone(text: str) -> tuple[str | None, ValidationError | None]:
    from crmcore.standardize import phones

    try:
        return str(phones.validate(text)), None
    except ValidationError as exc:
        return None, exc


def canonical_phone(value: object, field: str = "number") -> str:
    """Return ``value`` if it is a phone number as the standardiser writes it.

    That is E.164, with an extension as ``;ext=`` (RFC 3966).

    Raises:
        ValidationError: ``phone.not_canonical`` otherwise.

    >>> canonical_phone("+380671234567"), canonical_phone("+48221234567;ext=12")
    ('+380671234567', '+48221234567;ext=12')
    >>> canonical_phone("601 234 567")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: number: the phone number is not in its ... [phone.not_canonical]
    """
    text = _text(value, field)
    form, cause = _phone(text) if text else (None, None)
    if form is None or form != text:
        _refuse(
            "phone.not_canonical",
            N_("the phone number is not in its canonical form"),
            field=field,
            value=value,
            hint=N_(
                "E.164, such as +48601234567: PhoneNumber.parse reads raw text,"
                " PhoneNumber.from_standardized takes a standardised Phone"
            ),
            cause=cause,
        )
    return text


@functools.lru_cache(maxsize=_CACHE)
def _email(text: str) -> tuple[str | None, ValidationError | None]:
    from crmcore.standardize import emails

    try:
        return emails.validate(text).address, None
    except ValidationError as exc:
        return None, exc


def canonical_email(value: object, field: str = "address") -> str:
    """Return ``value`` if it is an e-mail address as the standardiser writes it.

    Raises:
        ValidationError: ``email.not_canonical`` otherwise.

    >>> canonical_email("Olena.Koval@ukr.net")
    'Olena.Koval@ukr.net'
    >>> canonical_email("Olena.Koval@UKR.NET")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: address: the e-mail address is not in ... [email.not_canonical]
    """
    text = _text(value, field)
    form, cause = _email(text) if text else (None, None)
    if form is None or form != text:
        _refuse(
            "email.not_canonical",
            N_("the e-mail address is not in its canonical form"),
            field=field,
            value=value,
            hint=N_(
                "the address with its domain in lower case: EmailAddress.parse reads raw text,"
                " EmailAddress.from_standardized takes a standardised Email"
            ),
            cause=cause,
        )
    return text


@functools.lru_cache(maxsize=_CACHE)
def _website(text: str) -> tuple[str | None, ValidationError | None]:
    from crmcore.standardize import websites

    try:
        return websites.validate(text), None
    except ValidationError as exc:
        return None, exc


def canonical_website(value: object, field: str = "url") -> str:
    """Return ``value`` if it is a URL as the website standardiser writes it.

    Raises:
        ValidationError: ``website.not_canonical`` otherwise.

    >>> canonical_website("https://kowalski.pl")
    'https://kowalski.pl'
    >>> canonical_website("www.kowalski.pl/")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: url: the website address is not in ... [website.not_canonical]
    """
    text = as_text(value, field)
    form, cause = _website(text) if text == value else (None, None)
    if form is None or form != text:
        _refuse(
            "website.not_canonical",
            N_("the website address is not in its canonical form"),
            field=field,
            value=value,
            hint=N_(
                "a URL such as https://kowalski.pl: Website.parse reads raw text,"
                " crmcore.standardize.websites.validate gives the form"
            ),
            cause=cause,
        )
    return text


def canonical_country(value: object, field: str = "country") -> str:
    """Return ``value`` if it is an upper-case ISO 3166-1 alpha-2 code Babel knows.

    Raises:
        ValidationError: ``country.unknown`` for what is no code at all,
            ``country.not_canonical`` for a code in small letters or with spaces.

    >>> canonical_country("UA")
    'UA'
    >>> canonical_country("ua")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: country: the country code is not in ... [country.not_canonical]
    """
    if isinstance(value, str) and value in known_countries():
        return value
    if isinstance(value, str) and value.strip().upper() in known_countries():
        _refuse(
            "country.not_canonical",
            N_("the country code is not in its canonical form"),
            field=field,
            value=value,
            hint=N_("the code in capitals, such as {code}", code=value.strip().upper()),
            cause=None,
        )
    _refuse(
        "country.unknown",
        N_("the country is not an ISO 3166-1 alpha-2 code"),
        field=field,
        value=value,
        hint=N_("a two-letter code such as PL, UA, GR or DE"),
        cause=None,
    )


def to_optional_canonical_country(value: object, field: str = "country") -> str | None:
    """A canonical country code (:func:`canonical_country`) or ``None``."""
    return None if value is None else canonical_country(value, field)


@functools.cache
def _layout(prefix: str, node_width: int, sequence_width: int) -> CustomerNumberLayout:
    """The layout of a number of this shape, made once (numbers are unique, shapes few)."""
    from crmcore.ids import CustomerNumberLayout

    return CustomerNumberLayout(prefix=prefix, node_width=node_width, sequence_width=sequence_width)


@functools.lru_cache(maxsize=_CACHE)
def _customer_number(text: str) -> bool:
    from crmcore.ids import validate as validate_number

    digits = text.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    prefix = text[: len(text) - len(digits)]
    rest = len(digits) - _MOMENT - 1  # node and sequence digits
    if (
        len(prefix) > _MAX_PREFIX
        or not digits.isascii()
        or not digits.isdigit()
        or rest < _MIN_NODE_AND_SEQUENCE
    ):
        return False
    node = min(rest - 1, 6)
    try:
        layout = _layout(prefix, node, rest - node)
        return validate_number(text, layout=layout) == text
    except ValidationError:
        return False
    except Exception:  # noqa: BLE001 - a layout out of range: not a number crmcore issues
        return False


def canonical_customer_number(value: object, field: str = "customer_number") -> str | None:
    """Return ``value`` if it is ``None`` or a customer number as :mod:`crmcore.ids` issues it.

    That is the compact form, of any layout: an optional prefix of capital
    letters, the moment of issue, the node and sequence digits and a valid
    check digit.

    Raises:
        ValidationError: ``customer_number.not_canonical`` otherwise.

    >>> canonical_customer_number("20250314093015007000008")
    '20250314093015007000008'
    >>> canonical_customer_number("20250314-093015-007-00000-8")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: customer_number: the ... [customer_number.not_canonical]
    """
    if value is None:
        return None
    text = _text(value, field)
    if not text or not _customer_number(text):
        _refuse(
            "customer_number.not_canonical",
            N_("the customer number is not in its canonical form"),
            field=field,
            value=value,
            hint=N_(
                "a number crmcore.ids issued, without separators:"
                " crmcore.ids.validate reads a written one"
            ),
            cause=None,
        )
    return text


@functools.lru_cache(maxsize=_CACHE)
def stdnum_scheme(scheme: str, country: str | None) -> str | None:
    """Return the python-stdnum scheme that checks identifiers of ``scheme`` in ``country``.

    ``None`` if python-stdnum knows none: such a scheme's values are opaque
    keys (a loyalty card, a scheme of a country stdnum does not cover). A
    national tax number that is its country's VAT number without the prefix
    (:func:`crmcore.model._schemes.key_scheme`) is checked as that VAT number.

    >>> stdnum_scheme("nip", "PL"), stdnum_scheme("rnokpp", "UA"), stdnum_scheme("iban", None)
    ('pl.nip', 'ua.rntrc', 'iban')
    >>> stdnum_scheme("afm", "GR")
    'gr.vat'
    >>> stdnum_scheme("loyalty", "PL") is None, stdnum_scheme("nip", None) is None
    (True, True)
    """
    from crmcore.model._schemes import key_scheme, stdnum_names
    from crmcore.standardize import tax_ids

    if country == "EU":  # the Union issues no tax numbers of its own that stdnum checks
        return None
    candidates = [f"{country.lower()}.{name}" if country else name for name in stdnum_names(scheme)]
    if country is None or scheme != "vat":
        candidates.append(scheme)
    if country is not None and scheme != "vat" and key_scheme("vat", country) == scheme:
        candidates.append(f"{country.lower()}.vat")
    for candidate in candidates:
        try:
            tax_ids.describe(candidate)
        except ValidationError:
            continue
        return candidate
    return None


@functools.lru_cache(maxsize=_CACHE)
def _tax_value(path: str, value: str) -> tuple[str | None, ValidationError | None]:
    from crmcore.standardize import tax_ids

    try:
        return tax_ids.validate(value, scheme=path).value, None
    except ValidationError as exc:
        return None, exc


def check_identifier(scheme: str, value: str, country: str | None) -> None:
    """Refuse ``value`` unless it is the compact, valid number of a scheme python-stdnum checks.

    Raises:
        ValidationError: ``identifier.not_canonical``.

    >>> check_identifier("nip", "5260250274", "PL")
    >>> check_identifier("nip", "526-025-02-74", "PL")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: value: the identifier is not in ... [identifier.not_canonical]
    """
    path = stdnum_scheme(scheme, country)
    if path is None:
        return
    form, cause = _tax_value(path, value)
    if form != value:
        _refuse(
            "identifier.not_canonical",
            N_("the identifier is not in its canonical form"),
            field="value",
            value=value,
            hint=N_(
                "the valid number without labels or separators: Identifier.parse reads"
                " raw text, Identifier.from_tax_id takes a validated TaxId"
            ),
            cause=cause,
        )

"""What a receipt says besides the events: the controller, the purposes' terms, the language.

The Kantara Consent Receipt Specification v1.1 names a purpose's category
and the categories of personal data it uses from two lists of its own
(Appendix A and B); they are kept here, by number, as the specification
writes them.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final

import attrs

from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.model import EmailAddress, PhoneNumber, PostalAddress, Website
from crmcore.model._checks import as_text, check_characters

if TYPE_CHECKING:
    from crmcore.storage import JsonValue

__all__ = [
    "DEFAULT_TERMS",
    "PII_CATEGORIES",
    "PURPOSE_CATEGORIES",
    "Controller",
    "ReceiptPurpose",
    "category_names",
    "channel_pii",
    "to_language",
    "to_url",
]

#: The purpose categories of the specification, by number.
PURPOSE_CATEGORIES: Final = {
    1: "Core Function",
    2: "Contracted Service",
    3: "Delivery",
    4: "Contact Requested",
    5: "Personalized Experience",
    6: "Marketing",
    7: "Marketing Third Parties",
    8: "Sharing for Delivery",
    9: "Sharing for Marketing",
    10: "3rd Party Sharing for Core Function",
    11: "3rd Party Sharing for Others",
    12: "Legally Required Data Retention",
    13: "Required by Law Enforcement or Government",
    14: "Protecting Your Health",
    15: "Protecting Our Interests",
    16: "Improve Performance",
}
#: The categories of personal data of the specification, by number.
PII_CATEGORIES: Final = {
    1: "Biographical",
    2: "Contact",
    3: "Biometric",
    4: "Communications/Social",
    5: "Network/Service",
    6: "Health",
    7: "Financial",
    8: "Official ID",
    9: "Social Benefit Data",
    10: "Judicial Data",
    11: "Asset Data",
    12: "HR Data",
    13: "Mental Health",
    14: "Membership",
    15: "Behavioral",
    16: "Profiling",
}
#: The personal data each well-known channel uses; any other channel, or none, uses contact data.
_CHANNEL_PII: Final = {"messenger": (2, 4), "push": (5,)}
_CONTACT: Final = (2,)
_MAX_URL: Final = 2000
_MAX_TAG: Final = 64


def _category_error(value: object, field: str) -> ValidationError:
    return ValidationError(
        N_("the category is not a number of the specification's list or a text"),
        code="consent.receipt_invalid_category",
        field=field,
        value=value,
        hint=N_('6 for "6 - Marketing", 2 for "2 - Contact", or a category of your own as text'),
    )


def category_names(values: Iterable[int | str], table: Mapping[int, str], field: str) -> list[str]:
    """Return the categories ``values`` name as the specification writes them (``"6 - Marketing"``).

    A number names the category of that number in ``table``; a text is a
    category of the caller's own, written as given.
    """
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise _category_error(values, field)
    names: list[str] = []
    for value in values:
        if type(value) is int and value in table:
            name = f"{value} - {table[value]}"
        elif isinstance(value, str):
            name = as_text(value, field)
        else:
            raise _category_error(value, field)
        if name not in names:
            names.append(name)
    return names


def channel_pii(channel: str | None) -> tuple[int, ...]:
    """Return the categories of personal data a channel uses, by default."""
    return _CHANNEL_PII.get(channel or "", _CONTACT)


def _as_tuple(value: object, field: str) -> tuple[int | str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise _category_error(value, field)
    return tuple(value)


def _to_categories(value: object) -> tuple[int | str, ...]:
    items = _as_tuple(value, "categories")
    if not category_names(items, PURPOSE_CATEGORIES, "categories"):
        raise _category_error(value, "categories")
    return items


def _to_pii_categories(value: object) -> tuple[int | str, ...] | None:
    if value is None:
        return None
    items = _as_tuple(value, "pii_categories")
    category_names(items, PII_CATEGORIES, "pii_categories")
    return items


def _to_description(value: object) -> str | None:
    return None if value is None else as_text(value, "description")


def _to_third_party(value: object) -> str | None:
    return None if value is None else as_text(value, "third_party")


def _to_termination(value: object) -> str | None:
    return None if value is None else as_text(value, "termination")


def _to_bool(value: object) -> bool:
    if type(value) is bool:
        return value
    raise ValidationError(
        N_("the value is not a {type}", type="bool"),
        code="consent.receipt_invalid_terms",
        field="primary",
        value=value,
    )


@attrs.frozen(kw_only=True)
class ReceiptPurpose:
    """What a receipt says of a purpose besides its events: the terms it was given on.

    Attributes:
        categories: Its purpose categories: numbers of the specification's
            list (``6`` is ``"6 - Marketing"``) or texts of one's own.
        pii_categories: The categories of personal data it uses, the same way;
            ``None``: those of the channel (contact data; a messenger's also
            communications, a push notification's network data).
        description: The purpose as the person was told it; its name by default.
        primary: Whether it is the service's primary purpose.
        third_party: The third party the data is disclosed to, if any.
        termination: How the consent ends, as text; by default the receipt
            says it from the lawful basis and the expiry.

    >>> ReceiptPurpose(categories=[6], description="Newsletter sklepu").categories
    (6,)
    """

    categories: tuple[int | str, ...] = attrs.field(converter=_to_categories)
    pii_categories: tuple[int | str, ...] | None = attrs.field(
        default=None, converter=_to_pii_categories
    )
    description: str | None = attrs.field(default=None, converter=_to_description)
    primary: bool = attrs.field(default=False, converter=_to_bool)
    third_party: str | None = attrs.field(default=None, converter=_to_third_party)
    termination: str | None = attrs.field(default=None, converter=_to_termination)


#: The terms of the standard purposes a receipt takes when it is given none.
#: Sharing with third parties has none: the receipt must name the third party.
DEFAULT_TERMS: Final = {
    "marketing": ReceiptPurpose(categories=[6]),
    "newsletter": ReceiptPurpose(categories=[6]),
    "profiling": ReceiptPurpose(categories=[5], pii_categories=[15, 16]),
}


def _controller_error(value: object, field: str, type_name: str) -> ValidationError:
    return ValidationError(
        N_("the value is not a {type}", type=type_name),
        code="consent.receipt_invalid_controller",
        field=field,
        value=value,
    )


def _to_name(value: object) -> str:
    return as_text(value, "name")


def _to_contact(value: object) -> str:
    return as_text(value, "contact")


def _to_address(value: object) -> PostalAddress:
    if not isinstance(value, PostalAddress):
        raise _controller_error(value, "address", "PostalAddress")
    return value


def _to_email(value: object) -> EmailAddress:
    if not isinstance(value, EmailAddress):
        raise _controller_error(value, "email", "EmailAddress")
    return value


def _to_phone(value: object) -> PhoneNumber:
    if not isinstance(value, PhoneNumber):
        raise _controller_error(value, "phone", "PhoneNumber")
    return value


def _to_website(value: object) -> Website | None:
    if value is None or isinstance(value, Website):
        return value
    raise _controller_error(value, "url", "Website")


def _to_on_behalf(value: object) -> bool:
    if type(value) is bool:
        return value
    raise _controller_error(value, "on_behalf", "bool")


@attrs.frozen(kw_only=True)
class Controller:
    """The controller a receipt names: who decides why and how the data is processed.

    Attributes:
        name: The controller's name, as registered.
        contact: Whom to contact about the data (a data protection officer).
        address: Its postal address.
        email: The e-mail address for questions about the data.
        phone: The phone number for them.
        url: Its website, if any.
        on_behalf: Whether it acts on behalf of another controller.

    >>> from crmcore.model import EmailAddress, PhoneNumber, PostalAddress
    >>> controller = Controller(
    ...     name="Kowalski i Synowie sp. z o.o.", contact="Inspektor Ochrony Danych",
    ...     address=PostalAddress(street="ul. Marszałkowska", building="10",
    ...                           postal_code="00-950", locality="Warszawa", country="PL"),
    ...     email=EmailAddress("iod@kowalski.pl"), phone=PhoneNumber("+48221234567"))
    >>> controller.json()["address"]["streetAddress"]
    'ul. Marszałkowska, 10'
    """

    name: str = attrs.field(converter=_to_name)
    contact: str = attrs.field(converter=_to_contact)
    address: PostalAddress = attrs.field(converter=_to_address)
    email: EmailAddress = attrs.field(converter=_to_email)
    phone: PhoneNumber = attrs.field(converter=_to_phone)
    url: Website | None = attrs.field(default=None, converter=_to_website)
    on_behalf: bool = attrs.field(default=False, converter=_to_on_behalf)

    def json(self) -> dict[str, JsonValue]:
        """Return the controller as a receipt's ``piiControllers`` holds it.

        The address takes the keys of schema.org's ``PostalAddress``; its
        ``streetAddress`` is the street, the building and the flat as stored,
        comma-separated (the order of them on an envelope is the country's).
        """
        address = self.address
        street = ", ".join(
            part for part in (address.street, address.building, address.flat) if part
        )
        parts = {
            "streetAddress": street or None,
            "postalCode": address.postal_code,
            "addressLocality": address.locality,
            "addressRegion": address.region,
            "addressCountry": address.country,
        }
        found: dict[str, JsonValue] = {
            "piiController": self.name,
            "onBehalf": self.on_behalf,
            "contact": self.contact,
            "address": {key: value for key, value in parts.items() if value is not None},
            "email": self.email.address,
            "phone": self.phone.number,
        }
        if self.url is not None:
            found["piiControllerUrl"] = self.url.url
        return found


_SUBTAG_MAX: Final = 8
_SCRIPT: Final = 4
_REGION_LETTERS: Final = 2
_REGION_DIGITS: Final = 3
_EXTLANG: Final = 3
_VARIANT_MIN: Final = 5
_LANGUAGE: Final = range(2, 4)


def _is_variant(subtag: str) -> bool:
    return len(subtag) >= _VARIANT_MIN or (len(subtag) == _SCRIPT and subtag[0].isdigit())


def _language(first: str, rest: list[str]) -> list[str] | None:
    """Take the language, its extended subtags, the script and the region off ``rest``."""
    if not first.isalpha() or len(first) not in _LANGUAGE:
        return None
    out = [first]
    while len(out) <= _EXTLANG and rest and len(rest[0]) == _EXTLANG and rest[0].isalpha():
        out.append(rest.pop(0).lower())
    if rest and len(rest[0]) == _SCRIPT and rest[0].isalpha():
        out.append(rest.pop(0).title())
    if rest and (
        (len(rest[0]) == _REGION_LETTERS and rest[0].isalpha())
        or (len(rest[0]) == _REGION_DIGITS and rest[0].isdigit())
    ):
        out.append(rest.pop(0).upper())
    return out


def _extensions(rest: list[str]) -> list[str] | None:
    """Take the variants and the extensions off ``rest`` (up to a private use part)."""
    out: list[str] = []
    while rest and _is_variant(rest[0]):
        out.append(rest.pop(0).lower())
    while rest and len(rest[0]) == 1 and rest[0].lower() != "x":
        out.append(rest.pop(0).lower())
        taken = 0
        while rest and len(rest[0]) > 1:
            out.append(rest.pop(0).lower())
            taken += 1
        if not taken:
            return None
    return out


def _language_tag(subtags: list[str]) -> list[str] | None:
    """Return the subtags of a well-formed BCP 47 tag in their canonical case, or ``None``.

    RFC 5646's grammar: a language of two or three letters (ISO 639; the
    grammar's longer ones are reserved, none is registered), with up to three
    extended language subtags, then a script, a region, variants, extensions
    and a private use part, each optional; or a private use part alone. The
    old "grandfathered" tags are not taken.
    """
    rest = list(subtags)
    first = rest.pop(0).lower()
    out: list[str] = []
    if first != "x":
        language = _language(first, rest)
        extensions = None if language is None else _extensions(rest)
        if language is None or extensions is None:
            return None
        out = language + extensions
        if not rest:
            return out
        if rest.pop(0).lower() != "x":
            return None
    if not rest:
        return None
    return [*out, "x", *(subtag.lower() for subtag in rest)]


def to_language(value: object) -> str:
    """Return ``value`` as a BCP 47 language tag in its canonical case, or raise.

    >>> to_language("PL"), to_language("uk-ua"), to_language("sr-latn-rs")
    ('pl', 'uk-UA', 'sr-Latn-RS')
    >>> to_language("polski")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: language: the value is not a BCP 47 language tag ...
    """
    if isinstance(value, str) and 0 < len(value) <= _MAX_TAG:
        subtags = value.split("-")
        if all(0 < len(subtag) <= _SUBTAG_MAX and _alnum(subtag) for subtag in subtags):
            found = _language_tag(subtags)
            if found is not None:
                return "-".join(found)
    raise ValidationError(
        N_("the value is not a BCP 47 language tag"),
        code="consent.receipt_invalid_language",
        field="language",
        value=value,
        hint="pl, uk-UA, de-DE, el, ru, en-GB",
    )


def _alnum(text: str) -> bool:
    return text.isascii() and text.isalnum()


def to_url(value: object, field: str) -> str:
    """Return ``value`` if it is an absolute http or https URL, or raise.

    >>> to_url("https://kowalski.pl/polityka-prywatnosci", "policy_url")
    'https://kowalski.pl/polityka-prywatnosci'
    """
    if isinstance(value, str) and 0 < len(value) <= _MAX_URL and value == value.strip():
        try:
            parts = urllib.parse.urlsplit(value)
        except ValueError:
            parts = None
        if (
            parts is not None
            and parts.scheme in ("http", "https")
            and parts.hostname
            and not any(character.isspace() for character in value)
        ):
            return check_characters(value, field, value)
    raise ValidationError(
        N_("the value is not an http or https URL"),
        code="consent.receipt_invalid_url",
        field=field,
        value=value,
        hint="https://kowalski.pl/polityka-prywatnosci",
    )

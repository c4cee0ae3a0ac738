"""Contact points: phones, e-mail addresses, postal addresses, websites, messenger handles.

Each kind is its own class, sharing what every contact point has: whether it is
the primary one of its kind, a label (``"work"``, ``"delivery"``), where it
came from and when it was last verified. The model checks structure only: the
values are expected to come from :mod:`crmcore.standardize` already in their
canonical form (a phone in E.164, an e-mail lower-cased where that is safe).

Each contact point has a :attr:`~ContactPoint.key`: a plain matching key that
a storage backend indexes together with the kind.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, ClassVar

import attrs

from crmcore._i18n import N_
from crmcore.model._checks import (
    as_member,
    bind_field_names,
    fail,
    to_bool,
    to_optional_short_text,
    to_short_text,
    to_text,
)
from crmcore.model._codes import (
    to_optional_country,
)
from crmcore.model._enums import ContactKind, PhoneLine
from crmcore.model._moments import (
    to_optional_moment,
)

__all__ = [
    "CONTACT_CLASSES",
    "ContactPoint",
    "EmailAddress",
    "MessengerHandle",
    "PhoneNumber",
    "PostalAddress",
    "Website",
]

_SPACES = re.compile(r"\s+")
_NOT_DIAL = re.compile(r"[^\d+]")
_URL_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?", re.IGNORECASE)


def _to_line(value: object, field: str = "value") -> PhoneLine | None:
    return None if value is None else as_member(PhoneLine, value, field, "phone.unknown_line")


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text).casefold()


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class ContactPoint:
    """What every contact point has. Not built directly: use a subclass.

    Attributes:
        kind: The kind of contact point (a class attribute).
        primary: Whether this is the party's primary contact point of its kind;
            a party has at most one primary per kind.
        label: What it is for, in the application's words (``"work"``, ``"billing"``).
        source: Where it came from (``"erp"``, ``"web form"``, ``"import 2026-11"``).
        verified_at: When it was last confirmed to reach the party.
    """

    kind: ClassVar[ContactKind]

    primary: bool = attrs.field(default=False, converter=to_bool)
    label: str | None = attrs.field(default=None, converter=to_optional_short_text)
    source: str | None = attrs.field(default=None, converter=to_optional_short_text)
    verified_at: datetime | None = attrs.field(default=None, converter=to_optional_moment)

    def __attrs_pre_init__(self) -> None:
        if type(self) is ContactPoint:
            msg = "ContactPoint is abstract: build a PhoneNumber, EmailAddress, PostalAddress, ..."
            raise TypeError(msg)

    @property
    def key(self) -> str:
        """A matching key: the value folded for comparison (see each kind)."""
        raise NotImplementedError


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class PhoneNumber(ContactPoint):
    """A phone number, preferably in E.164 form.

    Args:
        number: The number, as :func:`crmcore.standardize.phone` returns it.
        line: What the number reaches: a mobile, a landline or a fax.

    >>> phone = PhoneNumber("+48 601 234 567", line="mobile", primary=True)
    >>> phone.kind, phone.line, phone.key
    (<ContactKind.PHONE: 'phone'>, <PhoneLine.MOBILE: 'mobile'>, '+48601234567')
    """

    kind: ClassVar[ContactKind] = ContactKind.PHONE

    number: str = attrs.field(kw_only=False, converter=to_short_text)
    line: PhoneLine | None = attrs.field(default=None, converter=_to_line)

    @property
    def key(self) -> str:
        """The number with everything but digits and ``+`` removed."""
        return _NOT_DIAL.sub("", self.number)


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class EmailAddress(ContactPoint):
    """An e-mail address.

    >>> EmailAddress("Anna.Nowak@Example.PL").key
    'anna.nowak@example.pl'
    """

    kind: ClassVar[ContactKind] = ContactKind.EMAIL

    address: str = attrs.field(kw_only=False, converter=to_short_text)

    @property
    def key(self) -> str:
        """The address case-folded."""
        return self.address.casefold()


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class Website(ContactPoint):
    """A website.

    >>> Website("https://www.romashka.ua/").key
    'romashka.ua'
    """

    kind: ClassVar[ContactKind] = ContactKind.WEBSITE

    url: str = attrs.field(kw_only=False, converter=to_text)

    @property
    def key(self) -> str:
        """The URL case-folded, without scheme, ``www.`` or trailing slash."""
        return _URL_PREFIX.sub("", self.url).rstrip("/").casefold()


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class MessengerHandle(ContactPoint):
    """A handle on a messenger (Telegram, Viber, WhatsApp, Signal, ...).

    Args:
        service: The messenger's name, such as ``"telegram"``.
        handle: The user name or number on it.

    >>> MessengerHandle("Telegram", "@Olena_K").key
    'telegram:olena_k'
    """

    kind: ClassVar[ContactKind] = ContactKind.MESSENGER

    service: str = attrs.field(kw_only=False, converter=to_short_text)
    handle: str = attrs.field(kw_only=False, converter=to_short_text)

    @property
    def key(self) -> str:
        """``service:handle``, case-folded, without a leading ``@``."""
        return f"{self.service.casefold()}:{self.handle.removeprefix('@').casefold()}"


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class PostalAddress(ContactPoint):
    """A postal address, in parts.

    At least one of ``street``, ``postal_code`` and ``locality`` is needed
    (``address.empty``).

    Attributes:
        street: The street, with its type as written (``"ul. Marszałkowska"``).
        building: The building number (``"10"``, ``"12А"``, ``"3/5"``).
        flat: The flat or office (``"5"``, ``"оф. 12"``).
        postal_code: The postal code (``"00-950"``, ``"01001"``, ``"SW1A 1AA"``).
        locality: The city, town or village.
        region: The region, voivodeship, oblast or state.
        country: The ISO 3166-1 alpha-2 code of the country.

    >>> PostalAddress(street="вул. Хрещатик", building="22", postal_code="01001",
    ...               locality="Київ", country="ua").key
    'ua|01001|київ|вул. хрещатик|22|'
    """

    kind: ClassVar[ContactKind] = ContactKind.POSTAL

    street: str | None = attrs.field(default=None, converter=to_optional_short_text)
    building: str | None = attrs.field(default=None, converter=to_optional_short_text)
    flat: str | None = attrs.field(default=None, converter=to_optional_short_text)
    postal_code: str | None = attrs.field(default=None, converter=to_optional_short_text)
    locality: str | None = attrs.field(default=None, converter=to_optional_short_text)
    region: str | None = attrs.field(default=None, converter=to_optional_short_text)
    country: str | None = attrs.field(default=None, converter=to_optional_country)

    def __attrs_post_init__(self) -> None:
        if self.street is None and self.postal_code is None and self.locality is None:
            fail(
                "address.empty",
                N_("the address has no street, postal code or locality"),
                field="locality",
                value=None,
                hint=N_("at least a locality, a street or a postal code"),
            )

    @property
    def key(self) -> str:
        """Country, postal code, locality, street, building and flat, folded, ``|``-joined."""
        parts: tuple[Any, ...] = (
            self.country,
            self.postal_code,
            self.locality,
            self.street,
            self.building,
            self.flat,
        )
        return "|".join(_fold(part) if part else "" for part in parts)


#: The contact point class of each kind.
CONTACT_CLASSES: dict[ContactKind, type[ContactPoint]] = {
    cls.kind: cls for cls in (PhoneNumber, EmailAddress, PostalAddress, Website, MessengerHandle)
}

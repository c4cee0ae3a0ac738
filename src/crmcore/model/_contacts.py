"""Contact points: phones, e-mail addresses, postal addresses, websites, messenger handles.

Each kind is its own class, sharing what every contact point has: whether it is
the primary one of its kind, a label (``"work"``, ``"delivery"``), where it
came from and when it was last verified. A value with a canonical form is
taken in that form only (a phone in E.164, an e-mail address with its domain
in lower case, a website as the standardiser writes it, a country code in
capitals) and anything else is refused (``phone.not_canonical``, ...): raw
text goes through ``parse``, a standardised value through
``from_standardized`` (see :mod:`crmcore.model._canonical`).

Each contact point has a :attr:`~ContactPoint.key`: a plain matching key that
a storage backend indexes together with the kind.

The kinds the standardiser knows read its values with ``from_standardized``
(:class:`PhoneNumber`, :class:`EmailAddress`, :class:`Website`,
:class:`PostalAddress`), taking the common fields as keywords.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn, Self

import attrs

from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.model._canonical import (
    canonical_email,
    canonical_phone,
    canonical_website,
    to_optional_canonical_country,
)
from crmcore.model._checks import (
    as_member,
    bind_field_names,
    fail,
    standardized,
    to_bool,
    to_optional_short_text,
    to_optional_text,
    to_short_text,
)
from crmcore.model._enums import ContactKind, PhoneLine
from crmcore.model._moments import (
    to_optional_moment,
)

if TYPE_CHECKING:
    from crmcore.standardize.addresses import Address
    from crmcore.standardize.emails import Email
    from crmcore.standardize.phones import Phone, PhoneKind

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
#: The lines a kind of number may be; a kind not here tells nothing of its line.
_LINES_OF_KIND: dict[str, tuple[PhoneLine, ...]] = {
    "mobile": (PhoneLine.MOBILE,),
    "fixed_line": (PhoneLine.LANDLINE, PhoneLine.FAX),
}


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
    """A phone number, in E.164 form.

    Args:
        number: The number, as :func:`crmcore.standardize.phone` returns it:
            E.164, with an extension written the RFC 3966 way
            (``+48221234567;ext=12``). Any other spelling is refused
            (``phone.not_canonical``): :meth:`parse` reads raw text.
        line: What the number reaches: a mobile, a landline or a fax.

    >>> phone = PhoneNumber("+48601234567", line="mobile", primary=True)
    >>> phone.kind, phone.line, phone.key
    (<ContactKind.PHONE: 'phone'>, <PhoneLine.MOBILE: 'mobile'>, '+48601234567')
    """

    kind: ClassVar[ContactKind] = ContactKind.PHONE

    number: str = attrs.field(kw_only=False, converter=canonical_phone)
    line: PhoneLine | None = attrs.field(default=None, converter=_to_line)

    @classmethod
    def parse(
        cls,
        text: str,
        *,
        country: str | None = None,
        line: PhoneLine | str | None = None,
        primary: bool = False,
        label: str | None = None,
        source: str | None = None,
        verified_at: datetime | str | None = None,
    ) -> Self:
        """Return the contact point of a number written as people write it.

        The text goes through :func:`crmcore.standardize.phones.validate`,
        then :meth:`from_standardized`.

        Args:
            text: The number as written (``"601-234-567"``, ``"+44 20 7946 0958"``).
            country: The ISO 3166-1 alpha-2 code to read a national number in.
            line: The line, where the kind of number does not decide it.
            primary: Whether this is the party's primary phone.
            label: What it is for.
            source: Where it came from.
            verified_at: When it was last confirmed to reach the party.

        Raises:
            ValidationError: the standardiser's ``phone.*`` codes
                (``phone.no_country`` for a national number without a country).

        >>> PhoneNumber.parse("067 123 45 67", country="UA").number
        '+380671234567'
        """
        from crmcore.standardize import phones

        return cls.from_standardized(
            phones.validate(text, country=country),
            line=line,
            primary=primary,
            label=label,
            source=source,
            verified_at=verified_at,
        )

    @classmethod
    def from_standardized(
        cls,
        value: Phone,
        *,
        line: PhoneLine | str | None = None,
        primary: bool = False,
        label: str | None = None,
        source: str | None = None,
        verified_at: datetime | str | None = None,
    ) -> Self:
        """Return the contact point of a number :mod:`crmcore.standardize.phones` validated.

        The mapping:

        * the number is the standardiser's canonical text (``str(value)``):
          the E.164 number, and its extension as ``;ext=`` (RFC 3966), so
          that a switchboard's extension is kept; :attr:`key` and storage's
          look-ups use the number without it;
        * the kind decides the line where it can: a ``mobile`` number is a
          mobile, a ``fixed_line`` one a landline unless ``line`` says fax;
          other kinds (``fixed_line_or_mobile`` in the US, ``voip``,
          ``toll_free``...) leave the line to ``line``, else unknown. The
          kind itself and the number's country are not stored: both follow
          from the number;
        * the keywords are the contact point's own fields.

        Args:
            value: A :class:`crmcore.standardize.Phone`, as
                :func:`crmcore.standardize.phones.validate` returns it.
            line: The line, where the kind does not decide it (a fax).
            primary: Whether this is the party's primary phone.
            label: What it is for (``"work"``).
            source: Where it came from (``"erp"``).
            verified_at: When it was last confirmed to reach the party.

        Returns:
            The :class:`PhoneNumber`.

        Raises:
            ValidationError: ``phone.not_standardized`` if ``value`` is not a
                ``Phone``; ``phone.line_contradicts_kind`` if ``line`` is
                not a line of that kind (a mobile number as a landline);
                the contact point's own codes for the keywords.

        >>> from crmcore.standardize import phones
        >>> mobile = PhoneNumber.from_standardized(phones.validate("601-234-567", country="PL"))
        >>> mobile.number, mobile.line
        ('+48601234567', <PhoneLine.MOBILE: 'mobile'>)
        >>> fax = PhoneNumber.from_standardized(
        ...     phones.validate("22 123 45 67 wew. 12", country="PL"), line="fax", label="biuro")
        >>> fax.number, fax.line, fax.key
        ('+48221234567;ext=12', <PhoneLine.FAX: 'fax'>, '+48221234567')
        """
        from crmcore.standardize.phones import Phone

        value = standardized(
            value,
            Phone,
            code="phone.not_standardized",
            message=N_("the value is not a standardised phone number"),
            hint=N_("a Phone, as crmcore.standardize.phones.validate returns it"),
        )
        return cls(
            str(value),
            line=_line_of(value.kind, _to_line(line, "line")),
            primary=primary,
            label=label,
            source=source,
            verified_at=verified_at,
        )

    @property
    def key(self) -> str:
        """The number without its extension, with everything but digits and ``+`` removed."""
        return _NOT_DIAL.sub("", self.number.partition(";")[0])


def _line_of(kind: PhoneKind, line: PhoneLine | None) -> PhoneLine | None:
    """Return the line of a number of ``kind``: ``line`` if the kind allows it, else its own."""
    allowed = _LINES_OF_KIND.get(kind.value)
    if allowed is None:
        return line
    if line is None:
        return allowed[0]
    if line not in allowed:
        fail(
            "phone.line_contradicts_kind",
            N_("the line contradicts the kind of the number"),
            field="line",
            value=line.value,
            hint=N_("{lines}, or no line", lines=", ".join(each.value for each in allowed)),
        )
    return line


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class EmailAddress(ContactPoint):
    """An e-mail address, as :func:`crmcore.standardize.emails.validate` writes it.

    The local part as written, the domain in lower case (Unicode); any other
    spelling is refused (``email.not_canonical``): :meth:`parse` reads raw text.

    >>> EmailAddress("Anna.Nowak@example.pl").key
    'anna.nowak@example.pl'
    """

    kind: ClassVar[ContactKind] = ContactKind.EMAIL

    address: str = attrs.field(kw_only=False, converter=canonical_email)

    @classmethod
    def parse(
        cls,
        text: str,
        *,
        primary: bool = False,
        label: str | None = None,
        source: str | None = None,
        verified_at: datetime | str | None = None,
    ) -> Self:
        """Return the contact point of an address written as people write it.

        Raises:
            ValidationError: the standardiser's ``email.*`` codes.

        >>> EmailAddress.parse(" Olena.Koval@UKR.NET ").address
        'Olena.Koval@ukr.net'
        """
        from crmcore.standardize import emails

        return cls.from_standardized(
            emails.validate(text),
            primary=primary,
            label=label,
            source=source,
            verified_at=verified_at,
        )

    @classmethod
    def from_standardized(
        cls,
        value: Email,
        *,
        primary: bool = False,
        label: str | None = None,
        source: str | None = None,
        verified_at: datetime | str | None = None,
    ) -> Self:
        """Return the contact point of an address :mod:`crmcore.standardize.emails` validated.

        The address is the canonical one (``value.address``: the local part
        as written, the domain in lower-case Unicode); its other fields (the
        local part, the domain in Unicode and in ASCII) follow from it. The
        keywords are the contact point's own fields.

        Args:
            value: A :class:`crmcore.standardize.Email`, as
                :func:`crmcore.standardize.emails.validate` returns it.
            primary: Whether this is the party's primary e-mail address.
            label: What it is for (``"billing"``).
            source: Where it came from.
            verified_at: When it was last confirmed to reach the party.

        Returns:
            The :class:`EmailAddress`.

        Raises:
            ValidationError: ``email.not_standardized`` if ``value`` is not an
                ``Email``; the contact point's own codes for the keywords.

        >>> from crmcore.standardize import emails
        >>> email = EmailAddress.from_standardized(
        ...     emails.validate("Info@ROMASHKA.укр"), label="biuro")
        >>> email.address, email.label
        ('Info@romashka.укр', 'biuro')
        """
        from crmcore.standardize.emails import Email

        value = standardized(
            value,
            Email,
            code="email.not_standardized",
            message=N_("the value is not a standardised e-mail address"),
            hint=N_("an Email, as crmcore.standardize.emails.validate returns it"),
        )
        return cls(
            value.address, primary=primary, label=label, source=source, verified_at=verified_at
        )

    @property
    def key(self) -> str:
        """The address case-folded."""
        return self.address.casefold()


@attrs.frozen(kw_only=True, field_transformer=bind_field_names)
class Website(ContactPoint):
    """A website, as :func:`crmcore.standardize.websites.validate` writes it.

    Any other spelling is refused (``website.not_canonical``): :meth:`parse`
    reads raw text.

    >>> Website("https://www.romashka.ua").key
    'romashka.ua'
    """

    kind: ClassVar[ContactKind] = ContactKind.WEBSITE

    url: str = attrs.field(kw_only=False, converter=canonical_website)

    @classmethod
    def parse(
        cls,
        text: str,
        *,
        primary: bool = False,
        label: str | None = None,
        source: str | None = None,
        verified_at: datetime | str | None = None,
    ) -> Self:
        """Return the contact point of a website written as people write it.

        Raises:
            ValidationError: the standardiser's ``website.*`` codes.

        >>> Website.parse("WWW.Kowalski.PL/").url
        'https://www.kowalski.pl'
        """
        from crmcore.standardize import websites

        return cls.from_standardized(
            websites.validate(text),
            primary=primary,
            label=label,
            source=source,
            verified_at=verified_at,
        )

    @classmethod
    def from_standardized(
        cls,
        value: str,
        *,
        primary: bool = False,
        label: str | None = None,
        source: str | None = None,
        verified_at: datetime | str | None = None,
    ) -> Self:
        """Return the contact point of a URL :func:`crmcore.standardize.websites.validate` gave.

        The standardiser's canonical form of a website is text (it has no
        class of its own); it must be that form already, ``validate(value) ==
        value``, so that one site gives one URL: raw input goes through
        :func:`~crmcore.standardize.websites.validate` first. The keywords
        are the contact point's own fields.

        Args:
            value: A canonical URL, as :func:`crmcore.standardize.websites.validate`
                returns it.
            primary: Whether this is the party's primary website.
            label: What it is for (``"shop"``).
            source: Where it came from.
            verified_at: When it was last confirmed to be the party's.

        Returns:
            The :class:`Website`.

        Raises:
            ValidationError: ``website.not_standardized`` if ``value`` is not
                the canonical text of a website (the standardiser's own
                error is its cause, where it had one).

        >>> from crmcore.standardize import websites
        >>> Website.from_standardized(websites.validate("WWW.Żabka.PL/")).url
        'https://www.xn--abka-99a.pl'
        >>> Website.from_standardized("WWW.Żabka.PL/")
        Traceback (most recent call last):
        crmcore.errors.ValidationError: value: ... [website.not_standardized]
        """
        from crmcore.standardize import websites

        try:
            canonical = websites.validate(value)
        except ValidationError as exc:
            _not_standardized_website(value, exc)
        if canonical != value:
            _not_standardized_website(value, None)
        return cls(canonical, primary=primary, label=label, source=source, verified_at=verified_at)

    @property
    def key(self) -> str:
        """The URL case-folded, without scheme, ``www.`` or trailing slash."""
        return _URL_PREFIX.sub("", self.url).rstrip("/").casefold()


def _not_standardized_website(value: object, cause: ValidationError | None) -> NoReturn:
    raise ValidationError(
        N_("the value is not a standardised website address"),
        code="website.not_standardized",
        field="value",
        value=value,
        hint=N_("a URL, as crmcore.standardize.websites.validate returns it"),
    ) from cause


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
        country: The ISO 3166-1 alpha-2 code of the country, in capitals.
        extra: What belongs to the address but to none of the parts above,
            as written: a building's or business park's name, a district, a
            "c/o". Not part of :attr:`key`.

    >>> PostalAddress(street="вул. Хрещатик", building="22", postal_code="01001",
    ...               locality="Київ", country="UA").key
    'ua|01001|київ|вул. хрещатик|22|'
    """

    kind: ClassVar[ContactKind] = ContactKind.POSTAL

    street: str | None = attrs.field(default=None, converter=to_optional_short_text)
    building: str | None = attrs.field(default=None, converter=to_optional_short_text)
    flat: str | None = attrs.field(default=None, converter=to_optional_short_text)
    postal_code: str | None = attrs.field(default=None, converter=to_optional_short_text)
    locality: str | None = attrs.field(default=None, converter=to_optional_short_text)
    region: str | None = attrs.field(default=None, converter=to_optional_short_text)
    country: str | None = attrs.field(default=None, converter=to_optional_canonical_country)
    extra: str | None = attrs.field(default=None, converter=to_optional_text)

    def __attrs_post_init__(self) -> None:
        if self.street is None and self.postal_code is None and self.locality is None:
            fail(
                "address.empty",
                N_("the address has no street, postal code or locality"),
                field="locality",
                value=None,
                hint=N_("at least a locality, a street or a postal code"),
            )

    @classmethod
    def parse(
        cls,
        text: str,
        *,
        country: str | None = None,
        primary: bool = False,
        label: str | None = None,
        source: str | None = None,
        verified_at: datetime | str | None = None,
    ) -> Self:
        """Return the contact point of an address written on one line, as people write it.

        Args:
            text: The address as written.
            country: The ISO 3166-1 alpha-2 code of the country, where the text does not say.
            primary: Whether this is the party's primary postal address.
            label: What it is for.
            source: Where it came from.
            verified_at: When it was last confirmed to reach the party.

        Raises:
            ValidationError: the standardiser's ``address.*`` codes.

        >>> PostalAddress.parse("ul. Piotrkowska 104, 90-926 Łódź", country="PL").postal_code
        '90-926'
        """
        from crmcore.standardize import addresses

        return cls.from_standardized(
            addresses.validate(text, country=country),
            primary=primary,
            label=label,
            source=source,
            verified_at=verified_at,
        )

    @classmethod
    def from_standardized(
        cls,
        value: Address,
        *,
        primary: bool = False,
        label: str | None = None,
        source: str | None = None,
        verified_at: datetime | str | None = None,
    ) -> Self:
        """Return the contact point of an address :mod:`crmcore.standardize.addresses` read.

        Every part has its field of the same name: street, building, flat,
        postal code, locality, region, country, and ``extra``, what the
        standardiser found but could fit in no part (a building's name, a
        district), kept verbatim. The keywords are the contact point's own
        fields.

        Args:
            value: A :class:`crmcore.standardize.Address`, as
                :func:`crmcore.standardize.addresses.validate` returns it.
            primary: Whether this is the party's primary postal address.
            label: What it is for (``"delivery"``, ``"склад"``).
            source: Where it came from.
            verified_at: When it was last confirmed to reach the party.

        Returns:
            The :class:`PostalAddress`.

        Raises:
            ValidationError: ``address.not_standardized`` if ``value`` is not
                an ``Address``; ``address.empty`` if it has no street, postal
                code or locality (only a region or a country); the contact
                point's own codes for the keywords.

        >>> from crmcore.standardize import addresses
        >>> a = PostalAddress.from_standardized(
        ...     addresses.validate("вул. Хрещатик, 22, оф. 5, Київ, 01001", country="UA"),
        ...     label="офіс")
        >>> a.street, a.building, a.flat, a.postal_code, a.locality, a.country, a.label
        ('вул. Хрещатик', '22', '5', '01001', 'Київ', 'UA', 'офіс')
        """
        from crmcore.standardize.addresses import Address

        value = standardized(
            value,
            Address,
            code="address.not_standardized",
            message=N_("the value is not a standardised postal address"),
            hint=N_("an Address, as crmcore.standardize.addresses.validate returns it"),
        )
        return cls(
            street=value.street,
            building=value.building,
            flat=value.flat,
            postal_code=value.postal_code,
            locality=value.locality,
            region=value.region,
            country=value.country,
            extra=value.extra,
            primary=primary,
            label=label,
            source=source,
            verified_at=verified_at,
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

"""The consent ledger's vocabulary: kinds of event, lawful bases, channels, purposes.

Kinds and bases are closed (the law names them); channels, sources and
purposes are open: the well-known ones are members here, and an application
uses names of its own the same way (``"whatsapp"``, ``"loyalty_club"``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from crmcore._i18n import N_
from crmcore.errors import ValidationError

__all__ = [
    "NEGATIVE",
    "Basis",
    "Channel",
    "Kind",
    "Purpose",
    "Purposes",
    "Source",
    "to_name",
]


class Kind(enum.StrEnum):
    """What a consent event says."""

    GRANTED = "granted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    OBJECTED = "objected"
    CONFIRMED = "confirmed"


#: The kinds that stop contact from their moment on, whatever they cover.
NEGATIVE: Final = frozenset({Kind.REFUSED, Kind.WITHDRAWN, Kind.EXPIRED, Kind.OBJECTED})


class Basis(enum.StrEnum):
    """A lawful basis of processing (GDPR Art. 6(1) (a) to (f))."""

    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    VITAL_INTERESTS = "vital_interests"
    PUBLIC_TASK = "public_task"
    LEGITIMATE_INTERESTS = "legitimate_interests"


class Channel(enum.StrEnum):
    """The well-known channels; any other short name is a channel too."""

    EMAIL = "email"
    SMS = "sms"
    PHONE = "phone"
    POST = "post"
    MESSENGER = "messenger"
    PUSH = "push"


class Source(enum.StrEnum):
    """The well-known sources of a consent event; any other short name is one too."""

    WEB_FORM = "web_form"
    PAPER_FORM = "paper_form"
    PHONE_CALL = "phone_call"
    EMAIL = "email"
    IN_PERSON = "in_person"
    IMPORT = "import"
    API = "api"
    UNSUBSCRIBE_LINK = "unsubscribe_link"


_NAME_CHARACTERS: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_.-")
_MAX_NAME: Final = 64
_MAX_MONTHS: Final = 1200  # a century


def to_name(value: object, field: str) -> str:
    """Return ``value`` as a purpose, channel, source or brand name, or raise.

    A name is 1 to 64 characters of lower-case ASCII letters, digits, ``_``,
    ``.`` and ``-``, starting with a letter (``"email"``, ``"loyalty_club"``).

    >>> to_name(Channel.EMAIL, "channel")
    'email'
    >>> to_name("E-mail", "channel")
    Traceback (most recent call last):
    ...
    crmcore.errors.ValidationError: channel: the name is not a short lower-case name ...
    """
    if (
        isinstance(value, str)
        and 0 < len(value) <= _MAX_NAME
        and value[0].isascii()
        and value[0].isalpha()
        and _NAME_CHARACTERS.issuperset(value)
    ):
        return str(value)
    raise ValidationError(
        N_("the name is not a short lower-case name"),
        code=f"consent.invalid_{field}",
        field=field,
        value=value,
        hint=N_('lower-case letters, digits, "_", "." and "-", such as "email" or "loyalty_club"'),
    )


def _to_purpose_name(value: object) -> str:
    return to_name(value, "purpose")


def _to_basis(value: object) -> Basis:
    try:
        return Basis(str(value))
    except ValueError:
        raise ValidationError(
            N_("the lawful basis is not one of GDPR Art. 6"),
            code="consent.invalid_basis",
            field="basis",
            value=value,
            hint=", ".join(Basis),
        ) from None


def _to_months(value: object) -> int | None:
    if value is None or (type(value) is int and 0 < value <= _MAX_MONTHS):
        return value
    raise ValidationError(
        N_("the number of months is not a whole number from 1 to 1200"),
        code="consent.invalid_months",
        field="renew_after_months",
        value=value,
        hint="24",
    )


@attrs.frozen
class Purpose:
    """A purpose of processing, with the lawful basis it rests on.

    Attributes:
        name: The purpose's name (``"marketing"``).
        basis: Its lawful basis: with ``CONSENT``, no record means no; with
            ``LEGITIMATE_INTERESTS`` or ``PUBLIC_TASK`` contact is allowed
            until an objection; with ``CONTRACT``, ``LEGAL_OBLIGATION`` or
            ``VITAL_INTERESTS`` it is allowed (Art. 21 gives no objection to them).
        renew_after_months: A grant lapses this many months after it was
            given, unless the grant says otherwise; ``None``: it does not lapse.
        double_opt_in: Whether a grant waits for its confirmation.

    >>> Purpose("newsletter", double_opt_in=True).basis
    <Basis.CONSENT: 'consent'>
    """

    name: str = attrs.field(converter=_to_purpose_name)
    basis: Basis = attrs.field(default=Basis.CONSENT, converter=_to_basis)
    renew_after_months: int | None = attrs.field(default=None, converter=_to_months, kw_only=True)
    double_opt_in: bool = attrs.field(default=False, kw_only=True)


def _to_table(value: Iterable[Purpose]) -> Mapping[str, Purpose]:
    table: dict[str, Purpose] = {}
    for purpose in value:
        if not isinstance(purpose, Purpose):
            raise ValidationError(
                N_("the value is not a purpose"),
                code="consent.invalid_purpose",
                field="purposes",
                value=purpose,
                hint='Purpose("marketing")',
            )
        table[purpose.name] = purpose
    return table


@attrs.frozen
class Purposes:
    """The purposes a ledger knows, by name: the standard four and an application's own.

    >>> purposes = Purposes.standard().with_purpose(Purpose("loyalty_club", renew_after_months=24))
    >>> purposes["loyalty_club"].renew_after_months, "marketing" in purposes
    (24, True)
    """

    table: Mapping[str, Purpose] = attrs.field(converter=_to_table)

    @classmethod
    def standard(cls) -> Purposes:
        """Return marketing, newsletter, profiling and third-party sharing, all on consent."""
        return cls(
            Purpose(name)
            for name in ("marketing", "newsletter", "profiling", "third_party_sharing")
        )

    def with_purpose(self, purpose: Purpose) -> Purposes:
        """Return these purposes with ``purpose`` added (or replacing the one of its name)."""
        return Purposes([*self.table.values(), purpose])

    def __contains__(self, name: object) -> bool:
        return name in self.table

    def __getitem__(self, name: object) -> Purpose:
        """Return the purpose named ``name``; raise ``consent.unknown_purpose`` if none is."""
        purpose = self.table.get(name) if isinstance(name, str) else None
        if purpose is None:
            raise ValidationError(
                N_("the purpose is not registered"),
                code="consent.unknown_purpose",
                field="purpose",
                value=name,
                hint=", ".join(sorted(self.table)),
            )
        return purpose

"""The suppression list: contact points that must not be reached, kept only as keyed hashes.

An erased or globally opted-out e-mail address or phone number lives on as
the HMAC-SHA-256 of its contact key (:func:`~crmcore.consent.contact_key`:
its kind and its canonical key, so ``"Anna.Nowak@Example.PL"`` and
``"anna.nowak@example.pl"`` are one entry) under an application secret. The
store holds the hash and the kind, never the address or the secret: without
the secret nobody can test an address against the list, and with it only
one address at a time.

Each entry is an event of the stream ``"suppression"`` with no party, whose
payload has only a ``"retained"`` part, so an erasure leaves it as it is.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from typing import TYPE_CHECKING, Final

import attrs

from crmcore._i18n import N_
from crmcore.consent._ledger import contact_key
from crmcore.consent._vocabulary import to_name
from crmcore.errors import ValidationError
from crmcore.model import ContactPoint
from crmcore.model._moments import utc_now
from crmcore.storage import Event

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from crmcore.model import Clock, Party
    from crmcore.storage import Store

__all__ = ["SUPPRESSIBLE", "SUPPRESSION_STREAM", "Suppression", "Suppressions"]

#: The stream of the event log that holds the suppression list.
SUPPRESSION_STREAM: Final = "suppression"
_TYPE: Final = "suppression.added"
#: The kinds of contact point the list takes: those a campaign reaches a person by.
SUPPRESSIBLE: Final = frozenset({"email", "phone"})
#: The shortest secret accepted, in bytes: the length of the hash.
_MIN_SECRET: Final = 32


@attrs.frozen
class Suppression:
    """One entry of the suppression list, as stored.

    Attributes:
        kind: The kind of contact point: ``"email"`` or ``"phone"``.
        hash: The HMAC-SHA-256 (hex) of its contact key under the secret.
        reason: Why it was added (``"erasure"``, ``"opt_out"``...).
        at: When it was added.
    """

    kind: str
    hash: str
    reason: str
    at: datetime


def _secret(value: object) -> bytes:
    if isinstance(value, bytes) and len(value) >= _MIN_SECRET:
        return value
    raise ValidationError(
        N_("the secret is not at least 32 bytes"),
        code="suppression.weak_secret",
        field="secret",
        value=None,  # never the secret, not even a weak one
        hint=N_("32 random bytes or more, such as secrets.token_bytes(32), kept outside the store"),
    )


def _suppressible(contact: object) -> ContactPoint:
    if isinstance(contact, ContactPoint) and contact.kind.value in SUPPRESSIBLE:
        return contact
    raise ValidationError(
        N_("the value is not an e-mail address or a phone number"),
        code="suppression.invalid_contact",
        field="contact",
        value=contact.kind.value if isinstance(contact, ContactPoint) else contact,
        hint='EmailAddress("anna.nowak@example.pl"), PhoneNumber.parse("+48 601 234 567")',
    )


def _entry(event: Event) -> Suppression | None:
    retained = event.payload.get("retained")
    if event.type != _TYPE or not isinstance(retained, dict):
        return None
    kind, digest, reason = retained.get("kind"), retained.get("hash"), retained.get("reason")
    if not (isinstance(kind, str) and isinstance(digest, str) and isinstance(reason, str)):
        return None
    return Suppression(kind=kind, hash=digest, reason=reason, at=event.occurred_at)


class Suppressions:
    """A store's suppression list, read and written with an application secret.

    The secret is passed in, used and never stored: not in the store, not in
    an error, not in this object's ``repr``. The hashes read are cached in
    memory; each question reads only the entries appended since the last
    one, so screening a whole import costs one read of the list. After a
    rolled-back transaction in which it read or wrote, call :meth:`reload`.

    Args:
        store: The store whose event log holds the list.
        secret: At least 32 bytes, the same for every writer and reader.
        clock: What "now" is: the moment of a new entry.

    Raises:
        ValidationError: ``suppression.weak_secret``.
    """

    __slots__ = ("_clock", "_hashes", "_read_to", "_secret", "_store")

    def __init__(self, store: Store, *, secret: bytes, clock: Clock = utc_now) -> None:
        self._secret = _secret(secret)
        self._store = store
        self._clock = clock
        self._hashes: set[str] = set()
        self._read_to: datetime | None = None

    def __repr__(self) -> str:
        return f"Suppressions(entries={len(self._hashes)})"

    def hash(self, contact: ContactPoint) -> str:
        """Return the keyed hash (hex) the list holds for ``contact``.

        Raises:
            ValidationError: ``suppression.invalid_contact`` for anything
                but an e-mail address or a phone number.
        """
        key = contact_key(_suppressible(contact)).encode("utf-8")
        return hmac.new(self._secret, key, hashlib.sha256).hexdigest()

    def add(self, contact: ContactPoint, *, reason: str, at: datetime | None = None) -> bool:
        """Put ``contact`` on the list; return whether it was not on it yet.

        Args:
            contact: An e-mail address or a phone number.
            reason: Why, as a short lower-case name (``"erasure"``, ``"opt_out"``).
            at: When; the clock's now by default.

        Raises:
            ValidationError: ``suppression.invalid_contact``,
                ``consent.invalid_reason`` for a reason that is not a name.
        """
        digest = self.hash(contact)
        name = to_name(reason, "reason")
        if self._has(digest):
            return False
        self._store.events.append(
            Event(
                stream=SUPPRESSION_STREAM,
                type=_TYPE,
                occurred_at=self._clock() if at is None else at,
                payload={"retained": {"kind": contact.kind.value, "hash": digest, "reason": name}},
            )
        )
        return True

    def contains(self, contact: ContactPoint) -> bool:
        """Return whether ``contact`` is on the list.

        Raises:
            ValidationError: ``suppression.invalid_contact``.
        """
        return self._has(self.hash(contact))

    def blocked(self, contacts: Iterable[ContactPoint]) -> list[ContactPoint]:
        """Return those of ``contacts`` that are on the list (other kinds never are)."""
        self.refresh()
        return self._listed(contacts)

    def screen(self, party: Party) -> list[ContactPoint]:
        """Return the party's e-mail addresses and phone numbers that are on the list."""
        return self.blocked(party.contacts)

    def screen_many(self, parties: Iterable[Party]) -> Iterator[tuple[Party, list[ContactPoint]]]:
        """Yield each party with its contact points on the list: an import's check.

        The list is read once, before the first party (and again only when
        the store holds newer entries at a later call).
        """
        self.refresh()
        for party in parties:
            yield (
                party,
                [
                    contact
                    for contact in party.contacts
                    if contact.kind.value in SUPPRESSIBLE and self.hash(contact) in self._hashes
                ],
            )

    def refuse(self, party: Party) -> Party:
        """Return ``party`` if none of its contact points is on the list, or raise.

        Call it before ``store.parties.add`` (or an import's row) to refuse
        a suppressed person; to take the party in and keep it from being
        contacted instead, add it and give these suppressions to the
        :class:`~crmcore.consent.Ledger`: its decisions then answer
        ``contact.suppressed`` for those contact points.

        Raises:
            ValidationError: ``contact.suppressed``, naming the first
                suppressed contact point (``contacts[1]``).
        """
        self.refresh()
        for index, contact in enumerate(party.contacts):
            if self._listed([contact]):
                raise ValidationError(
                    N_("the contact point is on the suppression list"),
                    code="contact.suppressed",
                    field=f"contacts[{index}]",
                    value=contact.kind.value,
                    hint=N_(
                        "the person asked not to be contacted or was erased: "
                        "leave this contact point out"
                    ),
                )
        return party

    def entries(self) -> list[Suppression]:
        """Return the list as stored, oldest first (hashes and kinds, nothing else)."""
        found = (_entry(event) for event in self._store.events.read(stream=SUPPRESSION_STREAM))
        return [entry for entry in found if entry is not None]

    def reload(self) -> None:
        """Forget what was read and read the whole list again.

        Call it after a transaction this object read or wrote in was rolled
        back: the entries it saw there are gone from the store, not from
        what it read.
        """
        self._hashes.clear()
        self._read_to = None
        self.refresh()

    def refresh(self) -> None:
        """Read the entries appended since the last read (by this or any other writer)."""
        read_to = self._read_to
        for event in self._store.events.read(stream=SUPPRESSION_STREAM, since=read_to):
            entry = _entry(event)
            if entry is not None:
                self._hashes.add(entry.hash)
            if event.recorded_at is not None and (read_to is None or event.recorded_at > read_to):
                read_to = event.recorded_at
        self._read_to = read_to

    def _listed(self, contacts: Iterable[ContactPoint]) -> list[ContactPoint]:
        return [
            contact
            for contact in contacts
            if contact.kind.value in SUPPRESSIBLE and self.hash(contact) in self._hashes
        ]

    def _has(self, digest: str) -> bool:
        if digest in self._hashes:
            return True
        self.refresh()
        return digest in self._hashes

"""Candidates and key blocks: the parties that share look-up keys, for duplicate matching.

A matcher does not compare a party with every stored party: it compares it
with the parties that share at least one look-up key with it (a phone, an
e-mail key, an identifier, an external key, a name key; see
:func:`crmcore.storage.backend.lookup_keys`), which every store finds
through its key index. Two reads serve it:

* :meth:`~crmcore.storage.Parties.candidates`: the stored parties that share
  a key with one party (a new form entry, stored or not), as :class:`Candidates`;
* :meth:`~crmcore.storage.Parties.key_blocks`: every group of stored parties
  that share a key, streamed as :class:`KeyBlock` values, for a batch over a
  whole store.

A key shared by very many parties (a switchboard number, ``info@...``, the
name key of a common name) tells nothing about who is who, and would make
the work quadratic: above a limit it is skipped, and reported, with how many
parties hold it, so that the caller can say so.

This module holds the values and the rules every store follows; the stores
find the rows.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Final

import attrs

from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.model import Party
from crmcore.storage._lookup_keys import LOOKUP_KINDS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "DEFAULT_MAX_BLOCK",
    "DEFAULT_MAX_PER_KEY",
    "Candidate",
    "Candidates",
    "KeyBlock",
    "SkippedKey",
    "check_kinds",
    "check_limit",
    "gather",
]

#: How many other parties a key may be shared by before ``candidates`` skips it.
DEFAULT_MAX_PER_KEY: Final = 50
#: How many parties a key block may hold before ``key_blocks`` skips it.
DEFAULT_MAX_BLOCK: Final = 50
_KINDS_HINT: Final = "one or more of " + ", ".join(LOOKUP_KINDS)


def _to_keys(value: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(value))


@attrs.frozen
class Candidate:
    """A stored party that shares look-up keys with the party asked about.

    Attributes:
        party: The stored party.
        keys: The ``(kind, key)`` pairs it shares, sorted (kinds as in
            :data:`crmcore.storage.backend.LOOKUP_KINDS`).

    >>> from crmcore.model import Party
    >>> candidate = Candidate(Party.person(family="Nowak"),
    ...                       [("phone", "+48601234567"), ("name", "o:novak")])
    >>> candidate.keys, sorted(candidate.kinds)
    ((('name', 'o:novak'), ('phone', '+48601234567')), ['name', 'phone'])
    """

    party: Party = attrs.field(validator=attrs.validators.instance_of(Party))
    keys: tuple[tuple[str, str], ...] = attrs.field(converter=_to_keys)

    @property
    def kinds(self) -> frozenset[str]:
        """The kinds of the keys it shares."""
        return frozenset(kind for kind, _ in self.keys)


@attrs.frozen
class SkippedKey:
    """A look-up key left out because too many parties share it.

    Attributes:
        kind: The key's kind (``"phone"``, ``"email"``, ``"name"``, ...).
        key: The key.
        count: How many stored parties hold it (the party asked about left
            out; soft-deleted parties only if they were asked for).
    """

    kind: str
    key: str
    count: int


@attrs.frozen
class Candidates:
    """What :meth:`~crmcore.storage.Parties.candidates` found.

    Attributes:
        found: The parties that share at least one key, each once, ordered by id.
        skipped: The keys shared by more parties than the limit, sorted
            by kind and key; their parties are in ``found`` only through another key.
    """

    found: tuple[Candidate, ...] = ()
    skipped: tuple[SkippedKey, ...] = ()

    @property
    def parties(self) -> tuple[Party, ...]:
        """The parties found, ordered by id."""
        return tuple(candidate.party for candidate in self.found)

    def shared(self, party_id: uuid.UUID) -> tuple[tuple[str, str], ...]:
        """Return the keys the party ``party_id`` shares (``()`` for a party not found)."""
        for candidate in self.found:
            if candidate.party.id == party_id:
                return candidate.keys
        return ()


@attrs.frozen
class KeyBlock:
    """The parties that share one look-up key.

    Attributes:
        kind: The key's kind.
        key: The key.
        size: How many parties share it (at least two).
        ids: Their ids, in order; empty if the block was skipped, being
            larger than the limit asked for.
    """

    kind: str
    key: str
    size: int
    ids: tuple[uuid.UUID, ...] = ()

    @property
    def skipped(self) -> bool:
        """Whether the block was too large to list its parties."""
        return not self.ids


def check_limit(value: object, field: str) -> int:
    """Return ``value`` if it is a positive int, else raise ``query.invalid_<field>``.

    >>> check_limit(0, "max_per_key")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: max_per_key: the limit ... [query.invalid_max_per_key]
    """
    if type(value) is not int or value < 1:
        raise ValidationError(
            N_("the limit is not a positive integer"),
            code=f"query.invalid_{field}",
            field=field,
            value=value,
            hint=N_("a positive integer such as 50"),
        )
    return value


def check_kinds(kinds: Iterable[str] | None) -> tuple[str, ...]:
    """Return the kinds of keys asked for, each once, in order; all of them for ``None``.

    Raises:
        ValidationError: ``query.unknown_kind`` for a kind not in
            :data:`~crmcore.storage.backend.LOOKUP_KINDS` (roles and tags
            are shared on purpose, and group nobody).

    >>> check_kinds(["phone", "email", "phone"])
    ('email', 'phone')
    >>> check_kinds(["tag"])
    Traceback (most recent call last):
    crmcore.errors.ValidationError: kinds: there are no look-up keys ... [query.unknown_kind]
    """
    if kinds is None:
        return LOOKUP_KINDS
    chosen = [kinds] if isinstance(kinds, str) else list(kinds)
    for kind in chosen:
        if kind not in LOOKUP_KINDS:
            raise ValidationError(
                N_("there are no look-up keys of this kind"),
                code="query.unknown_kind",
                field="kinds",
                value=kind,
                hint=_KINDS_HINT,
            )
    return tuple(sorted(set(chosen)))


def gather(
    counted: Iterable[tuple[str, str, int, uuid.UUID | None]],
    fetch: Callable[[list[uuid.UUID]], list[Party]],
    max_per_key: int,
) -> Candidates:
    """Return the candidates of the rows a store found for each key of a party.

    Args:
        counted: For each key, ``(kind, key, count, party_id)``: ``count``
            is how many other parties hold it; a key within the limit comes
            once for each of them (``party_id``), a key over it once, with
            any ``party_id``; a key nobody else holds may come with ``None``.
        fetch: Reads the parties of some ids (:meth:`~crmcore.storage.Parties.get_many`);
            a party it no longer finds (erased meanwhile) is left out.
        max_per_key: The limit the rows were found with.

    Returns:
        The :class:`Candidates`.
    """
    shared: dict[uuid.UUID, list[tuple[str, str]]] = {}
    skipped: dict[tuple[str, str], int] = {}
    for kind, key, count, party_id in counted:
        if count > max_per_key:
            skipped[kind, key] = count
        elif party_id is not None:
            shared.setdefault(party_id, []).append((kind, key))
    parties = fetch(sorted(shared))
    return Candidates(
        tuple(Candidate(party, shared[party.id]) for party in parties),
        tuple(SkippedKey(kind, key, count) for (kind, key), count in sorted(skipped.items())),
    )

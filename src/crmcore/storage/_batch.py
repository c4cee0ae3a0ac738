"""Non-atomic batches: store every party that can be stored, account for the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from crmcore._i18n import N_
from crmcore.errors import ConflictError, CrmError, NotFoundError, ValidationError
from crmcore.model import Party

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from contextlib import AbstractContextManager

    _Entry = tuple[int, object, Party]

__all__ = ["BatchResult", "Rejected", "add_each", "add_in_halves", "not_a_party"]

# What rejects one party and not the batch: the party's own fault. A
# StorageError (a closed store, a failed database) stops the batch instead.
_REJECTING = (ConflictError, NotFoundError, ValidationError)


@attrs.frozen(kw_only=True)
class Rejected:
    """A party a batch did not store, and why.

    Args:
        index: Its position in the batch, from 0.
        party: The input, as given.
        error: Why it was refused; ``error.code`` is the stable reason
            (``party.duplicate_customer_number``, ``party.duplicate_identifier``, ...).
    """

    index: int
    party: object
    error: CrmError


@attrs.frozen(kw_only=True)
class BatchResult:
    """What a non-atomic batch did: ``len(accepted) + len(rejected) == received``.

    Args:
        accepted: The parties stored, as stored, in the order given.
        rejected: The parties refused, in the order given.

    >>> result = BatchResult(accepted=(), rejected=())
    >>> result.received, result.ok
    (0, True)
    """

    accepted: tuple[Party, ...]
    rejected: tuple[Rejected, ...]

    @property
    def received(self) -> int:
        """How many parties the batch was given."""
        return len(self.accepted) + len(self.rejected)

    @property
    def ok(self) -> bool:
        """Whether every party was stored."""
        return not self.rejected


def not_a_party(value: object) -> ValidationError:
    """Return the error for an input that is not a party (``party.not_a_party``)."""
    return ValidationError(
        N_("only parties can be added"),
        code="party.not_a_party",
        field="party",
        value=type(value).__name__,
        hint=N_("a crmcore.model.Party"),
    )


def add_each(
    transaction: Callable[[], AbstractContextManager[None]],
    add: Callable[[Party], Party],
    parties: Iterable[object],
) -> BatchResult:
    """Add each party on its own, inside one unit of work; return what was stored and not.

    Each ``add`` is a unit of work nested in the batch's (a savepoint on SQL
    stores), so a refused party is undone alone and the others are kept.

    Args:
        transaction: The store's :meth:`~crmcore.storage.Store.transaction`.
        add: The store's :meth:`~crmcore.storage.Parties.add`.
        parties: The parties to store.

    Returns:
        The parties stored and the parties refused, every input in one or the other.

    Raises:
        StorageError: If the store itself fails; then nothing of the batch is kept.
    """
    accepted: list[Party] = []
    rejected: list[Rejected] = []
    with transaction():
        for index, party in enumerate(parties):
            try:
                if not isinstance(party, Party):
                    raise not_a_party(party)
                stored = add(party)
            except _REJECTING as error:
                rejected.append(Rejected(index=index, party=party, error=error))
            else:
                accepted.append(stored)
    return BatchResult(accepted=tuple(accepted), rejected=tuple(rejected))


def add_in_halves(
    transaction: Callable[[], AbstractContextManager[None]],
    stamp: Callable[[], Callable[[Party], Party]],
    insert: Callable[[list[Party]], None],
    describe: Callable[[CrmError, Party], CrmError],
    parties: Iterable[object],
    *,
    chunk: int = 1000,
) -> BatchResult:
    """Add what :func:`add_each` adds, inserting many parties at a time.

    Each chunk of the batch is stamped party by party, in order (so each
    party takes the same customer number as with :func:`add_each`), then
    inserted in one unit of work nested in the batch's. When the chunk is
    refused, it is undone and each half is tried again on its own, down to
    single parties, which are then refused alone: a batch with a few refused
    parties costs a few more savepoints, not one per party.

    Args:
        transaction: The store's :meth:`~crmcore.storage.Store.transaction`.
        stamp: Returns the store's stamping function for a new unit of work
            (see :func:`crmcore.storage._writes.stamper`).
        insert: Inserts stamped parties, all or none.
        describe: Returns the error of a single party's refused insert, with its value.
        parties: The parties to store.
        chunk: How many parties to insert at a time.

    Returns:
        The parties stored and the parties refused, every input in one or the other.

    Raises:
        StorageError: If the store itself fails; then nothing of the batch is kept.
    """
    accepted: list[Party] = []
    rejected: list[Rejected] = []

    def insert_in_halves(entries: Sequence[_Entry]) -> None:
        try:
            with transaction():
                insert([stamped for _, _, stamped in entries])
        except _REJECTING as error:
            if len(entries) == 1:
                index, given, stamped = entries[0]
                rejected.append(Rejected(index=index, party=given, error=describe(error, stamped)))
                return
            half = len(entries) // 2
            insert_in_halves(entries[:half])
            insert_in_halves(entries[half:])
        else:
            accepted.extend(stamped for _, _, stamped in entries)

    with transaction():
        given = enumerate(parties)
        while entries := _stamped(given, stamp(), chunk, rejected):
            insert_in_halves(entries)
    rejected.sort(key=lambda each: each.index)
    return BatchResult(accepted=tuple(accepted), rejected=tuple(rejected))


def _stamped(
    given: Iterator[tuple[int, object]],
    stamp: Callable[[Party], Party],
    chunk: int,
    rejected: list[Rejected],
) -> list[_Entry]:
    """Return up to ``chunk`` entries of ``given`` stamped; what is refused goes to ``rejected``."""
    entries: list[_Entry] = []
    for index, party in given:
        try:
            if not isinstance(party, Party):
                raise not_a_party(party)
            entries.append((index, party, stamp(party)))
        except _REJECTING as error:
            rejected.append(Rejected(index=index, party=party, error=error))
        if len(entries) == chunk:
            break
    return entries

"""Upsert by an external key: add the party another system knows, or update it, once.

The same steps for every store, through the :class:`~crmcore.storage.Parties`
protocol, so that every store decides alike:

1. The party the key leads to is read (a soft-deleted one too).
2. None: the party is added. Two writers that both found none race to add it;
   the key index holds an external key once, so one add is refused with
   ``party.duplicate_external_key``, and that writer starts again at 1, where
   it now finds the winner's party and updates it. No twin is made.
3. One: it is updated with the incoming data, keeping its id, customer
   number and creation time, whatever the incoming party says of them (a
   customer number that differs from the stored one is refused, as
   :meth:`~crmcore.storage.Parties.update` refuses it). The incoming version
   is not checked: the other system is the source of the data, and the last
   upsert wins. Everything else is replaced: a part the incoming party lacks
   is gone (its phones, tags, ...), except its external keys: the stored
   party keeps the keys of other systems the incoming party does not name,
   so that an upsert by one of them still finds it. A write by someone else
   between the read and the update makes the update stale: it starts again at 1.

A soft-deleted party is not brought back by an upsert (``party.deleted``):
restore it first. A merged party has no keys of its own; its survivor holds
them if the merge kept them, and is the party updated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from crmcore._i18n import N_
from crmcore.errors import ConflictError, StorageError, ValidationError
from crmcore.model import ExternalKey, Party
from crmcore.storage._batch import not_a_party

if TYPE_CHECKING:
    from crmcore.storage._protocols import Parties

__all__ = ["Upserted", "upsert"]

#: How many times an upsert starts again after losing a race before it gives up.
_ATTEMPTS: Final = 20


@attrs.frozen
class Upserted:
    """What an upsert did.

    Attributes:
        party: The party as stored.
        created: ``True`` if it was added, ``False`` if a stored party was updated.
    """

    party: Party
    created: bool


def _check(party: object, by: object) -> None:
    if not isinstance(party, Party):
        raise not_a_party(party)
    if not isinstance(by, ExternalKey) or by not in party.external_keys:
        raise ValidationError(
            N_("the party does not carry the external key it is upserted by"),
            code="party.upsert_key_missing",
            field="by",
            value=by if not isinstance(by, ExternalKey) else [by.system, by.key],
            hint=N_("one of the party's external_keys"),
        )


def _deleted(party: Party) -> ConflictError:
    return ConflictError(
        N_("the party is deleted"),
        code="party.deleted",
        field="id",
        value=str(party.id),
        hint=N_("restore it first: update(party.restored())"),
    )


def _incoming(party: Party, stored: Party) -> Party:
    """Return ``party`` as the new state of ``stored``: its id, number, creation, keys kept."""
    kept = [each for each in stored.external_keys if each not in party.external_keys]
    return attrs.evolve(
        party,
        id=stored.id,
        customer_number=party.customer_number or stored.customer_number,
        created_at=stored.created_at,
        version=stored.version,
        external_keys=[*party.external_keys, *kept],
    )


def upsert(parties: Parties, party: Party, by: ExternalKey) -> Upserted:
    """Add ``party``, or update the party ``by`` leads to; see :meth:`Parties.upsert`."""
    _check(party, by)
    for _ in range(_ATTEMPTS):
        found = parties.find_by_external_key(by.system, by.key, include_deleted=True)
        if not found:
            try:
                return Upserted(parties.add(party), created=True)
            except ConflictError:
                if not parties.find_by_external_key(by.system, by.key, include_deleted=True):
                    raise  # refused for another reason than losing the race for the key
                continue
        stored = found[0]
        if stored.deleted_at is not None:
            raise _deleted(stored)
        try:
            return Upserted(parties.update(_incoming(party, stored)), created=False)
        except ConflictError as exc:
            if exc.code != "party.stale_version":
                raise
    raise StorageError(
        N_("the party kept changing while it was upserted"),
        code="storage.busy",
        field="by",
        value=[by.system, by.key],
        hint=N_("try again later"),
    )

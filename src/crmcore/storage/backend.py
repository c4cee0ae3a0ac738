"""What a store of your own must do as crmcore's stores do: its look-up keys and its stamps.

A backend kept in an ERP's own tables passes
:class:`crmcore.testing.StoreContract` only if it derives the same look-up
keys and stamps parties the same way as the stores crmcore ships; this module
is where those rules are public. The memory, SQLite and PostgreSQL stores call
the very same functions.

**Look-up keys.** Index a party under :func:`index_rows` (phone, e-mail,
external key, name, role and tag rows: ``(kind, key)``; the name keys are
:func:`name_keys`) and :func:`identifier_rows` (``(scheme, value, country)``,
``""`` for no country). Find a party's candidates by its :func:`lookup_keys`
(the kinds of :data:`LOOKUP_KINDS`: no roles or tags, identifiers of any
country), as a duplicate matcher's blocking does with the same functions. Answer a look-up by
the key its query folds to: :func:`email_query_key`, :func:`external_key`,
:func:`find_phone` for phones (:func:`phone_query_key` is its key) and
:func:`find_identifier` for identifiers. Record
:func:`keys_fingerprint` with the index: a store whose recorded fingerprint
differs holds keys derived another way, and must rebuild them.

>>> from crmcore.model import EmailAddress, Identifier, Party, PhoneNumber
>>> party = Party.organization(
...     "Ромашка", legal_form="ТОВ",
...     contacts=[PhoneNumber.parse("067 123 45 67", country="UA"),
...               EmailAddress.parse("Info@Romashka.UA")],
...     identifiers=[Identifier("edrpou", "32855961", country="UA")])
>>> sorted(index_rows(party))
[('email', 'info@romashka.ua'), ('name', 'o:romaska'), ('phone', '+380671234567')]
>>> identifier_rows(party)
[('edrpou', '32855961', 'UA')]
>>> phone_query_key("+380 67 123-45-67"), email_query_key(" INFO@romashka.UA ")
('+380671234567', 'info@romashka.ua')

**Arguments.** Decorate each repository class with :func:`checks_arguments`:
every public method then refuses an argument of the wrong type, an id that
is no UUID and text no store can hold with a
:class:`~crmcore.errors.ValidationError`, and folds a look-up's text as the
model folded the value it stored (surrounding spaces removed), as the
contract expects.

**Stamps.** A new party gets version 1, a customer number from the store's
:class:`~crmcore.ids.CustomerNumberSource` (unless it brings one) and
``updated_at`` (:func:`stamped_new`, or :func:`stamper` for many at one
moment); an update is checked against the stored version and number
(:func:`check_update`) and stamped (:func:`stamped_update`); a soft delete
is :func:`deleted`; an erasure appends :func:`erased_event` to the stream
:data:`ERASURE_STREAM`. The errors are the ones the contract expects:
:func:`not_found`, :func:`duplicate_id`, :func:`conflict`, :func:`stale`.

**Consent records.** ``store.consent.append`` refuses an event and a fact
that are not one consent event with :func:`check_consent_pair`, a fact that
is not the next place of its party's chain with :func:`chain_moved`, and
``for_parties`` and ``scan`` choose the facts that :func:`bears` names. An
erasure keeps of each event's payload what :func:`erased_payload` keeps: its
``"retained"`` member, if that is a mapping.

**Retention.** ``events.prune(before=..., stream=...)`` checks its arguments
with :func:`check_prune` and removes the events :func:`is_pruned` names: those
recorded before the moment (of the stream, if given), never an erasure's
tombstone.

>>> from datetime import UTC, datetime
>>> from crmcore.testing import SequenceNumbers
>>> now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
>>> new = stamped_new(party, numbers=SequenceNumbers(), now=now)
>>> new.version, new.updated_at == now, new.customer_number is not None
(1, True, True)
>>> check_update(new, (2, new.customer_number))
Traceback (most recent call last):
crmcore.errors.ConflictError: version: ... [party.stale_version]
"""

from crmcore.storage._arguments import checks_arguments
from crmcore.storage._changes import diff
from crmcore.storage._consent_checks import bears, chain_moved, check_consent_pair
from crmcore.storage._events import erased_payload
from crmcore.storage._lookup_keys import (
    EMAIL,
    EXTERNAL,
    IDENTIFIER,
    KEYS_VERSION,
    LOOKUP_KINDS,
    NAME,
    PHONE,
    ROLE,
    TAG,
    email_query_key,
    external_key,
    external_parts,
    find_identifier,
    find_phone,
    identifier_query,
    identifier_rows,
    index_rows,
    lookup_keys,
    name_keys,
    phone_query_key,
)
from crmcore.storage._reindex import keys_fingerprint
from crmcore.storage._retention import check_prune, is_pruned
from crmcore.storage._writes import (
    ERASURE_STREAM,
    CurrentNumbers,
    check_update,
    conflict,
    deleted,
    duplicate_id,
    erased_event,
    not_found,
    stale,
    stamped_new,
    stamped_update,
    stamper,
)

__all__ = [
    "EMAIL",
    "ERASURE_STREAM",
    "EXTERNAL",
    "IDENTIFIER",
    "KEYS_VERSION",
    "LOOKUP_KINDS",
    "NAME",
    "PHONE",
    "ROLE",
    "TAG",
    "CurrentNumbers",
    "bears",
    "chain_moved",
    "check_consent_pair",
    "check_prune",
    "check_update",
    "checks_arguments",
    "conflict",
    "deleted",
    "diff",
    "duplicate_id",
    "email_query_key",
    "erased_event",
    "erased_payload",
    "external_key",
    "external_parts",
    "find_identifier",
    "find_phone",
    "identifier_query",
    "identifier_rows",
    "index_rows",
    "is_pruned",
    "keys_fingerprint",
    "lookup_keys",
    "name_keys",
    "not_found",
    "phone_query_key",
    "stale",
    "stamped_new",
    "stamped_update",
    "stamper",
]

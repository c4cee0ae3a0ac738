"""Consent: what a party allowed, on which channel, for which purpose, as of when, with proof.

A :class:`Ledger` records consent events (granted, refused, withdrawn,
expired, objected, confirmed) in a store's event log, each chained to the
party's event before it, and decides from them:

>>> from datetime import UTC, datetime
>>> from crmcore import storage
>>> from crmcore.consent import Ledger, Proof
>>> from crmcore.model import EmailAddress, Party
>>> with storage.open("memory://") as store:
...     olena = store.parties.add(Party.person(given="Олена", family="Шевченко",
...                                            contacts=[EmailAddress("olena@example.com.ua")]))
...     ledger = Ledger(store)
...     grant = ledger.grant(olena.id, "newsletter", channel="email", source="web_form",
...                          at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC),
...                          proof=Proof.of_wording("Так, надсилайте мені новини.",
...                                                 version="2026-03"))
...     ledger.withdraw(olena.id, "newsletter", source="unsubscribe_link",
...                     at=datetime(2026, 6, 1, 12, 0, tzinfo=UTC)).kind
...     before = ledger.may_contact(olena.id, channel="email", purpose="newsletter",
...                                 at=datetime(2026, 4, 1, tzinfo=UTC))
...     after = ledger.may_contact(olena.id, channel="email", purpose="newsletter",
...                                at=datetime(2026, 7, 1, tzinfo=UTC))
<Kind.WITHDRAWN: 'withdrawn'>
>>> (before.allowed, before.reason), (after.allowed, after.reason)
((True, 'consent.granted'), (False, 'consent.withdrawn'))

See :doc:`/consent` for the rules of a decision, proof and receipts, and
:doc:`/consent_rights` for suppression and the data-subject rights.
"""

from crmcore.consent._chain import ChainProblem, ChainReport, Tampering, verify_chain
from crmcore.consent._decide import Decision, decide
from crmcore.consent._erasure import (
    ErasureReport,
    Kept,
    RetentionPolicy,
    erase_party,
    prune_retention,
)
from crmcore.consent._export import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    Imported,
    export_party,
    import_party,
)
from crmcore.consent._ledger import Ledger, Scope, contact_key, may_contact
from crmcore.consent._proof import Proof, wording_hash
from crmcore.consent._receipt_terms import Controller, ReceiptPurpose
from crmcore.consent._receipts import receipt, receipt_head, receipt_json
from crmcore.consent._records import STREAM, ChainHead, ConsentEvent
from crmcore.consent._rectify import Rectification, rectifications, rectify
from crmcore.consent._suppression import Suppression, Suppressions
from crmcore.consent._vocabulary import Basis, Channel, Kind, Purpose, Purposes, Source

__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "STREAM",
    "Basis",
    "ChainHead",
    "ChainProblem",
    "ChainReport",
    "Channel",
    "ConsentEvent",
    "Controller",
    "Decision",
    "ErasureReport",
    "Imported",
    "Kept",
    "Kind",
    "Ledger",
    "Proof",
    "Purpose",
    "Purposes",
    "ReceiptPurpose",
    "Rectification",
    "RetentionPolicy",
    "Scope",
    "Source",
    "Suppression",
    "Suppressions",
    "Tampering",
    "contact_key",
    "decide",
    "erase_party",
    "export_party",
    "import_party",
    "may_contact",
    "prune_retention",
    "receipt",
    "receipt_head",
    "receipt_json",
    "rectifications",
    "rectify",
    "verify_chain",
    "wording_hash",
]


def __dir__() -> list[str]:
    # Only the public surface: not the private modules that import as attributes.
    return sorted(__all__)

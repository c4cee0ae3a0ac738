"""The consent package's text parameters, fed long hostile text.

Each text a caller passes in (purposes, channels, sources, brands, who
captured, the proof's texts, the wording, a receipt's jurisdiction, language,
policy, service and principal) gets runs of hostile units at the limit and far
beyond it. The call must return, or raise one of our own errors, within the
deadline.
"""

from __future__ import annotations

import contextlib
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from tests.standardize.test_hostile_text import CANNED, DEADLINE, hostile_text

from crmcore import storage
from crmcore.consent import Controller, Ledger, Proof, Purpose, receipt, wording_hash
from crmcore.errors import CrmError
from crmcore.model import EmailAddress, Party, PhoneNumber, PostalAddress

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from crmcore.consent import ConsentEvent

_AT = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def world() -> Iterator[tuple[Ledger, Party, ConsentEvent]]:
    with storage.open("memory://") as store:
        party = store.parties.add(Party.person(given="Ганна", family="Ковальчук"))
        ledger = Ledger(store, clock=lambda: _AT)
        grant = ledger.grant(party.id, "marketing", source="web_form", at=_AT)
        yield ledger, party, grant


def _controller(name: str = "ТОВ «Ромашка»", contact: str = "Відповідальна особа") -> Controller:
    return Controller(
        name=name,
        contact=contact,
        address=PostalAddress(street="вул. Хрещатик", building="1", locality="Київ", country="UA"),
        email=EmailAddress("dpo@romashka.com.ua"),
        phone=PhoneNumber("+380441234567"),
    )


def _calls(world: tuple[Ledger, Party, ConsentEvent]) -> dict[str, Callable[[str], object]]:
    ledger, party, grant = world

    def issue(**text: str) -> object:
        fields = {
            "jurisdiction": "UA",
            "policy_url": "https://example.com.ua/privacy",
            "language": "uk-UA",
            "service": "Крамниця",
        }
        return receipt(grant, controller=_controller(), **(fields | text))

    return {
        "grant.purpose": lambda text: ledger.grant(party.id, text, source="web_form"),
        "grant.channel": lambda text: ledger.grant(party.id, "marketing", channel=text, source="x"),
        "grant.source": lambda text: ledger.grant(party.id, "marketing", source=text),
        "grant.brand": lambda text: ledger.grant(party.id, "marketing", brand=text, source="x"),
        "grant.captured_by": lambda text: ledger.grant(
            party.id, "marketing", source="x", captured_by=text
        ),
        "withdraw.purpose": lambda text: ledger.withdraw(party.id, text, source="x"),
        "may_contact.channel": lambda text: ledger.may_contact(
            party.id, channel=text, purpose="marketing"
        ),
        "may_contact.purpose": lambda text: ledger.may_contact(
            party.id, channel="email", purpose=text
        ),
        "may_contact.brand": lambda text: ledger.may_contact(
            party.id, channel="email", purpose="marketing", brand=text
        ),
        "contactable.channel": lambda text: list(
            ledger.contactable([party.id], channel=text, purpose="marketing")
        ),
        "proof.wording_version": lambda text: Proof(wording_version=text),
        "proof.wording_hash": lambda text: Proof(wording_hash=text),
        "proof.form_id": lambda text: Proof(form_id=text),
        "proof.document": lambda text: Proof(document=text),
        "proof.ip_address": lambda text: Proof(ip_address=text),
        "proof.user_agent": lambda text: Proof(user_agent=text),
        "proof.of_wording": lambda text: Proof.of_wording(text, version="1"),
        "wording_hash": wording_hash,
        "purpose.name": Purpose,
        "controller.name": _controller,
        "controller.contact": lambda text: _controller(contact=text),
        "receipt.jurisdiction": lambda text: issue(jurisdiction=text),
        "receipt.policy_url": lambda text: issue(policy_url=text),
        "receipt.language": lambda text: issue(language=text),
        "receipt.service": lambda text: issue(service=text),
        "receipt.principal_id": lambda text: issue(principal_id=text),
    }


_CALL_NAMES = [
    "grant.purpose", "grant.channel", "grant.source", "grant.brand", "grant.captured_by",
    "withdraw.purpose", "may_contact.channel", "may_contact.purpose", "may_contact.brand",
    "contactable.channel", "proof.wording_version", "proof.wording_hash", "proof.form_id",
    "proof.document", "proof.ip_address", "proof.user_agent", "proof.of_wording",
    "wording_hash", "purpose.name", "controller.name", "controller.contact", "receipt.jurisdiction",
    "receipt.policy_url", "receipt.language", "receipt.service", "receipt.principal_id",
]  # fmt: skip


def _bounded(call: Callable[[str], object], text: str) -> None:
    start = time.perf_counter()
    with contextlib.suppress(CrmError):
        call(text)
    elapsed = time.perf_counter() - start
    assert elapsed < DEADLINE.total_seconds(), (len(text), elapsed)


def test_the_table_names_every_call(world: tuple[Ledger, Party, ConsentEvent]) -> None:
    assert sorted(_calls(world)) == sorted(_CALL_NAMES)


@pytest.mark.parametrize("name", _CALL_NAMES)
def test_canned_hostile_text_is_refused_or_taken_in_time(
    name: str, world: tuple[Ledger, Party, ConsentEvent]
) -> None:
    call = _calls(world)[name]
    for text in CANNED:
        _bounded(call, text)


@pytest.mark.parametrize("name", _CALL_NAMES)
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_text())
def test_hostile_text_is_refused_or_taken_in_time(
    name: str, world: tuple[Ledger, Party, ConsentEvent], text: str
) -> None:
    _bounded(_calls(world)[name], text)

"""The consent part of the storage contract: each rule of a decision, through the ledger.

:class:`~crmcore.testing.StoreContract` includes these tests: a store that
keeps consent records (``store.consent``) must give every rule of
:mod:`crmcore.consent` the same answer as the in-memory reference.
"""

# a pytest suite: asserts are its checks, literals its data

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from crmcore.consent import Basis, Kind, Ledger, Proof, Purpose, Purposes
from crmcore.errors import NotFoundError, ValidationError
from crmcore.model import EmailAddress, Party, PhoneNumber, PostalAddress, Role
from crmcore.storage import In

if TYPE_CHECKING:
    from collections.abc import Callable

    from crmcore.storage import Store

__all__ = ["LedgerContract"]

_MARCH = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
_PURPOSES = (
    Purposes.standard()
    .with_purpose(Purpose("loyalty_club", renew_after_months=24))
    .with_purpose(Purpose("newsletter", double_opt_in=True))
    .with_purpose(Purpose("service_news", Basis.LEGITIMATE_INTERESTS))
    .with_purpose(Purpose("order_updates", Basis.CONTRACT))
)


def _on(days: float) -> datetime:
    return _MARCH + timedelta(days=days)


def _people() -> list[Party]:
    return [
        Party.person(
            given="Anna",
            family="Nowak",
            contacts=[
                PostalAddress(locality="Warszawa", country="PL"),
                EmailAddress("anna.nowak@example.pl"),
                PhoneNumber.parse("+48 601 234 567"),
            ],
        ),
        Party.person(
            given="Олена",
            family="Шевченко",
            contacts=[
                PostalAddress(locality="Київ", country="UA"),
                EmailAddress("olena.shevchenko@example.com.ua"),
            ],
        ),
        Party.person(
            given="Иван",
            family="Иванов",
            contacts=[
                PostalAddress(locality="Москва", country="RU"),
                PhoneNumber.parse("+7 912 345-67-89"),
            ],
        ),
        Party.person(
            given="Δημήτρης",
            family="Παπαδόπουλος",
            contacts=[
                PostalAddress(locality="Αθήνα", country="GR"),
                EmailAddress("d.papadopoulos@example.gr"),
            ],
        ),
        Party.person(
            given="Jürgen",
            family="Müller",
            contacts=[
                PostalAddress(locality="Berlin", country="DE"),
                EmailAddress("juergen.mueller@example.de"),
            ],
        ),
        Party.person(
            given="Oliver",
            family="Smith",
            contacts=[
                PostalAddress(locality="Leeds", country="GB"),
                PhoneNumber.parse("+44 7911 123456"),
            ],
        ),
        Party.person(
            given="Emily",
            family="Johnson",
            contacts=[
                PostalAddress(locality="Boston", country="US"),
                EmailAddress("emily.johnson@example.com"),
            ],
        ),
    ]


class LedgerContract:
    """The rules of a decision, each through :class:`~crmcore.consent.Ledger` on the store."""

    @pytest.fixture
    def ledger(self, store: Store) -> Ledger:
        """A ledger over the store under test, with the purposes of these tests."""
        return Ledger(store, purposes=_PURPOSES, clock=lambda: _on(100))

    def _party(self, store: Store, index: int = 0) -> Party:
        return store.parties.add(_people()[index])

    def _ask(
        self, ledger: Ledger, party: Party, days: float, **question: object
    ) -> tuple[bool, str]:
        question.setdefault("channel", "email")
        question.setdefault("purpose", "marketing")
        decision = ledger.may_contact(party.id, at=_on(days), **question)  # type: ignore[arg-type]
        return decision.allowed, decision.reason

    def test_no_record_means_no_and_a_grant_allows(self, store: Store, ledger: Ledger) -> None:
        anna = self._party(store)
        assert self._ask(ledger, anna, 1) == (False, "consent.no_record")
        grant = ledger.grant(
            anna.id,
            "marketing",
            channel="email",
            source="web_form",
            at=_on(1),
            proof=Proof.of_wording(
                "Zgadzam się na oferty e-mailem.", version="2026-03", ip_address="198.51.100.23"
            ),
        )
        decision = ledger.may_contact(anna.id, channel="email", purpose="marketing", at=_on(2))
        assert (decision.allowed, decision.reason, decision.events) == (
            True,
            "consent.granted",
            (grant.id,),
        )
        assert self._ask(ledger, anna, 2, channel="sms") == (False, "consent.no_record")

    def test_the_latest_event_wins_and_any_past_moment_can_be_asked(
        self, store: Store, ledger: Ledger
    ) -> None:
        olena = self._party(store, 1)
        ledger.grant(olena.id, "marketing", source="web_form", at=_on(0))
        ledger.withdraw(olena.id, "marketing", source="unsubscribe_link", at=_on(10))
        ledger.grant(olena.id, "marketing", source="phone_call", at=_on(20), captured_by="Марія К.")
        assert self._ask(ledger, olena, 5) == (True, "consent.granted")  # "what was allowed then?"
        assert self._ask(ledger, olena, 10) == (False, "consent.withdrawn")  # at once
        assert self._ask(ledger, olena, 15) == (False, "consent.withdrawn")
        assert self._ask(ledger, olena, 25) == (True, "consent.granted")
        assert ledger.may_contact(olena.id, channel="email", purpose="marketing").allowed  # now

    def test_the_narrowest_scope_wins_and_a_broader_withdrawal_still_acts(
        self, store: Store, ledger: Ledger
    ) -> None:
        anna = self._party(store)
        address = EmailAddress("anna.nowak@example.pl")
        ledger.refuse(anna.id, None, source="paper_form", at=_on(1))  # every purpose, every channel
        ledger.grant(
            anna.id, "marketing", channel="email", contact=address, source="web_form", at=_on(2)
        )
        assert self._ask(ledger, anna, 3, contact=address) == (True, "consent.granted")
        assert self._ask(ledger, anna, 3, contact=EmailAddress("a.nowak@firma.pl")) == (
            False,
            "consent.refused",
        )
        assert self._ask(ledger, anna, 3, channel="sms") == (False, "consent.refused")
        ledger.withdraw(anna.id, "marketing", source="unsubscribe_link", at=_on(4))
        assert self._ask(ledger, anna, 5, contact=address) == (False, "consent.withdrawn")

    def test_records_that_conflict_give_the_least_permissive_answer(
        self, store: Store, ledger: Ledger
    ) -> None:
        ivan = self._party(store, 2)
        ledger.grant(ivan.id, "marketing", channel="sms", source="web_form", at=_on(1))
        ledger.object_to(ivan.id, "marketing", brand="apteka", source="phone_call", at=_on(1))
        assert self._ask(ledger, ivan, 2, channel="sms", brand="apteka") == (
            False,
            "consent.objected",
        )
        assert self._ask(ledger, ivan, 2, channel="sms", brand="knigi") == (True, "consent.granted")

    def test_a_double_opt_in_allows_only_once_confirmed(self, store: Store, ledger: Ledger) -> None:
        dimitris = self._party(store, 3)
        waiting = ledger.grant(
            dimitris.id, "newsletter", channel="email", source="web_form", at=_on(1)
        )
        assert waiting.pending
        assert self._ask(ledger, dimitris, 2, purpose="newsletter") == (
            False,
            "consent.unconfirmed",
        )
        confirmed = ledger.confirm(
            dimitris.id,
            waiting.id,
            source="email",
            at=_on(3),
            proof=Proof(form_id="confirm-link", user_agent="Mozilla/5.0"),
        )
        assert (confirmed.kind, confirmed.confirms) == (Kind.CONFIRMED, waiting.id)
        assert self._ask(ledger, dimitris, 2, purpose="newsletter") == (
            False,
            "consent.unconfirmed",
        )
        assert self._ask(ledger, dimitris, 4, purpose="newsletter") == (True, "consent.confirmed")
        with pytest.raises(ValidationError) as caught:
            ledger.confirm(dimitris.id, confirmed.id, source="email")
        assert caught.value.code == "consent.nothing_to_confirm"

    def test_an_expired_consent_does_not_allow(self, store: Store, ledger: Ledger) -> None:
        juergen = self._party(store, 4)
        grant = ledger.grant(juergen.id, "loyalty_club", source="in_person", at=_on(0))
        assert grant.expires_at == datetime(2028, 3, 1, 9, 0, tzinfo=UTC)  # renewed every 24 months
        assert self._ask(ledger, juergen, 700, purpose="loyalty_club") == (True, "consent.granted")
        assert self._ask(ledger, juergen, 800, purpose="loyalty_club") == (False, "consent.expired")
        ledger.grant(juergen.id, "marketing", source="web_form", at=_on(0))
        ledger.expire(juergen.id, "marketing", source="api", at=_on(30))
        assert self._ask(ledger, juergen, 31) == (False, "consent.expired")

    def test_legitimate_interest_allows_until_an_objection(
        self, store: Store, ledger: Ledger
    ) -> None:
        oliver = self._party(store, 5)
        assert self._ask(ledger, oliver, 1, purpose="service_news") == (
            True,
            "basis.legitimate_interests",
        )
        ledger.object_to(oliver.id, "service_news", source="email", at=_on(2))
        assert self._ask(ledger, oliver, 1, purpose="service_news") == (
            True,
            "basis.legitimate_interests",
        )
        assert self._ask(ledger, oliver, 3, purpose="service_news") == (False, "consent.objected")
        ledger.object_to(oliver.id, None, source="email", at=_on(4))
        assert self._ask(ledger, oliver, 5, purpose="order_updates") == (True, "basis.contract")

    def test_the_chain_of_a_party_verifies_and_its_events_read_back(
        self, store: Store, ledger: Ledger
    ) -> None:
        emily = self._party(store, 6)
        first = ledger.grant(
            emily.id,
            "marketing",
            source="web_form",
            at=_on(1),
            proof=Proof.of_wording(
                "Yes, email me offers.",
                version="v3",
                ip_address="2001:db8::1",
                user_agent="Mozilla/5.0",
            ),
        )
        second = ledger.withdraw(
            emily.id, "marketing", channel="email", source="unsubscribe_link", at=_on(2)
        )
        assert (first.seq, second.seq, second.prev) == (1, 2, first.hash)
        assert ledger.events(emily.id) == [first, second]
        assert ledger.head(emily.id) == second.head
        report = ledger.verify(emily.id, head=first.head)
        assert report.intact
        assert report.head == second.head

    def test_a_merged_party_records_and_answers_for_its_survivor(
        self, store: Store, ledger: Ledger
    ) -> None:
        anna, copy = self._party(store), self._party(store, 0)
        store.merges.merge(anna, [copy])
        event = ledger.grant(copy.id, "marketing", source="import", at=_on(1))
        assert event.party_id == anna.id
        assert self._ask(ledger, copy, 2) == self._ask(ledger, anna, 2) == (True, "consent.granted")

    def test_contactable_filters_a_segment_and_a_stream(self, store: Store, ledger: Ledger) -> None:
        people = [self._party(store, index) for index in range(7)]
        for person in people[::2]:
            ledger.grant(person.id, "marketing", channel="email", source="import", at=_on(1))
        ledger.withdraw(people[2].id, "marketing", source="unsubscribe_link", at=_on(2))
        store.parties.update(people[4].with_role(Role.CLIENT))
        expected = {people[0].id, people[4].id, people[6].id}
        assert set(ledger.contactable(channel="email", purpose="marketing", at=_on(3))) == expected
        segment = In("country", ["PL", "DE"])
        assert set(
            ledger.contactable(segment, channel="email", purpose="marketing", at=_on(3))
        ) == {
            people[0].id,
            people[4].id,
        }
        ids = [people[6].id, uuid.uuid4(), people[1].id, people[0].id]
        found = list(ledger.contactable(ids, channel="email", purpose="marketing", at=_on(3)))
        assert found == [people[6].id, people[0].id]  # in the stream's order
        assert list(ledger.contactable(ids, channel="email", purpose="marketing", at=_on(0))) == []

    def test_bad_questions_and_records_are_refused(self, store: Store, ledger: Ledger) -> None:
        anna = self._party(store)
        refused: dict[str, Callable[[], object]] = {
            "consent.unknown_purpose": lambda: ledger.grant(
                anna.id, "astrology", source="web_form"
            ),
            "consent.invalid_channel": lambda: ledger.grant(
                anna.id, "marketing", channel="E-Mail", source="x"
            ),
            "consent.invalid_source": lambda: ledger.grant(anna.id, "marketing", source=""),
            "consent.contact_channel": lambda: ledger.grant(
                anna.id,
                "marketing",
                channel="sms",
                contact=EmailAddress("anna.nowak@example.pl"),
                source="x",
            ),
            "consent.invalid_moment": lambda: ledger.may_contact(
                anna.id,
                channel="email",
                purpose="marketing",
                at=datetime(2026, 3, 1),  # noqa: DTZ001
            ),
            "consent.invalid_proof": lambda: ledger.grant(
                anna.id, "marketing", source="x", proof=Proof(ip_address="999.1.1.1")
            ),
        }
        for code, call in refused.items():
            with pytest.raises(ValidationError) as caught:
                call()
            assert caught.value.code == code
        with pytest.raises(NotFoundError):
            ledger.grant(uuid.uuid4(), "marketing", source="web_form")
        assert ledger.events(anna.id) == []

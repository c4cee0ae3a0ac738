"""The data subject's rights on a store: export and import, erasure, and consent across merges.

:class:`~crmcore.testing.StoreContract` includes these tests: a store that
keeps consent records (``store.consent``) must export a party whole, take
an export back with the same decisions, erase a party leaving only keyed
hashes and non-identifying proof, and keep every withdrawal, refusal and
objection of a merged party in force on its survivor.
"""

# a pytest suite: asserts are its checks, literals its data

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmcore.consent import (
    Basis,
    Ledger,
    Proof,
    Purpose,
    Purposes,
    RetentionPolicy,
    Suppressions,
    erase_party,
    export_party,
    import_party,
    prune_retention,
)
from crmcore.errors import NotFoundError, ValidationError
from crmcore.model import (
    ContactPoint,
    EmailAddress,
    Identifier,
    Interaction,
    Money,
    OrderLine,
    Party,
    PhoneNumber,
    Purchase,
)
from crmcore.storage import MemoryStore

if TYPE_CHECKING:
    import uuid

    from crmcore.ids import CustomerNumberSource
    from crmcore.storage import Store

__all__ = ["RightsContract"]

_SECRET = bytes.fromhex("8d1f6a2c4e9b0735d2a8c6f1e4b9073a5c2d8e6f1a4b7c0d3e9f2a5b8c1d4e7f")
_START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
_PURPOSES = (
    Purposes.standard()
    .with_purpose(Purpose("newsletter", double_opt_in=True))
    .with_purpose(Purpose("service_news", Basis.LEGITIMATE_INTERESTS))
)
_ASKED = ("marketing", "newsletter", "service_news")
_CHANNELS = ("email", "sms")


def _on(days: float) -> datetime:
    return _START + timedelta(days=days)


#: One step of a random history: a verb, a purpose (or every one), a channel (or every one).
_STEPS = st.lists(
    st.tuples(
        st.sampled_from(["grant", "refuse", "withdraw", "object_to", "expire", "confirm"]),
        st.sampled_from([None, *_ASKED]),
        st.sampled_from([None, *_CHANNELS]),
        st.integers(min_value=0, max_value=3),  # days after the step before
        st.booleans(),  # a grant: with an expiry
    ),
    max_size=12,
)


def _play(ledger: Ledger, party_id: uuid.UUID, steps: list[tuple[Any, ...]]) -> float:
    day = 0.0
    waiting: list[uuid.UUID] = []
    for verb, purpose, channel, gap, lapses in steps:
        day += gap
        if verb == "grant":
            event = ledger.grant(
                party_id,
                purpose or "marketing",
                channel=channel,
                source="web_form",
                at=_on(day),
                expires_at=_on(day + 2) if lapses else None,
                proof=Proof.of_wording("Zgadzam się.", version="v1", ip_address="203.0.113.7"),
            )
            if event.pending:
                waiting.append(event.id)
        elif verb == "confirm":
            if waiting:
                ledger.confirm(party_id, waiting.pop(0), source="email", at=_on(day))
        else:
            getattr(ledger, verb)(
                party_id, purpose, source="unsubscribe_link", channel=channel, at=_on(day)
            )
    return day


def _answers(ledger: Ledger, party_id: uuid.UUID, last: float) -> list[tuple[Any, ...]]:
    answers = []
    for half_days in range(int(last * 2) + 6):
        for purpose in _ASKED:
            for channel in _CHANNELS:
                decision = ledger.may_contact(
                    party_id, channel=channel, purpose=purpose, at=_on(half_days / 2)
                )
                answers.append((decision.allowed, decision.reason, decision.events))
    return answers


def _household() -> list[Party]:
    """Parties of seven countries, each with its own script, contacts and identifiers."""
    return [
        Party.person(
            given="Małgorzata",
            family="Wiśniewska",
            contacts=[
                EmailAddress("m.wisniewska@example.pl"),
                PhoneNumber.parse("+48 601 234 567"),
            ],
            identifiers=[Identifier("pesel", "44051401359", country="PL")],
        ),
        Party.person(
            given="Олена",
            family="Шевченко",
            contacts=[EmailAddress("olena.shevchenko@example.com.ua")],
        ),
        Party.person(
            given="Δημήτρης",
            family="Παπαδόπουλος",
            contacts=[PhoneNumber.parse("+30 691 234 5678")],
        ),
    ]


class RightsContract:
    """Export, import, erasure and merges of parties with consent histories."""

    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,  # each example records for a new party
            HealthCheck.differing_executors,  # one test, run on each subclass's store
            HealthCheck.too_slow,
        ],
    )
    @given(steps=_STEPS)
    def test_an_imported_export_gives_the_same_decisions(
        self, store: Store, numbers: CustomerNumberSource, steps: list[tuple[Any, ...]]
    ) -> None:
        # the origin numbers its parties from the store's source: no two examples share one
        with MemoryStore(numbers=numbers) as origin:
            anna = origin.parties.add(
                Party.person(
                    given="Anna", family="Nowak", contacts=[EmailAddress("anna.nowak@example.pl")]
                )
            )
            mine = Ledger(origin, purposes=_PURPOSES)
            last = _play(mine, anna.id, steps)
            document = json.loads(json.dumps(export_party(origin, anna.id)))
            imported = import_party(store, document)
            theirs = Ledger(store, purposes=_PURPOSES)
            assert imported.party.id == anna.id
            assert imported.events == len(mine.events(anna.id))
            assert theirs.verify(anna.id).intact
            assert [event.hash for event in theirs.events(anna.id)] == [
                event.hash for event in mine.events(anna.id)
            ]
            assert _answers(theirs, anna.id, last) == _answers(mine, anna.id, last)

    def test_an_export_holds_everything_about_the_party(self, store: Store) -> None:
        ledger = Ledger(store, purposes=_PURPOSES)
        olena, other = store.parties.add_many(_household()[1:])
        ledger.grant(olena.id, "marketing", channel="email", source="web_form", at=_on(0))
        store.interactions.add(
            Interaction(party_id=olena.id, channel="phone", direction="inbound", occurred_at=_on(1))
        )
        store.purchases.add(
            Purchase(
                party_id=olena.id,
                occurred_at=_on(2),
                reference="РН-000117",
                lines=[OrderLine("Кавоварка", 1, Money(Decimal("4599.00"), "UAH"))],
            )
        )
        document = export_party(store, olena.id)
        assert json.loads(json.dumps(document)) == document
        assert (document["format"], document["format_version"]) == ("crmcore.party", 1)
        assert document["party"]["id"] == str(olena.id)
        assert [len(document[part]) for part in ("interactions", "purchases", "events")] == [
            1,
            1,
            1,
        ]
        assert document["events"][0]["payload"]["detail"]["salt"]
        assert [version["operation"] for version in document["history"]] == ["created"]
        assert str(other.id) not in json.dumps(document)
        with MemoryStore() as elsewhere:
            import_party(elsewhere, document)
            assert export_party(elsewhere, olena.id)["events"] == [
                {**event, "recorded_at": event_there["recorded_at"]}
                for event, event_there in zip(
                    document["events"],
                    export_party(elsewhere, olena.id)["events"],
                    strict=True,
                )
            ]

    def test_a_document_that_is_not_an_export_is_refused(self, store: Store) -> None:
        for document, field in (
            ({"format": "vcard"}, "format"),
            ({"format": "crmcore.party", "format_version": 2}, "format_version"),
            ([], "document"),
        ):
            with pytest.raises(ValidationError) as caught:
                import_party(store, document)  # type: ignore[arg-type]
            assert (caught.value.code, caught.value.field) == ("export.invalid_document", field)
        assert store.parties.count() == 0

    def test_an_erasure_keeps_hashes_proof_and_what_the_law_keeps(self, store: Store) -> None:
        ledger = Ledger(store, purposes=_PURPOSES)
        malgorzata, olena, dimitris = store.parties.add_many(_household())
        ledger.grant(
            malgorzata.id,
            "marketing",
            channel="email",
            source="web_form",
            at=_on(0),
            contact=malgorzata.contacts[0],
            proof=Proof.of_wording(
                "Zgadzam się.", version="v1", ip_address="198.51.100.23", user_agent="Mozilla/5.0"
            ),
        )
        ledger.withdraw(malgorzata.id, "marketing", source="unsubscribe_link", at=_on(9))
        ledger.grant(olena.id, "marketing", source="web_form", at=_on(0))
        _, recent = store.purchases.add_many(
            Purchase(
                party_id=malgorzata.id,
                occurred_at=moment,
                reference=reference,
                lines=[OrderLine("Ekspres do kawy", 1, Money(Decimal("1299.00"), "PLN"))],
            )
            for moment, reference in ((_on(-3000), "FV/2018/01"), (_on(-100), "FV/2025/11"))
        )
        report = erase_party(
            store,
            malgorzata.id,
            secret=_SECRET,
            keep=RetentionPolicy(purchases_years=5, duty="tax_records"),
            clock=lambda: _on(10),
        )
        assert report.erased_ids == (malgorzata.id,)
        assert report.suppressed == {"email": 1, "phone": 1}
        assert (report.removed["purchases"], report.removed["events"]) == (2, 2)
        assert [(kept.id, kept.until) for kept in report.kept] == [
            (recent.id, _on(-100).replace(year=_on(-100).year + 5))
        ]
        with pytest.raises(NotFoundError):
            store.parties.get(malgorzata.id)
        assert ledger.verify(malgorzata.id).intact
        assert [event.erased for event in ledger.events(malgorzata.id)] == [True, True]
        everything = json.dumps(
            [event.payload for event in store.events.read()], ensure_ascii=False
        )
        for gone in ("wisniewska", "601234567", "44051401359", "198.51.100.23", "Mozilla"):
            assert gone not in everything
        assert "FV/2025/11" in everything
        assert "FV/2018/01" not in everything
        suppressions = Suppressions(store, secret=_SECRET)
        assert suppressions.contains(PhoneNumber.parse("0048601234567"))
        with pytest.raises(ValidationError) as caught:
            suppressions.refuse(
                Party.person(given="M.", family="W.", contacts=[PhoneNumber.parse("+48601234567")])
            )
        assert caught.value.code == "contact.suppressed"
        # the others are as they were
        assert store.parties.get(olena.id) == olena
        assert store.parties.get(dimitris.id) == dimitris
        assert ledger.may_contact(olena.id, channel="email", purpose="marketing", at=_on(11))
        # the retention record goes once its duty has ended, not before
        ended = report.kept[0].until
        assert prune_retention(store, at=ended, since=_on(-3650)) == 0
        assert prune_retention(store, at=ended + timedelta(days=31), since=_on(-3650)) == 1
        assert "FV/2025/11" not in json.dumps([event.payload for event in store.events.read()])

    def test_merged_withdrawals_refusals_and_objections_stay_in_force(self, store: Store) -> None:
        ledger = Ledger(store, purposes=_PURPOSES)
        anna, ania = store.parties.add_many(
            [
                Party.person(
                    given="Anna", family="Nowak", contacts=[EmailAddress("anna.nowak@example.pl")]
                ),
                Party.person(
                    given="Ania", family="Nowak", contacts=[PhoneNumber.parse("+48 601 234 567")]
                ),
            ]
        )
        for purpose in ("marketing", "profiling"):
            ledger.grant(anna.id, purpose, source="web_form", at=_on(0))
        ledger.grant(ania.id, "marketing", channel="sms", source="paper_form", at=_on(1))
        ledger.withdraw(ania.id, "marketing", channel="email", source="unsubscribe_link", at=_on(2))
        ledger.refuse(ania.id, "profiling", source="phone_call", at=_on(3))
        ledger.object_to(ania.id, "service_news", source="email", at=_on(4))

        def answers(party_id: uuid.UUID) -> list[tuple[bool, str]]:
            asked = (
                ("email", "marketing"),
                ("sms", "marketing"),
                ("email", "profiling"),
                ("post", "service_news"),
            )
            return [
                (decision.allowed, decision.reason)
                for decision in (
                    ledger.may_contact(party_id, channel=channel, purpose=purpose, at=_on(5))
                    for channel, purpose in asked
                )
            ]

        before = answers(anna.id), answers(ania.id)
        assert before[0] == [
            (True, "consent.granted"),
            (True, "consent.granted"),
            (True, "consent.granted"),
            (True, "basis.legitimate_interests"),
        ]
        record = store.merges.merge(store.parties.get(anna.id), [store.parties.get(ania.id)])
        merged = [
            (False, "consent.withdrawn"),
            (True, "consent.granted"),
            (False, "consent.refused"),
            (False, "consent.objected"),
        ]
        assert answers(anna.id) == merged
        assert answers(ania.id) == merged  # the merged id asks about the survivor
        store.merges.unmerge(record.id)
        assert (answers(anna.id), answers(ania.id)) == before

    def test_the_ledger_heeds_the_suppression_list(self, store: Store) -> None:
        suppressions = Suppressions(store, secret=_SECRET)
        ledger = Ledger(store, purposes=_PURPOSES, suppressions=suppressions)
        jurgen, emily = store.parties.add_many(
            [
                Party.person(
                    given="Jürgen",
                    family="Müller",
                    contacts=[
                        EmailAddress("juergen.mueller@example.de"),
                        EmailAddress("j.mueller@example.de"),
                        PhoneNumber.parse("+49 30 901820"),
                    ],
                ),
                Party.person(
                    given="Emily",
                    family="Johnson",
                    contacts=[EmailAddress("emily.johnson@example.com")],
                ),
            ]
        )
        for party in (jurgen, emily):
            ledger.grant(party.id, "marketing", source="web_form", at=_on(0))
        suppressions.add(EmailAddress("juergen.mueller@example.de"), reason="opt_out")
        suppressions.add(EmailAddress.parse("Emily.Johnson@example.com"), reason="opt_out")

        def ask(
            party: Party, channel: str, contact: ContactPoint | None = None
        ) -> tuple[bool, str]:
            decision = ledger.may_contact(
                party.id, channel=channel, purpose="marketing", contact=contact, at=_on(1)
            )
            return decision.allowed, decision.reason

        # one address of two is suppressed: the party may be written to, not at that address
        assert ask(jurgen, "email") == (True, "consent.granted")
        assert ask(jurgen, "email", jurgen.contacts[0]) == (False, "contact.suppressed")
        assert ask(jurgen, "email", jurgen.contacts[1]) == (True, "consent.granted")
        assert ask(jurgen, "phone") == (True, "consent.granted")
        # every address of the channel is suppressed: the party is not reachable on it
        assert ask(emily, "email") == (False, "contact.suppressed")
        assert ask(emily, "post") == (True, "consent.granted")  # no address there to suppress
        reachable = set(
            ledger.contactable(
                [jurgen.id, emily.id], channel="email", purpose="marketing", at=_on(1)
            )
        )
        assert reachable == {jurgen.id}
        without = Ledger(store, purposes=_PURPOSES)
        assert without.may_contact(emily.id, channel="email", purpose="marketing", at=_on(1))

"""The consent part of the storage contract: ``store.consent``, with merges and erasure.

:class:`~crmcore.testing.StoreContract` includes these tests. The facts are
built by hand, as the consent ledger builds them: storage keeps them, finds
them and erases them, and gives their values no meaning.
"""

# a pytest suite: asserts are its checks, literals its data

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import attrs
import pytest

from crmcore.errors import ConflictError, NotFoundError, ValidationError
from crmcore.model import EmailAddress, Identifier, Party, PhoneNumber, PostalAddress
from crmcore.storage import ERASED, Compare, ConsentFact, Event, HasTag

if TYPE_CHECKING:
    from crmcore.storage import Store

__all__ = ["ConsentRecordsContract"]

_MARCH = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
_WARSAW = timezone(timedelta(hours=1))
_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def _people(store: Store) -> dict[str, Party]:
    """One client in each market, with the contact point a consent may be narrowed to."""
    people = {
        "PL": Party.person(
            given="Zofia",
            family="Wójcik",
            contacts=[
                EmailAddress("zofia.wojcik@wp.pl"),
                PostalAddress(locality="Kraków", postal_code="31-042", country="PL"),
            ],
            tags={"newsletter"},
        ),
        "UA": Party.person(
            given="Олена",
            family="Коваленко",
            contacts=[
                PhoneNumber("+380671234567"),
                PostalAddress(locality="Київ", postal_code="01001", country="UA"),
            ],
            identifiers=[Identifier("rnokpp", "3184710691", country="UA")],
        ),
        "RU": Party.person(
            given="Дмитрий",
            family="Смирнов",
            contacts=[
                EmailAddress("d.smirnov@yandex.ru"),
                PostalAddress(locality="Санкт-Петербург", postal_code="190000", country="RU"),
            ],
        ),
        "GR": Party.person(
            given="Γιώργος",
            family="Παπαδόπουλος",
            contacts=[
                PhoneNumber("+306912345678"),
                PostalAddress(locality="Αθήνα", postal_code="105 57", country="GR"),
            ],
            tags={"newsletter"},
        ),
        "DE": Party.organization(
            "Müller & Söhne",
            legal_form="GmbH",
            contacts=[
                EmailAddress("info@mueller-soehne.de"),
                PostalAddress(locality="München", postal_code="80331", country="DE"),
            ],
        ),
        "GB": Party.person(
            given="Siobhan",
            family="O'Neill",
            contacts=[
                PhoneNumber("+447911123456"),
                PostalAddress(locality="London", postal_code="SW1A 1AA", country="GB"),
            ],
        ),
        "US": Party.person(
            given="John",
            family="Smith",
            contacts=[
                EmailAddress("john.smith@gmail.com"),
                PostalAddress(locality="Springfield", postal_code="62701", country="US"),
            ],
            tags={"newsletter"},
        ),
    }
    return {country: store.parties.add(party) for country, party in people.items()}


def _event(party: Party, *, day: int = 1, **payload: Any) -> Event:  # noqa: ANN401 - JSON values
    payload.setdefault("wording", "Zgadzam się na newsletter (v3)")
    payload.setdefault("retained", {"purpose": "newsletter", "wording_hash": _HASH})
    return Event(
        stream="consent",
        type="consent.granted",
        occurred_at=_MARCH + timedelta(days=day - 1),
        party_id=party.id,
        payload=payload,
    )


def _fact(event: Event, seq: int, **fields: Any) -> ConsentFact:  # noqa: ANN401 - a fact's fields
    assert event.party_id is not None
    fields.setdefault("kind", "granted")
    fields.setdefault("purpose", "newsletter")
    fields.setdefault("channel", "email")
    fields.setdefault("contact", None)
    fields.setdefault("brand", None)
    fields.setdefault("basis", "consent")
    fields.setdefault("occurred_at", event.occurred_at)
    return ConsentFact(
        party_id=event.party_id, event_id=event.id, seq=seq, hash=f"{seq:064x}", **fields
    )


def _pair(
    party: Party,
    seq: int,
    *,
    day: int | None = None,
    **fields: Any,  # noqa: ANN401 - a fact's fields
) -> tuple[Event, ConsentFact]:
    event = _event(party, day=seq if day is None else day)
    return event, _fact(event, seq, **fields)


def _seqs(facts: list[ConsentFact]) -> list[tuple[uuid.UUID, int]]:
    return [(fact.party_id, fact.seq) for fact in facts]


def _nothing_of(store: Store, party: Party) -> None:
    assert store.consent.head(party.id) is None
    assert store.consent.facts(party.id) == []
    assert list(store.events.read(stream="consent")) == []


class ConsentRecordsContract:
    """``store.consent``: events with their facts, kept together, chained, merged, erased."""

    # --- appending --------------------------------------------------------------------

    def test_append_stores_the_event_and_its_fact(self, store: Store) -> None:
        zofia = _people(store)["PL"]
        event, fact = _pair(zofia, 1, contact="email:zofia.wojcik@wp.pl")
        stored = store.consent.append(event, fact)
        assert stored.id == event.id
        assert stored.recorded_at is not None
        assert list(store.events.read(party_id=zofia.id)) == [stored]
        assert store.consent.head(zofia.id) == fact
        assert store.consent.facts(zofia.id) == [fact]

    def test_a_fact_reads_back_as_written_its_moments_in_utc(self, store: Store) -> None:
        olena = _people(store)["UA"]
        kyiv = timezone(timedelta(hours=2))
        event = _event(olena)
        fact = _fact(
            event,
            1,
            kind="granted",
            purpose=None,
            channel="sms",
            contact="phone:+380671234567",
            brand="Ромашка",
            basis="legitimate_interests",
            occurred_at=datetime(2026, 3, 1, 11, 0, 0, 123456, tzinfo=kyiv),
            expires_at=datetime(2027, 3, 1, 11, 0, tzinfo=kyiv),
            pending=True,
            confirms=uuid.UUID("01890a5d-ac96-774b-bcce-b302099a8057"),
        )
        store.consent.append(event, fact)
        (read,) = store.consent.facts(olena.id)
        assert read == fact
        assert read.occurred_at.tzinfo is UTC
        assert read.occurred_at == datetime(2026, 3, 1, 9, 0, 0, 123456, tzinfo=UTC)
        assert read.expires_at is not None
        assert read.expires_at.tzinfo is UTC
        assert (read.pending, read.brand) == (True, "Ромашка")

    def test_the_text_of_a_fact_is_folded_as_a_short_text(self, store: Store) -> None:
        john = _people(store)["US"]
        event, fact = _pair(john, 1, purpose=" newsletter ", channel="email\t")
        store.consent.append(event, fact)
        (read,) = store.consent.facts(john.id)
        assert (read.purpose, read.channel) == ("newsletter", "email")

    @pytest.mark.parametrize(
        ("change", "code", "field"),
        [
            ({"seq": 0}, "consent.invalid_seq", "fact.seq"),
            ({"seq": True}, "consent.invalid_seq", "fact.seq"),
            ({"seq": 2**63}, "consent.invalid_seq", "fact.seq"),
            ({"occurred_at": datetime(2026, 3, 1)}, "event.invalid_moment", "fact.occurred_at"),  # noqa: DTZ001 - naive on purpose
            ({"expires_at": "2027-03-01"}, "event.invalid_moment", "fact.expires_at"),
            ({"pending": 1}, "boolean.not_boolean", "fact.pending"),
            ({"confirms": "not-a-uuid"}, "uuid.invalid", "fact.confirms"),
            ({"purpose": "  "}, None, "fact.purpose"),
            ({"kind": "x" * 201}, None, "fact.kind"),
            ({"hash": "ab\x00"}, "text.control_character", "fact.hash"),
        ],
    )
    def test_a_fact_with_a_wrong_field_is_refused_and_nothing_stored(
        self, store: Store, change: dict[str, Any], code: str | None, field: str
    ) -> None:
        dieter = _people(store)["DE"]
        event, fact = _pair(dieter, 1)
        with pytest.raises(ValidationError) as caught:
            store.consent.append(event, attrs.evolve(fact, **change))
        assert caught.value.field == field
        if code is not None:
            assert caught.value.code == code
        _nothing_of(store, dieter)

    @pytest.mark.parametrize("what", ["party", "event", "no party"])
    def test_an_event_and_a_fact_that_differ_are_refused(self, store: Store, what: str) -> None:
        people = _people(store)
        event, fact = _pair(people["GR"], 1)
        if what == "party":
            fact = attrs.evolve(fact, party_id=people["GB"].id)
        elif what == "event":
            fact = attrs.evolve(fact, event_id=uuid.uuid4())
        else:
            event = attrs.evolve(event, party_id=None)
        with pytest.raises(ValidationError) as caught:
            store.consent.append(event, fact)
        assert caught.value.code == "consent.fact_mismatch"
        assert caught.value.field == ("event_id" if what == "event" else "party_id")
        _nothing_of(store, people["GR"])

    def test_the_chain_moves_one_place_at_a_time(self, store: Store) -> None:
        siobhan = _people(store)["GB"]
        for seq in (2, 3):  # a first fact is 1
            with pytest.raises(ConflictError) as caught:
                store.consent.append(*_pair(siobhan, seq))
            assert (caught.value.code, caught.value.value) == ("consent.chain_moved", seq)
        _nothing_of(store, siobhan)
        first = _pair(siobhan, 1)
        store.consent.append(*first)
        # A second writer that read the same (empty) chain is refused, and so is a gap.
        for seq in (1, 3):
            with pytest.raises(ConflictError) as caught:
                store.consent.append(*_pair(siobhan, seq))
            assert caught.value.code == "consent.chain_moved"
        store.consent.append(*_pair(siobhan, 2))
        assert _seqs(store.consent.facts(siobhan.id)) == [(siobhan.id, 1), (siobhan.id, 2)]
        assert len(list(store.events.read(stream="consent"))) == 2  # the refused left nothing

    def test_an_event_id_stored_before_is_refused_with_its_fact(self, store: Store) -> None:
        dmitry = _people(store)["RU"]
        event, fact = _pair(dmitry, 1)
        store.events.append(event)
        with pytest.raises(ConflictError) as caught:
            store.consent.append(event, fact)
        assert (caught.value.code, caught.value.value) == ("event.duplicate_id", str(event.id))
        assert store.consent.head(dmitry.id) is None

    def test_a_fact_needs_a_stored_party_not_a_merged_one(self, store: Store) -> None:
        people = _people(store)
        stranger = Party.person(given="Jan", family="Kowalski")
        with pytest.raises(NotFoundError) as caught:
            store.consent.append(*_pair(stranger, 1))
        assert (caught.value.code, caught.value.value) == ("party.not_found", str(stranger.id))
        survivor, merged = people["PL"], people["US"]
        store.merges.merge(survivor, [merged])
        with pytest.raises(ConflictError) as refused:
            store.consent.append(*_pair(merged, 1))
        assert refused.value.code == "party.merged"
        assert list(store.events.read(stream="consent")) == []

    def test_a_soft_deleted_party_still_takes_a_withdrawal(self, store: Store) -> None:
        john = _people(store)["US"]
        store.consent.append(*_pair(john, 1))
        store.parties.delete(john.id)
        store.consent.append(*_pair(john, 2, kind="withdrawn"))
        assert [fact.kind for fact in store.consent.facts(john.id)] == ["granted", "withdrawn"]

    def test_append_inside_a_failing_transaction_leaves_nothing(self, store: Store) -> None:
        olena = _people(store)["UA"]

        def fail() -> None:
            with store.transaction():
                store.consent.append(*_pair(olena, 1))
                raise RuntimeError

        with pytest.raises(RuntimeError):
            fail()
        _nothing_of(store, olena)

    # --- many at once ------------------------------------------------------------------

    def test_append_many_chains_several_events_of_a_party(self, store: Store) -> None:
        people = _people(store)
        pairs = [
            _pair(people["PL"], 1),
            _pair(people["GR"], 1),
            _pair(people["PL"], 2, kind="withdrawn"),
            _pair(people["PL"], 3),
        ]
        assert store.consent.append_many(iter(pairs)) == 4
        assert store.consent.facts(people["PL"].id) == [pairs[0][1], pairs[2][1], pairs[3][1]]
        assert store.consent.head(people["GR"].id) == pairs[1][1]
        assert [e.id for e in store.events.read(stream="consent")] == [e.id for e, _ in pairs]
        assert store.consent.append_many([]) == 0

    @pytest.mark.parametrize(
        "spoil",
        ["chain", "mismatch", "duplicate", "unknown party"],
    )
    def test_append_many_is_all_or_nothing(self, store: Store, spoil: str) -> None:
        people = _people(store)
        store.consent.append(*_pair(people["DE"], 1))
        good = [_pair(people["PL"], 1), _pair(people["DE"], 2), _pair(people["PL"], 2)]
        if spoil == "chain":
            bad = _pair(people["DE"], 2)  # its place is taken by the second pair
        elif spoil == "mismatch":
            event, fact = _pair(people["GB"], 1)
            bad = (event, attrs.evolve(fact, event_id=uuid.uuid4()))
        elif spoil == "duplicate":
            bad = (good[0][0], _fact(good[0][0], 3))
        else:
            bad = _pair(Party.person(given="Ann", family="Lee"), 1)
        with pytest.raises((ConflictError, ValidationError, NotFoundError)) as caught:
            store.consent.append_many([*good, bad])
        expected = {
            "chain": "consent.chain_moved",
            "mismatch": "consent.fact_mismatch",
            "duplicate": "event.duplicate_id",
            "unknown party": "party.not_found",
        }
        assert caught.value.code == expected[spoil]
        assert store.consent.head(people["PL"].id) is None
        assert [f.seq for f in store.consent.facts(people["DE"].id)] == [1]
        assert len(list(store.events.read(stream="consent"))) == 1

    def test_append_many_answers_for_the_first_refused_pair(self, store: Store) -> None:
        people = _people(store)
        event, fact = _pair(people["UA"], 1)
        pairs = [
            _pair(people["GR"], 2),  # a chain error, first
            (event, attrs.evolve(fact, party_id=people["RU"].id)),  # a mismatch, after it
        ]
        with pytest.raises(ConflictError) as caught:
            store.consent.append_many(pairs)
        assert caught.value.code == "consent.chain_moved"
        pairs.reverse()
        with pytest.raises(ValidationError) as refused:
            store.consent.append_many(pairs)
        assert refused.value.code == "consent.fact_mismatch"

    def test_a_duplicate_inside_a_batch_is_named(self, store: Store) -> None:
        zofia = _people(store)["PL"]
        first, second = _pair(zofia, 1), _pair(zofia, 2)
        again = (first[0], attrs.evolve(second[1], event_id=first[0].id))
        with pytest.raises(ConflictError) as caught:
            store.consent.append_many([first, again])
        assert (caught.value.code, caught.value.value) == ("event.duplicate_id", str(first[0].id))
        _nothing_of(store, zofia)

    # --- reading: merges ------------------------------------------------------------------

    def test_facts_of_an_unknown_party_are_none(self, store: Store) -> None:
        assert store.consent.facts(uuid.uuid4()) == []
        assert store.consent.head(uuid.uuid4()) is None

    def test_a_survivor_reads_the_facts_of_every_party_merged_into_it(self, store: Store) -> None:
        people = _people(store)
        a, b, c = people["PL"], people["UA"], people["GR"]
        for party in (a, b, c):
            store.consent.append(*_pair(party, 1))
        store.consent.append(*_pair(b, 2, kind="withdrawn"))
        first = store.merges.merge(store.parties.get(b.id), [store.parties.get(c.id)])
        assert _seqs(store.consent.facts(b.id)) == sorted([(b.id, 1), (b.id, 2), (c.id, 1)])
        second = store.merges.merge(store.parties.get(a.id), [store.parties.get(b.id)])
        everything = sorted([(a.id, 1), (b.id, 1), (b.id, 2), (c.id, 1)])
        assert _seqs(store.consent.facts(a.id)) == everything
        # A merged id reads its survivor's facts; its own chain stays its own.
        assert _seqs(store.consent.facts(c.id)) == everything
        assert _seqs(store.consent.facts(b.id)) == everything
        head = store.consent.head(b.id)
        assert head is not None
        assert head.seq == 2
        # The survivor's own chain goes on from its own last place.
        store.consent.append(*_pair(a, 2, kind="objected"))
        store.merges.unmerge(second.id)
        assert _seqs(store.consent.facts(a.id)) == [(a.id, 1), (a.id, 2)]
        assert _seqs(store.consent.facts(b.id)) == sorted([(b.id, 1), (b.id, 2), (c.id, 1)])
        store.merges.unmerge(first.id)
        assert _seqs(store.consent.facts(b.id)) == [(b.id, 1), (b.id, 2)]
        assert _seqs(store.consent.facts(c.id)) == [(c.id, 1)]

    # --- reading: the facts that bear on a question --------------------------------------

    def test_for_parties_keeps_the_order_given_and_filters(self, store: Store) -> None:
        people = _people(store)
        pl, gr, us = people["PL"], people["GR"], people["US"]
        store.consent.append_many(
            [
                _pair(pl, 1, purpose="newsletter", channel="email", day=1),
                _pair(pl, 2, purpose=None, channel="sms", day=2),
                _pair(pl, 3, purpose="profiling", channel="email", day=3),
                _pair(pl, 4, purpose=None, channel=None, kind="withdrawn", day=4),
                _pair(gr, 1, purpose="newsletter", channel=None, day=10),
            ]
        )
        at = _MARCH + timedelta(days=3)  # the fourth fact of PL occurred at this moment
        unknown = uuid.uuid4()
        found = list(
            store.consent.for_parties(
                [us.id, gr.id, unknown, pl.id, gr.id],
                purpose="newsletter",
                channel="email",
                at=at,
            )
        )
        assert [party_id for party_id, _ in found] == [us.id, gr.id, unknown, pl.id, gr.id]
        assert [_seqs(facts) for _, facts in found] == [[], [], [], [(pl.id, 1), (pl.id, 4)], []]
        for party_id, facts in found:  # one party's read gives the same
            assert (
                store.consent.bearing(party_id, purpose="newsletter", channel="email", at=at)
                == facts
            )
        later = list(
            store.consent.for_parties(
                [gr.id], purpose="newsletter", channel="phone", at=at + timedelta(days=30)
            )
        )
        assert later == [(gr.id, [store.consent.facts(gr.id)[0]])]

    def test_for_parties_reads_a_merged_party_as_its_survivor(self, store: Store) -> None:
        people = _people(store)
        survivor, merged = people["DE"], people["GB"]
        store.consent.append(*_pair(merged, 1))
        store.merges.merge(survivor, [merged])
        asked = [merged.id, survivor.id]
        found = list(
            store.consent.for_parties(asked, purpose="newsletter", channel="email", at=_MARCH)
        )
        assert [(party_id, _seqs(facts)) for party_id, facts in found] == [
            (merged.id, [(merged.id, 1)]),
            (survivor.id, [(merged.id, 1)]),
        ]
        for party_id, facts in found:
            assert (
                store.consent.bearing(party_id, purpose="newsletter", channel="email", at=_MARCH)
                == facts
            )

    def test_scan_yields_the_live_parties_a_predicate_selects(self, store: Store) -> None:
        people = _people(store)
        for country in ("PL", "GR", "US", "DE"):
            store.consent.append(*_pair(people[country], 1))
        store.consent.append(*_pair(people["PL"], 2, channel="sms"))
        store.parties.delete(people["DE"].id)
        store.merges.merge(people["GR"], [people["US"]])
        at = _MARCH + timedelta(days=5)
        found = list(
            store.consent.scan(HasTag("newsletter"), purpose="newsletter", channel="email", at=at)
        )
        assert [party_id for party_id, _ in found] == sorted([people["PL"].id, people["GR"].id])
        facts = dict(found)
        assert _seqs(facts[people["PL"].id]) == [(people["PL"].id, 1)]
        assert _seqs(facts[people["GR"].id]) == sorted([(people["GR"].id, 1), (people["US"].id, 1)])
        everyone = list(store.consent.scan(purpose="newsletter", channel="email", at=at))
        live = sorted(p.id for k, p in people.items() if k not in {"DE", "US"})
        assert [party_id for party_id, _ in everyone] == live
        assert dict(everyone)[people["UA"].id] == []
        before = list(
            store.consent.scan(
                Compare("country", "==", "PL"), purpose="newsletter", channel="email", at=_MARCH
            )
        )
        assert [(party_id, _seqs(facts)) for party_id, facts in before] == [
            (people["PL"].id, [(people["PL"].id, 1)])
        ]

    def test_scan_streams_past_a_batch(self, store: Store) -> None:
        parties = store.parties.add_many(
            [Party.person(given="Anna", family=f"Nowak-{i}") for i in range(1100)]
        )
        store.consent.append_many(_pair(party, 1) for party in parties[::3])
        found = list(store.consent.scan(purpose="newsletter", channel="email", at=_MARCH))
        assert [party_id for party_id, _ in found] == sorted(p.id for p in parties)
        assert sum(1 for _, facts in found if facts) == len(parties[::3])

    # --- erasure -------------------------------------------------------------------------

    def test_erasure_removes_the_facts_and_keeps_only_what_events_retain(
        self, store: Store
    ) -> None:
        people = _people(store)
        survivor, merged, other = people["PL"], people["UA"], people["GB"]
        for party in (survivor, merged, other):
            store.consent.append(*_pair(party, 1))
        store.events.append(
            Event(
                stream="consent",
                type="consent.note",
                occurred_at=_MARCH,
                party_id=survivor.id,
                payload={"retained": "zofia.wojcik@wp.pl", "email": "zofia.wojcik@wp.pl"},
            )
        )
        store.merges.merge(survivor, [merged])
        store.parties.erase(merged.id)  # a merged party's id erases the whole cluster
        retained = {"retained": {"purpose": "newsletter", "wording_hash": _HASH}}
        for gone in (survivor, merged):
            assert store.consent.facts(gone.id) == []
            assert store.consent.head(gone.id) is None
            events = list(store.events.read(party_id=gone.id))
            assert [e.payload for e in events if e.type == "consent.granted"] == [retained]
            assert events[-1].type == ERASED
        notes = [e.payload for e in store.events.read(party_id=survivor.id) if e.type != ERASED]
        assert notes[-1] == {}  # a "retained" that is no mapping goes with the rest
        assert _seqs(store.consent.facts(other.id)) == [(other.id, 1)]
        left = list(store.consent.scan(purpose="newsletter", channel="email", at=_MARCH))
        assert [(party_id, _seqs(facts)) for party_id, facts in left] == sorted(
            (p.id, [(other.id, 1)] if p is other else [])
            for k, p in people.items()
            if k not in {"PL", "UA"}
        )

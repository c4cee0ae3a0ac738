"""The consent chain: an intact chain verifies; each edit, insertion, deletion, move is named."""

# a pytest suite: asserts are its checks, literals its data

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.consent import Basis, ChainHead, Kind, Proof, Tampering, verify_chain
from crmcore.consent._records import ConsentEvent, draft, to_stored

from .support import PARTY, day

if TYPE_CHECKING:
    from crmcore.storage import Event

_KINDS = [Kind.GRANTED, Kind.WITHDRAWN, Kind.REFUSED, Kind.OBJECTED, Kind.EXPIRED]


def chain(length: int) -> list[ConsentEvent]:
    """Return ``length`` chained events of one party, as the ledger would draft them."""
    events: list[ConsentEvent] = []
    for n in range(length):
        events.append(
            draft(
                party_id=PARTY,
                kind=_KINDS[n % len(_KINDS)],
                purpose="marketing",
                channel="email" if n % 2 else None,
                contact="email:dimitris.papadopoulos@example.gr" if n % 3 == 0 else None,
                brand=None,
                basis=Basis.CONSENT,
                occurred_at=day(n),
                source="web_form",
                captured_by="Γιώργος Νικολάου",
                proof=Proof.of_wording(
                    "Συμφωνώ να λαμβάνω ενημερώσεις.", version="2026-03", ip_address="198.51.100.7"
                ),
                expires_at=None,
                pending=False,
                confirms=None,
                after=events[-1].head if events else None,
            )
        )
    return events


def stored(events: list[ConsentEvent]) -> list[Event]:
    return [to_stored(event) for event in events]


def _kinds(report: object) -> set[tuple[Tampering, object]]:
    return {(problem.kind, problem.event_id) for problem in report.problems}  # type: ignore[attr-defined]


def test_an_intact_chain_verifies_and_gives_its_head() -> None:
    events = chain(4)
    report = verify_chain(stored(events), head=events[-1].head)
    assert report.intact
    assert bool(report)
    assert report.head == ChainHead(4, events[-1].hash)
    assert verify_chain([]).head is None


def test_an_erased_chain_still_verifies() -> None:
    erased = [attrs.evolve(event, erased=True) for event in chain(3)]
    assert all("detail" not in event.payload for event in stored(erased))
    assert verify_chain(stored(erased)).intact


def _edit(event: Event, how: int) -> Event:
    retained = dict(event.payload["retained"])  # type: ignore[arg-type]
    payload = dict(event.payload)
    if how == 0:
        retained["purpose"] = "profiling"
    elif how == 1:
        retained["kind"] = "withdrawn" if retained["kind"] == "granted" else "granted"
    elif how == 2:
        detail = dict(payload["detail"])  # type: ignore[arg-type]
        detail["ip_address"] = "203.0.113.99"
        payload["detail"] = detail
    elif how == 3:
        return attrs.evolve(event, occurred_at=event.occurred_at - timedelta(days=30))
    else:
        return attrs.evolve(
            event, type="consent.granted" if event.type != "consent.granted" else "consent.refused"
        )
    payload["retained"] = retained
    return attrs.evolve(event, payload=payload)


@settings(max_examples=200)
@given(st.integers(1, 7), st.data())
def test_every_single_edit_is_named(length: int, data: st.DataObject) -> None:
    events = chain(length)
    rows = stored(events)
    index = data.draw(st.integers(0, length - 1))
    rows[index] = _edit(rows[index], data.draw(st.integers(0, 4)))
    report = verify_chain(rows, head=events[-1].head)
    assert (Tampering.EDITED, events[index].id) in _kinds(report)


@settings(max_examples=200)
@given(st.integers(1, 7), st.data())
def test_every_single_insertion_is_named(length: int, data: st.DataObject) -> None:
    events = chain(length)
    rows = stored(events)
    after = data.draw(st.integers(-1, length - 1))
    forged = draft(
        party_id=PARTY,
        kind=Kind.GRANTED,
        purpose="marketing",
        channel="email",
        contact=None,
        brand=None,
        basis=Basis.CONSENT,
        occurred_at=day(0.5),
        source="import",
        captured_by=None,
        proof=Proof(),
        expires_at=None,
        pending=False,
        confirms=None,
        after=events[after].head if after >= 0 else None,
    )
    place = data.draw(st.integers(0, length - 1))  # anywhere but after the last
    rows.insert(place, to_stored(forged))
    report = verify_chain(rows, head=events[-1].head)
    # inserted, or (before the event it follows) out of its place
    assert {(Tampering.INSERTED, forged.id), (Tampering.REORDERED, forged.id)} & _kinds(report)


@settings(max_examples=200)
@given(st.integers(1, 7), st.data())
def test_every_single_deletion_is_named(length: int, data: st.DataObject) -> None:
    events = chain(length)
    rows = stored(events)
    index = data.draw(st.integers(0, length - 1))
    del rows[index]
    report = verify_chain(rows, head=events[-1].head)
    after_gap = events[index + 1].id if index + 1 < length else None
    assert (Tampering.DELETED, after_gap) in _kinds(report)
    assert not report.intact


@settings(max_examples=200)
@given(st.integers(2, 7), st.data())
def test_every_reordering_is_named(length: int, data: st.DataObject) -> None:
    events = chain(length)
    rows = stored(events)
    first = data.draw(st.integers(0, length - 2))
    second = data.draw(st.integers(first + 1, length - 1))
    rows[first], rows[second] = rows[second], rows[first]
    report = verify_chain(rows, head=events[-1].head)
    named = {event_id for kind, event_id in _kinds(report) if kind == Tampering.REORDERED}
    assert named & {events[first].id, events[second].id}


def test_a_chain_rewritten_from_scratch_does_not_hold_the_head_kept_apart() -> None:
    events = chain(3)
    kept = events[-1].head
    rewritten = chain(3)  # every hash valid, but not the chain the head was taken from
    report = verify_chain(stored(rewritten), head=kept)
    assert [problem.kind for problem in report.problems] == [Tampering.DELETED]
    assert verify_chain(stored(rewritten)).intact  # without a head kept apart, it cannot tell

"""The decision's rules, one test each, and the properties that hold for any history."""

# a pytest suite: asserts are its checks, literals its data

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st

from crmcore.consent import Basis, Kind, Purpose, decide

from .support import day, fact

if TYPE_CHECKING:
    from datetime import datetime

    from crmcore.storage import ConsentFact

MARKETING = Purpose("marketing")
ANNA = "email:anna.nowak@example.pl"
ANNA_WORK = "email:a.nowak@firma.com.pl"


def ask(
    facts: list[ConsentFact],
    at: float,
    *,
    channel: str = "email",
    purpose: Purpose = MARKETING,
    contact: str | None = None,
    brand: str | None = None,
) -> tuple[bool, str]:
    decision = decide(
        facts, purpose=purpose, channel=channel, at=day(at), contact=contact, brand=brand
    )
    return decision.allowed, decision.reason


def test_no_record_means_no_for_a_purpose_on_consent() -> None:
    assert ask([], 1) == (False, "consent.no_record")
    other = [fact(Kind.GRANTED, 0, purpose="newsletter")]
    assert ask(other, 1) == (False, "consent.no_record")


def test_a_grant_allows_from_its_moment_and_names_its_event() -> None:
    grant = fact(Kind.GRANTED, 1, channel="email")
    assert ask([grant], 0.5) == (False, "consent.no_record")
    decision = decide([grant], purpose=MARKETING, channel="email", at=day(1))
    assert (decision.allowed, decision.reason, decision.events) == (
        True,
        "consent.granted",
        (grant.event_id,),
    )
    assert bool(decision) is True


def test_the_latest_event_of_a_scope_wins() -> None:
    history = [fact(Kind.GRANTED, 1), fact(Kind.WITHDRAWN, 2), fact(Kind.GRANTED, 3)]
    assert ask(history, 1.5) == (True, "consent.granted")
    assert ask(history, 2.5) == (False, "consent.withdrawn")
    assert ask(history, 3.5) == (True, "consent.granted")
    assert ask(list(reversed(history)), 3.5) == (
        True,
        "consent.granted",
    )  # order of the list is not time


def test_a_withdrawal_acts_at_its_moment_over_narrower_grants() -> None:
    history = [fact(Kind.GRANTED, 1, channel="email", contact=ANNA), fact(Kind.WITHDRAWN, 2)]
    assert ask(history, 1.9, contact=ANNA) == (True, "consent.granted")
    assert ask(history, 2, contact=ANNA) == (False, "consent.withdrawn")


def test_the_narrowest_scope_wins() -> None:
    # everything refused, then e-mail allowed: e-mail yes, SMS no
    history = [fact(Kind.REFUSED, 1, purpose=None), fact(Kind.GRANTED, 2, channel="email")]
    assert ask(history, 3) == (True, "consent.granted")
    assert ask(history, 3, channel="sms") == (False, "consent.refused")
    # e-mail withdrawn, later a grant on every channel: the narrower withdrawal still decides
    history = [fact(Kind.WITHDRAWN, 1, channel="email"), fact(Kind.GRANTED, 2)]
    assert ask(history, 3) == (False, "consent.withdrawn")
    assert ask(history, 3, channel="sms") == (True, "consent.granted")


def test_a_contact_point_narrows_a_grant() -> None:
    history = [fact(Kind.GRANTED, 1, channel="email", contact=ANNA)]
    assert ask(history, 2, contact=ANNA) == (True, "consent.granted")
    assert ask(history, 2, contact=ANNA_WORK) == (False, "consent.no_record")


def test_records_that_conflict_give_the_least_permissive_answer() -> None:
    # as narrow as each other, one by channel, one by brand
    history = [
        fact(Kind.GRANTED, 1, channel="email"),
        fact(Kind.REFUSED, 1, brand="apteka-zdrowie"),
    ]
    assert ask(history, 2, brand="apteka-zdrowie") == (False, "consent.refused")
    assert ask(history, 2, brand="księgarnia") == (True, "consent.granted")
    # the same scope, the same moment
    same = [fact(Kind.GRANTED, 1), fact(Kind.OBJECTED, 1)]
    assert ask(same, 2) == (False, "consent.objected")
    assert ask(list(reversed(same)), 2) == (False, "consent.objected")


def test_an_unconfirmed_double_opt_in_does_not_allow() -> None:
    waiting = fact(Kind.GRANTED, 1, channel="email", pending=True)
    assert ask([waiting], 2) == (False, "consent.unconfirmed")
    confirmed = fact(Kind.CONFIRMED, 3, channel="email", confirms=waiting)
    assert ask([waiting, confirmed], 2) == (False, "consent.unconfirmed")
    decision = decide([waiting, confirmed], purpose=MARKETING, channel="email", at=day(4))
    assert (decision.allowed, decision.reason) == (True, "consent.confirmed")
    assert decision.events == (waiting.event_id, confirmed.event_id)


def test_a_confirmation_must_confirm_a_waiting_grant_of_its_scope() -> None:
    waiting = fact(Kind.GRANTED, 1, channel="email", pending=True)
    forged = fact(Kind.CONFIRMED, 2, channel="email", confirms=fact(Kind.GRANTED, 0, pending=True))
    assert ask([waiting, forged], 3) == (False, "consent.unconfirmed")
    elsewhere = fact(Kind.CONFIRMED, 2, channel="sms", confirms=waiting)
    assert ask([waiting, elsewhere], 3, channel="sms") == (False, "consent.no_record")
    plain = fact(Kind.GRANTED, 1, channel="email")
    assert ask([plain, fact(Kind.CONFIRMED, 2, channel="email", confirms=plain)], 3) == (
        True,
        "consent.granted",
    )


def test_an_expired_consent_does_not_allow() -> None:
    grant = fact(Kind.GRANTED, 1, expires=30)
    assert ask([grant], 29.9) == (True, "consent.granted")
    assert decide([grant], purpose=MARKETING, channel="email", at=day(2)).expires_at == day(30)
    assert ask([grant], 30) == (False, "consent.expired")
    assert ask([fact(Kind.GRANTED, 1), fact(Kind.EXPIRED, 10)], 11) == (False, "consent.expired")
    renewed = [grant, fact(Kind.GRANTED, 31, expires=60)]
    assert ask(renewed, 40) == (True, "consent.granted")


def test_a_confirmed_grant_lapses_with_the_grant() -> None:
    waiting = fact(Kind.GRANTED, 1, pending=True, expires=30)
    confirmed = fact(Kind.CONFIRMED, 2, confirms=waiting)
    assert ask([waiting, confirmed], 10) == (True, "consent.confirmed")
    assert ask([waiting, confirmed], 31) == (False, "consent.expired")


def test_legitimate_interest_allows_until_an_objection() -> None:
    interest = Purpose("service_news", Basis.LEGITIMATE_INTERESTS)
    assert ask([], 1, purpose=interest) == (True, "basis.legitimate_interests")
    objected = [fact(Kind.OBJECTED, 2, purpose="service_news")]
    assert ask(objected, 1, purpose=interest) == (True, "basis.legitimate_interests")
    assert ask(objected, 3, purpose=interest) == (False, "consent.objected")
    everything = [fact(Kind.OBJECTED, 2, purpose=None, channel="phone")]
    assert ask(everything, 3, purpose=interest, channel="phone") == (False, "consent.objected")
    assert ask(everything, 3, purpose=interest) == (True, "basis.legitimate_interests")
    lapsed = [fact(Kind.GRANTED, 1, purpose="service_news", expires=2)]
    assert ask(lapsed, 3, purpose=interest) == (True, "basis.legitimate_interests")
    public = Purpose("census_notice", Basis.PUBLIC_TASK)
    assert ask([], 1, purpose=public) == (True, "basis.public_task")


def test_a_contract_or_a_legal_obligation_is_not_stopped_by_an_objection() -> None:
    for basis in (Basis.CONTRACT, Basis.LEGAL_OBLIGATION, Basis.VITAL_INTERESTS):
        purpose = Purpose("order_updates", basis)
        history = [fact(Kind.OBJECTED, 1, purpose="order_updates")]
        assert ask(history, 2, purpose=purpose) == (True, f"basis.{basis.value}")


# --- properties -----------------------------------------------------------------------------

_KINDS = st.sampled_from(list(Kind))
_NEGATIVE = {Kind.REFUSED.value, Kind.WITHDRAWN.value, Kind.OBJECTED.value, Kind.EXPIRED.value}


@st.composite
def histories(draw: st.DrawFn) -> list[ConsentFact]:
    """Any history of one party: kinds, scopes, moments, expiries and confirmations."""
    facts: list[ConsentFact] = []
    for seq in range(1, draw(st.integers(0, 9)) + 1):
        kind = draw(_KINDS)
        waiting = [each for each in facts if each.pending]
        confirms = draw(st.sampled_from(waiting)) if kind == Kind.CONFIRMED and waiting else None
        purpose = draw(st.sampled_from(["marketing", "profiling", None]))
        facts.append(
            fact(
                kind,
                draw(st.integers(0, 20)),
                purpose="marketing"
                if kind in (Kind.GRANTED, Kind.CONFIRMED) and purpose is None
                else purpose,
                channel=draw(st.sampled_from(["email", "sms", None])),
                contact=draw(st.sampled_from([ANNA, ANNA_WORK, None])),
                brand=draw(st.sampled_from(["apteka-zdrowie", None])),
                expires=draw(st.one_of(st.none(), st.integers(0, 25))),
                pending=kind == Kind.GRANTED and draw(st.booleans()),
                confirms=confirms,
                seq=seq,
            )
        )
    return facts


_QUESTIONS = st.fixed_dictionaries(
    {
        "at": st.integers(0, 22).map(lambda n: n + 0.5) | st.integers(0, 22).map(float),
        "channel": st.sampled_from(["email", "sms", "post"]),
        "contact": st.sampled_from([ANNA, ANNA_WORK, None]),
        "brand": st.sampled_from(["apteka-zdrowie", None]),
        "purpose": st.sampled_from(
            [MARKETING, Purpose("service_news", Basis.LEGITIMATE_INTERESTS)]
        ),
    }
)


@settings(max_examples=400)
@given(histories(), _QUESTIONS)
def test_the_decision_at_a_moment_depends_only_on_the_events_up_to_it(
    history: list[ConsentFact], question: dict[str, object]
) -> None:
    at = question["at"]
    assert isinstance(at, float)
    known = [each for each in history if each.occurred_at <= day(at)]
    assert ask(history, **question) == ask(known, **question)  # type: ignore[arg-type]


def _covers(each: ConsentFact, question: dict[str, object], purpose: str) -> bool:
    return (
        each.purpose in (None, purpose)
        and each.channel in (None, question["channel"])
        and (question["contact"] is None or each.contact in (None, question["contact"]))
        and (question["brand"] is None or each.brand in (None, question["brand"]))
    )


@settings(max_examples=400)
@given(histories(), _QUESTIONS)
def test_a_withdrawal_is_never_overturned_but_by_a_newer_grant(
    history: list[ConsentFact], question: dict[str, object]
) -> None:
    at = question["at"]
    purpose = question["purpose"]
    assert isinstance(at, float)
    assert isinstance(purpose, Purpose)
    moment: datetime = day(at)
    covering = [
        each
        for each in history
        if each.occurred_at <= moment and _covers(each, question, purpose.name)
    ]
    stops = [
        each.occurred_at
        for each in covering
        if each.kind in _NEGATIVE and each.kind != Kind.EXPIRED
    ]
    grants = [each.occurred_at for each in covering if each.kind in (Kind.GRANTED, Kind.CONFIRMED)]
    if stops and not any(grant > max(stops) for grant in grants):
        allowed, reason = ask(history, **question)  # type: ignore[arg-type]
        assert not allowed, reason

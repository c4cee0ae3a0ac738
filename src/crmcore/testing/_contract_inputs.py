"""The wrong-input part of the storage contract: every method answers bad arguments alike.

:class:`~crmcore.testing.StoreContract` includes these tests. Each public
method of each repository is driven with arguments of the wrong type, ids
that are no UUIDs, empty and padded text, lone surrogates, NUL and very long
text: a store answers with a value or a crmcore error, and the same one on
every backend (the codes are pinned here), never with a dependency's
exception. A new method is covered by adding a line to :data:`_CALLS`.
"""

# a pytest suite: asserts are its checks, literals its data

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmcore.errors import CrmError, NotFoundError, ValidationError
from crmcore.model import (
    Affiliation,
    Campaign,
    EmailAddress,
    ExternalKey,
    Identifier,
    Interaction,
    Money,
    OrderLine,
    Party,
    PhoneNumber,
    Purchase,
)
from crmcore.storage import Compare, ConsentFact, Event, HasTag, In

if TYPE_CHECKING:
    from collections.abc import Callable

    from crmcore.storage import Store

__all__ = ["InputsContract"]

_AT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
_ID = uuid.UUID(int=7)
#: Arguments of the wrong type for any parameter (``None`` only where it is not allowed).
_WRONG_TYPES: Final = (123, 4.5, b"+48601234567", object(), ["x"])
#: Text that is no storable text: a lone surrogate, NUL.
_UNSTORABLE: Final = {"\ud800": "text.surrogate", "K-1\x00": "text.control_character"}
_LONG: Final = "7" * 100_000


class _Call(NamedTuple):
    """One argument of one public method: how to call it with a value there."""

    call: Callable[[Store, Any], object]
    kind: str  # "id", "text" or "thing"; "optional ..." where None is allowed


#: Every public method of every repository, by the argument under test.
_CALLS: Final[dict[str, _Call]] = {
    "parties.add": _Call(lambda s, v: s.parties.add(v), "thing"),
    "parties.add_many": _Call(lambda s, v: s.parties.add_many([v]), "thing"),
    "parties.update": _Call(lambda s, v: s.parties.update(v), "thing"),
    "parties.get": _Call(lambda s, v: s.parties.get(v), "id"),
    "parties.get_many": _Call(lambda s, v: s.parties.get_many([v]), "id"),
    "parties.delete": _Call(lambda s, v: s.parties.delete(v), "id"),
    "parties.erase": _Call(lambda s, v: s.parties.erase(v), "id"),
    "parties.get_by_customer_number": _Call(
        lambda s, v: s.parties.get_by_customer_number(v), "text"
    ),
    "parties.find_by_phone": _Call(lambda s, v: s.parties.find_by_phone(v), "text"),
    "parties.find_by_phone.country": _Call(
        lambda s, v: s.parties.find_by_phone("+48601234567", country=v), "optional text"
    ),
    "parties.find_by_email": _Call(lambda s, v: s.parties.find_by_email(v), "text"),
    "parties.find_by_identifier.scheme": _Call(
        lambda s, v: s.parties.find_by_identifier(v, "5260250995"), "text"
    ),
    "parties.find_by_identifier.value": _Call(
        lambda s, v: s.parties.find_by_identifier("loyalty", v), "text"
    ),
    "parties.find_by_external_key.system": _Call(
        lambda s, v: s.parties.find_by_external_key(v, "K-1001"), "text"
    ),
    "parties.find_by_external_key.key": _Call(
        lambda s, v: s.parties.find_by_external_key("erp", v), "text"
    ),
    "parties.candidates": _Call(lambda s, v: s.parties.candidates(v), "thing"),
    "parties.select": _Call(lambda s, v: list(s.parties.select(v)), "optional where"),
    "parties.count": _Call(lambda s, v: s.parties.count(v), "optional where"),
    "parties.page": _Call(lambda s, v: s.parties.page(v), "optional where"),
    "parties.page.after": _Call(lambda s, v: s.parties.page(after=v), "optional thing"),
    "parties.search": _Call(lambda s, v: s.parties.search(v), "text"),
    "parties.upsert": _Call(
        lambda s, v: s.parties.upsert(v, by=ExternalKey("erp", "K-1001")), "thing"
    ),
    "parties.upsert.by": _Call(lambda s, v: s.parties.upsert(_party(), by=v), "thing"),
    "parties.purge.ids": _Call(lambda s, v: s.parties.purge(ids=[v]), "id"),
    "affiliations.add": _Call(lambda s, v: s.affiliations.add(v), "thing"),
    "affiliations.get": _Call(lambda s, v: s.affiliations.get(v), "id"),
    "affiliations.remove": _Call(lambda s, v: s.affiliations.remove(v), "id"),
    "affiliations.for_party": _Call(lambda s, v: s.affiliations.for_party(v), "id"),
    "interactions.add": _Call(lambda s, v: s.interactions.add(v), "thing"),
    "interactions.add_many": _Call(lambda s, v: s.interactions.add_many([v]), "thing"),
    "interactions.get": _Call(lambda s, v: s.interactions.get(v), "id"),
    "interactions.for_party": _Call(lambda s, v: s.interactions.for_party(v), "id"),
    "purchases.add": _Call(lambda s, v: s.purchases.add(v), "thing"),
    "purchases.add_many": _Call(lambda s, v: s.purchases.add_many([v]), "thing"),
    "purchases.get": _Call(lambda s, v: s.purchases.get(v), "id"),
    "purchases.for_party": _Call(lambda s, v: s.purchases.for_party(v), "id"),
    "campaigns.add": _Call(lambda s, v: s.campaigns.add(v), "thing"),
    "campaigns.get": _Call(lambda s, v: s.campaigns.get(v), "id"),
    "events.append": _Call(lambda s, v: s.events.append(v), "thing"),
    "events.read.stream": _Call(lambda s, v: list(s.events.read(stream=v)), "optional text"),
    "events.read.party_id": _Call(lambda s, v: list(s.events.read(party_id=v)), "optional id"),
    "events.read.since": _Call(lambda s, v: list(s.events.read(since=v)), "optional moment"),
    "merges.merge": _Call(lambda s, v: s.merges.merge(v, []), "thing"),
    "merges.merged": _Call(lambda s, v: s.merges.merge(_party(), [v]), "thing"),
    "merges.merge.lineage": _Call(
        lambda s, v: s.merges.merge(_party(), [_party()], lineage=v), "optional thing"
    ),
    "merges.unmerge": _Call(lambda s, v: s.merges.unmerge(v), "id"),
    "merges.get": _Call(lambda s, v: s.merges.get(v), "id"),
    "consent.append": _Call(lambda s, v: s.consent.append(v, _fact(_event())), "thing"),
    "consent.append.fact": _Call(lambda s, v: s.consent.append(_event(), v), "thing"),
    "consent.append_many": _Call(lambda s, v: s.consent.append_many([v]), "thing"),
    "consent.head": _Call(lambda s, v: s.consent.head(v), "id"),
    "consent.facts": _Call(lambda s, v: s.consent.facts(v), "id"),
    "consent.bearing": _Call(
        lambda s, v: s.consent.bearing(v, purpose="newsletter", channel="sms", at=_AT), "id"
    ),
    "consent.bearing.purpose": _Call(
        lambda s, v: s.consent.bearing(_ID, purpose=v, channel="sms", at=_AT), "text"
    ),
    "consent.bearing.channel": _Call(
        lambda s, v: s.consent.bearing(_ID, purpose="newsletter", channel=v, at=_AT), "text"
    ),
    "consent.bearing.at": _Call(
        lambda s, v: s.consent.bearing(_ID, purpose="newsletter", channel="sms", at=v), "moment"
    ),
    "consent.for_parties": _Call(
        lambda s, v: list(s.consent.for_parties([v], purpose="newsletter", channel="sms", at=_AT)),
        "id",
    ),
    "consent.for_parties.purpose": _Call(
        lambda s, v: list(s.consent.for_parties([_ID], purpose=v, channel="sms", at=_AT)), "text"
    ),
    "consent.for_parties.channel": _Call(
        lambda s, v: list(s.consent.for_parties([_ID], purpose="newsletter", channel=v, at=_AT)),
        "text",
    ),
    "consent.for_parties.at": _Call(
        lambda s, v: list(s.consent.for_parties([_ID], purpose="newsletter", channel="sms", at=v)),
        "moment",
    ),
    "consent.scan": _Call(
        lambda s, v: list(s.consent.scan(v, purpose="newsletter", channel="sms", at=_AT)),
        "optional where",
    ),
    "consent.scan.purpose": _Call(
        lambda s, v: list(s.consent.scan(purpose=v, channel="sms", at=_AT)), "text"
    ),
    "consent.scan.channel": _Call(
        lambda s, v: list(s.consent.scan(purpose="newsletter", channel=v, at=_AT)), "text"
    ),
    "consent.scan.at": _Call(
        lambda s, v: list(s.consent.scan(purpose="newsletter", channel="sms", at=v)), "moment"
    ),
}
_TEXT_CALLS: Final = sorted(name for name, each in _CALLS.items() if each.kind.endswith("text"))
_ID_CALLS: Final = sorted(name for name, each in _CALLS.items() if each.kind.endswith("id"))


def _party(**fields: Any) -> Party:  # noqa: ANN401 - Party's fields
    fields.setdefault("created_at", "2026-11-23T09:30:00+01:00")
    fields.setdefault("given", "Zofia")
    fields.setdefault("family", "Wójcik")
    return Party.person(**fields)


def _event() -> Event:
    return Event(stream="consent", type="consent.granted", occurred_at=_AT, party_id=_ID)


def _fact(event: Event) -> ConsentFact:
    assert event.party_id is not None
    return ConsentFact(
        party_id=event.party_id,
        event_id=event.id,
        seq=1,
        hash="0" * 64,
        kind="granted",
        purpose="newsletter",
        channel="sms",
        contact="phone:+48601234567",
        brand=None,
        basis="consent",
        occurred_at=_AT,
    )


def _answer(call: Callable[[Store, Any], object], store: Store, value: object) -> object:
    """Return what the call gives, or the crmcore error it raises (any other error fails)."""
    try:
        return call(store, value)
    except CrmError as error:
        return error


def _refused(answer: object) -> ValidationError:
    assert isinstance(answer, ValidationError), answer
    assert answer.code, answer
    assert answer.field, answer
    return answer


class InputsContract:
    """Wrong arguments: typed errors, the same on every store; look-ups fold as writes do."""

    # --- every method, every kind of wrong argument ------------------------------------

    @pytest.mark.parametrize("name", sorted(_CALLS))
    @pytest.mark.parametrize("value", _WRONG_TYPES, ids=lambda v: type(v).__name__)
    def test_a_wrong_type_is_a_validation_error(
        self, store: Store, name: str, value: object
    ) -> None:
        _refused(_answer(_CALLS[name].call, store, value))

    @pytest.mark.parametrize(
        "name", sorted(n for n, c in _CALLS.items() if "optional" not in c.kind)
    )
    def test_none_is_a_validation_error_where_no_default_is_none(
        self, store: Store, name: str
    ) -> None:
        _refused(_answer(_CALLS[name].call, store, None))

    @pytest.mark.parametrize("name", _ID_CALLS)
    @pytest.mark.parametrize("value", ["not-a-uuid", "", " ", "\ud800", "1\x00"])
    def test_an_id_that_is_no_uuid_is_refused_as_one(
        self, store: Store, name: str, value: str
    ) -> None:
        # Not "nothing found" on one store and "the database failed" on another.
        assert _refused(_answer(_CALLS[name].call, store, value)).code == "uuid.invalid"

    @pytest.mark.parametrize("name", _ID_CALLS)
    def test_an_id_in_its_text_form_is_read_as_the_uuid(self, store: Store, name: str) -> None:
        by_text = _answer(_CALLS[name].call, store, str(_ID))
        by_uuid = _answer(_CALLS[name].call, store, _ID)
        assert type(by_text) is type(by_uuid)
        if isinstance(by_uuid, CrmError):
            assert (by_text.code, by_text.field) == (by_uuid.code, by_uuid.field)  # type: ignore[attr-defined]
        else:
            assert by_text == by_uuid

    @pytest.mark.parametrize("name", _TEXT_CALLS)
    @pytest.mark.parametrize(("text", "code"), sorted(_UNSTORABLE.items()))
    def test_text_no_store_can_hold_is_refused(
        self, store: Store, name: str, text: str, code: str
    ) -> None:
        # Before any standardiser or database sees it, whatever the text would mean.
        assert _refused(_answer(_CALLS[name].call, store, text)).code == code

    @pytest.mark.parametrize("name", _TEXT_CALLS)
    @pytest.mark.parametrize("text", ["", "   ", _LONG], ids=["empty", "blank", "long"])
    def test_empty_blank_and_very_long_text_is_refused(
        self, store: Store, name: str, text: str
    ) -> None:
        answer = _answer(_CALLS[name].call, store, text)
        if name.endswith(("country", "stream")):
            # "" is no country and no stream: refused like any unknown one, or read as none.
            assert not isinstance(answer, CrmError) or isinstance(answer, ValidationError)
        else:
            _refused(answer)

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.differing_executors,
        ],
    )
    @given(text=st.text(max_size=40), name=st.sampled_from(_TEXT_CALLS))
    def test_any_text_gives_an_answer_or_a_crmcore_error(
        self, store: Store, text: str, name: str
    ) -> None:
        answer = _answer(_CALLS[name].call, store, text)
        assert isinstance(answer, list | Party | ValidationError | NotFoundError), answer

    # --- batches account for every input ----------------------------------------------

    def test_a_wrong_typed_item_of_a_batch_is_a_rejected_item(self, store: Store) -> None:
        result = store.parties.add_batch([None, _party(), 123])  # type: ignore[list-item]
        assert [each.index for each in result.rejected] == [0, 2]
        assert {each.error.code for each in result.rejected} == {"party.not_a_party"}
        assert len(result.accepted) == 1
        assert store.parties.count() == 1

    def test_a_wrong_typed_item_of_add_many_stores_nothing(self, store: Store) -> None:
        with pytest.raises(ValidationError) as caught:
            store.parties.add_many([_party(), None])  # type: ignore[list-item]
        assert (caught.value.code, caught.value.field) == ("party.not_a_party", "parties[1]")
        assert store.parties.count() == 0

    # --- look-ups fold their query as the write folded the value -----------------------

    def test_padded_values_are_found_as_they_were_stored(self, store: Store) -> None:
        # A fixed-width ERP column pads its keys; the model strips them when it stores them.
        stored = store.parties.add(
            _party(
                tags={" Stammkunde "},
                external_keys=[ExternalKey("SAP ", "K-1001   ")],
                identifiers=[Identifier("loyalty", " UA-0042 ")],
                contacts=[EmailAddress.parse(" Olena.Koval@ukr.net ")],
            )
        )
        number = stored.customer_number
        assert number is not None
        assert store.parties.find_by_external_key("SAP   ", "K-1001   ") == [stored]
        assert store.parties.find_by_external_key(" SAP", "  K-1001") == [stored]
        assert store.parties.find_by_identifier("loyalty", "UA-0042   ") == [stored]
        assert store.parties.find_by_email("  olena.koval@ukr.net\t") == [stored]
        assert store.parties.get_by_customer_number(f"  {number} ") == stored
        assert store.parties.count(HasTag("  Stammkunde")) == 1
        assert store.parties.count(Compare("customer_number", "==", f"{number}  ")) == 1
        assert store.parties.count(In("customer_number", [f" {number}"])) == 1
        assert store.parties.find_by_external_key("sap", "K-1001") == []  # case is kept

    @pytest.mark.parametrize("junk", ["", " ", "-", "brak", "n/a", "none", "нет", "—", "+"])
    def test_a_phone_query_without_digits_finds_nobody_shared(
        self, store: Store, junk: str
    ) -> None:
        store.parties.add(_party(contacts=[PhoneNumber("+48601234567")]))
        store.parties.add(_party(contacts=[PhoneNumber("+380671234567")]))
        with pytest.raises(ValidationError) as caught:
            store.parties.find_by_phone(junk, country="PL")
        assert caught.value.code.startswith("phone.")

    def test_a_look_up_by_a_padded_phone_finds_its_number(self, store: Store) -> None:
        stored = store.parties.add(_party(contacts=[PhoneNumber("+447911123456")]))
        assert store.parties.find_by_phone("  +44 7911 123456  ") == [stored]
        assert store.parties.find_by_phone(" 07911 123456 ", country="GB") == [stored]

    # --- text no database stores never reaches a store ---------------------------------

    @pytest.mark.parametrize(
        "make",
        [
            lambda: _party(tags={"x\udc00"}),
            lambda: Party.person(given="Jan\ud800", family="Kowalski"),
            lambda: Party.organization("Ромашка\udfff"),
            lambda: _party(external_keys=[ExternalKey("1C", "\ud83d")]),
            lambda: _party(identifiers=[Identifier("loyalty", "A\ud800")]),
            lambda: Event(
                stream="consent",
                type="consent.granted",
                occurred_at=_AT,
                payload={"channel": "email\ud800"},
            ),
            lambda: Event(
                stream="consent",
                type="consent.granted",
                occurred_at=_AT,
                payload={"note\udc00": "x"},
            ),
            lambda: Event(stream="audit\ud800", type="export", occurred_at=_AT),
        ],
    )
    def test_a_lone_surrogate_is_refused_where_text_enters(
        self, make: Callable[[], object]
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            make()
        assert caught.value.code == "text.surrogate"

    def test_a_lone_surrogate_in_a_merge_lineage_is_refused(self, store: Store) -> None:
        survivor = store.parties.add(_party())
        other = store.parties.add(_party(given="Olena"))
        with pytest.raises(ValidationError) as caught:
            store.merges.merge(survivor, [other], lineage={"name\udc00": other.id})
        assert caught.value.code == "text.surrogate"
        assert store.parties.count() == 2

    def test_a_nul_in_a_stream_is_refused_on_every_store(self, store: Store) -> None:
        with pytest.raises(ValidationError) as caught:
            Event(stream="audit\x00", type="export", occurred_at=_AT)
        assert caught.value.code == "text.control_character"
        with pytest.raises(ValidationError) as caught:
            list(store.events.read(stream="audit\x00"))
        assert caught.value.code == "text.control_character"

    # --- moments and predicates ---------------------------------------------------------

    @pytest.mark.parametrize(
        "since",
        [
            "2020-01-01",
            datetime(2020, 1, 1),  # noqa: DTZ001 - naive on purpose
            datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),
        ],
        ids=["text", "naive", "before-year-1-in-utc"],
    )
    def test_since_is_an_aware_datetime_on_every_store(self, store: Store, since: object) -> None:
        store.events.append(Event(stream="audit", type="export", occurred_at=_AT))
        with pytest.raises(ValidationError) as caught:
            list(store.events.read(since=since))  # type: ignore[arg-type]
        assert caught.value.code == "event.invalid_moment"

    @pytest.mark.parametrize(
        "moment",
        [
            datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),
            datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-5))),
        ],
        ids=["year-1-east", "year-9999-west"],
    )
    def test_a_moment_with_no_utc_time_is_refused_in_a_comparison(self, moment: datetime) -> None:
        with pytest.raises(ValidationError) as caught:
            Compare("created_at", ">", moment)
        assert caught.value.code == "query.invalid_value"

    def test_the_oldest_utc_moment_is_compared_on_every_store(self, store: Store) -> None:
        store.parties.add(_party())
        oldest = datetime(1, 1, 1, tzinfo=UTC)
        assert store.parties.count(Compare("created_at", ">", oldest)) == 1

    @pytest.mark.parametrize(
        "text", ["\ud800", "C\x00", "", _LONG], ids=["surrogate", "nul", "empty", "long"]
    )
    def test_a_customer_number_no_store_can_hold_is_no_comparison_value(self, text: str) -> None:
        for make in (
            lambda: Compare("customer_number", "==", text),
            lambda: In("customer_number", [text]),
        ):
            with pytest.raises(ValidationError) as caught:
                make()
            assert caught.value.code == "query.invalid_value"

    def test_sql_text_is_no_predicate(self, store: Store) -> None:
        with pytest.raises(ValidationError) as caught:
            store.parties.count("1=1")  # type: ignore[arg-type]
        assert caught.value.code == "query.not_predicate"

    def test_the_things_stored_beside_parties_refuse_each_others_type(self, store: Store) -> None:
        party = store.parties.add(_party())
        purchase = Purchase(
            party_id=party.id, occurred_at=_AT, lines=[OrderLine("Tee", 1, Money("3.50", "GBP"))]
        )
        interaction = Interaction(
            party_id=party.id, channel="phone", direction="inbound", occurred_at=_AT
        )
        employer = store.parties.add(Party.organization("Οικονόμου Α.Ε."))
        tie = Affiliation(party_id=party.id, related_party_id=employer.id, kind="works_at")
        adds: list[tuple[Callable[[Any], object], object]] = [
            (store.interactions.add, purchase),
            (store.purchases.add, interaction),
            (store.affiliations.add, Campaign(name="Wiosna 2026", starts_on=date(2026, 3, 1))),
            (store.campaigns.add, tie),
        ]
        for add, wrong in adds:
            with pytest.raises(ValidationError) as caught:
                add(wrong)
            assert caught.value.code == "storage.wrong_type"
        assert store.interactions.for_party(party.id) == []
        assert store.purchases.for_party(party.id) == []

"""A Hypothesis state machine comparing a store with the in-memory reference.

Subclass :class:`StoreComparison`, say how to build the store under test,
and let pytest collect its ``TestCase``::

    from crmcore.storage import SqliteStore
    from crmcore.testing import StoreComparison

    class SqliteComparison(StoreComparison):
        def make_store(self, clock, numbers):
            return SqliteStore(":memory:", clock=clock, numbers=numbers)

    TestSqliteComparison = SqliteComparison.TestCase

Hypothesis then runs random sequences of operations (adds, batches, updates
with current and stale versions, soft deletes, erasures, look-ups, filtered
streams, activities, events, consent records, transactions that fail half
way, rebuilds of the key index) on both the
store and a :class:`~crmcore.storage.MemoryStore`, and fails on the first
operation whose result differs. Both stores read the same fixed clock and
number their parties from the same sequence, so results compare exactly; an
error compares by its class (a batch with two conflicts may report either).
"""

# a test suite: asserts are its checks

from __future__ import annotations

import contextlib
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, cast

import attrs
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, multiple, rule

from crmcore.errors import CrmError
from crmcore.model import (
    EmailAddress,
    ExternalKey,
    Identifier,
    Interaction,
    Money,
    OrderLine,
    Party,
    PhoneNumber,
    PostalAddress,
    Purchase,
    Role,
)
from crmcore.storage import (
    ERASED,
    SEARCH_MODES,
    And,
    Compare,
    ConsentFact,
    Event,
    HasRole,
    HasTag,
    In,
    MemoryStore,
    Not,
    Or,
    Predicate,
)
from crmcore.testing._contract import SequenceNumbers, customer_number, holders

if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

    from crmcore.ids import CustomerNumberSource
    from crmcore.model import Clock
    from crmcore.storage import Page, SearchMode, Store
    from crmcore.storage._paging import Deleted

__all__ = ["StoreComparison"]

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)

# Small pools, so that look-ups find something and unique keys collide.
_PHONES = ("+48601234567", "+380671234567", "+302101234567", "+4915112345678")
_EMAILS = (
    "anna.nowak@example.pl",
    "o.kovalenko@ukr.net",
    "Info@ромашка.укр",
    "jan+crm+2026@onet.pl",
    "jan+crm@onet.pl",
)
# A VAT number that is the NIP or the AFM with a prefix: one key with it.
_IDENTIFIERS = (
    ("nip", "5260250995", "PL"),
    ("nip", "5260250995", None),
    ("vat", "5260250995", "PL"),
    ("edrpou", "32855961", "UA"),
    ("afm", "094014201", "GR"),
    ("vat", "094014201", "GR"),
)
_EXTERNAL = (("1C", "00-000123"), ("1C", "00-000124"), ("sap", "00-000123"))
_NUMBERS = tuple(customer_number(sequence, "N") for sequence in (1, 2, 3))
_COUNTRIES = ("PL", "UA", "GR", "DE")
_TAGS = ("vip", "опт", "χονδρική")


_NAMES = ("Wójcik", "Шевченко", "Παπαδόπουλος", "O'Brien; DROP TABLE parties;--")
_MOMENTS = (
    datetime(2026, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=1))),
    datetime(2025, 12, 31, 23, 45, tzinfo=UTC),
    datetime(2026, 6, 1, 12, 0, tzinfo=timezone(timedelta(hours=5, minutes=30))),
)


@st.composite
def _parties(draw: st.DrawFn) -> Party:
    """Parties built from small pools: look-ups find something, unique keys collide."""
    contacts: list[Any] = [
        PhoneNumber(phone) for phone in draw(st.sets(st.sampled_from(_PHONES), max_size=2))
    ]
    contacts += [
        EmailAddress(email) for email in draw(st.sets(st.sampled_from(_EMAILS), max_size=1))
    ]
    country = draw(st.none() | st.sampled_from(_COUNTRIES))
    if country is not None:
        contacts.append(PostalAddress(locality="Miasto", country=country))
    identifiers = draw(st.sets(st.sampled_from(_IDENTIFIERS), max_size=2))
    fields: dict[str, Any] = {
        "id": draw(st.uuids()),
        "created_at": draw(st.sampled_from(_MOMENTS)),
        "roles": draw(st.frozensets(st.sampled_from(Role), max_size=2)),
        "contacts": contacts,
        "identifiers": [Identifier(scheme, value, country=c) for scheme, value, c in identifiers],
        "external_keys": [
            ExternalKey(*key) for key in draw(st.sets(st.sampled_from(_EXTERNAL), max_size=1))
        ],
        "tags": draw(st.frozensets(st.sampled_from(_TAGS), max_size=2)),
        "customer_number": draw(st.none() | st.none() | st.sampled_from(_NUMBERS)),
        "attributes": {"note": draw(st.sampled_from(_NAMES))},
    }
    name = draw(st.sampled_from(_NAMES))
    if draw(st.booleans()):
        return Party.person(family=name, **fields)
    return Party.organization(name, **fields)


def _predicates() -> st.SearchStrategy[Predicate]:
    leaves: st.SearchStrategy[Predicate] = st.one_of(
        st.builds(
            Compare,
            st.just("country"),
            st.sampled_from(["==", "!=", "<", ">="]),
            st.sampled_from(_COUNTRIES),
        ),
        st.builds(Compare, st.just("country"), st.sampled_from(["==", "!="]), st.none()),
        st.builds(
            Compare, st.just("kind"), st.just("=="), st.sampled_from(["person", "organization"])
        ),
        st.builds(Compare, st.just("version"), st.sampled_from(["==", ">"]), st.integers(1, 3)),
        st.builds(Compare, st.just("customer_number"), st.just("=="), st.sampled_from(_NUMBERS)),
        st.builds(In, st.just("country"), st.lists(st.sampled_from(_COUNTRIES), max_size=2)),
        st.builds(HasRole, st.sampled_from(Role)),
        st.builds(HasTag, st.sampled_from(_TAGS)),
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3).map(lambda parts: And(*parts)),
            st.lists(inner, max_size=3).map(lambda parts: Or(*parts)),
            inner.map(Not),
        ),
        max_leaves=5,
    )


def _outcome(operation: Callable[[], Any]) -> Any:  # noqa: ANN401 - whatever it returned
    try:
        return ("ok", operation())
    except CrmError as exc:
        return ("error", type(exc).__name__)


class _Rollback(Exception):  # noqa: N818 - a signal, not a failure
    """Raised inside a transaction to undo it."""


class StoreComparison(RuleBasedStateMachine):
    """Drive a store and the in-memory reference with the same operations; find no difference.

    Override :meth:`make_store`; collect ``YourSubclass.TestCase`` with pytest.
    """

    party_ids = Bundle("party_ids")

    def __init__(self) -> None:
        super().__init__()
        self.reference: Store = MemoryStore(clock=self._clock, numbers=SequenceNumbers())
        self.store: Store = self.make_store(self._clock, SequenceNumbers())

    @staticmethod
    def _clock() -> datetime:
        return NOW

    def make_store(self, clock: Clock, numbers: CustomerNumberSource) -> Store:
        """Return a new, empty store under test, built with ``clock`` and ``numbers``."""
        raise NotImplementedError

    def teardown(self) -> None:
        """Close both stores."""
        self.store.close()
        self.reference.close()

    def _both(self, operation: Callable[[Store], Any]) -> Any:  # noqa: ANN401 - a result
        expected = _outcome(lambda: operation(self.reference))
        actual = _outcome(lambda: operation(self.store))
        assert actual == expected, f"store gave {actual!r}, the reference {expected!r}"
        return expected

    # --- writing ------------------------------------------------------------------------

    @rule(target=party_ids, party=_parties())
    def add(self, party: Party) -> uuid.UUID:
        self._both(lambda store: store.parties.add(party))
        return party.id

    @rule(parties=st.lists(_parties(), max_size=4), again=st.none() | party_ids)
    def add_many(self, parties: list[Party], again: uuid.UUID | None) -> None:
        if again is not None and parties:
            parties[-1] = attrs.evolve(parties[-1], id=again)
        self._both(lambda store: store.parties.add_many(parties))

    @rule(
        target=party_ids,
        parties=st.lists(_parties(), max_size=5),
        again=st.none() | party_ids,
        twice=st.booleans(),
        junk=st.booleans(),
    )
    def add_batch(
        self, parties: list[Party], again: uuid.UUID | None, *, twice: bool, junk: bool
    ) -> Any:  # noqa: ANN401 - the ids to remember, as a Hypothesis bundle takes them
        given: list[object] = list(parties)
        if again is not None and parties:
            given[-1] = attrs.evolve(parties[-1], id=again)  # an id already stored
        if twice and parties:
            given.append(parties[0])  # the same party twice in one batch
        if junk:
            given.insert(len(given) // 2, "not a party")

        def batch(store: Store) -> Any:  # noqa: ANN401 - a comparable summary
            # Typed as parties; untyped code may still pass anything, which is refused.
            result = store.parties.add_batch(cast("list[Party]", given))
            assert result.received == len(given)
            refused = [(each.index, type(each.error).__name__) for each in result.rejected]
            return result.accepted, refused

        outcome = self._both(batch)
        accepted = outcome[1][0] if outcome[0] == "ok" else ()
        return multiple(*(party.id for party in accepted))

    @rule(
        party_id=party_ids,
        drift=st.sampled_from((-1, 0, 0, 1, 2)),
        tags=st.frozensets(st.sampled_from(_TAGS)),
        phones=st.sets(st.sampled_from(_PHONES), max_size=1),
        identifiers=st.sets(st.sampled_from(_IDENTIFIERS), max_size=1),
        restore=st.booleans(),
    )
    def update(
        self,
        party_id: uuid.UUID,
        *,
        drift: int,
        tags: frozenset[str],
        phones: set[str],
        identifiers: set[tuple[str, str, str | None]],
        restore: bool,
    ) -> None:
        try:
            current = self.reference.parties.get(party_id, include_deleted=True)
        except CrmError:
            return
        changed = attrs.evolve(
            current,
            tags=tags,
            contacts=[PhoneNumber(phone) for phone in phones],
            identifiers=[Identifier(s, v, country=c) for s, v, c in identifiers],
            # Only the stored version may update: an older one is stale, and a
            # newer one skipped versions it never read.
            version=max(current.version + drift, 0),
            deleted_at=None if restore else current.deleted_at,
        )
        self._both(lambda store: store.parties.update(changed))

    @rule(party_id=party_ids)
    def delete(self, party_id: uuid.UUID) -> None:
        self._both(lambda store: store.parties.delete(party_id))

    @rule(party_id=party_ids)
    def erase(self, party_id: uuid.UUID) -> None:
        self._both(lambda store: store.parties.erase(party_id))

    @rule(party=_parties(), key=st.sampled_from(_EXTERNAL))
    def upsert(self, party: Party, key: tuple[str, str]) -> None:
        by = ExternalKey(*key)
        others = [each for each in party.external_keys if each != by]
        incoming = attrs.evolve(party, external_keys=[by, *others])
        self._both(lambda store: store.parties.upsert(incoming, by=by))

    @rule(ids=st.none() | st.lists(party_ids, max_size=2))
    def purge(self, ids: list[uuid.UUID] | None) -> None:
        # The fixed clock stamps every deletion with NOW: a moment after it purges them all.
        before = NOW + timedelta(seconds=1) if ids is None else None
        self._both(lambda store: store.parties.purge(before=before, ids=ids))

    @rule(party_id=party_ids, parties=st.lists(_parties(), min_size=1, max_size=3))
    def failed_transaction(self, party_id: uuid.UUID, parties: list[Party]) -> None:
        def work(store: Store) -> None:
            with store.transaction():
                store.parties.add_many(parties)
                store.parties.delete(party_id)
                store.events.append(
                    Event(stream="s", type="t", occurred_at=NOW, id=uuid.UUID(int=1))
                )
                raise _Rollback

        for store in (self.reference, self.store):
            with contextlib.suppress(_Rollback, CrmError):
                work(store)

    @rule(
        party_id=party_ids,
        minutes=st.integers(0, 3),
        amount=st.decimals("0.01", "99999.99", places=2),
    )
    def add_activities(self, party_id: uuid.UUID, minutes: int, amount: Decimal) -> None:
        at = NOW.replace(minute=minutes)
        interaction = Interaction(
            party_id=party_id, channel="phone", direction="inbound", occurred_at=at
        )
        purchase = Purchase(
            party_id=party_id, occurred_at=at, lines=[OrderLine("Tee", 1, Money(amount, "PLN"))]
        )
        self._both(lambda store: store.interactions.add(interaction))
        self._both(lambda store: store.purchases.add(purchase))
        self._both(lambda store: store.interactions.for_party(party_id))
        self._both(lambda store: store.purchases.for_party(party_id))

    @rule(party_id=st.none() | party_ids, stream=st.sampled_from(["consent", "audit"]))
    def append_event(self, party_id: uuid.UUID | None, stream: str) -> None:
        event = Event(
            stream=stream, type="x", occurred_at=NOW, party_id=party_id, payload={"v": "ω;'--"}
        )
        self._both(lambda store: store.events.append(event))

    @rule(
        party_id=party_ids,
        step=st.sampled_from([1, 1, 1, 0, 2]),
        purpose=st.sampled_from([None, "newsletter", "profiling"]),
        channel=st.sampled_from([None, "email", "sms"]),
        days=st.integers(0, 3),
    )
    def append_consent(
        self, party_id: uuid.UUID, step: int, purpose: str | None, channel: str | None, days: int
    ) -> None:
        # The place after the last one, mostly; else one taken or one too far.
        head = _outcome(lambda: self.reference.consent.head(party_id))
        last = head[1].seq if head[0] == "ok" and head[1] is not None else 0
        at = NOW + timedelta(days=days)
        event = Event(
            stream="consent",
            type="consent.granted",
            occurred_at=at,
            party_id=party_id,
            payload={"ip": "203.0.113.7", "retained": {"purpose": purpose}},
        )
        fact = ConsentFact(
            party_id=party_id,
            event_id=event.id,
            seq=last + step,
            hash=f"{last + step:064x}",
            kind="granted",
            purpose=purpose,
            channel=channel,
            contact=None,
            brand=None,
            basis="consent",
            occurred_at=at,
        )
        self._both(lambda store: store.consent.append(event, fact))

    @rule(
        party_id=party_ids,
        where=st.none() | _predicates(),
        purpose=st.sampled_from(["newsletter", "profiling"]),
        channel=st.sampled_from(["email", "sms"]),
        days=st.integers(0, 3),
    )
    def read_consent(
        self,
        party_id: uuid.UUID,
        where: Predicate | None,
        purpose: str,
        channel: str,
        days: int,
    ) -> None:
        at = NOW + timedelta(days=days)
        self._both(lambda store: store.consent.facts(party_id))
        self._both(
            lambda store: list(
                store.consent.for_parties([party_id], purpose=purpose, channel=channel, at=at)
            )
        )
        self._both(
            lambda store: list(store.consent.scan(where, purpose=purpose, channel=channel, at=at))
        )

    @rule(batch_size=st.integers(1, 4))
    def reindex(self, batch_size: int) -> None:
        # Both indexes are current: a rebuild finds nothing to change, in any batch size.
        result = self._both(lambda store: store.parties.reindex(batch_size=batch_size))
        assert result[0] == "ok"
        assert not result[1].changed
        assert result[1].ok
        self._both(lambda store: store.parties.index_is_current())

    # --- reading ------------------------------------------------------------------------

    @rule(party_id=party_ids, include_deleted=st.booleans())
    def get(self, party_id: uuid.UUID, include_deleted: bool) -> None:
        self._both(lambda store: store.parties.get(party_id, include_deleted=include_deleted))

    @rule(
        number=st.sampled_from((*_NUMBERS, customer_number(1), customer_number(2))),
        include_deleted=st.booleans(),
    )
    def get_by_customer_number(self, number: str, include_deleted: bool) -> None:
        self._both(
            lambda store: store.parties.get_by_customer_number(
                number, include_deleted=include_deleted
            )
        )

    @rule(
        phone=st.sampled_from(_PHONES),
        email=st.sampled_from(_EMAILS),
        identifier=st.sampled_from(_IDENTIFIERS),
        key=st.sampled_from(_EXTERNAL),
        include_deleted=st.booleans(),
    )
    def look_up(
        self,
        phone: str,
        email: str,
        identifier: tuple[str, str, str | None],
        key: tuple[str, str],
        include_deleted: bool,
    ) -> None:
        scheme, value, country = identifier
        self._both(
            lambda store: store.parties.find_by_phone(phone, include_deleted=include_deleted)
        )
        self._both(
            lambda store: store.parties.find_by_email(email, include_deleted=include_deleted)
        )
        self._both(
            lambda store: store.parties.find_by_identifier(
                scheme, value, country=country, include_deleted=include_deleted
            )
        )
        self._both(
            lambda store: store.parties.find_by_external_key(*key, include_deleted=include_deleted)
        )

    @rule(
        where=st.none() | _predicates(),
        include_deleted=st.sampled_from([False, True, "only"]),
        batch_size=st.integers(1, 4),
    )
    def select(self, where: Predicate | None, include_deleted: Deleted, batch_size: int) -> None:
        self._both(
            lambda store: list(
                store.parties.select(where, include_deleted=include_deleted, batch_size=batch_size)
            )
        )
        self._both(lambda store: store.parties.count(where, include_deleted=include_deleted))

    @rule(
        where=st.none() | _predicates(),
        order_by=st.sampled_from(["id", "-created_at", "updated_at", "-customer_number"]),
        limit=st.integers(1, 3),
        include_deleted=st.sampled_from([False, True, "only"]),
    )
    def page(
        self, where: Predicate | None, order_by: str, limit: int, include_deleted: Deleted
    ) -> None:
        def pages(store: Store) -> list[Page]:
            found = [
                store.parties.page(
                    where, order_by=order_by, limit=limit, include_deleted=include_deleted
                )
            ]
            for _ in range(3):
                if found[-1].next is None:
                    break
                found.append(
                    store.parties.page(
                        where,
                        order_by=order_by,
                        limit=limit,
                        after=found[-1].next,
                        include_deleted=include_deleted,
                    )
                )
            return found

        self._both(pages)

    @rule(
        text=st.sampled_from((*_NAMES, "Wój", "Shevchenko", "Papadopoulos", "o'brien")),
        mode=st.sampled_from(SEARCH_MODES),
        include_deleted=st.sampled_from([False, True, "only"]),
    )
    def search(self, text: str, mode: SearchMode, include_deleted: Deleted) -> None:
        self._both(
            lambda store: store.parties.search(text, mode=mode, include_deleted=include_deleted)
        )

    @rule(party=_parties(), max_per_key=st.integers(1, 3), include_deleted=st.booleans())
    def candidates(self, party: Party, max_per_key: int, include_deleted: bool) -> None:
        self._both(
            lambda store: store.parties.candidates(
                party, max_per_key=max_per_key, include_deleted=include_deleted
            )
        )

    @rule(max_block=st.integers(1, 3), include_deleted=st.booleans())
    def key_blocks(self, max_block: int, include_deleted: bool) -> None:
        self._both(
            lambda store: list(
                store.parties.key_blocks(max_block=max_block, include_deleted=include_deleted)
            )
        )

    @rule(ids=st.lists(party_ids, max_size=4), include_deleted=st.booleans())
    def get_many(self, ids: list[uuid.UUID], include_deleted: bool) -> None:
        self._both(lambda store: store.parties.get_many(ids, include_deleted=include_deleted))

    @rule(party_id=st.none() | party_ids)
    def read_events(self, party_id: uuid.UUID | None) -> None:
        # A tombstone's id is new in each store; everything else must agree.
        self._both(
            lambda store: [
                attrs.evolve(event, id=uuid.UUID(int=0)) if event.type == ERASED else event
                for event in store.events.read(party_id=party_id)
            ]
        )

    @rule(limit=st.integers(1, 7))
    def read_changes(self, limit: int) -> None:
        # The whole feed, page by page from its start: the same changes in the same order.
        def feed(store: Store) -> list[tuple[Any, ...]]:
            found: list[tuple[Any, ...]] = []
            cursor = None
            while page := store.changes.read(cursor, limit=limit).changes:
                found += [
                    (c.seq, c.entity, c.id, c.party_id, c.operation, c.version, c.actor)
                    for c in page
                ]
                cursor = page[-1].cursor
            return found

        self._both(feed)

    @rule(party_id=party_ids)
    def history(self, party_id: uuid.UUID) -> None:
        self._both(lambda store: store.changes.history(party_id))

    @rule(party=_parties(), actor=st.sampled_from(["erp-sync", "Ołena K.", "branch-Αθήνα"]))
    def add_as(self, party: Party, actor: str) -> None:
        def add(store: Store) -> Party:
            with store.acting_as(actor):
                return store.parties.add(party)

        self._both(add)

    @invariant()
    def same_number_of_parties(self) -> None:
        self._both(lambda store: store.parties.count(include_deleted=True))

    @invariant()
    def every_key_finds_its_party(self) -> None:
        # Whatever a party holds, its look-up finds it, in both stores.
        for store in (self.reference, self.store):
            for party in store.parties.select(include_deleted=True):
                for found in holders(store, party):
                    assert party.id in {each.id for each in found}

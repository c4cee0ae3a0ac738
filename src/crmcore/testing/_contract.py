"""The storage contract: the tests every store must pass, ours or an integrator's.

Subclass :class:`StoreContract` in a test module and override its ``store``
fixture to return a new, empty store built with the ``clock`` and ``numbers``
fixtures; pytest then runs every test of the contract against it::

    import pytest
    from crmcore.testing import StoreContract

    class TestMyStore(StoreContract):
        @pytest.fixture
        def store(self, clock, numbers):
            with MyStore(dsn, clock=clock, numbers=numbers) as store:
                yield store
"""

# a pytest suite: asserts are its checks, literals its data

from __future__ import annotations

import threading
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

import attrs
import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from crmcore.errors import ConflictError, NotFoundError, ValidationError
from crmcore.model import (
    Affiliation,
    Campaign,
    ClientProfile,
    EmailAddress,
    ExternalKey,
    Holding,
    Identifier,
    Interaction,
    MessengerHandle,
    Money,
    OrderLine,
    Party,
    PhoneNumber,
    PostalAddress,
    Purchase,
    SupplierProfile,
    Website,
)
from crmcore.storage import (
    ERASED,
    And,
    Compare,
    Event,
    HasRole,
    HasTag,
    In,
    Not,
    Or,
)
from crmcore.testing._contract_backup import BackupContract
from crmcore.testing._contract_candidates import CandidatesContract
from crmcore.testing._contract_changes import ChangesContract
from crmcore.testing._contract_check import CheckContract
from crmcore.testing._contract_consent import ConsentRecordsContract
from crmcore.testing._contract_events_retention import EventRetentionContract
from crmcore.testing._contract_index import IndexContract
from crmcore.testing._contract_inputs import InputsContract
from crmcore.testing._contract_ledger import LedgerContract
from crmcore.testing._contract_merges import MergeContract
from crmcore.testing._contract_query import QueryContract
from crmcore.testing._contract_races import RaceContract
from crmcore.testing._contract_rights import RightsContract
from crmcore.testing._contract_suppression import SuppressionContract
from crmcore.testing.strategies import organizations, persons

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from crmcore.storage import Parties, Store

__all__ = [
    "SequenceNumbers",
    "StepClock",
    "StoreContract",
    "customer_number",
    "holders",
    "hostile_texts",
]

START = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
WARSAW = timezone(timedelta(hours=1))
KYIV = timezone(timedelta(hours=2))
INDIA = timezone(timedelta(hours=5, minutes=30))
NEW_YORK = timezone(timedelta(hours=-5))

_HOSTILE_TEXTS = (
    "O'Brien & Söhne",
    'Kowalski "Hurt" sp. j.',
    "Robert'); DROP TABLE parties;--",
    "1; DELETE FROM party_keys WHERE 1=1",
    "SELECT * FROM parties WHERE id = ? OR 1=1",
    "100% %s %(name)s {0} $1 :name ?",
    "back\\slash \\x00 \\u0000 \\n",
    "Ромашка «Ёлка» ТОВ — опт",
    "Παπαδόπουλος Α.Ε. ;;",
    "Zażółć gęślą jaźń",
    "Straße ß ẞ Ǆ",
    "東京都 株式会社 🚀 👩‍👩‍👧",
    "مرحبا بالعالم",
    "e\u0301 vs \u00e9",
    "tab\there\nnew line\r\n",
)


def hostile_texts() -> tuple[str, ...]:
    """Return text that breaks naive SQL, JSON or encodings: a store must keep it as it is.

    Quotes, semicolons, SQL keywords and placeholders, backslashes, every
    script crmcore's markets write in, emoji, combining marks, tabs and new lines.

    >>> any("DROP TABLE" in text for text in hostile_texts())
    True
    """
    return _HOSTILE_TEXTS


class StepClock:
    """A clock that moves one second forward each time it is read.

    >>> clock = StepClock(datetime(2026, 1, 1, tzinfo=UTC))
    >>> clock(), clock().second
    (datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone.utc), 1)
    """

    def __init__(self, start: datetime = START, step: timedelta = timedelta(seconds=1)) -> None:
        self._next = start
        self._step = step
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            now, self._next = self._next, self._next + self._step
        return now


def customer_number(sequence: int, prefix: str = "C") -> str:
    """Return the ``sequence``-th customer number of a fixed moment and node, in canonical form.

    A number as :mod:`crmcore.ids` issues it (the model takes no other):
    ``prefix``, the moment 2026-11-23 08:00:00, node ``000``, the sequence
    in five digits and the check digit.

    >>> customer_number(1), customer_number(2, prefix="K")
    ('C20261123080000000000016', 'K20261123080000000000027')
    """
    from crmcore import ids

    body = f"{prefix}20261123080000000{sequence:05d}"
    layout = ids.CustomerNumberLayout(prefix=prefix)
    return next(body + d for d in "0123456789" if ids.is_valid(body + d, layout=layout))


class SequenceNumbers:
    """A number source issuing :func:`customer_number` 1, 2, ...

    >>> numbers = SequenceNumbers()
    >>> numbers.new(), numbers.new()
    ('C20261123080000000000016', 'C20261123080000000000027')
    """

    def __init__(self, prefix: str = "C") -> None:
        self._prefix = prefix
        self._issued = 0
        self._lock = threading.Lock()

    def new(self) -> str:
        """Return the next number."""
        with self._lock:
            self._issued += 1
            return customer_number(self._issued, self._prefix)


def _person(**fields: Any) -> Party:  # noqa: ANN401 - Party's fields
    fields.setdefault("created_at", datetime(2026, 11, 2, 9, 30, tzinfo=WARSAW))
    given = fields.pop("given", "Zofia")
    family = fields.pop("family", "Wójcik")
    return Party.person(given=given, family=family, **fields)


def _organization(name: str = "Ромашка", **fields: Any) -> Party:  # noqa: ANN401
    fields.setdefault("created_at", datetime(2026, 10, 1, 12, 0, tzinfo=KYIV))
    return Party.organization(name, **fields)


def _rich_party() -> Party:
    """A party with every part filled, in several scripts and offsets."""
    return Party.organization(
        "Kowalski i Synowie",
        legal_form="sp. z o.o.",
        trade_name="Kowalski",
        created_at=datetime(2025, 3, 30, 1, 59, 59, 999999, tzinfo=INDIA),
        roles={"client", "supplier", "prospect"},
        profiles=[
            ClientProfile(
                since=date(2024, 1, 1),
                value_tier="gold",
                potential=Money("125000.50", "PLN"),
                preferred_channel="email",
            ),
            SupplierProfile(payment_terms="14 dni", lead_time_days=3, supplies={"Шампунь", "Φέτα"}),
        ],
        contacts=[
            PhoneNumber("+48601234567", line="mobile", primary=True, label="biuro"),
            PhoneNumber("+48226281234", line="landline", verified_at="2026-01-05T10:00:00-05:00"),
            EmailAddress("Biuro@kowalski.pl", primary=True, source="erp"),
            PostalAddress(
                street="ul. Marszałkowska",
                building="10",
                flat="5",
                postal_code="00-950",
                locality="Warszawa",
                region="mazowieckie",
                country="PL",
                primary=True,
            ),
            Website("https://kowalski.pl"),
            MessengerHandle("telegram", "@kowalski_pl"),
        ],
        identifiers=[
            Identifier("nip", "5260250995", country="PL"),
            Identifier("regon", "192598184", country="PL"),
        ],
        external_keys=[ExternalKey("1C", "00-000123"), ExternalKey("sap", "K-77")],
        attributes={
            "employees": 42,
            "turnover": Decimal("1234567.8900"),
            "founded": date(1991, 5, 3),
            "export": True,
            "segments": ["опт", "retail"],
            "note": "Zażółć gęślą jaźń",
        },
        tags={"vip", "targi-2026", "χονδρική"},
        groups={uuid.UUID("01890a5d-ac96-774b-bcce-b302099a8057")},
        holdings=[Holding("Abonament Premium", kind="service", quantity=Decimal("2.5"))],
        display_name="Kowalski & Synowie",
    )


def _stored_equal(stored: Party, given: Party) -> bool:
    """Whether ``stored`` is ``given`` with only what a store sets changed."""
    return attrs.evolve(
        stored,
        version=given.version,
        updated_at=given.updated_at,
        customer_number=given.customer_number,
    ) == attrs.evolve(given, customer_number=given.customer_number)


def holders(store: Store, party: Party) -> Iterator[list[Party]]:
    """Yield what each look-up by a key ``party`` holds finds in ``store``, deleted included.

    One look-up per phone, e-mail address, identifier and external key the
    party holds, each asked as the party holds it: every answer must hold
    the party.
    """
    parties = store.parties
    for contact in party.contacts:
        if isinstance(contact, PhoneNumber):
            yield parties.find_by_phone(contact.number, include_deleted=True)
        elif isinstance(contact, EmailAddress):
            yield parties.find_by_email(contact.address, include_deleted=True)
    for identifier in party.identifiers:
        yield parties.find_by_identifier(
            identifier.scheme, identifier.value, country=identifier.country, include_deleted=True
        )
    for key in party.external_keys:
        yield parties.find_by_external_key(key.system, key.key, include_deleted=True)


def _ids(parties: list[Party]) -> list[uuid.UUID]:
    return [party.id for party in parties]


class StoreContract(
    IndexContract,
    CandidatesContract,
    MergeContract,
    InputsContract,
    RaceContract,
    CheckContract,
    QueryContract,
    EventRetentionContract,
    BackupContract,
    ChangesContract,
    ConsentRecordsContract,
    LedgerContract,
    SuppressionContract,
    RightsContract,
):
    """The tests a store must pass to be a crmcore store.

    Override the ``store`` fixture; the ``clock`` (a :class:`StepClock`) and
    ``numbers`` (a :class:`SequenceNumbers`) fixtures are there for the store
    to be built with, so that the tests can tell what the store stamped.
    """

    @pytest.fixture
    def clock(self) -> StepClock:
        """The clock the store under test must read."""
        return StepClock()

    @pytest.fixture
    def numbers(self) -> SequenceNumbers:
        """The customer number source the store under test must use."""
        return SequenceNumbers()

    @pytest.fixture
    def store(self, clock: StepClock, numbers: SequenceNumbers) -> Store:
        """A new, empty store built with ``clock`` and ``numbers``: override this."""
        del clock, numbers
        pytest.fail("override the store fixture to return the store under test")

    # --- adding ----------------------------------------------------------------

    def test_add_returns_the_party_as_stored(self, store: Store) -> None:
        party = _person(version=7, customer_number=None)
        stored = store.parties.add(party)
        assert stored.version == 1
        assert stored.customer_number == customer_number(1)
        assert stored.updated_at == START
        assert stored.created_at == party.created_at
        assert _stored_equal(stored, attrs.evolve(party, customer_number=customer_number(1)))
        assert store.parties.get(party.id) == stored

    def test_add_keeps_a_given_customer_number(self, store: Store) -> None:
        given = customer_number(7, prefix="PL")
        stored = store.parties.add(_person(customer_number=given))
        assert stored.customer_number == given
        assert store.parties.get_by_customer_number(given) == stored

    def test_every_part_round_trips_exactly(self, store: Store) -> None:
        party = _rich_party()
        store.parties.add(party)
        got = store.parties.get(party.id)
        assert _stored_equal(got, party)
        assert got.created_at.utcoffset() == timedelta(hours=5, minutes=30)
        assert got.created_at.microsecond == 999999
        assert got.attributes["turnover"] == Decimal("1234567.8900")
        assert str(got.attributes["turnover"]) == "1234567.8900"
        assert str(got.holdings[0].quantity) == "2.5"
        verified = got.contacts[1].verified_at
        assert verified is not None
        assert verified.utcoffset() == timedelta(hours=-5)

    @pytest.mark.parametrize("text", _HOSTILE_TEXTS)
    def test_hostile_text_is_stored_unchanged(self, store: Store, text: str) -> None:
        party = _organization(
            text,
            legal_form=text[:50],
            tags={text[:200]},
            external_keys=[ExternalKey(text[:200], text[:200])],
            attributes={"note": text},
            contacts=[MessengerHandle(text[:50], text[:200])],
        )
        stored = store.parties.add(party)
        got = store.parties.get(party.id)
        assert got == stored
        assert _stored_equal(got, party)
        key = party.external_keys[0]
        (tag,) = party.tags
        assert store.parties.find_by_external_key(key.system, key.key) == [got]
        assert got.contacts == party.contacts
        assert list(store.parties.select(HasTag(tag))) == [got]
        assert store.parties.count() == 1

    def test_duplicate_id_is_refused(self, store: Store) -> None:
        party = store.parties.add(_person())
        with pytest.raises(ConflictError) as caught:
            store.parties.add(_person(id=party.id, family="Nowak"))
        assert caught.value.code == "party.duplicate_id"
        assert store.parties.get(party.id) == party

    def test_duplicate_customer_number_is_refused(self, store: Store) -> None:
        store.parties.add(_person(customer_number=customer_number(1, prefix="K")))
        with pytest.raises(ConflictError) as caught:
            store.parties.add(_person(customer_number=customer_number(1, prefix="K")))
        assert caught.value.code == "party.duplicate_customer_number"
        assert store.parties.count() == 1

    def test_identifiers_are_unique_per_scheme_value_and_country(self, store: Store) -> None:
        store.parties.add(
            _organization(identifiers=[Identifier("nip", "5260250995", country="PL")])
        )
        duplicate = _organization(
            "Inna", identifiers=[Identifier.parse("NIP 526-025-09-95", country="PL")]
        )
        with pytest.raises(ConflictError) as caught:
            store.parties.add(duplicate)
        assert caught.value.code == "party.duplicate_identifier"
        assert store.parties.count() == 1
        # Another scheme, or no country, is another identifier.
        store.parties.add(_organization("A", identifiers=[Identifier("regon", "5260250995")]))
        store.parties.add(_organization("B", identifiers=[Identifier("nip", "5260250995")]))
        assert store.parties.count() == 3

    def test_external_keys_are_unique_per_system(self, store: Store) -> None:
        store.parties.add(_person(external_keys=[ExternalKey("1C", "00-000123")]))
        with pytest.raises(ConflictError) as caught:
            store.parties.add(_person(external_keys=[ExternalKey("1C", "00-000123")]))
        assert caught.value.code == "party.duplicate_external_key"
        store.parties.add(_person(external_keys=[ExternalKey("sap", "00-000123")]))
        store.parties.add(_person(external_keys=[ExternalKey("1C", "00-000123".lower() + "a")]))
        assert store.parties.count() == 3

    def test_numbers_come_from_the_source_in_order(self, store: Store) -> None:
        stored = store.parties.add_many(_person() for _ in range(3))
        assert [party.customer_number for party in stored] == [
            customer_number(1),
            customer_number(2),
            customer_number(3),
        ]

    def test_add_many_is_all_or_nothing(self, store: Store) -> None:
        first = store.parties.add(_person(identifiers=[Identifier("pesel", "90010112345")]))
        batch = [
            _person(contacts=[PhoneNumber("+380671234567")]),
            _person(family="Шевченко", tags={"опт"}),
            _person(identifiers=[Identifier("pesel", "90010112345")]),
            _person(),
        ]
        with pytest.raises(ConflictError) as caught:
            store.parties.add_many(batch)
        assert caught.value.code == "party.duplicate_identifier"
        assert _ids(list(store.parties.select(include_deleted=True))) == [first.id]
        assert store.parties.find_by_phone("+380671234567") == []
        assert store.parties.count(HasTag("опт")) == 0
        with pytest.raises(NotFoundError):
            store.parties.get(batch[0].id)

    def test_add_many_refuses_duplicates_within_the_batch(self, store: Store) -> None:
        twins = [_person(external_keys=[ExternalKey("shop", "42")]) for _ in range(2)]
        with pytest.raises(ConflictError) as caught:
            store.parties.add_many(twins)
        assert caught.value.code == "party.duplicate_external_key"
        assert store.parties.count() == 0
        assert store.parties.add_many([]) == []

    def test_add_batch_stores_what_it_can_and_accounts_for_the_rest(self, store: Store) -> None:
        held = store.parties.add(
            _organization(identifiers=[Identifier("nip", "5260250995", country="PL")])
        )
        batch: list[object] = [
            _person(
                customer_number=customer_number(1, "K"), contacts=[PhoneNumber("+380671234567")]
            ),
            _person(customer_number=customer_number(1, "K"), family="Шевченко"),
            _organization(
                "Ромашка",
                identifiers=[Identifier.parse("526-025-09-95", scheme="nip", country="PL")],
            ),
            _person(family="Παπαδοπούλου", tags={"опт"}),
            "not a party",
            _person(id=held.id),
            _organization("A", identifiers=[Identifier("edrpou", "32855961", country="UA")]),
            _organization("B", identifiers=[Identifier("edrpou", "32855961", country="UA")]),
        ]
        # Typed as parties; untyped code may still pass anything, which is refused.
        result = store.parties.add_batch(iter(cast("list[Party]", batch)))
        assert len(result.accepted) + len(result.rejected) == result.received == len(batch)
        assert not result.ok
        assert [(r.index, r.error.code) for r in result.rejected] == [
            (1, "party.duplicate_customer_number"),
            (2, "party.duplicate_identifier"),
            (4, "party.not_a_party"),
            (5, "party.duplicate_id"),
            (7, "party.duplicate_identifier"),
        ]
        assert [r.party for r in result.rejected] == [batch[i] for i in (1, 2, 4, 5, 7)]
        assert [p.id for p in result.accepted] == [batch[i].id for i in (0, 3, 6)]  # type: ignore[attr-defined]
        for party in result.accepted:
            assert store.parties.get(party.id) == party
        assert store.parties.count() == 4
        assert (
            store.parties.get_by_customer_number(customer_number(1, "K")).id
            == result.accepted[0].id
        )
        assert store.parties.find_by_phone("+380671234567") == [result.accepted[0]]
        assert store.parties.count(HasTag("опт")) == 1
        # Nothing of a refused party is left behind.
        assert store.parties.find_by_identifier("edrpou", "32855961") == [result.accepted[2]]
        empty = store.parties.add_batch([])
        assert (empty.accepted, empty.rejected, empty.ok) == ((), (), True)

    # --- reading ---------------------------------------------------------------

    def test_get_of_a_missing_party(self, store: Store) -> None:
        missing = uuid.uuid4()
        with pytest.raises(NotFoundError) as caught:
            store.parties.get(missing)
        assert (caught.value.code, caught.value.value) == ("party.not_found", str(missing))
        with pytest.raises(NotFoundError):
            store.parties.get_by_customer_number("nope")

    def test_find_by_phone_folds_the_query(self, store: Store) -> None:
        party = store.parties.add(_person(contacts=[PhoneNumber("+48601234567")]))
        other = store.parties.add(
            _person(contacts=[PhoneNumber.parse("+48 601 234 567", label="home")])
        )
        assert store.parties.find_by_phone("+48 601-234-567") == sorted(
            [party, other], key=lambda p: p.id
        )
        assert store.parties.find_by_phone("+48601234568") == []

    def test_find_by_email_ignores_case(self, store: Store) -> None:
        party = store.parties.add(_person(contacts=[EmailAddress.parse("Olena.K@Ukr.Net")]))
        assert store.parties.find_by_email(" olena.k@UKR.net ") == [party]
        assert store.parties.find_by_email("olena@ukr.net") == []

    def test_find_by_identifier_with_and_without_country(self, store: Store) -> None:
        pl = store.parties.add(
            _organization(identifiers=[Identifier("loyalty", "12345", country="PL")])
        )
        de = store.parties.add(
            _organization(identifiers=[Identifier("loyalty", "12345", country="DE")])
        )
        # a scheme python-stdnum does not check: an opaque key
        assert store.parties.find_by_identifier("LOYALTY", "12345") == sorted(
            [pl, de], key=lambda p: p.id
        )
        assert store.parties.find_by_identifier("loyalty", "12345", country="de") == [de]
        assert store.parties.find_by_identifier("loyalty", "12345", country="UA") == []
        assert store.parties.find_by_identifier("loyalty", "1-2-3-4-5") == []

    def test_find_by_phone_reads_national_numbers_in_a_country(self, store: Store) -> None:
        warsaw = PostalAddress(locality="Warszawa", country="PL")
        pl = store.parties.add(
            _person(contacts=[PhoneNumber.parse("601 234 567", country="PL"), warsaw])
        )
        ua = store.parties.add(_person(family="Шевченко", contacts=[PhoneNumber("+380671234567")]))
        assert store.parties.find_by_phone("+48601234567") == [pl]
        assert store.parties.find_by_phone("0048 601 234 567") == [pl]
        assert store.parties.find_by_phone("601-234-567", country="pl") == [pl]
        assert store.parties.find_by_phone("067 123 45 67", country="UA") == [ua]
        # Read in Poland, the Ukrainian national number is another number: the
        # old Polish trunk 0 before area code 67 (+48 67 123 45 67), held by nobody.
        assert store.parties.find_by_phone("(067) 123-45-67", country="PL") == []
        with pytest.raises(ValidationError):
            store.parties.find_by_phone("(067) 123-45", country="PL")  # too short there

    def test_find_by_email_uses_the_matching_key(self, store: Store) -> None:
        party = store.parties.add(_person(contacts=[EmailAddress.parse("Jan.Kowalski@Onet.PL")]))
        assert store.parties.find_by_email("jan.kowalski@onet.pl") == [party]
        assert store.parties.find_by_email("mailto:Jan.Kowalski@ONET.pl") == [party]
        assert store.parties.find_by_email("jankowalski@onet.pl") == []

    @settings(
        max_examples=100,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.differing_executors,  # one test, run on each subclass's store
        ],
    )
    @given(party=st.one_of(persons(), organizations()))
    def test_every_stored_party_is_found_by_each_key_it_holds(
        self, store: Store, party: Party
    ) -> None:
        # One store for all the examples: each party joins those stored before.
        try:
            stored = store.parties.add(party)
        except ConflictError:
            reject()  # a unique key an earlier example holds
        for found in holders(store, stored):
            assert stored.id in {each.id for each in found}
        assert store.parties.get(stored.id, include_deleted=True) == stored

    @pytest.mark.parametrize(
        ("find", "code"),
        [
            # a national number without a country: the standardiser's own refusal
            (lambda p: p.find_by_phone("601 234 567"), "phone.no_country"),
            (lambda p: p.find_by_phone("(067) 123-45-67"), "phone.no_country"),
            (lambda p: p.find_by_phone("210 123 4567", include_deleted=True), "phone.no_country"),
            (lambda p: p.find_by_phone("12-34", country="GR"), "phone.too_short"),
            (lambda p: p.find_by_phone("601 234 567", country="Polska"), "country.unknown"),
            # what is no address at all
            (lambda p: p.find_by_email("jan.kowalski"), "email.no_at"),
            (lambda p: p.find_by_email("o.kovalenko@"), "email.bad_domain"),
            # a number its scheme refuses, a VAT number naming no country
            (lambda p: p.find_by_identifier("nip", "526-025-09-96", country="PL"),
             "tax_id.bad_checksum"),
            (lambda p: p.find_by_identifier("ru.inn", "7707083894"), "tax_id.bad_checksum"),
            (lambda p: p.find_by_identifier("vat", "094014201"), "identifier.no_country"),
            (lambda p: p.find_by_identifier("pl.nip", "5260250995", country="DE"),
             "identifier.country_mismatch"),
        ],
    )  # fmt: skip
    def test_a_query_that_names_no_one_value_is_refused_not_answered_empty(
        self, store: Store, find: Callable[[Parties], list[Party]], code: str
    ) -> None:
        # The parties that would match a sensible reading are stored: an
        # empty answer would say "nobody", which is not what is known.
        store.parties.add(
            _person(
                contacts=[
                    PhoneNumber("+48601234567"),
                    PhoneNumber("+380671234567"),
                    PhoneNumber("+302101234567"),
                    EmailAddress("jan.kowalski@onet.pl"),
                ],
                identifiers=[Identifier("nip", "5260250995", country="PL")],
            )
        )
        with pytest.raises(ValidationError) as caught:
            find(store.parties)
        assert caught.value.code == code

    def test_a_sub_address_with_several_plus_signs_is_one_whole_key(self, store: Store) -> None:
        # Everything before the @ is the mailbox: a "+" tag is not cut off,
        # whether there are one, two or three.
        whole = store.parties.add(_person(contacts=[EmailAddress("o.kovalenko+crm+2026@ukr.net")]))
        tagged = store.parties.add(_person(contacts=[EmailAddress("o.kovalenko+crm@ukr.net")]))
        plain = store.parties.add(_person(contacts=[EmailAddress("o.kovalenko@ukr.net")]))
        triple = store.parties.add(_person(contacts=[EmailAddress("ΑΒΓ+a+b+c@example.gr")]))
        find = store.parties.find_by_email
        assert find("O.Kovalenko+CRM+2026@UKR.NET") == [whole]
        assert find("o.kovalenko+crm@ukr.net") == [tagged]
        assert find("o.kovalenko@ukr.net") == [plain]
        assert find("o.kovalenko+crm+2026+x@ukr.net") == []
        assert find("o.kovalenko+2026@ukr.net") == []
        assert find("αβγ+a+b+c@example.gr") == [triple]
        assert find("αβγ+a+b@example.gr") == []

    def test_find_by_identifier_compacts_tax_numbers_only(self, store: Store) -> None:
        nip = store.parties.add(
            _organization(
                identifiers=[Identifier.parse("526 025 09 95", scheme="nip", country="PL")]
            )
        )
        card = store.parties.add(_organization("Karta", identifiers=[Identifier("card", "AB-12")]))
        assert store.parties.find_by_identifier("nip", "NIP: 526.025.09.95") == [nip]
        assert store.parties.find_by_identifier("NIP", "5260250995", country="PL") == [nip]
        assert store.parties.find_by_identifier("card", "AB-12") == [card]
        assert store.parties.find_by_identifier("card", "AB12") == []

    def test_both_spellings_of_a_scheme_meet(self, store: Store) -> None:
        # A stdnum path ("pl.nip") and the short name with its country ("nip", "PL")
        # are one scheme, whichever was written and whichever is asked.
        dotted = store.parties.add(_organization(identifiers=[Identifier("pl.nip", "5260250995")]))
        short = store.parties.add(
            _organization("Ромашка", identifiers=[Identifier("edrpou", "32855961", country="UA")])
        )
        assert store.parties.find_by_identifier("nip", "526-025-09-95", country="PL") == [dotted]
        assert store.parties.find_by_identifier("nip", "5260250995") == [dotted]
        assert store.parties.find_by_identifier("PL.NIP", "5260250995") == [dotted]
        assert store.parties.find_by_identifier("ua.edrpou", "32855961") == [short]
        assert store.parties.find_by_identifier("ua.edrpou", "32855961", country="UA") == [short]
        assert store.parties.find_by_identifier("edrpou", "32855961", country="UA") == [short]
        assert store.parties.find_by_identifier("ru.edrpou", "32855961") == []
        with pytest.raises(ValidationError) as caught:
            store.parties.find_by_identifier("pl.nip", "5260250995", country="DE")
        assert (caught.value.code, caught.value.field) == ("identifier.country_mismatch", "country")

    def test_a_vat_number_with_and_without_its_prefix_meets(self, store: Store) -> None:
        greek = store.parties.add(
            _organization("Αθηνά", identifiers=[Identifier("eu.vat", "EL094014201")])
        )
        german = store.parties.add(
            _organization("Müller", identifiers=[Identifier("vat", "DE136695976", country="DE")])
        )
        british = store.parties.add(
            _organization("Smith", identifiers=[Identifier.parse("980 7806 84", scheme="gb.vat")])
        )
        find = store.parties.find_by_identifier
        assert find("vat", "094014201", country="GR") == [greek]
        assert find("gr.vat", "094 014 201") == [greek]
        assert find("eu.vat", "el 094014201") == [greek]
        assert find("vat", "EL094014201", country="GR") == [greek]
        assert find("de.vat", "136695976") == [german]
        assert find("eu.vat", "DE 136 695 976") == [german]
        assert find("vatin", "GB980780684") == [british]
        assert find("vatin", "XI980780684") == [british]
        # The Greek VAT number is the AFM with a prefix: one taxpayer, one key.
        assert find("afm", "094014201", country="GR") == [greek]
        assert find("vat", "EL094014201") == [greek]
        assert find("vat", "DE136695976") == [german]
        with pytest.raises(ValidationError) as caught:
            find("eu.vat", "DE136695976", country="AT")
        assert caught.value.code == "identifier.country_mismatch"

    def test_both_spellings_of_one_number_conflict(self, store: Store) -> None:
        store.parties.add(_organization(identifiers=[Identifier("pl.nip", "5260250995")]))
        with pytest.raises(ConflictError) as caught:
            store.parties.add(
                _organization("Inna", identifiers=[Identifier("nip", "5260250995", country="PL")])
            )
        assert caught.value.code == "party.duplicate_identifier"
        store.parties.add(
            _organization("Α", identifiers=[Identifier("vat", "094014201", country="GR")])
        )
        batch: list[Party] = [
            _organization("Β", identifiers=[Identifier("eu.vat", "EL094014201")]),
            _organization("Γ", identifiers=[Identifier("gr.vat", "094014201")]),
            _organization("Δ", identifiers=[Identifier("vatin", "GR094014201")]),
            _organization("Ε", identifiers=[Identifier("afm", "094014201", country="GR")]),
            _organization("Ζ", identifiers=[Identifier("afm", "895837291", country="GR")]),
        ]
        result = store.parties.add_batch(batch)
        assert len(result.accepted) + len(result.rejected) == result.received == 5
        assert [(r.index, r.error.code) for r in result.rejected] == [
            (0, "party.duplicate_identifier"),
            (1, "party.duplicate_identifier"),
            (2, "party.duplicate_identifier"),
            (3, "party.duplicate_identifier"),
        ]
        assert store.parties.count() == 3

    @pytest.mark.parametrize(
        ("national", "vat"),
        [
            (Identifier("nip", "9906958483", country="PL"), Identifier("vat", "PL9906958483")),
            (Identifier("afm", "967679040", country="GR"), Identifier("eu.vat", "EL967679040")),
            (Identifier("dic", "25123891", country="CZ"), Identifier("vat", "CZ25123891")),
            (Identifier("oib", "33392005961", country="HR"), Identifier("vatin", "HR33392005961")),
            (
                Identifier("cui", "18547290", country="RO"),
                Identifier("vat", "18547290", country="RO"),
            ),
        ],
    )
    def test_a_vat_holder_and_a_tax_number_holder_of_one_number_conflict(
        self, store: Store, national: Identifier, vat: Identifier
    ) -> None:
        # Where the VAT number is the national tax number with a prefix, both
        # name one taxpayer: one key for uniqueness and look-ups, both ways.
        first = store.parties.add(_organization("Pierwsza", identifiers=[national]))
        with pytest.raises(ConflictError) as caught:
            store.parties.add(_organization("Druga", identifiers=[vat]))
        assert caught.value.code == "party.duplicate_identifier"
        assert store.parties.find_by_identifier(vat.scheme, vat.value, country=vat.country) == [
            first
        ]
        store.parties.erase(first.id)
        second = store.parties.add(_organization("Druga", identifiers=[vat]))
        assert store.parties.find_by_identifier(
            national.scheme, national.value, country=national.country
        ) == [second]
        with pytest.raises(ConflictError):
            store.parties.add(_organization("Trzecia", identifiers=[national]))
        # One party may hold both: they are one key of its own.
        both = attrs.evolve(second, identifiers=[vat, national])
        assert store.parties.update(both).identifiers == (vat, national)

    def test_a_vat_number_and_another_national_number_stay_apart(self, store: Store) -> None:
        # Germany's VAT number is not its tax number, nor Ukraine's the EDRPOU
        # code: their VAT numbers keep a key of their own.
        german = store.parties.add(
            _organization("Schulz", identifiers=[Identifier("vat", "DE174534131")])
        )
        other = store.parties.add(
            _organization(
                "Schulz KG", identifiers=[Identifier("stnr", "18181508155", country="DE")]
            )
        )
        ukrainian = store.parties.add(
            _organization("Ромашка", identifiers=[Identifier("edrpou", "22432208", country="UA")])
        )
        find = store.parties.find_by_identifier
        assert find("vat", "DE174534131") == [german]
        assert find("stnr", "18181508155", country="DE") == [other]
        assert find("vat", "174534131", country="DE") == [german]
        assert find("edrpou", "22432208", country="UA") == [ukrainian]

    def test_find_by_external_key_is_case_sensitive(self, store: Store) -> None:
        party = store.parties.add(_person(external_keys=[ExternalKey("1C", "Ab-1")]))
        assert store.parties.find_by_external_key("1C", "Ab-1") == [party]
        assert store.parties.find_by_external_key("1C", "ab-1") == []
        assert store.parties.find_by_external_key("1c", "Ab-1") == []

    def test_select_streams_in_id_order_in_batches(self, store: Store) -> None:
        added = store.parties.add_many(_person(family=f"Nowak {i}") for i in range(25))
        streamed = list(store.parties.select(batch_size=4))
        assert streamed == sorted(added, key=lambda p: p.id)
        assert store.parties.count() == 25

    def test_select_sees_writes_made_while_streaming(self, store: Store) -> None:
        store.parties.add_many(_person(family=f"Nowak {i}") for i in range(6))
        seen = 0
        for party in store.parties.select(batch_size=2):
            store.parties.update(party.with_tags("seen"))
            seen += 1
        assert seen == 6
        assert store.parties.count(HasTag("seen")) == 6

    def test_predicates(self, store: Store) -> None:
        pl = store.parties.add(
            _person(
                roles={"client"},
                tags={"vip"},
                contacts=[PostalAddress(locality="Kraków", country="PL")],
                created_at=datetime(2026, 1, 1, 0, 30, tzinfo=WARSAW),
            )
        )
        ua = store.parties.add(
            _organization(
                roles={"supplier", "client"},
                identifiers=[Identifier("edrpou", "32855961", country="UA")],
                created_at=datetime(2025, 12, 31, 23, 45, tzinfo=UTC),
            )
        )
        nowhere = store.parties.add(_person(family="Smith", roles={"prospect"}))
        select = store.parties.select

        def ids(predicate: Any) -> set[uuid.UUID]:  # noqa: ANN401 - any predicate
            found = {party.id for party in select(predicate)}
            assert store.parties.count(predicate) == len(found)
            return found

        assert ids(Compare("country", "==", "pl")) == {pl.id}
        assert ids(Compare("country", "!=", "PL")) == {ua.id, nowhere.id}
        assert ids(Compare("country", "==", None)) == {nowhere.id}
        assert ids(Compare("country", "!=", None)) == {pl.id, ua.id}
        assert ids(Not(Compare("country", "==", "UA"))) == {pl.id, nowhere.id}
        assert ids(Compare("country", "<", "UA")) == {pl.id}
        assert ids(In("country", ["UA", "PL"])) == {pl.id, ua.id}
        assert ids(In("country", [])) == set()
        assert ids(Compare("kind", "==", "organization")) == {ua.id}
        # 2026-01-01 00:30+01:00 is 2025-12-31 23:30 UTC: before ua's 23:45 UTC.
        boundary = datetime(2025, 12, 31, 23, 40, tzinfo=UTC)
        assert ids(Compare("created_at", "<", boundary)) == {pl.id}
        assert ids(Compare("created_at", ">=", boundary)) == {ua.id, nowhere.id}
        assert ids(Compare("customer_number", "==", ua.customer_number)) == {ua.id}
        assert ids(Compare("version", "==", 1)) == {pl.id, ua.id, nowhere.id}
        assert ids(Compare("updated_at", ">", pl.updated_at)) == {ua.id, nowhere.id}
        assert ids(HasRole("client")) == {pl.id, ua.id}
        assert ids(HasRole("client") & ~HasTag("vip")) == {ua.id}
        assert ids(HasTag("vip") | HasRole("prospect")) == {pl.id, nowhere.id}
        assert ids(And()) == {pl.id, ua.id, nowhere.id}
        assert ids(Or()) == set()
        assert ids(Not(Or(HasRole("supplier"), Compare("country", "==", None)))) == {pl.id}

    def test_select_rejects_a_bad_batch_size(self, store: Store) -> None:
        with pytest.raises(ValidationError) as caught:
            list(store.parties.select(batch_size=0))
        assert caught.value.code == "query.invalid_batch_size"

    # --- updating --------------------------------------------------------------

    def test_update_bumps_the_version_and_reindexes(self, store: Store) -> None:
        party = store.parties.add(_person(contacts=[PhoneNumber("+48601234567")], tags={"a"}))
        changed = attrs.evolve(
            party,
            contacts=[PhoneNumber("+380671234567")],
            tags={"b"},
            identifiers=[Identifier("pesel", "90010112345")],
        )
        updated = store.parties.update(changed)
        assert updated.version == 2
        assert updated.updated_at > party.updated_at
        assert updated.customer_number == party.customer_number
        assert store.parties.get(party.id) == updated
        assert store.parties.find_by_phone("+48601234567") == []
        assert store.parties.find_by_phone("+380671234567") == [updated]
        assert store.parties.find_by_identifier("pesel", "90010112345") == [updated]
        assert store.parties.count(HasTag("a")) == 0
        assert store.parties.count(HasTag("b")) == 1

    def test_a_stale_update_is_refused(self, store: Store) -> None:
        party = store.parties.add(_person())
        store.parties.update(party.with_tags("first"))
        with pytest.raises(ConflictError) as caught:
            store.parties.update(party.with_tags("second"))
        assert caught.value.code == "party.stale_version"
        assert store.parties.get(party.id).tags == {"first"}

    @pytest.mark.parametrize("ahead", [1, 2, 50])
    def test_an_update_from_a_version_never_stored_is_refused(
        self, store: Store, ahead: int
    ) -> None:
        # A client that skips versions must not overwrite what it never read:
        # only the stored version may update, a higher one as a lower one.
        party = store.parties.add(_person())
        current = store.parties.update(party.with_tags("first"))
        with pytest.raises(ConflictError) as caught:
            store.parties.update(
                attrs.evolve(current.with_tags("second"), version=current.version + ahead)
            )
        assert caught.value.code == "party.stale_version"
        assert store.parties.get(party.id) == current

    def test_update_of_a_missing_party(self, store: Store) -> None:
        with pytest.raises(NotFoundError):
            store.parties.update(_person(version=1))

    def test_a_customer_number_does_not_change(self, store: Store) -> None:
        party = store.parties.add(_person())
        kept = store.parties.update(attrs.evolve(party, customer_number=None))
        assert kept.customer_number == party.customer_number
        with pytest.raises(ConflictError) as caught:
            store.parties.update(attrs.evolve(kept, customer_number=customer_number(9, "X")))
        assert caught.value.code == "party.customer_number_changed"

    def test_update_into_another_partys_identifier(self, store: Store) -> None:
        store.parties.add(_organization(identifiers=[Identifier("krs", "0000012345")]))
        other = store.parties.add(_organization("Inna"))
        with pytest.raises(ConflictError) as caught:
            store.parties.update(other.with_identifier(Identifier("krs", "0000012345")))
        assert caught.value.code == "party.duplicate_identifier"
        assert store.parties.get(other.id) == other

    # --- deleting and erasing --------------------------------------------------

    def test_soft_delete_hides_the_party(self, store: Store) -> None:
        party = store.parties.add(
            _person(
                contacts=[PhoneNumber("+302101234567"), EmailAddress("g.papadopoulos@otenet.gr")],
                identifiers=[Identifier("afm", "094014201", country="GR")],
                external_keys=[ExternalKey("shop", "7")],
                roles={"client"},
            )
        )
        gone = store.parties.delete(party.id)
        assert gone.deleted_at is not None
        assert gone.version == 2
        assert store.parties.delete(party.id) == gone
        with pytest.raises(NotFoundError):
            store.parties.get(party.id)
        with pytest.raises(NotFoundError):
            store.parties.get_by_customer_number(str(party.customer_number))
        assert store.parties.find_by_phone("+302101234567") == []
        assert store.parties.find_by_email("g.papadopoulos@otenet.gr") == []
        assert store.parties.find_by_identifier("afm", "094014201") == []
        assert store.parties.find_by_identifier("afm", "094014201", country="GR") == []
        assert store.parties.find_by_external_key("shop", "7") == []
        assert list(store.parties.select()) == []
        assert store.parties.count(HasRole("client")) == 0
        # ... unless asked for.
        assert store.parties.get(party.id, include_deleted=True) == gone
        by_number = store.parties.get_by_customer_number(
            str(party.customer_number), include_deleted=True
        )
        assert by_number == gone
        assert store.parties.find_by_phone("+302101234567", include_deleted=True) == [gone]
        assert store.parties.find_by_email("g.papadopoulos@otenet.gr", include_deleted=True) == [
            gone
        ]
        assert store.parties.find_by_identifier("afm", "094014201", include_deleted=True) == [gone]
        assert store.parties.find_by_external_key("shop", "7", include_deleted=True) == [gone]
        assert list(store.parties.select(include_deleted=True)) == [gone]
        assert store.parties.count(HasRole("client"), include_deleted=True) == 1
        # A deleted party still holds its unique keys, and can be restored.
        with pytest.raises(ConflictError):
            store.parties.add(_person(external_keys=[ExternalKey("shop", "7")]))
        restored = store.parties.update(gone.restored())
        assert store.parties.get(party.id) == restored
        with pytest.raises(NotFoundError):
            store.parties.delete(uuid.uuid4())

    def test_erase_removes_the_party_and_everything_about_it(self, store: Store) -> None:
        party = store.parties.add(
            _person(
                customer_number=customer_number(1, "E"),
                contacts=[PhoneNumber("+447911123456")],
                identifiers=[Identifier("nino", "QQ123456C", country="GB")],
                external_keys=[ExternalKey("shop", "9")],
            )
        )
        employer = store.parties.add(_organization())
        store.affiliations.add(
            Affiliation(party_id=party.id, related_party_id=employer.id, kind="works_at")
        )
        store.interactions.add(
            Interaction(party_id=party.id, channel="phone", direction="inbound", occurred_at=START)
        )
        store.purchases.add(
            Purchase(
                party_id=party.id,
                occurred_at=START,
                lines=[OrderLine("Tee", 1, Money("3.50", "GBP"))],
            )
        )
        event = store.events.append(
            Event(
                stream="consent",
                type="consent.granted",
                occurred_at=START,
                party_id=party.id,
                payload={"email": "siobhan@example.co.uk"},
            )
        )
        store.parties.erase(party.id)
        with pytest.raises(NotFoundError):
            store.parties.get(party.id, include_deleted=True)
        assert store.parties.find_by_phone("+447911123456", include_deleted=True) == []
        assert store.affiliations.for_party(employer.id) == []
        assert store.interactions.for_party(party.id) == []
        assert store.purchases.for_party(party.id) == []
        about = list(store.events.read(party_id=party.id))
        assert [(e.id, e.type, e.payload) for e in about[:1]] == [(event.id, event.type, {})]
        assert [(e.stream, e.type) for e in about[1:]] == [("party", ERASED)]
        # Its unique keys are free again.
        store.parties.add(
            _person(
                customer_number=customer_number(1, "E"),
                identifiers=[Identifier("nino", "QQ123456C", country="GB")],
                external_keys=[ExternalKey("shop", "9")],
            )
        )
        with pytest.raises(NotFoundError):
            store.parties.erase(party.id)

    # --- units of work ---------------------------------------------------------

    def test_a_failing_transaction_leaves_nothing(self, store: Store) -> None:
        kept = store.parties.add(_person())

        def fail_half_way() -> None:
            with store.transaction():
                party = store.parties.add(_person(contacts=[PhoneNumber("+4915112345678")]))
                store.parties.update(kept.with_tags("changed"))
                store.interactions.add(
                    Interaction(
                        party_id=party.id, channel="email", direction="outbound", occurred_at=START
                    )
                )
                store.events.append(Event(stream="s", type="t", occurred_at=START))
                store.parties.delete(kept.id)
                raise RuntimeError

        with pytest.raises(RuntimeError):
            fail_half_way()
        assert list(store.parties.select(include_deleted=True)) == [kept]
        assert store.parties.find_by_phone("+4915112345678") == []
        assert list(store.events.read()) == []

    def test_transactions_nest(self, store: Store) -> None:
        def inner(number: str | None) -> None:
            with store.transaction():
                store.parties.add(_person(family="Inner"))
                store.parties.add(_person(customer_number=number))

        with store.transaction():
            outer = store.parties.add(_person())
            with pytest.raises(ConflictError):
                inner(outer.customer_number)
            after = store.parties.add(_person(family="After"))
        assert _ids(list(store.parties.select())) == sorted([outer.id, after.id])

    def test_a_committed_transaction_keeps_everything(self, store: Store) -> None:
        with store.transaction():
            party = store.parties.add(_person())
            store.events.append(Event(stream="s", type="t", occurred_at=START, party_id=party.id))
        assert store.parties.get(party.id) == party
        assert len(list(store.events.read(party_id=party.id))) == 1

    # --- affiliations, activities, campaigns -----------------------------------

    def test_affiliations(self, store: Store) -> None:
        person = store.parties.add(_person())
        company = store.parties.add(_organization())
        branch = store.parties.add(_organization("Ромашка Львів"))
        works = store.affiliations.add(
            Affiliation(
                party_id=person.id,
                related_party_id=company.id,
                kind="works_at",
                position="головний бухгалтер",
                since=date(2024, 1, 1),
            )
        )
        branch_of = store.affiliations.add(
            Affiliation(party_id=branch.id, related_party_id=company.id, kind="branch_of")
        )
        assert store.affiliations.get(works.id) == works
        assert store.affiliations.for_party(company.id) == sorted(
            [works, branch_of], key=lambda a: a.id
        )
        assert store.affiliations.for_party(person.id) == [works]
        with pytest.raises(ConflictError) as caught:
            store.affiliations.add(works)
        assert caught.value.code == "affiliation.duplicate_id"
        with pytest.raises(NotFoundError) as missing:
            store.affiliations.add(
                Affiliation(party_id=person.id, related_party_id=uuid.uuid4(), kind="works_at")
            )
        assert missing.value.code == "party.not_found"
        store.affiliations.remove(works.id)
        assert store.affiliations.for_party(person.id) == []
        with pytest.raises(NotFoundError) as removed:
            store.affiliations.get(works.id)
        assert removed.value.code == "affiliation.not_found"
        with pytest.raises(NotFoundError):
            store.affiliations.remove(works.id)

    def test_interactions(self, store: Store) -> None:
        party = store.parties.add(_person())
        later = Interaction(
            party_id=party.id,
            channel="phone",
            direction="outbound",
            occurred_at=datetime(2026, 11, 23, 10, 0, tzinfo=WARSAW),
            subject="Oferta na 2027; DROP TABLE interactions",
        )
        earlier = Interaction(
            party_id=party.id,
            channel="meeting",
            direction="inbound",
            occurred_at=datetime(2026, 11, 23, 10, 30, tzinfo=INDIA),
            outcome="offer requested",
            campaign_id=uuid.uuid4(),
        )
        assert store.interactions.add_many([later, earlier]) == [later, earlier]
        assert store.interactions.get(later.id) == later
        got = store.interactions.for_party(party.id)
        assert got == [earlier, later]
        assert got[0].occurred_at.utcoffset() == timedelta(hours=5, minutes=30)
        with pytest.raises(ConflictError) as caught:
            store.interactions.add(later)
        assert caught.value.code == "interaction.duplicate_id"
        with pytest.raises(NotFoundError) as missing:
            store.interactions.add(attrs.evolve(later, id=uuid.uuid4(), party_id=uuid.uuid4()))
        assert missing.value.code == "party.not_found"
        with pytest.raises(NotFoundError):
            store.interactions.get(uuid.uuid4())
        assert store.interactions.for_party(uuid.uuid4()) == []

    def test_purchases_keep_decimal_amounts_exactly(self, store: Store) -> None:
        party = store.parties.add(_organization())
        purchase = Purchase(
            party_id=party.id,
            occurred_at=datetime(2026, 11, 20, 14, 2, tzinfo=KYIV),
            channel="store",
            branch="Київ, Хрещатик",
            reference="ФН-000123",
            lines=[
                OrderLine("Шампунь", Decimal(2), Money("398.00", "UAH")),
                OrderLine("Стрижка", Decimal("0.5"), Money("0.10", "UAH"), kind="service"),
                OrderLine("Φέτα ΠΟΠ 400 g", Decimal("1.125"), Money("1234567890.12", "UAH")),
            ],
        )
        store.purchases.add(purchase)
        got = store.purchases.get(purchase.id)
        assert got == purchase
        assert [str(line.amount.amount) for line in got.lines] == [
            "398.00",
            "0.10",
            "1234567890.12",
        ]
        assert str(got.total.amount) == "1234568288.22"
        assert store.purchases.for_party(party.id) == [purchase]
        with pytest.raises(ConflictError):
            store.purchases.add_many([purchase])
        with pytest.raises(NotFoundError):
            store.purchases.get(uuid.uuid4())

    def test_campaigns(self, store: Store) -> None:
        first = Campaign(
            name="Black Friday 2026",
            channels=["email", "sms"],
            starts_on=date(2026, 11, 27),
            ends_on=date(2026, 11, 30),
            audience="country == 'PL' and purchases.count() >= 3",
        )
        second = Campaign(name="Χριστούγεννα", starts_on=date(2026, 12, 1))
        store.campaigns.add(first)
        store.campaigns.add(second)
        assert store.campaigns.get(first.id) == first
        assert store.campaigns.all() == sorted([first, second], key=lambda c: c.id)
        with pytest.raises(ConflictError):
            store.campaigns.add(first)
        with pytest.raises(NotFoundError) as caught:
            store.campaigns.get(uuid.uuid4())
        assert caught.value.code == "campaign.not_found"

    # --- events ----------------------------------------------------------------

    def test_events_are_read_in_the_order_appended(self, store: Store, clock: StepClock) -> None:
        party_id = store.parties.add(_person()).id
        payload = {
            "text": "Robert'); DROP TABLE events;-- \x00 NUL \u0000 ;",
            "nested": {"list": [1, 2.5, -0.0, 10**30, True, None], "ελληνικά": "Ωμέγα"},
            "empty": {},
        }
        appended = [
            store.events.append(
                Event(
                    stream="consent",
                    type="consent.granted",
                    occurred_at=START - timedelta(days=2),
                    party_id=party_id,
                    payload=payload,
                )
            ),
            store.events.append(Event(stream="audit", type="export", occurred_at=START)),
            store.events.append(
                Event(
                    stream="consent",
                    type="consent.withdrawn",
                    occurred_at=START - timedelta(days=3),
                    party_id=party_id,
                    schema_version=2,
                )
            ),
        ]
        assert all(event.recorded_at is not None for event in appended)
        assert list(store.events.read()) == appended
        assert list(store.events.read(stream="consent")) == [appended[0], appended[2]]
        assert list(store.events.read(party_id=party_id, stream="consent")) == [
            appended[0],
            appended[2],
        ]
        assert list(store.events.read(since=appended[1].recorded_at)) == appended[1:]
        assert list(store.events.read(stream="nothing")) == []
        got = next(store.events.read())
        assert got.payload == payload
        assert got.payload["text"] == payload["text"]
        got.payload["text"] = "changed by the reader"
        assert next(store.events.read()).payload == payload
        with pytest.raises(ConflictError) as caught:
            store.events.append(appended[0])
        assert caught.value.code == "event.duplicate_id"
        assert clock() > START

    # --- the store -------------------------------------------------------------

    def test_the_store_is_a_context_manager(self, store: Store) -> None:
        with store as same:
            assert same is store

"""The suppression list and the rectification log, through the store's event log.

:class:`~crmcore.testing.StoreContract` includes these tests: they need only
``store.events``, ``store.parties`` and a unit of work, so every store keeps
the suppression list and the log of rectifications alike.
"""

# a pytest suite: asserts are its checks, literals its data

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmcore.consent import Suppressions, rectifications, rectify
from crmcore.errors import ConflictError, ValidationError
from crmcore.model import EmailAddress, Party, PersonName, PhoneNumber, PostalAddress

if TYPE_CHECKING:
    from crmcore.storage import Store

__all__ = ["SuppressionContract"]

_SECRET = bytes(range(32))
_OTHER_SECRET = bytes(range(1, 33))


def _olena() -> Party:
    return Party.person(
        given="Олена",
        family="Шевченко",
        contacts=[
            EmailAddress("olena.shevchenko@example.com.ua"),
            PhoneNumber.parse("067 123 4567", country="UA"),
        ],
    )


def _add_then_fail(store: Store, suppressions: Suppressions, contact: PhoneNumber) -> None:
    with store.transaction():
        assert suppressions.add(contact, reason="opt_out")
        assert suppressions.contains(contact)  # the transaction sees its own entry
        raise LookupError


class SuppressionContract:
    """``Suppressions`` and ``rectify`` on the store under test."""

    def test_one_entry_per_contact_point_however_it_is_written(self, store: Store) -> None:
        suppressions = Suppressions(store, secret=_SECRET)
        assert suppressions.add(EmailAddress.parse("Anna.Nowak@Example.PL"), reason="opt_out")
        assert not suppressions.add(EmailAddress("anna.nowak@example.pl"), reason="erasure")
        assert suppressions.add(PhoneNumber.parse("+48 601 234 567"), reason="opt_out")
        assert suppressions.contains(PhoneNumber.parse("0048601234567"))
        assert suppressions.contains(PhoneNumber.parse("601 234 567", country="PL"))
        assert not suppressions.contains(PhoneNumber.parse("+49 30 901820"))
        assert [(entry.kind, entry.reason) for entry in suppressions.entries()] == [
            ("email", "opt_out"),
            ("phone", "opt_out"),
        ]

    def test_the_store_holds_keyed_hashes_only(self, store: Store) -> None:
        suppressions = Suppressions(store, secret=_SECRET)
        suppressions.add(EmailAddress("d.papadopoulos@example.gr"), reason="opt_out")
        suppressions.add(PhoneNumber.parse("+30 691 234 5678"), reason="opt_out")
        stored = json.dumps([event.payload for event in store.events.read()], ensure_ascii=False)
        for fragment in ("papadopoulos", "example.gr", "6912345678", "691 234"):
            assert fragment not in stored
        assert all(event.party_id is None for event in store.events.read())
        assert "secret" not in repr(suppressions)
        assert _SECRET.hex() not in stored

    def test_another_reader_sees_the_list_and_another_secret_does_not(self, store: Store) -> None:
        Suppressions(store, secret=_SECRET).add(
            EmailAddress("juergen.mueller@example.de"), reason="opt_out"
        )
        later = Suppressions(store, secret=_SECRET)
        assert later.contains(EmailAddress.parse("Juergen.Mueller@EXAMPLE.de"))
        assert not Suppressions(store, secret=_OTHER_SECRET).contains(
            EmailAddress("juergen.mueller@example.de")
        )
        # an entry another writer appends is seen by a reader that read before it
        Suppressions(store, secret=_SECRET).add(
            PhoneNumber.parse("+1 202 555 0143"), reason="opt_out"
        )
        assert later.contains(PhoneNumber.parse("(202) 555-0143", country="US"))

    def test_refuse_names_the_suppressed_contact_point(self, store: Store) -> None:
        suppressions = Suppressions(store, secret=_SECRET)
        suppressions.add(PhoneNumber.parse("+380 67 123 4567"), reason="erasure")
        olena = _olena()
        with pytest.raises(ValidationError) as caught:
            suppressions.refuse(olena)
        assert (caught.value.code, caught.value.field, caught.value.value) == (
            "contact.suppressed",
            "contacts[1]",
            "phone",
        )
        assert suppressions.screen(olena) == [olena.contacts[1]]
        clean = attrs.evolve(olena, contacts=olena.contacts[:1])
        assert suppressions.refuse(clean) is clean
        screened = list(suppressions.screen_many([clean, olena]))
        assert screened == [(clean, []), (olena, [olena.contacts[1]])]

    def test_bad_secrets_contacts_and_reasons_are_refused(self, store: Store) -> None:
        for secret in (b"short", "a text of at least thirty-two characters", None):
            with pytest.raises(ValidationError) as caught:
                Suppressions(store, secret=secret)  # type: ignore[arg-type]
            assert (caught.value.code, caught.value.value) == ("suppression.weak_secret", None)
        suppressions = Suppressions(store, secret=_SECRET)
        address = PostalAddress(
            street="ul. Marszałkowska",
            building="1",
            postal_code="00-624",
            locality="Warszawa",
            country="PL",
        )
        for contact in (address, "anna.nowak@example.pl", None):
            with pytest.raises(ValidationError) as caught:
                suppressions.add(contact, reason="opt_out")  # type: ignore[arg-type]
            assert caught.value.code == "suppression.invalid_contact"
        with pytest.raises(ValidationError) as caught:
            suppressions.add(EmailAddress("a@example.pl"), reason="Opt out!")
        assert caught.value.code == "consent.invalid_reason"
        assert list(store.events.read()) == []

    def test_an_erasure_leaves_the_list_as_it_is(self, store: Store) -> None:
        suppressions = Suppressions(store, secret=_SECRET)
        olena = store.parties.add(_olena())
        suppressions.add(olena.contacts[0], reason="opt_out")
        store.parties.erase(olena.id)
        assert Suppressions(store, secret=_SECRET).contains(olena.contacts[0])

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,  # the list grows; each example adds its own
            HealthCheck.differing_executors,  # one test, run on each subclass's store
        ],
    )
    @given(
        local=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789.", min_size=1, max_size=20)
        .map(lambda text: text.strip("."))
        .filter(lambda text: text != "" and ".." not in text),
        upper=st.lists(st.booleans(), min_size=40, max_size=40),
    )
    def test_case_in_an_address_never_makes_a_second_entry(
        self, store: Store, local: str, upper: list[bool]
    ) -> None:
        suppressions = Suppressions(store, secret=_SECRET)
        written = f"{local}@example.pl"
        shouted = "".join(c.upper() if up else c for c, up in zip(written, upper, strict=False))
        suppressions.add(EmailAddress.parse(written), reason="opt_out")
        assert suppressions.contains(EmailAddress.parse(shouted))

    # --- rectification ---------------------------------------------------------

    def test_a_rectification_names_the_fields_and_keeps_their_values_out(
        self, store: Store
    ) -> None:
        anna = store.parties.add(Party.person(given="Ana", family="Nowak"))
        fixed = rectify(
            store,
            attrs.evolve(anna, name=PersonName(given="Anna", family="Nowak")),
            reason="wniosek o sprostowanie z 12 marca 2026",
            reference="DSR-1042",
            requested_by="Anna Nowak",
        )
        assert (fixed.version, fixed.display_name) == (2, "Anna Nowak")
        [entry] = rectifications(store, anna.id)
        assert (entry.version, entry.fields, entry.reference, entry.requested_by) == (
            2,
            ("name.given", "display_name"),
            "DSR-1042",
            "Anna Nowak",
        )
        [event] = store.events.read(stream="rectification")
        assert "Anna" not in json.dumps(event.payload["retained"])

    def test_a_refused_rectification_logs_nothing(self, store: Store) -> None:
        jurgen = store.parties.add(Party.person(given="Jurgen", family="Müller"))
        store.parties.update(attrs.evolve(jurgen, tags=frozenset({"vip"})))
        with pytest.raises(ConflictError):
            rectify(
                store,
                attrs.evolve(jurgen, name=PersonName(given="Jürgen", family="Müller")),
                reason="Berichtigung nach Art. 16 DSGVO",
            )
        for reason in ("", " ", None, "x" * 2001):
            with pytest.raises(ValidationError) as caught:
                rectify(store, jurgen, reason=reason)  # type: ignore[arg-type]
            assert caught.value.code == "rectification.invalid_reason"
        with pytest.raises(ValidationError) as caught:
            rectify(store, "Jürgen", reason="Art. 16")  # type: ignore[arg-type]
        assert caught.value.code == "rectification.invalid_party"
        assert rectifications(store, jurgen.id) == []

    def test_an_entry_rolled_back_with_its_transaction_is_not_on_the_list(
        self, store: Store
    ) -> None:
        suppressions = Suppressions(store, secret=_SECRET)
        ivan = PhoneNumber.parse("+7 912 345-67-89")
        with pytest.raises(LookupError):
            _add_then_fail(store, suppressions, ivan)
        assert not Suppressions(store, secret=_SECRET).contains(ivan)
        suppressions.reload()  # it read the entry before the rollback
        assert not suppressions.contains(ivan)
        assert suppressions.add(ivan, reason="opt_out")
        assert [entry.kind for entry in suppressions.entries()] == ["phone"]

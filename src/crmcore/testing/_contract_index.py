"""The key index part of the storage contract: ``index_is_current`` and ``reindex``.

:class:`~crmcore.testing.StoreContract` includes these tests; they need
nothing but the store's public methods, so that an integrator's store is
held to them too.
"""

# a pytest suite: asserts are its checks, literals its data

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

import attrs
import pytest

from crmcore.errors import ValidationError
from crmcore.model import EmailAddress, ExternalKey, Identifier, Party, PhoneNumber, PostalAddress
from crmcore.storage import HasRole, HasTag, In, keys_fingerprint

if TYPE_CHECKING:
    from crmcore.storage import Store

__all__ = ["IndexContract"]

_CREATED = "2026-11-23T09:30:00+01:00"


def _parties() -> list[Party]:
    """Parties from each market, with every kind of key, in id order."""
    return [
        Party.organization(
            "Kowalski i Synowie",
            id=uuid.UUID(int=1),
            created_at=_CREATED,
            roles={"client"},
            tags={"vip"},
            contacts=[
                PhoneNumber.parse("601 234 567", country="PL"),
                EmailAddress.parse("Biuro@Kowalski.PL"),
                PostalAddress(locality="Warszawa", country="PL"),
            ],
            identifiers=[Identifier.parse("526-025-09-95", scheme="nip", country="PL")],
            external_keys=[ExternalKey("1C", "00-000123")],
        ),
        Party.person(
            given="Олена",
            family="Коваленко",
            id=uuid.UUID(int=2),
            created_at=_CREATED,
            roles={"supplier"},
            tags={"опт"},
            contacts=[PhoneNumber.parse("+380 67 123 4567"), EmailAddress("o.kovalenko@ukr.net")],
            identifiers=[Identifier("rnokpp", "3184710691", country="UA")],
        ),
        Party.organization(
            "Οικονόμου Α.Ε.",
            id=uuid.UUID(int=3),
            created_at=_CREATED,
            tags={"χονδρική"},
            contacts=[
                PhoneNumber.parse("210 123 4567", country="GR"),
                PostalAddress(locality="Αθήνα", country="GR"),
            ],
            identifiers=[Identifier("afm", "094014201", country="GR")],
            external_keys=[ExternalKey("sap", "K-77")],
        ),
        Party.person(
            given="Jürgen",
            family="Müller",
            id=uuid.UUID(int=4),
            created_at=_CREATED,
            contacts=[
                PhoneNumber.parse("+49 151 12345678"),
                EmailAddress.parse("J.Mueller@EXAMPLE.de"),
            ],
            identifiers=[Identifier("loyalty", "Ab-12")],
        ),
        Party.person(
            given="Charlotte",
            family="Smith",
            id=uuid.UUID(int=5),
            created_at=_CREATED,
            roles={"client"},
            contacts=[PhoneNumber.parse("+44 7911 123456"), EmailAddress("c.smith@example.co.uk")],
            identifiers=[Identifier.parse("46-3810275", scheme="ein", country="US")],
            external_keys=[ExternalKey("shop", "uk-5")],
        ),
    ]


def _look_ups(store: Store) -> list[list[uuid.UUID]]:
    """Every look-up the parties of :func:`_parties` answer, as lists of ids."""
    parties = store.parties
    found = [
        parties.find_by_phone("+48601234567", include_deleted=True),
        parties.find_by_phone("067 123 45 67", country="UA", include_deleted=True),
        parties.find_by_phone("+302101234567", include_deleted=True),
        parties.find_by_phone("+4915112345678", include_deleted=True),
        parties.find_by_phone("07911 123456", country="GB", include_deleted=True),
        parties.find_by_email("biuro@kowalski.pl", include_deleted=True),
        parties.find_by_email("O.Kovalenko@ukr.net", include_deleted=True),
        parties.find_by_email("j.mueller@EXAMPLE.de", include_deleted=True),
        parties.find_by_identifier("NIP", "5260250995", country="pl", include_deleted=True),
        parties.find_by_identifier("rnokpp", "3184710691", include_deleted=True),
        parties.find_by_identifier("afm", "094 014 201", include_deleted=True),
        parties.find_by_identifier("loyalty", "Ab-12", include_deleted=True),
        parties.find_by_identifier("ein", "463810275", country="US", include_deleted=True),
        parties.find_by_external_key("1C", "00-000123", include_deleted=True),
        parties.find_by_external_key("sap", "K-77", include_deleted=True),
        parties.find_by_external_key("shop", "uk-5", include_deleted=True),
        list(parties.select(HasRole("client"), include_deleted=True)),
        list(parties.select(HasTag("опт") | HasTag("χονδρική"), include_deleted=True)),
        list(parties.select(In("country", ["PL", "GR"]), include_deleted=True)),
    ]
    return [[party.id for party in each] for each in found]


_EXPECTED = [[uuid.UUID(int=number)] for number in (1, 2, 3, 4, 5, 1, 2, 4, 1, 2, 3, 4, 5, 1, 3, 5)]
_EXPECTED += [[uuid.UUID(int=1), uuid.UUID(int=5)], [uuid.UUID(int=2), uuid.UUID(int=3)]]
_EXPECTED += [[uuid.UUID(int=1), uuid.UUID(int=3)]]


class IndexContract:
    """The tests of the key index, part of :class:`~crmcore.testing.StoreContract`."""

    def test_a_new_store_has_a_current_index(self, store: Store) -> None:
        assert store.parties.index_is_current() is True
        result = store.parties.reindex()
        assert (result.parties, result.written, result.removed, result.conflicts) == (0, 0, 0, ())
        assert result.ok
        assert not result.changed
        assert result.fingerprint == keys_fingerprint()

    def test_reindex_of_a_current_index_changes_nothing(self, store: Store) -> None:
        stored = store.parties.add_many(_parties())
        store.parties.delete(stored[2].id)  # a soft-deleted party keeps its keys
        store.parties.update(stored[3].with_tags("stały klient"))
        assert _look_ups(store) == _EXPECTED
        result = store.parties.reindex()
        assert (result.parties, result.written, result.removed) == (5, 0, 0)
        assert result.conflicts == ()
        assert result.fingerprint == keys_fingerprint()
        assert store.parties.index_is_current()
        assert _look_ups(store) == _EXPECTED
        assert store.parties.reindex() == result

    @pytest.mark.parametrize("batch_size", [1, 2, 5, 1000])
    def test_reindex_in_batches_keeps_every_look_up(self, store: Store, batch_size: int) -> None:
        store.parties.add_many(_parties())
        result = store.parties.reindex(batch_size=batch_size)
        assert (result.parties, result.written, result.removed, result.ok) == (5, 0, 0, True)
        assert _look_ups(store) == _EXPECTED
        # The unique keys are still unique after the rebuild.
        again = [attrs.evolve(party, id=uuid.uuid4()) for party in _parties()]
        refused = store.parties.add_batch(again).rejected
        assert [each.error.code for each in refused] == ["party.duplicate_identifier"] * 5

    def test_a_rolled_back_reindex_leaves_the_index_as_it_was(self, store: Store) -> None:
        store.parties.add_many(_parties())

        def reindex_then_fail() -> None:
            with store.transaction():
                store.parties.reindex(batch_size=2)
                raise RuntimeError

        with pytest.raises(RuntimeError):
            reindex_then_fail()
        assert store.parties.index_is_current()
        assert _look_ups(store) == _EXPECTED

    @pytest.mark.parametrize("batch_size", [0, -1, 2.5, "10", None])
    def test_reindex_refuses_a_bad_batch_size(self, store: Store, batch_size: object) -> None:
        with pytest.raises(ValidationError) as caught:
            store.parties.reindex(batch_size=batch_size)  # type: ignore[arg-type]
        assert caught.value.code == "query.invalid_batch_size"

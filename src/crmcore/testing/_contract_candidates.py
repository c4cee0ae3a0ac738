"""The candidates part of the storage contract: name keys, ``candidates``, ``key_blocks``.

:class:`~crmcore.testing.StoreContract` includes these tests; they need
nothing but the store's public methods, so that an integrator's store is
held to them too.
"""

# a pytest suite: asserts are its checks, literals its data

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

import pytest

from crmcore.errors import ValidationError
from crmcore.model import EmailAddress, Identifier, Party, PhoneNumber, PostalAddress
from crmcore.storage import Candidates, KeyBlock, SkippedKey

if TYPE_CHECKING:
    from crmcore.storage import Store

__all__ = ["CandidatesContract"]

_CREATED = "2026-11-23T09:30:00+01:00"
_SWITCHBOARD = "+48221234567"


def _person(number: int, given: str | None, family: str | None, **fields: Any) -> Party:  # noqa: ANN401 - Party's own keywords
    return Party.person(
        given=given, family=family, id=uuid.UUID(int=number), created_at=_CREATED, **fields
    )


def _organization(number: int, name: str, **fields: Any) -> Party:  # noqa: ANN401 - Party's own keywords
    return Party.organization(name, id=uuid.UUID(int=number), created_at=_CREATED, **fields)


def _ids(*numbers: int) -> tuple[uuid.UUID, ...]:
    return tuple(uuid.UUID(int=number) for number in numbers)


class CandidatesContract:
    """Tests of the reads a duplicate matcher makes: candidates, key blocks, ``get_many``."""

    def test_spellings_of_one_name_in_three_scripts_meet(self, store: Store) -> None:
        store.parties.add_many(
            [
                _person(1, "Олександр", "Іванов"),
                _person(2, "Oleksandr", "Ivanov"),
                _person(3, "Anna", "Nowak"),
            ]
        )
        found = store.parties.candidates(Party.person(given="Александр", family="Иванов"))
        assert [candidate.party.id for candidate in found.found] == list(_ids(1, 2))
        assert found.found[0].keys == (("name", "o:ivanov"),)
        ukrainian = store.parties.candidates(Party.person(given="Олександр", family="Іванов"))
        assert ukrainian.shared(uuid.UUID(int=2)) == (
            ("name", "ivan.o"),
            ("name", "o:ivanov"),
            ("name", "olek.i"),
        )
        assert ukrainian.parties[0].id == uuid.UUID(int=1)

    def test_swapped_names_and_company_spellings_meet(self, store: Store) -> None:
        store.parties.add_many(
            [
                _person(1, "Jan", "Kowalski"),
                _organization(2, "ТОВ «Ромашка»"),
                _organization(3, 'ООО "Ромашка"'),
                _organization(4, "Kowalski", legal_form="sp. z o.o."),
                _person(5, "Γιώργος", "Παπαδόπουλος"),
            ]
        )
        swapped = store.parties.candidates(Party.person(given="Kowalski", family="Jan"))
        assert swapped.parties[0].id == uuid.UUID(int=1)
        assert swapped.found[0].kinds == {"name"}
        company = store.parties.candidates(Party.organization("Romashka LLC"))
        assert [party.id for party in company.parties] == list(_ids(2, 3))
        # A person meets the company named after them.
        person = store.parties.candidates(Party.person(given="Anna", family="Kowalski"))
        assert [party.id for party in person.parties] == list(_ids(1, 4))
        greek = store.parties.candidates(Party.person(given="Georgios", family="Papadopoulos"))
        assert [party.id for party in greek.parties] == list(_ids(5))

    def test_every_kind_of_key_is_shared_and_roles_and_tags_are_not(self, store: Store) -> None:
        store.parties.add_many(
            [
                _person(
                    1,
                    "Jürgen",
                    "Müller",
                    roles={"client"},
                    tags={"vip"},
                    contacts=[
                        PhoneNumber("+4915112345678"),
                        EmailAddress("j.mueller@example.de"),
                        PostalAddress(postal_code="10115", country="DE"),
                    ],
                    identifiers=[Identifier("loyalty", "DE-1")],
                ),
                _person(2, "Charlotte", "Smith", roles={"client"}, tags={"vip"}),
            ]
        )
        new = Party.person(
            given="Mary",
            family="Müllers",
            roles={"client"},
            tags={"vip"},
            contacts=[
                PhoneNumber("+4915112345678"),
                EmailAddress.parse("J.Mueller@Example.DE"),
                PostalAddress(postal_code="10115", locality="Berlin", country="DE"),
            ],
            identifiers=[Identifier("loyalty", "DE-1", country="DE")],
        )
        found = store.parties.candidates(new)
        assert [party.id for party in found.parties] == list(_ids(1))
        assert found.found[0].kinds == {"email", "identifier", "name", "phone"}
        assert ("name", "p:10115:mul") in found.found[0].keys
        assert found.skipped == ()

    def test_a_stored_party_is_not_its_own_candidate(self, store: Store) -> None:
        anna, other = store.parties.add_many(
            [_person(1, "Anna", "Nowak"), _person(2, "Anna", "Nowak")]
        )
        assert store.parties.candidates(anna).parties == (other,)
        assert store.parties.candidates(_person(3, "Ewa", "Lis")) == Candidates()

    def test_a_key_shared_by_too_many_is_skipped_and_reported(self, store: Store) -> None:
        switchboard = [PhoneNumber(_SWITCHBOARD)]
        store.parties.add_many(
            [
                _person(number, "Anna", f"Nowak{number}", contacts=switchboard)
                for number in (1, 2, 3)
            ]
            + [_person(4, "Anna", "Nowak1")]
        )
        new = _person(9, "Anna", "Nowak1", contacts=switchboard)
        found = store.parties.candidates(new, max_per_key=2)
        assert found.skipped == (
            SkippedKey("name", "ana.n", 4),
            SkippedKey("name", "nova.a", 4),
            SkippedKey("phone", _SWITCHBOARD, 3),
        )
        assert [party.id for party in found.parties] == list(_ids(1, 4))
        assert found.shared(uuid.UUID(int=1)) == (("name", "o:novak1"),)
        assert found.shared(uuid.UUID(int=2)) == ()
        everyone = store.parties.candidates(new, max_per_key=4)
        assert everyone.skipped == ()
        assert [party.id for party in everyone.parties] == list(_ids(1, 2, 3, 4))

    def test_soft_deleted_parties_are_candidates_only_if_asked(self, store: Store) -> None:
        store.parties.add_many([_person(1, "Anna", "Nowak"), _person(2, "Anna", "Nowak")])
        store.parties.delete(uuid.UUID(int=2))
        new = _person(9, "Anna", "Nowak")
        assert [party.id for party in store.parties.candidates(new).parties] == list(_ids(1))
        assert store.parties.candidates(new, max_per_key=1).skipped == ()
        both = store.parties.candidates(new, include_deleted=True)
        assert [party.id for party in both.parties] == list(_ids(1, 2))
        assert both.parties[1].deleted_at is not None
        assert len(store.parties.candidates(new, max_per_key=1, include_deleted=True).skipped) == 3

    @pytest.mark.parametrize("limit", [0, -1, 1.5, "5", None, True])
    def test_a_bad_limit_is_refused(self, store: Store, limit: object) -> None:
        party = _person(1, "Anna", "Nowak")
        with pytest.raises(ValidationError) as caught:
            store.parties.candidates(party, max_per_key=limit)  # type: ignore[arg-type]
        assert (caught.value.code, caught.value.field) == (
            "query.invalid_max_per_key",
            "max_per_key",
        )
        with pytest.raises(ValidationError) as blocks:
            store.parties.key_blocks(max_block=limit)  # type: ignore[arg-type]
        assert (blocks.value.code, blocks.value.field) == ("query.invalid_max_block", "max_block")

    def test_key_blocks_group_the_parties_that_share_a_key(self, store: Store) -> None:
        store.parties.add_many(
            [
                _person(1, "Anna", "Nowak", contacts=[PhoneNumber(_SWITCHBOARD)]),
                _person(2, "Anna", "Nowak", contacts=[EmailAddress("biuro@nowak.pl")]),
                _person(3, "Anna", "Nowak", contacts=[PhoneNumber(_SWITCHBOARD)]),
                _person(
                    4,
                    "Ганна",
                    "Коваленко",
                    contacts=[EmailAddress.parse("Biuro@Nowak.PL")],
                    identifiers=[Identifier("loyalty", "K-1")],
                ),
                _person(
                    5,
                    "Hanna",
                    "Kovalenko",
                    identifiers=[Identifier("loyalty", "K-1", country="UA")],
                ),
            ]
        )
        blocks = list(store.parties.key_blocks())
        assert blocks == [
            KeyBlock("email", "biuro@nowak.pl", 2, _ids(2, 4)),
            KeyBlock("identifier", "loyalty\x1fK-1", 2, _ids(4, 5)),
            KeyBlock("name", "ana.n", 3, _ids(1, 2, 3)),
            KeyBlock("name", "gana.k", 2, _ids(4, 5)),
            KeyBlock("name", "kova.g", 2, _ids(4, 5)),
            KeyBlock("name", "nova.a", 3, _ids(1, 2, 3)),
            KeyBlock("name", "o:kovalenko", 2, _ids(4, 5)),
            KeyBlock("name", "o:novak", 3, _ids(1, 2, 3)),
            KeyBlock("phone", _SWITCHBOARD, 2, _ids(1, 3)),
        ]
        assert list(store.parties.key_blocks()) == blocks  # the same output, run after run
        small = list(store.parties.key_blocks(kinds=["phone", "name"], max_block=2))
        assert [(block.key, block.size, block.skipped) for block in small] == [
            ("ana.n", 3, True),
            ("gana.k", 2, False),
            ("kova.g", 2, False),
            ("nova.a", 3, True),
            ("o:kovalenko", 2, False),
            ("o:novak", 3, True),
            (_SWITCHBOARD, 2, False),
        ]
        store.parties.delete(uuid.UUID(int=3))
        assert list(store.parties.key_blocks(kinds=["phone"])) == []
        assert list(store.parties.key_blocks(kinds=["phone"], include_deleted=True)) == [
            KeyBlock("phone", _SWITCHBOARD, 2, _ids(1, 3))
        ]

    @pytest.mark.parametrize("kinds", [["role"], ["tag"], ["phone", "names"]])
    def test_key_blocks_refuse_an_unknown_kind(self, store: Store, kinds: list[str]) -> None:
        with pytest.raises(ValidationError) as caught:
            store.parties.key_blocks(kinds=kinds)
        assert (caught.value.code, caught.value.field) == ("query.unknown_kind", "kinds")

    def test_get_many_reads_the_stored_parties_among_the_ids(self, store: Store) -> None:
        stored = store.parties.add_many([_person(number, "Anna", "Nowak") for number in (3, 1, 2)])
        store.parties.delete(uuid.UUID(int=2))
        asked = [*_ids(3, 2, 1, 3), uuid.UUID(int=99)]
        assert [party.id for party in store.parties.get_many(asked)] == list(_ids(1, 3))
        everyone = store.parties.get_many(asked, include_deleted=True)
        assert [party.id for party in everyone] == list(_ids(1, 2, 3))
        assert everyone[0] == stored[1]
        assert store.parties.get_many([]) == []

    def test_one_number_under_two_countries_is_one_key_of_one_party(self, store: Store) -> None:
        nip = Identifier("nip", "5260250995", country="PL")
        held = store.parties.add(
            _organization(1, "Odra", identifiers=[nip, Identifier("nip", "5260250995")])
        )
        assert list(store.parties.key_blocks(kinds=["identifier"])) == []
        found = store.parties.candidates(
            _organization(2, "Wisła", identifiers=[nip]), max_per_key=1
        )
        assert found.parties == (held,)
        assert found.found[0].keys == (("identifier", "nip\x1f5260250995"),)

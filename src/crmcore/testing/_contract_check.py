"""The ``check()`` part of the storage contract: a sound store reports nothing.

:class:`~crmcore.testing.StoreContract` includes these tests. A store
checks what is meaningful for it (see :meth:`crmcore.storage.Store.check`);
whatever that is, a store that was only written through its own methods
(added, updated, soft-deleted, merged, unmerged, erased) is sound, and
its check must say so. How each store finds damage is tested beside it.
"""

# a pytest suite: asserts are its checks, literals its data

from __future__ import annotations

from typing import TYPE_CHECKING

from crmcore.model import EmailAddress, ExternalKey, Identifier, Party, PhoneNumber
from crmcore.storage import CheckResult
from crmcore.testing._contract_merges import union

if TYPE_CHECKING:
    from crmcore.storage import Store

__all__ = ["CheckContract"]


def _stored(store: Store) -> list[Party]:
    """Parties of several markets, each with keys, stored."""
    return store.parties.add_many(
        [
            Party.organization(
                "Kowalski i Synowie sp. z o.o.",
                created_at="2026-11-23T09:30:00+01:00",
                contacts=[PhoneNumber.parse("601 234 567", country="PL")],
                identifiers=[Identifier.parse("526-025-09-95", scheme="nip", country="PL")],
                external_keys=[ExternalKey("1C", "00-000123")],
            ),
            Party.person(
                given="Олена",
                family="Коваленко",
                created_at="2026-11-23T09:30:00+02:00",
                contacts=[PhoneNumber.parse("+380 67 123 4567"), EmailAddress("olena@ukr.net")],
            ),
            Party.person(
                given="Олена",
                family="Коваленко",
                created_at="2026-11-24T10:00:00+02:00",
                contacts=[EmailAddress.parse("Olena@UKR.net")],
            ),
            Party.organization(
                "Müller Maschinenbau GmbH",
                created_at="2026-11-23T09:30:00+01:00",
                contacts=[PhoneNumber.parse("030 1234567", country="DE")],
            ),
            Party.person(
                given="Emily",
                family="Johnson",
                created_at="2026-11-23T09:30:00-05:00",
                contacts=[PhoneNumber.parse("(212) 555-0147", country="US")],
            ),
        ]
    )


class CheckContract:
    """``store.check()``: nothing to report on a store written through its own methods."""

    def test_an_empty_store_is_sound(self, store: Store) -> None:
        result = store.check()
        assert isinstance(result, CheckResult)
        assert result.ok
        assert result.problems == ()

    def test_a_store_after_every_kind_of_write_is_sound(self, store: Store) -> None:
        polish, olena, again, german, american = _stored(store)
        store.parties.update(polish.with_tags("vip"))
        store.parties.delete(german.id)
        record = store.merges.merge(union(olena, [again]), [again])
        assert store.check().ok
        store.merges.unmerge(record.id)
        store.parties.erase(american.id)
        result = store.check()
        assert result.ok, result.problems
        assert store.parties.count() == 3

"""The backup part of the storage contract: ``crmcore.storage.backup(store, target)``.

:class:`~crmcore.testing.StoreContract` includes these tests. A store that
copies itself (a :class:`~crmcore.storage.Backup`) must write a file that
opens as a SQLite store holding what it held; any other store must answer
``storage.backup_unsupported`` with a hint, and write nothing.
"""

# a pytest suite: asserts are its checks, literals its data

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from crmcore import storage
from crmcore.errors import ConfigurationError, StorageError, ValidationError
from crmcore.model import EmailAddress, Identifier, Party
from crmcore.storage import Backup, Event

if TYPE_CHECKING:
    from pathlib import Path

    from crmcore.storage import Store

__all__ = ["BackupContract"]

_CREATED = "2026-11-23T09:30:00+01:00"


def _fill(store: Store) -> tuple[Party, Event]:
    party = store.parties.add(
        Party.organization(
            "Müller & Söhne GmbH",
            created_at=_CREATED,
            contacts=[EmailAddress("info@mueller-soehne.de")],
            identifiers=[Identifier.parse("DE136695976", scheme="vat", country="DE")],
        )
    )
    event = store.events.append(
        Event(
            stream="consent",
            type="consent.granted",
            occurred_at=party.created_at,
            party_id=party.id,
            payload={"channel": "email"},
        )
    )
    return party, event


class BackupContract:
    """A copy of the store in a file, or a typed refusal that says what to use instead."""

    def test_backup_copies_the_store_or_says_what_to_use(
        self, store: Store, tmp_path: Path
    ) -> None:
        party, event = _fill(store)
        folder = tmp_path / "backups"
        folder.mkdir()
        target = folder / "kopia zapasowa.db"
        if not isinstance(store, Backup):
            with pytest.raises(StorageError) as caught:
                storage.backup(store, target)
            assert caught.value.code == "storage.backup_unsupported"
            assert caught.value.hint is not None
            assert not target.exists()
            return
        storage.backup(store, target)
        assert [each.name for each in folder.iterdir()] == [target.name]  # no temporary left
        with storage.open(f"sqlite:///{target}") as copy:
            assert copy.parties.get(party.id) == party
            assert list(copy.events.read()) == [event]

    def test_backup_keeps_an_existing_file_unless_told(self, store: Store, tmp_path: Path) -> None:
        party, _ = _fill(store)
        (tmp_path / "backups").mkdir()
        target = tmp_path / "backups" / "crm.db"
        target.write_bytes(b"an older backup")
        if not isinstance(store, Backup):
            with pytest.raises(StorageError) as caught:
                storage.backup(store, target, replace=True)
            assert caught.value.code == "storage.backup_unsupported"
            assert target.read_bytes() == b"an older backup"
            return
        with pytest.raises(StorageError) as caught:
            storage.backup(store, target)
        assert (caught.value.code, caught.value.field) == ("storage.backup_exists", "target")
        assert target.read_bytes() == b"an older backup"
        storage.backup(store, str(target), replace=True)
        with storage.open(f"sqlite:///{target}") as copy:
            assert copy.parties.get(party.id) == party

    @pytest.mark.parametrize("target", [b"crm.db", 5, None, "", "   ", ":memory:", "crm\x00.db"])
    def test_backup_refuses_what_is_not_a_path(self, store: Store, target: object) -> None:
        with pytest.raises(ValidationError) as caught:
            storage.backup(store, target)  # type: ignore[arg-type]
        assert (caught.value.code, caught.value.field) == ("storage.invalid_path", "target")

    @pytest.mark.parametrize("replace", ["no", 0, 1, None])
    def test_backup_refuses_a_replace_that_is_not_a_bool(
        self, store: Store, tmp_path: Path, replace: object
    ) -> None:
        target = tmp_path / "backup.db"
        target.write_bytes(b"kept")
        with pytest.raises(ConfigurationError) as caught:
            storage.backup(store, target, replace=replace)  # type: ignore[arg-type]
        assert (caught.value.code, caught.value.field) == ("storage.invalid_option", "replace")
        assert target.read_bytes() == b"kept"

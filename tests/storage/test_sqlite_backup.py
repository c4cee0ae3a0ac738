import sqlite3
import threading
from datetime import UTC, datetime

import pytest

from crmcore import storage
from crmcore.errors import StorageError, ValidationError
from crmcore.model import Party, PhoneNumber
from crmcore.storage import Event, SqliteStore

# A writer adds a party and its consent event in one transaction: a copy
# holds both or neither. Names and numbers of each market, in their scripts.
PEOPLE = (
    ("Zofia", "Wójcik", "+48601234567"),
    ("Олена", "Коваленко", "+380671234567"),
    ("Дмитрий", "Смирнов", "+79161234567"),
    ("Γιώργος", "Παπαδόπουλος", "+306912345678"),
    ("Jürgen", "Groß", "+4915112345678"),
    ("Siobhan", "O'Brien", "+447911123456"),
    ("Ashley", "Johnson", "+12025550143"),
)
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def _add_with_event(store, index):
    given, family, phone = PEOPLE[index % len(PEOPLE)]
    with store.transaction():
        party = store.parties.add(
            Party.person(
                given=given,
                family=family,
                created_at="2026-11-23T09:30:00+01:00",
                contacts=[PhoneNumber(phone)],
            )
        )
        store.events.append(
            Event(
                stream="consent",
                type="consent.granted",
                occurred_at=NOW,
                party_id=party.id,
                payload={"n": index},
            )
        )


def test_a_backup_taken_while_another_store_writes_is_consistent(tmp_path):
    path = tmp_path / "crm.db"
    copies = [tmp_path / f"copy-{n}.db" for n in range(4)]
    written = threading.Event()
    stop = threading.Event()

    def write():
        with SqliteStore(path) as writer:
            index = 0
            while not stop.is_set() or index < 20:
                _add_with_event(writer, index)
                index += 1
                if index == 10:
                    written.set()

    with SqliteStore(path) as store:
        writer = threading.Thread(target=write)
        writer.start()
        try:
            assert written.wait(60)
            for copy in copies:
                store.backup(copy)
        finally:
            stop.set()
            writer.join()
        total = store.parties.count()
    counts = []
    for copy in copies:
        with storage.open(f"sqlite:///{copy}") as restored:
            parties = restored.parties.count()
            events = list(restored.events.read())
            assert len(events) == parties
            assert {e.party_id for e in events} == {p.id for p in restored.parties.select()}
            counts.append(parties)
    assert counts == sorted(counts)
    assert 10 <= counts[0] <= counts[-1] <= total


def test_a_store_in_memory_is_copied_into_a_file(tmp_path):
    with storage.open("sqlite://") as store:
        _add_with_event(store, 0)
        storage.backup(store, tmp_path / "crm.db")
    with storage.open(f"sqlite:///{tmp_path / 'crm.db'}") as copy:
        assert [p.display_name for p in copy.parties.select()] == ["Zofia Wójcik"]


def test_replacing_drops_the_journal_of_the_file_replaced(tmp_path):
    target = tmp_path / "crm.db"
    with SqliteStore(tmp_path / "old.db") as old:
        _add_with_event(old, 1)
    target.write_bytes(b"not a database")
    (tmp_path / "crm.db-wal").write_bytes(b"a journal of another database")
    with SqliteStore(tmp_path / "live.db") as store:
        _add_with_event(store, 2)
        store.backup(target, replace=True)
    assert not (tmp_path / "crm.db-wal").exists()
    with SqliteStore(target) as copy:
        assert [p.display_name for p in copy.parties.select()] == ["Дмитрий Смирнов"]


def test_the_store_s_own_file_is_refused(tmp_path):
    with SqliteStore(tmp_path / "crm.db") as store:
        _add_with_event(store, 3)
        for target in (tmp_path / "crm.db", str(tmp_path / "." / "crm.db")):
            with pytest.raises(ValidationError) as caught:
                store.backup(target, replace=True)
            assert caught.value.code == "storage.invalid_path"
        (tmp_path / "link.db").symlink_to(tmp_path / "crm.db")
        with pytest.raises(ValidationError):
            store.backup(tmp_path / "link.db", replace=True)
        assert store.parties.count() == 1


def test_an_unwritable_target(tmp_path):
    with SqliteStore(tmp_path / "crm.db") as store:
        with pytest.raises(StorageError) as caught:
            store.backup(tmp_path / "no such folder" / "crm.db")
        assert caught.value.code == "storage.unavailable"
        assert isinstance(caught.value.__cause__, OSError)
        (tmp_path / "a folder.db").mkdir()
        with pytest.raises(StorageError) as caught:
            store.backup(tmp_path / "a folder.db", replace=True)
        assert caught.value.code == "storage.unavailable"
        assert isinstance(caught.value.__cause__, OSError | sqlite3.Error)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a folder.db", "crm.db"]


def test_a_closed_store(tmp_path):
    store = SqliteStore(tmp_path / "crm.db")
    store.close()
    with pytest.raises(StorageError) as caught:
        store.backup(tmp_path / "copy.db")
    assert caught.value.code == "storage.closed"

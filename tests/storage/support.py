"""Helpers shared by the storage tests."""

import threading

from crmcore.errors import ConflictError
from crmcore.model import Party


def race(make_store, party):
    """Two updaters of the same party, each with its own store, at the same time."""
    barrier = threading.Barrier(2)
    outcomes = []

    def update(tag):
        with make_store() as store:
            barrier.wait()
            try:
                outcomes.append(store.parties.update(party.with_tags(tag)).version)
            except ConflictError as exc:
                outcomes.append(exc.code)

    threads = [threading.Thread(target=update, args=(tag,)) for tag in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes, key=str)


class Shared:
    """One store shared by threads, used as if each opened it."""

    def __init__(self, store):
        self.store = store

    def __enter__(self):
        return self.store

    def __exit__(self, *exc):
        return None


#: What undoes each migration after the second, newest first: to make a database
#: as an older crmcore left it.
_UNDO = {
    9: ("DROP TABLE consent_facts",),
    8: (
        "DROP INDEX parties_shown_country_ix",
        "DROP INDEX parties_updated_page_ix",
        "DROP INDEX parties_created_page_ix",
    ),
    7: ("DROP TABLE party_versions", "DROP TABLE change_counter", "DROP TABLE changes"),
    6: (
        "DROP INDEX parties_shown_ix",
        "DROP INDEX parties_shown_updated_at_ix",
        "DROP INDEX parties_merged_into_ix",
        "CREATE INDEX parties_merged_into_ix ON parties (merged_into)",
    ),
    5: (
        "DROP TABLE merge_parties",
        "DROP TABLE merges",
        "DROP INDEX parties_merged_into_ix",
        "ALTER TABLE parties DROP COLUMN merged_into",
    ),
    4: ("DROP INDEX parties_deleted_ix",),
    3: ("DROP TABLE index_state",),
}


def as_version(store, version):
    """Make the database of ``store`` what a crmcore of schema ``version`` left."""
    for undone in sorted(_UNDO, reverse=True):
        if undone > version:
            for statement in _UNDO[undone]:
                store.run(statement)
            store.run("DELETE FROM schema_version WHERE version = ?", (undone,))


class _Recording:
    """A DB-API connection that records the statements it executes."""

    def __init__(self, connection, statements):
        self._connection = connection
        self._statements = statements

    def execute(self, sql, params=()):
        self._statements.append((sql, params))
        return self._connection.execute(sql, params)

    def __getattr__(self, name):
        return getattr(self._connection, name)


def statements_of(store, call, monkeypatch):
    """Return the statements (with their parameters) ``call()`` runs on ``store``."""
    statements = []
    with monkeypatch.context() as patch:
        patch.setattr(store, "_connection", _Recording(store._connection, statements))
        call()
    return statements


def upsert_race(make_store, key, names=("Kowalski", "Nowak")):
    """Upserters of the same external key, each with its own store, at the same time.

    Returns each one's ``created``, and the parties that hold the key after the race.
    """
    barrier = threading.Barrier(len(names))
    created = []

    def upsert(name):
        party = Party.person(given="Jan", family=name, external_keys=[key])
        with make_store() as store:
            barrier.wait()
            created.append(store.parties.upsert(party, by=key).created)

    threads = [threading.Thread(target=upsert, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with make_store() as store:
        holders = store.parties.find_by_external_key(key.system, key.key)
    return sorted(created), holders

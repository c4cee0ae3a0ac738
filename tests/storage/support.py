"""Helpers shared by the storage tests."""

import threading

from crmcore.errors import ConflictError


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
    7: ("DROP TABLE party_versions", "DROP TABLE change_counter", "DROP TABLE changes"),
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

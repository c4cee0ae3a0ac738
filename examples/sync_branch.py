"""A head office and a branch keep their parties in step, both ways, through their change feeds.

Each side has its own SQLite database. A sync round has each side read the
other's change feed from the cursor it saved last time, and apply what
changed: the party as the other side holds it now (a change says *what*
changed; the document is read from the store, so a party erased since is
erased here too, and no personal data travels in the feed).

Two rules keep it finite and fair:

* **No echo.** A side applies the other's changes acting as
  ``sync-from-<other>``; when it reads the other's feed, it skips the
  changes made as ``sync-from-<itself>``: they are its own changes, coming
  back.
* **The newer version wins.** If both sides changed the same party, the
  copy changed last (``updated_at``) is kept, whole, on both sides.

The cursors are saved in a small JSON file after each page is applied, so a
sync stopped half way resumes where it stopped, in this process or another.

Run with ``python examples/sync_branch.py`` after ``pip install -e .``.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from crmcore import storage
from crmcore.errors import NotFoundError
from crmcore.ids import CustomerNumberGenerator
from crmcore.model import EmailAddress, Party, PhoneNumber

if TYPE_CHECKING:
    import uuid

    from crmcore.storage import Store

HEAD, BRANCH = "head-office", "branch-krakow"


def content(party: Party) -> Party:
    """Return what both sides must agree on: the party without its store's own stamps."""
    return attrs.evolve(party, version=1, updated_at=party.created_at)


def apply(source: Store, target: Store, party_id: uuid.UUID) -> bool:
    """Make ``target``'s copy of a party what ``source`` holds, unless ``target``'s is newer.

    Returns whether ``target`` was written.
    """
    try:
        theirs = source.parties.get(party_id, include_deleted=True)
    except NotFoundError:  # erased at the source: erased here too
        try:
            target.parties.erase(party_id)
        except NotFoundError:
            return False
        return True
    try:
        ours = target.parties.get(theirs.id, include_deleted=True)
    except NotFoundError:
        target.parties.add(theirs)
        return True
    if content(ours) == content(theirs) or ours.updated_at > theirs.updated_at:
        return False  # the same already, or ours is newer: it wins and goes the other way
    target.parties.update(attrs.evolve(theirs, version=ours.version))
    return True


def pull(source: Store, target: Store, *, names: tuple[str, str], cursors: Path) -> int:
    """Apply to ``target`` what changed in ``source`` since the saved cursor; return the writes."""
    source_name, target_name = names
    saved = json.loads(cursors.read_text()) if cursors.exists() else {}
    cursor = saved.get(f"{source_name}->{target_name}")
    written = 0
    with target.acting_as(f"sync-from-{source_name}"):
        while (page := source.changes.read(cursor, limit=500)).changes:
            changed = dict.fromkeys(
                change.id
                for change in page.changes
                if change.entity == "party" and change.actor != f"sync-from-{target_name}"
            )
            with target.transaction():
                written += sum(apply(source, target, party_id) for party_id in changed)
            cursor = page.cursor
            saved[f"{source_name}->{target_name}"] = cursor
            cursors.write_text(json.dumps(saved))  # after the page is committed
    return written


def sync(head: Store, branch: Store, cursors: Path) -> int:
    """One round both ways; return how many parties were written."""
    return pull(head, branch, names=(HEAD, BRANCH), cursors=cursors) + pull(
        branch, head, names=(BRANCH, HEAD), cursors=cursors
    )


def everything(store: Store) -> dict[uuid.UUID, Party]:
    return {party.id: content(party) for party in store.parties.select(include_deleted=True)}


def check(condition: bool, what: str) -> None:
    """Stop with a message if what the example shows did not happen."""
    if not condition:
        raise SystemExit(f"not so: {what}")


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        here = Path(directory)
        cursors = here / "sync-cursors.json"

        def open_head() -> Store:
            # Each side issues customer numbers from its own node: they never collide.
            return storage.open(
                f"sqlite:///{here / 'head.db'}",
                actor="head-office",
                numbers=CustomerNumberGenerator(node=1),
            )

        def open_branch() -> Store:
            return storage.open(
                f"sqlite:///{here / 'branch.db'}",
                actor="branch-krakow",
                numbers=CustomerNumberGenerator(node=2),
            )

        with open_head() as head, open_branch() as branch:
            zofia, hans, olena = head.parties.add_many(
                [
                    Party.person(
                        given="Zofia",
                        family="Wójcik",
                        created_at="2026-12-01T09:00:00+01:00",
                        contacts=[PhoneNumber("+48601234567")],
                    ),
                    Party.organization(
                        "Müller Logistik", legal_form="GmbH", created_at="2026-12-01T09:05:00+01:00"
                    ),
                    Party.person(
                        given="Олена",
                        family="Коваленко",
                        created_at="2026-12-01T09:10:00+02:00",
                        contacts=[PhoneNumber("+380671234567")],
                    ),
                ]
            )
            with branch.acting_as("k.nowak"):
                (giorgos,) = branch.parties.add_many(
                    [
                        Party.person(
                            given="Γιώργος",
                            family="Παπαδόπουλος",
                            created_at="2026-12-02T10:00:00+02:00",
                            contacts=[EmailAddress("g.papadopoulos@example.gr")],
                        )
                    ]
                )
            first = sync(head, branch, cursors)
            print(f"first round: {first} parties written (3 to the branch, 1 to the head office)")

        # Later, in other processes: both sides change the same party; the
        # branch's change is the newer one, so it wins on both sides.
        with open_head() as head, open_branch() as branch:
            head.parties.update(attrs.evolve(zofia, tags={"hurt"}))
            at_branch = branch.parties.get(zofia.id)
            newer = branch.parties.update(
                attrs.evolve(
                    at_branch, contacts=[*at_branch.contacts, EmailAddress("z.wojcik@wp.pl")]
                )
            )
            head.parties.delete(hans.id)
            branch.parties.erase(giorgos.id)
            second = sync(head, branch, cursors)
            third = sync(head, branch, cursors)
            print(f"second round: {second} parties written; third round: {third}")
            check(third == 0, "nothing echoes back")
            check(everything(head) == everything(branch), "both sides hold the same parties")
            check(content(head.parties.get(zofia.id)) == content(newer), "the newer change won")
            check(head.parties.get(hans.id, include_deleted=True).deleted_at is not None, "deleted")
            check(olena.id in everything(branch), "the branch knows Olena")
            history = head.changes.history(zofia.id)
            print("Zofia Wójcik at the head office:")
            for version in history:
                fields = ", ".join(change.field for change in version.changes)
                print(f"  v{version.version} {version.operation} by {version.actor}: {fields}")
            print(f"{len(everything(head))} parties on both sides, the same on both")


if __name__ == "__main__":
    main()

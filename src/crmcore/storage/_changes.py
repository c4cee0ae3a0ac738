"""The change feed and the history of parties: what every backend shares.

Every write of a party, of its activities and of its ties is recorded, in the
same unit of work as the write, as a :class:`Change`: which entity, which
operation, which version, who (the *actor*) and when, and its place in the
feed, a sequence number in commit order. A change carries no document: a
consumer reads the current state (``store.parties.get(change.party_id,
include_deleted=True)``), so that a party erased since leaves no personal
data in the feed, only ids, operations and times, as in the event log.
Events appended to ``store.events`` are not in the feed: the event log is a
log of its own, read in its own order.

A store gathers the changes of a unit of work as it runs (:class:`Pending`)
and numbers them only when the outermost unit commits, with the last
numbers: the order of the feed is the order of commits, and a change of a
unit of work undone never takes a number.

The history of a party is its versions, each with the changes per field
(:func:`diff` of the model's own dict form); a store keeps the document of
every version an update, a soft delete or a merge replaced (an insert keeps
nothing more than its row), until a :class:`Retention` prunes it or the
party is erased.
"""

from __future__ import annotations

import threading
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol

import attrs

from crmcore._i18n import N_
from crmcore.errors import ValidationError
from crmcore.model import to_dict
from crmcore.storage._events import JsonValue

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

    from crmcore.model import Party

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "Actor",
    "Change",
    "ChangeFeed",
    "ChangePage",
    "FieldChange",
    "Operation",
    "Pending",
    "Retention",
    "Version",
    "check_actor",
    "check_read",
    "cursor_of",
    "diff",
    "history_of",
]

#: What happened to an entity.
Operation = Literal["created", "updated", "deleted", "erased", "merged", "unmerged", "removed"]
#: The operations that make a new version of a party (the ones its history lists).
_VERSIONING: Final = frozenset({"created", "updated", "deleted"})
#: How many changes :meth:`ChangeFeed.read` returns by default, and at most.
DEFAULT_LIMIT: Final = 1000
MAX_LIMIT: Final = 100_000
_CURSOR_PREFIX: Final = "chg-"
_MAX_SEQ: Final = 2**63 - 1
_MAX_DIGITS: Final = len(str(_MAX_SEQ))
_MAX_ACTOR: Final = 200
#: Fields of the dict form that every write changes: told by the version itself.
_STAMPS: Final = frozenset({"type", "schema_version", "version", "updated_at"})


@attrs.frozen
class Change:
    """One committed write, as the feed tells it.

    Attributes:
        seq: Its place in the feed: every change a higher number than the
            changes committed before it.
        cursor: The cursor just after this change: pass it as ``since`` to
            read what came after it.
        entity: ``"party"``, ``"interaction"``, ``"purchase"`` or ``"affiliation"``.
        id: The id of what changed.
        party_id: The party it belongs to (a party's own id; an activity's
            party; a tie's first party).
        operation: What happened (see :data:`Operation`).
        version: A party's version after the write (``None`` for the rest).
        actor: Who made the write (see ``store.acting_as``), if anyone said.
        at: When, by the store's clock.
    """

    seq: int
    cursor: str
    entity: str
    id: uuid.UUID
    party_id: uuid.UUID | None
    operation: str
    version: int | None
    actor: str | None
    at: datetime


@attrs.frozen
class ChangePage:
    """What one read of the feed returned.

    Attributes:
        changes: The changes after the cursor given, in commit order.
        cursor: Where the next read starts: the cursor of the last change
            returned, or the cursor given when there was nothing new. Keep it
            (a short string) to resume, in this process or another.
    """

    changes: tuple[Change, ...]
    cursor: str


@attrs.frozen
class FieldChange:
    """One field's change between two versions of a party.

    Attributes:
        field: The field's dotted path in the dict form (``"name.family"``,
            ``"contacts"``, ``"attributes.city.value"``); a list is one value.
        old: Its value before, in the dict form (``None`` if it had none).
        new: Its value after.
    """

    field: str
    old: JsonValue
    new: JsonValue


@attrs.frozen
class Version:
    """One version of a party in its history.

    Attributes:
        version: The version number.
        operation: ``"created"``, ``"updated"`` or ``"deleted"``.
        actor: Who made it, if anyone said.
        at: When it was written.
        changes: What changed from the version before, field by field, in
            field order (every field a created party has a value in).
    """

    version: int
    operation: str
    actor: str | None
    at: datetime
    changes: tuple[FieldChange, ...]


def _optional_count(value: object) -> int | None:
    if value is None or (type(value) is int and value >= 0):
        return value
    raise ValidationError(
        N_("the number of versions to keep is not a whole number"),
        code="history.invalid_retention",
        field="keep_last",
        value=value,
        hint=N_("a whole number such as 10, or nothing to keep every version"),
    )


def _optional_age(value: object) -> timedelta | None:
    if value is None or (isinstance(value, timedelta) and value >= timedelta(0)):
        return value
    raise ValidationError(
        N_("the age of versions to keep is not a positive duration"),
        code="history.invalid_retention",
        field="newer_than",
        value=str(value),
        hint=N_("a datetime.timedelta such as timedelta(days=365)"),
    )


@attrs.frozen
class Retention:
    """Which earlier versions of each party a store keeps: the rest are pruned.

    The current version is always kept. An earlier version goes when it is
    not among the last ``keep_last`` earlier versions, or when it was
    replaced more than ``newer_than`` ago; ``None`` sets no bound.

    >>> Retention(keep_last=-1)
    Traceback (most recent call last):
    crmcore.errors.ValidationError: keep_last: the number ... [history.invalid_retention]

    Attributes:
        keep_last: How many earlier versions to keep, the newest first.
        newer_than: How long an earlier version is kept after it was replaced.
    """

    keep_last: int | None = attrs.field(default=None, converter=_optional_count)
    newer_than: timedelta | None = attrs.field(default=None, converter=_optional_age)

    def keeps(self, rank: int, replaced_at: datetime, now: datetime) -> bool:
        """Return whether an earlier version is kept: the ``rank``-th newest, replaced then."""
        if self.keep_last is not None and rank >= self.keep_last:
            return False
        return self.newer_than is None or replaced_at >= now - self.newer_than


class ChangeFeed(Protocol):
    """``store.changes``: the change feed and the history of parties."""

    def read(self, since: str | None = None, *, limit: int = DEFAULT_LIMIT) -> ChangePage:
        """Return the changes committed after the cursor ``since``, in commit order.

        Each committed change is returned once to a reader that passes the
        cursor of each page to the next read; ``since=None`` starts at the
        beginning of the feed.

        Raises:
            ValidationError: ``change.invalid_cursor`` for what no read
                returned, ``query.invalid_limit`` for a limit that is not
                from 1 to :data:`MAX_LIMIT`.
        """
        ...

    def history(self, party_id: uuid.UUID) -> list[Version]:
        """Return the party's versions the store keeps, oldest first, with their field changes.

        A version is listed when the store keeps the version before it (or it
        is the first): a pruned version, and the one after it, are not.

        Raises:
            NotFoundError: ``party.not_found`` (an erased party has no history).
        """
        ...

    def prune(self, retention: Retention) -> int:
        """Remove the earlier versions of every party that ``retention`` does not keep.

        Returns:
            How many versions were removed.
        """
        ...


def cursor_of(seq: int) -> str:
    """Return the cursor just after the change ``seq``.

    >>> cursor_of(42)
    'chg-42'
    """
    return f"{_CURSOR_PREFIX}{seq}"


def _seq_of(cursor: object) -> int:
    if cursor is None:
        return 0
    if isinstance(cursor, str) and cursor.startswith(_CURSOR_PREFIX):
        digits = cursor.removeprefix(_CURSOR_PREFIX)
        if digits.isascii() and digits.isdigit() and len(digits) <= _MAX_DIGITS:
            seq = int(digits)
            if seq <= _MAX_SEQ:
                return seq
    raise ValidationError(
        N_("the cursor is not one the change feed returned"),
        code="change.invalid_cursor",
        field="since",
        value=cursor if isinstance(cursor, str) else repr(cursor),
        hint=N_("the cursor of an earlier read, or nothing to read from the start"),
    )


def check_read(since: object, limit: object) -> tuple[int, int]:
    """Return the sequence number after which to read, and the limit; refuse bad ones.

    >>> check_read("chg-7", 10)
    (7, 10)
    >>> check_read("7", 10)
    Traceback (most recent call last):
    crmcore.errors.ValidationError: since: the cursor ... [change.invalid_cursor]
    """
    seq = _seq_of(since)
    if type(limit) is not int or not 1 <= limit <= MAX_LIMIT:
        raise ValidationError(
            N_("the limit is not a positive integer"),
            code="query.invalid_limit",
            field="limit",
            value=limit if isinstance(limit, int) else repr(limit),
            hint=N_("a whole number from {low} to {high}", low=1, high=MAX_LIMIT),
        )
    return seq, limit


def check_actor(actor: object) -> str | None:
    """Return ``actor`` if it can name who writes: short text, no control characters.

    >>> check_actor("erp-sync")
    'erp-sync'
    >>> check_actor("")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: actor: ... [change.invalid_actor]
    """
    if actor is None or (
        isinstance(actor, str)
        and 0 < len(actor) <= _MAX_ACTOR
        and actor.strip() == actor
        and actor.isprintable()
    ):
        return actor
    raise ValidationError(
        N_("the actor is not a short printable name"),
        code="change.invalid_actor",
        field="actor",
        value=actor if isinstance(actor, str) else repr(actor),
        hint=N_("a name such as erp-sync or j.kowalski, of at most 200 characters"),
    )


class Actor:
    """Who writes, per thread: the store's default, or what ``acting_as`` says."""

    __slots__ = ("_default", "_local")

    def __init__(self, default: str | None) -> None:
        self._default = check_actor(default)
        self._local = threading.local()

    @property
    def current(self) -> str | None:
        """The actor of this thread's writes now."""
        actors: list[str | None] | None = getattr(self._local, "stack", None)
        return actors[-1] if actors else self._default

    @contextmanager
    def acting_as(self, actor: str | None) -> Iterator[None]:
        """Record this thread's writes in the block as made by ``actor``."""
        checked = check_actor(actor)
        stack: list[str | None] | None = getattr(self._local, "stack", None)
        if stack is None:
            stack = self._local.stack = []
        stack.append(checked)
        try:
            yield
        finally:
            stack.pop()


#: A change not yet committed: everything but its sequence number.
Draft = tuple[str, uuid.UUID, "uuid.UUID | None", str, "int | None", "str | None", datetime]


class _Parties:
    """Parties written together, one change each: one entry, not a tuple per party."""

    __slots__ = ("actor", "operation", "parties")

    def __init__(self, parties: Sequence[Party], operation: str, actor: str | None) -> None:
        self.parties = parties
        self.operation = operation
        self.actor = actor


class Pending:
    """The changes of the running unit of work, numbered when it commits.

    A store calls :meth:`mark` when a unit of work (or a nested one) begins,
    :meth:`rollback` with that mark when it is undone, and :meth:`take` just
    before the outermost commit. The parties of a bulk insert are kept as the
    list they are already in, and only read when the changes are written: a
    pending change of each would be a hundred thousand more objects for the
    garbage collector to walk while the insert runs.
    """

    __slots__ = ("_actor", "_clock", "_entries", "_size")

    def __init__(self, actor: Actor, clock: Callable[[], datetime]) -> None:
        self._actor = actor
        self._clock = clock
        self._entries: list[Draft | _Parties] = []
        self._size = 0

    def record(
        self,
        entity: str,
        entity_id: uuid.UUID,
        party_id: uuid.UUID | None,
        operation: Operation,
        version: int | None = None,
    ) -> None:
        """Record a write of the running unit of work, at the store clock's time."""
        self._entries.append(
            (entity, entity_id, party_id, operation, version, self._actor.current, self._clock())
        )
        self._size += 1

    def record_parties(self, parties: Sequence[Party], operation: Operation) -> None:
        """Record a write of each party, at the moment it was stamped with."""
        if parties:
            # A tuple: the caller's list may change before the commit.
            self._entries.append(_Parties(tuple(parties), operation, self._actor.current))
            self._size += len(parties)

    def mark(self) -> tuple[int, int]:
        """Return where the changes of a unit of work beginning now start."""
        return len(self._entries), self._size

    def rollback(self, mark: tuple[int, int]) -> None:
        """Forget the changes recorded since ``mark``: their unit of work was undone."""
        del self._entries[mark[0] :]
        self._size = mark[1]

    def take(self) -> tuple[int, Iterator[Draft]]:
        """Return how many changes were recorded and the changes, and forget them: a commit."""
        entries, size = self._entries, self._size
        self._entries, self._size = [], 0
        return size, _drafts(entries)


def _drafts(entries: list[Draft | _Parties]) -> Iterator[Draft]:
    for entry in entries:
        if isinstance(entry, _Parties):
            how, actor = entry.operation, entry.actor
            for party in entry.parties:
                key = party.id
                yield ("party", key, key, how, party.version, actor, party.updated_at)
        else:
            yield entry


def numbered(drafts: Iterable[Draft], first: int) -> Iterator[Change]:
    """Return the changes of ``drafts`` numbered from ``first``."""
    for seq, (entity, entity_id, party_id, operation, version, actor, at) in enumerate(
        drafts, first
    ):
        yield Change(
            seq=seq,
            cursor=cursor_of(seq),
            entity=entity,
            id=entity_id,
            party_id=party_id,
            operation=operation,
            version=version,
            actor=actor,
            at=at,
        )


def _flat(document: Mapping[str, Any], prefix: str, into: dict[str, Any]) -> dict[str, Any]:
    for name, value in document.items():
        if not prefix and name in _STAMPS:
            continue
        if isinstance(value, dict) and value:
            _flat(value, f"{prefix}{name}.", into)
        else:
            into[f"{prefix}{name}"] = value
    return into


def diff(old: Party | None, new: Party) -> tuple[FieldChange, ...]:
    """Return the fields that differ between two versions of a party, in field order.

    Both are compared in the model's dict form (:func:`crmcore.model.to_dict`):
    a nested object field by field, a list as one value; the version and
    ``updated_at`` are the version's own and left out.

    >>> from crmcore.model import Party
    >>> before = Party.person(
    ...     given="Olena", family="Kovalenko", created_at="2026-01-05T09:00:00+02:00")
    >>> after = attrs.evolve(before, name=attrs.evolve(before.name, family="Shevchenko"))
    >>> for change in diff(before, after.with_tags("vip")):
    ...     print(change.field, change.old, change.new)
    name.family Kovalenko Shevchenko
    display_name Olena Kovalenko Olena Shevchenko
    tags [] ['vip']
    """
    after = _flat(to_dict(new), "", {})
    if old is None:  # a new party: the fields it has a value in
        return tuple(
            FieldChange(field=name, old=None, new=value)
            for name, value in after.items()
            if value not in (None, [], {})
        )
    before = _flat(to_dict(old), "", {})
    fields = list(after) + [name for name in before if name not in after]
    return tuple(
        FieldChange(field=name, old=before.get(name), new=after.get(name))
        for name in fields
        if before.get(name) != after.get(name) or (name not in before) != (name not in after)
    )


def history_of(
    written: Sequence[tuple[int, str, str | None, datetime]],
    documents: Mapping[int, Party],
) -> list[Version]:
    """Return the versions of a party from its writes and the documents kept of it.

    Args:
        written: ``(version, operation, actor, at)`` of each write of the
            party recorded in the feed, in feed order.
        documents: The documents kept, by version (the current one among them).
    """
    versions: list[Version] = []
    for version, operation, actor, at in written:
        if operation not in _VERSIONING or version not in documents:
            continue
        before = documents.get(version - 1)
        if before is None and version != 1:
            continue
        changes = diff(before, documents[version])
        versions.append(Version(version, operation, actor, at, changes))
    return versions

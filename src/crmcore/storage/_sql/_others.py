"""Affiliations, activities, campaigns and events in SQL."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from crmcore.errors import ConflictError, NotFoundError
from crmcore.model import Affiliation, Campaign, Interaction, Purchase, from_dict, to_dict
from crmcore.storage._arguments import checks_arguments
from crmcore.storage._codec import dumps, loads
from crmcore.storage._events import ERASED, Event, erased_payload
from crmcore.storage._merges import merged_party
from crmcore.storage._retention import check_prune
from crmcore.storage._writes import event_recorded, not_found

if TYPE_CHECKING:
    import uuid
    from collections.abc import Iterable, Iterator

    from crmcore.storage._sql._store import SqlStore

__all__ = ["SqlAffiliations", "SqlCampaigns", "SqlEvents", "SqlInteractions", "SqlPurchases"]

_T = TypeVar("_T", Affiliation, Interaction, Purchase, Campaign)
_CHUNK = 1000
_READ_BATCH = 1000
_APPEND = (
    "INSERT INTO events (id, stream, party_id, type, recorded_at, document)"
    " VALUES (?, ?, ?, ?, ?, ?)"
)
_STORED = "SELECT 1 FROM events WHERE id = ?"
#: The rule of :func:`crmcore.storage._retention.is_pruned`, in SQL.
_PRUNE = "DELETE FROM events WHERE recorded_at < ? AND type <> ?"


def _document(value: Any) -> Any:  # noqa: ANN401 - JSON text, or JSON the driver parsed
    return loads(value) if isinstance(value, str | bytes) else value


#: The survivor of a party merged into another (no row: not merged, or no such party).
_MERGED_INTO = "SELECT merged_into FROM parties WHERE id = ? AND merged_into IS NOT NULL"


class _Documents(Generic[_T]):
    """A table of one model class, stored as its dict form beside indexed columns."""

    __slots__ = ("_cls", "_entity", "_store", "_table")

    _cls: type[_T]

    def __init__(self, store: SqlStore, cls: type[_T], table: str, entity: str) -> None:
        self._store = store
        self._cls = cls
        self._table = table
        self._entity = entity

    def _load(self, value: Any) -> _T:  # noqa: ANN401 - a document column
        loaded: _T = from_dict(self._cls, _document(value))
        return loaded

    def _refuse_merged(self, party_ids: Iterable[uuid.UUID]) -> None:
        """Refuse a tie or an activity of a party merged into another (``party.merged``)."""
        dialect = self._store.dialect
        for party_id in dict.fromkeys(party_ids):
            found = self._store.rows(_MERGED_INTO, (dialect.id(party_id),))
            if found:
                raise merged_party(party_id, dialect.to_uuid(found[0][0]))

    def _insert(self, columns: str, rows: list[list[Any]], items: list[_T]) -> None:
        marks = ", ".join("?" for _ in columns.split(","))
        params = _with_documents(rows, items)
        try:
            self._store.run_many(
                f"INSERT INTO {self._table} ({columns}, document) VALUES ({marks}, ?)",  # noqa: S608 - constant text
                params,
            )
        except (ConflictError, NotFoundError) as exc:
            if len(items) == 1:
                item = items[0]
                exc.value = str(item.id if isinstance(exc, ConflictError) else _party_of(item))
            raise

    def get(self, item_id: uuid.UUID) -> _T:
        """Return the item stored under ``item_id``.

        Raises:
            NotFoundError: ``<entity>.not_found``.
        """
        rows = self._store.rows(
            f"SELECT document FROM {self._table} WHERE id = ?",  # noqa: S608 - constant text
            (self._store.dialect.id(item_id),),
        )
        if not rows:
            raise not_found(self._entity, item_id)
        return self._load(rows[0][0])

    def _select(self, where: str, params: tuple[object, ...], order: str) -> list[_T]:
        rows = self._store.rows(
            f"SELECT document FROM {self._table} WHERE {where} ORDER BY {order}",  # noqa: S608 - constant text
            params,
        )
        return [self._load(row[0]) for row in rows]


def _with_documents(rows: list[list[Any]], items: list[Any]) -> list[list[Any]]:
    return [[*row, dumps(to_dict(item))] for row, item in zip(rows, items, strict=True)]


def _party_of(item: object) -> object:
    if isinstance(item, Affiliation):
        return [str(item.party_id), str(item.related_party_id)]
    return getattr(item, "party_id", None)


@checks_arguments
class SqlAffiliations(_Documents[Affiliation]):
    """The ties between parties of a SQL store (see :class:`crmcore.storage.Affiliations`)."""

    __slots__ = ()

    def __init__(self, store: SqlStore) -> None:
        super().__init__(store, Affiliation, "affiliations", "affiliation")

    def add(self, affiliation: Affiliation) -> Affiliation:
        """Store a new tie."""
        store = self._store
        key = store.dialect.id
        with store.transaction():
            self._refuse_merged((affiliation.party_id, affiliation.related_party_id))
            self._insert(
                "id, party_id, related_party_id, kind",
                [
                    [
                        key(affiliation.id),
                        key(affiliation.party_id),
                        key(affiliation.related_party_id),
                        affiliation.kind.value,
                    ]
                ],
                [affiliation],
            )
            store.pending.record("affiliation", affiliation.id, affiliation.party_id, "created")
        return affiliation

    def remove(self, affiliation_id: uuid.UUID) -> None:
        """Remove a tie."""
        store = self._store
        with store.transaction():
            key = store.dialect.id(affiliation_id)
            found = store.rows("SELECT party_id FROM affiliations WHERE id = ?", (key,))
            if not found:
                raise not_found("affiliation", affiliation_id)
            store.run("DELETE FROM affiliations WHERE id = ?", (key,))
            store.pending.record(
                "affiliation", affiliation_id, store.dialect.to_uuid(found[0][0]), "removed"
            )

    def for_party(self, party_id: uuid.UUID) -> list[Affiliation]:
        """Return the ties from or to a party, by id."""
        key = self._store.dialect.id(party_id)
        return self._select("party_id = ? OR related_party_id = ?", (key, key), "id")


_A = TypeVar("_A", Interaction, Purchase)


class _Activities(_Documents[_A]):
    __slots__ = ()

    _columns = "id, party_id, occurred_at"

    def _values(self, item: _A) -> list[Any]:
        dialect = self._store.dialect
        return [dialect.id(item.id), dialect.id(item.party_id), dialect.moment(item.occurred_at)]

    def add(self, activity: _A) -> _A:
        """Store a new activity."""
        return self.add_many([activity])[0]

    def add_many(self, activities: Iterable[_A]) -> list[_A]:
        """Store many activities, all or none."""
        added: list[_A] = []
        with self._store.transaction():
            given = iter(activities)
            while chunk := list(itertools.islice(given, _CHUNK)):
                self._refuse_merged(item.party_id for item in chunk)
                self._insert(self._columns, [self._values(item) for item in chunk], chunk)
                record = self._store.pending.record
                for item in chunk:
                    record(self._entity, item.id, item.party_id, "created")
                added.extend(chunk)
        return added

    def for_party(self, party_id: uuid.UUID) -> list[_A]:
        """Return a party's activities, by time, then id."""
        return self._select("party_id = ?", (self._store.dialect.id(party_id),), "occurred_at, id")


@checks_arguments
class SqlInteractions(_Activities[Interaction]):
    """The interactions of a SQL store (see :class:`crmcore.storage.Interactions`)."""

    __slots__ = ()

    _columns = "id, party_id, occurred_at, channel, campaign_id"

    def __init__(self, store: SqlStore) -> None:
        super().__init__(store, Interaction, "interactions", "interaction")

    def _values(self, item: Interaction) -> list[Any]:
        campaign = item.campaign_id
        return [
            *super()._values(item),
            item.channel.value,
            None if campaign is None else self._store.dialect.id(campaign),
        ]


@checks_arguments
class SqlPurchases(_Activities[Purchase]):
    """The purchases of a SQL store (see :class:`crmcore.storage.Purchases`)."""

    __slots__ = ()

    _columns = "id, party_id, occurred_at, currency, total"

    def __init__(self, store: SqlStore) -> None:
        super().__init__(store, Purchase, "purchases", "purchase")

    def _values(self, item: Purchase) -> list[Any]:
        total = item.total
        return [*super()._values(item), total.currency, self._store.dialect.decimal(total.amount)]


@checks_arguments
class SqlCampaigns(_Documents[Campaign]):
    """The campaigns of a SQL store (see :class:`crmcore.storage.Campaigns`)."""

    __slots__ = ()

    def __init__(self, store: SqlStore) -> None:
        super().__init__(store, Campaign, "campaigns", "campaign")

    def add(self, campaign: Campaign) -> Campaign:
        """Store a new campaign."""
        with self._store.transaction():
            self._insert(
                "id, name", [[self._store.dialect.id(campaign.id), campaign.name]], [campaign]
            )
        return campaign

    def all(self) -> list[Campaign]:
        """Return every campaign, by id."""
        return self._select("1 = 1", (), "id")


def _event_document(event: Event) -> str:
    return dumps(
        {
            "id": str(event.id),
            "stream": event.stream,
            "type": event.type,
            "party_id": None if event.party_id is None else str(event.party_id),
            "occurred_at": event.occurred_at.isoformat(),
            "recorded_at": None if event.recorded_at is None else event.recorded_at.isoformat(),
            "schema_version": event.schema_version,
            "payload": event.payload,
        }
    )


def _event(value: Any) -> Event:  # noqa: ANN401 - a document column
    body = dict(_document(value))
    return Event(
        id=body["id"],
        stream=body["stream"],
        type=body["type"],
        party_id=body["party_id"],
        occurred_at=_moment(body["occurred_at"]),
        recorded_at=_moment(body["recorded_at"]),
        schema_version=body["schema_version"],
        payload=body["payload"],
    )


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


@checks_arguments
class SqlEvents:
    """The event log of a SQL store (see :class:`crmcore.storage.EventLog`)."""

    __slots__ = ("_store",)

    def __init__(self, store: SqlStore) -> None:
        self._store = store

    def append(self, event: Event) -> Event:
        """Append an event; it is returned with ``recorded_at`` set."""
        with self._store.transaction():
            return self.append_all([event])[0]

    def append_all(self, events: list[Event]) -> list[Event]:
        """Append events as :meth:`append` appends each, in one statement; return them as stored.

        Each is stamped with the store's clock as it is appended. For the
        writers of events beside other rows (``store.consent``), inside
        their transaction.

        Raises:
            ConflictError: ``event.duplicate_id``, naming the first event
                whose id is stored or given twice; nothing is then appended.
        """
        store = self._store
        dialect = store.dialect
        key, moment, now = dialect.id, dialect.moment, store.now
        recorded = [event_recorded(event, now()) for event in events]
        rows = [
            (
                key(each.id),
                each.stream,
                None if each.party_id is None else key(each.party_id),
                each.type,
                moment(each.recorded_at),
                _event_document(each),
            )
            for each in recorded
        ]
        if len(rows) == 1:
            try:
                store.run(_APPEND, rows[0])
            except ConflictError as exc:
                exc.value = str(events[0].id)
                raise
            return recorded
        try:
            with store.transaction():  # undone alone, so that the duplicate can be found
                store.run_many(_APPEND, rows)
        except ConflictError as exc:
            exc.value = self._first_duplicate([each.id for each in events])
            raise
        return recorded

    def _first_duplicate(self, ids: list[uuid.UUID]) -> str | None:
        """Return the first of ``ids`` that is stored or given before, as text."""
        store = self._store
        seen: set[uuid.UUID] = set()
        for each in ids:
            if each in seen or store.rows(_STORED, (store.dialect.id(each),)):
                return str(each)
            seen.add(each)
        return None  # pragma: no cover - the database found one

    def empty_payloads(self, party_id: uuid.UUID) -> None:
        """Empty the payloads of a party's events (erasure) but for what they retain.

        See :func:`~crmcore.storage._events.erased_payload`; ids, types and times stay.
        """
        store = self._store
        rows = store.rows(
            "SELECT seq, document FROM events WHERE party_id = ?", (store.dialect.id(party_id),)
        )
        store.run_many(
            "UPDATE events SET document = ? WHERE seq = ?",
            [
                (_event_document(attrs.evolve(event, payload=erased_payload(event.payload))), seq)
                for seq, event in ((seq, _event(document)) for seq, document in rows)
                if event.payload
            ],
        )

    def read(
        self,
        *,
        stream: str | None = None,
        party_id: uuid.UUID | None = None,
        since: datetime | None = None,
    ) -> Iterator[Event]:
        """Yield events in the order they were appended, read in batches."""
        dialect = self._store.dialect
        conditions = ["seq > ?"]
        params: list[object] = []
        if stream is not None:
            conditions.append("stream = ?")
            params.append(stream)
        if party_id is not None:
            conditions.append("party_id = ?")
            params.append(dialect.id(party_id))
        if since is not None:
            conditions.append("recorded_at >= ?")
            params.append(dialect.moment(since))
        statement = (
            f"SELECT seq, document FROM events WHERE {' AND '.join(conditions)}"  # noqa: S608 - constant text
            " ORDER BY seq LIMIT ?"
        )
        last = 0
        while True:
            rows = self._store.rows(statement, (last, *params, _READ_BATCH))
            for row in rows:
                yield _event(row[1])
            if len(rows) < _READ_BATCH:
                return
            last = rows[-1][0]

    def prune(self, *, before: datetime, stream: str | None = None) -> int:
        """Remove the events recorded before ``before``, tombstones of erasures apart."""
        before, stream = check_prune(before, stream)
        store = self._store
        statement = _PRUNE if stream is None else _PRUNE + " AND stream = ?"
        params = (store.dialect.moment(before), ERASED, *(() if stream is None else (stream,)))
        with store.transaction():
            return int(store.run(statement, params).rowcount)

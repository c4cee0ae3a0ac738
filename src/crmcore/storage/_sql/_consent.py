"""Consent records in SQL (see :class:`crmcore.storage.ConsentRecords`).

One row of ``consent_facts`` a consent event, unique by ``(party_id, seq)``:
of two writers that read the same last fact, the second one's insert meets
the first one's row and is refused (``consent.chain_moved``). ``holder`` is
the live party whose decisions read the row, kept by merges and unmerges
(:meth:`SqlConsent.follow_merge`, :meth:`SqlConsent.follow_unmerge`): the
facts of a party and of every party merged into it are one range of the
primary key, which begins with ``holder``, read by one statement.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final

from crmcore.errors import CrmError
from crmcore.model._document import set_fields
from crmcore.storage._arguments import checks_arguments
from crmcore.storage._consent import ConsentFact
from crmcore.storage._consent_checks import chain_moved, check_consent_pair
from crmcore.storage._merges import merged_party
from crmcore.storage._reindex import reads_derived_keys
from crmcore.storage._sql._compile import compile_predicate
from crmcore.storage._writes import not_found

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from crmcore.storage._events import Event
    from crmcore.storage._query import Predicate
    from crmcore.storage._sql._index_state import IndexState
    from crmcore.storage._sql._store import SqlStore

__all__ = ["SqlConsent"]

#: How many pairs :meth:`SqlConsent.append_many` writes at a time.
_CHUNK: Final = 500
#: How many parties a scan reads at a time (their ids one ``IN`` list).
_SCAN_BATCH: Final = _CHUNK
#: The sizes an ``IN`` list is padded to (with NULL, which matches nothing),
#: so that a handful of statements serve every number of ids.
_IN_SIZES: Final = (1, 8, 64, _CHUNK)

#: The columns of a fact, in the order of its fields (see ``ConsentFact``).
_COLUMNS: Final = (
    "party_id, event_id, seq, hash, kind, purpose, channel, contact, brand, basis,"
    " occurred_at, expires_at, pending, confirms"
)
#: The same columns of the facts ``f``.
_F_COLUMNS: Final = ", ".join(f"f.{column}" for column in _COLUMNS.split(", "))
_INSERT: Final = (
    f"INSERT INTO consent_facts (holder, {_COLUMNS})"  # noqa: S608 - constant text
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_FACTS: Final = f"SELECT {_COLUMNS} FROM consent_facts WHERE holder = ? ORDER BY party_id, seq"  # noqa: S608 - constant text
_HEAD: Final = f"SELECT {_COLUMNS} FROM consent_facts WHERE party_id = ? ORDER BY seq DESC LIMIT 1"  # noqa: S608 - constant text
#: Whether a party is stored, merged, and the last place of its chain.
_PARTIES: Final = (
    "SELECT id, merged_into, (SELECT MAX(seq) FROM consent_facts WHERE party_id = parties.id)"
    " FROM parties WHERE id IN ({marks})"
)
_MERGED: Final = (
    "SELECT id, merged_into FROM parties WHERE id IN ({marks}) AND merged_into IS NOT NULL"
)
_MERGED_INTO: Final = "SELECT id FROM parties WHERE merged_into = ?"
#: The rule of crmcore.storage._consent_checks.bears, in SQL, on the facts ``f``.
_BEARING: Final = (
    "(f.purpose = ? OR f.purpose IS NULL) AND (f.channel = ? OR f.channel IS NULL)"
    " AND f.occurred_at <= ?"
)
# Built of constant text only: the column names above, and {marks}, which a
# method replaces with "?" marks.
_BEARING_ONE: Final = (
    f"SELECT {_F_COLUMNS} FROM consent_facts AS f"  # noqa: S608 - constant text
    f" WHERE f.holder = ? AND {_BEARING} ORDER BY f.party_id, f.seq"
)
_FOR_HOLDERS: Final = (
    f"SELECT f.holder, {_F_COLUMNS} FROM consent_facts AS f"  # noqa: S608 - constant text
    f" WHERE f.holder IN ({{marks}}) AND {_BEARING} ORDER BY f.holder, f.party_id, f.seq"
)
#: A batch of the live parties a predicate selects, in id order. Ordered by
#: ``deleted_at`` (NULL in every row) first, as ``parties_shown_ix`` is: the
#: index gives the rows in order, and a batch reads no more than it returns
#: (PostgreSQL takes ``IS NULL`` for no equality, and would otherwise read and
#: sort every live party after the cursor, for each batch, until it has statistics).
_SCAN: Final = (
    "SELECT id FROM parties WHERE {where} AND deleted_at IS NULL AND merged_into IS NULL"
    "{after} ORDER BY deleted_at, id LIMIT ?"
)

_fromisoformat: Final = datetime.fromisoformat
_new: Final = object.__new__
_set_fields: Final = set_fields(ConsentFact)


def _uuid(value: Any) -> uuid.UUID:  # noqa: ANN401 - a column's value
    return value if type(value) is uuid.UUID else uuid.UUID(value)


def _moment(value: Any) -> datetime:  # noqa: ANN401 - a column's value
    """Return the aware moment a column holds (SQLite: UTC text; PostgreSQL: timestamptz)."""
    if type(value) is str:
        return _fromisoformat(value + "+00:00")  # faster than .replace(tzinfo=UTC)
    moment: datetime = value
    return moment if moment.tzinfo is UTC else moment.astimezone(UTC)


def _facts(rows: Iterable[Sequence[Any]], party_id: uuid.UUID, key: object) -> list[ConsentFact]:
    """Return the facts of ``rows`` (columns as ``_COLUMNS``); ``key`` is ``party_id`` stored.

    A decision reads a party's facts anew each time: the loop is written for
    speed (the fact built without ``__init__``, each id read once).
    """
    facts: list[ConsentFact] = []
    add, new, set_fields, to_uuid, moment = facts.append, _new, _set_fields, _uuid, _moment
    for (
        stored,
        event_id,
        seq,
        hash_,
        kind,
        purpose,
        channel,
        contact,
        brand,
        basis,
        occurred_at,
        expires_at,
        pending,
        confirms,
    ) in rows:
        fact = new(ConsentFact)
        set_fields(
            fact,
            (
                party_id if stored == key else to_uuid(stored),
                to_uuid(event_id),
                seq,
                hash_,
                kind,
                purpose,
                channel,
                contact,
                brand,
                basis,
                moment(occurred_at),
                None if expires_at is None else moment(expires_at),
                pending == 1,
                None if confirms is None else to_uuid(confirms),
            ),
        )
        add(fact)
    return facts


def _first(row: Sequence[Any]) -> Any:  # noqa: ANN401 - a column's value
    return row[0]


def _marks(count: int) -> tuple[str, int]:
    """Return the ``?`` marks of an ``IN`` list for ``count`` ids, and the padded size."""
    size = next((size for size in _IN_SIZES if size >= count), count)
    return ", ".join("?" * size), size


@checks_arguments
class SqlConsent:
    """The consent records of a SQL store (see :class:`crmcore.storage.ConsentRecords`)."""

    __slots__ = ("_index", "_store")

    def __init__(self, store: SqlStore, index: IndexState) -> None:
        self._store = store
        self._index = index

    # --- writing ------------------------------------------------------------------------

    def _row(self, fact: ConsentFact) -> tuple[object, ...]:
        dialect = self._store.dialect
        key, moment = dialect.id, dialect.moment
        party = key(fact.party_id)
        return (
            party,
            party,
            key(fact.event_id),
            fact.seq,
            fact.hash,
            fact.kind,
            fact.purpose,
            fact.channel,
            fact.contact,
            fact.brand,
            fact.basis,
            moment(fact.occurred_at),
            None if fact.expires_at is None else moment(fact.expires_at),
            1 if fact.pending else 0,
            None if fact.confirms is None else key(fact.confirms),
        )

    def append(self, event: Event, fact: ConsentFact) -> Event:
        """Append an event and its fact; see :meth:`crmcore.storage.ConsentRecords.append`."""
        check_consent_pair(event, fact)
        with self._store.transaction():
            return self._append_chunk([(event, fact)])[0]

    def append_many(self, records: Iterable[tuple[Event, ConsentFact]]) -> int:
        """Append many, all or none; see :meth:`crmcore.storage.ConsentRecords.append_many`."""
        count = 0
        with self._store.transaction():
            given = iter(records)
            while chunk := list(itertools.islice(given, _CHUNK)):
                self._append_chunk(chunk)
                count += len(chunk)
        return count

    def _append_chunk(self, chunk: list[tuple[Event, ConsentFact]]) -> list[Event]:
        """Check the pairs in order, as one append after another would; write them."""
        store = self._store
        parties = self._parties(list(dict.fromkeys(fact.party_id for _, fact in chunk)))
        heads: dict[uuid.UUID, int] = {}
        failure: CrmError | None = None
        stop = len(chunk)
        for index, (event, fact) in enumerate(chunk):
            party_id = fact.party_id
            try:
                check_consent_pair(event, fact)
                found = parties.get(party_id)
                if found is None:
                    raise not_found("party", party_id)
                if found[0] is not None:
                    raise merged_party(party_id, found[0])
            except CrmError as error:  # pairs before it are appended first: theirs comes first
                failure, stop = error, index
                break
            head = heads.get(party_id, found[1])
            if fact.seq != head + 1:  # checked after its event is appended, as append() does
                failure, stop = chain_moved(fact.seq, head), index + 1
                break
            heads[party_id] = fact.seq
        recorded = store.events.append_all([event for event, _ in chunk[:stop]])
        if failure is not None:
            raise failure
        store.run_many(_INSERT, [self._row(fact) for _, fact in chunk])
        return recorded

    def _parties(self, party_ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[uuid.UUID | None, int]]:
        """Return, for each stored party of ``party_ids``, its survivor (if merged) and head.

        The rows are locked until the transaction ends (PostgreSQL): a merge
        of one of them waits, so that no fact is written beside a party that
        is being merged.
        """
        store = self._store
        dialect = store.dialect
        marks, size = _marks(len(party_ids))
        keys = [dialect.id(each) for each in party_ids]
        rows = store.rows(
            _PARTIES.replace("{marks}", marks) + dialect.lock_rows,
            [*keys, *itertools.repeat(None, size - len(keys))],
        )
        return {
            dialect.to_uuid(party): (None if into is None else dialect.to_uuid(into), head or 0)
            for party, into, head in rows
        }

    def follow_merge(self, merged_ids: Sequence[uuid.UUID], survivor_id: uuid.UUID) -> None:
        """Make a merge's survivor hold the facts its merged parties held (merges call this)."""
        key = self._store.dialect.id
        self._store.run_many(
            "UPDATE consent_facts SET holder = ? WHERE holder = ?",
            [(key(survivor_id), key(each)) for each in merged_ids],
        )

    def follow_unmerge(self, party_ids: Sequence[uuid.UUID]) -> None:
        """Give parties shown again the facts of theirs and of the parties merged into them."""
        store = self._store
        key = store.dialect.id
        changes: list[tuple[object, object]] = []
        for party_id in party_ids:
            cluster = [key(party_id)]
            for into in cluster:
                cluster.extend(row[0] for row in store.rows(_MERGED_INTO, (into,)))
            changes.extend((cluster[0], each) for each in cluster)
        store.run_many("UPDATE consent_facts SET holder = ? WHERE party_id = ?", changes)

    # --- reading ------------------------------------------------------------------------

    def head(self, party_id: uuid.UUID) -> ConsentFact | None:
        """Return the party's last fact; see :meth:`crmcore.storage.ConsentRecords.head`."""
        key = self._store.dialect.id(party_id)
        rows = self._store.rows(_HEAD, (key,))
        return _facts(rows, party_id, key)[0] if rows else None

    def facts(self, party_id: uuid.UUID) -> list[ConsentFact]:
        """Return the facts a decision reads; see :meth:`crmcore.storage.ConsentRecords.facts`."""
        store = self._store
        key = store.dialect.id(party_id)
        rows = store.rows(_FACTS, (key,))
        if not rows:  # no facts, or a merged party: its survivor holds them
            survivor = self._survivors([party_id]).get(party_id)
            if survivor is None:
                return []
            party_id, key = survivor, store.dialect.id(survivor)
            rows = store.rows(_FACTS, (key,))
        return _facts(rows, party_id, key)

    def bearing(
        self, party_id: uuid.UUID, *, purpose: str, channel: str, at: datetime
    ) -> list[ConsentFact]:
        """Return one party's bearing facts; see :meth:`crmcore.storage.ConsentRecords.bearing`."""
        store = self._store
        key = store.dialect.id(party_id)
        question = (purpose, channel, store.dialect.moment(at))
        rows = store.rows(_BEARING_ONE, (key, *question))
        if not rows:  # none bear, or a merged party: its survivor holds them
            survivor = self._survivors([party_id]).get(party_id)
            if survivor is None:
                return []
            party_id, key = survivor, store.dialect.id(survivor)
            rows = store.rows(_BEARING_ONE, (key, *question))
        return _facts(rows, party_id, key)

    def for_parties(
        self,
        party_ids: Iterable[uuid.UUID],
        *,
        purpose: str,
        channel: str,
        at: datetime,
    ) -> Iterator[tuple[uuid.UUID, list[ConsentFact]]]:
        """Yield each id with its bearing facts; see :class:`crmcore.storage.ConsentRecords`."""
        question = (purpose, channel, self._store.dialect.moment(at))
        given = iter(party_ids)
        while chunk := list(itertools.islice(given, _CHUNK)):
            found = self._held(list(dict.fromkeys(chunk)), question)
            missing = [each for each in dict.fromkeys(chunk) if each not in found]
            survivors = self._survivors(missing) if missing else {}
            if survivors:
                theirs = self._held(list(dict.fromkeys(survivors.values())), question)
                for merged, survivor in survivors.items():
                    found[merged] = theirs.get(survivor, [])
            for party_id in chunk:
                yield party_id, list(found.get(party_id, ()))

    def _held(
        self, holders: list[uuid.UUID], question: tuple[object, ...]
    ) -> dict[uuid.UUID, list[ConsentFact]]:
        """Return the bearing facts each of ``holders`` (at most a chunk) holds, if any."""
        store = self._store
        key = store.dialect.id
        wanted = {key(each): each for each in holders}
        marks, size = _marks(len(holders))
        rows = store.rows(
            _FOR_HOLDERS.replace("{marks}", marks),
            [*wanted, *itertools.repeat(None, size - len(wanted)), *question],
        )
        found: dict[uuid.UUID, list[ConsentFact]] = {}
        for holder, group in itertools.groupby(rows, key=_first):
            party_id = wanted[holder]
            found[party_id] = _facts((row[1:] for row in group), party_id, holder)
        return found

    def scan(
        self,
        where: Predicate | None = None,
        *,
        purpose: str,
        channel: str,
        at: datetime,
    ) -> Iterator[tuple[uuid.UUID, list[ConsentFact]]]:
        """Yield the live parties ``where`` selects, with their bearing facts, in id order.

        The parties are read :data:`_SCAN_BATCH` at a time, and the facts of
        each batch in one statement, by the index of their holders (a join
        would leave PostgreSQL's generic plan free to read every fact for
        each batch); writes between batches are seen by later batches.
        """
        store = self._store
        dialect = store.dialect
        if reads_derived_keys(where) and not self._index.current:
            self._index.require_current()
        sql, params = compile_predicate(where, dialect)
        # The predicate is compiled from constant column names, its values parameters.
        first = _SCAN.replace("{where}", sql).replace("{after}", "")
        after = _SCAN.replace("{where}", sql).replace("{after}", " AND id > ?")
        question = (purpose, channel, dialect.moment(at))
        rows = store.rows(first, (*params, _SCAN_BATCH))
        while rows:
            party_ids = [dialect.to_uuid(row[0]) for row in rows]
            found = self._held(party_ids, question)
            for party_id in party_ids:
                yield party_id, found.get(party_id, [])
            if len(rows) < _SCAN_BATCH:
                return
            rows = store.rows(after, (*params, rows[-1][0], _SCAN_BATCH))

    def _survivors(self, party_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
        """Return the survivor each merged party of ``party_ids`` stands for, at the chain's end."""
        store = self._store
        dialect = store.dialect
        current = {each: each for each in party_ids}
        asked = list(dict.fromkeys(party_ids))
        while asked:
            step: dict[uuid.UUID, uuid.UUID] = {}
            for start in range(0, len(asked), _CHUNK):
                part = asked[start : start + _CHUNK]
                marks, size = _marks(len(part))
                params = [dialect.id(each) for each in part]
                rows = store.rows(
                    _MERGED.replace("{marks}", marks),
                    [*params, *itertools.repeat(None, size - len(params))],
                )
                step.update((dialect.to_uuid(row[0]), dialect.to_uuid(row[1])) for row in rows)
            if not step:
                break
            for origin, now in current.items():
                if now in step:
                    current[origin] = step[now]
            asked = list(dict.fromkeys(step.values()))
        return {origin: now for origin, now in current.items() if now != origin}

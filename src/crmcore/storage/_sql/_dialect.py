"""What differs between SQLite and PostgreSQL, in one small value.

Every statement is written once, with ``?`` placeholders and ``{type}``
slots for column types; a :class:`Dialect` fills the slots, rewrites the
placeholders and converts parameters (ids, moments, amounts) to what its
driver stores. Nothing else in the SQL stores knows which database it talks to.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, Final

import attrs

__all__ = ["POSTGRES", "SQLITE", "Dialect"]


def _utc_text(moment: datetime) -> str:
    """A moment as fixed-width UTC text, so that text order is time order."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def _same(value: Any) -> Any:  # noqa: ANN401 - a parameter as the driver takes it
    return value


def _text(value: object) -> str:
    return str(value)


def _uuid(value: Any) -> uuid.UUID:  # noqa: ANN401 - a column's value
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


@attrs.frozen
class Dialect:
    """The differences of one database.

    Attributes:
        name: ``"sqlite"`` or ``"postgresql"``.
        types: The column types that fill the ``{slots}`` of the schema.
        placeholder: The driver's parameter placeholder.
        begin: The statement that opens a transaction.
        id: Converts a UUID to the parameter the driver stores.
        moment: Converts an aware datetime to the parameter the driver stores.
        decimal: Converts a Decimal to the parameter the driver stores.
        lock_rows: What ends a ``SELECT`` in a transaction that will write the
            rows it reads, so that a concurrent writer of them waits for it
            (``FOR UPDATE``); empty where the transaction holds the whole
            database already (SQLite's ``BEGIN IMMEDIATE``).
    """

    name: str
    types: dict[str, str]
    placeholder: str
    begin: str
    id: Any
    moment: Any
    decimal: Any
    lock_rows: str = ""
    _cache: dict[str, str] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def sql(self, statement: str) -> str:
        """Return ``statement`` with this dialect's types and placeholders (cached)."""
        done = self._cache.get(statement)
        if done is None:
            done = statement.format(**self.types)
            if self.placeholder != "?":
                done = done.replace("?", self.placeholder)
            self._cache[statement] = done
        return done

    @staticmethod
    def to_uuid(value: Any) -> uuid.UUID:  # noqa: ANN401 - a column's value
        """Return the UUID a column holds."""
        return _uuid(value)


#: SQLite: ids and moments as text (moments in UTC, fixed width), amounts as
#: text (SQLite has no exact decimal type), documents as JSON text.
SQLITE: Final = Dialect(
    name="sqlite",
    types={
        "id": "TEXT",
        "text": "TEXT",
        "document": "TEXT",
        "payload": "TEXT",
        "moment": "TEXT",
        "decimal": "TEXT",
        "integer": "INTEGER",
        "serial": "INTEGER PRIMARY KEY AUTOINCREMENT",
        "without_rowid": " WITHOUT ROWID",
    },
    placeholder="?",
    begin="BEGIN IMMEDIATE",
    id=_text,
    moment=_utc_text,
    decimal=_text,
)

#: PostgreSQL: native uuid, timestamptz, numeric and jsonb; text compared
#: by code point (``COLLATE "C"``), as in SQLite and Python; event documents
#: as ``json``, which keeps every string (``jsonb`` refuses ``\\u0000``).
POSTGRES: Final = Dialect(
    name="postgresql",
    types={
        "id": "uuid",
        "text": 'text COLLATE "C"',
        "document": "jsonb",
        "payload": "json",
        "moment": "timestamptz",
        "decimal": "numeric",
        "integer": "bigint",
        "serial": "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
        "without_rowid": "",
    },
    placeholder="%s",
    begin="BEGIN",
    id=_same,
    moment=_same,
    decimal=_same,
    lock_rows=" FOR UPDATE",
)

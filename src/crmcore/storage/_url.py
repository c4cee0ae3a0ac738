"""``open(url)``: a store from a URL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crmcore._i18n import N_
from crmcore.errors import ConfigurationError
from crmcore.storage._memory import MemoryStore
from crmcore.storage._options import refuse_busy_timeout, sqlite_options
from crmcore.storage._reindex import check_stale_index
from crmcore.storage._writes import utc_now

if TYPE_CHECKING:
    from crmcore.ids import CustomerNumberSource
    from crmcore.model import Clock
    from crmcore.storage._protocols import Store
    from crmcore.storage._reindex import StaleIndex

__all__ = ["open"]

_HINT = N_(
    "memory://, sqlite:///relative/crm.db, sqlite:////absolute/crm.db or postgresql://host/db"
)


def open(
    url: str,
    *,
    clock: Clock = utc_now,
    numbers: CustomerNumberSource | None = None,
    stale_index: StaleIndex = "refuse",
    busy_timeout: float | None = None,
    actor: str | None = None,
) -> Store:
    """Open the store a URL names.

    * ``memory://``: a :class:`~crmcore.storage.MemoryStore`;
    * ``sqlite:///crm.db`` (a path relative to the working directory),
      ``sqlite:////var/lib/crm/crm.db`` (an absolute path) or ``sqlite://``
      (a private database in memory): a :class:`~crmcore.storage.SqliteStore`,
      the embedded default, created and migrated on first use;
    * ``postgresql://user@host:5432/db`` (or ``postgres://``), with an optional
      ``?schema=name`` among the usual libpq parameters: a
      :class:`~crmcore.storage.PostgresStore` (needs ``pip install crmcore[postgres]``).

    Args:
        url: Where the store is.
        clock: What the store reads the time from.
        numbers: Where customer numbers come from for parties added without one.
        stale_index: What a SQL store does if its look-up keys were derived by
            another version of crmcore or its libraries: ``"refuse"`` every
            use of them with ``storage.stale_index`` until
            ``store.parties.reindex()`` (the default), ``"warn"`` once and
            serve them, or ``"reindex"`` at open. A memory store is always current.
        busy_timeout: For SQLite, how many seconds a write waits for another
            process's writer before it fails with ``storage.busy`` (5 by
            default); also ``?busy_timeout=`` in the URL, but not both.
            Reading never waits: WAL readers do not wait for the writer.
        actor: Who writes, in the change feed and the history of parties,
            unless ``store.acting_as(...)`` says otherwise (``None``: nobody said).

    Raises:
        ConfigurationError: ``storage.unknown_url`` for a URL of no known kind,
            ``storage.invalid_option`` for an unknown ``stale_index``, a bad
            or twice given ``busy_timeout`` (or one for a store that is not
            SQLite), an unknown parameter of a SQLite URL.

    >>> with open("memory://") as store:
    ...     store.parties.count()
    0
    >>> open("mysql://localhost/crm")
    Traceback (most recent call last):
    crmcore.errors.ConfigurationError: url: no store is known for this URL ... [storage.unknown_url]
    """
    if not isinstance(url, str):
        raise ConfigurationError(
            N_("the storage URL is not text"),
            code="storage.unknown_url",
            field="url",
            value=url,
            hint=_HINT,
        )
    check_stale_index(stale_index)
    scheme, _, rest = url.partition("://")
    if scheme == "memory" and rest == "":
        refuse_busy_timeout(busy_timeout)
        return MemoryStore(clock=clock, numbers=numbers, actor=actor)
    if scheme == "sqlite":
        from crmcore.storage._sql._sqlite import SqliteStore

        rest, _, query = rest.partition("?")
        return SqliteStore(
            _sqlite_path(url, rest),
            clock=clock,
            numbers=numbers,
            busy_timeout=sqlite_options(url, query, busy_timeout),
            stale_index=stale_index,
            actor=actor,
        )
    if scheme in {"postgresql", "postgres"}:
        from crmcore.storage._sql._postgres import PostgresStore

        refuse_busy_timeout(busy_timeout)
        return PostgresStore(
            url, clock=clock, numbers=numbers, stale_index=stale_index, actor=actor
        )
    raise ConfigurationError(
        N_("no store is known for this URL"),
        code="storage.unknown_url",
        field="url",
        value=url,
        hint=_HINT,
    )


def _sqlite_path(url: str, rest: str) -> str:
    if rest in {"", "/:memory:"}:
        return ":memory:"
    if not rest.startswith("/") or rest == "/":
        raise ConfigurationError(
            N_(
                "a SQLite URL has three slashes before a relative path, four before an absolute one"
            ),
            code="storage.unknown_url",
            field="url",
            value=url,
            hint="sqlite:///crm.db or sqlite:////var/lib/crm/crm.db",
        )
    return rest[1:]

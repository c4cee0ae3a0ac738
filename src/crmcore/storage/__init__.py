"""Storage: protocols, and the stores that implement them.

Every store offers the same repositories (``store.parties``,
``store.affiliations``, ``store.interactions``, ``store.purchases``,
``store.campaigns``, ``store.events``, ``store.merges``, ``store.changes``,
``store.consent``) and a unit of work
(``with store.transaction():``). :func:`open` picks a store from a URL:

>>> from crmcore import storage
>>> from crmcore.model import Party, EmailAddress
>>> with storage.open("memory://") as store:
...     anna = store.parties.add(Party.person(
...         given="Anna", family="Nowak", created_at="2026-11-23T09:30:00+01:00",
...         contacts=[EmailAddress("Anna.Nowak@example.pl")]))
...     found = store.parties.find_by_email("anna.nowak@EXAMPLE.pl")
...     [party.id for party in found] == [anna.id], anna.version
(True, 1)

See :doc:`/storage` for the guide.
"""

from crmcore.storage._backup import Backup, backup
from crmcore.storage._batch import BatchResult, Rejected
from crmcore.storage._candidates import Candidate, Candidates, KeyBlock, SkippedKey
from crmcore.storage._changes import (
    Change,
    ChangeFeed,
    ChangePage,
    FieldChange,
    Retention,
    Version,
)
from crmcore.storage._check import CheckProblem, CheckResult
from crmcore.storage._consent import ConsentFact, ConsentRecords
from crmcore.storage._events import ERASED, RETAINED, Event, JsonValue
from crmcore.storage._memory import MemoryStore
from crmcore.storage._merges import MERGED, UNMERGED, MergeRecord, Merges, Moved
from crmcore.storage._paging import ORDER_FIELDS, Page
from crmcore.storage._protocols import (
    Affiliations,
    Campaigns,
    EventLog,
    Interactions,
    Parties,
    Purchases,
    Store,
)
from crmcore.storage._query import (
    FIELDS,
    And,
    Compare,
    HasRole,
    HasTag,
    In,
    Not,
    Or,
    Predicate,
    matches,
)
from crmcore.storage._reindex import (
    IndexConflict,
    ReindexResult,
    StaleIndex,
    StaleIndexWarning,
    keys_fingerprint,
)
from crmcore.storage._search import SEARCH_MODES, SearchMode
from crmcore.storage._sql._nodes import SqlNodeAllocator
from crmcore.storage._sql._pool import PostgresPool, open_pool
from crmcore.storage._sql._postgres import PostgresStore
from crmcore.storage._sql._sqlite import SqliteStore
from crmcore.storage._upsert import Upserted
from crmcore.storage._url import open

__all__ = [
    "ERASED",
    "FIELDS",
    "MERGED",
    "ORDER_FIELDS",
    "RETAINED",
    "SEARCH_MODES",
    "UNMERGED",
    "Affiliations",
    "And",
    "Backup",
    "BatchResult",
    "Campaigns",
    "Candidate",
    "Candidates",
    "Change",
    "ChangeFeed",
    "ChangePage",
    "CheckProblem",
    "CheckResult",
    "Compare",
    "ConsentFact",
    "ConsentRecords",
    "Event",
    "EventLog",
    "FieldChange",
    "HasRole",
    "HasTag",
    "In",
    "IndexConflict",
    "Interactions",
    "JsonValue",
    "KeyBlock",
    "MemoryStore",
    "MergeRecord",
    "Merges",
    "Moved",
    "Not",
    "Or",
    "Page",
    "Parties",
    "PostgresPool",
    "PostgresStore",
    "Predicate",
    "Purchases",
    "ReindexResult",
    "Rejected",
    "Retention",
    "SearchMode",
    "SkippedKey",
    "SqlNodeAllocator",
    "SqliteStore",
    "StaleIndex",
    "StaleIndexWarning",
    "Store",
    "Upserted",
    "Version",
    "backup",
    "keys_fingerprint",
    "matches",
    "open",
    "open_pool",
]


def __dir__() -> list[str]:
    # Only the public surface: not the private modules that import as attributes.
    return sorted(__all__)

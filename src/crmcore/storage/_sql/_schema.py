"""The schema, as numbered migrations, and the function that applies them.

The table ``schema_version`` records each migration applied, so that opening
a store created by an older crmcore brings it up to date, and opening one
created by a newer crmcore is refused instead of corrupting it. Each
migration runs in one transaction; on PostgreSQL an advisory lock keeps two
processes from migrating at once (SQLite's ``BEGIN IMMEDIATE`` does that).

Every look-up has its index: customer numbers (unique), the key index by
``(kind, lookup)`` (unique for external keys), identifiers by
``(scheme, value, country)`` (unique), activities by party and time, events
by stream, party and position.

Version 2 adds ``node_leases``: which process holds which customer-number
node, until when, and the last second its holders issued numbers in (see
:class:`~crmcore.storage.SqlNodeAllocator`).

Version 3 adds ``index_state``: for the key index of the parties, the
fingerprint of how its keys were derived (see
:func:`~crmcore.storage.keys_fingerprint`) and when it was last rebuilt. It
records none for a database upgraded from version 2, whose keys were derived
by a crmcore that did not say how: its index is stale until
``store.parties.reindex()`` (an index without parties is recorded current
when the store opens).

Version 4 adds ``parties_deleted_ix``, a partial index of the soft-deleted
parties: the candidates and key blocks of live parties leave them out by
reading it once, instead of each key row's party.

Version 5 adds merges (see :class:`~crmcore.storage.Merges`): the column
``parties.merged_into``, the survivor a merged party points to (its row and
document are kept as they were, without key rows; every read but a look-up
by id or customer number leaves it out), the table ``merges`` (one row a
merge: its record as a document, its survivor, when it was applied and
undone) and ``merge_parties`` (which parties each merge names, so that an
erasure finds every record that holds a copy of the party).

Version 6 indexes what every read of parties and the predicates filter
on: ``parties_shown_ix``, a partial index of the parties not merged, by
``deleted_at`` then id (``count()`` and ``select()`` read it instead of
every row: the live parties are its ``deleted_at IS NULL`` part, in id
order), and ``parties_shown_updated_at_ix``, the same parties by
``deleted_at`` then ``updated_at`` (a predicate on ``updated_at``, as
"changed since" reads, is a range of it: a whole index on ``updated_at``
would lose, without statistics, to the equality on ``deleted_at`` of the
first). Both end in ``merged_into`` (always empty in them): SQLite checks a
partial index's condition on the column, and so counts from the index
alone. ``parties_merged_into_ix`` becomes partial, of the merged parties
only: whole, it offered SQLite a "search" for ``merged_into IS NULL`` that
visits every live party's row. The other fields a predicate names already
have theirs (``country``, ``created_at``, ``customer_number``) or are not
worth one (``kind`` and ``version`` have a handful of values).

Version 7 adds the change feed and the history of parties (see
:class:`~crmcore.storage.ChangeFeed`): the table ``changes`` (one row a
committed write: entity, id, party, operation, version, actor, moment; its
``seq`` given at commit, in commit order, from the one row of
``change_counter``) and ``party_versions`` (the document of each earlier
version of a party, with when it was replaced; pruned by a retention and
with the party's erasure).

Version 8 adds ``parties_created_page_ix`` and ``parties_updated_page_ix``,
indexes of ``(created_at, id)`` and ``(updated_at, id)``: a page of parties
in either order (see :meth:`~crmcore.storage.Parties.page`) starts after its
cursor's place on the index, and reads no more rows than it returns. And
``parties_shown_country_ix``, the parties not merged by ``deleted_at`` then
``country``, as version 6's by ``updated_at``: a count of one market's live
parties (a fifth of them, say) is read from the index alone, not from each
party's row.

Version 9 adds ``consent_facts`` (see :class:`~crmcore.storage.ConsentRecords`):
one row a consent event, the plain values a decision reads, unique by
``(party_id, seq)`` (``consent_facts_chain_uq``) so that of two writers that
read the same last fact of a party only one appends the next. A fact goes
with its party (``ON DELETE CASCADE``: an erasure removes it). ``holder`` is
the live party whose decisions read the fact: its own party, or the survivor
it was merged into (a merge and an unmerge move it). The primary key begins
with it, so that in SQLite (a table ``WITHOUT ROWID`` is stored in the order
of its key) the facts of a party and of every party merged into it are one
range of the table, read without a second look-up per row.
"""

from __future__ import annotations

from typing import Final

__all__ = ["LATEST", "MIGRATIONS"]

_V1: Final = (
    """CREATE TABLE parties (
        id {id} PRIMARY KEY,
        customer_number {text} NOT NULL,
        kind {text} NOT NULL,
        country {text},
        version {integer} NOT NULL,
        created_at {moment} NOT NULL,
        updated_at {moment} NOT NULL,
        deleted_at {moment},
        document {document} NOT NULL
    )""",
    "CREATE UNIQUE INDEX parties_customer_number_uq ON parties (customer_number)",
    "CREATE INDEX parties_country_ix ON parties (country)",
    "CREATE INDEX parties_created_at_ix ON parties (created_at)",
    """CREATE TABLE party_keys (
        kind {text} NOT NULL,
        lookup {text} NOT NULL,
        party_id {id} NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
        PRIMARY KEY (kind, lookup, party_id)
    ){without_rowid}""",
    "CREATE INDEX party_keys_party_ix ON party_keys (party_id)",
    (
        "CREATE UNIQUE INDEX party_keys_external_uq ON party_keys (kind, lookup)"
        " WHERE kind = 'external'"
    ),
    """CREATE TABLE party_identifiers (
        scheme {text} NOT NULL,
        value {text} NOT NULL,
        country {text} NOT NULL,
        party_id {id} NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
        CONSTRAINT party_identifiers_uq PRIMARY KEY (scheme, value, country)
    ){without_rowid}""",
    "CREATE INDEX party_identifiers_party_ix ON party_identifiers (party_id)",
    """CREATE TABLE affiliations (
        id {id} PRIMARY KEY,
        party_id {id} NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
        related_party_id {id} NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
        kind {text} NOT NULL,
        document {document} NOT NULL
    )""",
    "CREATE INDEX affiliations_party_ix ON affiliations (party_id)",
    "CREATE INDEX affiliations_related_party_ix ON affiliations (related_party_id)",
    """CREATE TABLE interactions (
        id {id} PRIMARY KEY,
        party_id {id} NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
        occurred_at {moment} NOT NULL,
        channel {text} NOT NULL,
        campaign_id {id},
        document {document} NOT NULL
    )""",
    "CREATE INDEX interactions_party_ix ON interactions (party_id, occurred_at, id)",
    """CREATE TABLE purchases (
        id {id} PRIMARY KEY,
        party_id {id} NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
        occurred_at {moment} NOT NULL,
        currency {text} NOT NULL,
        total {decimal} NOT NULL,
        document {document} NOT NULL
    )""",
    "CREATE INDEX purchases_party_ix ON purchases (party_id, occurred_at, id)",
    """CREATE TABLE campaigns (
        id {id} PRIMARY KEY,
        name {text} NOT NULL,
        document {document} NOT NULL
    )""",
    """CREATE TABLE events (
        seq {serial},
        id {id} NOT NULL,
        stream {text} NOT NULL,
        party_id {id},
        type {text} NOT NULL,
        recorded_at {moment} NOT NULL,
        document {payload} NOT NULL
    )""",
    "CREATE UNIQUE INDEX events_id_uq ON events (id)",
    "CREATE INDEX events_stream_ix ON events (stream, seq)",
    "CREATE INDEX events_party_ix ON events (party_id, seq)",
)

_V2: Final = (
    """CREATE TABLE node_leases (
        node {integer} PRIMARY KEY,
        holder {text},
        last_second {integer} NOT NULL,
        expires_at {integer} NOT NULL
    )""",
)

_V3: Final = (
    """CREATE TABLE index_state (
        name {text} PRIMARY KEY,
        fingerprint {text},
        rebuilt_at {moment}
    )""",
    "INSERT INTO index_state (name, fingerprint, rebuilt_at) VALUES ('parties', NULL, NULL)",
)

_V4: Final = ("CREATE INDEX parties_deleted_ix ON parties (id) WHERE deleted_at IS NOT NULL",)

_V5: Final = (
    "ALTER TABLE parties ADD COLUMN merged_into {id}",
    "CREATE INDEX parties_merged_into_ix ON parties (merged_into)",
    """CREATE TABLE merges (
        id {id} PRIMARY KEY,
        survivor_id {id} NOT NULL,
        merged_at {moment} NOT NULL,
        undone_at {moment},
        document {document} NOT NULL
    )""",
    "CREATE INDEX merges_survivor_ix ON merges (survivor_id)",
    """CREATE TABLE merge_parties (
        merge_id {id} NOT NULL REFERENCES merges (id) ON DELETE CASCADE,
        party_id {id} NOT NULL,
        PRIMARY KEY (merge_id, party_id)
    ){without_rowid}""",
    "CREATE INDEX merge_parties_party_ix ON merge_parties (party_id)",
)

_V6: Final = (
    "DROP INDEX parties_merged_into_ix",
    "CREATE INDEX parties_merged_into_ix ON parties (merged_into) WHERE merged_into IS NOT NULL",
    (
        "CREATE INDEX parties_shown_ix ON parties (deleted_at, id, merged_into)"
        " WHERE merged_into IS NULL"
    ),
    (
        "CREATE INDEX parties_shown_updated_at_ix ON parties (deleted_at, updated_at, merged_into)"
        " WHERE merged_into IS NULL"
    ),
)

_V7: Final = (
    """CREATE TABLE changes (
        seq {integer} PRIMARY KEY,
        entity {text} NOT NULL,
        entity_id {id} NOT NULL,
        party_id {id},
        operation {text} NOT NULL,
        version {integer},
        actor {text},
        changed_at {moment} NOT NULL
    )""",
    "CREATE INDEX changes_entity_ix ON changes (entity_id, seq)",
    """CREATE TABLE change_counter (
        name {text} PRIMARY KEY,
        last_seq {integer} NOT NULL
    )""",
    "INSERT INTO change_counter (name, last_seq) VALUES ('changes', 0)",
    """CREATE TABLE party_versions (
        party_id {id} NOT NULL,
        version {integer} NOT NULL,
        replaced_at {moment} NOT NULL,
        document {document} NOT NULL,
        PRIMARY KEY (party_id, version)
    ){without_rowid}""",
)

_V8: Final = (
    "CREATE INDEX parties_created_page_ix ON parties (created_at, id)",
    "CREATE INDEX parties_updated_page_ix ON parties (updated_at, id)",
    (
        "CREATE INDEX parties_shown_country_ix ON parties (deleted_at, country, merged_into)"
        " WHERE merged_into IS NULL"
    ),
)

_V9: Final = (
    """CREATE TABLE consent_facts (
        party_id {id} NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
        seq {integer} NOT NULL,
        holder {id} NOT NULL,
        event_id {id} NOT NULL,
        hash {text} NOT NULL,
        kind {text} NOT NULL,
        purpose {text},
        channel {text},
        contact {text},
        brand {text},
        basis {text} NOT NULL,
        occurred_at {moment} NOT NULL,
        expires_at {moment},
        pending {integer} NOT NULL,
        confirms {id},
        PRIMARY KEY (holder, party_id, seq)
    ){without_rowid}""",
    "CREATE UNIQUE INDEX consent_facts_chain_uq ON consent_facts (party_id, seq)",
)

#: The migrations, in order: ``(version, statements)``.
MIGRATIONS: Final[tuple[tuple[int, tuple[str, ...]], ...]] = (
    (1, _V1),
    (2, _V2),
    (3, _V3),
    (4, _V4),
    (5, _V5),
    (6, _V6),
    (7, _V7),
    (8, _V8),
    (9, _V9),
)
#: The schema version this crmcore writes.
LATEST: Final = MIGRATIONS[-1][0]

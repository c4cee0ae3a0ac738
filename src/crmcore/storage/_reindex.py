"""Whether a store's look-up keys are current, and what rebuilding them found.

A store indexes each party under keys derived from its data (see
:mod:`crmcore.storage._lookup_keys`): E.164 phones, e-mail matching keys, compacted
tax numbers. How a key is derived depends on crmcore (its
:data:`~crmcore.storage._lookup_keys.KEYS_VERSION`, its tax schemes file) and on the
libraries behind the standardisers (phonenumbers' metadata, python-stdnum's
rules). :func:`keys_fingerprint` names that derivation in one string; a
store that keeps its index records the fingerprint it was built with, and
``store.parties.reindex()`` rebuilds the index and records the current one.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from functools import cache
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

import attrs
import phonenumbers
import stdnum

from crmcore._data import load_json
from crmcore._i18n import N_
from crmcore.errors import ConfigurationError, StorageError
from crmcore.storage._lookup_keys import KEYS_VERSION
from crmcore.storage._query import And, Compare, HasRole, HasTag, In, Not, Or

if TYPE_CHECKING:
    from collections.abc import Iterable

    from crmcore.storage._query import Predicate

__all__ = [
    "STALE_INDEX_POLICIES",
    "IndexConflict",
    "ReindexResult",
    "StaleIndex",
    "StaleIndexWarning",
    "check_stale_index",
    "keys_fingerprint",
    "reads_derived_keys",
    "stale_index_error",
]

#: What a store does when it opens on keys derived another way: ``"refuse"``
#: (raise ``storage.stale_index`` on every use of a derived key until
#: ``parties.reindex()``), ``"warn"`` (serve them, warning once at open) or
#: ``"reindex"`` (rebuild them at open).
StaleIndex: TypeAlias = Literal["refuse", "warn", "reindex"]
STALE_INDEX_POLICIES: Final[tuple[StaleIndex, ...]] = ("refuse", "warn", "reindex")

_FIELD_CODES: Final = {
    "identifiers": "party.duplicate_identifier",
    "external_keys": "party.duplicate_external_key",
}


@cache
def keys_fingerprint() -> str:
    """Return the name of how this crmcore derives look-up keys.

    It joins :data:`~crmcore.storage._lookup_keys.KEYS_VERSION`, the versions of
    phonenumbers and python-stdnum, and a digest of the facts of crmcore's
    table of identifier schemes (which schemes are tax numbers, which share a
    key; its comments are no facts, and a change of them asks for no
    rebuild): a store whose recorded fingerprint differs holds keys derived
    another way.

    >>> keys_fingerprint()  # doctest: +ELLIPSIS
    'keys 4; phonenumbers ...; python-stdnum ...; tax schemes ...'
    """
    table: dict[str, object] = load_json("", "schemes.json")
    facts = {key: value for key, value in table.items() if not key.startswith("_")}
    text = json.dumps(facts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    return (
        f"keys {KEYS_VERSION}; phonenumbers {phonenumbers.__version__};"
        f" python-stdnum {stdnum.__version__}; tax schemes {digest}"
    )


def check_stale_index(value: object) -> StaleIndex:
    """Return ``value`` if it is one of :data:`STALE_INDEX_POLICIES`.

    Raises:
        ConfigurationError: ``storage.invalid_option`` otherwise.

    >>> check_stale_index("warn")
    'warn'
    >>> check_stale_index("auto")
    Traceback (most recent call last):
    crmcore.errors.ConfigurationError: stale_index: not a known policy for a stale index ...
    """
    for policy in STALE_INDEX_POLICIES:
        if value == policy:
            return policy
    raise ConfigurationError(
        N_("not a known policy for a stale index"),
        code="storage.invalid_option",
        field="stale_index",
        value=value,
        hint=N_("'refuse' (the default), 'warn' or 'reindex'"),
    )


def stale_index_error(recorded: str | None) -> StorageError:
    """Return the error a look-up on a stale index raises; ``recorded`` is its fingerprint.

    >>> stale_index_error(None).code
    'storage.stale_index'
    """
    return StorageError(
        N_("the stored look-up keys were derived by another version of crmcore or its libraries"),
        code="storage.stale_index",
        field="index",
        value=recorded,
        hint=N_("call store.parties.reindex()"),
    )


class StaleIndexWarning(UserWarning):
    """A store opened with ``stale_index="warn"`` serves look-up keys derived another way."""


def reads_derived_keys(predicate: Predicate | None) -> bool:
    """Return whether a filter reads a derived key: a role, a tag or the country.

    >>> reads_derived_keys(Compare("kind", "==", "person") & ~HasTag("vip"))
    True
    >>> reads_derived_keys(Compare("version", ">", 1) | Not(Compare("kind", "==", "person")))
    False
    """
    match predicate:
        case Compare(field=field) | In(field=field):
            return field == "country"
        case HasRole() | HasTag():
            return True
        case And(parts=parts) | Or(parts=parts):
            return any(reads_derived_keys(part) for part in parts)
        case Not(part=part):
            return reads_derived_keys(part)
    return False


def _sorted_conflicts(conflicts: Iterable[IndexConflict]) -> tuple[IndexConflict, ...]:
    return tuple(sorted(conflicts, key=lambda each: (each.party_id, each.field, each.key)))


def _to_key(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class IndexConflict:
    """A unique key that two stored parties now derive: the index keeps it for one.

    After a change of derivation two stored parties may derive the same
    identifier (per scheme, value and country) or the same external key. No
    party is lost: both stay stored, the key stays with ``holder`` (the party
    that held it before the rebuild, else the first in id order), and
    ``party_id`` is not found by it until a person merges the two or changes
    one (an update of ``party_id`` that keeps the key is refused with
    :attr:`code`, as adding it would be).

    Attributes:
        field: ``"identifiers"`` or ``"external_keys"``, as in the ``field``
            of the :class:`~crmcore.errors.ConflictError` a duplicate raises.
        key: ``(scheme, value as keyed, country or "")`` of an identifier,
            ``(system, key)`` of an external key.
        holder: The party the index keeps the key for.
        party_id: The other party, not found by the key.

    >>> conflict = IndexConflict(field="identifiers", key=("nip", "5260250995", "PL"),
    ...                          holder=uuid.UUID(int=1), party_id=uuid.UUID(int=2))
    >>> conflict.code
    'party.duplicate_identifier'
    """

    field: Literal["identifiers", "external_keys"]
    key: tuple[str, ...] = attrs.field(converter=_to_key)
    holder: uuid.UUID
    party_id: uuid.UUID

    @property
    def code(self) -> str:
        """The code a :class:`~crmcore.errors.ConflictError` for this key carries."""
        return _FIELD_CODES[self.field]


@attrs.frozen(kw_only=True)
class ReindexResult:
    """What ``parties.reindex()`` did.

    Attributes:
        parties: How many stored parties (soft-deleted ones too) were re-keyed.
        written: How many key rows were added (missing, or derived anew).
        removed: How many key rows were removed (no longer derived).
        conflicts: The unique keys two parties now derive, ordered by the
            party left without the key.
        fingerprint: The :func:`keys_fingerprint` the index now records.

    >>> result = ReindexResult(parties=3, written=0, removed=0, conflicts=(), fingerprint="f")
    >>> result.ok, result.changed
    (True, False)
    """

    parties: int
    written: int
    removed: int
    conflicts: tuple[IndexConflict, ...] = attrs.field(converter=_sorted_conflicts)
    fingerprint: str

    @property
    def ok(self) -> bool:
        """Whether no conflict was found."""
        return not self.conflicts

    @property
    def changed(self) -> bool:
        """Whether any key row was added or removed."""
        return bool(self.written or self.removed)

"""``store.check()``: what a store finds wrong with itself, and the error of a damaged database.

Each store checks what is meaningful for it (see :meth:`crmcore.storage.Store.check`)
and lists every problem it finds as a :class:`CheckProblem`; nothing is repaired.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from crmcore._i18n import N_
from crmcore.errors import StorageError

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "DAMAGED",
    "DANGLING",
    "INDEX_MISMATCH",
    "SCHEMA_VERSION",
    "STALE_INDEX",
    "CheckProblem",
    "CheckResult",
    "corrupt_error",
]

#: The database engine reports damage (a page, an index, a file that is no database).
DAMAGED: Final = "check.damaged"
#: Rows refer to a party or merge that is not stored.
DANGLING: Final = "check.dangling_reference"
#: The key index is not what the stored parties derive (rows missing, extra or misplaced).
INDEX_MISMATCH: Final = "check.index_mismatch"
#: The schema version is not the one this crmcore writes.
SCHEMA_VERSION: Final = "check.schema_version"
#: The look-up keys were derived by another version of crmcore or its libraries.
STALE_INDEX: Final = "check.stale_index"


@attrs.frozen
class CheckProblem:
    """One problem :meth:`~crmcore.storage.Store.check` found.

    Attributes:
        code: What kind of problem, a stable code: :data:`DAMAGED`
            (``"check.damaged"``), ``"check.dangling_reference"``,
            ``"check.index_mismatch"``, ``"check.schema_version"`` or
            ``"check.stale_index"``.
        message: A sentence in English for people (a message id of crmcore's
            catalogues, translated as an error's message is).
        detail: What was found, as the store or its database engine says it
            (an engine's own words are not translated), or ``None``.
    """

    code: str
    message: str
    detail: str | None = None


def _as_tuple(problems: Iterable[CheckProblem]) -> tuple[CheckProblem, ...]:
    return tuple(problems)


@attrs.frozen
class CheckResult:
    """What :meth:`~crmcore.storage.Store.check` found.

    Attributes:
        problems: Every problem found, in the order the checks ran; empty
            if the store is sound.

    >>> CheckResult().ok
    True
    """

    problems: tuple[CheckProblem, ...] = attrs.field(default=(), converter=_as_tuple)

    @property
    def ok(self) -> bool:
        """Whether no problem was found."""
        return not self.problems


def corrupt_error(reason: str) -> StorageError:
    """Return the error of a database its driver reports damaged; ``reason`` is the driver's."""
    return StorageError(
        N_("the database is damaged, or is not a database"),
        code="storage.corrupt",
        value=reason,
        hint=N_("restore it from a backup; store.check() lists what is damaged"),
    )


def damaged(detail: str) -> CheckProblem:
    """Return the problem of damage the database engine reports."""
    return CheckProblem(DAMAGED, N_("the database engine reports damage"), detail)


def dangling(detail: str) -> CheckProblem:
    """Return the problem of rows that refer to what is not stored."""
    return CheckProblem(DANGLING, N_("rows refer to a party that is not stored"), detail)


def index_mismatch(detail: str) -> CheckProblem:
    """Return the problem of a key index that is not what the stored parties derive."""
    return CheckProblem(
        INDEX_MISMATCH,
        N_("the key index is not what the stored parties derive; reindex them"),
        detail,
    )


def schema_version(found: int, latest: int) -> CheckProblem:
    """Return the problem of a schema version other than ``latest``."""
    return CheckProblem(
        SCHEMA_VERSION,
        N_("the schema version is not the one this crmcore writes"),
        f"{found} (expected {latest})",
    )


def stale_index() -> CheckProblem:
    """Return the problem of look-up keys derived by another version."""
    return CheckProblem(
        STALE_INDEX,
        N_("the stored look-up keys were derived by another version of crmcore or its libraries"),
    )

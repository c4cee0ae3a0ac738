"""Verifying a party's consent chain: every edit, insertion, deletion or reordering, named.

Each stored consent event carries the hash of the one before it and its own
hash over its content (see :mod:`crmcore.consent._records`). Verification
recomputes each hash and follows the links from the first event; what does not
fit is named. A chain cannot tell on its own that its last events were cut
off: keep its :class:`~crmcore.consent.ChainHead` somewhere else (a receipt,
an audit log, a copy of the export) and pass it to :func:`verify_chain`.
"""

from __future__ import annotations

import enum
import uuid
from typing import TYPE_CHECKING

import attrs

from crmcore.consent._records import GENESIS, ChainHead, chain_hash, detail_digest
from crmcore.errors import CrmError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from crmcore.storage import Event

__all__ = ["ChainProblem", "ChainReport", "Tampering", "verify_chain"]


class Tampering(enum.StrEnum):
    """What verification found wrong with an event."""

    EDITED = "edited"
    INSERTED = "inserted"
    DELETED = "deleted"
    REORDERED = "reordered"


@attrs.frozen
class ChainProblem:
    """One thing wrong with a chain.

    Attributes:
        kind: What is wrong.
        event_id: The event it concerns: the edited, inserted or moved one,
            or, for a deletion, the event just after the gap (``None`` when
            the chain's tail was cut).
        seq: The place in the chain the problem is at (for a deletion, the
            first missing place).
    """

    kind: Tampering
    event_id: uuid.UUID | None
    seq: int


@attrs.frozen
class ChainReport:
    """The result of a chain's verification.

    Attributes:
        events: How many events were verified.
        problems: What is wrong, in chain order; empty if nothing is.
        head: The head the events form (``None`` for no events).
    """

    events: int
    problems: tuple[ChainProblem, ...]
    head: ChainHead | None

    @property
    def intact(self) -> bool:
        """Whether no problem was found."""
        return not self.problems

    def __bool__(self) -> bool:
        return self.intact


def _link(event: Event, field: str) -> str | None:
    retained = event.payload.get("retained")
    value = retained.get(field) if isinstance(retained, dict) else None
    return value if isinstance(value, str) else None


def _seq(event: Event) -> int | None:
    retained = event.payload.get("retained")
    value = retained.get("seq") if isinstance(retained, dict) else None
    return value if type(value) is int else None


def _edited(event: Event) -> bool:
    """Whether ``event``'s content no longer gives the hash it carries."""
    try:
        expected = chain_hash(event)
    except CrmError:
        return True
    detail = event.payload.get("detail")
    if detail is not None and (
        not isinstance(detail, dict) or detail_digest(detail) != _link(event, "detail_digest")
    ):
        return True
    return expected != _link(event, "hash")


def _longest(start: int, events: Sequence[Event], followers: dict[str, list[int]]) -> int:
    """Return how many events the chain starting at ``start`` reaches (each counted once)."""
    length, seen, current = 0, set[int](), start
    while current not in seen:
        seen.add(current)
        length += 1
        nexts = followers.get(_link(events[current], "hash") or "?", [])
        if not nexts:
            break
        current = nexts[0]
    return length


def _ordered(walked: Sequence[int]) -> set[int]:
    """Return the positions of ``walked`` that form its longest increasing run of log indices."""
    best: list[list[int]] = []
    for place, index in enumerate(walked):
        before = [run for run in best if walked[run[-1]] < index]
        longest = max(before, key=len) if before else []
        best.append([*longest, place])
    longest_run: list[int] = max(best, key=len) if best else []
    return set(longest_run)


def verify_chain(events: Sequence[Event], *, head: ChainHead | None = None) -> ChainReport:
    """Verify one party's consent events, as the event log holds them, in log order.

    Args:
        events: The party's stored consent events (``stream="consent"``), in
            the order the log returns them.
        head: A head kept apart when the chain was seen before (a receipt's,
            an audit log's): with it, a chain cut back to before it, or
            rewritten since, is found too.

    Returns:
        The report: each problem names its kind, its event and its place.
    """
    problems = [
        ChainProblem(Tampering.EDITED, event.id, _seq(event) or index + 1)
        for index, event in enumerate(events)
        if _edited(event)
    ]
    followers: dict[str, list[int]] = {}
    for index, event in enumerate(events):
        followers.setdefault(_link(event, "prev") or "?", []).append(index)
    hashes = {_link(event, "hash") for event in events} | {GENESIS}
    walked: list[int] = []
    taken: set[int] = set()
    current: str | None = GENESIS
    while True:
        candidates = [index for index in followers.get(current or "?", []) if index not in taken]
        if not candidates:  # the walk stops: is there a gap after which the chain goes on?
            after_gap = [
                index
                for index, event in enumerate(events)
                if index not in taken and _link(event, "prev") not in hashes
            ]
            if not after_gap:
                break
            index = min(after_gap, key=lambda i: (_seq(events[i]) or 0, i))
            problems.append(ChainProblem(Tampering.DELETED, events[index].id, len(walked) + 1))
        else:
            index = max(
                candidates,
                key=lambda i: (
                    _longest(i, events, followers),
                    head is not None and _link(events[i], "hash") == head.hash,
                    not _edited(events[i]),
                    -i,
                ),
            )
            problems.extend(
                ChainProblem(Tampering.INSERTED, events[other].id, len(walked) + 1)
                for other in candidates
                if other != index
            )
            taken.update(candidates)
        taken.add(index)
        walked.append(index)
        current = _link(events[index], "hash")
    problems.extend(
        ChainProblem(Tampering.INSERTED, event.id, _seq(event) or 0)
        for index, event in enumerate(events)
        if index not in taken
    )
    in_order = _ordered(walked)
    problems.extend(
        ChainProblem(Tampering.REORDERED, events[index].id, place + 1)
        for place, index in enumerate(walked)
        if place not in in_order
    )
    last = ChainHead(len(walked), _link(events[walked[-1]], "hash") or "") if walked else None
    if head is not None and not any(_link(events[index], "hash") == head.hash for index in walked):
        problems.append(ChainProblem(Tampering.DELETED, None, min(head.seq, len(walked) + 1)))
    problems.sort(key=lambda problem: problem.seq)
    return ChainReport(len(events), tuple(problems), last)

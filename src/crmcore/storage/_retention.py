"""Retention of the event log: which events ``store.events.prune`` removes.

An event is pruned if it was recorded before the moment given (and is of
the stream given, if one is). The tombstone a store appends when it erases
a party (type :data:`~crmcore.storage.ERASED`) is never pruned: it is the
record that the party was erased, and a reader of the log learns from it
that the party's earlier events were emptied. An erased party's other
events are pruned like any other (their payloads are already empty).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crmcore.storage._events import ERASED, _moment, to_stream

if TYPE_CHECKING:
    from datetime import datetime

    from crmcore.storage._events import Event

__all__ = ["check_prune", "is_pruned"]


def check_prune(before: object, stream: object) -> tuple[datetime, str | None]:
    """Return the arguments of ``prune`` as given, if they are valid.

    Raises:
        ValidationError: ``event.invalid_moment`` for ``before`` that is not a
            timezone-aware datetime, ``event.invalid_stream`` for a stream
            that is not a short, non-empty text.

    >>> from datetime import UTC, datetime
    >>> check_prune(datetime(2026, 1, 1, tzinfo=UTC), None)
    (datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone.utc), None)
    >>> check_prune(datetime(2026, 1, 1), "consent")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    crmcore.errors.ValidationError: before: the moment is not a timezone-aware datetime ...
    """
    moment = _moment(before, "before")
    return moment, None if stream is None else to_stream(stream)


def is_pruned(event: Event, before: datetime, stream: str | None) -> bool:
    """Return whether ``prune(before=before, stream=stream)`` removes ``event``."""
    return (
        event.type != ERASED
        and event.recorded_at is not None
        and event.recorded_at < before
        and (stream is None or event.stream == stream)
    )

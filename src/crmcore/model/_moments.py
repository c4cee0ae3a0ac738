"""Moments (timezone-aware datetimes) and calendar dates.

A *moment* is an instant: when an interaction happened, when a party was
created. It must be timezone-aware: a naive datetime is ambiguous (whose 9:30?)
and is refused with ``moment.naive``. The offset is kept as given, so a
moment reads back in the local time it was recorded in; equality compares
instants. A zone (``ZoneInfo("Europe/Warsaw")``) is resolved to its offset at
that moment and stored as a fixed :class:`~datetime.timezone`: the dict form
keeps the offset only, and so the model keeps exactly what reads back (it also
spares comparisons the oddities of moments in a zone's repeated hour).

A *date* is a calendar day with no time: when a role or an affiliation began,
a birthday. A datetime given where a date is wanted is refused (``date.not_date``)
rather than silently truncated.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timezone

from crmcore._i18n import N_
from crmcore.model._checks import fail

__all__ = [
    "as_date",
    "as_moment",
    "check_period",
    "to_date",
    "to_moment",
    "to_optional_date",
    "to_optional_moment",
    "utc_now",
]

_MOMENT_HINT = N_("a timezone-aware datetime such as 2026-11-23T09:30:00+01:00")
_DATE_HINT = N_("a date such as 2026-11-23")


def utc_now() -> datetime:
    """Return the current moment in UTC: the default clock."""
    return datetime.now(UTC)


def as_moment(value: object, field: str) -> datetime:
    """Return ``value`` as an aware datetime, from a datetime or ISO 8601 text.

    >>> as_moment("2026-11-23T09:30:00+01:00", "created_at")
    datetime.datetime(2026, 11, 23, 9, 30, tzinfo=datetime.timezone(...))
    >>> as_moment(datetime(2026, 11, 23, 9, 30), "created_at")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: created_at: the datetime has no timezone ... [moment.naive]
    """
    if (
        type(value) is datetime
        and type(value.tzinfo) is timezone
        and not value.fold
        and 1 < value.year < 9999  # away from the ends, no overflow
    ):
        return value  # the stored form already: the common case, kept fast
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            fail(
                "moment.invalid",
                N_("the text is not an ISO 8601 datetime"),
                field=field,
                value=value,
                hint=_MOMENT_HINT,
            )
    if not isinstance(value, datetime):
        fail(
            "moment.not_datetime",
            N_("the value is not a datetime"),
            field=field,
            value=value,
            hint=_MOMENT_HINT,
        )
    if value.utcoffset() is None:
        fail(
            "moment.naive",
            N_("the datetime has no timezone"),
            field=field,
            value=value,
            hint=_MOMENT_HINT,
        )
    try:
        value.astimezone(UTC)
        if type(value.tzinfo) is not timezone:
            # A zone (ZoneInfo("Europe/Warsaw")) becomes its offset at that moment.
            value = value.replace(tzinfo=timezone(value.utcoffset()), fold=0)  # type: ignore[arg-type]
        elif value.fold:
            value = value.replace(fold=0)  # a fixed offset has no repeated hour
    except OverflowError:
        fail(
            "moment.out_of_range",
            N_("the moment is outside the representable range"),
            field=field,
            value=value,
            hint=_MOMENT_HINT,
        )
    return value


def as_date(value: object, field: str) -> date:
    """Return ``value`` as a date, from a date or ISO 8601 text (``YYYY-MM-DD``).

    >>> as_date("2024-03-01", "since")
    datetime.date(2024, 3, 1)
    >>> as_date(datetime(2024, 3, 1, tzinfo=UTC), "since")
    Traceback (most recent call last):
    crmcore.errors.ValidationError: since: a datetime is not a date ... [date.not_date]
    """
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            fail(
                "date.invalid",
                N_("the text is not an ISO 8601 date"),
                field=field,
                value=value,
                hint=_DATE_HINT,
            )
    if isinstance(value, datetime):
        fail(
            "date.not_date",
            N_("a datetime is not a date"),
            field=field,
            value=value,
            hint=_DATE_HINT,
        )
    if not isinstance(value, date):
        fail(
            "date.not_date",
            N_("the value is not a date"),
            field=field,
            value=value,
            hint=_DATE_HINT,
        )
    return value


def check_period(
    start: date | None, end: date | None, *, start_field: str = "since", end_field: str = "until"
) -> None:
    """Raise ``period.end_before_start`` if both ends are known and ``end < start``."""
    if start is not None and end is not None and end < start:
        fail(
            "period.end_before_start",
            N_("{end} is before {start}", end=end_field, start=start_field),
            field=end_field,
            value=end,
            hint=N_("a date on or after {start}", start=start.isoformat()),
        )


def to_moment(value: object, field: str = "value") -> datetime:
    """An aware datetime, from a datetime or ISO 8601 text."""
    return as_moment(value, field)


def to_optional_moment(value: object, field: str = "value") -> datetime | None:
    """An aware datetime or ``None``."""
    return None if value is None else as_moment(value, field)


def to_date(value: object, field: str = "value") -> date:
    """A date (not a datetime), from a date or ISO 8601 text."""
    return as_date(value, field)


def to_optional_date(value: object, field: str = "value") -> date | None:
    """A date or ``None``."""
    return None if value is None else as_date(value, field)

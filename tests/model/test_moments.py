from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from crmcore.errors import ValidationError
from crmcore.model import Interaction
from crmcore.model._checks import as_text
from crmcore.model._moments import as_date, as_moment, check_period, utc_now

WARSAW = ZoneInfo("Europe/Warsaw")


def test_aware_datetimes_pass_and_keep_their_offset():
    moment = datetime(2026, 11, 23, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    assert as_moment(moment, "at") is moment
    assert as_moment(moment.isoformat(), "at") == moment


def test_a_zone_becomes_its_offset():
    summer = as_moment(datetime(2026, 7, 1, 12, tzinfo=WARSAW), "at")
    winter = as_moment(datetime(2026, 1, 1, 12, tzinfo=WARSAW), "at")
    assert summer.tzinfo == timezone(timedelta(hours=2))
    assert winter.tzinfo == timezone(timedelta(hours=1))
    assert summer == datetime(2026, 7, 1, 10, tzinfo=UTC)


def test_the_repeated_hour_keeps_its_fold():
    first = as_moment(datetime(2026, 10, 25, 2, 30, tzinfo=WARSAW, fold=0), "at")
    second = as_moment(datetime(2026, 10, 25, 2, 30, tzinfo=WARSAW, fold=1), "at")
    assert second - first == timedelta(hours=1)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (datetime(2026, 11, 23, 9, 30), "moment.naive"),  # noqa: DTZ001 - the point
        ("2026-11-23T09:30:00", "moment.naive"),
        ("23.11.2026 09:30", "moment.invalid"),
        (date(2026, 11, 23), "moment.not_datetime"),
        (1_700_000_000, "moment.not_datetime"),
        (None, "moment.not_datetime"),
        (datetime.max.replace(tzinfo=timezone(timedelta(hours=-5))), "moment.out_of_range"),
    ],
)
def test_bad_moments(value, code):
    with pytest.raises(ValidationError) as info:
        as_moment(value, "occurred_at")
    assert (info.value.field, info.value.code) == ("occurred_at", code)


def test_a_naive_datetime_is_refused_by_an_entity_naming_the_field():
    with pytest.raises(ValidationError) as info:
        Interaction(
            party_id="0193f1c2-7d4e-7a51-9c3b-5f2e8d1a6b70",
            channel="phone",
            direction="inbound",
            occurred_at=datetime(2026, 11, 23, 9, 30),  # noqa: DTZ001 - the point
        )
    assert (info.value.field, info.value.code) == ("occurred_at", "moment.naive")
    assert "timezone" in info.value.hint


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (datetime(2024, 1, 1, tzinfo=UTC), "date.not_date"),
        ("2024-13-01", "date.invalid"),
        (20240101, "date.not_date"),
    ],
)
def test_bad_dates(value, code):
    with pytest.raises(ValidationError) as info:
        as_date(value, "since")
    assert (info.value.field, info.value.code) == ("since", code)


def test_dates():
    assert as_date("2024-03-01", "since") == date(2024, 3, 1)
    assert as_date(date(2024, 3, 1), "since") == date(2024, 3, 1)


def test_periods():
    check_period(date(2024, 1, 1), date(2024, 1, 1))
    check_period(None, date(2024, 1, 1))
    with pytest.raises(ValidationError) as info:
        check_period(date(2024, 1, 2), date(2024, 1, 1))
    assert (info.value.field, info.value.code) == ("until", "period.end_before_start")


def test_utc_now_is_aware():
    assert utc_now().utcoffset() == timedelta(0)


def test_text_subclasses_become_plain_text():
    class Name(str):
        __slots__ = ()

    assert type(as_text(Name(" Łódź "), "locality")) is str

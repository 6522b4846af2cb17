"""The pure rules: caps (at the cap passes, one over warns) and off-hours trips (boundaries of night, weekend,
holiday and swapped working day)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from registers import rules

CAPS = rules.Caps(meetings_per_month=4, attendees_per_meeting=30, minutes_per_meeting=90, documents_per_quarter=12)
TZ = ZoneInfo("Asia/Shanghai")


def at(*args):
    return datetime.datetime(*args, tzinfo=TZ)


@pytest.mark.parametrize(
    "attendees, minutes, nth, expected",
    [
        (30, 90, 4, []),
        (31, 90, 4, [rules.OVER_ATTENDEES]),
        (30, 91, 4, [rules.OVER_MINUTES]),
        (30, 90, 5, [rules.OVER_MONTHLY_MEETINGS]),
        (31, 91, 5, [rules.OVER_ATTENDEES, rules.OVER_MINUTES, rules.OVER_MONTHLY_MEETINGS]),
    ],
)
def test_meeting_at_the_cap_passes_and_one_over_warns(attendees, minutes, nth, expected):
    assert rules.meeting_findings(attendees=attendees, minutes=minutes, nth_in_month=nth, caps=CAPS) == expected


def test_document_at_the_quarterly_cap_passes_and_one_over_warns():
    assert rules.document_findings(nth_in_quarter=12, caps=CAPS) == []
    assert rules.document_findings(nth_in_quarter=13, caps=CAPS) == [rules.OVER_QUARTERLY_DOCUMENTS]


def test_quarter_and_month_bounds():
    assert rules.quarter_bounds(datetime.date(2026, 11, 28)) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
    )
    assert rules.quarter_bounds(datetime.date(2026, 3, 31)) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert rules.month_bounds(datetime.date(2026, 2, 14)) == (datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))


WORKDAY_WEDNESDAY = datetime.date(2026, 3, 11)
EMPTY = rules.Calendar()


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (at(2026, 3, 11, 20, 0), at(2026, 3, 11, 21, 59), []),  # ends 21:59: a day trip
        (at(2026, 3, 11, 20, 0), at(2026, 3, 11, 22, 0), []),  # ends as the night begins
        (at(2026, 3, 11, 22, 0), at(2026, 3, 11, 22, 30), [rules.NIGHT]),  # starts at 22:00
        (at(2026, 3, 11, 21, 59), at(2026, 3, 11, 22, 1), [rules.NIGHT]),  # runs into the night
        (at(2026, 3, 12, 5, 59), at(2026, 3, 12, 7, 0), [rules.NIGHT]),  # starts before 06:00
        (at(2026, 3, 12, 6, 0), at(2026, 3, 12, 7, 0), []),  # starts at 06:00
        (at(2026, 3, 11, 8, 0), at(2026, 3, 12, 8, 0), [rules.NIGHT]),  # spans a night
    ],
)
def test_night_boundaries(start, end, expected):
    assert rules.trip_off_hours(start=start, end=end, calendar=EMPTY) == expected


def test_friday_passes_and_saturday_is_a_weekend():
    friday, saturday = datetime.date(2026, 3, 13), datetime.date(2026, 3, 14)
    assert friday.weekday() == 4 and saturday.weekday() == 5
    assert rules.trip_off_hours(start=at(2026, 3, 13, 17, 0), end=at(2026, 3, 13, 18, 0), calendar=EMPTY) == []
    assert rules.trip_off_hours(start=at(2026, 3, 14, 9, 0), end=at(2026, 3, 14, 10, 0), calendar=EMPTY) == [
        rules.WEEKEND
    ]
    # Friday 23:30 to Saturday 00:30 is both at night and at a weekend.
    assert rules.trip_off_hours(start=at(2026, 3, 13, 23, 30), end=at(2026, 3, 14, 0, 30), calendar=EMPTY) == [
        rules.WEEKEND,
        rules.NIGHT,
    ]
    # Ending exactly at Saturday midnight does not touch Saturday.
    assert rules.trip_off_hours(
        start=at(2026, 3, 13, 16, 0), end=at(2026, 3, 14, 0, 0), calendar=EMPTY, night_start=datetime.time(23, 59)
    ) == [rules.NIGHT]


def test_holiday_and_swapped_working_day():
    calendar = rules.Calendar(
        holidays=frozenset({datetime.date(2026, 10, 1)}), workdays=frozenset({datetime.date(2026, 10, 10)})
    )
    national_day = rules.trip_off_hours(start=at(2026, 10, 1, 9, 0), end=at(2026, 10, 1, 11, 0), calendar=calendar)
    assert national_day == [rules.HOLIDAY]  # a Thursday holiday
    swapped_saturday = rules.trip_off_hours(
        start=at(2026, 10, 10, 9, 0), end=at(2026, 10, 10, 11, 0), calendar=calendar
    )
    assert swapped_saturday == []  # Saturday 10 October is worked (调休上班)
    day_before = rules.trip_off_hours(start=at(2026, 9, 30, 9, 0), end=at(2026, 9, 30, 11, 0), calendar=calendar)
    assert day_before == []


def test_night_hours_are_configurable_and_utc_times_are_read_in_shanghai():
    utc = ZoneInfo("UTC")
    # 13:30 UTC is 21:30 in Shanghai: night when the night starts at 21:00, not at 22:00.
    start = datetime.datetime(2026, 3, 11, 13, 30, tzinfo=utc)
    end = datetime.datetime(2026, 3, 11, 13, 50, tzinfo=utc)
    assert rules.trip_off_hours(start=start, end=end, calendar=EMPTY) == []
    assert rules.trip_off_hours(start=start, end=end, calendar=EMPTY, night_start=datetime.time(21, 0)) == [rules.NIGHT]


def test_off_hours_trip_with_approval_is_not_flagged():
    assert rules.trip_is_flagged(off_hours=[rules.NIGHT], has_approval=False)
    assert not rules.trip_is_flagged(off_hours=[rules.NIGHT], has_approval=True)
    assert not rules.trip_is_flagged(off_hours=[], has_approval=False)


def test_on_time_is_within_the_promised_calendar_days():
    received = datetime.date(2026, 3, 2)
    assert rules.is_on_time(received=received, finished=datetime.date(2026, 3, 7), allowed_days=5)
    assert not rules.is_on_time(received=received, finished=datetime.date(2026, 3, 8), allowed_days=5)

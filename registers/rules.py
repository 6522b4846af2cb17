"""Pure checks for the registers: caps on meetings and documents, off-hours trips. Data in, findings out."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

# Finding codes are stored on the records; their labels are what users read.
OVER_ATTENDEES = "over_attendees"
OVER_MINUTES = "over_minutes"
OVER_MONTHLY_MEETINGS = "over_monthly_meetings"
OVER_QUARTERLY_DOCUMENTS = "over_quarterly_documents"
WEEKEND = "weekend"
HOLIDAY = "holiday"
NIGHT = "night"

FINDING_LABELS = {
    OVER_ATTENDEES: _("more attendees than the cap"),
    OVER_MINUTES: _("longer than the cap"),
    OVER_MONTHLY_MEETINGS: _("over the monthly meeting cap"),
    OVER_QUARTERLY_DOCUMENTS: _("over the quarterly document cap"),
    WEEKEND: _("at a weekend"),
    HOLIDAY: _("on a public holiday"),
    NIGHT: _("at night"),
}


@dataclass(frozen=True)
class Caps:
    meetings_per_month: int
    attendees_per_meeting: int
    minutes_per_meeting: int
    documents_per_quarter: int


def meeting_findings(*, attendees: int, minutes: int, nth_in_month: int, caps: Caps) -> list[str]:
    """What a meeting passes: reaching a cap is allowed, one over it is a finding."""
    findings = []
    if attendees > caps.attendees_per_meeting:
        findings.append(OVER_ATTENDEES)
    if minutes > caps.minutes_per_meeting:
        findings.append(OVER_MINUTES)
    if nth_in_month > caps.meetings_per_month:
        findings.append(OVER_MONTHLY_MEETINGS)
    return findings


def document_findings(*, nth_in_quarter: int, caps: Caps) -> list[str]:
    return [OVER_QUARTERLY_DOCUMENTS] if nth_in_quarter > caps.documents_per_quarter else []


def quarter_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = datetime.date(day.year, first_month, 1)
    end = datetime.date(day.year + (first_month == 10), 1 if first_month == 10 else first_month + 3, 1)
    return start, end - datetime.timedelta(days=1)


def month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    start = day.replace(day=1)
    following = datetime.date(day.year + (day.month == 12), 1 if day.month == 12 else day.month + 1, 1)
    return start, following - datetime.timedelta(days=1)


@dataclass(frozen=True)
class Calendar:
    """Public holidays and swapped working days (调休上班) that override the weekend."""

    holidays: frozenset[datetime.date] = frozenset()
    workdays: frozenset[datetime.date] = frozenset()

    def is_weekend(self, day: datetime.date) -> bool:
        return day.weekday() >= 5 and day not in self.workdays

    def is_holiday(self, day: datetime.date) -> bool:
        return day in self.holidays


def _night_windows(start_local: datetime.datetime, end_local: datetime.datetime, night_start, night_end):
    """Night windows [start, end) that could touch the trip; a window crossing midnight begins the day before."""
    tz = start_local.tzinfo
    day = start_local.date() - datetime.timedelta(days=1)
    while day <= end_local.date():
        begin = datetime.datetime.combine(day, night_start, tzinfo=tz)
        finish_day = day + datetime.timedelta(days=1) if night_end <= night_start else day
        finish = datetime.datetime.combine(finish_day, night_end, tzinfo=tz)
        yield begin, finish
        day += datetime.timedelta(days=1)


def trip_off_hours(
    *,
    start: datetime.datetime,
    end: datetime.datetime,
    calendar: Calendar,
    night_start: datetime.time = datetime.time(22, 0),
    night_end: datetime.time = datetime.time(6, 0),
    timezone: str = "Asia/Shanghai",
) -> list[str]:
    """Why a trip falls outside working hours: any moment of [start, end) at a weekend, on a holiday or at night.

    A trip that ends exactly when the night begins (22:00) is not a night trip; one that starts then is.
    """
    tz = ZoneInfo(timezone)
    start_local, end_local = start.astimezone(tz), end.astimezone(tz)
    last_moment = end_local - datetime.timedelta(microseconds=1) if end_local > start_local else start_local
    days = []
    day = start_local.date()
    while day <= last_moment.date():
        days.append(day)
        day += datetime.timedelta(days=1)
    reasons = []
    if any(calendar.is_weekend(d) and not calendar.is_holiday(d) for d in days):
        reasons.append(WEEKEND)
    if any(calendar.is_holiday(d) for d in days):
        reasons.append(HOLIDAY)
    if night_start != night_end and any(
        start_local < finish and end_local > begin
        for begin, finish in _night_windows(start_local, last_moment, night_start, night_end)
    ):
        reasons.append(NIGHT)
    return reasons


def trip_is_flagged(*, off_hours: list[str], has_approval: bool) -> bool:
    """Off-hours trips are allowed with an approval; without one the office checks them (公车私用)."""
    return bool(off_hours) and not has_approval


def due_date(*, received: datetime.date, allowed_days: int) -> datetime.date:
    """The last day on which a matter promised within `allowed_days` calendar days is still on time."""
    return received + datetime.timedelta(days=allowed_days)


def is_on_time(*, received: datetime.date, finished: datetime.date, allowed_days: int) -> bool:
    """A case or issue is on time when it is finished within the promised number of calendar days."""
    return finished <= due_date(received=received, allowed_days=allowed_days)


def percent(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def labels(codes) -> list[str]:
    return [str(FINDING_LABELS.get(code, code)) for code in codes or []]

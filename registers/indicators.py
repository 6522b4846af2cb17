"""Indicators that compute themselves from the registers, registered with campaigns' indicator sources.

Each computation takes `(indicator, period_start, period_end)` and returns `[(department_id or None, Decimal)]`:
one reading per department and one for the whole organ (department None). Aggregation is done in SQL.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from leadership.models import Department, Person

from .models import (
    Attendance,
    CoordinationTarget,
    Document,
    Escalation,
    Meeting,
    PublicIssue,
    ResearchReport,
    ServiceCase,
    ServiceVisit,
    StudyActivity,
    Trip,
)

TWO = Decimal("0.01")
DAY_SECONDS = Decimal(86400)


def _q(value) -> Decimal:
    return Decimal(value).quantize(TWO, rounding=ROUND_HALF_UP)


def _ratio(part, whole, scale=1) -> Decimal | None:
    if not whole:
        return None
    return _q(Decimal(part) * scale / Decimal(whole))


def _days(value) -> Decimal | None:
    """A duration (or a number of days, as some databases return date differences) in days."""
    if value is None:
        return None
    if isinstance(value, datetime.timedelta):
        return _q(Decimal(value.total_seconds()) / DAY_SECONDS)
    return _q(value)


def _active_department_ids() -> list[int]:
    return list(Department.objects.filter(is_active=True).values_list("pk", flat=True))


def _counts(qs, field="department_id") -> list[tuple[int | None, Decimal]]:
    """Per active department (zero included) and in total."""
    by_department = dict(qs.values_list(field).annotate(n=Count("pk")).values_list(field, "n"))
    results = [(pk, Decimal(by_department.get(pk, 0))) for pk in _active_department_ids()]
    results.append((None, Decimal(sum(by_department.values()))))
    return results


def _rates(qs, good: Q, field="department_id") -> list[tuple[int | None, Decimal]]:
    """Percentage of rows meeting `good`, per department with rows and in total."""
    rows = list(qs.values(field).annotate(n=Count("pk"), ok=Count("pk", filter=good)).values_list(field, "n", "ok"))
    results = [(pk, _ratio(ok, n, 100)) for pk, n, ok in rows if n]
    total = sum(n for _pk, n, _ok in rows)
    if total:
        results.append((None, _ratio(sum(ok for _pk, _n, ok in rows), total, 100)))
    return results


def _averages(qs, expression, field="department_id") -> list[tuple[int | None, Decimal]]:
    rows = qs.values(field).annotate(value=Avg(expression)).values_list(field, "value")
    results = [(pk, _days(value)) for pk, value in rows if value is not None]
    overall = qs.aggregate(value=Avg(expression))["value"]
    if overall is not None:
        results.append((None, _days(overall)))
    return results


# --- learning ------------------------------------------------------------------------------------------------------


def study_hours_per_cadre(indicator, start, end):
    """Hours of study attended by a department's active staff, divided by their number."""
    hours = dict(
        Attendance.objects.filter(status=Attendance.Status.PRESENT, activity__date__range=(start, end))
        .values("person__department_id")
        .annotate(h=Sum("activity__hours"))
        .values_list("person__department_id", "h")
    )
    staff = dict(
        Person.objects.filter(is_active=True, department__isnull=False, department__is_active=True)
        .values("department_id")
        .annotate(n=Count("pk"))
        .values_list("department_id", "n")
    )
    results = [(pk, _ratio(hours.get(pk) or 0, n)) for pk, n in staff.items() if n]
    total_staff = sum(staff.values())
    if total_staff:
        total_hours = sum((h or 0 for pk, h in hours.items() if pk in staff), Decimal(0))
        results.append((None, _ratio(total_hours, total_staff)))
    return results


def attendance_rate(indicator, start, end):
    """Present ÷ (present + absent) in percent, by the attendee's department; excused absences are left out."""
    qs = Attendance.objects.filter(activity__date__range=(start, end), person__department__isnull=False).exclude(
        status=Attendance.Status.EXCUSED
    )
    return _rates(qs, Q(status=Attendance.Status.PRESENT), field="person__department_id")


def research_reports(indicator, start, end):
    return _counts(ResearchReport.objects.filter(submitted__range=(start, end)))


# --- efficiency ----------------------------------------------------------------------------------------------------


def meetings_held(indicator, start, end):
    return _counts(Meeting.objects.filter(date__range=(start, end)))


def meetings_over_cap(indicator, start, end):
    return _counts(Meeting.objects.filter(date__range=(start, end)).exclude(cap_warnings=[]))


def documents_issued(indicator, start, end):
    return _counts(Document.objects.filter(issued__range=(start, end)))


def documents_over_cap(indicator, start, end):
    return _counts(Document.objects.filter(issued__range=(start, end)).exclude(cap_warnings=[]))


def _processing_time():
    return ExpressionWrapper(F("completed") - F("received"), output_field=DurationField())


def processing_days(indicator, start, end):
    """Average calendar days from receipt to completion of the cases completed in the period."""
    return _averages(ServiceCase.objects.filter(completed__range=(start, end)), _processing_time())


def cases_on_time(indicator, start, end):
    """Share of the cases completed in the period that were completed within the promised days."""
    return _rates(ServiceCase.objects.filter(completed__range=(start, end)), Q(completed__lte=F("due")))


# --- service -------------------------------------------------------------------------------------------------------


def issues_resolved_on_time(indicator, start, end):
    """Share of the issues resolved in the period that were resolved by their deadline."""
    qs = PublicIssue.objects.filter(status=PublicIssue.Status.RESOLVED, resolved__range=(start, end))
    return _rates(qs, Q(resolved__lte=F("deadline")))


def issues_open(indicator, start, end):
    """Issues received by the end of the period and not resolved by then."""
    qs = PublicIssue.objects.filter(received__lte=end).filter(Q(resolved__isnull=True) | Q(resolved__gt=end))
    return _counts(qs)


def service_visits(indicator, start, end):
    return _counts(ServiceVisit.objects.filter(date__range=(start, end)))


# --- integrity -----------------------------------------------------------------------------------------------------


def flagged_trips(indicator, start, end):
    """Trips starting in the period at a weekend, on a holiday or at night without approval."""
    return _counts(Trip.objects.filter(is_flagged=True, start__date__range=(start, end)))


# --- harmony -------------------------------------------------------------------------------------------------------


def response_days(indicator, start, end):
    """Average days from a request being sent to the asked department's answer, for answers in the period."""
    qs = CoordinationTarget.objects.filter(answered_at__date__range=(start, end))
    return _averages(qs, ExpressionWrapper(F("answered_at") - F("created"), output_field=DurationField()))


def escalations(indicator, start, end):
    return _counts(Escalation.objects.filter(created__date__range=(start, end)))


@dataclass(frozen=True)
class SourceSpec:
    key: str
    label: object
    compute: object
    models: tuple
    unit: object


SOURCES = [
    SourceSpec("registers.study_hours_per_cadre", _("Study hours per cadre"), study_hours_per_cadre,
               (StudyActivity, Attendance, Person), _("hours")),
    SourceSpec("registers.attendance_rate", _("Study attendance rate"), attendance_rate,
               (StudyActivity, Attendance), "%"),
    SourceSpec("registers.research_reports", _("Research reports submitted"), research_reports, (ResearchReport,),
               _("reports")),
    SourceSpec("registers.meetings", _("Meetings held"), meetings_held, (Meeting,), _("meetings")),
    SourceSpec("registers.meetings_over_cap", _("Meetings over a cap"), meetings_over_cap, (Meeting,), _("meetings")),
    SourceSpec("registers.documents", _("Documents issued"), documents_issued, (Document,), _("documents")),
    SourceSpec("registers.documents_over_cap", _("Documents over the quarterly cap"), documents_over_cap, (Document,),
               _("documents")),
    SourceSpec("registers.processing_days", _("Average processing days"), processing_days, (ServiceCase,), _("days")),
    SourceSpec("registers.cases_on_time", _("Service cases completed on time"), cases_on_time, (ServiceCase,), "%"),
    SourceSpec("registers.issues_resolved_on_time", _("Public issues resolved on time"), issues_resolved_on_time,
               (PublicIssue,), "%"),
    SourceSpec("registers.issues_open", _("Public issues open"), issues_open, (PublicIssue,), _("issues")),
    SourceSpec("registers.service_visits", _("Grassroots service visits"), service_visits, (ServiceVisit,),
               _("visits")),
    SourceSpec("registers.flagged_trips", _("Flagged vehicle trips"), flagged_trips, (Trip,), _("trips")),
    SourceSpec("registers.response_days", _("Coordination response time"), response_days, (CoordinationTarget,),
               _("days")),
    SourceSpec("registers.escalations", _("Coordination escalations"), escalations, (Escalation,), _("escalations")),
]  # fmt: skip
SOURCES_BY_KEY = {spec.key: spec for spec in SOURCES}


def sources_for_models(models) -> set[str]:
    models = set(models)
    return {spec.key for spec in SOURCES if models & set(spec.models)}


def register_all() -> bool:
    """Register every computation with campaigns; False when campaigns offers no registry."""
    try:
        from campaigns.indicators import register_source
    except ImportError:
        return False
    for spec in SOURCES:
        register_source(spec.key, spec.label, spec.compute)
    return True

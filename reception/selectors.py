"""Reads for reception: permission-filtered lists, the office queue, spend against caps, summaries, disclosure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import Coalesce, NullIf, Round, TruncMonth

from leadership.models import Department
from liujiguan.permissions import Action, in_charge_filter, user_role, visible_department_ids

from .models import ZERO, Budget, ReceptionRecord, ReceptionRequest
from .services import cap_level

MONEY_FIELD = DecimalField(max_digits=14, decimal_places=2)


def _visible(queryset, user, field="host_department_id"):
    ids = visible_department_ids(user)
    return queryset if ids is None else queryset.filter(**{f"{field}__in": ids})


def request_list(*, user):
    return _visible(ReceptionRequest.objects.select_related("host_department", "decided_by"), user)


def record_list(*, user):
    return _visible(ReceptionRecord.objects.select_related("host_department", "request", "signed_off_by"), user)


def record_detail(*, user, pk):
    return record_list(user=user).prefetch_related(
        "guest_list", "meals", "lodgings", "gifts", "events", "attachments", "findings", "justifications__by"
    )


def queue(*, user):
    """What still needs attention: requests awaiting a decision and records not signed off that have findings or
    pass the cap."""
    requests = request_list(user=user).filter(status=ReceptionRequest.Status.SUBMITTED).order_by("start_date", "pk")
    records = (
        record_list(user=user)
        .filter(status=ReceptionRecord.Status.RECORDED)
        .filter(Q(finding_count__gt=0) | Q(over_cap=True))
        .order_by("start_date", "pk")
    )
    return {"requests": requests, "records": records}


def approvals_waiting(*, user):
    """Requests and records the leader in charge has to act on, limited to their departments."""
    from liujiguan.permissions import can

    if not can(user, Action.APPROVE):
        return {"requests": ReceptionRequest.objects.none(), "records": ReceptionRecord.objects.none()}
    items = queue(user=user)
    if user_role(user) != "admin":
        mine = in_charge_filter(user, "host_department_id")
        items = {key: qs.filter(mine) for key, qs in items.items()}
    return items


# --- caps ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CapUsage:
    """Spend of one department (or the whole bureau, department_id None) against its annual cap."""

    year: int
    department_id: int | None
    department_name: str | None
    cap: Decimal | None
    spend: Decimal
    remaining: Decimal | None
    percent: Decimal | None
    level: str  # ok / warning / alert / over / no_cap
    warning_percent: int | None
    alert_percent: int | None

    @property
    def is_bureau(self):
        return self.department_id is None


def _usage(*, year, department_id, department_name, spend, cap, warning_percent, alert_percent) -> CapUsage:
    spend = spend or ZERO
    if cap is None:
        return CapUsage(year, department_id, department_name, None, spend, None, None, "no_cap", None, None)
    percent, level = cap_level(spend=spend, amount=cap, warning_percent=warning_percent, alert_percent=alert_percent)
    return CapUsage(
        year, department_id, department_name, cap, spend, cap - spend, percent, level, warning_percent, alert_percent
    )


def spend_against_caps(*, year: int, department=None) -> list[CapUsage]:
    """Running spend from records against each annual cap: one row per department that has a cap or spend (just the
    given department when one is passed), then the whole bureau's row. Three queries, each one pass over its table,
    whatever the number of departments or records."""
    department_id = getattr(department, "pk", department)
    year_records = ReceptionRecord.objects.filter(start_date__year=year)
    records = year_records
    budgets = Budget.objects.filter(year=year)
    if department_id is not None:
        records = year_records.filter(host_department_id=department_id)
        budgets = budgets.filter(Q(department_id=department_id) | Q(department__isnull=True))
    spend = dict(
        records.order_by()
        .values_list("host_department_id")
        .annotate(total=Sum("total_cost"))
        .values_list("host_department_id", "total")
    )
    caps = {
        budget.department_id: budget
        for budget in budgets.only("department_id", "amount", "warning_percent", "alert_percent")
    }
    wanted = {pk for pk in spend if pk is not None and spend[pk]} | {pk for pk in caps if pk is not None}
    if department_id is not None:
        wanted = {department_id}
    departments = Department.objects.filter(pk__in=wanted).order_by("order", "name").values_list("pk", "name")
    rows = [
        _usage(
            year=year,
            department_id=pk,
            department_name=name,
            spend=spend.get(pk),
            cap=getattr(caps.get(pk), "amount", None),
            warning_percent=getattr(caps.get(pk), "warning_percent", None),
            alert_percent=getattr(caps.get(pk), "alert_percent", None),
        )
        for pk, name in departments
    ]
    bureau = caps.get(None)
    if bureau is not None:
        bureau_spend = (
            year_records.aggregate(total=Coalesce(Sum("total_cost"), ZERO))["total"]
            if department_id is not None
            else sum((total or ZERO for total in spend.values()), ZERO)
        )
        rows.append(
            _usage(
                year=year,
                department_id=None,
                department_name=None,
                spend=bureau_spend,
                cap=bureau.amount,
                warning_percent=bureau.warning_percent,
                alert_percent=bureau.alert_percent,
            )
        )
    return rows


# --- reports ------------------------------------------------------------------------------------------------------


def _summary_values(queryset):
    guests = Sum("guests")
    spend = Sum("total_cost")
    return queryset.annotate(
        receptions=Count("pk"),
        guest_total=guests,
        spend=spend,
        per_guest=Round(
            ExpressionWrapper(spend / NullIf(guests, 0), output_field=MONEY_FIELD), 2, output_field=MONEY_FIELD
        ),
        findings=Sum("finding_count"),
    )


def summary(*, user, year: int, by_month: bool = True):
    """Per department (and month) within a year: receptions, guests, spend, average spend per guest, findings."""
    records = _visible(ReceptionRecord.objects.filter(start_date__year=year), user).order_by()
    keys = ["host_department__name", "host_department__order"]
    if by_month:
        records = records.annotate(month=TruncMonth("start_date"))
        keys = ["month", *keys]
    rows = _summary_values(records.values(*keys))
    order = ["month", "host_department__order", "host_department__name"] if by_month else keys[::-1]
    return rows.order_by(*order)


def summary_totals(*, user, year: int):
    records = _visible(ReceptionRecord.objects.filter(start_date__year=year), user).order_by()
    return records.aggregate(
        receptions=Count("pk"),
        guest_total=Coalesce(Sum("guests"), 0),
        spend=Coalesce(Sum("total_cost"), ZERO),
        findings=Coalesce(Sum("finding_count"), 0),
    )


def annual_disclosure(*, year: int) -> dict:
    """What the bureau may publish about a year's receptions: totals by department, count and guests. No names,
    no visiting units, no personal data. `by_department` is a query: a page of it is read with LIMIT/OFFSET."""
    records = ReceptionRecord.objects.filter(start_date__year=year).order_by()
    by_department = (
        records.values(department=F("host_department__name"), department_order=F("host_department__order"))
        .annotate(receptions=Count("pk"), guests=Sum("guests"), spend=Sum("total_cost"))
        .order_by("department_order", "department")
        .values("department", "receptions", "guests", "spend")
    )
    totals = records.aggregate(
        receptions=Count("pk"), guests=Coalesce(Sum("guests"), 0), spend=Coalesce(Sum("total_cost"), ZERO)
    )
    return {"year": year, **totals, "by_department": by_department}


def years_with_records():
    return sorted(
        {d.year for d in ReceptionRecord.objects.dates("start_date", "year")},
        reverse=True,
    )

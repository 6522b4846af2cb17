"""Reads of the plan: measures with their traffic light, weighted roll-ups, reminders, indicators with status.

The traffic light and the indicator status are each written once here, as SQL expressions, and every list,
dashboard, reminder and report uses them.
"""

from datetime import timedelta
from decimal import Decimal

from django.db.models import (
    Avg,
    BooleanField,
    Case,
    CharField,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf
from django.db.models.lookups import LessThan
from django.utils import timezone

from liujiguan.permissions import visible_department_ids

from . import conf
from .choices import IndicatorStatus, Light
from .models import Campaign, Indicator, IndicatorReading, Measure, Pillar, ProgressUpdate


class DaysBetween(Func):
    """Whole days from the second date to the first (`end - start`), on PostgreSQL and SQLite."""

    output_field = IntegerField()
    arg_joiner = " - "
    template = "(%(expressions)s)"

    def __init__(self, end, start, **extra):
        super().__init__(end, start, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


def _today(today=None):
    return today or timezone.localdate()


def measure_light_annotation(today=None):
    """The traffic light of a measure as an SQL expression.

    grey: cancelled; green: reported or verified, or open and on track; red: open and past its due date;
    yellow: open and its progress trails the share of elapsed time by more than the lag tolerance; blue: open and
    due within the "due soon" window.
    """
    today = _today(today)
    soon = today + timedelta(days=conf.due_soon_days())
    tolerance = conf.lag_tolerance()
    total_days = DaysBetween(F("due"), F("start"))
    elapsed_days = DaysBetween(Value(today), F("start"))
    lagging = Q(start__isnull=False, due__isnull=False, due__gt=F("start"), start__lt=today) & Q(
        LessThan((F("progress") + Value(tolerance)) * total_days, elapsed_days * Value(100))
    )
    return Case(
        When(status=Measure.Status.CANCELLED, then=Value(Light.GREY)),
        When(status__in=Measure.DONE_STATUSES, then=Value(Light.GREEN)),
        When(due__lt=today, then=Value(Light.RED)),
        When(lagging, then=Value(Light.YELLOW)),
        When(due__lte=soon, then=Value(Light.BLUE)),
        default=Value(Light.GREEN),
        output_field=CharField(),
    )


def measure_overdue_annotation(today=None):
    today = _today(today)
    return ExpressionWrapper(Q(status__in=Measure.OPEN_STATUSES, due__lt=today), output_field=BooleanField())


def _with_light(qs, today=None):
    return qs.annotate(light=measure_light_annotation(today), is_overdue=measure_overdue_annotation(today))


def _visible(qs, user, field="lead_department_id"):
    if user is None:
        return qs
    department_ids = visible_department_ids(user)
    if department_ids is None:
        return qs
    return qs.filter(**{f"{field}__in": department_ids})


def measure_list(
    *,
    user,
    campaign: Campaign | None = None,
    pillar: Pillar | None = None,
    department=None,
    status: str | None = None,
    light: str | None = None,
    awaiting_assignment: bool | None = None,
    today=None,
) -> QuerySet[Measure]:
    """Measures the user may see, with `light` and `is_overdue` annotated and related rows joined."""
    # The number of updates as a subquery, not a join and GROUP BY: PostgreSQL computes it for the rows of the page
    # only, and counting the list needs no grouping.
    updates = ProgressUpdate.objects.filter(measure=OuterRef("pk")).order_by().values("measure").annotate(n=Count("pk"))
    qs = Measure.objects.select_related("pillar", "pillar__campaign", "lead_department", "responsible_leader").annotate(
        update_count=Coalesce(Subquery(updates.values("n")[:1], output_field=IntegerField()), 0)
    )
    qs = _with_light(_visible(qs, user), today)
    if campaign is not None:
        qs = qs.filter(pillar__campaign=campaign)
    if pillar is not None:
        qs = qs.filter(pillar=pillar)
    if department is not None:
        qs = qs.filter(lead_department=department)
    if status:
        qs = qs.filter(status=status)
    if light:
        qs = qs.filter(light=light)
    if awaiting_assignment is not None:
        qs = qs.filter(lead_department__isnull=awaiting_assignment)
    return qs.order_by("pillar__order", "pillar_id", "order", "pk")


def measure_detail(*, user, pk: int, today=None) -> Measure:
    """One measure with its light (permission is checked by the caller with `can`)."""
    qs = Measure.objects.select_related(
        "pillar", "pillar__campaign", "lead_department", "responsible_leader", "verified_by"
    )
    return _with_light(qs, today).get(pk=pk)


def measure_timeline(*, measure) -> QuerySet[ProgressUpdate]:
    return measure.progress_updates.select_related("author", "author__person", "department").prefetch_related(
        "evidence"
    )


def _weighted_progress(prefix=""):
    active = ~Q(**{f"{prefix}status": Measure.Status.CANCELLED})
    if prefix:
        active &= Q(**{f"{prefix}pk__isnull": False})
    weighted = Sum(F(f"{prefix}weight") * F(f"{prefix}progress"), filter=active, output_field=DecimalField())
    weights = Sum(f"{prefix}weight", filter=active, output_field=DecimalField())
    return ExpressionWrapper(
        weighted / NullIf(weights, Value(Decimal("0"))), output_field=DecimalField(max_digits=6, decimal_places=2)
    )


def pillar_progress(*, campaign: Campaign) -> QuerySet[Pillar]:
    """The campaign's pillars with `progress` (weighted by measure weight, cancelled left out, None when empty),
    `measure_count` and `done_count`."""
    return (
        Pillar.objects.filter(campaign=campaign)
        .select_related("leader_in_charge")
        .annotate(
            progress=_weighted_progress("measures__"),
            measure_count=Count("measures", filter=~Q(measures__status=Measure.Status.CANCELLED)),
            done_count=Count("measures", filter=Q(measures__status__in=Measure.DONE_STATUSES)),
        )
        .order_by("order", "pk")
    )


def campaign_progress(*, campaign: Campaign) -> Decimal | None:
    """The campaign's weighted progress in percent (cancelled measures left out), or None without measures."""
    value = Measure.objects.filter(pillar__campaign=campaign).aggregate(progress=_weighted_progress())["progress"]
    return None if value is None else Decimal(value).quantize(Decimal("0.1"))


def light_counts(*, campaign: Campaign | None = None, user=None, by: str | None = None, today=None) -> dict:
    """How many measures show each light: {light: n}, or {key: {light: n}} grouped by "pillar" or "department"."""
    qs = _with_light(Measure.objects.all(), today)
    qs = _visible(qs, user)
    if campaign is not None:
        qs = qs.filter(pillar__campaign=campaign)
    group = {"pillar": "pillar_id", "department": "lead_department_id"}.get(by)
    fields = [group, "light"] if group else ["light"]
    rows = qs.order_by().values(*fields).annotate(n=Count("pk"))
    if not group:
        return {row["light"]: row["n"] for row in rows}
    result: dict = {}
    for row in rows:
        result.setdefault(row[group], {})[row["light"]] = row["n"]
    return result


def measures_due(*, within_days: int, today=None, campaign: Campaign | None = None) -> QuerySet[Measure]:
    """Open measures due from today up to `within_days` days ahead (for reminders)."""
    today = _today(today)
    qs = Measure.objects.filter(
        status__in=Measure.OPEN_STATUSES, due__gte=today, due__lte=today + timedelta(days=within_days)
    ).select_related("pillar", "lead_department", "lead_department__contact", "responsible_leader")
    if campaign is not None:
        qs = qs.filter(pillar__campaign=campaign)
    return _with_light(qs, today).order_by("due", "pk")


def measures_overdue(*, today=None, campaign: Campaign | None = None) -> QuerySet[Measure]:
    """Open measures past their due date (for chasing)."""
    today = _today(today)
    qs = Measure.objects.filter(status__in=Measure.OPEN_STATUSES, due__lt=today).select_related(
        "pillar", "lead_department", "lead_department__contact", "responsible_leader"
    )
    if campaign is not None:
        qs = qs.filter(pillar__campaign=campaign)
    return _with_light(qs, today).order_by("due", "pk")


# --- indicators ---------------------------------------------------------------------------------------------------


def indicator_status_expression(value, target, direction):
    """On track / at risk / off track of a value against a target, as an SQL expression (None value → no data)."""
    tolerance = conf.indicator_tolerance() / Decimal(100)
    low = ExpressionWrapper(target * Value(Decimal(1) - tolerance), output_field=DecimalField())
    high = ExpressionWrapper(target * Value(Decimal(1) + tolerance), output_field=DecimalField())
    higher = Q(**{direction: "higher"}) if isinstance(direction, str) else direction
    return Case(
        When(Q(**{f"{value}__isnull": True}), then=Value(IndicatorStatus.NO_DATA)),
        When(higher & Q(**{f"{value}__gte": target}), then=Value(IndicatorStatus.ON_TRACK)),
        When(higher & Q(**{f"{value}__gte": low}), then=Value(IndicatorStatus.AT_RISK)),
        When(higher, then=Value(IndicatorStatus.OFF_TRACK)),
        When(Q(**{f"{value}__lte": target}), then=Value(IndicatorStatus.ON_TRACK)),
        When(Q(**{f"{value}__lte": high}), then=Value(IndicatorStatus.AT_RISK)),
        default=Value(IndicatorStatus.OFF_TRACK),
        output_field=CharField(),
    )


def indicator_reading_list(
    *, user, indicator: Indicator | None = None, campaign: Campaign | None = None
) -> QuerySet[IndicatorReading]:
    """Readings the user may see, each with its `status` against the indicator's target."""
    qs = IndicatorReading.objects.select_related("indicator", "indicator__pillar", "department", "author")
    department_ids = visible_department_ids(user) if user is not None else None
    if department_ids is not None:
        # Department contacts see their own readings and the whole-organ ones.
        qs = qs.filter(Q(department_id__in=department_ids) | Q(department__isnull=True))
    if indicator is not None:
        qs = qs.filter(indicator=indicator)
    if campaign is not None:
        qs = qs.filter(indicator__pillar__campaign=campaign)
    return qs.annotate(status=indicator_status_expression("value", F("indicator__target"), "indicator__direction"))


def indicator_list(*, campaign: Campaign, pillar: Pillar | None = None) -> QuerySet[Indicator]:
    """Indicators with their latest period, latest value (the whole-organ reading, else the departments' average),
    the status of that value and the number of readings.

    Every figure is its own unordered subquery, run once per indicator: counting with a join on readings made
    PostgreSQL group by the correlated subqueries and run them once per reading (34 s at the benchmark's 1x size).
    """
    readings = IndicatorReading.objects.filter(indicator=OuterRef("pk")).order_by()
    # The newest period: one step down the (indicator, period_start) index, not an aggregate over every reading.
    latest_period = Subquery(readings.order_by("-period_start").values("period_start")[:1])
    in_latest = readings.filter(period_start=OuterRef("latest_period"))
    whole = Subquery(in_latest.filter(department__isnull=True).values("value")[:1])
    average = Subquery(
        in_latest.filter(department__isnull=False).values("indicator").annotate(a=Avg("value")).values("a")[:1]
    )
    count = Subquery(readings.values("indicator").annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField())
    qs = Indicator.objects.filter(pillar__campaign=campaign).select_related("pillar")
    if pillar is not None:
        qs = qs.filter(pillar=pillar)
    return (
        qs.annotate(latest_period=latest_period)
        .annotate(
            latest_value=Coalesce(whole, average, output_field=DecimalField(max_digits=14, decimal_places=2)),
            reading_count=Coalesce(count, 0),
        )
        .annotate(status=indicator_status_expression("latest_value", F("target"), "direction"))
    )

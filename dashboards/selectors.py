"""Reads behind the dashboards, the report and the sweep: aggregated in SQL, a fixed number of queries each.

The traffic light and indicator status come from campaigns.selectors (written once there); this module groups
and ranks them for leaders, departments and the scheduled sweep.
"""

from decimal import Decimal

from django.db.models import Case, Count, DecimalField, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import NullIf
from django.utils import timezone

from campaigns.models import CampaignCheck, Measure, Pillar
from campaigns.selectors import indicator_list, measure_light_annotation, measure_overdue_annotation
from leadership.models import Charge, Department, Membership, Person

ACTIVE = ~Q(status=Measure.Status.CANCELLED)
DONE = Q(status__in=Measure.DONE_STATUSES)
OPEN = Q(status__in=Measure.OPEN_STATUSES)


def _current(qs, today):
    return qs.filter(Q(end__isnull=True) | Q(end__gte=today)).filter(Q(start__isnull=True) | Q(start__lte=today))


def _percent(numerator, denominator):
    return ExpressionWrapper(
        Value(Decimal("100")) * numerator / NullIf(denominator, Value(Decimal("0"))),
        output_field=DecimalField(max_digits=7, decimal_places=2),
    )


def campaign_measures(*, campaign, department=None, pillar=None, due_from=None, due_to=None):
    """The campaign's measures narrowed by the dashboard's filters (department, pillar, due-date period)."""
    qs = Measure.objects.filter(pillar__campaign=campaign)
    if department is not None:
        qs = qs.filter(lead_department=department)
    if pillar is not None:
        qs = qs.filter(pillar=pillar)
    if due_from is not None:
        qs = qs.filter(due__gte=due_from)
    if due_to is not None:
        qs = qs.filter(due__lte=due_to)
    return qs


def charge_leader_subquery(*, campaign, today, field="person__name"):
    """The leader currently in charge of the measure's lead department (a correlated subquery)."""
    charges = _current(Charge.objects.filter(campaign=campaign, department=OuterRef("lead_department")), today)
    return Subquery(charges.order_by("-pk").values(field)[:1])


def measures_with_light(*, measures, campaign, today):
    """Measures with `light`, `is_overdue` and the leader in charge (responsible leader, else the department's
    leader in charge, else the pillar's) — names and login ids — in one query."""
    return (
        measures.select_related("pillar", "lead_department", "responsible_leader", "pillar__leader_in_charge")
        .annotate(
            light=measure_light_annotation(today),
            is_overdue=measure_overdue_annotation(today),
            charge_leader_name=charge_leader_subquery(campaign=campaign, today=today),
            charge_leader_user_id=charge_leader_subquery(campaign=campaign, today=today, field="person__user_id"),
        )
        .order_by("pillar__order", "pillar_id", "order", "pk")
    )


# The order of each light's list on the dashboard: overdue by due date, the others in plan order.
LIGHT_ORDER = {"red": ("due", "pk")}
PLAN_ORDER = ("pillar__order", "pillar_id", "order", "pk")


def first_by_light(rows, *, lights, limit, first_departments=frozenset()) -> list[Measure]:
    """The first `limit` measures of each light (one query per light), those led by `first_departments` first.

    The counts per light come from `pillar_figures`; this loads only what a page shows, whatever the number of
    measures.
    """
    mine = Case(When(lead_department__in=list(first_departments), then=Value(0)), default=Value(1))
    result = []
    for light in lights:
        ordering = LIGHT_ORDER.get(light, PLAN_ORDER)
        qs = rows.filter(light=light).annotate(mine_first=mine).order_by("mine_first", *ordering)
        result.extend(qs[:limit])
    return result


def leader_of(measure) -> str:
    if measure.responsible_leader_id:
        return measure.responsible_leader.name
    if getattr(measure, "charge_leader_name", None):
        return measure.charge_leader_name
    leader = measure.pillar.leader_in_charge
    return leader.name if leader else ""


def pillar_figures(*, campaign, measures, today) -> list[Pillar]:
    """Every pillar of the campaign with weighted progress, counts by light and status (two queries).

    Cancelled measures are left out of progress, as in campaigns.selectors.pillar_progress.
    """
    rows = (
        measures.order_by()
        .annotate(light=measure_light_annotation(today))
        .values("pillar_id")
        .annotate(
            weighted=Sum(F("weight") * F("progress"), filter=ACTIVE, output_field=DecimalField()),
            weights=Sum("weight", filter=ACTIVE, output_field=DecimalField()),
            measure_count=Count("pk", filter=ACTIVE),
            done_count=Count("pk", filter=DONE),
            red=Count("pk", filter=Q(light="red")),
            yellow=Count("pk", filter=Q(light="yellow")),
            blue=Count("pk", filter=Q(light="blue")),
            green=Count("pk", filter=Q(light="green")),
            grey=Count("pk", filter=Q(light="grey")),
        )
    )
    by_pillar = {row["pillar_id"]: row for row in rows}
    pillars = list(Pillar.objects.filter(campaign=campaign).select_related("leader_in_charge").order_by("order", "pk"))
    for pillar in pillars:
        row = by_pillar.get(pillar.pk, {})
        weights = row.get("weights") or Decimal("0")
        pillar.progress = (Decimal(row["weighted"]) / Decimal(weights)).quantize(Decimal("0.1")) if weights else None
        pillar.measure_count = row.get("measure_count", 0)
        pillar.done_count = row.get("done_count", 0)
        pillar.lights = {light: row.get(light, 0) for light in ("red", "yellow", "blue", "green", "grey")}
    return pillars


def overall_progress(pillars, measures) -> Decimal | None:
    """The campaign's weighted progress from the same aggregate (weights summed across pillars)."""
    row = measures.order_by().aggregate(
        weighted=Sum(F("weight") * F("progress"), filter=ACTIVE, output_field=DecimalField()),
        weights=Sum("weight", filter=ACTIVE, output_field=DecimalField()),
    )
    if not row["weights"]:
        return None
    return (Decimal(row["weighted"]) / Decimal(row["weights"])).quantize(Decimal("0.1"))


def status_counts(*, measures) -> dict[str, int]:
    rows = measures.order_by().values("status").annotate(n=Count("pk"))
    counts = {row["status"]: row["n"] for row in rows}
    return {value: counts.get(value, 0) for value in Measure.Status.values}


def ranked_rows(*, measures, today) -> list[tuple[int, dict]]:
    """(rank, figures) of every department leading a measure of the selection, ranked by on-time completion: done
    by the due date out of those due so far. Aggregated in one query; no Department is loaded."""
    on_time = DONE & (Q(reported_at__isnull=True) | Q(reported_at__date__lte=F("due")))
    rows = list(
        measures.filter(lead_department__isnull=False)
        .order_by()
        .values("lead_department_id", "lead_department__order", "lead_department__name")
        .annotate(
            total=Count("pk", filter=ACTIVE),
            done=Count("pk", filter=DONE),
            due_so_far=Count("pk", filter=ACTIVE & Q(due__lte=today)),
            done_on_time=Count("pk", filter=on_time & Q(due__lte=today)),
            overdue=Count("pk", filter=OPEN & Q(due__lt=today)),
        )
    )
    for row in rows:
        row["on_time_rate"] = (
            (Decimal(100) * row["done_on_time"] / row["due_so_far"]).quantize(Decimal("0.1"))
            if row["due_so_far"]
            else None
        )
    rows.sort(
        key=lambda r: (
            r["on_time_rate"] is None,
            -(r["on_time_rate"] or 0),
            r["overdue"],
            -r["done"],
            r["lead_department__order"],
            r["lead_department__name"],
        )
    )
    return list(enumerate(rows, start=1))


def ranked_departments(*, campaign, today, ranked) -> list[Department]:
    """The departments of some (rank, figures) pairs of `ranked_rows`, in that order, with their figures, rank, leader
    in charge and `gap_before` where ranks were skipped before them (one query)."""
    loaded = Department.objects.filter(pk__in=[row["lead_department_id"] for _rank, row in ranked]).annotate(
        leader_name=charge_leader_subquery_for_department(campaign=campaign, today=today)
    )
    by_pk = {department.pk: department for department in loaded}
    departments = []
    previous = None
    for rank, row in ranked:
        department = by_pk[row["lead_department_id"]]
        for field in ("total", "done", "due_so_far", "done_on_time", "overdue", "on_time_rate"):
            setattr(department, field, row[field])
        department.rank = rank
        department.gap_before = previous is not None and rank != previous + 1
        previous = rank
        departments.append(department)
    return departments


def department_ranking(*, campaign, measures, today, shown=None, first=frozenset()) -> tuple[list[Department], int]:
    """The ranked departments and how many there are. With `shown`, only the top and bottom `shown` and those in
    `first` (a deputy's own) are loaded; the ranks are those of the whole ranking."""
    ranked = ranked_rows(measures=measures, today=today)
    total = len(ranked)
    if shown is not None and total > 2 * shown:
        ranked = [
            (rank, row)
            for rank, row in ranked
            if rank <= shown or rank > total - shown or row["lead_department_id"] in first
        ]
    return ranked_departments(campaign=campaign, today=today, ranked=ranked), total


def charge_leader_subquery_for_department(*, campaign, today):
    charges = _current(Charge.objects.filter(campaign=campaign, department=OuterRef("pk")), today)
    return Subquery(charges.order_by("-pk").values("person__name")[:1])


def indicators_with_status(*, campaign, pillar=None):
    return list(indicator_list(campaign=campaign, pillar=pillar).order_by("pillar__order", "pillar_id", "order", "pk"))


def three_in_place(*, campaign) -> list[dict]:
    """The plan's three checks (思想认识、领导组织、各项保障到位), confirmed or not, always all three."""
    checks = {c.kind: c for c in CampaignCheck.objects.filter(campaign=campaign).select_related("confirmed_by__person")}
    result = []
    for kind, label in CampaignCheck.Kind.choices:
        check = checks.get(kind)
        result.append(
            {
                "kind": kind,
                "label": label,
                "confirmed": bool(check and check.is_confirmed),
                "confirmed_at": check.confirmed_at if check else None,
                "confirmed_by": check.confirmed_by if check else None,
                "confirmed_by_name": _user_name(check.confirmed_by) if check and check.confirmed_by_id else "",
                "note": check.note if check else "",
            }
        )
    return result


def _user_name(user) -> str:
    person = getattr(user, "person", None)
    return person.name if person is not None else user.get_username()


def leading_group_users(*, campaign, today=None):
    """Logins of everyone with a current post in the leading group or its office."""
    from django.contrib.auth import get_user_model

    today = today or timezone.localdate()
    person_ids = _current(Membership.objects.filter(campaign=campaign), today).values("person_id")
    return (
        get_user_model()
        .objects.filter(person__in=person_ids, is_active=True)
        .select_related("person")
        .order_by("pk")
        .distinct()
    )


def leaders(*, campaign, today=None):
    """People holding a current leader or deputy-leader post who have a login."""
    today = today or timezone.localdate()
    posts = _current(
        Membership.objects.filter(
            campaign=campaign, role__in=[Membership.Role.LEADER, Membership.Role.DEPUTY], person=OuterRef("pk")
        ),
        today,
    )
    group_leader = posts.filter(role=Membership.Role.LEADER)
    from django.db.models import Exists

    return (
        Person.objects.filter(Exists(posts), user__isnull=False, user__is_active=True)
        .annotate(is_group_leader=Exists(group_leader))
        .select_related("user")
        .order_by("pk")
    )


def person_charge(*, person, campaign, today=None) -> tuple[set[int], set[int], bool]:
    """(department ids, pillar ids) a leader is in charge of, and whether they lead the whole group."""
    today = today or timezone.localdate()
    if person is None:
        return set(), set(), False
    is_group_leader = _current(
        Membership.objects.filter(campaign=campaign, person=person, role=Membership.Role.LEADER), today
    ).exists()
    departments = set(
        _current(Charge.objects.filter(campaign=campaign, person=person), today).values_list("department_id", flat=True)
    )
    pillars = set(Pillar.objects.filter(campaign=campaign, leader_in_charge=person).values_list("pk", flat=True))
    return departments, pillars, is_group_leader


def department_dashboard(*, user, department, campaign, today=None) -> dict:
    """A department's measures that need attention, those waiting to be acknowledged, its progress and open
    ballots of the user — a fixed number of queries."""
    today = today or timezone.localdate()
    measures = Measure.objects.filter(pillar__campaign=campaign, lead_department=department)
    rows = list(
        measures_with_light(measures=measures, campaign=campaign, today=today)
        .filter(
            Q(light__in=["red", "yellow", "blue"]) | Q(status=Measure.Status.ISSUED) | Q(status=Measure.Status.RETURNED)
        )
        .order_by("due", "pk")
    )
    lights = dict.fromkeys(("red", "yellow", "blue", "green", "grey"), 0)
    for row in (
        measures.order_by().annotate(light=measure_light_annotation(today)).values("light").annotate(n=Count("pk"))
    ):
        lights[row["light"]] = row["n"]
    return {
        "overdue": [m for m in rows if m.light == "red"],
        "lagging": [m for m in rows if m.light == "yellow"],
        "due_soon": [m for m in rows if m.light == "blue"],
        "to_acknowledge": [m for m in rows if m.status == Measure.Status.ISSUED],
        "returned": [m for m in rows if m.status == Measure.Status.RETURNED],
        "lights": lights,
        "progress": overall_progress(None, measures),
        "measure_total": sum(lights.values()) - lights["grey"],
        "ballots": open_ballots(user=user, now=timezone.now()),
    }


def open_ballots(*, user, now) -> list:
    """The user's unused ballots in rounds accepting votes now (the evaluations app's selector)."""
    from .reports import _optional

    selector = _optional("evaluations.selectors", "open_ballots")
    return list(selector(user=user, now=now)[:20]) if selector is not None else []

"""The figures of the progress report: one source for the PDF, the xlsx export and the leader dashboard."""

from importlib import import_module

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.choices import IndicatorStatus, Light
from campaigns.models import Measure

from . import conf, selectors

LIGHTS = [Light.RED, Light.YELLOW, Light.BLUE, Light.GREEN, Light.GREY]


def _optional(module: str, name: str):
    """A selector of an app that shows its data here when it has it (reception, evaluations)."""
    try:
        return getattr(import_module(module), name, None)
    except ImportError:
        return None


def reception_figures(*, year: int, department=None) -> list:
    """Spend against the annual caps (reception.selectors.CapUsage rows; the bureau's row last)."""
    spend_against_caps = _optional("reception.selectors", "spend_against_caps")
    if spend_against_caps is None:
        return []
    return list(spend_against_caps(year=year, department=department))


def evaluation_figures(*, campaign) -> list:
    """The latest published result of each kind of appraisal round (evaluations.counting.RoundResult)."""
    latest_results = _optional("evaluations.selectors", "latest_results")
    if latest_results is None:
        return []
    return list(latest_results(campaign=campaign))


def report_context(
    *,
    campaign,
    department=None,
    pillar=None,
    due_from=None,
    due_to=None,
    as_of=None,
    measure_lights: tuple[str, ...] | None = None,
    first_departments: frozenset[int] = frozenset(),
    shown: int | None = None,
) -> dict:
    """Everything the report shows, in a fixed number of queries whatever the number of measures or departments.

    With `measure_lights` (the dashboard) only the first `list_limit` measures of each of those lights are loaded,
    those of `first_departments` (a deputy's departments) first; the report (without it) lists every measure.
    With `shown` the department ranking and the reception table hold the top and bottom `shown` departments (and
    `first_departments`) instead of every department; `department_total` and `reception_total` say how many there are.
    """
    today = as_of or timezone.localdate()
    list_limit = conf.lagging_list_limit()
    measures = selectors.campaign_measures(
        campaign=campaign, department=department, pillar=pillar, due_from=due_from, due_to=due_to
    )
    pillars = selectors.pillar_figures(campaign=campaign, measures=measures, today=today)
    if pillar is not None:
        pillars = [p for p in pillars if p.pk == pillar.pk]
    rows = selectors.measures_with_light(measures=measures, campaign=campaign, today=today)
    if measure_lights is not None:
        rows = selectors.first_by_light(
            rows, lights=measure_lights, limit=list_limit, first_departments=first_departments
        )
    rows = list(rows)
    for measure in rows:
        measure.leader_name = selectors.leader_of(measure)
    by_pillar: dict[int, list[Measure]] = {}
    for measure in rows:
        by_pillar.setdefault(measure.pillar_id, []).append(measure)
    for p in pillars:
        p.measure_rows = by_pillar.get(p.pk, [])
    light_totals = {light: sum(p.lights[light] for p in pillars) for light in LIGHTS}
    overdue = [m for m in rows if m.light == Light.RED]
    overdue.sort(key=lambda m: (m.lead_department_id not in first_departments, m.due, m.pk))
    lagging = [m for m in rows if m.light == Light.YELLOW]
    due_soon = [m for m in rows if m.light == Light.BLUE]
    indicators = selectors.indicators_with_status(campaign=campaign, pillar=pillar)
    statuses = selectors.status_counts(measures=measures)
    measure_total = sum(statuses.values()) - statuses.get(Measure.Status.CANCELLED, 0)
    done_total = sum(statuses.get(s, 0) for s in Measure.DONE_STATUSES)
    checks = selectors.three_in_place(campaign=campaign)
    departments, department_total = selectors.department_ranking(
        campaign=campaign, measures=measures, today=today, shown=shown, first=first_departments
    )
    usages = reception_figures(year=today.year, department=department)
    reception = usages if shown is None else most_used(usages, shown=shown, first=first_departments)
    return {
        "campaign": campaign,
        "department": department,
        "running_title": " · ".join(
            [campaign.title, *([department.name] if department else []), str(_("Progress report"))]
        ),
        "pillar": pillar,
        "due_from": due_from,
        "due_to": due_to,
        "as_of": today,
        "generated_at": timezone.localtime(),
        "progress": selectors.overall_progress(pillars, measures),
        "pillars": pillars,
        "measure_total": measure_total,
        "done_total": done_total,
        "status_counts": statuses,
        "status_labels": dict(Measure.Status.choices),
        "light_totals": light_totals,
        "light_labels": dict(Light.choices),
        "overdue": overdue,
        "lagging": lagging,
        "due_soon": due_soon,
        "departments": departments,
        "department_total": department_total,
        "indicators": indicators,
        "indicators_off_track": [
            i for i in indicators if i.status in (IndicatorStatus.OFF_TRACK, IndicatorStatus.AT_RISK)
        ],
        "indicator_status_labels": dict(IndicatorStatus.choices),
        "evaluations": _evaluations_for(evaluation_figures(campaign=campaign), department),
        "reception": reception,
        "reception_total": sum(1 for usage in usages if not usage.is_bureau),
        "reception_shown": sum(1 for usage in reception if not usage.is_bureau),
        "checks": checks,
        "checks_confirmed": sum(1 for c in checks if c["confirmed"]),
        "list_limit": list_limit,
    }


def most_used(usages, *, shown: int, first=frozenset()) -> list:
    """The `shown` departments nearest their caps (and those in `first`), in the table's order, the bureau last."""
    departments = [usage for usage in usages if not usage.is_bureau]
    if len(departments) > shown:
        ranked = sorted(departments, key=lambda u: (u.percent is None, -(u.percent or 0), -u.spend))
        keep = {id(u) for u in ranked[:shown]} | {id(u) for u in departments if u.department_id in first}
        departments = [usage for usage in departments if id(usage) in keep]
    return departments + [usage for usage in usages if usage.is_bureau]


def _evaluations_for(results, department):
    """Each round's department rows, narrowed to one department for a department's report."""
    for result in results:
        rows = result.departments
        if department is not None:
            rows = [row for row in rows if row.department_id == department.pk]
        result.rows = rows
    return results


LEVEL_LABELS = {
    "ok": _("within the cap"),
    "warning": _("warning"),
    "alert": _("alert"),
    "over": _("over the cap"),
    "no_cap": _("no cap set"),
}


def reception_rows(usages) -> tuple[list, list]:
    """Header and rows of the reception summary (PDF, xlsx and dashboard share it)."""
    header = [
        _("Department"),
        _("Annual cap (yuan)"),
        _("Spent (yuan)"),
        _("Remaining (yuan)"),
        _("Used (%)"),
        _("Level"),
    ]
    rows = [
        (
            usage.department_name or str(_("Whole bureau")),
            usage.cap,
            usage.spend,
            usage.remaining,
            usage.percent,
            str(LEVEL_LABELS.get(usage.level, usage.level)),
        )
        for usage in usages
    ]
    return [str(h) for h in header], rows


def evaluation_rows(results) -> tuple[list, list]:
    header = [_("Round"), _("Department"), _("Score"), _("Satisfaction rate (%)"), _("Rank"), _("Band")]
    rows = [
        (result.round.title, row.name, row.score, row.rate, row.rank, row.band or "")
        for result in results
        for row in getattr(result, "rows", result.departments)
    ]
    return [str(h) for h in header], rows

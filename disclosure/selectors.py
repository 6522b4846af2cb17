"""Reads of the public portal: only published rows for the public, bounded queries, aggregates in SQL.

Data other apps own (campaign progress, evaluation results, reception totals) is read through their selectors and
shaped here into plain values, so the public templates never touch another app's models.
"""

import datetime
from importlib import import_module

from django.core.paginator import Paginator
from django.db.models import BooleanField, Case, Count, F, Min, Q, Value, When
from django.utils import timezone

from liujiguan.permissions import visible_department_ids

from .models import CampaignPublication, Commitment, FeedbackMessage, NewsItem, ReceptionDisclosure, ServicePage

PUBLISHABLE_MODELS = (Commitment, ServicePage, NewsItem, CampaignPublication, ReceptionDisclosure)


def _optional_selector(module: str, name: str):
    """Another app's selector, or None while that app has not shipped it yet."""
    try:
        return getattr(import_module(module), name, None)
    except ImportError:
        return None


def late_condition(today: datetime.date) -> Q:
    """SQL form of rules.commitment_is_late."""
    return Q(status__in=Commitment.OPEN_STATUSES, due_date__lt=today) | Q(
        status=Commitment.Status.DONE, completed_on__gt=F("due_date")
    )


def with_late(queryset, today=None):
    today = today or timezone.localdate()
    return queryset.annotate(
        late=Case(When(late_condition(today), then=Value(True)), default=Value(False), output_field=BooleanField())
    )


def next_scheduled_publication(*, now=None):
    """The earliest publication time still to come over everything publishable, or None."""
    now = now or timezone.now()
    times = [m.objects.scheduled(now).aggregate(t=Min("published_at"))["t"] for m in PUBLISHABLE_MODELS]
    times = [t for t in times if t]
    return min(times) if times else None


# --- public reads -------------------------------------------------------------------------------------------------


def public_commitments(*, department_id=None, status=None, late_only=False):
    qs = with_late(Commitment.objects.published().select_related("department"))
    if department_id:
        qs = qs.filter(department_id=department_id)
    if status:
        qs = qs.filter(status=status)
    if late_only:
        qs = qs.filter(late=True)
    return qs.order_by("department__order", "department__name", "due_date", "pk")


def public_commitment_summary() -> dict:
    """Counts of published commitments by status, and how many are late, in one query."""
    today = timezone.localdate()
    counts = Commitment.objects.published().aggregate(
        total=Count("pk"),
        planned=Count("pk", filter=Q(status=Commitment.Status.PLANNED)),
        in_progress=Count("pk", filter=Q(status=Commitment.Status.IN_PROGRESS)),
        done=Count("pk", filter=Q(status=Commitment.Status.DONE)),
        withdrawn=Count("pk", filter=Q(status=Commitment.Status.WITHDRAWN)),
        late=Count("pk", filter=late_condition(today)),
    )
    counts["done_percent"] = round(100 * counts["done"] / counts["total"]) if counts["total"] else 0
    return counts


def public_commitment_departments():
    """Departments with at least one published commitment, for the filter."""
    from leadership.models import Department

    return Department.objects.filter(pk__in=Commitment.objects.published().values("department_id")).only("pk", "name")


def public_service_pages():
    return (
        ServicePage.objects.published()
        .select_related("department")
        .only("pk", "title", "slug", "kind", "summary", "department__name", "published_at", "modified")
    )


def public_news():
    return NewsItem.objects.published().defer("internal_note", "body")


def public_campaigns():
    from campaigns.models import Campaign

    return (
        CampaignPublication.objects.published()
        .exclude(campaign__status=Campaign.Status.DRAFT)
        .select_related("campaign")
        .order_by("-campaign__is_current", "-campaign__year", "-pk")
    )


def public_campaign_publication(*, campaign_id):
    return public_campaigns().filter(campaign_id=campaign_id).first()


def campaign_progress(*, campaign) -> dict:
    """The campaign's pillars with their progress (from the campaigns app), shaped for the public pages.

    Returns {"pillars": [{"name", "type", "slogan", "percent", "done", "total"}], "percent": int | None}; leaders'
    names stay out.
    """
    pillar_progress = _optional_selector("campaigns.selectors", "pillar_progress")
    overall = _optional_selector("campaigns.selectors", "campaign_progress")
    if pillar_progress is None:
        rows = [(p, None, None, None) for p in campaign.pillars.order_by("order", "pk")]
    else:
        rows = [(p, p.progress, p.done_count, p.measure_count) for p in pillar_progress(campaign=campaign)]
    pillars = [
        {
            "name": pillar.name,
            "type": pillar.type,
            "slogan": pillar.slogan,
            "percent": None if progress is None else round(progress),
            "done": done,
            "total": total,
        }
        for pillar, progress, done, total in rows
    ]
    percent = overall(campaign=campaign) if overall is not None else None
    return {"pillars": pillars, "percent": None if percent is None else round(percent)}


def public_evaluation_results(*, campaign=None) -> list[dict]:
    """Results of the rounds the evaluations office published (groups too small to stay anonymous are already left
    out there), shaped for the public: units, scores, rates, ranks, bands; never a rater or a ballot."""
    published_results = _optional_selector("evaluations.selectors", "published_results")
    if published_results is None:
        return []
    results = []
    for result in published_results(campaign=campaign):
        results.append(
            {
                "title": result.round.title,
                "kind": result.round.get_kind_display(),
                "campaign": result.round.campaign.title,
                "published_at": result.round.published_at,
                "valid": result.valid,
                "validity_label": result.validity_label,
                "issued": result.issued,
                "returned": result.returned,
                "participation_rate": result.participation_rate,
                "groups": [
                    {"name": g.group.name, "issued": g.issued, "returned": g.returned} for g in result.groups if g.shown
                ],
                "departments": [
                    {
                        "name": d.name,
                        "score": d.score,
                        "rate": d.rate,
                        "rank": d.rank,
                        "band": d.band,
                        "named": d.named,
                    }
                    for d in sorted(result.departments, key=lambda d: (d.rank is None, d.rank or 0, d.name))
                ],
            }
        )
    return results


def public_reception_years():
    return ReceptionDisclosure.objects.published().order_by("-year")


RECEPTION_ROWS_PER_PAGE = 50


def reception_year_totals(*, year: int, page=None) -> dict | None:
    """The reception app's annual totals by department: receptions, guests, spending (yuan). No names at all.

    Returns {"rows": [{"department", "count", "guests", "amount"}], "page_obj", "count", "guests", "amount"}, or None
    while the reception app does not provide them. The rows are one page (`page`, as Paginator.get_page reads it: out
    of range is the last page) of RECEPTION_ROWS_PER_PAGE departments in the reception app's order; the totals are
    always the whole bureau's.
    """
    annual = _optional_selector("reception.selectors", "annual_disclosure")
    if annual is None:
        return None
    data = annual(year=year)
    page_obj = Paginator(data["by_department"], RECEPTION_ROWS_PER_PAGE).get_page(page)
    return {
        "rows": [
            {
                "department": row["department"],
                "count": row["receptions"],
                "guests": row["guests"] or 0,
                "amount": row["spend"] or 0,
            }
            for row in page_obj.object_list
        ],
        "page_obj": page_obj,
        "count": data["receptions"],
        "guests": data["guests"],
        "amount": data["spend"],
    }


# --- office and department reads ----------------------------------------------------------------------------------


def commitments_for_user(*, user):
    """Commitments the user may list in the manage pages (departments see their own)."""
    qs = with_late(Commitment.objects.select_related("department", "campaign"))
    departments = visible_department_ids(user)
    if departments is not None:
        qs = qs.filter(department_id__in=departments)
    return qs.order_by("-late", "due_date", "pk")


def commitments_due(*, user, days: int = 14):
    """Open commitments due within `days` or already late, for the home panels."""
    horizon = timezone.localdate() + datetime.timedelta(days=days)
    return (
        commitments_for_user(user=user)
        .filter(status__in=Commitment.OPEN_STATUSES, due_date__lte=horizon)
        .order_by("due_date", "pk")
    )


def feedback_unread_count() -> int:
    return FeedbackMessage.objects.filter(status=FeedbackMessage.Status.NEW).count()


def feedback_list(*, status=None):
    qs = FeedbackMessage.objects.select_related("commitment", "handled_by")
    if status:
        qs = qs.filter(status=status)
    return qs


def publication_overview() -> dict:
    """Counts for the manage home: published, scheduled and drafts of each kind, one query per kind."""
    now = timezone.now()
    overview = {}
    for model in PUBLISHABLE_MODELS:
        overview[model._meta.model_name] = model.objects.aggregate(
            published=Count("pk", filter=Q(is_published=True, published_at__lte=now)),
            scheduled=Count("pk", filter=Q(is_published=True, published_at__gt=now)),
            drafts=Count("pk", filter=Q(is_published=False)),
        )
    return overview

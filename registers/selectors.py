"""Reads of the registers: lists filtered by permission, the policy and calendar in force, panels' counts."""

import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from liujiguan.permissions import visible_department_ids

from . import rules
from .models import (
    Attendance,
    CoordinationRequest,
    CoordinationTarget,
    Escalation,
    Holiday,
    PublicIssue,
    RegisterPolicy,
)

DEFAULT_POLICY = RegisterPolicy(effective_from=datetime.date(2000, 1, 1))


def for_user(qs, user, field="department_id"):
    """Limit a queryset to the departments whose records the user may list."""
    ids = visible_department_ids(user)
    if ids is None:
        return qs
    return qs.filter(**{f"{field}__in": ids})


def policies() -> list[RegisterPolicy]:
    return list(RegisterPolicy.objects.order_by("effective_from"))


def policy_on(day: datetime.date, ordered: list[RegisterPolicy] | None = None) -> RegisterPolicy:
    """The policy in force on a day (the defaults when none was set)."""
    ordered = policies() if ordered is None else ordered
    current = DEFAULT_POLICY
    for policy in ordered:
        if policy.effective_from <= day:
            current = policy
    return current


def caps_of(policy: RegisterPolicy) -> rules.Caps:
    return rules.Caps(
        meetings_per_month=policy.meetings_per_month,
        attendees_per_meeting=policy.attendees_per_meeting,
        minutes_per_meeting=policy.minutes_per_meeting,
        documents_per_quarter=policy.documents_per_quarter,
    )


def calendar_between(start: datetime.date, end: datetime.date) -> rules.Calendar:
    rows = Holiday.objects.filter(date__range=(start, end)).values_list("date", "kind")
    return rules.Calendar(
        holidays=frozenset(d for d, kind in rows if kind == Holiday.Kind.HOLIDAY),
        workdays=frozenset(d for d, kind in rows if kind == Holiday.Kind.WORKDAY),
    )


def attendances_of(*, activity):
    return Attendance.objects.filter(activity=activity).select_related("person", "person__department")


def coordination_list(*, user):
    """Requests the user may see: asked by, or addressed to, a visible department."""
    qs = CoordinationRequest.objects.select_related("department").prefetch_related(
        Prefetch("targets", queryset=CoordinationTarget.objects.select_related("department").order_by("created", "pk"))
    )
    ids = visible_department_ids(user)
    if ids is not None:
        qs = qs.filter(Q(department_id__in=ids) | Q(targets__department_id__in=ids)).distinct()
    bounced = CoordinationTarget.objects.filter(request=OuterRef("pk"), status=CoordinationTarget.Status.PASSED_ON)
    pending = CoordinationTarget.objects.filter(request=OuterRef("pk"), status=CoordinationTarget.Status.PENDING)
    return qs.annotate(is_bounced=Exists(bounced), is_pending=Exists(pending))


def coordination_can_view(*, user, request) -> bool:
    from liujiguan.permissions import Action, can

    if can(user, Action.VIEW, request):
        return True
    return any(can(user, Action.VIEW, target) for target in request.targets.all())


def target_chain(target) -> list[CoordinationTarget]:
    """The hand-offs that led to this part of the request, first department first."""
    chain = [target]
    while chain[0].passed_from_id:
        chain.insert(0, chain[0].passed_from)
    return chain


def coordination_chains(*, request) -> list[list[CoordinationTarget]]:
    """Each originally asked department's chain of hand-offs, in order."""
    targets = list(request.targets.select_related("department", "answered_by").order_by("created", "pk"))
    following = {t.passed_from_id: t for t in targets if t.passed_from_id}
    chains = []
    for target in targets:
        if target.passed_from_id:
            continue
        chain = [target]
        while chain[-1].pk in following:
            chain.append(following[chain[-1].pk])
        chains.append(chain)
    return chains


def targets_overdue(*, today: datetime.date | None = None):
    """Asked departments still silent after the response deadline, not yet escalated."""
    today = today or timezone.localdate()
    return (
        CoordinationTarget.objects.filter(
            status=CoordinationTarget.Status.PENDING, request__deadline__lt=today, escalation__isnull=True
        )
        .select_related("request", "department")
        .order_by("request__deadline", "pk")
    )


def department_open_issues(*, department_id, limit=10):
    return (
        PublicIssue.objects.filter(department_id=department_id)
        .exclude(status=PublicIssue.Status.RESOLVED)
        .order_by("deadline", "pk")[:limit]
    )


def department_open_requests(*, department_id, limit=10):
    return (
        CoordinationTarget.objects.filter(department_id=department_id, status=CoordinationTarget.Status.PENDING)
        .select_related("request", "request__department")
        .order_by("request__deadline", "pk")[:limit]
    )


def escalations_for_leader(*, person, limit=10):
    return (
        Escalation.objects.filter(leader=person, target__status=CoordinationTarget.Status.PENDING)
        .select_related("target__request", "department", "target__request__department")
        .order_by("-created")[:limit]
    )


def register_counts(*, user) -> dict:
    """Numbers shown on the registers index, in one query per register."""
    from .catalog import REGISTERS

    counts = {}
    for register in REGISTERS.values():
        qs = for_user(register.model.objects.all(), user)
        counts[register.key] = qs.aggregate(n=Count("pk"))["n"]
    return counts

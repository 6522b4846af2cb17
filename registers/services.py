"""Writes to the registers: saving records with their cap and off-hours checks, answers, escalations, recomputes."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rules, selectors
from .models import (
    Attendance,
    CoordinationRequest,
    CoordinationTarget,
    Document,
    Escalation,
    Holiday,
    Meeting,
    PublicIssue,
    ServiceCase,
    Trip,
)

logger = logging.getLogger(__name__)


# --- recomputing indicators ----------------------------------------------------------------------------------------


def record_day(instance) -> datetime.date | None:
    """The day a record counts on in the indicators (periods ending before it are unaffected by its change)."""
    for name in ("date", "submitted", "issued", "received"):
        value = getattr(instance, name, None)
        if isinstance(value, datetime.date):
            return value
    if isinstance(instance, Trip) and instance.start:
        return timezone.localdate(instance.start)
    if isinstance(instance, Attendance):
        return instance.activity.date
    return None


def indicators_recompute_later(*, models, since: datetime.date | None = None) -> None:
    """After the transaction commits, recompute the automatic indicators that read these models, for the periods
    ending on or after `since` (all periods when None). Queued through the outbox, so a broker outage loses nothing."""
    from liujiguan.outbox import enqueue

    from .indicators import sources_for_models

    sources = sorted(sources_for_models(models))
    if sources:
        enqueue("registers.tasks.recompute_indicators", sources=sources, since=since.isoformat() if since else None)


def indicators_recompute(
    *, sources=None, since: datetime.date | None = None, today: datetime.date | None = None
) -> int:
    """Recompute each period up to today (and ending on or after `since`) of the open campaigns' indicators that
    read the registers."""
    from campaigns.indicators import indicator_recompute, periods_between
    from campaigns.models import Campaign, Indicator

    from .indicators import SOURCES_BY_KEY

    today = today or timezone.localdate()
    keys = [key for key in (sources or SOURCES_BY_KEY) if key in SOURCES_BY_KEY]
    indicators = Indicator.objects.filter(source__in=keys).exclude(pillar__campaign__status=Campaign.Status.CLOSED)
    count = 0
    for indicator in indicators.select_related("pillar__campaign"):
        campaign = indicator.pillar.campaign
        start = campaign.start or datetime.date(campaign.year, 1, 1)
        end = min(campaign.end or datetime.date(campaign.year, 12, 31), today)
        for period_start, period_end in periods_between(indicator.frequency, start, end):
            if since and period_end < since:
                continue
            count += len(indicator_recompute(indicator=indicator, period_start=period_start, period_end=period_end))
    return count


# --- generic records -----------------------------------------------------------------------------------------------


@transaction.atomic
def record_save(*, instance, user=None):
    """Validate and save a register record, run its checks, and recompute the indicators it feeds."""
    if instance.pk is None and hasattr(instance, "created_by_id") and user is not None and user.is_authenticated:
        instance.created_by = user
    previous = type(instance).objects.filter(pk=instance.pk).first() if instance.pk else None
    record_prepare(instance=instance)
    instance.full_clean()
    instance.save()
    if isinstance(instance, Meeting):
        meeting_caps_refresh(department_id=instance.department_id, day=instance.date)
        if previous and (previous.department_id, previous.date.replace(day=1)) != (
            instance.department_id,
            instance.date.replace(day=1),
        ):
            meeting_caps_refresh(department_id=previous.department_id, day=previous.date)
        instance.refresh_from_db(fields=["cap_warnings"])
    elif isinstance(instance, Document):
        document_caps_refresh(department_id=instance.department_id, day=instance.issued)
        if previous and (previous.department_id, rules.quarter_bounds(previous.issued)) != (
            instance.department_id,
            rules.quarter_bounds(instance.issued),
        ):
            document_caps_refresh(department_id=previous.department_id, day=previous.issued)
        instance.refresh_from_db(fields=["cap_warnings"])
    days = [d for d in (record_day(instance), record_day(previous) if previous else None) if d]
    indicators_recompute_later(models=[type(instance)], since=min(days) if days else None)
    return instance


def record_prepare(*, instance) -> None:
    """Derive what a record stores from the rules before it is saved (forms and imports alike)."""
    if isinstance(instance, Trip):
        if instance.vehicle_id and not instance.department_id:
            instance.department_id = instance.vehicle.department_id
        _trip_flags_set(instance)
    elif isinstance(instance, ServiceCase) and instance.received and instance.promised_days is not None:
        instance.due = rules.due_date(received=instance.received, allowed_days=instance.promised_days)


def records_imported(*, instances) -> None:
    """After an import: check the caps of every month and quarter it touched, recompute indicators."""
    months = {(i.department_id, i.date.replace(day=1)) for i in instances if isinstance(i, Meeting)}
    for department_id, month in months:
        meeting_caps_refresh(department_id=department_id, day=month)
    quarters = {(i.department_id, rules.quarter_bounds(i.issued)[0]) for i in instances if isinstance(i, Document)}
    for department_id, quarter in quarters:
        document_caps_refresh(department_id=department_id, day=quarter)
    days = [d for d in map(record_day, instances) if d]
    indicators_recompute_later(models={type(i) for i in instances}, since=min(days) if days else None)


@transaction.atomic
def record_delete(*, instance):
    model = type(instance)
    department_id = instance.department_id
    day = record_day(instance)
    instance.delete()
    if model is Meeting:
        meeting_caps_refresh(department_id=department_id, day=instance.date)
    elif model is Document:
        document_caps_refresh(department_id=department_id, day=instance.issued)
    indicators_recompute_later(models=[model], since=day)


# --- caps on meetings and documents --------------------------------------------------------------------------------


def meeting_caps_refresh(*, department_id, day: datetime.date) -> None:
    """Number the department's meetings in the month in date order and store what each passes."""
    start, end = rules.month_bounds(day)
    policies = selectors.policies()
    changed = []
    meetings = Meeting.objects.filter(department_id=department_id, date__range=(start, end)).order_by("date", "pk")
    for nth, meeting in enumerate(meetings, start=1):
        caps = selectors.caps_of(selectors.policy_on(meeting.date, policies))
        findings = rules.meeting_findings(
            attendees=meeting.attendees, minutes=meeting.duration_minutes, nth_in_month=nth, caps=caps
        )
        if findings != meeting.cap_warnings:
            meeting.cap_warnings = findings
            changed.append(meeting)
    Meeting.objects.bulk_update(changed, ["cap_warnings"])


def document_caps_refresh(*, department_id, day: datetime.date) -> None:
    start, end = rules.quarter_bounds(day)
    policies = selectors.policies()
    changed = []
    documents = Document.objects.filter(department_id=department_id, issued__range=(start, end)).order_by(
        "issued", "pk"
    )
    for nth, document in enumerate(documents, start=1):
        caps = selectors.caps_of(selectors.policy_on(document.issued, policies))
        findings = rules.document_findings(nth_in_quarter=nth, caps=caps)
        if findings != document.cap_warnings:
            document.cap_warnings = findings
            changed.append(document)
    Document.objects.bulk_update(changed, ["cap_warnings"])


def caps_refresh_all() -> None:
    """After a policy change: check every department's months and quarters again."""
    months = Meeting.objects.annotate(month=TruncMonth("date")).values_list("department_id", "month").distinct()
    for department_id, month in months:
        meeting_caps_refresh(department_id=department_id, day=month)
    quarters = {
        (department_id, rules.quarter_bounds(issued)[0])
        for department_id, issued in Document.objects.values_list("department_id", "issued")
    }
    for department_id, quarter in quarters:
        document_caps_refresh(department_id=department_id, day=quarter)


@transaction.atomic
def policy_save(*, policy):
    policy.full_clean()
    policy.save()
    caps_refresh_all()
    trips_flags_refresh()
    indicators_recompute_later(models=[Meeting, Document, Trip])
    return policy


# --- vehicles ------------------------------------------------------------------------------------------------------


def _trip_flags_set(trip, calendar=None, policies=None) -> bool:
    """Set the trip's off-hours reasons and flag from the rules; True when they changed."""
    if not (trip.start and trip.end):
        return False
    policy = selectors.policy_on(timezone.localdate(trip.start), policies)
    calendar = calendar or selectors.calendar_between(
        timezone.localdate(trip.start) - datetime.timedelta(days=1), timezone.localdate(trip.end)
    )
    reasons = rules.trip_off_hours(
        start=trip.start,
        end=trip.end,
        calendar=calendar,
        night_start=policy.night_start,
        night_end=policy.night_end,
        timezone=timezone.get_default_timezone_name(),
    )
    flagged = rules.trip_is_flagged(off_hours=reasons, has_approval=trip.has_approval)
    changed = (reasons, flagged) != (trip.off_hours, trip.is_flagged)
    trip.off_hours, trip.is_flagged = reasons, flagged
    return changed


def trips_flags_refresh(*, start: datetime.date | None = None, end: datetime.date | None = None) -> int:
    """Check trips again after the calendar or the night hours changed; returns how many changed."""
    trips = Trip.objects.all()
    if start:
        trips = trips.filter(end__date__gte=start - datetime.timedelta(days=1))
    if end:
        trips = trips.filter(start__date__lte=end + datetime.timedelta(days=1))
    trips = list(trips.order_by("start"))
    if not trips:
        return 0
    calendar = selectors.calendar_between(
        timezone.localdate(trips[0].start) - datetime.timedelta(days=1),
        max(timezone.localdate(t.end) for t in trips),
    )
    policies = selectors.policies()
    changed = [t for t in trips if _trip_flags_set(t, calendar, policies)]
    Trip.objects.bulk_update(changed, ["off_hours", "is_flagged"])
    return len(changed)


@transaction.atomic
def trip_review(*, trip, note: str):
    """The office records its check of a flagged trip."""
    trip.review_note = note
    trip.reviewed_at = timezone.now()
    trip.save(update_fields=["review_note", "reviewed_at", "modified"])
    return trip


@transaction.atomic
def holiday_save(*, holiday):
    previous = Holiday.objects.filter(pk=holiday.pk).values_list("date", flat=True).first() if holiday.pk else None
    holiday.full_clean()
    holiday.save()
    days = {holiday.date, previous} - {None}
    for day in days:
        trips_flags_refresh(start=day, end=day)
    indicators_recompute_later(models=[Trip], since=min(days))
    return holiday


@transaction.atomic
def holiday_delete(*, holiday):
    day = holiday.date
    holiday.delete()
    trips_flags_refresh(start=day, end=day)
    indicators_recompute_later(models=[Trip], since=day)


# --- learning ------------------------------------------------------------------------------------------------------


@transaction.atomic
def attendance_set(*, activity, statuses: dict) -> None:
    """Record who was called and whether they came: `statuses` maps Person → status (None removes them)."""
    existing = {a.person_id: a for a in Attendance.objects.filter(activity=activity)}
    for person, status in statuses.items():
        row = existing.get(person.pk)
        if status is None:
            if row:
                row.delete()
        elif row is None:
            Attendance.objects.create(activity=activity, person=person, status=status)
        elif row.status != status:
            row.status = status
            row.save(update_fields=["status", "modified"])
    indicators_recompute_later(models=[Attendance], since=activity.date)


# --- service -------------------------------------------------------------------------------------------------------


@transaction.atomic
def issue_resolve(*, issue, resolved: datetime.date, resolution: str):
    if issue.status == PublicIssue.Status.RESOLVED:
        raise ValidationError(_("This issue is already resolved."))
    if resolved < issue.received:
        raise ValidationError({"resolved": _("An issue cannot be resolved before it was received.")})
    if resolved > timezone.localdate():
        raise ValidationError({"resolved": _("The resolution date cannot be in the future.")})
    issue.status = PublicIssue.Status.RESOLVED
    issue.resolved = resolved
    issue.resolution = resolution
    issue.save(update_fields=["status", "resolved", "resolution", "modified"])
    indicators_recompute_later(models=[PublicIssue], since=issue.received)
    return issue


# --- coordination --------------------------------------------------------------------------------------------------


@transaction.atomic
def coordination_create(*, request, departments, user=None):
    """Open a coordination request addressed to one or more other departments."""
    departments = [d for d in departments if d.pk != request.department_id]
    if not departments:
        raise ValidationError({"departments": _("Ask at least one department other than your own.")})
    if request.pk is None and user is not None and user.is_authenticated:
        request.created_by = user
    request.full_clean()
    request.save()
    CoordinationTarget.objects.bulk_create(CoordinationTarget(request=request, department=d) for d in departments)
    return request


def _answer(target, status, reason, user):
    if target.status != CoordinationTarget.Status.PENDING:
        raise ValidationError(_("This department has already answered."))
    target.status = status
    target.reason = reason
    target.answered_at = timezone.now()
    target.answered_by = user if user is not None and user.is_authenticated else None
    target.save(update_fields=["status", "reason", "answered_at", "answered_by", "modified"])


@transaction.atomic
def coordination_answer(*, target, accept: bool, reason: str = "", user=None):
    """Accept the matter, or decline it with a reason."""
    target = CoordinationTarget.objects.select_for_update().get(pk=target.pk)
    if not accept and not reason.strip():
        raise ValidationError({"reason": _("Give a reason for declining.")})
    _answer(target, CoordinationTarget.Status.ACCEPTED if accept else CoordinationTarget.Status.DECLINED, reason, user)
    indicators_recompute_later(models=[CoordinationTarget], since=timezone.localdate())
    return target


@transaction.atomic
def coordination_pass_on(*, target, department, reason: str, user=None):
    """Hand the matter to another department (转办); the hand-off stays visible in the chain."""
    target = CoordinationTarget.objects.select_for_update().get(pk=target.pk)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the matter belongs to the other department.")})
    if department.pk == target.department_id:
        raise ValidationError({"department": _("Choose another department.")})
    if CoordinationTarget.objects.filter(
        request_id=target.request_id, department=department, status=CoordinationTarget.Status.PENDING
    ).exists():
        raise ValidationError({"department": _("That department is already asked and has not answered yet.")})
    _answer(target, CoordinationTarget.Status.PASSED_ON, reason, user)
    following = CoordinationTarget.objects.create(
        request_id=target.request_id, department=department, passed_from=target
    )
    indicators_recompute_later(models=[CoordinationTarget], since=timezone.localdate())
    return following


def _notify_leader(escalation) -> bool:
    """Tell the leader in charge through the notification centre, when they have a login."""
    leader = escalation.leader
    if leader is None or leader.user_id is None:
        return False
    try:
        from notifications.models import Notification
        from notifications.services import notification_send
    except ImportError:  # the notification centre is optional; the escalation row is the record
        return False
    from django.urls import reverse

    target = escalation.target
    notification_send(
        recipient=leader.user,
        title=_("Coordination request unanswered: %(matter)s") % {"matter": target.request.matter},
        body=_("%(department)s has not answered the request from %(asking)s, due %(deadline)s.")
        % {
            "department": target.department.name,
            "asking": target.request.department.name,
            "deadline": target.request.deadline.isoformat(),
        },
        link=reverse("registers:coordination-detail", args=[target.request_id]),
        kind=Notification.Kind.ESCALATION,
    )
    return True


def coordination_escalate_overdue(*, today: datetime.date | None = None) -> list[Escalation]:
    """Put each asked department that is silent past the deadline before its leader in charge, once."""
    from leadership.selectors import leader_in_charge_of

    created = []
    for target in selectors.targets_overdue(today=today):
        with transaction.atomic():
            escalation, is_new = Escalation.objects.get_or_create(
                target=target,
                defaults={"department": target.department, "leader": leader_in_charge_of(department=target.department)},
            )
            if not is_new:
                continue
            if _notify_leader(escalation):
                Escalation.objects.filter(pk=escalation.pk).update(notified=True)
                escalation.notified = True
            created.append(escalation)
    if created:
        indicators_recompute_later(models=[Escalation], since=timezone.localdate())
    return created


def coordination_request_delete(*, request: CoordinationRequest):
    request.delete()
    indicators_recompute_later(models=[CoordinationTarget, Escalation])

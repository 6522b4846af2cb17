"""Writes for reception: saving requests and records (findings and cap check on every save), decisions, sign-off,
cap overrides and attachments. Each write runs in one transaction; the cap check locks the budget rows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from liujiguan.permissions import Action, can, require

from . import rules
from .models import (
    ZERO,
    Attachment,
    Budget,
    Finding,
    Justification,
    ReceptionPolicy,
    ReceptionRecord,
    ReceptionRequest,
)

ALLOWED_ATTACHMENT_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/webp", "image/tiff"}


# --- policy and facts ---------------------------------------------------------------------------------------------


def policy_for(on_date) -> ReceptionPolicy | None:
    """The policy version in force on a date: the newest one effective on or before it."""
    return (
        ReceptionPolicy.objects.filter(effective_from__lte=on_date)
        .prefetch_related("designated_venues")
        .order_by("-effective_from")
        .first()
    )


def policy_facts(policy: ReceptionPolicy | None) -> rules.PolicyFacts:
    if policy is None:
        return rules.PolicyFacts()
    return rules.PolicyFacts(
        host_city=policy.host_city,
        meal_standard=policy.meal_standard,
        lodging_standard=policy.lodging_standard,
        accompany_small_group_max=policy.accompany_small_group_max,
        accompany_small_group_limit=policy.accompany_small_group_limit,
        accompany_large_group_divisor=policy.accompany_large_group_divisor,
        accompany_tiny_group_max=policy.accompany_tiny_group_max,
        accompany_tiny_group_limit=policy.accompany_tiny_group_limit,
        work_meals_allowed=policy.work_meals_allowed,
        designated_venues=frozenset(venue.name for venue in policy.designated_venues.all()),
        designated_venues_only=policy.designated_venues_only,
        no_lunch_alcohol=policy.no_lunch_alcohol,
        dinner_alcohol_allowed=policy.dinner_alcohol_allowed,
        buffet_or_canteen=policy.buffet_or_canteen,
        no_same_city=policy.no_same_city,
        no_welcome_at_stations=policy.no_welcome_at_stations,
        no_layered_accompaniment=policy.no_layered_accompaniment,
        no_gifts=policy.no_gifts,
        no_accompanying_meals=policy.no_accompanying_meals,
    )


def request_facts(request: ReceptionRequest) -> rules.ReceptionFacts:
    return rules.ReceptionFacts(
        letter_reference=request.letter_reference,
        visiting_city=request.visiting_city,
        guests=request.guests,
        planned_meals=request.planned_meals,
    )


def record_facts(record: ReceptionRecord) -> rules.ReceptionFacts:
    return rules.ReceptionFacts(
        letter_reference=record.letter_reference,
        visiting_city=record.visiting_city,
        guests=record.guests,
        accompanying_levels=record.accompanying_levels,
        meals=tuple(
            rules.MealFacts(
                date=m.date,
                kind=m.kind,
                venue=m.venue,
                guests=m.guests,
                accompanying=m.accompanying,
                alcohol=m.alcohol,
                buffet_or_canteen=m.buffet_or_canteen,
                cost=m.cost,
            )
            for m in record.meals.all()
        ),
        lodgings=tuple(
            rules.LodgingFacts(venue=lo.venue, nights=lo.nights, rooms=lo.rooms, cost=lo.cost)
            for lo in record.lodgings.all()
        ),
        gifts=tuple(rules.GiftFacts(description=g.description, kind=g.kind, value=g.value) for g in record.gifts.all()),
        events=tuple(
            rules.EventFacts(kind=e.kind, place_kind=e.place_kind, place=e.place) for e in record.events.all()
        ),
    )


def _findings_replace(*, subject_field: str, subject, found: list[rules.Finding]) -> int:
    Finding.objects.filter(**{subject_field: subject}).delete()
    Finding.objects.bulk_create(
        Finding(
            **{subject_field: subject},
            code=f.code,
            reason=f.reason,
            severity=f.severity,
            detail=f.detail,
            params=f.params,
        )
        for f in found
    )
    return len(found)


# --- requests -----------------------------------------------------------------------------------------------------


@transaction.atomic
def request_save(*, request: ReceptionRequest, user) -> ReceptionRequest:
    """Create or update a request (only while submitted) and recompute its findings."""
    require(user, Action.REPORT, request)
    if request.pk and ReceptionRequest.objects.get(pk=request.pk).status != ReceptionRequest.Status.SUBMITTED:
        raise ValidationError(_("A decided request can no longer be changed."))
    if not request.pk:
        request.submitted_by = user
        request.status = ReceptionRequest.Status.SUBMITTED
    request.save()
    found = rules.check(request_facts(request), policy_facts(policy_for(request.start_date)))
    request.finding_count = _findings_replace(subject_field="request", subject=request, found=found)
    request.save(update_fields=["finding_count", "modified"])
    return request


@transaction.atomic
def request_decide(*, request: ReceptionRequest, user, approve: bool, comment: str = "") -> ReceptionRequest:
    """The leader in charge approves or rejects; no approval without the official letter."""
    request = ReceptionRequest.objects.select_for_update().get(pk=request.pk)
    require(user, Action.APPROVE, request)
    comment = comment.strip()
    if request.status != ReceptionRequest.Status.SUBMITTED:
        raise ValidationError(_("This request has already been decided."))
    if approve and not request.letter_reference.strip():
        raise ValidationError(_("A request without an official letter (公函) cannot be approved."))
    if approve and request.finding_count and not comment:
        raise ValidationError(_("This request has findings: explain in the comments why you approve it."))
    if not approve and not comment:
        raise ValidationError(_("Give the reason for rejecting the request."))
    request.status = ReceptionRequest.Status.APPROVED if approve else ReceptionRequest.Status.REJECTED
    request.decided_by = user
    request.decided_at = timezone.now()
    request.decision_comment = comment
    request.save()
    audit_record(
        action=AuditEvent.Action.APPROVAL if approve else AuditEvent.Action.REJECTION,
        actor=user,
        obj=request,
        detail={"comment": comment},
    )
    return request


# --- records ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CapCheck:
    """How one budget stands after a record was saved."""

    budget: Budget
    spend: Decimal
    percent: Decimal
    level: str  # ok / warning / alert / over

    @property
    def label(self):
        return str(self.budget)


def cap_level(*, spend: Decimal, amount: Decimal, warning_percent: int, alert_percent: int) -> tuple[Decimal, str]:
    """Percent used and the level it reaches: the one place the thresholds are applied."""
    if amount <= 0:
        return (Decimal("0") if spend <= 0 else Decimal("100")), ("over" if spend > 0 else "ok")
    percent = (spend * 100 / amount).quantize(Decimal("0.1"))
    if spend > amount:
        return percent, "over"
    if percent >= alert_percent:
        return percent, "alert"
    if percent >= warning_percent:
        return percent, "warning"
    return percent, "ok"


def _money_sum(queryset, field: str) -> Decimal:
    return queryset.aggregate(total=Coalesce(Sum(field), ZERO))["total"]


def record_total(record: ReceptionRecord) -> Decimal:
    """Meals + lodging + gifts + transport + other costs, summed in the database."""
    return (
        _money_sum(record.meals.all(), "cost")
        + _money_sum(record.lodgings.all(), "cost")
        + _money_sum(record.gifts.all(), "value")
        + record.transport_cost
        + record.other_cost
    )


def _override_covers(record: ReceptionRecord) -> bool:
    return record.justifications.filter(kind=Justification.Kind.CAP_OVERRIDE, amount__gte=record.total_cost).exists()


def record_cap_check(*, record: ReceptionRecord) -> list[CapCheck]:
    """Lock the year's department and bureau budget rows, then measure spend including this record.

    The lock serialises concurrent saves for the same caps: the second transaction waits until the first commits
    and then sees its record in the running spend, so two records cannot both slip under the cap.
    """
    year = record.start_date.year
    budgets = list(
        Budget.objects.select_for_update(of=("self",))
        .filter(Q(department_id=record.host_department_id) | Q(department__isnull=True), year=year)
        .select_related("department")
        .order_by("pk")
    )
    checks = []
    others = ReceptionRecord.objects.filter(start_date__year=year).exclude(pk=record.pk)
    for budget in budgets:
        scope = others if budget.department_id is None else others.filter(host_department_id=budget.department_id)
        spend = _money_sum(scope, "total_cost") + record.total_cost
        percent, level = cap_level(
            spend=spend,
            amount=budget.amount,
            warning_percent=budget.warning_percent,
            alert_percent=budget.alert_percent,
        )
        checks.append(CapCheck(budget=budget, spend=spend, percent=percent, level=level))
    return checks


def record_refresh(*, record: ReceptionRecord) -> list[CapCheck]:
    """Recompute the total, the findings and the cap status of a saved record (call inside a transaction)."""
    record.total_cost = record_total(record)
    found = rules.check(record_facts(record), policy_facts(policy_for(record.start_date)))
    record.finding_count = _findings_replace(subject_field="record", subject=record, found=found)
    checks = record_cap_check(record=record)
    record.over_cap = any(check.level == "over" for check in checks) and not _override_covers(record)
    record.save(update_fields=["total_cost", "finding_count", "over_cap", "modified"])
    return checks


@transaction.atomic
def record_save(*, record: ReceptionRecord, user, formsets=()) -> list[CapCheck]:
    """Create or update a record with its meals, lodging, gifts, events and guests; returns the cap checks."""
    require(user, Action.REPORT, record)
    if record.pk:
        stored = ReceptionRecord.objects.select_for_update().get(pk=record.pk)
        if stored.is_signed_off:
            raise ValidationError(_("A signed-off record can no longer be changed."))
    else:
        record.recorded_by = user
    if record.request_id and record.request.status != ReceptionRequest.Status.APPROVED:
        raise ValidationError(_("Only an approved request can be recorded."))
    record.save()
    for formset in formsets:
        formset.instance = record
        formset.save()
    return record_refresh(record=record)


def record_sign_off_needs_leader(record: ReceptionRecord) -> bool:
    return bool(record.finding_count)


@transaction.atomic
def record_sign_off(*, record: ReceptionRecord, user, justification: str = "") -> ReceptionRecord:
    """Sign off the reception list. With findings only the leader in charge may, and only with a written reason."""
    record = ReceptionRecord.objects.select_for_update().get(pk=record.pk)
    justification = justification.strip()
    if record.is_signed_off:
        raise ValidationError(_("This record is already signed off."))
    if record.over_cap:
        raise ValidationError(_("This record passes the reception cap: the leader in charge must override it first."))
    if record.finding_count:
        require(user, Action.APPROVE, record)
        if not justification:
            raise ValidationError(_("This record has findings: a written justification by the leader is required."))
        Justification.objects.create(
            record=record,
            kind=Justification.Kind.FINDINGS,
            reason=justification,
            by=user,
            findings_snapshot=list(record.findings.values("code", "reason", "detail", "params")),
        )
    elif not (can(user, Action.APPROVE, record) or can(user, Action.REPORT, record)):
        require(user, Action.APPROVE, record)
    record.status = ReceptionRecord.Status.SIGNED_OFF
    record.signed_off_by = user
    record.signed_off_at = timezone.now()
    record.save(update_fields=["status", "signed_off_by", "signed_off_at", "modified"])
    audit_record(
        action=AuditEvent.Action.SIGN_OFF,
        actor=user,
        obj=record,
        detail={"justification": justification, "findings": record.finding_count},
    )
    return record


@transaction.atomic
def record_cap_override(*, record: ReceptionRecord, user, reason: str) -> Justification:
    """The leader in charge lets a record pass the cap, with a reason; it covers the record's current total."""
    record = ReceptionRecord.objects.select_for_update().get(pk=record.pk)
    require(user, Action.APPROVE, record)
    if not reason.strip():
        raise ValidationError(_("Give the reason for letting this record pass the cap."))
    if record.is_signed_off:
        raise ValidationError(_("This record is already signed off."))
    justification = Justification.objects.create(
        record=record, kind=Justification.Kind.CAP_OVERRIDE, reason=reason.strip(), amount=record.total_cost, by=user
    )
    record_refresh(record=record)
    audit_record(
        action=AuditEvent.Action.OVERRIDE,
        actor=user,
        obj=record,
        detail={"reason": justification.reason, "amount": str(justification.amount)},
    )
    return justification


# --- attachments --------------------------------------------------------------------------------------------------


def attachment_check(upload) -> str:
    """The real content type of an upload, checked by its bytes; raises ValidationError for anything else."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (at most %(mb)s MB).") % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}
        )
    head = upload.read(2048)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_ATTACHMENT_TYPES:
        raise ValidationError(_("Only PDF files and scanned images (JPEG, PNG, WebP, TIFF) can be attached."))
    return kind.mime


@transaction.atomic
def attachment_add(*, record: ReceptionRecord, upload, user, description: str = "") -> Attachment:
    require(user, Action.REPORT, record)
    content_type = attachment_check(upload)
    return Attachment.objects.create(
        record=record,
        file=upload,
        original_name=upload.name[:200],
        content_type=content_type,
        size=upload.size,
        description=description,
        uploaded_by=user,
    )

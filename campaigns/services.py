"""Writes to the plan: the supervision cycle of measures, progress with evidence, optimistic locking, readings.

Every service is keyword-only, runs in one transaction, checks the permission rule itself and raises
ValidationError (translated) on an illegal step, so views, tasks, imports and the admin share the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import filetype
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from liujiguan.permissions import Action, require

from . import conf
from .models import Campaign, CampaignCheck, Evidence, Indicator, IndicatorReading, Measure, Pillar, ProgressUpdate

S = Measure.Status

# Which statuses each step may start from.
ACKNOWLEDGE_FROM = (S.ISSUED,)
PROGRESS_FROM = (S.ISSUED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.RETURNED)
REPORT_FROM = (S.ACKNOWLEDGED, S.IN_PROGRESS, S.RETURNED)
VERIFY_FROM = (S.REPORTED,)
RETURN_FROM = (S.REPORTED,)
CANCEL_FROM = (S.ISSUED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.RETURNED, S.REPORTED)


def _locked(measure: Measure) -> Measure:
    return Measure.objects.select_for_update().get(pk=measure.pk)


def _refuse_unless(measure: Measure, allowed, step: str) -> None:
    if measure.status not in allowed:
        raise ValidationError(
            _("A measure that is “%(status)s” cannot be %(step)s.")
            % {"status": measure.get_status_display(), "step": step},
            code="illegal_transition",
        )


def _save(measure: Measure, fields: list[str]) -> Measure:
    # The row is locked (select_for_update), so a plain increment is safe and the history records a number.
    measure.version += 1
    measure.save(update_fields=[*fields, "version", "modified"])
    return measure


def _copy_back(target: Measure, source: Measure) -> None:
    for field in Measure._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def _require_department(measure: Measure) -> None:
    if measure.lead_department_id is None:
        raise ValidationError(
            _("This measure awaits assignment to a lead department by the office."), code="unassigned"
        )


# --- the supervision cycle ---------------------------------------------------------------------------------------


@transaction.atomic
def measure_acknowledge(*, measure: Measure, user) -> Measure:
    """The lead department signs for (签收) an issued measure."""
    current = _locked(measure)
    require(user, Action.REPORT, current)
    _require_department(current)
    _refuse_unless(current, ACKNOWLEDGE_FROM, _("acknowledged"))
    current.status = S.ACKNOWLEDGED
    current.acknowledged_at = timezone.now()
    _copy_back(measure, _save(current, ["status", "acknowledged_at"]))
    return measure


@transaction.atomic
def measure_report_done(*, measure: Measure, user, note: str = "") -> Measure:
    """The lead department reports the measure done; progress becomes 100 % and the office is to verify."""
    current = _locked(measure)
    require(user, Action.REPORT, current)
    _require_department(current)
    _refuse_unless(current, REPORT_FROM, _("reported done"))
    current.status = S.REPORTED
    current.progress = 100
    current.reported_at = timezone.now()
    current.status_reason = note
    _copy_back(measure, _save(current, ["status", "progress", "reported_at", "status_reason"]))
    return measure


@transaction.atomic
def measure_verify(*, measure: Measure, user) -> Measure:
    """The office verifies (复核) a measure reported done."""
    current = _locked(measure)
    require(user, Action.MANAGE, current)
    _refuse_unless(current, VERIFY_FROM, _("verified"))
    current.status = S.VERIFIED
    current.verified_at = timezone.now()
    current.verified_by = user
    current.status_reason = ""
    _copy_back(measure, _save(current, ["status", "verified_at", "verified_by", "status_reason"]))
    audit_record(action=AuditEvent.Action.VERIFICATION, actor=user, obj=current)
    return measure


def _reason_required(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason.")}, code="reason_required")
    return reason


@transaction.atomic
def measure_return(*, measure: Measure, user, reason: str) -> Measure:
    """The office returns (退回) a measure reported done, with a reason; the department works on it again."""
    reason = _reason_required(reason)
    current = _locked(measure)
    require(user, Action.MANAGE, current)
    _refuse_unless(current, RETURN_FROM, _("returned"))
    current.status = S.RETURNED
    current.status_reason = reason
    current.reported_at = None
    _copy_back(measure, _save(current, ["status", "status_reason", "reported_at"]))
    audit_record(action=AuditEvent.Action.REJECTION, actor=user, obj=current, detail={"reason": reason})
    return measure


@transaction.atomic
def measure_cancel(*, measure: Measure, user, reason: str) -> Measure:
    """The office cancels a measure, with a reason; it then leaves the roll-ups."""
    reason = _reason_required(reason)
    current = _locked(measure)
    require(user, Action.MANAGE, current)
    _refuse_unless(current, CANCEL_FROM, _("cancelled"))
    current.status = S.CANCELLED
    current.status_reason = reason
    _copy_back(measure, _save(current, ["status", "status_reason"]))
    audit_record(action=AuditEvent.Action.OTHER, actor=user, obj=current, detail={"cancelled": True, "reason": reason})
    return measure


# --- evidence and progress ---------------------------------------------------------------------------------------


def evidence_check(*, upload) -> str:
    """Refuse a file that is too large or whose content is not one of the accepted types; return its MIME type."""
    limit = conf.upload_max_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; files may be at most %(limit)s.")
            % {"name": upload.name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in conf.EVIDENCE_TYPES:
        raise ValidationError(
            _("“%(name)s” is not a PDF, Word (docx), Excel (xlsx), JPEG or PNG file.") % {"name": upload.name},
            code="file_type",
        )
    return conf.EVIDENCE_TYPES[kind.extension]


@transaction.atomic
def progress_post(
    *, measure: Measure, user, percent: int, note: str = "", day: date | None = None, files=()
) -> ProgressUpdate:
    """Record the department's progress (with evidence files). Updates after the due date are kept, marked late."""
    today = timezone.localdate()
    day = day or today
    if day > today:
        raise ValidationError({"day": _("The date cannot be in the future.")}, code="future")
    if not 0 <= int(percent) <= 100:
        raise ValidationError({"percent": _("Progress is a percentage from 0 to 100.")}, code="percent")
    checked = [(upload, evidence_check(upload=upload)) for upload in files]
    current = _locked(measure)
    require(user, Action.REPORT, current)
    _require_department(current)
    _refuse_unless(current, PROGRESS_FROM, _("updated"))
    update = ProgressUpdate.objects.create(
        measure=current,
        date=day,
        percent=percent,
        note=note,
        author=user,
        department_id=current.lead_department_id,
        is_late=current.due is not None and day > current.due,
    )
    for upload, content_type in checked:
        Evidence.objects.create(
            update=update, file=upload, original_name=upload.name[:255], content_type=content_type, size=upload.size
        )
    fields = ["progress"]
    current.progress = percent
    if current.status == S.ISSUED:
        current.acknowledged_at = timezone.now()
        fields.append("acknowledged_at")
    if current.status != S.IN_PROGRESS:
        current.status = S.IN_PROGRESS
        fields.append("status")
    _copy_back(measure, _save(current, fields))
    return update


# --- editing with optimistic locking -----------------------------------------------------------------------------


@dataclass
class Change:
    field: str
    label: str
    mine: object
    theirs: object


class MeasureConflict(ValidationError):
    """Raised when a measure changed since the form was loaded; carries what the other person changed."""

    def __init__(self, *, current: Measure, changes: list[Change], by: str):
        self.current = current
        self.changes = changes
        self.by = by
        super().__init__(
            _("Someone else (%(who)s) saved this measure after you opened it. Your save was refused.")
            % {"who": by or _("unknown")},
            code="conflict",
        )


EDITABLE_FIELDS = [
    "pillar",
    "title",
    "detail",
    "lead_department",
    "responsible_leader",
    "start",
    "due",
    "weight",
    "progress",
    "order",
]


def _changes_since(current: Measure, version: int) -> tuple[list[Change], str]:
    """Fields the other person changed between the version the form was loaded at and now, and who did it."""
    history = current.history.select_related("history_user").order_by("-history_date", "-history_id")
    before = history.filter(version=version).first()
    latest = history.first()
    who = ""
    if latest is not None and latest.history_user is not None:
        user = latest.history_user
        person = getattr(user, "person", None)
        who = person.name if person else user.get_username()
    changes = []
    if before is not None:
        for name in EDITABLE_FIELDS:
            field = Measure._meta.get_field(name)
            old, new = getattr(before, field.attname), getattr(current, field.attname)
            if old != new:
                changes.append(Change(name, str(field.verbose_name), _display(field, old), _display(field, new)))
    return changes, who


def _display(field, value):
    if value is None or value == "":
        return "—"
    if field.is_relation:
        return str(field.related_model._default_manager.filter(pk=value).first() or value)
    return value


@transaction.atomic
def measure_create(*, pillar: Pillar, user, cooperating_departments=(), **fields) -> Measure:
    require(user, Action.MANAGE)
    if "order" not in fields or fields["order"] in (None, 0):
        fields["order"] = (pillar.measures.aggregate(m=Max("order"))["m"] or 0) + 1
    measure = Measure(pillar=pillar, **fields)
    measure.full_clean()
    measure.save()
    measure.cooperating_departments.set(cooperating_departments)
    return measure


@transaction.atomic
def measure_update(*, measure: Measure, user, version: int, cooperating_departments=None, **fields) -> Measure:
    """Save the office's edit unless someone saved since `version` was read; then raise MeasureConflict."""
    current = _locked(measure)
    require(user, Action.MANAGE, current)
    if current.version != int(version):
        changes, who = _changes_since(current, int(version))
        raise MeasureConflict(current=current, changes=changes, by=who)
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean(exclude=["version"])
    current.version = current.version + 1
    current.save()
    if cooperating_departments is not None:
        current.cooperating_departments.set(cooperating_departments)
    _copy_back(measure, current)
    return measure


@transaction.atomic
def measure_reorder(*, pillar: Pillar, user, ordered_ids: list[int]) -> None:
    """Number the pillar's measures in the given order (ids not in the pillar are ignored)."""
    require(user, Action.MANAGE)
    measures = {m.pk: m for m in pillar.measures.select_for_update()}
    position = 0
    for pk in ordered_ids:
        measure = measures.pop(int(pk), None)
        if measure is None:
            continue
        position += 1
        if measure.order != position:
            measure.order = position
            measure.version += 1
            measure.save(update_fields=["order", "version", "modified"])
    for measure in sorted(measures.values(), key=lambda m: (m.order, m.pk)):
        position += 1
        measure.order = position
        measure.save(update_fields=["order", "modified"])


@transaction.atomic
def measure_move(*, measure: Measure, user, direction: str) -> None:
    """Swap a measure with its neighbour above ("up") or below ("down")."""
    ids = list(measure.pillar.measures.order_by("order", "pk").values_list("pk", flat=True))
    index = ids.index(measure.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
    measure_reorder(pillar=measure.pillar, user=user, ordered_ids=ids)


# --- campaigns and the three-in-place checks ---------------------------------------------------------------------


@transaction.atomic
def campaign_save(*, campaign: Campaign, user) -> Campaign:
    """Save a campaign; marking it current unmarks the previous current one."""
    require(user, Action.MANAGE)
    if campaign.is_current:
        Campaign.objects.filter(is_current=True).exclude(pk=campaign.pk).update(is_current=False)
    campaign.full_clean()
    campaign.save()
    for kind in CampaignCheck.Kind.values:
        CampaignCheck.objects.get_or_create(campaign=campaign, kind=kind)
    return campaign


DEFAULT_PILLARS = [
    (Pillar.Type.LEARNING, "学习型机关", "大兴学习调研之风"),
    (Pillar.Type.SERVICE, "服务型机关", "大兴为民办事之风"),
    (Pillar.Type.EFFICIENCY, "效率型机关", "大兴求真务实之风"),
    (Pillar.Type.THRIFT, "节约型机关", "大兴勤俭节约之风"),
    (Pillar.Type.INTEGRITY, "廉政型机关", "大兴透明廉政之风"),
    (Pillar.Type.HARMONY, "和谐型机关", "大兴团结协作之风"),
]


@transaction.atomic
def campaign_pillars_default(*, campaign: Campaign, user) -> list[Pillar]:
    """Give a campaign the six default pillars (those it already has by name are left alone)."""
    require(user, Action.MANAGE)
    start = (campaign.pillars.aggregate(m=Max("order"))["m"] or 0) + 1
    created = []
    for offset, (type_, name, slogan) in enumerate(DEFAULT_PILLARS):
        pillar, made = Pillar.objects.get_or_create(
            campaign=campaign, name=name, defaults={"type": type_, "slogan": slogan, "order": start + offset}
        )
        if made:
            created.append(pillar)
    return created


@transaction.atomic
def campaign_check_set(*, campaign: Campaign, kind: str, user, confirmed: bool, note: str = "") -> CampaignCheck:
    """Confirm (or withdraw the confirmation of) one of the three-in-place checks."""
    require(user, Action.MANAGE)
    check, _created = CampaignCheck.objects.select_for_update().get_or_create(campaign=campaign, kind=kind)
    check.confirmed_by = user if confirmed else None
    check.confirmed_at = timezone.now() if confirmed else None
    check.note = note
    check.save()
    return check


# --- indicator readings ------------------------------------------------------------------------------------------


class _DepartmentScope:
    """Lets the permission rule judge "this department's reading" before the reading exists."""

    def __init__(self, department_id):
        self.owner_department_id = department_id


@transaction.atomic
def reading_save(
    *, indicator: Indicator, user, department, period_start: date, period_end: date, value, note: str = ""
) -> IndicatorReading:
    """Enter (or correct) a typed reading for one department, or for the whole organ (office only)."""
    require(user, Action.REPORT, _DepartmentScope(department.pk if department else None))
    if indicator.is_computed:
        raise ValidationError(_("This indicator is computed; its readings cannot be typed in."), code="computed")
    if period_end < period_start:
        raise ValidationError({"period_end": _("The end date cannot be before the start date.")}, code="period")
    reading, _created = IndicatorReading.objects.update_or_create(
        indicator=indicator,
        department=department,
        period_start=period_start,
        defaults={"period_end": period_end, "value": value, "note": note, "author": user, "is_automatic": False},
    )
    return reading


def measure_allowed_actions(*, measure: Measure, user) -> list[str]:
    """The supervision steps this user may take on this measure now (for buttons; the services re-check)."""
    from liujiguan.permissions import can

    steps = []
    assigned = measure.lead_department_id is not None
    if assigned and can(user, Action.REPORT, measure):
        if measure.status in ACKNOWLEDGE_FROM:
            steps.append("acknowledge")
        if measure.status in PROGRESS_FROM:
            steps.append("progress")
        if measure.status in REPORT_FROM:
            steps.append("report")
    if can(user, Action.MANAGE, measure):
        if measure.status in VERIFY_FROM:
            steps.append("verify")
        if measure.status in RETURN_FROM:
            steps.append("return")
        if measure.status in CANCEL_FROM:
            steps.append("cancel")
        steps.append("edit")
    return steps

"""Measures (工作措施) under a pillar, their milestones, progress updates and evidence files."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liujiguan.models import TimeStampedModel


class Measure(TimeStampedModel):
    """A concrete task under a pillar, followed through the supervision (督查督办) cycle.

    A measure without a lead department is "awaiting assignment": the plan importer creates them that way and the
    office assigns them. `version` is bumped on every write so that a stale form cannot overwrite a newer save.
    """

    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        IN_PROGRESS = "in_progress", _("In progress")
        REPORTED = "reported", _("Reported done")
        VERIFIED = "verified", _("Verified")
        RETURNED = "returned", _("Returned")
        CANCELLED = "cancelled", _("Cancelled")

    # Statuses in which the department still owes work (the traffic light applies).
    OPEN_STATUSES = (Status.ISSUED, Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.RETURNED)
    DONE_STATUSES = (Status.REPORTED, Status.VERIFIED)

    pillar = models.ForeignKey(
        "campaigns.Pillar", verbose_name=_("pillar"), on_delete=models.PROTECT, related_name="measures"
    )
    title = models.CharField(_("title"), max_length=500)
    detail = models.TextField(_("detail"), blank=True)
    lead_department = models.ForeignKey(
        "leadership.Department",
        verbose_name=_("lead department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="measures_led",
        help_text=_("Empty while the measure awaits assignment by the office."),
    )
    cooperating_departments = models.ManyToManyField(
        "leadership.Department",
        verbose_name=_("cooperating departments"),
        blank=True,
        related_name="measures_cooperating",
    )
    responsible_leader = models.ForeignKey(
        "leadership.Person",
        verbose_name=_("responsible leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures_responsible",
    )
    start = models.DateField(_("start"), null=True, blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Share of the pillar's progress this measure carries."),
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ISSUED)
    status_reason = models.TextField(_("reason"), blank=True, help_text=_("Why it was returned or cancelled."))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    reported_at = models.DateTimeField(_("reported done at"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[cooperating_departments])

    class Meta:
        ordering = ["pillar__order", "pillar_id", "order", "pk"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.UniqueConstraint(fields=["pillar", "title"], name="measure_unique_title_per_pillar"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="measure_progress_at_most_100"),
            models.CheckConstraint(condition=Q(weight__gte=0), name="measure_weight_not_negative"),
            models.CheckConstraint(
                condition=Q(due__isnull=True) | Q(start__isnull=True) | Q(due__gte=F("start")),
                name="measure_due_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due"], name="measure_status_due_idx"),
            models.Index(fields=["lead_department", "status"], name="measure_department_status_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaigns:measure-detail", args=[self.pk])

    @property
    def owner_department_id(self):
        return self.lead_department_id

    @property
    def is_awaiting_assignment(self):
        return self.lead_department_id is None

    def is_overdue_on(self, day):
        return self.due is not None and self.due < day and self.status in self.OPEN_STATUSES


class Milestone(TimeStampedModel):
    """An optional intermediate step of a measure with its own date."""

    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=300)
    due = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "order", "due", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(fields=["measure", "title"], name="milestone_unique_title_per_measure"),
        ]

    def __str__(self):
        return self.title

    @property
    def owner_department_id(self):
        return self.measure.lead_department_id


class ProgressUpdate(TimeStampedModel):
    """A department's report on a measure: the date, the percent reached, a note and evidence files."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="progress_updates"
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    percent = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    note = models.TextField(_("note"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    department = models.ForeignKey(
        "leadership.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_late = models.BooleanField(_("late"), default=False, help_text=_("Posted after the measure's due date."))

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="progressupdate_percent_at_most_100"),
        ]

    def __str__(self):
        return f"{self.measure} · {self.date} · {self.percent}%"

    @property
    def owner_department_id(self):
        return self.measure.lead_department_id


def evidence_path(instance, filename):
    # A random name on disk: the original name is kept in the row and sent back on download.
    import uuid
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()[:8]
    return f"campaigns/evidence/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Evidence(TimeStampedModel):
    """A file attached to a progress update; served only through a permission-checked view."""

    update = models.ForeignKey(
        ProgressUpdate, verbose_name=_("progress update"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))

    class Meta:
        ordering = ["update", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("campaigns:evidence-download", args=[self.pk])

    @property
    def owner_department_id(self):
        return self.update.measure.lead_department_id

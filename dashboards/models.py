"""Progress report runs: one PDF per campaign (or per department), built by a Celery task, kept with its history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def report_path(instance, filename):
    return f"reports/{timezone.localdate():%Y/%m}/{filename}"


class ReportRun(models.Model):
    """One request for a progress report and what became of it: queued, running, done (with its file) or failed."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Trigger(models.TextChoices):
        MANUAL = "manual", _("Requested")
        SCHEDULED = "scheduled", _("Monthly schedule")
        COMMAND = "command", _("Command line")

    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="report_runs"
    )
    department = models.ForeignKey(
        "leadership.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="report_runs",
        help_text=_("Empty for the whole campaign."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report_runs",
    )
    trigger = models.CharField(_("trigger"), max_length=10, choices=Trigger.choices, default=Trigger.MANUAL)
    as_of = models.DateField(_("as of"), default=timezone.localdate)
    send_to_group = models.BooleanField(
        _("send to the leading group"), default=False, help_text=_("E-mail the finished report to the leading group.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    reason = models.TextField(_("reason for failure"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    file = models.FileField(_("file"), upload_to=report_path, max_length=300, blank=True)
    pages = models.PositiveSmallIntegerField(_("pages"), null=True, blank=True)
    created = models.DateTimeField(_("requested"), default=timezone.now, db_index=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("report run")
        verbose_name_plural = _("report runs")
        constraints = [
            models.CheckConstraint(condition=~Q(status="failed") | ~Q(reason=""), name="reportrun_failure_has_reason"),
            models.CheckConstraint(
                condition=Q(finished__isnull=True) | Q(started__isnull=True) | Q(finished__gte=models.F("started")),
                name="reportrun_finished_after_started",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "department", "-created"], name="reportrun_history_idx")]

    def __str__(self):
        scope = self.department.name if self.department_id else str(self.campaign)
        return f"{scope} · {self.as_of} · {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("dashboards:report-detail", args=[self.pk])

    @property
    def owner_department_id(self):
        return self.department_id

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def can_retry(self):
        return self.status == self.Status.FAILED

    @property
    def duration(self):
        if self.started and self.finished:
            return self.finished - self.started
        return None

    def filename(self) -> str:
        scope = f"department-{self.department_id}" if self.department_id else "campaign"
        return f"report-{self.campaign_id}-{scope}-{self.as_of:%Y%m%d}-{self.pk}.pdf"

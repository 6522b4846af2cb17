"""An import of a plan document: what was read, what the reviewer corrected, and what it was saved into."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liujiguan.models import TimeStampedModel


class PlanImport(TimeStampedModel):
    """One upload (or paste) of a plan, kept so a review can be resumed and every import is auditable.

    The uploaded file itself is not kept: only its canonical text and the parsed tree, which the reviewer edits.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("In review")
        SAVED = "saved", _("Saved")
        FAILED = "failed", _("Failed")

    class Source(models.TextChoices):
        FILE = "file", _("Uploaded file")
        TEXT = "text", _("Pasted text")
        COMMAND = "command", _("Command line")

    class Script(models.TextChoices):
        SIMPLIFIED = "hans", _("Simplified Chinese")
        TRADITIONAL = "hant", _("Traditional Chinese")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_imports",
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.FILE)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_size = models.PositiveIntegerField(_("file size (bytes)"), null=True, blank=True)
    encoding = models.CharField(_("read as"), max_length=40, blank=True, help_text=_("Text encoding, or docx."))
    detected_script = models.CharField(_("script of the document"), max_length=4, choices=Script.choices, blank=True)
    script = models.CharField(_("script of the campaign"), max_length=4, choices=Script.choices, blank=True)
    text = models.TextField(_("text"), blank=True)
    parsed = models.JSONField(_("parsed plan"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    error = models.TextField(_("error"), blank=True)
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_imports",
        help_text=_("The campaign to update, or the one the import created."),
    )
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    saved_at = models.DateTimeField(_("saved at"), null=True, blank=True)
    result = models.JSONField(_("result of saving"), default=dict, blank=True)
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("plan import")
        verbose_name_plural = _("plan imports")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="saved") | Q(campaign__isnull=False, saved_at__isnull=False),
                name="planimport_saved_has_campaign",
            ),
            models.CheckConstraint(condition=~Q(status="failed") | ~Q(error=""), name="planimport_failed_has_error"),
        ]

    def __str__(self):
        return self.title or self.file_name or _("Pasted plan #%(pk)s") % {"pk": self.pk}

    def get_absolute_url(self):
        return reverse("planimport:import-review", args=[self.pk])

    @property
    def title(self) -> str:
        return (self.parsed or {}).get("title", "")

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def owner_department_id(self):
        return None

"""The abstract base model every domain model shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Adds creation and modification times."""

    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        abstract = True


class QueuedTask(models.Model):
    """A task recorded in the same transaction as the change that needs it (the outbox).

    It is sent to the broker after commit; when the broker is down the row stays unsent and the outbox sweep sends it
    once the broker is back, so no task is lost with Redis.
    """

    task_name = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    kwargs = models.JSONField(_("keyword arguments"), default=dict, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("queued task")
        verbose_name_plural = _("queued tasks")
        indexes = [
            models.Index(fields=["created"], condition=models.Q(sent_at__isnull=True), name="queuedtask_unsent_idx"),
        ]

    def __str__(self):
        return f"{self.task_name} #{self.pk}"

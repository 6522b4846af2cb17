"""In-app notifications and the ledger that makes every scheduled reminder go out at most once."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """A message to one user, shown in the notification centre (and usually also sent by e-mail)."""

    class Kind(models.TextChoices):
        INFO = "info", _("Information")
        DUE_REMINDER = "due_reminder", _("Due date reminder")
        ESCALATION = "escalation", _("Overdue escalation")
        DIGEST = "digest", _("Weekly digest")
        CAP_WARNING = "cap_warning", _("Reception cap warning")
        RATER_REMINDER = "rater_reminder", _("Rater reminder")
        REPORT = "report", _("Progress report")
        SWEEP = "sweep", _("Reminders")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INFO)
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed = models.BooleanField(_("sent by e-mail"), default=False)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self):
        return f"{self.recipient} · {self.title}"

    def get_absolute_url(self):
        return reverse("notifications:notification-open", args=[self.pk])

    @property
    def is_read(self):
        return self.read_at is not None

    @property
    def owner_department_id(self):
        return None


class SentReminder(models.Model):
    """One reminder about one item, of one kind, for one date, to one recipient: recorded before it is sent.

    The unique constraints make a retried task, a restarted beat or a second beat find the row already there and
    send nothing. Rows without a recipient record one-off scheduled actions (the monthly report run).
    """

    key = models.CharField(_("item"), max_length=120, help_text=_("What the reminder is about, e.g. measure:12."))
    kind = models.CharField(_("kind"), max_length=40)
    date = models.DateField(_("date"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sent_reminders",
    )
    created = models.DateTimeField(_("recorded"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    notification = models.ForeignKey(
        Notification,
        verbose_name=_("notification"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reminders",
    )

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "kind", "date", "recipient"],
                condition=Q(recipient__isnull=False),
                name="sentreminder_once_per_recipient",
            ),
            models.UniqueConstraint(
                fields=["key", "kind", "date"],
                condition=Q(recipient__isnull=True),
                name="sentreminder_once_without_recipient",
            ),
        ]

    def __str__(self):
        return f"{self.key} · {self.kind} · {self.date}"

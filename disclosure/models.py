"""What the bureau publishes: commitments, service pages, news, which campaigns and reception years are public,
and the public's feedback."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liujiguan.models import TimeStampedModel


class PublishedQuerySet(models.QuerySet):
    def published(self, now=None):
        """Rows the public may see now: marked published, with a publication time that has come."""
        now = now or timezone.now()
        return self.filter(is_published=True, published_at__isnull=False, published_at__lte=now)

    def scheduled(self, now=None):
        now = now or timezone.now()
        return self.filter(is_published=True, published_at__gt=now)


class Publishable(TimeStampedModel):
    """Publication is explicit: nothing is public until office staff publish it, and not before `published_at`."""

    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(
        _("publication time"), null=True, blank=True, help_text=_("Shown to the public from this time on.")
    )
    internal_note = models.TextField(_("internal note"), blank=True, help_text=_("Never shown to the public."))

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return bool(self.is_published and self.published_at and self.published_at <= timezone.now())

    @property
    def is_scheduled(self) -> bool:
        return bool(self.is_published and self.published_at and self.published_at > timezone.now())


class Commitment(Publishable):
    """A public commitment (公开承诺): what a department promises, by when, and how far it got."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Fulfilled")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    department = models.ForeignKey(
        "leadership.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="commitments"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
    )
    text = models.TextField(_("commitment"))
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    progress_note = models.TextField(
        _("progress note"), blank=True, help_text=_("Public: what has been done so far, written by the department.")
    )
    completed_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    status_updated_at = models.DateTimeField(_("status updated"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["created", "modified"])

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("public commitment")
        verbose_name_plural = _("public commitments")
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(status="done"), name="commitment_completed_only_when_done"
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="commitment_published_has_time",
            ),
        ]
        indexes = [models.Index(fields=["is_published", "published_at"], name="commitment_published_idx")]

    def __str__(self):
        return self.text[:60]

    def get_absolute_url(self):
        return reverse("disclosure:commitment-detail", args=[self.pk])

    @property
    def owner_department_id(self):
        return self.department_id

    @property
    def is_late(self) -> bool:
        """Open past its due date, or fulfilled after it."""
        from .rules import commitment_is_late

        return commitment_is_late(
            status=self.status, due_date=self.due_date, completed_on=self.completed_on, today=timezone.localdate()
        )


class ServicePage(Publishable):
    """A page the office writes about a service procedure or standard (办事程序、标准)."""

    class Kind(models.TextChoices):
        PROCEDURE = "procedure", _("Procedure")
        STANDARD = "standard", _("Standard")
        GUIDE = "guide", _("Guide")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True, allow_unicode=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PROCEDURE)
    department = models.ForeignKey(
        "leadership.Department",
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_pages",
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Plain text. Blank lines separate paragraphs; lines starting with '# ' are headings, '- ' list items, "
            "'1. ' numbered steps; **bold**; [text](https://…) links."
        ),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords(excluded_fields=["created", "modified"])

    class Meta:
        ordering = ["kind", "order", "title"]
        verbose_name = _("service page")
        verbose_name_plural = _("service pages")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="servicepage_published_has_time",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("disclosure:service-detail", args=[self.slug])

    @property
    def owner_department_id(self):
        return None


class NewsItem(Publishable):
    """A news item or notice on the public site, also in the Atom feed."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("text"), help_text=ServicePage._meta.get_field("body").help_text)
    history = HistoricalRecords(excluded_fields=["created", "modified"])

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False), name="newsitem_published_has_time"
            ),
        ]
        indexes = [models.Index(fields=["is_published", "published_at"], name="newsitem_published_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("disclosure:news-detail", args=[self.slug])

    @property
    def owner_department_id(self):
        return None


class CampaignPublication(Publishable):
    """The office's choice to show a campaign, its pillars and their progress to the public."""

    campaign = models.OneToOneField(
        "campaigns.Campaign", verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="publication"
    )
    introduction = models.TextField(_("introduction for the public"), blank=True)

    class Meta:
        ordering = ["-campaign__year", "-pk"]
        verbose_name = _("published campaign")
        verbose_name_plural = _("published campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="campaignpublication_published_has_time",
            ),
        ]

    def __str__(self):
        return str(self.campaign)

    def get_absolute_url(self):
        return reverse("disclosure:campaign-detail", args=[self.campaign_id])

    @property
    def owner_department_id(self):
        return None


class ReceptionDisclosure(Publishable):
    """The office's choice to publish one year's reception spending (totals only, never guests' names)."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    introduction = models.TextField(_("introduction for the public"), blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("reception spending disclosure")
        verbose_name_plural = _("reception spending disclosures")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="receptiondisclosure_published_has_time",
            ),
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2100), name="receptiondisclosure_year"),
        ]

    def __str__(self):
        return str(self.year)

    def get_absolute_url(self):
        return reverse("disclosure:reception-year", args=[self.year])

    @property
    def owner_department_id(self):
        return None


class FeedbackMessage(TimeStampedModel):
    """A message from the public, for the office's own inbox. The sender's address is kept only as a hash."""

    class Topic(models.TextChoices):
        QUESTION = "question", _("Question")
        SUGGESTION = "suggestion", _("Suggestion")
        COMPLAINT = "complaint", _("Complaint")
        PRAISE = "praise", _("Praise")

    class Status(models.TextChoices):
        NEW = "new", _("Unread")
        READ = "read", _("Read")
        HANDLED = "handled", _("Handled")

    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, default=Topic.QUESTION)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=5000)
    name = models.CharField(_("your name"), max_length=50, blank=True)
    contact = models.CharField(_("phone or email"), max_length=100, blank=True)
    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("about commitment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
    )
    client_hash = models.CharField(_("sender fingerprint"), max_length=64, blank=True, editable=False)
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    office_note = models.TextField(_("office note"), blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("feedback message")
        verbose_name_plural = _("feedback messages")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="handled") | Q(handled_at__isnull=False), name="feedback_handled_has_time"
            ),
        ]
        indexes = [models.Index(fields=["status"], name="feedback_status_idx")]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("disclosure:feedback-detail", args=[self.pk])

    @property
    def owner_department_id(self):
        return None

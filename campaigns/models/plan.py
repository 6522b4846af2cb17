"""The campaign, its "three in place" checks and its pillars."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liujiguan.models import TimeStampedModel


class Campaign(TimeStampedModel):
    """One campaign run from an implementation plan (实施方案); several may coexist, one is current."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    class Script(models.TextChoices):
        SIMPLIFIED = "hans", _("Simplified Chinese")
        TRADITIONAL = "hant", _("Traditional Chinese")

    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveIntegerField(_("year"))
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    preamble = models.TextField(_("preamble"), blank=True)
    guiding_ideology = models.TextField(_("guiding ideology (指导思想)"), blank=True)
    goals = models.TextField(_("goals (工作目标)"), blank=True)
    requirements = models.TextField(_("requirements (活动要求)"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    script = models.CharField(_("script"), max_length=4, choices=Script.choices, default=Script.SIMPLIFIED)
    is_current = models.BooleanField(_("current campaign"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.UniqueConstraint(fields=["is_current"], condition=Q(is_current=True), name="campaign_one_current"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=models.F("start")),
                name="campaign_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def get_absolute_url(self):
        return reverse("campaigns:campaign-detail", args=[self.pk])

    @property
    def owner_department_id(self):
        return None


class Pillar(TimeStampedModel):
    """One of the campaign's "X-type organ" pillars; the six types are the default set but any may be renamed."""

    class Type(models.TextChoices):
        LEARNING = "learning", _("Learning (学习型)")
        SERVICE = "service", _("Service (服务型)")
        EFFICIENCY = "efficiency", _("Efficiency (效率型)")
        THRIFT = "thrift", _("Thrift (节约型)")
        INTEGRITY = "integrity", _("Integrity (廉政型)")
        HARMONY = "harmony", _("Harmony (和谐型)")
        OTHER = "other", _("Other")

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="pillars")
    type = models.CharField(_("type"), max_length=20, choices=Type.choices, default=Type.OTHER)
    name = models.CharField(_("name"), max_length=100)
    slogan = models.CharField(_("slogan"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    leader_in_charge = models.ForeignKey(
        "leadership.Person",
        verbose_name=_("leader in charge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pillars_in_charge",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "order", "pk"]
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "name"], name="pillar_unique_name_per_campaign"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("campaigns:pillar-detail", args=[self.pk])

    @property
    def owner_department_id(self):
        return None


class CampaignCheck(TimeStampedModel):
    """One of the plan's "three in place" (三到位) checks, confirmed by someone at some time."""

    class Kind(models.TextChoices):
        UNDERSTANDING = "understanding", _("Understanding in place (思想认识到位)")
        LEADERSHIP = "leadership", _("Leadership and organisation in place (领导组织到位)")
        RESOURCES = "resources", _("Resources in place (各项保障到位)")

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="checks")
    kind = models.CharField(_("check"), max_length=20, choices=Kind.choices)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "kind"]
        verbose_name = _("three-in-place check")
        verbose_name_plural = _("three-in-place checks")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "kind"], name="campaigncheck_unique_kind_per_campaign"),
        ]

    def __str__(self):
        return self.get_kind_display()

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def owner_department_id(self):
        return None

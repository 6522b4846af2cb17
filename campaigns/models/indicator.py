"""Indicators (考核指标): measured quantities with a target, and their readings per department and period."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liujiguan.models import TimeStampedModel


class Indicator(TimeStampedModel):
    """A quantity with a unit and a target under a pillar.

    `source` empty means people type the readings; otherwise it is the key of a computation registered in
    `campaigns.indicators` and readings are computed (marked automatic).
    """

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        YEARLY = "yearly", _("Yearly")

    pillar = models.ForeignKey(
        "campaigns.Pillar", verbose_name=_("pillar"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY)
    source = models.CharField(
        _("computed from"),
        max_length=100,
        blank=True,
        help_text=_("Empty when readings are typed in; otherwise the registered computation that produces them."),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pillar__order", "pillar_id", "order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["pillar", "name"], name="indicator_unique_name_per_pillar"),
        ]

    def __str__(self):
        return f"{self.name} ({self.unit})" if self.unit else self.name

    def get_absolute_url(self):
        return reverse("campaigns:indicator-detail", args=[self.pk])

    @property
    def owner_department_id(self):
        return None

    @property
    def is_computed(self):
        return bool(self.source)


class IndicatorReading(TimeStampedModel):
    """The value of an indicator for one period, for one department or (department empty) the whole organ."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="readings"
    )
    department = models.ForeignKey(
        "leadership.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicator_readings",
        help_text=_("Empty for a reading of the whole organ."),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=500, blank=True)
    is_automatic = models.BooleanField(_("computed"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "-period_start", "department__order", "pk"]
        verbose_name = _("indicator reading")
        verbose_name_plural = _("indicator readings")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "department", "period_start"],
                condition=Q(department__isnull=False),
                name="reading_unique_per_department_period",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period_start"],
                condition=Q(department__isnull=True),
                name="reading_unique_whole_organ_period",
            ),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="reading_end_after_start"),
        ]
        indexes = [models.Index(fields=["indicator", "period_start"], name="reading_indicator_period_idx")]

    def __str__(self):
        return f"{self.indicator.name} · {self.period_start} · {self.value}"

    @property
    def owner_department_id(self):
        return self.department_id

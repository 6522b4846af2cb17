"""Derived values shown across the app: the measure traffic light and the indicator status."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Light(models.TextChoices):
    RED = "red", _("Overdue")
    YELLOW = "yellow", _("Behind schedule")
    BLUE = "blue", _("Due soon")
    GREEN = "green", _("On track")
    GREY = "grey", _("Cancelled")


class IndicatorStatus(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    NO_DATA = "no_data", _("No data")

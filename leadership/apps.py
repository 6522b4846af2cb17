"""The bureau's organisation: departments, people, the leading group, its office and who is in charge of what."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeadershipConfig(AppConfig):
    name = "leadership"
    verbose_name = _("Organisation")

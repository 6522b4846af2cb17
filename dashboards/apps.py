"""Leaders' and departments' dashboards, PDF progress reports and the scheduled sweep."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _schedule_after_migrate(sender, **kwargs):
    # Also after a test flush, which empties the table the data migration filled.
    from .schedules import sweep_schedule_ensure

    sweep_schedule_ensure()


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = _("Dashboards and reports")

    def ready(self):
        post_migrate.connect(_schedule_after_migrate, sender=self, dispatch_uid="dashboards.sweep_schedule")
        from .freshness import watch_data

        watch_data()

"""The project's own app: base model, permissions, health, home and the demo command."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _roles_after_migrate(sender, **kwargs):
    # Runs after every app's migrations, so permissions of apps migrated later are picked up too.
    from .roles import role_groups_ensure
    from .schedules import schedules_ensure

    role_groups_ensure()
    if sender.name == "liujiguan":
        schedules_ensure()


class LiujiguanConfig(AppConfig):
    name = "liujiguan"
    verbose_name = _("Portal")

    def ready(self):
        post_migrate.connect(_roles_after_migrate, dispatch_uid="liujiguan.roles")

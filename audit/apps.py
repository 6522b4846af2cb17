"""The audit trail: sign-offs, overrides, approvals, publications, permission changes and logins."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the auth and permission signals)

"""Pillar registers (study, meetings, documents, service cases, public issues, vehicles, coordination)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "registers"
    verbose_name = _("Registers")

    def ready(self):
        from .indicators import register_all

        register_all()

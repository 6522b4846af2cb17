"""Load the demo: the seed plan's campaign, its organisation, and each app's lived-in data. Safe to run twice."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

# Each app with a demo module contributes in this order; later apps read what earlier ones made.
DEMO_APPS = [
    "leadership",
    "planimport",
    "campaigns",
    "reception",
    "evaluations",
    "registers",
    "notifications",
    "dashboards",
    "disclosure",
]


class Command(BaseCommand):
    help = "Create or refresh the demo data (idempotent). Demo logins use DEMO_PASSWORD (default: demo)."

    def handle(self, *args, **options):
        context = {"password": settings.DEMO_PASSWORD, "stdout": self.stdout}
        for app in DEMO_APPS:
            try:
                module = import_module(f"{app}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app}.demo":
                    raise
                continue
            with transaction.atomic():
                module.load(context=context)
            self.stdout.write(f"demo: {app} loaded")
        self.stdout.write(self.style.SUCCESS("Demo ready. Logins: admin, office, leader, dept, viewer."))

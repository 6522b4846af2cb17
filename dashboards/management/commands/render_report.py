"""Render the progress report of a campaign (or one department) to a PDF file, without the queue."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.models import Campaign
from leadership.models import Department
from leadership.selectors import current_campaign


class Command(BaseCommand):
    help = "Render the progress report to a PDF file: render_report [--campaign ID] [--department ID] --output FILE.pdf"

    def add_arguments(self, parser):
        parser.add_argument("--campaign", type=int, help="Campaign id (default: the current campaign).")
        parser.add_argument("--department", type=int, help="Department id (default: the whole campaign).")
        parser.add_argument("--output", required=True, help="Where to write the PDF.")

    def handle(self, *args, campaign=None, department=None, output=None, **options):
        from dashboards.services import ReportError, report_pdf

        if campaign is not None:
            found = Campaign.objects.filter(pk=campaign).first()
            if found is None:
                raise CommandError(f"No campaign with id {campaign}.")
        else:
            found = current_campaign()
            if found is None:
                raise CommandError("There is no campaign yet.")
        unit = None
        if department is not None:
            unit = Department.objects.filter(pk=department).first()
            if unit is None:
                raise CommandError(f"No department with id {department}.")
        try:
            content, pages = report_pdf(campaign=found, department=unit)
        except ReportError as error:
            raise CommandError(str(error)) from error
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"{path}: {pages} pages, {len(content)} bytes"))

"""Benchmark: import N generated measures (csv, GB18030) into the current campaign, then roll everything back."""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from campaigns.models import Campaign
from campaigns.resources import MeasureResource, import_file
from leadership.models import Department


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time a measures import of --rows generated rows (dry run and commit); nothing is kept."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000)

    def handle(self, *args, rows, **options):
        campaign = Campaign.objects.filter(is_current=True).first() or Campaign.objects.first()
        if campaign is None or not campaign.pillars.exists():
            raise CommandError("Needs a campaign with pillars (run loaddemo first).")
        pillars = list(campaign.pillars.values_list("name", flat=True))
        departments = list(Department.objects.values_list("name", flat=True)) or [""]
        lines = ["支柱,措施,牵头科室,开始,完成时限,权重"]
        for i in range(rows):
            lines.append(
                f"{pillars[i % len(pillars)]},基准测试措施{i:05d},{departments[i % len(departments)]},"
                f"2026-01-01,2026-{1 + i % 12:02d}-28,1"
            )
        content = "\n".join(lines).encode("gb18030")
        user = get_user_model().objects.filter(is_superuser=True).first()
        for dry_run in (True, False):
            started = time.perf_counter()
            try:
                with transaction.atomic():
                    report = import_file(
                        resource_class=MeasureResource,
                        campaign=campaign,
                        user=user,
                        content=content,
                        name="bench.csv",
                        dry_run=dry_run,
                    )
                    raise Rollback
            except Rollback:
                pass
            elapsed = time.perf_counter() - started
            self.stdout.write(
                f"{'dry run' if dry_run else 'commit '}: {rows} rows in {elapsed:.2f} s; "
                f"totals={report.totals}, errors={len(report.errors)}"
            )

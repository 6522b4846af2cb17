"""Import a plan document from the command line: print what was understood (--json), or save it into a campaign."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from campaigns.models import Campaign
from campaigns.planparse import DEFAULT_MAX_BYTES, PlanError
from planimport import services
from planimport.models import PlanImport


class Command(BaseCommand):
    help = (
        "Read an implementation plan (.txt in UTF-8/GBK/GB18030, or .docx), and save it into a campaign: pillars, "
        "measures, people and leading-group posts, in one transaction. --dry-run saves nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the plan document")
        parser.add_argument("--dry-run", action="store_true", help="read and show the plan; save nothing")
        parser.add_argument("--json", action="store_true", help="print the parsed plan as one JSON object")
        parser.add_argument("--script", choices=["hans", "hant"], help="convert to Simplified or Traditional")
        parser.add_argument("--campaign", type=int, help="update this campaign (id) instead of creating one")
        parser.add_argument("--year", type=int, help="the campaign's year (default: from the text, else this year)")
        parser.add_argument("--user", help="record the import as made by this user name")
        parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="largest file accepted")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if path.stat().st_size > options["max_bytes"]:
            # Refuse before reading a huge file into memory.
            size_mb, limit_mb = path.stat().st_size / 1024 / 1024, options["max_bytes"] / 1024 / 1024
            raise CommandError(f"The file is too large ({size_mb:.1f} MB); the limit is {limit_mb:.1f} MB.")
        campaign = None
        if options["campaign"] is not None:
            campaign = Campaign.objects.filter(pk=options["campaign"]).first()
            if campaign is None:
                raise CommandError(f"No campaign with id {options['campaign']}.")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user called {options['user']}.")
        try:
            plan, encoding, detected, text = services.plan_read(
                data=path.read_bytes(), filename=path.name, script=options["script"], max_bytes=options["max_bytes"]
            )
        except PlanError as error:
            raise CommandError(f"{path.name}: {error.message}") from error
        data = services.plan_data(plan)
        if options["year"]:
            data["year"] = options["year"]
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self._summary(plan, encoding, detected)
        report = self.stderr if options["json"] else self.stdout
        if options["dry_run"]:
            report.write("Dry run: nothing saved.")
            return
        record = PlanImport.objects.create(
            uploaded_by=user,
            source=PlanImport.Source.COMMAND,
            file_name=path.name[:255],
            file_size=path.stat().st_size,
            encoding=encoding,
            detected_script=detected,
            script=plan.script,
            text=text,
            parsed=data,
        )
        try:
            result = services.plan_save(
                parsed=data, campaign=campaign, user=user, plan_import=record, year=options["year"]
            )
        except ValidationError as error:
            record.delete()
            raise CommandError("The plan cannot be saved: " + " ".join(error.messages)) from error
        verb = "Created" if result.created_campaign else "Updated"
        report.write(f"{verb} campaign {result.campaign.pk}: {result.campaign}")
        for kind, counts in result.counts.items():
            report.write(f"  {kind}: " + ", ".join(f"{n} {what}" for what, n in counts.items() if n))

    def _summary(self, plan, encoding, detected):
        write = self.stdout.write
        write(f"{plan.title}  (read as {encoding}, written in {detected}, converted to {plan.script})")
        for pillar in plan.pillars:
            write(f"  {pillar.name} [{pillar.type or '?'}] {pillar.slogan}: {len(pillar.measures)} measures")
        group, office = plan.leading_group, plan.office
        write(f"  group: {'、'.join(group.leader)} / {'、'.join(group.deputy_leaders)} / {'、'.join(group.members)}")
        concurrent = " (concurrent)" if office.director_concurrent else ""
        write(f"  office: {office.director or '—'}{concurrent}; members {'、'.join(office.members) or '—'}")
        write(f"  requirements: {len(plan.requirements)}; checks: {'、'.join(plan.checks) or '—'}")
        if plan.unrecognised:
            write(f"  not recognised: {len(plan.unrecognised)} line(s)")

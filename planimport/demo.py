"""Demo: the seed plan imported through the importer itself (campaign, pillars, measures, people, posts, checks),
and a second plan left in review so the import pages look lived-in. Safe to run twice."""

from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model

import campaigns
from campaigns.models import Campaign
from campaigns.planparse import DEFAULT_MAX_BYTES
from leadership.demo import charges_load

from . import services
from .models import PlanImport

CORPUS = Path(campaigns.__file__).resolve().parent / "tests" / "planparse" / "corpus"
SEED = CORPUS / "000_seed_hant.txt"
IN_REVIEW = CORPUS / "003_parts_fagai.txt"
TITLE = "创六型机关方案"
YEAR, START, END = 2026, date(2026, 1, 1), date(2026, 12, 31)


def seed_import(*, user=None) -> Campaign:
    """Create or update the demo campaign from the seed document, in Simplified script."""
    plan, encoding, detected, text = services.plan_read(
        data=SEED.read_bytes(), filename=SEED.name, script="hans", max_bytes=DEFAULT_MAX_BYTES
    )
    parsed = {**services.plan_data(plan), "year": YEAR}
    campaign = Campaign.objects.filter(title=TITLE).order_by("pk").first()
    record = None
    if not PlanImport.objects.filter(file_name=SEED.name, status=PlanImport.Status.SAVED).exists():
        # The first run leaves an audit record, as an upload through the page would; later runs change nothing.
        record = PlanImport.objects.create(
            uploaded_by=user,
            file_name=SEED.name,
            file_size=SEED.stat().st_size,
            encoding=encoding,
            detected_script=detected,
            script=plan.script,
            text=text,
            parsed=parsed,
        )
    result = services.plan_save(
        parsed=parsed,
        campaign=campaign,
        user=user,
        plan_import=record,
        year=YEAR,
        start=START,
        end=END,
        status=Campaign.Status.ACTIVE,
        make_current=True,
    )
    return result.campaign


def load(*, context):
    office = get_user_model().objects.filter(username="office").first()
    campaign = seed_import(user=office)
    context["campaign"] = campaign
    charges_load(context=context)
    if not PlanImport.objects.filter(file_name=IN_REVIEW.name).exists():
        services.import_start(
            user=office, data=IN_REVIEW.read_bytes(), filename=IN_REVIEW.name, max_bytes=DEFAULT_MAX_BYTES
        )

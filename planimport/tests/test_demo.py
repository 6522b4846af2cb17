"""The demo campaign comes from importing the seed; loading the demo twice changes nothing (rows or history)."""

import pytest

import leadership.demo
import planimport.demo
from campaigns.models import Campaign, CampaignCheck, Measure, Pillar
from leadership.models import Charge, Membership, Person
from planimport.models import PlanImport

pytestmark = pytest.mark.django_db


def _load():
    """The demo steps this app owns, in loaddemo's order (other apps' demos are tested by their owners)."""
    context = {"password": "demo"}
    leadership.demo.load(context=context)
    planimport.demo.load(context=context)
    return context


def _snapshot():
    return {
        model.__name__: (model.objects.count(), model.history.count())
        for model in (Campaign, Pillar, Measure, Person, Membership, Charge, CampaignCheck, PlanImport)
    }


def test_demo_campaign_is_imported_from_the_seed():
    context = _load()
    campaign = Campaign.objects.get(title="创六型机关方案")
    assert campaign.is_current and campaign.status == "active" and campaign.year == 2026
    assert str(campaign.start) == "2026-01-01" and str(campaign.end) == "2026-12-31"
    assert campaign.pillars.count() == 6 and Measure.objects.filter(pillar__campaign=campaign).count() == 24
    assert Membership.objects.filter(campaign=campaign).count() == 13
    # The importer matched the organisation's people instead of creating new rows.
    assert Person.objects.filter(name="陈霜").count() == 1
    assert Person.objects.get(name="陈霜").department.name == "办公室"
    assert Charge.objects.filter(campaign=campaign).count() == 13
    seed = PlanImport.objects.get(file_name="000_seed_hant.txt")
    assert seed.status == "saved" and seed.campaign == campaign
    assert PlanImport.objects.filter(status="draft").count() == 1
    assert context["campaign"] == campaign and context["people"]["陈霜"] == Person.objects.get(name="陈霜")


def test_loaddemo_twice_changes_nothing_the_importer_owns():
    _load()
    before = _snapshot()
    _load()
    assert _snapshot() == before

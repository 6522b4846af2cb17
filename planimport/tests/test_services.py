"""Saving a reviewed plan: the seed in both scripts, all or nothing, re-import without duplicates, people matched."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from campaigns.models import Campaign, CampaignCheck, Measure, Pillar
from leadership.models import Membership, Person
from liujiguan.tests.factories import CampaignFactory, PersonFactory
from planimport import rules, services
from planimport.models import PlanImport

pytestmark = pytest.mark.django_db

ROLE = Membership.Role


def _names(campaign, role):
    return list(
        Membership.objects.filter(campaign=campaign, role=role, end__isnull=True)
        .order_by("order")
        .values_list("person__name", flat=True)
    )


def _counts():
    return (
        Campaign.objects.count(),
        Pillar.objects.count(),
        Measure.objects.count(),
        Person.objects.count(),
        Membership.objects.count(),
        CampaignCheck.objects.count(),
    )


def test_seed_saves_six_pillars_group_office_requirements_and_checks(seed_plan):
    result = services.plan_save(parsed=seed_plan, user=None, year=2026)
    campaign = result.campaign
    hant = seed_plan.script == "hant"
    assert campaign.title == ("創六型機關方案" if hant else "创六型机关方案")
    assert campaign.script == seed_plan.script and campaign.year == 2026
    pillars = list(campaign.pillars.order_by("order"))
    assert [p.type for p in pillars] == ["learning", "service", "efficiency", "thrift", "integrity", "harmony"]
    assert pillars[0].slogan == ("大興學習調研之風" if hant else "大兴学习调研之风")
    assert [p.measures.count() for p in pillars] == [2, 4, 3, 6, 4, 5]
    assert not Measure.objects.filter(pillar__campaign=campaign, lead_department__isnull=False).exists()
    assert all(m.is_awaiting_assignment for m in Measure.objects.filter(pillar__campaign=campaign))
    assert len(_names(campaign, ROLE.LEADER)) == 1
    assert len(_names(campaign, ROLE.DEPUTY)) == 4
    assert len(_names(campaign, ROLE.MEMBER)) == 5
    director = _names(campaign, ROLE.OFFICE_DIRECTOR)
    assert director == (["陳霜"] if hant else ["陈霜"])
    assert director[0] in _names(campaign, ROLE.MEMBER)  # held concurrently: two posts of one person
    assert _names(campaign, ROLE.OFFICE_STAFF) == (["連淑穎", "梁舒"] if hant else ["连淑颖", "梁舒"])
    assert len(campaign.requirements.splitlines()) == 4
    assert campaign.requirements.startswith("統一思想" if hant else "统一思想")
    assert campaign.guiding_ideology and campaign.goals and campaign.preamble
    assert set(CampaignCheck.objects.filter(campaign=campaign).values_list("kind", flat=True)) == {
        "understanding",
        "leadership",
        "resources",
    }
    assert Person.objects.count() == 12
    assert result.counts["measures"]["created"] == 24


def test_saving_is_all_or_nothing(seed_plan, monkeypatch):
    before = _counts()
    record = PlanImport.objects.create(parsed=seed_plan.to_dict())

    def fail(plan, result):
        # The last step fails after campaign, pillars, measures, people and posts were written.
        assert Membership.objects.filter(campaign=result.campaign).count() == 13
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_checks_save", fail)
    with pytest.raises(RuntimeError):
        services.plan_save(parsed=seed_plan, user=None, plan_import=record, year=2026)
    assert _counts() == before
    record.refresh_from_db()
    assert record.status == PlanImport.Status.DRAFT and record.campaign is None


def test_reimport_updates_without_duplicates(seed_plan):
    first = services.plan_save(parsed=seed_plan, user=None, year=2026)
    campaign = first.campaign
    counts = _counts()
    again = services.plan_save(parsed=seed_plan, campaign=campaign, user=None)
    assert _counts() == counts
    assert again.counts["measures"] == {"created": 0, "updated": 0, "unchanged": 24}
    assert again.counts["campaign"]["unchanged"] == 1

    data = seed_plan.to_dict()
    data["pillars"][0]["measures"].append("每月集中学习一次")
    departing = data["leading_group"]["members"].pop()  # a member leaves the group
    services.plan_save(parsed=data, campaign=campaign, user=None)
    assert Pillar.objects.filter(campaign=campaign).count() == 6
    assert Measure.objects.filter(pillar__campaign=campaign).count() == 25
    assert departing not in _names(campaign, ROLE.MEMBER)
    ended = Membership.objects.get(campaign=campaign, person__name=departing, role=ROLE.MEMBER)
    assert ended.end is not None  # kept in history, not deleted


def test_people_are_matched_in_either_script():
    from campaigns.planparse import parse_plan, read_plan_bytes

    from .factories import SEED

    chen = PersonFactory(name="陳霜", title="办公室主任")  # typed in Traditional
    plan = parse_plan(read_plan_bytes(SEED.read_bytes(), SEED.name), script="hans")
    result = services.plan_save(parsed=plan, user=None, year=2026)
    chen.refresh_from_db()
    assert chen.name == "陳霜" and chen.title == "办公室主任"  # matched, not renamed or duplicated
    assert Membership.objects.filter(campaign=result.campaign, person=chen).count() == 2
    assert "陈霜" not in result.new_people and len(result.new_people) == 11
    assert not Person.objects.filter(name="陈霜").exists()


def test_other_pillar_types_keep_their_name():
    data = {
        "title": "创建四型机关方案",
        "script": "hans",
        "pillars": [
            {"type": "rule_of_law", "name": "法治型机关", "slogan": "依法行政", "measures": ["开展普法学习"]},
            {"type": None, "name": "阳光型机关", "slogan": "", "measures": []},
            {"type": "learning", "name": "学习型机关", "slogan": "", "measures": []},
        ],
    }
    campaign = services.plan_save(parsed=data, user=None, year=2026).campaign
    assert list(campaign.pillars.order_by("order").values_list("type", "name")) == [
        (Pillar.Type.OTHER, "法治型机关"),
        (Pillar.Type.OTHER, "阳光型机关"),
        (Pillar.Type.LEARNING, "学习型机关"),
    ]


def test_plan_without_pillars_or_title_is_refused_and_nothing_written():
    before = _counts()
    with pytest.raises(ValidationError) as error:
        services.plan_save(parsed={"title": "", "pillars": []}, user=None, year=2026)
    assert len(error.value.messages) == 2
    assert _counts() == before


def test_update_into_an_existing_campaign_keeps_its_dates_and_marks_current(seed_plan):
    existing = CampaignFactory(title="旧方案", year=2025, start=datetime.date(2025, 1, 1), is_current=False)
    other = CampaignFactory(is_current=True)
    result = services.plan_save(parsed=seed_plan, campaign=existing, user=None, make_current=True)
    existing.refresh_from_db()
    other.refresh_from_db()
    assert result.campaign.pk == existing.pk and not result.created_campaign
    assert existing.year == 2025 and existing.start == datetime.date(2025, 1, 1)
    assert existing.is_current and not other.is_current


def test_year_is_guessed_from_the_title_or_the_date_line(seed_plan):
    seed_plan.title = "2027年创建六型机关实施方案"
    assert rules.year_guess(seed_plan) == 2027
    seed_plan.title = "方案"
    seed_plan.unrecognised = ["某某局", "2024年3月1日"]
    assert rules.year_guess(seed_plan) == 2024
    seed_plan.unrecognised = []
    assert rules.year_guess(seed_plan, today=datetime.date(2030, 5, 1)) == 2030


def test_check_phrases_map_to_the_three_checks():
    assert [rules.check_kind(t) for t in ["思想认识到位", "領導組織到位", "各项保障到位", "责任落实到位"]] == [
        "understanding",
        "leadership",
        "resources",
        None,
    ]

"""Journey: office staff import the seed plan, review and save it, then assign two measures to departments."""

import pytest

from campaigns.models import Campaign, Measure
from planimport.tests.factories import SEED

from .helpers import check_languages, shot

JOURNEY = "plan-import"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_office_imports_the_seed_plan_and_assigns_measures(page, browser_login, org):
    browser_login("office")
    page.goto("/plans/import/new/")
    page.set_input_files("input[name=file]", str(SEED))
    page.select_option("select[name=script]", "hans")
    shot(page, JOURNEY, "1-upload")
    page.click("#upload-form button[type=submit]")

    page.wait_for_selector("#review-form")
    assert page.locator(".pillar-form:visible").count() == 6
    shot(page, JOURNEY, "2-review")
    page.fill("input[name=plan-year]", "2026")
    page.click("#save-plan")

    page.wait_for_selector("#import-saved")
    shot(page, JOURNEY, "3-saved")
    campaign = Campaign.objects.get(title="创六型机关方案")
    page.click("#campaign-link")
    page.wait_for_url(f"**{campaign.get_absolute_url()}")
    page.wait_for_selector("text=节约型机关")
    assert campaign.pillars.count() == 6
    assert set(campaign.pillars.values_list("type", flat=True)) == {
        "learning",
        "service",
        "efficiency",
        "thrift",
        "integrity",
        "harmony",
    }
    shot(page, JOURNEY, "4-campaign")

    measures = Measure.objects.filter(pillar__campaign=campaign).order_by("pillar__order", "order", "pk")
    assert measures.count() > 2 and not measures.filter(lead_department__isnull=False).exists()
    first, second = measures[0], measures[1]

    # The first from its pillar's list, the second from its own page.
    page.goto(first.pillar.get_absolute_url())
    page.click(f"#measure-{first.pk} a[href$='/edit/']")
    page.wait_for_selector("#measure-form")
    page.select_option("#id_lead_department", str(org.dept_a.pk))
    page.click("#measure-form button[type=submit]")
    page.wait_for_selector("#measure-title")
    assert org.dept_a.name in page.inner_text("main")
    assert "待分配" not in page.inner_text("main")

    page.goto(second.get_absolute_url())
    assert "待分配" in page.inner_text("main")  # awaiting assignment until the office names a lead department
    shot(page, JOURNEY, "5-awaiting-assignment")
    page.click("#action-edit")
    page.wait_for_selector("#measure-form")
    page.select_option("#id_lead_department", str(org.dept_b.pk))
    page.click("#measure-form button[type=submit]")
    page.wait_for_url(f"**{second.get_absolute_url()}")
    page.wait_for_selector("#measure-title")
    assert org.dept_b.name in page.inner_text("main")
    assert "待分配" not in page.inner_text("main")
    shot(page, JOURNEY, "6-assigned")

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.lead_department, second.lead_department) == (org.dept_a, org.dept_b)
    assert measures.filter(lead_department__isnull=False).count() == 2

    check_languages(page, JOURNEY, "#measure-actions", hant="督查督辦", en="Supervision")
    assert "Lead department" in page.inner_text("main")

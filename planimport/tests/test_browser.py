"""A real browser: office staff upload the seed, correct a measure, add one, save, and see the campaign."""

import pytest

from campaigns.models import Campaign, Measure

from .factories import SEED


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_office_imports_the_seed_plan_in_the_browser(page, browser_login):
    browser_login("office")
    page.click("#plans-menu")  # the navigation entry, in the Plans menu
    page.click("#portal-nav a[href='/plans/import/']")
    page.click("#new-import")
    page.set_input_files("input[name=file]", str(SEED))
    page.select_option("select[name=script]", "hans")
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#review-form")
    assert page.locator(".pillar-form:visible").count() == 6
    assert page.locator("#review-people [data-person=new]").count() == 13  # 12 people, 陈霜 twice

    thrift = page.locator("#pillars-forms .pillar-form").nth(3)
    measure = thrift.locator("input[name='pillars-3-measures'][value='禁止同城接待']")
    measure.fill("禁止同城接待，确需接待的须报主要领导批准")
    thrift.locator("[data-add-item]").click()  # JavaScript adds a row and focuses it
    page.keyboard.type("每季度公布公务接待情况")
    assert thrift.locator("[data-item]:not([data-blank])").count() == 7  # six parsed, one added
    first = page.locator("#pillars-forms .pillar-form").nth(0)
    first.locator("[data-remove-item]").first.click()  # drop the first learning measure
    page.fill("input[name=plan-year]", "2026")
    page.click("#save-plan")

    page.wait_for_selector("#import-saved")
    page.click("#campaign-link")
    page.wait_for_selector("text=节约型机关")
    campaign = Campaign.objects.get(title="创六型机关方案")
    assert page.url.endswith(campaign.get_absolute_url())
    thrift_measures = Measure.objects.filter(pillar__campaign=campaign, pillar__type="thrift")
    titles = set(thrift_measures.values_list("title", flat=True))
    assert "禁止同城接待，确需接待的须报主要领导批准" in titles and "每季度公布公务接待情况" in titles
    assert "禁止同城接待" not in titles
    assert Measure.objects.filter(pillar__campaign=campaign, pillar__type="learning").count() == 1

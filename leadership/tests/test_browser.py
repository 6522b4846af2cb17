"""The department picker in a real browser: above the limit it is a search box that still filters by department."""

import pytest

from campaigns.tests.factories import MeasureFactory
from liujiguan.tests.factories import DepartmentFactory, PillarFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_department_picker_searches_picks_with_the_keyboard_and_filters_the_measure_list(
    settings, page, browser_login, org
):
    settings.LEADERSHIP_DEPARTMENT_SELECT_LIMIT = 2  # the live server runs in this process and sees it
    DepartmentFactory.create_batch(3)
    pillar = PillarFactory(campaign=org.campaign)
    ours = MeasureFactory(pillar=pillar, lead_department=org.dept_b, title="第一管理队的措施")
    theirs = MeasureFactory(pillar=pillar, lead_department=org.dept_a, title="景区管理站的措施")

    browser_login("office")
    page.goto("/campaigns/measures/")
    assert page.locator("#id_lead_department option").count() == 1  # only the empty choice is printed
    assert not page.locator("#id_lead_department").is_visible()
    box = page.locator("#id_lead_department_search")
    assert page.locator("label[for=id_lead_department_search]").count() == 1

    box.press_sequentially("管理隊", delay=30)  # Traditional script finds the Simplified name
    options = page.locator("#id_lead_department_search_list [role=option]")
    options.first.wait_for()
    assert options.all_inner_texts() == ["第一管理队"]
    box.press("ArrowDown")
    assert options.first.get_attribute("aria-selected") == "true"
    box.press("Enter")
    assert box.input_value() == "第一管理队"
    assert page.locator("#id_lead_department").input_value() == str(org.dept_b.pk)
    assert page.locator("#id_lead_department_search_list").is_hidden()

    with page.expect_navigation():
        box.press("Enter")  # the list is closed: Enter submits the filter
    assert f"lead_department={org.dept_b.pk}" in page.url
    table = page.inner_text("#measure-table")
    assert ours.title in table and theirs.title not in table
    assert page.locator("#id_lead_department_search").input_value() == "第一管理队"

    # Escape closes the list without choosing; emptying the box clears the filter.
    box = page.locator("#id_lead_department_search")
    box.fill("")
    box.press_sequentially("景区", delay=30)
    options.first.wait_for()
    box.press("Escape")
    assert page.locator("#id_lead_department_search_list").is_hidden()
    assert page.locator("#id_lead_department").input_value() == str(org.dept_b.pk)
    box.fill("")
    with page.expect_navigation():
        box.press("Enter")
    assert "lead_department=&" in page.url or page.url.endswith("lead_department=")
    table = page.inner_text("#measure-table")
    assert ours.title in table and theirs.title in table


def test_department_dashboard_picker_switches_department_when_one_is_picked(settings, page, browser_login, org):
    settings.LEADERSHIP_DEPARTMENT_SELECT_LIMIT = 2
    DepartmentFactory.create_batch(3)

    browser_login("office")
    page.goto("/dashboards/department/")
    box = page.locator("#id_department_search")
    assert box.input_value() == org.dept_a.name  # the office login belongs to department A
    box.fill("")
    box.press_sequentially("第一", delay=30)
    page.locator("#id_department_search_list [role=option]").first.wait_for()
    with page.expect_navigation():
        box.press("Enter")  # picking submits the picker's form (data-autosubmit)
    assert f"department={org.dept_b.pk}" in page.url
    assert org.dept_b.name in page.inner_text("h1")

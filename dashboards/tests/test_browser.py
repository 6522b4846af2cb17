"""The dashboards in a real browser: charts drawn from the json_script data, no console errors (screenshots kept)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_leader_dashboard_draws_its_charts(browser_login, plan):
    page = browser_login("leader")
    page.goto("/dashboards/")
    page.wait_for_selector("#pillar-chart")
    page.wait_for_function("document.getElementById('pillar-chart').width > 0")
    assert page.locator("#pillar-table tbody tr").count() == 6
    assert page.locator('[data-kpi="red"]').inner_text() == "2"
    assert "学习型机关" in page.locator("#pillar-table").inner_text()
    # Filtering by department reloads with the filter applied.
    page.select_option("#id_department", str(plan.org.dept_b.pk))
    page.wait_for_url("**department=*")
    assert page.locator('[data-kpi="measures"]').inner_text() == "4"


def test_department_contact_sees_their_dashboard(browser_login, plan):
    page = browser_login("dept_a")
    page.goto("/dashboards/")
    page.wait_for_selector("#overdue")
    assert "精简会议文件" in page.locator("#overdue").inner_text()
    assert page.locator("#due-soon tbody tr").count() == 2

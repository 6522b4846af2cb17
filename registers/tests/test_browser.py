"""Journeys in a real browser: a department records a meeting over the cap and answers a coordination request."""

import datetime

import pytest

from registers import services
from registers.models import CoordinationTarget, Meeting

from .factories import CoordinationRequestFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_department_records_a_meeting_over_the_cap(browser_login, org):
    page = browser_login("dept_a")
    page.click("a.nav-link[href='/registers/']")
    page.click("a[data-register='meetings']")
    page.click("#record-create")
    page.fill("input[name=date]", "2026-03-05")
    page.fill("input[name=title]", "景区安全工作推进会")
    page.fill("input[name=attendees]", "35")
    page.fill("input[name=duration_minutes]", "60")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_selector(".alert-warning")
    assert "景区安全工作推进会" in page.inner_text("#record-table")
    meeting = Meeting.objects.get()
    assert meeting.department == org.dept_a and meeting.cap_warnings == ["over_attendees"]


def test_department_passes_a_request_on_and_office_sees_the_chain(browser_login, org, dept_c):
    request = services.coordination_create(
        request=CoordinationRequestFactory.build(department=org.dept_b, deadline=datetime.date(2030, 1, 1)),
        departments=[org.dept_a],
    )
    page = browser_login("dept_a")
    page.click(f"#registers-panel a[href='/registers/coordination/{request.pk}/']")
    page.check("input[name=answer][value=pass_on]")
    page.select_option("select[name=department]", str(dept_c.pk))
    page.fill("textarea[name=reason]", "该事项属规划建设科职责")
    page.click("form.coordination-answer button[type=submit]")
    page.wait_for_selector("#bounced-warning")
    assert dept_c.name in page.inner_text(".coordination-chain")
    assert CoordinationTarget.objects.filter(department=dept_c, status="pending").exists()

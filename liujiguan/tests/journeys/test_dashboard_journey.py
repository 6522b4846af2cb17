"""Journey: a leader opens the dashboard, follows a number to the measure list it counts, and downloads the PDF
progress report built by a real Celery worker."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from campaigns.models import Measure
from campaigns.tests.factories import MeasureFactory
from dashboards.models import ReportRun
from liujiguan.tests.factories import PillarFactory

from .helpers import check_languages, shot

JOURNEY = "dashboard"


@pytest.fixture
def lived_in(org):
    """Two pillars and measures in every state: overdue (two), behind schedule, on track, reported, verified and
    cancelled."""
    today = timezone.localdate()
    learning = PillarFactory(campaign=org.campaign, name="学习型机关", type="learning", order=1)
    thrift = PillarFactory(campaign=org.campaign, name="节约型机关", type="thrift", order=2)
    start = today - timedelta(days=100)

    def measure(title, pillar, department, due_in, progress, status=Measure.Status.IN_PROGRESS):
        return MeasureFactory(
            pillar=pillar,
            title=title,
            lead_department=department,
            start=start,
            due=today + timedelta(days=due_in),
            progress=progress,
            status=status,
        )

    measure("精简会议文件", learning, org.dept_a, -3, 40)
    measure("学习型干部培养", learning, org.dept_b, -2, 20)
    measure("读书分享活动", learning, org.dept_a, 100, 10)
    measure("公务用车管理", thrift, org.dept_b, 60, 80)
    measure("节能降耗改造", thrift, org.dept_a, 30, 100, Measure.Status.REPORTED)
    measure("公务接待定点管理", thrift, org.dept_a, -10, 100, Measure.Status.VERIFIED)
    measure("办公用房清理", thrift, org.dept_b, 20, 0, Measure.Status.CANCELLED)
    return org


def _follow_kpi(page, kpi):
    """Click a number on the dashboard; return (the number, the rows of the measure list it leads to)."""
    number = int(page.inner_text(f'[data-kpi="{kpi}"]'))
    page.click(f'#kpis a:has([data-kpi="{kpi}"])')
    page.wait_for_url("**/campaigns/measures/**")
    page.wait_for_selector("#measure-table")
    return number, page.locator("#measure-table tbody tr:has(.light-badge)").count()


@pytest.mark.browser
@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_leader_follows_a_number_and_downloads_the_pdf_report(page, browser_login, lived_in, celery_worker):
    browser_login("leader")
    page.goto("/dashboards/")
    page.wait_for_url("**/dashboards/leaders/")
    page.wait_for_selector("#pillar-chart")
    page.wait_for_function("document.getElementById('pillar-chart').width > 0")
    assert page.locator("#pillar-table tbody tr").count() == 2
    shot(page, JOURNEY, "1-dashboard")

    overdue, rows = _follow_kpi(page, "red")
    assert overdue == 2 and rows == 2
    assert "light=red" in page.url
    badges = page.locator("#measure-table .light-badge")
    assert {badges.nth(i).get_attribute("data-light") for i in range(badges.count())} == {"red"}
    shot(page, JOURNEY, "2-overdue-list")

    page.goto("/dashboards/leaders/")
    page.click("a[href='/dashboards/reports/']")
    page.wait_for_selector("#report-request-form")
    page.click("#report-request-form button[type=submit]")
    page.wait_for_url("**/dashboards/reports/*/")
    shot(page, JOURNEY, "3-queued")
    page.wait_for_selector("#download-report", timeout=90_000)  # the page polls the run while the worker builds it
    run = ReportRun.objects.get()
    assert run.status == ReportRun.Status.DONE and run.requested_by == lived_in.users["leader"]
    shot(page, JOURNEY, "4-report-done")
    with page.expect_download() as download:
        page.click("#download-report")
    assert download.value.suggested_filename.endswith(".pdf")
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"

    page.goto("/dashboards/leaders/")
    page.wait_for_selector("#pillar-chart")
    check_languages(page, JOURNEY, "main h1", hant="領導工作看板", en="Leaders' dashboard")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kpi", ["measures", "done", "red", "yellow", "blue"])
def test_every_dashboard_number_leads_to_a_list_of_as_many_measures(page, browser_login, lived_in, kpi):
    browser_login("leader")
    page.goto("/dashboards/leaders/")
    page.wait_for_selector("#kpis")
    number, rows = _follow_kpi(page, kpi)
    assert rows == number, f"the {kpi!r} number says {number}, its list shows {rows}"

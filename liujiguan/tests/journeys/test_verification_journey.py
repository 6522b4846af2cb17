"""Journey: the office verifies (复核) one measure reported done and returns (退回) another with a reason, which the
department then reads on the measure."""

import pytest

from campaigns import services
from campaigns.models import Measure
from campaigns.tests.factories import MeasureFactory
from liujiguan.tests.factories import PillarFactory

from .helpers import check_languages, logout, shot

JOURNEY = "verification"
REASON = "佐证材料缺少学习记录签到表，请补充后重新报结。"


def _reported(org, pillar, title):
    """A measure of department A that the department has acknowledged, worked on and reported done."""
    measure = MeasureFactory(pillar=pillar, title=title, lead_department=org.dept_a)
    user = org.users["dept_a"]
    services.measure_acknowledge(measure=measure, user=user)
    services.progress_post(measure=measure, user=user, percent=100, note="全部完成")
    services.measure_report_done(measure=measure, user=user)
    measure.refresh_from_db()
    assert measure.status == Measure.Status.REPORTED
    return measure


@pytest.fixture
def reported(org):
    pillar = PillarFactory(campaign=org.campaign, name="学习型机关", type="learning", order=1)
    return _reported(org, pillar, "建立学习登记制度"), _reported(org, pillar, "开展读书分享活动")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_office_verifies_one_measure_and_returns_another_with_a_reason(page, browser_login, org, reported):
    to_verify, to_return = reported
    browser_login("office")
    page.goto(to_verify.get_absolute_url())
    assert page.inner_text("#measure-status") == "已报结"
    shot(page, JOURNEY, "1-reported")
    page.click("#action-verify")
    page.wait_for_selector("#action-verify", state="detached")
    assert page.inner_text("#measure-status") == "已复核"
    assert "措施已复核" in page.inner_text("main")
    shot(page, JOURNEY, "2-verified")

    page.goto(to_return.get_absolute_url())
    page.fill("#return-reason", REASON)
    page.click("#action-return")
    page.wait_for_selector("#action-return", state="detached")
    assert "措施已退回科室" in page.inner_text("main")
    shot(page, JOURNEY, "3-returned")

    to_verify.refresh_from_db()
    to_return.refresh_from_db()
    assert to_verify.status == Measure.Status.VERIFIED and to_verify.verified_by == org.users["office"]
    assert to_return.status == Measure.Status.RETURNED and to_return.status_reason == REASON

    logout(page)
    browser_login("dept_a")
    page.goto("/campaigns/measures/?status=returned")
    page.locator("#measure-table a", has_text=to_return.title).click()
    page.wait_for_selector("#measure-title")
    assert REASON in page.inner_text("main .alert-warning")
    assert page.locator("#action-progress").count() == 1  # the department works on it again
    shot(page, JOURNEY, "4-department-reads-reason")

    check_languages(page, JOURNEY, "#measure-actions", hant="督查督辦", en="Supervision")
    assert REASON in page.inner_text("main")
    assert "Returned" in page.inner_text("main .alert-warning")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_returned_measure_reads_as_returned_to_the_department(page, browser_login, org, reported):
    """A returned measure says 已退回 (returned to the department), not 收回 (ballots collected back)."""
    _, to_return = reported
    services.measure_return(measure=to_return, user=org.users["office"], reason=REASON)
    browser_login("dept_a")
    page.goto(to_return.get_absolute_url())
    assert "收回" not in page.inner_text("main")
    assert page.inner_text("#measure-status") == "已退回"
    assert "已退回" in page.inner_text("main .alert-warning")

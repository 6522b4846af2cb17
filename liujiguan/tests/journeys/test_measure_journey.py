"""Journey: a department contact acknowledges a lagging measure, posts progress with a picture as evidence, and sees
the traffic light turn from yellow (behind schedule) to green (on track)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from campaigns.models import Evidence, Measure
from campaigns.tests.factories import MeasureFactory
from liujiguan.tests.factories import PillarFactory

from .helpers import check_languages, png_bytes, shot

JOURNEY = "measure"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_department_acknowledges_posts_progress_and_sees_the_light_change(page, browser_login, org):
    today = timezone.localdate()
    pillar = PillarFactory(campaign=org.campaign, name="学习型机关", type="learning", order=1)
    # Half of its time has gone and nothing is done yet: behind schedule.
    measure = MeasureFactory(
        pillar=pillar,
        title="每月开展一次中心组集中学习",
        lead_department=org.dept_a,
        start=today - timedelta(days=100),
        due=today + timedelta(days=100),
        progress=0,
    )
    assert measure.status == Measure.Status.ISSUED

    browser_login("dept_a")
    page.goto("/campaigns/measures/")
    row = page.locator("#measure-table tbody tr", has_text=measure.title)
    assert row.locator(".light-badge").get_attribute("data-light") == "yellow"
    assert "进度滞后" in row.locator(".light-badge").inner_text()
    shot(page, JOURNEY, "1-list-yellow")
    row.locator("a", has_text=measure.title).click()

    page.wait_for_selector("#measure-title")
    assert page.locator("#measure-title .light").get_attribute("data-light") == "yellow"
    page.click("#action-acknowledge")
    page.wait_for_selector("#action-progress")
    assert page.inner_text("#measure-status") == "已签收"
    shot(page, JOURNEY, "2-acknowledged")

    page.click("#action-progress")
    page.wait_for_selector("#progress-form")
    page.fill("#id_percent", "60")
    page.fill("#id_note", "已组织中心组集中学习六次，学习记录和现场照片附后。")
    page.set_input_files("#id_files", files=[{"name": "学习现场.png", "mimeType": "image/png", "buffer": png_bytes()}])
    shot(page, JOURNEY, "3-progress-form")
    page.click("#progress-form button[type=submit]")

    page.wait_for_selector(".progress-update")
    assert page.locator("#measure-title .light").get_attribute("data-light") == "green"
    assert "已组织中心组集中学习六次" in page.inner_text("#timeline")
    assert "学习现场.png" in page.inner_text("#timeline .evidence-link")
    shot(page, JOURNEY, "4-progress-posted")

    page.goto("/campaigns/measures/")
    badge = page.locator("#measure-table tbody tr", has_text=measure.title).locator(".light-badge")
    assert badge.get_attribute("data-light") == "green" and "正常" in badge.inner_text()
    shot(page, JOURNEY, "5-list-green")

    measure.refresh_from_db()
    assert (measure.status, measure.progress) == (Measure.Status.IN_PROGRESS, 60)
    evidence = Evidence.objects.get(update__measure=measure)
    assert evidence.original_name == "学习现场.png" and evidence.content_type == "image/png"

    page.goto(measure.get_absolute_url())
    with page.expect_download() as download:
        page.click("#timeline .evidence-link")
    assert download.value.suggested_filename == "学习现场.png"
    assert Path(download.value.path()).read_bytes() == png_bytes()
    check_languages(page, JOURNEY, "#timeline h2", hant="進展記錄", en="Progress timeline")

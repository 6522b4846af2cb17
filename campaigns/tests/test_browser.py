"""A journey in a real browser: the office edits a measure; the department posts progress with a file."""

import pytest

from campaigns.models import Evidence, Measure

from .files import PNG


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_office_edits_measure_then_department_posts_progress_with_file(page, browser_login, measure_a):
    browser_login("office")
    page.goto(measure_a.pillar.get_absolute_url())
    page.click(f"#measure-{measure_a.pk} a[href$='/edit/']")
    page.fill("#id_title", "每月组织一次中心组集中学习")
    page.fill("#id_due", "2026-12-20")
    page.click("#measure-form button[type=submit]")
    page.wait_for_selector("#measure-title")
    assert "每月组织一次中心组集中学习" in page.inner_text("#measure-title")
    assert "每月组织一次中心组集中学习" in page.inner_text("#history")

    page.click("#user-menu")
    page.click("#logout-button")
    page.wait_for_url("**/accounts/login/**")

    browser_login("dept_a")
    page.goto(measure_a.get_absolute_url())
    page.click("#action-acknowledge")
    page.wait_for_selector("#action-progress")
    page.click("#action-progress")
    page.fill("#id_percent", "45")
    page.fill("#id_note", "已组织集中学习两次，形成学习记录。")
    page.set_input_files("#id_files", files=[{"name": "学习现场.png", "mimeType": "image/png", "buffer": PNG}])
    page.click("#progress-form button[type=submit]")
    page.wait_for_selector(".progress-update")
    assert "已组织集中学习两次" in page.inner_text("#timeline")
    link = page.locator(".evidence-link").first
    assert "学习现场.png" in link.inner_text()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "学习现场.png"

    measure = Measure.objects.get(pk=measure_a.pk)
    assert (measure.status, measure.progress) == (Measure.Status.IN_PROGRESS, 45)
    assert Evidence.objects.get().update.author.username == "dept_a"

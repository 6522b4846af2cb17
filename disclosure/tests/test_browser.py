"""A real browser reads the public site anonymously and switches languages (CSP violations fail the test)."""

import pytest
from django.urls import reverse

from .test_public import public_urls


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_anonymous_browser_reads_the_public_site_and_switches_to_english(page, public):
    page.goto(reverse("disclosure:home"))
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.locator("#public-home").is_visible()
    page.click("#language-menu")
    page.click("#language-form button[data-language='en']")
    page.wait_for_selector("html[lang='en']")
    assert page.url.endswith(reverse("disclosure:home"))
    for language in ("en", "zh-hant"):
        if language == "zh-hant":
            page.click("#language-menu")
            page.click("#language-form button[data-language='zh-hant']")
            page.wait_for_selector("html[lang='zh-hant']")
        for url in public_urls(public):
            response = page.goto(url)
            assert response.status == 200, url
            assert page.locator("html").get_attribute("lang") == language
    page.goto(reverse("disclosure:commitment-list"))
    assert page.get_by_text("窗口辦事一次告知").first.is_visible()
    page.select_option("#filter-status", "done")
    page.wait_for_url("**status=done**")
    assert page.get_by_text("窗口辦事一次告知").count() == 0


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reader_pages_through_reception_spending_by_department(page, monkeypatch):
    from disclosure import selectors

    from .factories import ReceptionDisclosureFactory
    from .test_reception_totals import _departments_with_receptions

    monkeypatch.setattr(selectors, "RECEPTION_ROWS_PER_PAGE", 3)
    _departments_with_receptions(7)
    ReceptionDisclosureFactory(year=2025)
    page.goto(reverse("disclosure:reception-year", args=[2025]))
    assert page.locator("#reception-table tbody tr").count() == 3
    page.get_by_role("link", name="下一页").click()
    page.wait_for_url("**page=2")
    assert page.locator("#reception-table tbody tr").first.inner_text().startswith("站所03")
    assert page.inner_text("#total-count") == "7"

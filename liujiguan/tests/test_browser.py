"""The first journey in a real browser: log in as office staff, switch language, log out."""

import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_office_logs_in_switches_language_and_logs_out(page, browser_login):
    browser_login("office")
    assert page.locator("#role-home").get_attribute("data-role") == "office"
    assert "办公室工作台" in page.content()

    page.click("#language-menu")
    page.click("#language-form button[data-language='zh-hant']")
    page.wait_for_load_state()
    assert "辦公室工作臺" in page.content()

    page.click("#language-menu")
    page.click("#language-form button[data-language='en']")
    page.wait_for_load_state()
    assert "Office workbench" in page.content()
    assert page.locator("html").get_attribute("lang") == "en"

    page.goto("/organisation/")
    assert "Leading group and office" in page.content()

    page.click("#user-menu")
    page.click("#logout-button")
    page.wait_for_url("**/accounts/login/**")
    assert page.locator("#login-form").is_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_layout_works_on_a_phone(page, browser_login):
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login("dept_a")
    page.click(".navbar-toggler")
    page.wait_for_selector("#portal-nav.show")
    assert page.locator("#portal-nav a", has_text="组织").first.is_visible()

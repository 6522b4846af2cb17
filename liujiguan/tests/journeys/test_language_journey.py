"""Journey: every role switches the portal to each language; the page still fits a 1280-pixel laptop screen."""

import pytest

from .helpers import shot, switch_language


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", ["office", "leader", "dept_a"])
def test_home_page_fits_a_laptop_screen_in_every_language(page, browser_login, role):
    browser_login(role)
    for code in ("zh-hant", "en"):
        switch_language(page, code)
        width = page.evaluate("document.documentElement.scrollWidth")
        shot(page, "language", f"{role}-{code}")
        assert width <= 1280, f"{role} in {code}: the page is {width} px wide (the navbar overflows)"

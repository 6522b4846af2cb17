"""In a real browser: an outside rater votes on a phone-sized screen; the office reads the results with charts."""

import pytest
from django.urls import reverse

from .. import services
from ..models import Response
from .conftest import answers_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_outside_rater_votes_on_a_phone(page, open_round, org):
    [token] = services.links_issue(rater_group=open_round.outside, count=1)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reverse("evaluations:vote-link", args=[token]))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    inputs = page.locator("#ballot-form input[type=number]")
    assert inputs.count() == 4
    box = inputs.first.bounding_box()
    assert box["width"] >= 200 and box["x"] + box["width"] <= 390
    for i in range(inputs.count() - 1):
        inputs.nth(i).fill("86")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#ballot-form button[type=submit]")
    page.wait_for_selector("#ballot-errors")  # one score left empty: refused, nothing stored
    assert "Missing" in page.inner_text("#ballot-errors") or "未填写" in page.inner_text("#ballot-errors")
    assert Response.objects.count() == 0
    assert page.input_value("#ballot-form input[type=number] >> nth=0") == "86"
    inputs.nth(3).fill("92")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#ballot-form button[type=submit]")
    page.wait_for_selector("#ballot-thanks")
    assert Response.objects.count() == 4


def test_choice_ballot_buttons_fit_a_phone(page, choice_round):
    [token] = services.links_issue(rater_group=choice_round.outside, count=1)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reverse("evaluations:vote-link", args=[token]))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    labels = page.locator(".ballot-choices label")
    assert labels.count() == 8  # two departments × four answers
    for i in range(labels.count()):
        box = labels.nth(i).bounding_box()
        assert box["height"] >= 36 and box["x"] + box["width"] <= 390  # big enough to tap, inside the screen
    page.locator(".ballot-choices label", has_text="满意").first.click()
    page.locator(".ballot-choices").nth(1).locator("label").nth(3).click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#ballot-form button[type=submit]")
    page.wait_for_selector("#ballot-thanks")
    assert sorted(Response.objects.values_list("choice", flat=True)) == ["satisfied", "unknown"]


def test_office_reads_results_with_charts(page, browser_login, open_round, org):
    for _ in range(2):
        [token] = services.links_issue(rater_group=open_round.outside, count=1)
        services.ballot_submit(ballot=services.ballot_for_token(token), answers=answers_for(open_round, 83))
    services.round_close(round=open_round)
    browser_login("office")
    page.goto(reverse("evaluations:round-results", args=[open_round.pk]))
    page.wait_for_selector("#ranking")
    page.wait_for_function("document.querySelector('canvas.evaluation-chart').width > 0")
    assert page.locator("#ranking tbody tr").count() == 2
    page.goto(reverse("evaluations:department-result", args=[open_round.pk, org.dept_a.pk]))
    page.wait_for_function("document.querySelector('canvas.evaluation-chart').width > 0")
    assert "83" in page.inner_text("#score")


def test_office_reads_best_and_worst_then_searches_the_full_ranking(page, browser_login, org, settings):
    from .test_views import SEVEN, _ranked_round

    settings.EVALUATIONS_RESULTS_SHOWN = 2
    round = _ranked_round(org.campaign, SEVEN)
    browser_login("office")
    page.goto(reverse("evaluations:round-results", args=[round.pk]))
    page.wait_for_function("document.querySelector('canvas.evaluation-chart').width > 0")
    assert page.locator("#ranking tbody tr[data-department]").count() == 4
    assert page.locator("#ranking tr.ranking-gap").count() == 1
    page.screenshot(path=str(settings.BASE_DIR / "test-artifacts" / "results-best-and-worst.png"), full_page=True)
    page.click("#ranking-all-link")
    page.wait_for_selector("#ranking-search")
    assert page.locator("#ranking tbody tr[data-department]").count() == 7
    page.fill("#ranking-search input[name=q]", "丙")
    page.press("#ranking-search input[name=q]", "Enter")
    page.wait_for_url("**q=**")
    assert page.locator("#ranking tbody tr[data-department]").count() == 1
    assert page.inner_text("#ranking tbody tr[data-department] td") == "2"

"""Journey: an outside rater opens a one-time ballot link on a phone, votes, and cannot use the link again."""

from decimal import Decimal

import pytest
from django.urls import reverse

from evaluations import services
from evaluations.models import Ballot, Response, Round
from evaluations.tests.factories import CriterionFactory, RaterGroupFactory, RoundFactory

from .helpers import check_languages, shot

JOURNEY = "ballot"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_outside_rater_votes_on_a_phone_and_the_link_then_fails(page, org):
    round = RoundFactory(campaign=org.campaign, departments=[org.dept_a, org.dept_b], kind=Round.Kind.FOUR_GOOD)
    CriterionFactory(round=round, name="学习好", weight=Decimal("50"), order=1)
    CriterionFactory(round=round, name="服务好", weight=Decimal("50"), order=2)
    outside = RaterGroupFactory(round=round, name="群众代表", weight=Decimal("40"), ballots_issued=0)
    token, spare = services.links_issue(rater_group=outside, count=2)
    link = reverse("evaluations:vote-link", args=[token])

    page.set_viewport_size({"width": 390, "height": 844})
    response = page.goto(link)
    assert response.status == 200
    page.wait_for_selector("#ballot-form")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    inputs = page.locator("#ballot-form input[type=number]")
    assert inputs.count() == 4  # two departments × two criteria
    for i, score in enumerate(["92", "88", "85", "90"]):
        inputs.nth(i).fill(score)
    shot(page, JOURNEY, "1-filled")
    page.once("dialog", lambda dialog: dialog.accept())  # "Submit the ballot? It cannot be changed afterwards."
    page.click("#ballot-form button[type=submit]")
    page.wait_for_selector("#ballot-thanks")
    assert "谢谢" in page.inner_text("#ballot-thanks")
    shot(page, JOURNEY, "2-thanks")
    assert Response.objects.filter(round=round).count() == 4
    assert sorted(Response.objects.values_list("value", flat=True)) == [85, 88, 90, 92]
    assert Ballot.objects.get(token_hash=services.token_hash(token)).used_at is not None

    # The same link again: refused with 410 Gone. Chrome logs every 4xx document load as a console error
    # ("Failed to load resource: … 410"); that one expected error is checked and then cleared.
    response = page.goto(link)
    assert response.status == 410
    page.wait_for_selector("#ballot-refused")
    assert page.get_attribute("#ballot-refused", "data-code") == "used"
    assert "该评议票不能使用" in page.inner_text("#ballot-refused")
    assert page.locator("#ballot-form").count() == 0
    shot(page, JOURNEY, "3-reused-refused")
    assert page.console_errors and all("410" in error for error in page.console_errors), page.console_errors
    page.console_errors.clear()
    assert Response.objects.filter(round=round).count() == 4

    # Another rater's untouched link, in the other languages.
    page.goto(reverse("evaluations:vote-link", args=[spare]))
    page.wait_for_selector("#ballot-form")
    check_languages(page, JOURNEY, "#ballot-form button[type=submit]", hant="提交評議票", en="Submit ballot")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

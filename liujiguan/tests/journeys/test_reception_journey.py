"""Journey: a department records a reception that breaks two rules and sees the findings; the leader in charge
signs it off with a justification. A second reception passes the department's cap: it cannot be signed off until the
leader overrides the cap with a reason."""

from decimal import Decimal

import pytest

from reception.models import Justification, ReceptionRecord
from reception.tests.factories import BudgetFactory, PolicyFactory

from .helpers import check_languages, logout, shot

JOURNEY = "reception"


def _fill_record(page, *, unit, city, letter, activity, guests, day, meal_guests, cost, alcohol, guest_name):
    page.goto("/reception/records/new/")
    page.fill("#id_visiting_unit", unit)
    page.fill("#id_visiting_city", city)
    page.fill("#id_letter_reference", letter)
    page.fill("#id_activity", activity)
    page.fill("#id_guests", str(guests))
    page.fill("#id_start_date", day)
    page.fill("#id_end_date", day)
    page.fill("#id_meals-0-date", day)
    page.select_option("#id_meals-0-kind", "lunch")
    page.fill("#id_meals-0-venue", "机关食堂")
    page.fill("#id_meals-0-guests", str(meal_guests))
    page.fill("#id_meals-0-accompanying", "0")
    if alcohol:
        page.check("#id_meals-0-alcohol")
    page.fill("#id_meals-0-cost", cost)
    page.click("[data-add-row=guests]")
    page.fill("#id_guests-0-name", guest_name)
    page.fill("#id_guests-0-post", "副局长")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_rule_breaking_reception_signed_off_and_capped_reception_overridden(page, browser_login, org):
    PolicyFactory()  # host city 福州, lunch 35 yuan a head
    BudgetFactory(department=org.dept_a, year=2026, amount=Decimal("400.00"))

    browser_login("dept_a")
    _fill_record(
        page,
        unit="福州市鼓楼区商务局",
        city="福州",  # the bureau's own city
        letter="鼓商函〔2026〕7号",
        activity="招商工作座谈",
        guests=6,
        day="2026-06-03",
        meal_guests=6,
        cost="180.00",
        alcohol=True,  # at lunch
        guest_name="林志远",
    )
    shot(page, JOURNEY, "1-form")
    page.click("#save-record")
    page.wait_for_selector("#findings-card")
    assert page.locator('#findings-card [data-rule="same_city"]').count() == 1
    assert page.locator('#findings-card [data-rule="lunch_alcohol"]').count() == 1
    assert page.locator("#awaiting-leader").count() == 1  # the department cannot sign it off itself
    assert page.locator("#sign-off-button").count() == 0
    shot(page, JOURNEY, "2-findings")
    first = ReceptionRecord.objects.get(visiting_unit="福州市鼓楼区商务局")
    assert first.finding_count == 2 and not first.over_cap

    # A second reception the same year takes the department past its 400 yuan cap.
    _fill_record(
        page,
        unit="厦门市海洋发展局",
        city="厦门",
        letter="厦海函〔2026〕12号",
        activity="港区管理工作交流",
        guests=10,
        day="2026-06-10",
        meal_guests=10,
        cost="300.00",
        alcohol=False,
        guest_name="陈海明",
    )
    page.click("#save-record")
    page.wait_for_selector("#findings-card")
    second = ReceptionRecord.objects.get(visiting_unit="厦门市海洋发展局")
    assert second.over_cap and second.finding_count == 0
    assert page.locator("#sign-off-button").count() == 0  # refused by the cap
    assert page.locator("#override-form").count() == 0  # only the leader in charge may override
    assert "限额" in page.inner_text("main")
    shot(page, JOURNEY, "3-over-cap")
    logout(page)

    browser_login("leader")
    page.goto(first.get_absolute_url())
    page.fill("#id_justification", "市里统一安排的招商对接，已向纪检监察室报备，今后严格执行。")
    shot(page, JOURNEY, "4-leader-justifies")
    page.click("#sign-off-button")
    page.wait_for_selector("#justifications")
    assert "市里统一安排的招商对接" in page.inner_text("#justifications")
    assert page.locator("#sign-off-button").count() == 0
    first.refresh_from_db()
    assert first.is_signed_off and first.signed_off_by == org.users["leader"]
    shot(page, JOURNEY, "5-signed-off")

    page.goto(second.get_absolute_url())
    assert page.locator("#sign-off-button").count() == 0  # not even the leader, before the override
    page.fill("#override-form textarea[name=reason]", "省厅交办的港区协作任务，经领导小组同意超出年度限额。")
    page.click("#override-form button[type=submit]")
    page.wait_for_selector("#justifications")
    assert "省厅交办的港区协作任务" in page.inner_text("#justifications")
    assert page.locator("#override-form").count() == 0
    second.refresh_from_db()
    assert not second.over_cap
    override = Justification.objects.get(record=second, kind=Justification.Kind.CAP_OVERRIDE)
    assert override.by == org.users["leader"] and override.amount == Decimal("300.00")
    shot(page, JOURNEY, "6-overridden")
    logout(page)

    # Now the department signs off its own record without findings.
    browser_login("dept_a")
    page.goto(second.get_absolute_url())
    page.click("#sign-off-button")
    page.wait_for_selector("#sign-off-button", state="detached")
    second.refresh_from_db()
    assert second.is_signed_off and second.signed_off_by == org.users["dept_a"]
    shot(page, JOURNEY, "7-department-signs-off")

    check_languages(page, JOURNEY, "#justifications", hant="突破限額", en="Cap override")

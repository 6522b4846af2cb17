"""In a real browser: a department records a reception that breaks two rules and sees the findings; the leader in
charge signs it off with a written justification."""

import pytest

from reception.models import Justification, ReceptionRecord


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_department_records_rule_breaking_reception_and_leader_signs_off(page, browser_login, org, policy):
    browser_login("dept_a")
    page.goto("/reception/records/new/")
    page.fill("#id_visiting_unit", "福州市鼓楼区商务局")
    page.fill("#id_visiting_city", "福州")  # same city as the bureau
    page.fill("#id_letter_reference", "鼓商函〔2026〕7号")
    page.fill("#id_activity", "招商工作座谈")
    page.fill("#id_guests", "6")
    page.fill("#id_start_date", "2026-06-03")
    page.fill("#id_end_date", "2026-06-03")
    page.fill("#id_meals-0-date", "2026-06-03")
    page.select_option("#id_meals-0-kind", "lunch")
    page.fill("#id_meals-0-venue", "机关食堂")
    page.fill("#id_meals-0-guests", "6")
    page.fill("#id_meals-0-accompanying", "0")
    page.check("#id_meals-0-alcohol")  # alcohol at lunch
    page.fill("#id_meals-0-cost", "180.00")
    page.click("[data-add-row=guests]")
    page.fill("#id_guests-0-name", "林志远")
    page.fill("#id_guests-0-post", "副局长")
    page.click("#save-record")
    page.wait_for_selector("#findings-card")
    assert page.locator('[data-rule="same_city"]').count() == 1
    assert page.locator('[data-rule="lunch_alcohol"]').count() == 1
    assert page.locator("#awaiting-leader").count() == 1  # the department cannot sign it off
    record = ReceptionRecord.objects.get()
    assert record.finding_count == 2 and str(record.total_cost) == "180.00"

    page.click("#user-menu")
    page.click("#logout-button")
    browser_login("leader")
    page.goto(f"/reception/records/{record.pk}/")
    page.fill("#id_justification", "市里统一安排的招商对接，已向纪检监察室报备，今后严格执行。")
    page.click("#sign-off-button")
    page.wait_for_selector("#justifications")
    assert "市里统一安排的招商对接" in page.inner_text("#justifications")
    record.refresh_from_db()
    assert record.is_signed_off and record.signed_off_by == org.users["leader"]
    assert Justification.objects.get(record=record).by == org.users["leader"]

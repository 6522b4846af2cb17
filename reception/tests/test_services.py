"""Services: findings on save, totals, sign-off with justification, caps with row locking under concurrency."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction

from reception import selectors, services
from reception.models import Gift, Justification, Lodging, ReceptionRecord, ReceptionRequest, WelcomeEvent

from .factories import BudgetFactory, MealFactory, RecordFactory, RequestFactory


def _save(record, user):
    return services.record_save(record=record, user=user)


def test_request_without_letter_gets_a_finding_and_cannot_be_approved(org, policy):
    request = RequestFactory.build(host_department=org.dept_a, letter_reference="")
    services.request_save(request=request, user=org.users["dept_a"])
    assert list(request.findings.values_list("code", flat=True)) == ["official_letter"]
    with pytest.raises(ValidationError):
        services.request_decide(request=request, user=org.users["leader"], approve=True, comment="同意")
    request.refresh_from_db()
    assert request.status == ReceptionRequest.Status.SUBMITTED
    services.request_decide(request=request, user=org.users["leader"], approve=False, comment="请补公函")
    request.refresh_from_db()
    assert request.status == ReceptionRequest.Status.REJECTED and request.decided_by == org.users["leader"]


def test_same_city_request_is_flagged(org, policy):
    request = RequestFactory.build(host_department=org.dept_a, visiting_city="福州市")
    services.request_save(request=request, user=org.users["dept_a"])
    assert request.finding_count == 1 and request.findings.get().code == "same_city"


def test_only_the_leader_in_charge_decides(org, policy):
    request = services.request_save(request=RequestFactory.build(host_department=org.dept_b), user=org.users["office"])
    for key in ("leader", "office", "dept_b", "viewer"):  # the leader is in charge of A, not B
        with pytest.raises(PermissionDenied):
            services.request_decide(request=request, user=org.users[key], approve=True)
    own = services.request_save(request=RequestFactory.build(host_department=org.dept_a), user=org.users["dept_a"])
    services.request_decide(request=own, user=org.users["leader"], approve=True)
    own.refresh_from_db()
    assert own.status == ReceptionRequest.Status.APPROVED


def test_record_total_is_the_exact_sum_of_its_parts(org, policy):
    record = RecordFactory(host_department=org.dept_a, transport_cost=Decimal("120.10"), other_cost=Decimal("0.20"))
    MealFactory(record=record, cost=Decimal("33.33"))
    MealFactory(record=record, kind="dinner", cost=Decimal("66.67"))
    Lodging.objects.create(record=record, venue="港区宾馆", nights=1, rooms=1, cost=Decimal("299.99"))
    Gift.objects.create(record=record, description="纪念册", value=Decimal("0.01"))
    with transaction.atomic():
        services.record_refresh(record=record)
    record.refresh_from_db()
    assert isinstance(record.total_cost, Decimal)
    assert record.total_cost == Decimal("33.33") + Decimal("66.67") + Decimal("299.99") + Decimal("0.01") + Decimal(
        "120.10"
    ) + Decimal("0.20")


def test_report_and_disclosure_totals_equal_record_sums(org, policy):
    amounts = [Decimal("0.10"), Decimal("0.20"), Decimal("1234.57"), Decimal("99.99")]
    for index, amount in enumerate(amounts):
        department = org.dept_a if index % 2 else org.dept_b
        record = RecordFactory(host_department=department, other_cost=amount, guests=index + 1)
        with transaction.atomic():
            services.record_refresh(record=record)
    total = sum(amounts, Decimal("0"))
    disclosure = selectors.annual_disclosure(year=2026)
    assert disclosure["spend"] == total and disclosure["receptions"] == 4 and disclosure["guests"] == 10
    assert sum((row["spend"] for row in disclosure["by_department"]), Decimal("0")) == total
    assert set(disclosure["by_department"][0]) == {"department", "receptions", "guests", "spend"}
    yearly = list(selectors.summary(user=org.users["office"], year=2026, by_month=False))
    assert sum((row["spend"] for row in yearly), Decimal("0")) == total
    monthly = list(selectors.summary(user=org.users["office"], year=2026, by_month=True))
    assert sum((row["spend"] for row in monthly), Decimal("0")) == total
    usage = selectors.spend_against_caps(year=2026)
    assert usage == [] or sum((r.spend for r in usage if not r.is_bureau), Decimal("0")) == total
    assert selectors.summary_totals(user=org.users["office"], year=2026)["spend"] == total
    # a department sees only its own rows
    own = list(selectors.summary(user=org.users["dept_a"], year=2026, by_month=False))
    assert [row["host_department__name"] for row in own] == [org.dept_a.name]


def test_average_per_guest_is_computed_in_sql(org, policy):
    record = RecordFactory(host_department=org.dept_a, guests=3, other_cost=Decimal("100.00"))
    with transaction.atomic():
        services.record_refresh(record=record)
    row = selectors.summary(user=org.users["office"], year=2026, by_month=False).get()
    assert row["per_guest"] == Decimal("33.33")


def test_findings_recomputed_on_every_save(org, policy):
    record = RecordFactory(host_department=org.dept_a, letter_reference="")
    _save(record, org.users["dept_a"])
    assert record.finding_count == 1
    record.letter_reference = "泉港函〔2026〕9号"
    _save(record, org.users["dept_a"])
    assert record.finding_count == 0 and not record.findings.exists()


def test_record_breaking_rules_needs_leader_justification_to_sign_off(org, policy):
    record = RecordFactory(host_department=org.dept_a)
    MealFactory(record=record, kind="lunch", alcohol=True, guests=10, accompanying=4, cost=Decimal("300"))
    WelcomeEvent.objects.create(record=record, kind="welcome", place_kind="airport", place="长乐机场")
    _save(record, org.users["dept_a"])
    assert {"lunch_alcohol", "accompanying_limit", "welcome_at_station"} <= set(
        record.findings.values_list("code", flat=True)
    )
    with pytest.raises(PermissionDenied):
        services.record_sign_off(record=record, user=org.users["dept_a"], justification="已说明")
    with pytest.raises(PermissionDenied):
        services.record_sign_off(record=record, user=org.users["office"], justification="已说明")
    with pytest.raises(ValidationError):
        services.record_sign_off(record=record, user=org.users["leader"], justification="  ")
    services.record_sign_off(record=record, user=org.users["leader"], justification="上级部署的专项检查，情况特殊")
    record.refresh_from_db()
    assert record.is_signed_off and record.signed_off_by == org.users["leader"]
    kept = Justification.objects.get(record=record)
    assert kept.kind == Justification.Kind.FINDINGS and kept.by == org.users["leader"] and kept.at
    assert {item["code"] for item in kept.findings_snapshot} >= {"lunch_alcohol"}
    with pytest.raises(ValidationError):
        _save(record, org.users["dept_a"])  # signed off: no more changes


def test_clean_record_is_signed_off_by_the_department(org, policy):
    record = RecordFactory(host_department=org.dept_a)
    MealFactory(record=record)
    _save(record, org.users["dept_a"])
    assert record.finding_count == 0
    with pytest.raises(PermissionDenied):
        services.record_sign_off(record=record, user=org.users["dept_b"])
    services.record_sign_off(record=record, user=org.users["dept_a"])
    assert not Justification.objects.exists()


def test_cap_warnings_and_override(org, policy):
    BudgetFactory(department=org.dept_a, amount=Decimal("1000.00"))
    BudgetFactory(department=None, amount=Decimal("5000.00"))
    first = RecordFactory(host_department=org.dept_a, other_cost=Decimal("800.00"))
    checks = _save(first, org.users["dept_a"])
    levels = {str(c.budget.department_id): c.level for c in checks}
    assert levels == {str(org.dept_a.pk): "warning", "None": "ok"}
    assert not first.over_cap
    second = RecordFactory(host_department=org.dept_a, other_cost=Decimal("200.00"))
    checks = _save(second, org.users["dept_a"])
    assert {c.level for c in checks if c.budget.department_id} == {"alert"} and not second.over_cap  # exactly 100%
    third = RecordFactory(host_department=org.dept_a, other_cost=Decimal("0.01"))
    _save(third, org.users["dept_a"])
    assert third.over_cap
    with pytest.raises(ValidationError):
        services.record_sign_off(record=third, user=org.users["leader"], justification="x")
    for key in ("dept_a", "office", "viewer"):
        with pytest.raises(PermissionDenied):
            services.record_cap_override(record=third, user=org.users[key], reason="急需")
    with pytest.raises(ValidationError):
        services.record_cap_override(record=third, user=org.users["leader"], reason=" ")
    services.record_cap_override(record=third, user=org.users["leader"], reason="省厅检查组临时来访")
    third.refresh_from_db()
    assert not third.over_cap
    override = third.justifications.get(kind=Justification.Kind.CAP_OVERRIDE)
    assert override.amount == Decimal("0.01") and override.by == org.users["leader"]
    # growing the record beyond what the override covers needs a new override
    third.other_cost = Decimal("50.00")
    _save(third, org.users["dept_a"])
    assert third.over_cap


def test_bureau_cap_counts_every_department(org, policy):
    BudgetFactory(department=None, amount=Decimal("1000.00"))
    _save(RecordFactory(host_department=org.dept_b, other_cost=Decimal("900.00")), org.users["dept_b"])
    record = RecordFactory(host_department=org.dept_a, other_cost=Decimal("200.00"))
    _save(record, org.users["dept_a"])
    assert record.over_cap


@pytest.mark.django_db(transaction=True)
def test_two_records_saved_at_the_same_moment_cannot_both_slip_under_the_cap(org, policy):
    """Two real transactions on two connections: both records are written, both reach the cap check together;
    the budget row lock makes the second see the first, so exactly one is over the cap."""
    assert connection.vendor == "postgresql"
    BudgetFactory(department=org.dept_a, amount=Decimal("1000.00"))
    barrier = threading.Barrier(2, timeout=30)
    results, errors = {}, []

    def save(name):
        from django.db import connections

        try:
            with transaction.atomic():
                record = RecordFactory(host_department=org.dept_a, visiting_unit=name, other_cost=Decimal("600.00"))
                barrier.wait()  # both records exist (uncommitted) before either checks the cap
                services.record_refresh(record=record)
            results[name] = ReceptionRecord.objects.get(pk=record.pk).over_cap
        except Exception as error:  # surfaced in the main thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(name,)) for name in ("甲单位", "乙单位")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    assert sorted(results.values()) == [False, True]
    spend = selectors.spend_against_caps(year=2026, department=org.dept_a)[0]
    assert spend.spend == Decimal("1200.00") and spend.level == "over"


def test_meal_standard_and_designated_venue_findings_on_a_record(org, policy):
    record = RecordFactory(host_department=org.dept_a, start_date=date(2026, 7, 1), end_date=date(2026, 7, 1))
    MealFactory(record=record, venue="海景大酒店", guests=4, cost=Decimal("400.00"))
    _save(record, org.users["dept_a"])
    assert set(record.findings.values_list("code", flat=True)) == {"designated_venue", "meal_standard"}
    detail = record.findings.get(code="meal_standard").detail_display
    assert "100.00" in detail and "35.00" in detail


def test_policy_versions_apply_by_date(org, policy):
    from .factories import PolicyFactory

    PolicyFactory(effective_from=date(2026, 9, 1), dinner_alcohol_allowed=True, venues=["机关食堂"])
    early = RecordFactory(host_department=org.dept_a, start_date=date(2026, 8, 1), end_date=date(2026, 8, 1))
    MealFactory(record=early, kind="dinner", alcohol=True)
    late = RecordFactory(host_department=org.dept_a, start_date=date(2026, 9, 2), end_date=date(2026, 9, 2))
    MealFactory(record=late, kind="dinner", alcohol=True)
    _save(early, org.users["dept_a"])
    _save(late, org.users["dept_a"])
    assert "dinner_alcohol" in set(early.findings.values_list("code", flat=True))
    assert "dinner_alcohol" not in set(late.findings.values_list("code", flat=True))

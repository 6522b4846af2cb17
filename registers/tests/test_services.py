"""Services: caps kept current as records move, trips re-checked when the calendar changes, the coordination
workflow with hand-offs (推诿扯皮) and escalation to the leader in charge."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from notifications.models import Notification
from registers import rules, selectors, services
from registers.models import CoordinationTarget, Escalation, Holiday, Meeting, PublicIssue, RegisterPolicy

from .factories import (
    CoordinationRequestFactory,
    MeetingFactory,
    PublicIssueFactory,
    TripFactory,
    VehicleFactory,
    local,
)


def test_monthly_meeting_cap_follows_the_records(org):
    a = org.dept_a
    meetings = [
        services.record_save(instance=MeetingFactory.build(department=a, date=datetime.date(2026, 3, d)))
        for d in (2, 3, 4, 5, 6)
    ]
    assert [m.cap_warnings for m in Meeting.objects.filter(department=a).order_by("date")] == [[], [], [], [], [
        rules.OVER_MONTHLY_MEETINGS]]  # fmt: skip
    # Moving one meeting to April brings March back to the cap: no warning is left.
    moved = meetings[1]
    moved.date = datetime.date(2026, 4, 1)
    services.record_save(instance=moved)
    assert not Meeting.objects.filter(department=a).exclude(cap_warnings=[]).exists()
    # A stricter policy from March applies at once to the records already kept.
    services.policy_save(policy=RegisterPolicy(effective_from=datetime.date(2026, 3, 1), meetings_per_month=3))
    assert Meeting.objects.filter(department=a).exclude(cap_warnings=[]).count() == 1


def test_deleting_a_meeting_rechecks_its_month(org):
    a = org.dept_a
    for d in (2, 3, 4, 5, 6):
        services.record_save(instance=MeetingFactory.build(department=a, date=datetime.date(2026, 3, d)))
    services.record_delete(instance=Meeting.objects.filter(department=a).order_by("date").first())
    assert not Meeting.objects.filter(department=a).exclude(cap_warnings=[]).exists()


def test_trip_flag_changes_when_the_office_adds_a_holiday(org):
    car = VehicleFactory(department=org.dept_a)
    trip = services.record_save(
        instance=TripFactory.build(vehicle=car, driver=org.people["dept_a"], start=local(2026, 4, 6, 9, 0))
    )
    assert not trip.is_flagged
    holiday = services.holiday_save(holiday=Holiday(date=datetime.date(2026, 4, 6), name="清明节"))
    trip.refresh_from_db()
    assert trip.is_flagged and trip.off_hours == [rules.HOLIDAY]
    services.holiday_delete(holiday=holiday)
    trip.refresh_from_db()
    assert not trip.is_flagged


def test_trip_takes_its_department_from_the_vehicle_and_approval_clears_the_flag(org):
    car = VehicleFactory(department=org.dept_b)
    trip = TripFactory.build(vehicle=car, department=None, driver=org.people["dept_b"], start=local(2026, 3, 14, 9))
    services.record_save(instance=trip)
    assert trip.department_id == org.dept_b.pk and trip.is_flagged
    trip.approval_number = "用车2026-009"
    services.record_save(instance=trip)
    assert not trip.is_flagged and trip.off_hours == [rules.WEEKEND]


def test_issue_resolution_rules(org):
    issue = PublicIssueFactory(department=org.dept_a)
    with pytest.raises(ValidationError):
        services.issue_resolve(issue=issue, resolved=datetime.date(2026, 2, 1), resolution="x")
    services.issue_resolve(issue=issue, resolved=datetime.date(2026, 3, 18), resolution="已处理")
    issue.refresh_from_db()
    assert issue.status == PublicIssue.Status.RESOLVED
    with pytest.raises(ValidationError):
        services.issue_resolve(issue=issue, resolved=datetime.date(2026, 3, 19), resolution="again")


def test_coordination_answer_and_decline_needs_a_reason(org, dept_c):
    request = services.coordination_create(
        request=CoordinationRequestFactory.build(department=org.dept_a, deadline=datetime.date(2030, 1, 1)),
        departments=[org.dept_a, org.dept_b, dept_c],
    )
    targets = {t.department_id: t for t in request.targets.all()}
    assert set(targets) == {org.dept_b.pk, dept_c.pk}  # the asking department is not asked
    with pytest.raises(ValidationError):
        services.coordination_answer(target=targets[org.dept_b.pk], accept=False, reason=" ")
    services.coordination_answer(
        target=targets[org.dept_b.pk], accept=False, reason="不属于本科职责", user=org.users["dept_b"]
    )
    services.coordination_answer(target=targets[dept_c.pk], accept=True)
    with pytest.raises(ValidationError):
        services.coordination_answer(target=targets[dept_c.pk], accept=True)
    statuses = dict(request.targets.values_list("department_id", "status"))
    assert statuses == {org.dept_b.pk: "declined", dept_c.pk: "accepted"}


def test_passing_on_keeps_the_chain_visible_as_bounced(org, dept_c):
    request = services.coordination_create(
        request=CoordinationRequestFactory.build(department=org.dept_a, deadline=datetime.date(2030, 1, 1)),
        departments=[org.dept_b],
    )
    first = request.targets.get()
    with pytest.raises(ValidationError):
        services.coordination_pass_on(target=first, department=dept_c, reason="")
    second = services.coordination_pass_on(target=first, department=dept_c, reason="属规划建设科职责")
    third = services.coordination_pass_on(target=second, department=org.dept_b, reason="应由第一管理队办理")
    chains = selectors.coordination_chains(request=request)
    assert [[t.department_id for t in chain] for chain in chains] == [[org.dept_b.pk, dept_c.pk, org.dept_b.pk]]
    assert [t.status for t in chains[0]] == ["passed_on", "passed_on", "pending"]
    assert selectors.target_chain(third)[0].pk == first.pk
    listed = selectors.coordination_list(user=org.users["office"]).get(pk=request.pk)
    assert listed.is_bounced and listed.is_pending


def test_unanswered_requests_escalate_once_to_the_leader_in_charge_with_a_notification(org):
    request = services.coordination_create(
        request=CoordinationRequestFactory.build(department=org.dept_b, deadline=datetime.date(2026, 3, 10)),
        departments=[org.dept_a],
    )
    # Not yet: the deadline day itself is still in time.
    assert services.coordination_escalate_overdue(today=datetime.date(2026, 3, 10)) == []
    escalations = services.coordination_escalate_overdue(today=datetime.date(2026, 3, 11))
    assert len(escalations) == 1
    escalation = escalations[0]
    assert escalation.leader == org.people["leader"]  # the fixture's leader is in charge of department A
    assert escalation.notified
    notification = Notification.objects.get(recipient=org.users["leader"])
    assert notification.kind == Notification.Kind.ESCALATION and request.matter in notification.title
    assert services.coordination_escalate_overdue(today=datetime.date(2026, 3, 12)) == []
    assert Escalation.objects.count() == 1
    # An answer after the escalation takes it off the leader's list.
    assert list(selectors.escalations_for_leader(person=org.people["leader"])) == [escalation]
    services.coordination_answer(target=escalation.target, accept=True)
    assert list(selectors.escalations_for_leader(person=org.people["leader"])) == []


def test_answered_requests_do_not_escalate(org):
    request = services.coordination_create(
        request=CoordinationRequestFactory.build(department=org.dept_b, deadline=datetime.date(2026, 3, 10)),
        departments=[org.dept_a],
    )
    services.coordination_answer(target=request.targets.get(), accept=True)
    assert services.coordination_escalate_overdue(today=datetime.date(2026, 4, 1)) == []
    assert CoordinationTarget.objects.get().status == "accepted"

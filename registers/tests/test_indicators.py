"""Each register's indicator against values worked out by hand, and the recompute that stores them as readings."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from campaigns.indicators import source_get
from campaigns.models import Indicator, IndicatorReading, Pillar
from dashboards.freshness import data_version_bump
from leadership.models import Person
from liujiguan.tests.factories import PersonFactory, PillarFactory
from registers import indicators, services
from registers.models import (
    Attendance,
    CoordinationTarget,
    Escalation,
    PublicIssue,
    ResearchReport,
    ServiceVisit,
)

from .factories import (
    CoordinationRequestFactory,
    DocumentFactory,
    MeetingFactory,
    PublicIssueFactory,
    ServiceCaseFactory,
    StudyActivityFactory,
    TripFactory,
    VehicleFactory,
    local,
)

MARCH = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def as_dict(results):
    return dict(results)


def test_every_source_is_registered_with_campaigns():
    for spec in indicators.SOURCES:
        assert source_get(spec.key) is not None, spec.key


def test_study_hours_per_cadre_and_attendance_rate(org):
    a, b = org.dept_a, org.dept_b
    # Department A: office + dept_a people from the fixture + 2 more = 4 active staff.
    # Department B: dept_b, viewer + 1 more = 3 active staff; one inactive person does not count.
    a1, a2 = PersonFactory(department=a), PersonFactory(department=a)
    b1 = PersonFactory(department=b)
    PersonFactory(department=b, is_active=False)
    assert Person.objects.filter(department=a, is_active=True).count() == 4
    assert Person.objects.filter(department=b, is_active=True).count() == 3
    lecture = StudyActivityFactory(department=a, hours=Decimal("3"), date=datetime.date(2026, 3, 5))
    school = StudyActivityFactory(department=b, hours=Decimal("8"), date=datetime.date(2026, 3, 20))
    april = StudyActivityFactory(department=a, hours=Decimal("5"), date=datetime.date(2026, 4, 2))
    present, excused, absent = Attendance.Status.PRESENT, Attendance.Status.EXCUSED, Attendance.Status.ABSENT
    for activity, person, status in [
        (lecture, a1, present),
        (lecture, a2, present),
        (lecture, org.people["dept_a"], absent),
        (lecture, b1, present),
        (school, a1, present),
        (school, org.people["dept_b"], excused),
        (school, b1, present),
        (april, a1, present),  # outside March
    ]:
        Attendance.objects.create(activity=activity, person=person, status=status)

    hours = as_dict(indicators.study_hours_per_cadre(None, *MARCH))
    # A: a1 3 + 8, a2 3 → 14 hours / 4 staff = 3.50; B: b1 3 + 8 → 11 / 3 = 3.67; all: 25 / 7 = 3.57
    assert hours[a.pk] == Decimal("3.50")
    assert hours[b.pk] == Decimal("3.67")
    assert hours[None] == Decimal("3.57")

    rate = as_dict(indicators.attendance_rate(None, *MARCH))
    # A: present 3 (a1 twice, a2), absent 1 → 75%; B: present 2, excused left out → 100%; all: 5 / 6 = 83.33%
    assert rate[a.pk] == Decimal("75.00")
    assert rate[b.pk] == Decimal("100.00")
    assert rate[None] == Decimal("83.33")


def test_research_reports_per_department_include_zero(org):
    for title, department, day in [
        ("调研一", org.dept_a, datetime.date(2026, 3, 3)),
        ("调研二", org.dept_a, datetime.date(2026, 3, 31)),
        ("调研三", org.dept_a, datetime.date(2026, 4, 1)),
    ]:
        ResearchReport.objects.create(title=title, department=department, submitted=day)
    counts = as_dict(indicators.research_reports(None, *MARCH))
    assert counts[org.dept_a.pk] == 2
    assert counts[org.dept_b.pk] == 0
    assert counts[None] == 2


def test_meetings_and_documents_against_caps(org):
    a = org.dept_a
    for day in [2, 5, 9, 12, 16]:  # five meetings in March: the fifth passes the monthly cap of four
        services.record_save(instance=MeetingFactory.build(department=a, date=datetime.date(2026, 3, day)))
    services.record_save(instance=MeetingFactory.build(department=org.dept_b, date=datetime.date(2026, 3, 3),
                                                       attendees=31))  # fmt: skip
    assert as_dict(indicators.meetings_held(None, *MARCH)) == {a.pk: 5, org.dept_b.pk: 1, None: 6}
    assert as_dict(indicators.meetings_over_cap(None, *MARCH)) == {a.pk: 1, org.dept_b.pk: 1, None: 2}

    for n in range(13):  # thirteen documents in the first quarter: the thirteenth passes the cap of twelve
        services.record_save(instance=DocumentFactory.build(department=a, issued=datetime.date(2026, 1, 5 + n)))
    quarter = (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert as_dict(indicators.documents_issued(None, *quarter))[a.pk] == 13
    assert as_dict(indicators.documents_over_cap(None, *quarter)) == {a.pk: 1, org.dept_b.pk: 0, None: 1}


def test_processing_days_and_on_time_rate(org):
    a, b = org.dept_a, org.dept_b
    for department, received, promised, completed in [
        (a, datetime.date(2026, 3, 2), 5, datetime.date(2026, 3, 4)),  # 2 days, on time
        (a, datetime.date(2026, 3, 2), 5, datetime.date(2026, 3, 7)),  # 5 days, on time (at the limit)
        (a, datetime.date(2026, 3, 2), 5, datetime.date(2026, 3, 10)),  # 8 days, late
        (b, datetime.date(2026, 2, 25), 3, datetime.date(2026, 3, 1)),  # 4 days, late
        (b, datetime.date(2026, 3, 20), 3, None),  # open: not counted
        (b, datetime.date(2026, 3, 28), 3, datetime.date(2026, 4, 1)),  # completed in April
    ]:
        services.record_save(
            instance=ServiceCaseFactory.build(
                department=department, received=received, promised_days=promised, completed=completed
            )
        )
    days = as_dict(indicators.processing_days(None, *MARCH))
    assert days == {a.pk: Decimal("5.00"), b.pk: Decimal("4.00"), None: Decimal("4.75")}  # (2+5+8)/3, 4, 19/4
    on_time = as_dict(indicators.cases_on_time(None, *MARCH))
    assert on_time == {a.pk: Decimal("66.67"), b.pk: Decimal("0.00"), None: Decimal("50.00")}


def test_public_issues_resolved_on_time_and_open(org):
    a, b = org.dept_a, org.dept_b
    resolved = PublicIssue.Status.RESOLVED
    PublicIssueFactory(
        department=a, deadline=datetime.date(2026, 3, 20), status=resolved, resolved=datetime.date(2026, 3, 20)
    )  # on the deadline: on time
    PublicIssueFactory(
        department=a, deadline=datetime.date(2026, 3, 10), status=resolved, resolved=datetime.date(2026, 3, 11)
    )  # a day late
    PublicIssueFactory(
        department=b, deadline=datetime.date(2026, 3, 30), status=resolved, resolved=datetime.date(2026, 4, 2)
    )  # resolved after March: open at the end of March
    PublicIssueFactory(department=b)  # still open
    PublicIssueFactory(department=b, received=datetime.date(2026, 4, 5), deadline=datetime.date(2026, 4, 30))
    # fmt: skip
    assert as_dict(indicators.issues_resolved_on_time(None, *MARCH)) == {a.pk: Decimal("50.00"), None: Decimal("50.00")}
    assert as_dict(indicators.issues_open(None, *MARCH)) == {a.pk: 0, b.pk: 2, None: 2}


def test_service_visits_counted(org):
    ServiceVisit.objects.create(department=org.dept_b, date=datetime.date(2026, 3, 8), place="后溪村", purpose="走访")
    assert as_dict(indicators.service_visits(None, *MARCH))[org.dept_b.pk] == 1


def test_flagged_trips(org):
    car = VehicleFactory(department=org.dept_a)
    for start, approval in [
        (local(2026, 3, 14, 9, 0), ""),  # Saturday, no approval: flagged
        (local(2026, 3, 14, 14, 0), "用车2026-001"),  # Saturday with approval: not flagged
        (local(2026, 3, 11, 22, 0), ""),  # Wednesday 22:00: flagged
        (local(2026, 3, 11, 9, 0), ""),  # Wednesday morning: fine
        (local(2026, 4, 4, 9, 0), ""),  # April: another period
    ]:
        services.record_save(instance=TripFactory.build(vehicle=car, start=start, approval_number=approval,
                                                        driver=org.people["dept_a"]))  # fmt: skip
    assert as_dict(indicators.flagged_trips(None, *MARCH)) == {org.dept_a.pk: 2, org.dept_b.pk: 0, None: 2}


def test_response_days_and_escalations(org, dept_c):
    request = CoordinationRequestFactory(department=org.dept_a, deadline=datetime.date(2026, 3, 10))
    sent = local(2026, 3, 2, 9, 0)
    for department, answered in [(org.dept_b, local(2026, 3, 3, 21, 0)), (dept_c, local(2026, 3, 6, 9, 0))]:
        target = CoordinationTarget.objects.create(request=request, department=department)
        CoordinationTarget.objects.filter(pk=target.pk).update(
            created=sent, status=CoordinationTarget.Status.ACCEPTED, answered_at=answered
        )
    silent = CoordinationTarget.objects.create(request=request, department=org.dept_a)
    # B answered after 1.5 days, C after 4 days: average 2.75
    assert as_dict(indicators.response_days(None, *MARCH)) == {
        org.dept_b.pk: Decimal("1.50"),
        dept_c.pk: Decimal("4.00"),
        None: Decimal("2.75"),
    }
    Escalation.objects.create(target=silent, department=org.dept_a)
    today = timezone.localdate()
    counts = as_dict(indicators.escalations(None, today.replace(day=1), today))
    assert counts[org.dept_a.pk] == 1 and counts[None] == 1


@pytest.mark.django_db
def test_recompute_stores_automatic_readings_for_each_period(org):
    pillar = PillarFactory(campaign=org.campaign, type=Pillar.Type.EFFICIENCY, name="效率型机关")
    indicator = Indicator.objects.create(
        pillar=pillar, name="会议次数", unit="次", target=4, frequency="monthly", source="registers.meetings"
    )
    MeetingFactory(department=org.dept_a, date=datetime.date(2026, 3, 5))
    MeetingFactory(department=org.dept_a, date=datetime.date(2026, 5, 5))
    services.indicators_recompute(sources=["registers.meetings"], today=datetime.date(2026, 6, 15))
    readings = IndicatorReading.objects.filter(indicator=indicator, department=org.dept_a, is_automatic=True)
    assert {(r.period_start.month, r.value) for r in readings} == {
        (1, 0),
        (2, 0),
        (3, 1),
        (4, 0),
        (5, 1),
        (6, 0),
    }
    assert (
        IndicatorReading.objects.get(indicator=indicator, department=None, period_start=datetime.date(2026, 3, 1)).value
        == 1
    )


def test_saving_a_record_recomputes_its_indicators_after_commit(org, eager_tasks, django_capture_on_commit_callbacks):
    pillar = PillarFactory(campaign=org.campaign, type=Pillar.Type.INTEGRITY, name="廉政型机关")
    indicator = Indicator.objects.create(
        pillar=pillar, name="违规用车", unit="次", target=0, direction="lower", source="registers.flagged_trips"
    )
    car = VehicleFactory(department=org.dept_b)
    today = timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time(23, 0)))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.record_save(instance=TripFactory.build(vehicle=car, start=start, driver=org.people["dept_b"]))
    # One recompute (the dashboards' cache renewal after the readings are saved is not the register's).
    assert len([c for c in callbacks if c is not data_version_bump]) == 1
    reading = IndicatorReading.objects.get(
        indicator=indicator, department=org.dept_b, period_start=today.replace(day=1)
    )
    assert reading.value == 1 and reading.is_automatic


def test_recompute_since_a_day_leaves_earlier_periods_alone(org):
    pillar = PillarFactory(campaign=org.campaign, type=Pillar.Type.EFFICIENCY, name="效率型机关")
    indicator = Indicator.objects.create(
        pillar=pillar, name="会议次数", unit="次", target=4, frequency="monthly", source="registers.meetings"
    )
    MeetingFactory(department=org.dept_a, date=datetime.date(2026, 3, 5))
    MeetingFactory(department=org.dept_a, date=datetime.date(2026, 5, 5))
    services.indicators_recompute(
        sources=["registers.meetings"], since=datetime.date(2026, 5, 1), today=datetime.date(2026, 6, 15)
    )
    months = set(
        IndicatorReading.objects.filter(indicator=indicator, department=None).values_list(
            "period_start__month", flat=True
        )
    )
    assert months == {5, 6}

"""Pages: the permission matrix (role × action × own/other department), list visibility, forms, workflows,
and list pages whose query count does not grow with the rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registers import services
from registers.models import (
    Attendance,
    CoordinationTarget,
    Meeting,
    PublicIssue,
    RegisterPolicy,
    ServiceVisit,
    Trip,
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

ROLES = ["admin", "office", "leader", "dept_a", "dept_b", "viewer"]
REGISTER_KEYS = ["study", "reports", "meetings", "documents", "cases", "issues", "visits", "vehicles", "trips"]


def status_of(client, method, url, data=None):
    return (client.post(url, data or {}) if method == "post" else client.get(url)).status_code


@pytest.fixture
def records(org):
    """One record of each register owned by department A."""
    car = VehicleFactory(department=org.dept_a)
    return {
        "study": StudyActivityFactory(department=org.dept_a),
        "meetings": MeetingFactory(department=org.dept_a),
        "documents": DocumentFactory(department=org.dept_a),
        "cases": ServiceCaseFactory(department=org.dept_a),
        "issues": PublicIssueFactory(department=org.dept_a),
        "visits": ServiceVisit.objects.create(
            department=org.dept_a, date=datetime.date(2026, 3, 3), place="后溪村", purpose="走访"
        ),
        "vehicles": car,
        "trips": TripFactory(vehicle=car, driver=org.people["dept_a"]),
    }


def test_anonymous_is_sent_to_login(client, org):
    for url in [reverse("registers:index"), reverse("registers:record-list", args=["meetings"])]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_the_index_and_lists(client_as, role, records):
    client = client_as(role)
    assert client.get(reverse("registers:index")).status_code == 200
    for key in REGISTER_KEYS:
        assert client.get(reverse("registers:record-list", args=[key])).status_code == 200, key
    assert client.get(reverse("registers:coordination-list")).status_code == 200
    assert client.get(reverse("registers:settings")).status_code == 200


@pytest.mark.parametrize(
    "role, may_enter",
    [("admin", True), ("office", True), ("leader", False), ("dept_a", True), ("dept_b", True), ("viewer", False)],
)
def test_who_may_open_entry_and_import_pages(client_as, role, may_enter):
    client = client_as(role)
    expected = 200 if may_enter else 403
    for key in REGISTER_KEYS:
        assert client.get(reverse("registers:record-create", args=[key])).status_code == expected, key
        assert client.get(reverse("registers:record-import", args=[key])).status_code == expected, key
    assert client.get(reverse("registers:coordination-create")).status_code == expected


@pytest.mark.parametrize(
    "role, own",
    [("admin", True), ("office", True), ("leader", False), ("dept_a", True), ("dept_b", False), ("viewer", False)],
)
def test_edit_and_delete_of_department_a_records(client_as, records, role, own):
    client = client_as(role)
    expected = 200 if own else 403
    for key, record in records.items():
        assert status_of(client, "get", reverse("registers:record-update", args=[key, record.pk])) == expected, key
    meeting = records["meetings"]
    status = status_of(client, "post", reverse("registers:record-delete", args=["meetings", meeting.pk]))
    assert status == (302 if own else 403)
    assert Meeting.objects.filter(pk=meeting.pk).exists() is not own


@pytest.mark.parametrize(
    "role, can_view",
    [("admin", True), ("office", True), ("leader", True), ("dept_a", True), ("dept_b", False), ("viewer", True)],
)
def test_detail_pages_of_department_a(client_as, records, role, can_view):
    client = client_as(role)
    expected = 200 if can_view else 403
    assert client.get(reverse("registers:study-detail", args=[records["study"].pk])).status_code == expected
    assert client.get(reverse("registers:issue-detail", args=[records["issues"].pk])).status_code == expected


def test_department_lists_show_only_their_own_records(client_as, org, records):
    MeetingFactory(department=org.dept_b, title="第一管理队周例会")
    body = client_as("dept_b").get(reverse("registers:record-list", args=["meetings"])).content.decode()
    assert "第一管理队周例会" in body and records["meetings"].title not in body
    body = client_as("office").get(reverse("registers:record-list", args=["meetings"])).content.decode()
    assert "第一管理队周例会" in body and records["meetings"].title in body


def test_department_contact_cannot_record_for_another_department(client_as, org):
    client = client_as("dept_b")
    data = {"department": org.dept_a.pk, "kind": "working", "date": "2026-03-05", "title": "越权会议",
            "attendees": 10, "duration_minutes": 60}  # fmt: skip
    response = client.post(reverse("registers:record-create", args=["meetings"]), data)
    assert response.status_code == 200 and not Meeting.objects.exists()
    data["department"] = org.dept_b.pk
    response = client.post(reverse("registers:record-create", args=["meetings"]), data)
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.department == org.dept_b and meeting.created_by == org.users["dept_b"]


def test_department_contact_cannot_move_own_record_to_another_department(client_as, org, records):
    meeting = records["meetings"]
    client = client_as("dept_a")
    data = {"department": org.dept_b.pk, "kind": "working", "date": "2026-03-05", "title": meeting.title,
            "attendees": 10, "duration_minutes": 60}  # fmt: skip
    client.post(reverse("registers:record-update", args=["meetings", meeting.pk]), data)
    meeting.refresh_from_db()
    assert meeting.department == org.dept_a


def test_meeting_over_the_cap_saves_with_a_warning(client_as, org):
    client = client_as("dept_a")
    data = {"department": org.dept_a.pk, "kind": "working", "date": "2026-03-05", "title": "扩大会议",
            "attendees": 31, "duration_minutes": 90}  # fmt: skip
    response = client.post(reverse("registers:record-create", args=["meetings"]), data, follow=True)
    assert Meeting.objects.get().cap_warnings == ["over_attendees"]
    assert any(m.level_tag == "warning" for m in response.context["messages"])


def test_flagged_trip_warns_and_office_records_its_check(client_as, org):
    car = VehicleFactory(department=org.dept_a)
    client = client_as("dept_a")
    data = {
        "department": org.dept_a.pk,
        "vehicle": car.pk,
        "driver": org.people["dept_a"].pk,
        "purpose": "周末送文件",
        "start": "2026-03-14T09:00",
        "end": "2026-03-14T11:00",
        "distance_km": "12",
    }
    # fmt: skip
    response = client.post(reverse("registers:record-create", args=["trips"]), data, follow=True)
    trip = Trip.objects.get()
    assert trip.is_flagged
    assert any(m.level_tag == "warning" for m in response.context["messages"])
    review = reverse("registers:trip-review", args=[trip.pk])
    assert client.post(review, {"review_note": "自己查自己"}).status_code == 403
    assert client_as("office").post(review, {"review_note": "经核实为防汛应急，补办审批"}).status_code == 302
    trip.refresh_from_db()
    assert trip.reviewed_at and trip.review_note.startswith("经核实")


@pytest.mark.parametrize("role, may", [("admin", True), ("office", True), ("leader", False), ("dept_a", False),
                                       ("viewer", False)])  # fmt: skip
def test_only_the_office_edits_caps_and_holidays(client_as, role, may):
    client = client_as(role)
    response = client.post(
        reverse("registers:policy-create"),
        {"effective_from": "2026-01-01", "meetings_per_month": 3, "attendees_per_meeting": 20,
         "minutes_per_meeting": 60, "documents_per_quarter": 10, "night_start": "22:00", "night_end": "06:00"},
    )  # fmt: skip
    assert response.status_code == (302 if may else 403)
    assert RegisterPolicy.objects.exists() is may
    response = client.post(
        reverse("registers:holiday-create"), {"date": "2026-10-01", "name": "国庆节", "kind": "holiday"}
    )
    assert response.status_code == (302 if may else 403)


def test_attendance_is_kept_by_the_organising_department(client_as, org, records):
    activity = records["study"]
    url = reverse("registers:study-detail", args=[activity.pk])
    assert client_as("dept_b").post(url, {"add_department": org.dept_b.pk}).status_code == 403
    client = client_as("dept_a")
    assert client.post(url, {"add_department": org.dept_a.pk}).status_code == 302
    assert Attendance.objects.filter(activity=activity).count() == 2  # office and dept_a people of department A
    person = org.people["dept_a"]
    client.post(url, {f"status_{person.pk}": "absent", f"status_{org.people['office'].pk}": "remove"})
    assert list(Attendance.objects.filter(activity=activity).values_list("person", "status")) == [(person.pk, "absent")]


def test_issue_is_followed_to_resolution(client_as, org, records):
    issue = records["issues"]
    url = reverse("registers:issue-detail", args=[issue.pk])
    assert client_as("dept_b").post(url, {"action": "progress", "status": "in_progress"}).status_code == 403
    client = client_as("dept_a")
    client.post(url, {"action": "progress", "status": "in_progress"})
    issue.refresh_from_db()
    assert issue.status == PublicIssue.Status.IN_PROGRESS
    client.post(url, {"action": "resolve", "resolved": "2026-03-18", "resolution": "已协调解决"})
    issue.refresh_from_db()
    assert issue.status == PublicIssue.Status.RESOLVED and issue.resolved == datetime.date(2026, 3, 18)


def test_coordination_matrix(client_as, org, dept_c):
    request = services.coordination_create(
        request=CoordinationRequestFactory.build(department=org.dept_b, deadline=datetime.date(2030, 1, 1)),
        departments=[org.dept_a],
    )
    target = request.targets.get()
    detail = reverse("registers:coordination-detail", args=[request.pk])
    answer = reverse("registers:coordination-answer", args=[target.pk])
    for role, can_view in [("admin", True), ("office", True), ("leader", True), ("dept_a", True), ("dept_b", True),
                           ("viewer", True)]:  # fmt: skip
        assert client_as(role).get(detail).status_code == (200 if can_view else 403), role
    # The asking department and the read-only roles cannot answer for the asked one.
    for role in ["dept_b", "leader", "viewer"]:
        assert client_as(role).post(answer, {"answer": "accept"}).status_code == 403, role
    # The asked department passes it on; the chain shows as bounced.
    response = client_as("dept_a").post(answer, {"answer": "pass_on", "department": dept_c.pk, "reason": "不归我管"})
    assert response.status_code == 302
    body = client_as("office").get(detail).content.decode()
    assert 'id="bounced-warning"' in body and dept_c.name in body
    listing = client_as("office").get(reverse("registers:coordination-list"), {"bounced": "true"}).content.decode()
    assert request.matter in listing
    assert CoordinationTarget.objects.filter(status="pending", department=dept_c).exists()


def test_coordination_of_other_departments_is_hidden_from_a_department(client_as, org, dept_c):
    request = CoordinationRequestFactory(department=dept_c, deadline=datetime.date(2030, 1, 1))
    CoordinationTarget.objects.create(request=request, department=org.dept_a)
    assert client_as("dept_b").get(reverse("registers:coordination-detail", args=[request.pk])).status_code == 403
    body = client_as("dept_b").get(reverse("registers:coordination-list")).content.decode()
    assert request.matter not in body
    body = client_as("dept_a").get(reverse("registers:coordination-list")).content.decode()
    assert request.matter in body


def test_department_home_shows_open_issues_and_requests(client_as, org, records):
    request = services.coordination_create(
        request=CoordinationRequestFactory.build(department=org.dept_b, deadline=datetime.date(2030, 1, 1)),
        departments=[org.dept_a],
    )
    body = client_as("dept_a").get(reverse("home")).content.decode()
    assert 'id="registers-panel"' in body
    assert records["issues"].title in body and request.matter in body
    body = client_as("dept_b").get(reverse("home")).content.decode()
    assert records["issues"].title not in body


def test_registers_menu_link(client_as):
    body = client_as("viewer").get(reverse("home")).content.decode()
    assert reverse("registers:index") in body


def _fill(org, n, offset=0):
    car = VehicleFactory(department=org.dept_a)
    for i in range(offset, offset + n):
        department = org.dept_a if i % 2 else org.dept_b
        activity = StudyActivityFactory(department=department)
        Attendance.objects.create(activity=activity, person=org.people["dept_a"])
        MeetingFactory(department=department)
        DocumentFactory(department=department)
        ServiceCaseFactory(department=department)
        PublicIssueFactory(department=department)
        visit = ServiceVisit.objects.create(department=department, date=datetime.date(2026, 3, 1 + i), place=f"村{i}",
                                            purpose="走访")  # fmt: skip
        visit.participants.add(org.people["dept_a"])
        TripFactory(vehicle=car, driver=org.people["dept_a"], start=local(2026, 3, 2, 9) + datetime.timedelta(hours=i))
        request = CoordinationRequestFactory(department=department)
        CoordinationTarget.objects.create(request=request, department=org.dept_b if i % 2 else org.dept_a)


@pytest.mark.parametrize("role", ["office", "dept_a"])
def test_list_pages_query_count_does_not_grow_with_rows(client_as, org, role):
    client = client_as(role)
    urls = [reverse("registers:record-list", args=[key]) for key in REGISTER_KEYS]
    urls += [reverse("registers:coordination-list"), reverse("registers:index"), reverse("home")]
    _fill(org, 2)
    for url in urls:
        client.get(url)
    small = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        small[url] = len(queries)
    _fill(org, 8, offset=2)
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        assert len(queries) == small[url], url


def test_leader_home_lists_escalations_addressed_to_them(client_as, org):
    request = services.coordination_create(
        request=CoordinationRequestFactory.build(department=org.dept_b, deadline=datetime.date(2026, 1, 5)),
        departments=[org.dept_a],
    )
    services.coordination_escalate_overdue(today=datetime.date(2026, 1, 6))
    body = client_as("leader").get(reverse("home")).content.decode()
    assert 'id="registers-escalations"' in body and request.matter in body
    detail = client_as("leader").get(reverse("registers:coordination-detail", args=[request.pk])).content.decode()
    assert "escalated" in detail


def test_department_export_contains_only_own_rows(client_as, org):
    ServiceCaseFactory(department=org.dept_a, reference="A-1")
    ServiceCaseFactory(department=org.dept_b, reference="B-1")
    content = client_as("dept_b").get(reverse("registers:record-export", args=["cases"]), {"format": "csv"}).content
    text = content.decode("utf-8-sig")
    assert "B-1" in text and "A-1" not in text


def test_index_lists_the_indicators_fed_by_the_registers(client_as, org):
    from campaigns.models import Indicator, Pillar
    from liujiguan.tests.factories import PillarFactory

    pillar = PillarFactory(campaign=org.campaign, type=Pillar.Type.HARMONY, name="和谐型机关")
    Indicator.objects.create(pillar=pillar, name="协调答复天数", target=3, source="registers.response_days")
    body = client_as("viewer").get(reverse("registers:index")).content.decode()
    assert "协调答复天数" in body

"""The audit trail: what goes on record, who reads it, and that nobody edits it from the UI."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from audit.models import AuditEvent
from campaigns import services as campaign_services
from campaigns.models import Measure
from campaigns.tests.factories import MeasureFactory
from disclosure import services as disclosure_services
from disclosure.tests.factories import NewsItemFactory
from evaluations.models import Round
from evaluations.tests.factories import CriterionFactory, RaterGroupFactory, RoundFactory
from leadership.models import Charge
from liujiguan.roles import user_role_set
from liujiguan.tests.factories import ChargeFactory, DepartmentFactory, PillarFactory
from reception import services as reception_services
from reception.tests.factories import BudgetFactory, MealFactory, PolicyFactory, RecordFactory, RequestFactory

A = AuditEvent.Action


def events(action, **filters):
    return AuditEvent.objects.filter(action=action, **filters)


# --- logins and permission changes ------------------------------------------------------------------------------


def test_login_failed_login_and_logout_are_recorded_with_the_address(client, org):
    client.post(reverse("login"), {"username": "dept_a", "password": "wrong"}, REMOTE_ADDR="10.1.2.3")
    failed = events(A.LOGIN_FAILED).get()
    assert failed.detail == {"username": "dept_a"} and failed.ip_address == "10.1.2.3" and failed.actor is None
    client.post(reverse("login"), {"username": "dept_a", "password": org.password}, REMOTE_ADDR="10.1.2.3")
    login = events(A.LOGIN).get()
    assert login.actor == org.users["dept_a"] and login.ip_address == "10.1.2.3"
    client.post(reverse("logout"))
    assert events(A.LOGOUT, actor=org.users["dept_a"]).count() == 1


def test_role_and_superuser_changes_are_recorded(org):
    user = org.users["viewer"]
    user_role_set(user=user, role="office")
    changes = list(events(A.PERMISSION_CHANGE, object_id=str(user.pk)).values_list("detail", flat=True))
    assert {"change": "add", "groups": ["office"]} in changes
    assert {"change": "remove", "groups": ["viewer"]} in changes or any(c.get("change") == "remove" for c in changes)
    assert {"is_staff": True} in changes


def test_charges_and_people_moving_departments_are_recorded(org):
    dept_c = DepartmentFactory(name="规划建设科")
    charge = ChargeFactory(campaign=org.campaign, person=org.people["leader"], department=dept_c)
    started = events(A.PERMISSION_CHANGE, object_type="leadership.charge", object_id=str(charge.pk)).get()
    assert started.detail["change"] == "start" and started.detail["department"] == "规划建设科"
    charge.end = datetime.date(2026, 6, 30)
    charge.save()
    mine = events(A.PERMISSION_CHANGE, object_type="leadership.charge", object_id=str(charge.pk))
    ended = mine.exclude(pk=started.pk).get()
    assert ended.detail["change"] == "end" and ended.detail["end"] == "2026-06-30"
    charge.save()  # saving again records nothing new
    assert mine.count() == 2
    person = org.people["dept_b"]
    person.department = dept_c
    person.save()
    moved = events(A.PERMISSION_CHANGE, object_type="leadership.person", object_id=str(person.pk)).first()
    assert moved.detail == {"department_id": [org.dept_b.pk, dept_c.pk]}


def test_ending_a_charge_in_the_portal_records_who_did_it(client_as, org):
    charge = Charge.objects.get(campaign=org.campaign, department=org.dept_a)
    response = client_as("office").post(
        reverse("leadership:charge-end", args=[charge.pk]), {"end": "2026-06-30"}, REMOTE_ADDR="10.0.0.7"
    )
    assert response.status_code == 302
    ended = events(A.PERMISSION_CHANGE, object_type="leadership.charge", object_id=str(charge.pk)).first()
    assert ended.detail["change"] == "end" and ended.actor == org.users["office"] and ended.ip_address == "10.0.0.7"


# --- sign-offs, overrides, approvals, verifications, publications -----------------------------------------------


def test_reception_sign_off_with_findings_is_recorded_with_the_justification(client_as, org):
    PolicyFactory()
    record = RecordFactory(host_department=org.dept_a)
    MealFactory(record=record, kind="lunch", alcohol=True, guests=10, accompanying=4, cost=Decimal("300"))
    reception_services.record_save(record=record, user=org.users["dept_a"])
    assert record.finding_count
    response = client_as("leader").post(
        reverse("reception:record-sign-off", args=[record.pk]), {"justification": "上级专项检查"}
    )
    assert response.status_code == 302
    event = events(A.SIGN_OFF).get()
    assert event.actor == org.users["leader"] and event.object_id == str(record.pk)
    assert event.detail["justification"] == "上级专项检查" and event.detail["findings"] == record.finding_count
    assert event.ip_address == "127.0.0.1"


def test_cap_override_and_request_decisions_are_recorded(org):
    PolicyFactory()
    BudgetFactory(department=org.dept_a, amount=Decimal("100.00"))
    record = RecordFactory(host_department=org.dept_a, other_cost=Decimal("150.00"))
    reception_services.record_save(record=record, user=org.users["dept_a"])
    assert record.over_cap
    reception_services.record_cap_override(record=record, user=org.users["leader"], reason="省厅检查组临时来访")
    override = events(A.OVERRIDE).get()
    assert override.actor == org.users["leader"]
    assert override.detail == {"reason": "省厅检查组临时来访", "amount": "150.00"}

    approved = reception_services.request_save(
        request=RequestFactory.build(host_department=org.dept_a), user=org.users["dept_a"]
    )
    reception_services.request_decide(request=approved, user=org.users["leader"], approve=True, comment="同意")
    rejected = reception_services.request_save(
        request=RequestFactory.build(host_department=org.dept_a), user=org.users["dept_a"]
    )
    reception_services.request_decide(request=rejected, user=org.users["leader"], approve=False, comment="无公函")
    assert events(A.APPROVAL, object_id=str(approved.pk)).get().detail == {"comment": "同意"}
    assert events(A.REJECTION, object_id=str(rejected.pk)).get().detail == {"comment": "无公函"}


def test_measure_verification_and_return_are_recorded(org):
    pillar = PillarFactory(campaign=org.campaign)
    done = MeasureFactory(pillar=pillar, lead_department=org.dept_a, status=Measure.Status.REPORTED, progress=100)
    other = MeasureFactory(pillar=pillar, lead_department=org.dept_a, status=Measure.Status.REPORTED, progress=100)
    campaign_services.measure_verify(measure=done, user=org.users["office"])
    campaign_services.measure_return(measure=other, user=org.users["office"], reason="缺少会议记录")
    assert events(A.VERIFICATION, object_id=str(done.pk)).get().actor == org.users["office"]
    assert events(A.REJECTION, object_id=str(other.pk)).get().detail == {"reason": "缺少会议记录"}


def test_publishing_and_withdrawing_are_recorded(org):
    news = NewsItemFactory(is_published=False, published_at=None)
    disclosure_services.publication_publish(obj=news, user=org.users["office"])
    disclosure_services.publication_unpublish(obj=news, user=org.users["office"])
    assert events(A.PUBLICATION, object_type="disclosure.newsitem").get().actor == org.users["office"]
    assert events(A.UNPUBLICATION, object_type="disclosure.newsitem").count() == 1


def test_publishing_evaluation_results_in_the_portal_records_who_did_it(client_as, org):
    from evaluations import services as evaluation_services
    from evaluations.tests.conftest import answers_for

    round = RoundFactory(campaign=org.campaign, departments=[org.dept_a, org.dept_b], status=Round.Status.OPEN)
    CriterionFactory(round=round)
    group = RaterGroupFactory(round=round, ballots_issued=0)
    for _ in range(3):
        [token] = evaluation_services.links_issue(rater_group=group, count=1)
        ballot = evaluation_services.ballot_for_token(token)
        evaluation_services.ballot_submit(ballot=ballot, answers=answers_for(round, 80))
    evaluation_services.round_close(round=round)
    response = client_as("office").post(
        reverse("evaluations:round-transition", args=[round.pk, "publish"]), REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 302
    round.refresh_from_db()
    assert round.status == Round.Status.PUBLISHED
    event = events(A.PUBLICATION, object_type="evaluations.round").get()
    assert event.actor == org.users["office"] and event.ip_address == "10.0.0.9"


# --- reading it, and not editing it -------------------------------------------------------------------------------


@pytest.fixture
def event(org):
    from audit.services import audit_record

    return audit_record(action=A.OVERRIDE, actor=org.users["leader"], obj=org.dept_a, detail={"reason": "x"})


def test_administrators_read_the_trail_in_the_admin(client_as, event):
    client = client_as("admin")
    listing = client.get(reverse("admin:audit_auditevent_changelist"))
    assert listing.status_code == 200 and "leader" in listing.content.decode()
    detail = client.get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    assert detail.status_code == 200
    assert b'name="_save"' not in detail.content  # read-only: no save button


@pytest.mark.parametrize("key", ["office", "leader", "dept_a", "viewer"])
def test_nobody_else_reads_the_trail(client_as, event, key):
    response = client_as(key).get(reverse("admin:audit_auditevent_changelist"))
    assert response.status_code in (302, 403)
    assert "audit" not in client_as(key).get(reverse("admin:index")).content.decode().lower()


def test_even_a_superuser_cannot_add_change_or_delete_in_the_admin(client_as, event):
    client = client_as("admin")
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    assert client.post(reverse("admin:audit_auditevent_add"), {"action": "login"}).status_code == 403
    change = client.post(reverse("admin:audit_auditevent_change", args=[event.pk]), {"action": "login"})
    assert change.status_code == 403
    assert client.get(reverse("admin:audit_auditevent_delete", args=[event.pk])).status_code == 403
    assert client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    bulk = client.post(
        reverse("admin:audit_auditevent_changelist"),
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302, 403)
    event.refresh_from_db()
    assert event.action == A.OVERRIDE and AuditEvent.objects.filter(pk=event.pk).exists()


def test_no_portal_code_writes_the_trail_except_through_the_service():
    """Only audit/ touches AuditEvent's manager; the apps call audit_record, and no URL outside the admin is the
    audit app's."""
    base = Path(settings.BASE_DIR)
    offenders = []
    for path in base.glob("*/**/*.py"):
        parts = path.relative_to(base).parts
        if parts[0] in ("audit", ".venv", "var") or "tests" in parts or "migrations" in parts:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        if "AuditEvent.objects" in text or "AuditEvent(" in text:
            offenders.append(str(path.relative_to(base)))
    assert not offenders, offenders
    assert not (base / "audit" / "urls.py").exists() and not (base / "audit" / "views.py").exists()

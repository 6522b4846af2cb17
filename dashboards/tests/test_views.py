"""Dashboard and report pages: who may see what, the links behind numbers, and bounded SQL query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.tests.factories import MeasureFactory
from dashboards.models import ReportRun
from liujiguan.tests.factories import ChargeFactory, DepartmentFactory, PersonFactory

from .factories import ReportRunFactory


@pytest.mark.parametrize(
    ("role", "leader_page", "department_page"),
    [
        ("admin", 200, 200),
        ("office", 200, 200),
        ("leader", 200, 200),
        ("viewer", 200, 200),
        ("dept_a", 403, 200),
    ],
)
def test_dashboard_access_by_role(client_as, plan, role, leader_page, department_page):
    client = client_as(role)
    assert client.get(reverse("dashboards:leader")).status_code == leader_page
    response = client.get(reverse("dashboards:department") + f"?department={plan.org.dept_a.pk}")
    assert response.status_code == department_page


def test_dashboard_home_sends_each_role_to_its_dashboard(client_as, plan):
    assert client_as("leader").get(reverse("dashboards:home"))["Location"] == reverse("dashboards:leader")
    assert client_as("dept_a").get(reverse("dashboards:home"))["Location"] == reverse("dashboards:department")


def test_anonymous_users_are_sent_to_login(client, plan):
    response = client.get(reverse("dashboards:leader"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_department_contact_cannot_see_another_departments_dashboard(client_as, plan):
    client = client_as("dept_a")
    assert client.get(reverse("dashboards:department") + f"?department={plan.org.dept_b.pk}").status_code == 403
    body = client.get(reverse("dashboards:department")).content.decode()
    assert "精简会议文件" in body  # A's overdue measure
    assert "学习型干部培养" not in body  # B's


def test_department_dashboard_lists_due_soon_lagging_overdue_and_to_acknowledge(client_as, plan):
    body = client_as("dept_b").get(reverse("dashboards:department")).content.decode()
    overdue = body[body.index('id="overdue"') :]
    assert "学习型干部培养" in overdue.split("</table>")[0]
    assert "服务群众走访" in body[body.index('id="due-soon"') :].split("</table>")[0]
    assert "部门协调机制" in body[body.index('id="to-acknowledge"') :].split("</table>")[0]


def test_leader_dashboard_shows_figures_with_links_to_the_lists_behind_them(client_as, plan):
    response = client_as("leader").get(reverse("dashboards:leader"))
    body = response.content.decode()
    assert response.context["measure_total"] == 8
    assert response.context["light_totals"]["red"] == 2
    assert "light=red" in body and f"pillar={plan.pillars[0].pk}" in body
    assert f"lead_department={plan.org.dept_a.pk}" in body
    # The deputy leader's own pillar and department come first.
    assert response.context["pillars"][0].pk == plan.pillars[0].pk
    assert response.context["departments"][0].pk == plan.org.dept_a.pk
    assert 'id="dashboard-data"' in body and "<script>" not in body.replace("<script src", "")


def test_leader_dashboard_filters_by_department_and_period(client_as, plan):
    client = client_as("office")
    response = client.get(reverse("dashboards:leader"), {"department": plan.org.dept_b.pk})
    assert response.context["measure_total"] == 4
    response = client.get(reverse("dashboards:leader"), {"period": "overdue"})
    assert response.context["measure_total"] == 3  # two overdue and the one done 10 days ago
    response = client.get(reverse("dashboards:leader"), {"pillar": plan.pillars[1].pk})
    assert [p.pk for p in response.context["pillars"]] == [plan.pillars[1].pk]


def _grow(plan, n):
    """n more departments, each with a leader in charge and three measures in different lights."""
    today = timezone.localdate()
    for i in range(n):
        department = DepartmentFactory()
        department.contact = PersonFactory(department=department)
        department.save()
        ChargeFactory(campaign=plan.campaign, department=department, person=plan.org.people["leader"])
        for j, due_in in enumerate((-5, 3, 40)):
            MeasureFactory(
                pillar=plan.pillars[(i + j) % 6],
                lead_department=department,
                start=today - timedelta(days=50),
                due=today + timedelta(days=due_in),
                progress=10 * j,
            )


@pytest.mark.parametrize("url_name", ["dashboards:leader", "dashboards:department", "home"])
def test_dashboard_query_count_does_not_grow(client_as, plan, url_name):
    client = client_as("office")
    url = reverse(url_name)
    if url_name == "dashboards:department":
        url += f"?department={plan.org.dept_a.pk}"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(plan, 12)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small), [q["sql"][:120] for q in large.captured_queries]
    assert len(small) <= 40


def test_export_xlsx_for_office_and_leaders_only(client_as, plan):
    for role in ("office", "leader"):
        response = client_as(role).get(reverse("dashboards:export-xlsx"), {"department": plan.org.dept_a.pk})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert response.content[:2] == b"PK"
    for role in ("dept_a", "viewer"):
        assert client_as(role).get(reverse("dashboards:export-xlsx")).status_code == 403


def test_report_request_queues_a_run_for_the_chosen_scope(client_as, plan, django_capture_on_commit_callbacks):
    client = client_as("dept_a")
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("dashboards:report-create"), {"campaign": plan.campaign.pk, "department": plan.org.dept_a.pk}
        )
    run = ReportRun.objects.get()
    assert response["Location"] == run.get_absolute_url()
    assert (run.department, run.requested_by, run.status) == (plan.org.dept_a, plan.org.users["dept_a"], "queued")
    # A contact may not ask for another department's report, nor for the whole campaign.
    with django_capture_on_commit_callbacks(execute=False):
        client.post(
            reverse("dashboards:report-create"), {"campaign": plan.campaign.pk, "department": plan.org.dept_b.pk}
        )
        client.post(reverse("dashboards:report-create"), {"campaign": plan.campaign.pk, "department": ""})
    assert ReportRun.objects.count() == 1


def test_report_create_rejects_get(client_as, plan):
    assert client_as("office").get(reverse("dashboards:report-create")).status_code == 405


@pytest.mark.parametrize(
    ("role", "own", "other", "whole"),
    [("office", 200, 200, 200), ("leader", 200, 200, 200), ("dept_a", 200, 403, 403), ("dept_b", 403, 200, 403)],
)
def test_report_detail_permissions(client_as, plan, role, own, other, whole):
    runs = {
        "own": ReportRunFactory(campaign=plan.campaign, department=plan.org.dept_a),
        "other": ReportRunFactory(campaign=plan.campaign, department=plan.org.dept_b),
        "whole": ReportRunFactory(campaign=plan.campaign),
    }
    client = client_as(role)
    for key, expected in (("own", own), ("other", other), ("whole", whole)):
        assert client.get(runs[key].get_absolute_url()).status_code == expected, key


def test_report_list_shows_a_contact_only_their_departments_runs(client_as, plan):
    ReportRunFactory(campaign=plan.campaign, department=plan.org.dept_a)
    ReportRunFactory(campaign=plan.campaign, department=plan.org.dept_b)
    ReportRunFactory(campaign=plan.campaign)
    runs = client_as("dept_a").get(reverse("dashboards:report-list")).context["runs"]
    assert [r.department_id for r in runs] == [plan.org.dept_a.pk]
    assert len(client_as("office").get(reverse("dashboards:report-list")).context["runs"]) == 3


def test_retry_only_a_failed_run(client_as, plan, django_capture_on_commit_callbacks):
    failed = ReportRunFactory(campaign=plan.campaign, status=ReportRun.Status.FAILED, reason="boom")
    done = ReportRunFactory(campaign=plan.campaign, status=ReportRun.Status.DONE)
    client = client_as("office")
    assert client.get(reverse("dashboards:report-retry", args=[failed.pk])).status_code == 405
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("dashboards:report-retry", args=[failed.pk]))
        client.post(reverse("dashboards:report-retry", args=[done.pk]))
    failed.refresh_from_db()
    done.refresh_from_db()
    assert failed.status == ReportRun.Status.QUEUED
    assert done.status == ReportRun.Status.DONE
    assert client_as("dept_a").post(reverse("dashboards:report-retry", args=[failed.pk])).status_code == 403


def test_download_needs_a_finished_file(client_as, plan):
    from dashboards.services import report_build

    run = ReportRunFactory(campaign=plan.campaign, department=plan.org.dept_b)
    client = client_as("dept_b")
    assert client.get(reverse("dashboards:report-download", args=[run.pk])).status_code == 404
    report_build(run_id=run.pk)
    response = client.get(reverse("dashboards:report-download", args=[run.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content)[:5] == b"%PDF-"
    assert client_as("dept_a").get(reverse("dashboards:report-download", args=[run.pk])).status_code == 403


def test_sweep_is_scheduled_once_in_celery_beat(db):
    from django_celery_beat.models import PeriodicTask

    [task] = PeriodicTask.objects.filter(task="dashboards.tasks.sweep")
    assert task.enabled and task.crontab is not None
    assert str(task.crontab.timezone) == "Asia/Shanghai"

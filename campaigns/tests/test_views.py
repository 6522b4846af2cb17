"""Plan pages: the permission matrix, building a campaign in the browser's forms, progress with files, concurrent
edits, evidence downloads, and list pages whose query count does not grow with the rows."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Campaign, CampaignCheck, Evidence, Measure, Pillar, ProgressUpdate

from .factories import IndicatorFactory, IndicatorReadingFactory, MeasureFactory, ProgressUpdateFactory
from .files import PDF, PNG

ROLES = ["admin", "office", "leader", "dept_a", "dept_b", "viewer"]


def expect(matrix, role):
    return matrix[ROLES.index(role)]


@pytest.mark.django_db
class TestPermissionMatrix:
    # Expected status per role, in ROLES order, for a measure of department A.
    @pytest.mark.parametrize("role", ROLES)
    def test_measure_detail(self, client_as, measure_a, role):
        response = client_as(role).get(measure_a.get_absolute_url())
        assert response.status_code == expect([200, 200, 200, 200, 403, 200], role)

    @pytest.mark.parametrize("role", ROLES)
    def test_progress_page(self, client_as, measure_a, role):
        response = client_as(role).get(reverse("campaigns:progress-create", args=[measure_a.pk]))
        assert response.status_code == expect([200, 200, 403, 200, 403, 403], role)

    @pytest.mark.parametrize("role", ROLES)
    def test_progress_post(self, client_as, measure_a, role):
        url = reverse("campaigns:progress-create", args=[measure_a.pk])
        response = client_as(role).post(url, {"day": "2026-01-05", "percent": 30, "note": "x"})
        assert response.status_code == expect([302, 302, 403, 302, 403, 403], role)
        assert ProgressUpdate.objects.exists() == (expect([1, 1, 0, 1, 0, 0], role) == 1)

    @pytest.mark.parametrize("role", ROLES)
    def test_measure_edit(self, client_as, measure_a, role):
        response = client_as(role).get(reverse("campaigns:measure-update", args=[measure_a.pk]))
        assert response.status_code == expect([200, 200, 403, 403, 403, 403], role)

    @pytest.mark.parametrize("role", ROLES)
    def test_acknowledge(self, client_as, measure_a, role):
        client_as(role).post(reverse("campaigns:measure-action", args=[measure_a.pk, "acknowledge"]))
        measure_a.refresh_from_db()
        acknowledged = measure_a.status == Measure.Status.ACKNOWLEDGED
        assert acknowledged == expect([True, True, False, True, False, False], role)

    @pytest.mark.parametrize("role", ROLES)
    def test_verify(self, client_as, measure_a, role):
        measure_a.status = Measure.Status.REPORTED
        measure_a.save()
        client_as(role).post(reverse("campaigns:measure-action", args=[measure_a.pk, "verify"]))
        measure_a.refresh_from_db()
        assert (measure_a.status == Measure.Status.VERIFIED) == expect([True, True, False, False, False, False], role)

    @pytest.mark.parametrize("role", ROLES)
    def test_campaign_create(self, client_as, role):
        response = client_as(role).get(reverse("campaigns:campaign-create"))
        assert response.status_code == expect([200, 200, 403, 403, 403, 403], role)

    @pytest.mark.parametrize("role", ROLES)
    def test_evidence_download(self, client_as, org, measure_a, role):
        update = ProgressUpdateFactory(measure=measure_a)
        evidence = Evidence.objects.create(
            update=update,
            file=SimpleUploadedFile("x.png", PNG),
            original_name="照片.png",
            content_type="image/png",
            size=len(PNG),
        )
        response = client_as(role).get(evidence.get_absolute_url())
        assert response.status_code == expect([200, 200, 200, 200, 403, 200], role)
        if response.status_code == 200:
            assert response["Content-Disposition"].startswith("attachment")
            assert b"".join(response.streaming_content) == PNG

    def test_anonymous_is_sent_to_login(self, client, measure_a):
        response = client.get(measure_a.get_absolute_url())
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_department_list_shows_only_own_measures(self, client_as, measure_a, measure_b):
        response = client_as("dept_b").get(reverse("campaigns:measure-list"))
        rows = [row.record for row in response.context["table"].page.object_list]
        assert rows == [measure_b]

    def test_department_enters_reading_for_own_department_only(self, client_as, org, pillar):
        indicator = IndicatorFactory(pillar=pillar)
        client = client_as("dept_a")
        url = reverse("campaigns:reading-create", args=[indicator.pk])
        data = {"period_start": "2026-10-01", "period_end": "2026-10-31", "value": "3"}
        client.post(url, {**data, "department": org.dept_b.pk})
        assert not indicator.readings.exists()
        client.post(url, {**data, "department": org.dept_a.pk})
        assert indicator.readings.get().department == org.dept_a


@pytest.mark.django_db
def test_office_builds_a_campaign_another_edits_department_reports_leader_sees(client_as, org, django_user_model):
    from liujiguan.permissions import Role
    from liujiguan.tests.factories import UserFactory

    office = client_as("office")
    response = office.post(
        reverse("campaigns:campaign-create"),
        {
            "title": "创五型机关实施方案",
            "year": 2027,
            "start": "2027-01-01",
            "end": "2027-12-31",
            "status": "draft",
            "script": "hans",
            "with_default_pillars": "on",
        },
    )
    campaign = Campaign.objects.get(title="创五型机关实施方案")
    assert response.status_code == 302
    assert campaign.pillars.count() == 6 and campaign.checks.count() == 3
    harmony = campaign.pillars.get(name="和谐型机关")
    office.post(reverse("campaigns:pillar-delete", args=[harmony.pk]))
    assert campaign.pillars.count() == 5
    pillar = campaign.pillars.get(name="学习型机关")
    office.post(
        reverse("campaigns:pillar-update", args=[pillar.pk]),
        {"name": "学习型机关", "type": "learning", "slogan": "大兴学习之风", "order": 1},
    )
    response = office.post(
        reverse("campaigns:measure-create", args=[pillar.pk]),
        {
            "pillar": pillar.pk,
            "title": "每月组织一次集中学习",
            "lead_department": org.dept_a.pk,
            "start": "2027-01-01",
            "due": "2027-12-31",
            "weight": "1",
            "order": "0",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    measure = Measure.objects.get(title="每月组织一次集中学习")
    office.post(reverse("campaigns:campaign-check", args=[campaign.pk, "understanding"]), {"confirmed": "1"})
    assert CampaignCheck.objects.get(campaign=campaign, kind="understanding").confirmed_by == org.users["office"]

    # Another office user edits the campaign.
    other = UserFactory(username="office2", role=Role.OFFICE)
    office.force_login(other)
    office.post(
        reverse("campaigns:campaign-update", args=[campaign.pk]),
        {
            "title": "创五型机关实施方案（修订）",
            "year": 2027,
            "start": "2027-01-01",
            "end": "2027-12-31",
            "status": "active",
            "script": "hans",
        },
    )
    campaign.refresh_from_db()
    assert campaign.title.endswith("（修订）") and campaign.status == "active"

    department = client_as("dept_a")
    response = department.post(
        reverse("campaigns:progress-create", args=[measure.pk]),
        {"day": "2026-11-20", "percent": 40, "note": "已组织学习两次", "files": [SimpleUploadedFile("纪要.pdf", PDF)]},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.original_name == "纪要.pdf" and evidence.update.author == org.users["dept_a"]

    leader_page = client_as("leader").get(measure.get_absolute_url())
    assert "已组织学习两次" in leader_page.content.decode()
    assert "纪要.pdf" in leader_page.content.decode()

    campaign_history = [r.history_user for r in campaign.history.all()]
    assert org.users["office"] in campaign_history and other in campaign_history
    measure_history = measure.history.order_by("history_date")
    assert measure_history.first().history_user == org.users["office"]
    assert measure_history.last().history_user == org.users["dept_a"]
    page = client_as("office").get(measure.get_absolute_url()).content.decode()
    assert 'id="history"' in page and "dept_a人" in page


@pytest.mark.django_db
class TestConcurrentEdit:
    def form_data(self, measure, **changes):
        data = {
            "pillar": measure.pillar_id,
            "title": measure.title,
            "detail": measure.detail,
            "lead_department": measure.lead_department_id,
            "start": measure.start.isoformat(),
            "due": measure.due.isoformat(),
            "weight": str(measure.weight),
            "order": measure.order,
            "version": measure.version,
        }
        data.update(changes)
        return {key: value for key, value in data.items() if value is not None}

    def test_second_save_is_refused_showing_the_other_change_and_keeping_typing(self, client_as, org, measure_a):
        first = self.form_data(measure_a, title="第一人改的标题")
        second = self.form_data(measure_a, detail="第二人认真写的详细说明")
        url = reverse("campaigns:measure-update", args=[measure_a.pk])
        assert client_as("admin").post(url, first).status_code == 302
        response = client_as("office").post(url, second)
        assert response.status_code == 200
        page = response.content.decode()
        assert 'id="conflict"' in page
        assert "第一人改的标题" in page  # what the other person changed
        assert "第二人认真写的详细说明" in page  # what this person typed is still in the form
        measure_a.refresh_from_db()
        assert measure_a.title == "第一人改的标题" and measure_a.detail == ""
        # Saving again now is a deliberate overwrite against the current version.
        resubmit = {**second, "version": response.context["form"].data["version"]}
        assert client_as("office").post(url, resubmit).status_code == 302
        measure_a.refresh_from_db()
        assert measure_a.detail == "第二人认真写的详细说明"


@pytest.mark.django_db
class TestUploads:
    def post(self, client, measure, upload):
        return client.post(
            reverse("campaigns:progress-create", args=[measure.pk]),
            {"day": "2026-06-01", "percent": 10, "files": [upload]},
        )

    def test_wrong_type_is_refused_with_message(self, client_as, measure_a):
        response = self.post(client_as("dept_a"), measure_a, SimpleUploadedFile("伪装.pdf", b"<html>not a pdf</html>"))
        assert response.status_code == 200
        assert response.context["form"].errors["files"]
        assert not ProgressUpdate.objects.exists()

    @override_settings(UPLOAD_MAX_BYTES=2048)
    def test_too_large_is_refused(self, client_as, measure_a):
        response = self.post(client_as("dept_a"), measure_a, SimpleUploadedFile("大图.png", PNG + b"\x00" * 4096))
        assert response.status_code == 200
        assert response.context["form"].errors["files"]
        assert not ProgressUpdate.objects.exists()

    def test_late_update_is_marked(self, client_as, org, pillar):
        measure = MeasureFactory(pillar=pillar, lead_department=org.dept_a, due=datetime.date(2026, 5, 31))
        self.post(client_as("dept_a"), measure, SimpleUploadedFile("p.png", PNG))
        assert ProgressUpdate.objects.get().is_late


def _measures(pillar, org, n, offset=0):
    for i in range(n):
        measure = MeasureFactory(
            pillar=pillar,
            title=f"措施{offset + i}",
            lead_department=org.dept_a if i % 2 else org.dept_b,
            due=datetime.date(2026, 1 + i % 12, 1),
        )
        measure.cooperating_departments.set([org.dept_a])
        update = ProgressUpdateFactory(measure=measure)
        Evidence.objects.create(
            update=update,
            file=SimpleUploadedFile("x.png", PNG),
            original_name="x.png",
            content_type="image/png",
            size=len(PNG),
        )


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
class TestQueryCounts:
    @pytest.mark.parametrize("role", ["office", "dept_a"])
    def test_measure_list(self, client_as, org, pillar, role):
        client = client_as(role)
        url = reverse("campaigns:measure-list")
        _measures(pillar, org, 3)
        few = _count(client, url)
        _measures(pillar, org, 30, offset=100)
        assert _count(client, url) == few

    def test_pillar_page(self, client_as, org, pillar):
        client = client_as("office")
        url = pillar.get_absolute_url()
        _measures(pillar, org, 3)
        IndicatorFactory(pillar=pillar)
        few = _count(client, url)
        _measures(pillar, org, 20, offset=100)
        IndicatorFactory(pillar=pillar)
        assert _count(client, url) == few

    def test_campaign_page(self, client_as, org, pillar):
        client = client_as("office")
        url = org.campaign.get_absolute_url()
        _measures(pillar, org, 3)
        few = _count(client, url)
        Pillar.objects.create(campaign=org.campaign, name="服务型机关", order=2)
        _measures(pillar, org, 20, offset=100)
        IndicatorFactory(pillar=pillar)
        assert _count(client, url) == few

    def test_reading_list_and_indicator_page(self, client_as, org, pillar):
        client = client_as("office")
        indicator = IndicatorFactory(pillar=pillar)
        IndicatorReadingFactory(indicator=indicator, department=org.dept_a)
        urls = [reverse("campaigns:reading-list"), indicator.get_absolute_url()]
        few = [_count(client, url) for url in urls]
        for month in range(1, 10):
            for department in (org.dept_a, org.dept_b, None):
                IndicatorReadingFactory(
                    indicator=indicator,
                    department=department,
                    period_start=datetime.date(2026, month, 1),
                    period_end=datetime.date(2026, month, 28),
                )
        assert [_count(client, url) for url in urls] == few

    def test_measure_page(self, client_as, org, measure_a):
        client = client_as("office")
        url = measure_a.get_absolute_url()
        ProgressUpdateFactory(measure=measure_a)
        few = _count(client, url)
        for day in range(2, 12):
            update = ProgressUpdateFactory(measure=measure_a, date=datetime.date(2026, 6, day))
            Evidence.objects.create(
                update=update,
                file=SimpleUploadedFile("x.png", PNG),
                original_name="x.png",
                content_type="image/png",
                size=len(PNG),
            )
        assert _count(client, url) == few

    @pytest.mark.parametrize("role", ["office", "dept_a", "leader"])
    def test_home_panels(self, client_as, org, pillar, role):
        client = client_as(role)
        _measures(pillar, org, 3)
        few = _count(client, reverse("home"))
        _measures(pillar, org, 30, offset=100)
        assert _count(client, reverse("home")) == few

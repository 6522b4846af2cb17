"""Upload, review and save through the pages: permissions, bad input, edits kept, nothing saved until Save."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Campaign, Measure, Pillar
from campaigns.planparse.reading import DEFAULT_MAX_BYTES
from leadership.models import Membership, Person
from liujiguan.tests.factories import PersonFactory
from planimport import services
from planimport.models import PlanImport

from .factories import SEED, form_data

CREATE = reverse("planimport:import-create")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8


def _counts():
    return (Campaign.objects.count(), Pillar.objects.count(), Measure.objects.count(), Person.objects.count(),
            Membership.objects.count())  # fmt: skip


def _draft(user=None):
    return services.import_start(
        user=user, data=SEED.read_bytes(), filename=SEED.name, script="hans", max_bytes=DEFAULT_MAX_BYTES
    )


def _upload(client, content, name="plan.txt", **extra):
    return client.post(CREATE, {"file": SimpleUploadedFile(name, content), "script": "", **extra})


# --- permissions --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("admin", True), ("office", True), ("leader", False), ("dept_a", False), ("dept_b", False), ("viewer", False)],
)
def test_only_office_and_admin_may_import(client_as, org, role, allowed):
    draft = _draft()
    client = client_as(role)
    urls = [
        reverse("planimport:import-list"),
        CREATE,
        draft.get_absolute_url(),
        reverse("planimport:import-json", args=[draft.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == (200 if allowed else 403), url
    before = _counts()
    response = _upload(client, SEED.read_bytes(), SEED.name)
    assert response.status_code == (302 if allowed else 403)
    response = client.post(draft.get_absolute_url(), {"action": "save"})
    assert response.status_code == (200 if allowed else 403)  # office: the empty post fails validation
    response = client.post(reverse("planimport:import-discard", args=[draft.pk]))
    assert response.status_code == (302 if allowed else 403)
    assert _counts() == before
    assert PlanImport.objects.filter(pk=draft.pk).exists() is not allowed


def test_anonymous_is_sent_to_login(client, db):
    draft = _draft()
    for url in [CREATE, draft.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(CREATE, {"text": "x"}).status_code == 302


def test_nav_and_home_panel_only_for_managers(client_as, org):
    body = client_as("office").get(reverse("home")).content.decode()
    assert reverse("planimport:import-list") in body and 'id="planimport-panel"' in body
    body = client_as("leader").get(reverse("home")).content.decode()
    assert reverse("planimport:import-list") not in body and "planimport-panel" not in body


# --- the happy path -----------------------------------------------------------------------------------------------


def test_upload_review_edit_and_save(client_as, org):
    existing = PersonFactory(name="盧紀清", title="管委会主任")  # the group leader, typed in Traditional
    client = client_as("office")
    response = _upload(client, SEED.read_bytes(), SEED.name, script="hans")
    record = PlanImport.objects.get()
    assert response["Location"] == record.get_absolute_url()
    assert record.status == "draft" and record.encoding == "utf-8" and record.detected_script == "hant"
    assert record.script == "hans" and record.text.startswith("創六型機關方案")
    assert Campaign.objects.filter(title="创六型机关方案").count() == 0  # nothing saved before review

    body = client.get(record.get_absolute_url()).content.decode()
    assert body.count('class="card mb-3 pillar-form"') == 6 + 1  # six pillars and the template for a new one
    assert 'data-person="existing"' in body and "卢纪清 = 盧紀清" in body
    assert body.count('data-person="new"') == 12  # eleven people, 陈霜 shown as member and as office director
    assert "时间：2022-08-27" in body  # the unrecognised web-page line is shown, not dropped

    data = form_data(body)
    assert data["plan-title"] == ["创六型机关方案"]
    assert data["pillars-3-measures"][3] == "禁止同城接待"
    data["pillars-3-measures"][3] = "禁止同城接待，确需接待的须经主要领导批准"
    data["plan-year"] = ["2026"]
    data["action"] = ["save"]
    response = client.post(record.get_absolute_url(), data)
    assert response.status_code == 302, response.content.decode()[:3000]

    record.refresh_from_db()
    campaign = record.campaign
    assert record.status == "saved" and record.saved_by == org.users["office"]
    assert campaign.title == "创六型机关方案" and campaign.year == 2026
    assert campaign.pillars.count() == 6
    thrift = campaign.pillars.get(type="thrift")
    assert thrift.measures.filter(title="禁止同城接待，确需接待的须经主要领导批准").exists()
    assert not thrift.measures.filter(title="禁止同城接待").exists()
    assert Membership.objects.get(campaign=campaign, role="leader").person == existing
    detail = client.get(record.get_absolute_url()).content.decode()
    assert campaign.get_absolute_url() in detail and 'id="result-counts"' in detail
    # A saved import cannot be saved twice.
    client.post(record.get_absolute_url(), data)
    assert Campaign.objects.filter(title="创六型机关方案").count() == 1


def test_pasted_text_in_traditional(client_as, org):
    client = client_as("office")
    response = client.post(CREATE, {"text": SEED.read_text(encoding="utf-8"), "script": "hant"})
    record = PlanImport.objects.get()
    assert response.status_code == 302 and record.source == "text" and record.file_name == ""
    assert record.parsed["title"] == "創六型機關方案"
    assert record.parsed["leading_group"]["deputy_leaders"] == ["趙聯強", "楊智", "葉建國", "卓大巨"]


def test_invalid_review_keeps_every_typed_edit_and_saves_nothing(client_as, org):
    client = client_as("office")
    record = _draft(org.users["office"])
    data = form_data(client.get(record.get_absolute_url()).content.decode())
    before = _counts()
    data["plan-title"] = [""]  # required
    data["plan-members"] = ["陈霜、严建明、施立标、吴应清、刘文胜、新同事"]
    data["pillars-0-slogan"] = ["大兴学习调研之风（已修改）"]
    data["pillars-0-measures"] = [*data["pillars-0-measures"][:-1], "每月集中学习一次", ""]
    data["action"] = ["save"]
    response = client.post(record.get_absolute_url(), data)
    body = response.content.decode()
    assert response.status_code == 200 and "nothing has been saved" in body.lower() or "未保存" in body
    again = form_data(body)
    assert again["plan-title"] == [""]
    assert again["plan-members"] == ["陈霜、严建明、施立标、吴应清、刘文胜、新同事"]
    assert again["pillars-0-slogan"] == ["大兴学习调研之风（已修改）"]
    assert "每月集中学习一次" in again["pillars-0-measures"]
    assert 'data-person="new"' in body and "新同事" in body
    assert _counts() == before
    record.refresh_from_db()
    assert record.status == "draft"


def test_keep_draft_then_resume(client_as, org):
    client = client_as("office")
    record = _draft(org.users["office"])
    data = form_data(client.get(record.get_absolute_url()).content.decode())
    data["pillars-1-DELETE"] = ["on"]  # remove the service pillar
    data["requirements-TOTAL_FORMS"] = ["5"]
    data["requirements-4-title"] = ["加强督查"]
    data["requirements-4-text"] = ["加强督查。办公室每季度督查一次。"]
    data["action"] = ["draft"]
    assert client.post(record.get_absolute_url(), data).status_code == 302
    record.refresh_from_db()
    assert record.status == "draft" and len(record.parsed["pillars"]) == 5
    assert record.parsed["requirements"][-1] == "加强督查。办公室每季度督查一次。"
    assert Campaign.objects.filter(title="创六型机关方案").count() == 0
    body = client.get(record.get_absolute_url()).content.decode()
    assert body.count('class="card mb-3 pillar-form"') == 5 + 1 and "加强督查" in body


def test_upload_suggests_updating_the_campaign_with_the_same_title(client_as, org):
    campaign = services.plan_save(parsed=_draft().parsed, user=None).campaign
    client = client_as("office")
    _upload(client, SEED.read_bytes(), SEED.name, script="hant")
    record = PlanImport.objects.latest("pk")
    assert record.campaign == campaign  # 創六型機關方案 matches 创六型机关方案
    data = form_data(client.get(record.get_absolute_url()).content.decode())
    assert data["plan-campaign"] == [str(campaign.pk)]
    data["action"] = ["save"]
    before = _counts()
    assert client.post(record.get_absolute_url(), data).status_code == 302
    assert _counts() == before  # updated in place: same pillars, measures, people, posts
    campaign.refresh_from_db()
    assert campaign.title == "創六型機關方案" and campaign.script == "hant"
    assert Measure.objects.filter(pillar__campaign=campaign, title="禁止同城接待").count() == 1  # same in both scripts


# --- bad input ----------------------------------------------------------------------------------------------------


def _docx_renamed_image():
    return PNG


def _broken_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (bytes(range(256)) * 40, "plan.txt", "binary"),
        (b"", "plan.txt", "empty"),
        (b"   \n\n  ", "plan.txt", "empty"),
        (PNG, "plan.docx", "PNG image renamed to .docx"),
        (_broken_docx(), "plan.docx", "not a valid Word"),
        ("今天天气很好，我们去公园散步。\n晚上一起吃饭。".encode(), "plan.txt", "No plan structure found"),
        (b"%PDF-1.4 fake", "plan.pdf", "Upload a .txt or .docx file"),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(client_as, org, content, name, message):
    client = client_as("office")
    before = _counts()
    response = client.post(CREATE, {"file": SimpleUploadedFile(name, content)}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _counts() == before
    assert not PlanImport.objects.filter(status="draft").exists()


def test_fifty_megabyte_upload_is_refused_while_streaming(client_as, org, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)  # any spooled upload would land here
    client = client_as("office")
    before = _counts()
    big = SimpleUploadedFile("plan.txt", SEED.read_bytes() * (50 * 1024 * 1024 // len(SEED.read_bytes()) + 1))
    assert big.size > 50 * 1024 * 1024
    response = client.post(CREATE, {"file": big}, HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert response.status_code == 200 and "The file is too large" in body and "the limit is 10.0 MB" in body
    assert list(tmp_path.iterdir()) == []  # never written to a temporary file
    assert _counts() == before
    failed = PlanImport.objects.get()
    assert failed.status == "failed" and failed.error.startswith("too_large") and failed.text == ""


def test_failed_read_is_recorded_for_the_audit_trail(client_as, org):
    client = client_as("office")
    client.post(CREATE, {"file": SimpleUploadedFile("photo.docx", PNG)})
    failed = PlanImport.objects.get()
    assert failed.status == "failed" and failed.error.startswith("not_docx") and failed.file_name == "photo.docx"
    assert failed.uploaded_by == org.users["office"]


def test_upload_needs_a_file_or_text(client_as, org):
    response = client_as("office").post(CREATE, {"text": "  "}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Choose a plan document to upload, or paste its text." in response.content.decode()


# --- pages --------------------------------------------------------------------------------------------------------


def test_json_view_returns_the_parse(client_as, org):
    record = _draft()
    data = client_as("office").get(reverse("planimport:import-json", args=[record.pk])).json()
    assert data["title"] == "创六型机关方案" and len(data["pillars"]) == 6


def test_list_query_count_does_not_grow(client_as, org):
    client = client_as("office")
    url = reverse("planimport:import-list")
    _draft()
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(6):
        _draft(org.users["office"])
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)


def test_review_query_count_does_not_grow_with_people(client_as, org):
    client = client_as("office")
    record = _draft()
    client.get(record.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(record.get_absolute_url())
    for name in ["卢纪清", "赵联强", "杨智", "叶建国", "卓大巨", "陈霜"]:
        PersonFactory(name=name)
    with CaptureQueriesContext(connection) as many:
        body = client.get(record.get_absolute_url()).content.decode()
    assert body.count('data-person="existing"') == 6 + 1  # 陈霜 twice: member and office director
    assert len(many) == len(few)

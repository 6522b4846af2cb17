"""Uploads are checked by content and size, and served only as attachments with nosniff (campaigns, reception,
registers, dashboards)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Evidence
from reception.models import Attachment

from .world import PDF_BYTES
from .world_fixture import *  # noqa: F403 (the module-wide world fixture)

pytestmark = pytest.mark.django_db

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 64
EXE_AS_PDF = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
HTML_AS_PNG = b"<html><script>alert(1)</script></html>"


def _attachment_headers_are_safe(response):
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not response["Content-Type"].startswith(("text/html", "image/svg", "application/xhtml"))


# --- campaigns: evidence ---------------------------------------------------------------------------------------


def _progress(client, world, upload):
    return client.post(
        reverse("campaigns:progress-create", args=[world.measure.pk]),
        {"day": "2026-06-02", "percent": "60", "note": "已完成", "files": [upload]},
    )


def test_evidence_with_the_wrong_content_is_refused(world, role_clients):
    client = role_clients("dept_a")
    for name, content in [("report.pdf", EXE_AS_PDF), ("photo.png", HTML_AS_PNG), ("page.html", HTML_AS_PNG)]:
        before = Evidence.objects.count()
        response = _progress(client, world, SimpleUploadedFile(name, content, content_type="application/pdf"))
        assert response.status_code == 200, name  # the form again, with the error
        assert Evidence.objects.count() == before, name


def test_evidence_over_the_size_limit_is_refused(world, role_clients, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    before = Evidence.objects.count()
    big = PDF_BYTES + b"%" * 2048
    response = _progress(role_clients("dept_a"), world, SimpleUploadedFile("big.pdf", big))
    assert response.status_code == 200 and Evidence.objects.count() == before


def test_good_evidence_is_kept_and_served_as_an_attachment(world, role_clients):
    response = _progress(role_clients("dept_a"), world, SimpleUploadedFile("会议纪要.pdf", PDF_BYTES))
    assert response.status_code == 302
    evidence = Evidence.objects.latest("pk")
    assert evidence.content_type == "application/pdf" and evidence.original_name == "会议纪要.pdf"
    assert "会议纪要" not in evidence.file.name  # stored under a random name
    download = role_clients("office").get(reverse("campaigns:evidence-download", args=[evidence.pk]))
    _attachment_headers_are_safe(download)
    assert role_clients("dept_b").get(reverse("campaigns:evidence-download", args=[evidence.pk])).status_code == 403


# --- reception: attachments ------------------------------------------------------------------------------------


def _attach(client, world, upload):
    return client.post(reverse("reception:attachment-upload", args=[world.record.pk]), {"file": upload})


def test_attachment_with_the_wrong_content_is_refused(world, role_clients):
    client = role_clients("dept_a")
    for name, content in [("invoice.pdf", EXE_AS_PDF), ("scan.png", HTML_AS_PNG), ("x.svg", b"<svg onload=1>")]:
        before = Attachment.objects.count()
        response = _attach(client, world, SimpleUploadedFile(name, content, content_type="image/png"))
        assert response.status_code == 302, name
        assert Attachment.objects.count() == before, name


def test_attachment_over_the_size_limit_is_refused(world, role_clients, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    before = Attachment.objects.count()
    _attach(role_clients("dept_a"), world, SimpleUploadedFile("big.pdf", PDF_BYTES + b"%" * 2048))
    assert Attachment.objects.count() == before


def test_good_attachment_is_kept_and_served_as_an_attachment(world, role_clients):
    response = _attach(role_clients("dept_a"), world, SimpleUploadedFile("发票.png", PNG))
    assert response.status_code == 302
    attachment = Attachment.objects.latest("pk")
    assert attachment.content_type == "image/png"
    download = role_clients("leader").get(reverse("reception:attachment-download", args=[attachment.pk]))
    _attachment_headers_are_safe(download)
    refused = role_clients("dept_b").get(reverse("reception:attachment-download", args=[attachment.pk]))
    assert refused.status_code == 403


def test_attachments_are_stored_under_a_name_nobody_can_guess(world, role_clients):
    _attach(role_clients("dept_a"), world, SimpleUploadedFile("发票.png", PNG))
    attachment = Attachment.objects.latest("pk")
    assert "发票" not in attachment.file.name and attachment.file.name.endswith(".png")


# --- registers: imports; dashboards: the report ------------------------------------------------------------------


def test_register_import_refuses_a_file_that_is_not_a_table(world, role_clients):
    client = role_clients("dept_a")
    url = reverse("registers:record-import", args=["study"])
    for name, content in [("study.csv", EXE_AS_PDF), ("study.xlsx", HTML_AS_PNG), ("study.exe", EXE_AS_PDF)]:
        response = client.post(url, {"file": SimpleUploadedFile(name, content)})
        assert response.status_code in (200, 400), name
        assert "<script>alert(1)" not in response.content.decode("utf-8", errors="replace")


def test_register_import_refuses_a_file_over_the_limit(world, role_clients, settings):
    settings.UPLOAD_MAX_BYTES = 64
    response = role_clients("dept_a").post(
        reverse("registers:record-import", args=["study"]),
        {"file": SimpleUploadedFile("study.csv", ("日期,主题\n" * 50).encode())},
    )
    assert response.status_code in (200, 400)


def test_exports_and_the_report_are_downloads(world, role_clients):
    client = role_clients("office")
    _attachment_headers_are_safe(client.get(reverse("dashboards:report-download", args=[world.report.pk])))
    for name, args in [
        ("campaigns:measure-export", []),
        ("campaigns:reading-export", []),
        ("registers:record-export", ["study"]),
        ("dashboards:export-xlsx", []),
    ]:
        _attachment_headers_are_safe(client.get(reverse(name, args=args)))

"""Reception pages: the permission matrix, forms that keep input and save nothing on bad input, import, export,
attachments, the queue, and query counts that do not grow with rows."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reception import services
from reception.models import Attachment, Budget, Meal, ReceptionRecord, ReceptionRequest

from .factories import BudgetFactory, MealFactory, RecordFactory, RequestFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _record(department, **kwargs):
    record = RecordFactory(host_department=department, **kwargs)
    MealFactory(record=record)
    with transaction.atomic():
        services.record_refresh(record=record)
    return record


def record_post(department, **overrides):
    data = {
        "host_department": department.pk,
        "visiting_unit": "莆田市交通局",
        "visiting_city": "莆田",
        "letter_reference": "莆交函〔2026〕12号",
        "activity": "座谈交流",
        "guests": "10",
        "highest_rank": "副处级",
        "start_date": "2026-06-03",
        "end_date": "2026-06-04",
        "accompanying_levels": "1",
        "transport_cost": "0",
        "other_cost": "0",
        "payment_method": "公务卡",
    }
    for prefix in ("guests", "meals", "lodgings", "events", "gifts"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(
        {
            "meals-TOTAL_FORMS": "1",
            "meals-0-date": "2026-06-03",
            "meals-0-kind": "lunch",
            "meals-0-venue": "机关食堂",
            "meals-0-guests": "10",
            "meals-0-accompanying": "3",
            "meals-0-buffet_or_canteen": "on",
            "meals-0-cost": "300.00",
        }
    )
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "role, own, other",
    [("admin", 200, 200), ("office", 200, 200), ("leader", 200, 200), ("dept_a", 200, 403), ("viewer", 200, 200)],
)
def test_record_view_matrix(client_as, org, policy, role, own, other):
    mine, theirs = _record(org.dept_a), _record(org.dept_b)
    client = client_as(role)
    assert client.get(reverse("reception:record-detail", args=[mine.pk])).status_code == own
    assert client.get(reverse("reception:record-detail", args=[theirs.pk])).status_code == other


@pytest.mark.parametrize(
    "role, own, other",
    [("admin", 200, 200), ("office", 200, 200), ("leader", 403, 403), ("dept_a", 200, 403), ("viewer", 403, 403)],
)
def test_record_edit_matrix(client_as, org, policy, role, own, other):
    mine, theirs = _record(org.dept_a), _record(org.dept_b)
    client = client_as(role)
    assert client.get(reverse("reception:record-update", args=[mine.pk])).status_code == own
    assert client.get(reverse("reception:record-update", args=[theirs.pk])).status_code == other


def test_department_lists_only_its_own_receptions(client_as, org, policy):
    _record(org.dept_a, visiting_unit="甲方来访单位")
    _record(org.dept_b, visiting_unit="乙方来访单位")
    body = client_as("dept_a").get(reverse("reception:record-list")).content.decode()
    assert "甲方来访单位" in body and "乙方来访单位" not in body
    body = client_as("office").get(reverse("reception:record-list")).content.decode()
    assert "甲方来访单位" in body and "乙方来访单位" in body
    body = client_as("leader").get(reverse("reception:record-list")).content.decode()
    assert "甲方来访单位" in body and "乙方来访单位" in body


def test_department_cannot_post_a_record_for_another_department(client_as, org, policy):
    response = client_as("dept_a").post(reverse("reception:record-create"), record_post(org.dept_b))
    assert response.status_code == 200  # the form refuses the other department as a choice
    assert not ReceptionRecord.objects.exists()


def test_department_records_a_reception_with_findings(client_as, org, policy):
    client = client_as("dept_a")
    data = record_post(org.dept_a, **{"meals-0-alcohol": "on", "meals-0-accompanying": "4"})
    response = client.post(reverse("reception:record-create"), data)
    record = ReceptionRecord.objects.get()
    assert response.status_code == 302 and response.url == record.get_absolute_url()
    assert record.total_cost == Decimal("300.00") and record.recorded_by == org.users["dept_a"]
    assert {"lunch_alcohol", "accompanying_limit"} <= set(record.findings.values_list("code", flat=True))
    body = client.get(record.get_absolute_url()).content.decode()
    assert 'data-rule="lunch_alcohol"' in body and 'id="awaiting-leader"' in body and 'id="sign-off-form"' not in body


@pytest.mark.parametrize(
    "overrides, field_error",
    [
        ({"transport_cost": "-5"}, "transport_cost"),
        ({"guests": "0"}, "guests"),
        ({"meals-0-date": "2026-06-09"}, "outside the reception"),
        ({"meals-0-accompanying": "-1"}, "meals-0-accompanying"),
        ({"meals-0-cost": "-1.00"}, "meals-0-cost"),
        ({"meals-0-cost": "一百"}, "meals-0-cost"),
        ({"end_date": "2026-06-01"}, "end_date"),
    ],
)
def test_bad_input_gets_a_clear_message_saves_nothing_and_keeps_input(client_as, org, policy, overrides, field_error):
    client = client_as("dept_a")
    response = client.post(reverse("reception:record-create"), record_post(org.dept_a, **overrides))
    assert response.status_code == 200
    body = response.content.decode()
    assert "nothing was saved" in body.lower() or "未保存" in body
    assert "莆田市交通局" in body  # the input is kept
    assert field_error in body or "is-invalid" in body
    assert not ReceptionRecord.objects.exists() and not Meal.objects.exists()


def test_meal_outside_dates_message_names_the_dates(client_as, org, policy):
    response = client_as("dept_a").post(
        reverse("reception:record-create"),
        record_post(org.dept_a, **{"meals-0-date": "2026-06-09"}),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "outside the reception" in response.content.decode()


def test_request_with_zero_guests_or_negative_estimate_saves_nothing(client_as, org, policy):
    client = client_as("dept_a")
    base = {
        "host_department": org.dept_a.pk,
        "visiting_unit": "漳州市商务局",
        "visiting_city": "漳州",
        "letter_reference": "",
        "purpose": "招商考察",
        "guests": "0",
        "start_date": "2026-12-02",
        "end_date": "2026-12-02",
        "planned_meals": "1",
        "planned_lodging_nights": "0",
        "estimated_cost": "-1",
    }
    response = client.post(reverse("reception:request-create"), base)
    assert response.status_code == 200 and "漳州市商务局" in response.content.decode()
    assert not ReceptionRequest.objects.exists()
    base.update(guests="6", estimated_cost="600")
    response = client.post(reverse("reception:request-create"), base)
    request = ReceptionRequest.objects.get()
    assert response.status_code == 302 and request.findings.get().code == "official_letter"


@pytest.mark.parametrize(
    "role, own, other",
    [("admin", 302, 302), ("office", 403, 403), ("leader", 302, 403), ("dept_a", 403, 403), ("viewer", 403, 403)],
)
def test_request_decision_matrix(client_as, org, policy, role, own, other):
    mine = services.request_save(request=RequestFactory.build(host_department=org.dept_a), user=org.users["admin"])
    theirs = services.request_save(request=RequestFactory.build(host_department=org.dept_b), user=org.users["admin"])
    client = client_as(role)
    data = {"decision": "approve", "comment": ""}
    assert client.post(reverse("reception:request-decide", args=[mine.pk]), data).status_code == own
    assert client.post(reverse("reception:request-decide", args=[theirs.pk]), data).status_code == other
    mine.refresh_from_db()
    assert (mine.status == "approved") is (own == 302)


def test_request_without_letter_cannot_be_approved_through_the_page(client_as, org, policy):
    request = services.request_save(
        request=RequestFactory.build(host_department=org.dept_a, letter_reference=""), user=org.users["dept_a"]
    )
    response = client_as("leader").post(
        reverse("reception:request-decide", args=[request.pk]), {"decision": "approve", "comment": "同意"}
    )
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == ReceptionRequest.Status.SUBMITTED


@pytest.mark.parametrize(
    "role, status",
    [("admin", 302), ("office", 403), ("leader", 302), ("dept_a", 403), ("dept_b", 403), ("viewer", 403)],
)
def test_sign_off_with_findings_matrix(client_as, org, policy, role, status):
    record = _record(org.dept_a, letter_reference="")
    response = client_as(role).post(
        reverse("reception:record-sign-off", args=[record.pk]), {"justification": "特殊情况，已报备"}
    )
    assert response.status_code == status
    record.refresh_from_db()
    assert record.is_signed_off is (status == 302)


def test_sign_off_with_findings_needs_text(client_as, org, policy):
    record = _record(org.dept_a, letter_reference="")
    client_as("leader").post(reverse("reception:record-sign-off", args=[record.pk]), {"justification": ""})
    record.refresh_from_db()
    assert not record.is_signed_off


@pytest.mark.parametrize("role, status", [("leader", 302), ("office", 403), ("dept_a", 403)])
def test_cap_override_matrix(client_as, org, policy, role, status):
    BudgetFactory(department=org.dept_a, amount=Decimal("10.00"))
    record = _record(org.dept_a)
    assert record.over_cap
    response = client_as(role).post(reverse("reception:record-override", args=[record.pk]), {"reason": "上级检查"})
    assert response.status_code == status
    record.refresh_from_db()
    assert record.over_cap is (status != 302)


def test_cap_warning_message_after_save(client_as, org, policy):
    BudgetFactory(department=org.dept_a, amount=Decimal("350.00"))
    response = client_as("dept_a").post(reverse("reception:record-create"), record_post(org.dept_a), follow=True)
    assert any(m.level_tag == "warning" and "85.7" in m.message for m in response.context["messages"])


def test_attachments_are_checked_by_content_and_size_and_served_with_permission(client_as, org, policy, settings):
    # Only the settings fixture: mixed with @override_settings, its restore would leave the decorator's value behind.
    settings.UPLOAD_MAX_BYTES = 1024
    settings.MEDIA_ROOT = settings.BASE_DIR / "var" / "test-media"
    record = _record(org.dept_a)
    client = client_as("dept_a")
    url = reverse("reception:attachment-upload", args=[record.pk])
    client.post(url, {"file": SimpleUploadedFile("发票.pdf", b"MZ not a pdf at all", content_type="application/pdf")})
    client.post(url, {"file": SimpleUploadedFile("big.pdf", PDF + b"0" * 2048, content_type="application/pdf")})
    assert not Attachment.objects.exists()
    client.post(url, {"file": SimpleUploadedFile("发票.pdf", PDF, content_type="application/pdf")})
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    download = reverse("reception:attachment-download", args=[attachment.pk])
    response = client.get(download)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    assert client_as("dept_b").get(download).status_code == 403
    assert client_as("dept_b").post(url, {"file": SimpleUploadedFile("x.pdf", PDF)}).status_code == 403


def test_export_xlsx_has_the_reception_list_with_exact_money(client_as, org, policy):
    _record(org.dept_a, visiting_unit="宁德市港航局", other_cost=Decimal("0.10"))
    _record(org.dept_b, visiting_unit="不该出现的单位")
    response = client_as("dept_a").get(reverse("reception:record-list") + "?export=xlsx")
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][1] == "宁德市港航局"
    assert Decimal(str(rows[1][11])) == Decimal("150.10")
    assert len(list(book.worksheets[1].iter_rows(values_only=True))) == 2


def _csv(text):
    return SimpleUploadedFile("caps.csv", text.encode("utf-8"), content_type="text/csv")


def test_budget_import_rejects_non_numeric_money_and_saves_nothing(client_as, org):
    client = client_as("office")
    content = f"year,department,amount\n2026,{org.dept_a.name},12000\n2026,{org.dept_b.name},一万二\n"
    response = client.post(reverse("reception:budget-import"), {"file": _csv(content)}, HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert response.status_code == 200 and "Row 3" in body and "一万二" in body and "Nothing was imported" in body
    assert not Budget.objects.exists()
    content = f"year,department,amount\n2026,{org.dept_a.name},12000\n2026,,80000.50\n"
    response = client.post(reverse("reception:budget-import"), {"file": _csv(content)})
    assert response.status_code == 302
    assert Budget.objects.get(department=None).amount == Decimal("80000.50")
    assert client_as("dept_a").get(reverse("reception:budget-import")).status_code == 403


def test_queue_shows_records_with_findings(client_as, org, policy):
    _record(org.dept_a, visiting_unit="缺公函单位", letter_reference="")
    _record(org.dept_a, visiting_unit="合规单位")
    body = client_as("office").get(reverse("reception:queue")).content.decode()
    assert "缺公函单位" in body and "合规单位" not in body


@pytest.mark.parametrize(
    "name",
    ["home", "queue", "report", "request-list", "record-list", "policy-list", "budget-list", "record-create"],
)
def test_pages_render_for_office(client_as, org, policy, name):
    assert client_as("office").get(reverse(f"reception:{name}")).status_code == 200


@pytest.mark.parametrize("role", ["office", "leader", "dept_a"])
def test_home_panels_render(client_as, org, policy, role):
    BudgetFactory(department=org.dept_a, amount=Decimal("200.00"))
    _record(org.dept_a, letter_reference="")
    body = client_as(role).get(reverse("home")).content.decode()
    assert 'id="reception-panel"' in body


def test_policy_edit_is_for_office_only(client_as, org, policy):
    assert client_as("office").get(reverse("reception:policy-update", args=[policy.pk])).status_code == 200
    assert client_as("dept_a").get(reverse("reception:policy-update", args=[policy.pk])).status_code == 403
    assert client_as("leader").get(reverse("reception:policy-create")).status_code == 403


@pytest.mark.parametrize("name", ["record-list", "queue", "report", "home"])
def test_query_count_does_not_grow_with_rows(client_as, org, policy, name):
    client = client_as("office")
    url = reverse(f"reception:{name}")
    _record(org.dept_a, letter_reference="")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(8):
        _record(org.dept_b, letter_reference="")
        _record(org.dept_a)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)


def test_anonymous_is_sent_to_login(client, org):
    response = client.get(reverse("reception:record-list"))
    assert response.status_code == 302 and "/accounts/login/" in response.url

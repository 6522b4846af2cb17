"""Imports: good xlsx and csv files (UTF-8 with or without BOM, GBK), Chinese or English headings, a broken file
with errors by row and column and nothing saved, the wrong file type, and the department rule."""

import datetime
import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from registers import imports
from registers.models import Meeting, ServiceCase, Trip
from registers.resources import MeetingResource, ServiceCaseResource, TripResource

from .factories import VehicleFactory

CASES_ZH = (
    "科室,受理编号,事项,申请人,受理日期,承诺天数,办结日期\n"
    "{a},SL001,企业开办登记,闽江食品,2026-03-02,5,2026-03-06\n"
    "{b},SL002,临时占道审批,林某某,2026/3/3,3,\n"
)


def _cases_csv(org):
    return CASES_ZH.format(a=org.dept_a.name, b=org.dept_b.name)


@pytest.fixture
def chinese():
    with translation.override("zh-hans"):
        yield


def run(resource, content, name, user, commit=True):
    return imports.register_import(resource_class=resource, content=content, name=name, user=user, commit=commit)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_every_encoding_excel_writes_imports(org, chinese, encoding):
    outcome = run(ServiceCaseResource, _cases_csv(org).encode(encoding), "cases.csv", org.users["office"])
    assert outcome.ok, outcome.errors
    assert outcome.committed
    case = ServiceCase.objects.get(reference="SL001")
    assert case.department == org.dept_a and case.matter == "企业开办登记" and case.promised_days == 5
    assert case.due == datetime.date(2026, 3, 7)
    assert ServiceCase.objects.get(reference="SL002").received == datetime.date(2026, 3, 3)


def test_xlsx_with_english_headings_and_traditional_department_name_imports(org):
    dataset = tablib.Dataset(headers=["Department", "Date", "Title", "Kind", "Attendees", "Duration (minutes)"])
    dataset.append(["第一管理隊", datetime.date(2026, 3, 5), "隊務會", "工作會議", 12, 45])  # Traditional script
    with translation.override("en"):
        outcome = run(MeetingResource, dataset.export("xlsx"), "meetings.xlsx", org.users["office"])
    assert outcome.ok, outcome.errors
    meeting = Meeting.objects.get()
    assert meeting.department == org.dept_b and meeting.kind == Meeting.Kind.WORKING and meeting.attendees == 12


def test_reimporting_an_export_updates_instead_of_duplicating(org, chinese):
    run(ServiceCaseResource, _cases_csv(org).encode(), "cases.csv", org.users["office"])
    exported = imports.dataset_export(
        resource_class=ServiceCaseResource,
        queryset=ServiceCase.objects.all(),
        user=org.users["office"],
        file_format="csv",
    )
    assert exported.startswith("\ufeff".encode())
    text = exported.decode("utf-8-sig").replace("临时占道审批", "临时占道审批（延期）")
    outcome = run(ServiceCaseResource, text.encode("gbk"), "export.csv", org.users["office"])
    assert outcome.ok and outcome.totals["update"] + outcome.totals["unchanged"] == 2 and outcome.totals["new"] == 0
    assert ServiceCase.objects.count() == 2
    assert ServiceCase.objects.filter(matter="临时占道审批（延期）").exists()


def test_broken_file_lists_every_error_by_row_and_column_and_saves_nothing(org, chinese):
    content = (
        "科室,受理编号,事项,受理日期,承诺天数,办结日期\n"
        f"{org.dept_a.name},SL101,好的一行,2026-03-02,5,\n"
        "不存在的科室,SL102,未知科室,2026-03-02,六,\n"
        f"{org.dept_a.name},SL103,日期错误,2026-13-45,5,\n"
        f"{org.dept_a.name},SL104,天数错误,2026-03-02,五天,\n"
        f"{org.dept_a.name},SL105,办结早于受理,2026-03-10,5,2026-03-01\n"
    ).encode("gbk")
    outcome = run(ServiceCaseResource, content, "broken.csv", org.users["office"])
    assert not outcome.committed
    assert ServiceCase.objects.count() == 0
    column = ServiceCaseResource.build().column_of
    found = {(e.row, e.column) for e in outcome.errors}
    assert (3, column("department")) in found
    assert (3, column("promised_days")) in found  # every cell of an unmatched row is still checked
    assert (4, column("received")) in found
    assert (5, column("promised_days")) in found
    assert any(e.row == 6 for e in outcome.errors)
    messages = " ".join(e.message for e in outcome.errors)
    assert "不存在的科室" in messages and "2026-13-45" in messages and "五天" in messages


@pytest.mark.parametrize(
    "content, name",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "cases.pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "cases.xls"),
        (b"PK\x03\x04 not really a workbook", "cases.xlsx"),
        (b"\xff\xfe\x00\xd8\x00\xdc\x80\x81", "cases.csv"),
        ("科室,受理编号\n".encode(), "empty.csv"),
        ("事项,申请人\n企业开办登记,林某某\n".encode(), "no-keys.csv"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(org, chinese, content, name):
    with pytest.raises(imports.ImportFileError) as error:
        run(ServiceCaseResource, content, name, org.users["office"])
    assert str(error.value)
    assert ServiceCase.objects.count() == 0


def test_department_contact_may_import_only_own_department(org, chinese):
    outcome = run(ServiceCaseResource, _cases_csv(org).encode(), "cases.csv", org.users["dept_a"])
    assert not outcome.committed and ServiceCase.objects.count() == 0
    assert [(e.row, e.column) for e in outcome.errors] == [(3, ServiceCaseResource.build().column_of("department"))]


def test_trip_import_flags_off_hours_trips(org, chinese):
    car = VehicleFactory(department=org.dept_a, plate="闽A·G0001")
    content = (
        "车牌号,开始,结束,驾驶员,用途,审批单号\n"
        f"{car.plate},2026-03-14 09:00,2026-03-14 11:00,{org.people['dept_a'].name},周末送文件,\n"
        f"{car.plate},2026-03-11 09:00,2026-03-11 11:00,{org.people['dept_a'].name},送文件,\n"
    ).encode("gb18030")
    outcome = run(TripResource, content, "trips.csv", org.users["dept_a"])
    assert outcome.ok, outcome.errors
    flagged = Trip.objects.get(purpose="周末送文件")
    assert flagged.is_flagged and flagged.department == org.dept_a
    assert not Trip.objects.get(purpose="送文件").is_flagged


def test_import_page_previews_then_commits(client_as, org):
    client = client_as("office")
    url = reverse("registers:record-import", args=["cases"])
    upload = SimpleUploadedFile("cases.csv", _cases_csv(org).encode("gbk"), content_type="text/csv")
    response = client.post(url, {"file": upload}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="import-preview"' in body and "SL001" in body
    assert ServiceCase.objects.count() == 0  # a preview saves nothing
    token = response.context["token"]
    response = client.post(url, {"token": token})
    assert response.status_code == 302
    assert ServiceCase.objects.count() == 2
    # The same token cannot be used twice.
    client.post(url, {"token": token})
    assert ServiceCase.objects.count() == 2


def test_import_page_shows_errors_and_offers_no_commit(client_as, org):
    client = client_as("office")
    content = "科室,受理编号,事项,受理日期,承诺天数\n不存在的科室,SL1,事项,2026-03-02,5\n".encode("gbk")
    response = client.post(
        reverse("registers:record-import", args=["cases"]),
        {"file": SimpleUploadedFile("bad.csv", content)},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    body = response.content.decode()
    assert 'id="import-errors"' in body and "不存在的科室" in body
    assert 'id="import-commit"' not in body


def test_export_follows_the_filter(client_as, org, chinese):
    run(ServiceCaseResource, _cases_csv(org).encode(), "cases.csv", org.users["office"])
    client = client_as("office")
    response = client.get(
        reverse("registers:record-export", args=["cases"]), {"department": org.dept_b.pk, "format": "xlsx"}
    )
    assert response.status_code == 200
    dataset = tablib.Dataset().load(io.BytesIO(response.content), format="xlsx")
    assert len(dataset) == 1 and "SL002" in dataset[0]

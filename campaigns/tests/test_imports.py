"""Spreadsheet import and export of measures and readings: encodings, name matching, row errors, all or nothing."""

import datetime
from decimal import Decimal

import pytest
import tablib
from django.urls import reverse
from django.utils import translation

from campaigns.models import IndicatorReading, Measure
from campaigns.resources import IndicatorReadingResource, MeasureResource, import_file

from .factories import IndicatorFactory, MeasureFactory
from .files import PNG, xlsx_bytes

HEADER = "支柱,措施,牵头科室,开始,完成时限,权重\n"
GOOD_ROWS = (
    "学习型机关,组织集中学习,景区管理站,2026-01-01,2026-06-30,2\n学习型机关,开展调研,第一管理队,2026/3/1,2026/9/30,\n"
)


def run(org, content, *, dry_run=False, resource=MeasureResource, name="measures.csv"):
    # Labels and messages are asserted in English; the import itself accepts headers in any language.
    with translation.override("en"):
        return _run(org, content, dry_run=dry_run, resource=resource, name=name)


def _run(org, content, *, dry_run, resource, name):
    return import_file(
        resource_class=resource,
        campaign=org.campaign,
        user=org.users["office"],
        content=content,
        name=name,
        dry_run=dry_run,
    )


@pytest.mark.django_db
class TestMeasureImport:
    def test_good_utf8_csv_creates_measures_with_history(self, org, pillar):
        report = run(org, (HEADER + GOOD_ROWS).encode("utf-8"))
        assert report.ok and report.committed, report.errors
        assert report.totals == {"new": 2}
        measure = Measure.objects.get(title="组织集中学习")
        assert measure.lead_department == org.dept_a
        assert measure.due == datetime.date(2026, 6, 30)
        assert measure.weight == Decimal("2")
        assert Measure.objects.get(title="开展调研").weight == Decimal("1")
        assert measure.history.count() == 1

    def test_utf8_with_bom_and_english_headers(self, org, pillar):
        content = "\ufeffpillar,title,lead_department,due\n学习型机关,组织集中学习,景区管理站,2026-06-30\n"
        report = run(org, content.encode("utf-8"))
        assert report.committed, (report.file_error, report.errors)
        assert Measure.objects.filter(pillar=pillar, title="组织集中学习").exists()

    def test_gbk_csv_as_excel_writes_it(self, org, pillar):
        report = run(org, (HEADER + GOOD_ROWS).encode("gbk"))
        assert report.committed, (report.file_error, report.errors)
        assert set(Measure.objects.values_list("title", flat=True)) == {"组织集中学习", "开展调研"}

    def test_traditional_headers_and_names_match(self, org, pillar):
        content = "支柱,措施,牽頭科室\n學習型機關,組織集中學習,景區管理站\n"
        report = run(org, content.encode("utf-8"))
        assert report.committed, (report.file_error, report.errors)
        assert Measure.objects.get().lead_department == org.dept_a

    def test_xlsx(self, org, pillar):
        rows = [
            ("支柱", "措施", "牵头科室", "完成时限"),
            ("学习型机关", "组织集中学习", "第一管理队", datetime.date(2026, 5, 1)),
        ]
        report = run(org, xlsx_bytes(rows), name="measures.xlsx")
        assert report.committed, (report.file_error, report.errors)
        measure = Measure.objects.get()
        assert (measure.lead_department, measure.due) == (org.dept_b, datetime.date(2026, 5, 1))

    def test_existing_measure_is_updated_by_pillar_and_title(self, org, pillar):
        measure = MeasureFactory(pillar=pillar, title="组织集中学习", lead_department=None, detail="原有说明")
        report = run(org, (HEADER + GOOD_ROWS).encode("utf-8"))
        assert report.totals == {"new": 1, "update": 1}
        measure.refresh_from_db()
        assert measure.lead_department == org.dept_a
        assert measure.detail == "原有说明"  # an absent column leaves the value alone
        assert measure.version == 2

    def test_dry_run_saves_nothing(self, org, pillar):
        report = run(org, (HEADER + GOOD_ROWS).encode("utf-8"), dry_run=True)
        assert report.ok and not report.committed
        assert report.totals == {"new": 2}
        assert [kind for _n, kind, _v in report.preview] == ["new", "new"]
        assert not Measure.objects.exists()

    def test_broken_file_lists_errors_by_row_and_column_and_saves_nothing(self, org, pillar):
        content = (
            HEADER
            + "学习型机关,正常的一行,景区管理站,2026-01-01,2026-06-30,1\n"
            + "不存在的支柱,措施甲,景区管理站,2026-01-01,2026-06-30,1\n"
            + "学习型机关,措施乙,不存在的科室,2026-01-01,明天,x\n"
            + "学习型机关,措施丙,景区管理站,2026-07-01,2026-06-30,1\n"
            + "学习型机关,正常的一行,第一管理队,,,\n"
        )
        report = run(org, content.encode("utf-8"))
        assert not report.committed
        errors = {(row, column) for row, column, _message in report.errors}
        assert errors == {(3, "Pillar"), (4, "Lead department"), (4, "Due"), (4, "Weight"), (5, "Due"), (6, "Measure")}
        assert not Measure.objects.exists()

    def test_errors_are_in_the_users_language(self, org, pillar):
        with translation.override("en"):
            report = _run(
                org,
                (HEADER + "学习型机关,措施乙,不存在的科室\n").encode("utf-8"),
                dry_run=True,
                resource=MeasureResource,
                name="m.csv",
            )
        assert report.errors == [(2, "Lead department", "No department named “不存在的科室”.")]

    def test_picture_is_not_a_spreadsheet(self, org, pillar):
        report = run(org, PNG, name="measures.csv")
        assert report.file_error and not report.committed
        assert not Measure.objects.exists()

    def test_missing_key_column_is_reported(self, org, pillar):
        report = run(org, "措施,牵头科室\n组织学习,景区管理站\n".encode())
        assert "Pillar" in report.file_error or "支柱" in report.file_error

    def test_export_reimports_unchanged(self, org, pillar):
        MeasureFactory(pillar=pillar, title="组织集中学习", lead_department=org.dept_a)
        dataset = MeasureResource(campaign=org.campaign).export(queryset=Measure.objects.all())
        report = run(org, ("\ufeff" + dataset.export("csv")).encode("utf-8"))
        assert report.committed, report.errors
        assert report.totals == {"update": 1}
        assert Measure.objects.count() == 1


@pytest.mark.django_db
class TestReadingImport:
    def test_readings_by_indicator_and_department_name(self, org, pillar):
        indicator = IndicatorFactory(pillar=pillar, name="每月集中学习次数")
        content = (
            "指标,科室,期间开始,期间结束,数值\n"
            "每月集中学习次数,景区管理站,2026-10-01,2026-10-31,4\n"
            "每月集中学习次数,,2026-10-01,,5\n"
        )
        report = run(org, content.encode("gb18030"), resource=IndicatorReadingResource)
        assert report.committed, (report.file_error, report.errors)
        assert IndicatorReading.objects.get(department=org.dept_a).value == Decimal("4")
        whole = IndicatorReading.objects.get(indicator=indicator, department=None)
        assert whole.period_end == datetime.date(2026, 10, 31)
        again = run(org, content.encode("gb18030"), resource=IndicatorReadingResource)
        assert again.totals == {"update": 2}

    def test_bad_value_saves_nothing(self, org, pillar):
        IndicatorFactory(pillar=pillar, name="每月集中学习次数")
        content = (
            "indicator,department,period_start,value\n"
            "每月集中学习次数,景区管理站,2026-10-01,4\n"
            "每月集中学习次数,景区管理站,2026-11-01,很多\n"
        )
        report = run(org, content.encode(), resource=IndicatorReadingResource)
        assert [(row, column) for row, column, _m in report.errors] == [(3, "Value")]
        assert not IndicatorReading.objects.exists()


@pytest.mark.django_db
class TestImportViews:
    def test_dry_run_then_confirm(self, client_as, org, pillar):
        client = client_as("office")
        url = reverse("campaigns:measure-import", args=[org.campaign.pk])
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("m.csv", (HEADER + GOOD_ROWS).encode("gbk"))
        response = client.post(url, {"file": upload})
        assert response.status_code == 200
        assert not Measure.objects.exists()
        confirm = response.context["confirm"]
        response = client.post(url, {"token": confirm.initial["token"], "name": "m.csv"})
        assert response.status_code == 302
        assert Measure.objects.count() == 2
        entry = Measure.objects.get(title="组织集中学习").history.first()
        assert entry.history_user == org.users["office"]

    def test_department_cannot_import(self, client_as, org):
        response = client_as("dept_a").get(reverse("campaigns:measure-import", args=[org.campaign.pk]))
        assert response.status_code == 403

    def test_export_follows_filter(self, client_as, org, pillar):
        MeasureFactory(pillar=pillar, title="A的措施", lead_department=org.dept_a)
        MeasureFactory(pillar=pillar, title="B的措施", lead_department=org.dept_b)
        client = client_as("office")
        response = client.get(reverse("campaigns:measure-export"), {"lead_department": org.dept_b.pk, "format": "csv"})
        text = response.content.decode("utf-8")
        assert text.startswith("\ufeff")
        assert "B的措施" in text and "A的措施" not in text
        response = client.get(reverse("campaigns:measure-export"), {"format": "xlsx"})
        data = tablib.Dataset().load(response.content, format="xlsx")
        assert len(data) == 2

    def test_department_export_contains_only_own(self, client_as, org, pillar):
        MeasureFactory(pillar=pillar, title="A的措施", lead_department=org.dept_a)
        MeasureFactory(pillar=pillar, title="B的措施", lead_department=org.dept_b)
        text = client_as("dept_a").get(reverse("campaigns:measure-export"), {"format": "csv"}).content.decode()
        assert "A的措施" in text and "B的措施" not in text

"""The progress report: its text (six pillars in Chinese, figures matching the database), xlsx and command."""

import re
from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from campaigns.selectors import campaign_progress, pillar_progress
from dashboards import exports, reports
from dashboards.services import ReportError, report_pdf

from .conftest import PILLARS


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def test_report_names_the_six_pillars_in_chinese_and_its_figures_match_the_database(plan):
    content, pages = report_pdf(campaign=plan.campaign)
    text = _text(content)
    assert pages >= 8  # cover, summary, six pillars, overdue, indicators...
    for _type, name in PILLARS:
        assert name in text
    # Overall progress, as the campaigns app computes it on its own.
    assert f"{campaign_progress(campaign=plan.campaign)}%" in text
    for pillar in pillar_progress(campaign=plan.campaign):
        assert f"{pillar.progress:.1f}%" in text
    # Both overdue measures are listed with their department and days late.
    assert "精简会议文件" in text and "学习型干部培养" in text
    assert re.search(r"精简会议文件.*景区管理站.*leader人", text.replace("\n", " "))
    assert "平均办结天数" in text  # the indicator
    assert f"— 2 / {pages} —" in text and f"— {pages} / {pages} —" in text  # the cover has no number


def test_report_counts_are_those_of_the_database(plan):
    figures = reports.report_context(campaign=plan.campaign)
    assert figures["measure_total"] == 8
    assert figures["done_total"] == 1
    assert figures["light_totals"]["red"] == 2
    assert [m.title for m in figures["overdue"]] == ["精简会议文件", "学习型干部培养"]
    assert {p.name: p.progress for p in figures["pillars"]} == {
        p.name: (p.progress.quantize(figures["progress"]) if p.progress is not None else None)
        for p in pillar_progress(campaign=plan.campaign)
    }
    ranking = {d.name: d for d in figures["departments"]}
    assert ranking["景区管理站"].done_on_time == 1 and ranking["景区管理站"].overdue == 1
    assert ranking["景区管理站"].rank == 1  # 1 of 2 due so far done on time, against 0 of 1 for B


def test_department_report_shows_only_that_department(plan):
    content, _pages = report_pdf(campaign=plan.campaign, department=plan.org.dept_b)
    text = _text(content)
    assert "学习型干部培养" in text and "服务群众走访" in text
    assert "精简会议文件" not in text and "理论学习中心组学习" not in text
    assert "第一管理队" in text


def test_report_of_a_campaign_without_pillars_fails_with_a_reason(org):
    with pytest.raises(ReportError, match="no pillars"):
        report_pdf(campaign=org.campaign)


def test_pdf_names_the_cjk_font_in_every_font_list():
    from pathlib import Path

    from django.conf import settings

    template = Path(settings.BASE_DIR, "templates/dashboards/pdf/report.html").read_text()
    families = re.findall(r"font-family:\s*([^;]+);", template)
    assert families and all('"Noto Sans CJK SC"' in family for family in families)
    boxes = [line for line in template.splitlines() if re.search(r"@(top|bottom)-", line)]
    assert len(boxes) >= 4
    for line in boxes:
        assert '"Noto Sans CJK SC"' in line or "content: none" in line


def test_xlsx_export_has_the_same_figures(plan):
    figures = reports.report_context(campaign=plan.campaign)
    book = load_workbook(BytesIO(exports.workbook_bytes(figures)))
    assert {"Pillars", "Measures", "Overdue", "Departments", "Indicators"} <= set(book.sheetnames) or len(
        book.sheetnames
    ) >= 9
    pillars = list(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in pillars] == [name for _type, name in PILLARS]
    assert len(list(book.worksheets[2].iter_rows(min_row=2))) == 8  # every measure
    assert len(list(book.worksheets[3].iter_rows(min_row=2))) == 2  # overdue


def test_render_report_command_writes_a_pdf(plan, tmp_path):
    output = tmp_path / "out" / "report.pdf"
    stdout = StringIO()
    call_command(
        "render_report",
        "--campaign",
        str(plan.campaign.pk),
        "--department",
        str(plan.org.dept_a.pk),
        "--output",
        str(output),
        stdout=stdout,
    )
    assert output.read_bytes().startswith(b"%PDF")
    assert "景区管理站" in _text(output.read_bytes())
    with pytest.raises(CommandError):
        call_command("render_report", "--campaign", "999999", "--output", str(output))

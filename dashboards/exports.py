"""The report's figures as chart data for the dashboard and as an xlsx workbook for the office and leaders."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from campaigns.choices import Light

LIGHT_COLOURS = {
    Light.RED: "#dc3545",
    Light.YELLOW: "#ffc107",
    Light.BLUE: "#0d6efd",
    Light.GREEN: "#198754",
    Light.GREY: "#adb5bd",
}


def _number(value):
    return None if value is None else float(value)


def chart_data(figures: dict) -> dict:
    """What static/js/dashboards.js draws: pillar progress bars and the traffic-light doughnut."""
    return {
        "pillars": {
            "labels": [p.name for p in figures["pillars"]],
            "ids": [p.pk for p in figures["pillars"]],
            "progress": [_number(p.progress) or 0 for p in figures["pillars"]],
            "label": _("Weighted progress (%)"),
        },
        "lights": {
            "keys": list(figures["light_totals"].keys()),
            "labels": [str(figures["light_labels"][k]) for k in figures["light_totals"]],
            "values": list(figures["light_totals"].values()),
            "colours": [LIGHT_COLOURS[k] for k in figures["light_totals"]],
        },
    }


def _text(value):
    if value is None:
        return ""
    return str(value)


def _sheet(workbook, title, header, rows):
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([str(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True, name="Noto Sans CJK SC")
        cell.fill = PatternFill("solid", fgColor="F1F3F5")
        cell.alignment = Alignment(vertical="center")
    for row in rows:
        sheet.append(list(row))
    for index, heading in enumerate(header, start=1):
        width = max([len(str(heading))] + [len(_text(r[index - 1])) for r in rows[:200]] + [6])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, width * 1.6 + 2)
    sheet.freeze_panes = "A2"
    return sheet


def workbook_bytes(figures: dict) -> bytes:
    """One sheet per part of the report, with the same figures as the PDF."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    campaign, department = figures["campaign"], figures["department"]
    _sheet(
        workbook,
        _("Summary"),
        [_("Item"), _("Value")],
        [
            (_("Campaign"), campaign.title),
            (_("Department"), department.name if department else _("whole campaign")),
            (_("As of"), figures["as_of"]),
            (_("Weighted progress (%)"), _number(figures["progress"])),
            (_("Measures"), figures["measure_total"]),
            (_("Done"), figures["done_total"]),
            *[(str(figures["light_labels"][k]), v) for k, v in figures["light_totals"].items()],
            *[(str(figures["status_labels"][k]), v) for k, v in figures["status_counts"].items()],
        ],
    )
    _sheet(
        workbook,
        _("Pillars"),
        [_("Pillar"), _("Leader in charge"), _("Measures"), _("Done"), _("Overdue"), _("Weighted progress (%)")],
        [
            (
                p.name,
                p.leader_in_charge.name if p.leader_in_charge_id else "",
                p.measure_count,
                p.done_count,
                p.lights["red"],
                _number(p.progress),
            )
            for p in figures["pillars"]
        ],
    )
    _sheet(
        workbook,
        _("Measures"),
        [
            _("Pillar"),
            _("Measure"),
            _("Department"),
            _("Leader in charge"),
            _("Due"),
            _("Status"),
            _("Traffic light"),
            _("Progress (%)"),
            _("Weight"),
        ],
        [
            (
                p.name,
                m.title,
                m.lead_department.name if m.lead_department_id else "",
                m.leader_name,
                m.due,
                m.get_status_display(),
                str(figures["light_labels"].get(m.light, m.light)),
                m.progress,
                _number(m.weight),
            )
            for p in figures["pillars"]
            for m in p.measure_rows
        ],
    )
    _sheet(
        workbook,
        _("Overdue"),
        [
            _("Measure"),
            _("Pillar"),
            _("Department"),
            _("Leader in charge"),
            _("Due"),
            _("Days late"),
            _("Progress (%)"),
        ],
        [
            (
                m.title,
                m.pillar.name,
                m.lead_department.name if m.lead_department_id else "",
                m.leader_name,
                m.due,
                (figures["as_of"] - m.due).days,
                m.progress,
            )
            for m in figures["overdue"]
        ],
    )
    _sheet(
        workbook,
        _("Departments"),
        [
            _("Rank"),
            _("Department"),
            _("Leader in charge"),
            _("Measures"),
            _("Due so far"),
            _("Done on time"),
            _("Overdue"),
            _("On-time rate (%)"),
        ],
        [
            (
                d.rank,
                d.name,
                d.leader_name or "",
                d.total,
                d.due_so_far,
                d.done_on_time,
                d.overdue,
                _number(d.on_time_rate),
            )
            for d in figures["departments"]
        ],
    )
    _sheet(
        workbook,
        _("Indicators"),
        [_("Indicator"), _("Pillar"), _("Unit"), _("Target"), _("Latest"), _("Period"), _("Status")],
        [
            (
                i.name,
                i.pillar.name,
                i.unit,
                _number(i.target),
                _number(i.latest_value),
                i.latest_period,
                str(figures["indicator_status_labels"].get(i.status, i.status)),
            )
            for i in figures["indicators"]
        ],
    )
    _sheet(
        workbook,
        _("Three in place"),
        [_("Check"), _("Confirmed"), _("Confirmed on"), _("Note")],
        [
            (
                str(c["label"]),
                _("yes") if c["confirmed"] else _("no"),
                c["confirmed_at"].date() if c["confirmed_at"] else None,
                c["note"],
            )
            for c in figures["checks"]
        ],
    )
    from .reports import evaluation_rows, reception_rows

    header, rows = reception_rows(figures["reception"])
    _sheet(workbook, _("Reception"), header, rows)
    header, rows = evaluation_rows(figures["evaluations"])
    _sheet(workbook, _("Evaluations"), header, rows)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

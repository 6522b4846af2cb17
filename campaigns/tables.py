"""Sortable, paginated tables of measures and readings (django-tables2)."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from liujiguan.script import for_language

from .choices import IndicatorStatus, Light
from .models import IndicatorReading, Measure

LIGHT_CLASSES = {
    Light.RED: "text-bg-danger",
    Light.YELLOW: "text-bg-warning",
    Light.BLUE: "text-bg-primary",
    Light.GREEN: "text-bg-success",
    Light.GREY: "text-bg-secondary",
}
STATUS_CLASSES = {
    IndicatorStatus.ON_TRACK: "text-bg-success",
    IndicatorStatus.AT_RISK: "text-bg-warning",
    IndicatorStatus.OFF_TRACK: "text-bg-danger",
    IndicatorStatus.NO_DATA: "text-bg-light",
}


def light_badge(light, done=False):
    label = _("Done") if done else (Light(light).label if light in Light.values else "—")
    return format_html(
        '<span class="badge {} light-badge text-nowrap" data-light="{}">{}</span>',
        LIGHT_CLASSES.get(light, "text-bg-light"),
        light,
        label,
    )


class MeasureTable(tables.Table):
    light = tables.Column(verbose_name=_("Light"), order_by=("light", "due"))
    title = tables.Column(verbose_name=_("Measure"), linkify=True, attrs={"td": {"class": "measure-title"}})
    pillar = tables.Column(verbose_name=_("Pillar"), order_by=("pillar__order", "order"))
    lead_department = tables.Column(
        verbose_name=_("Lead department"),
        order_by=("lead_department__name",),
        empty_values=(),
    )
    due = tables.DateColumn(verbose_name=_("Due"), format="Y-m-d", attrs={"td": {"class": "text-nowrap"}})
    progress = tables.Column(verbose_name=_("Progress"))
    status = tables.Column(verbose_name=_("Status"), attrs={"td": {"class": "text-nowrap small"}})
    update_count = tables.Column(verbose_name=_("Updates"), attrs={"td": {"class": "text-end"}})

    class Meta:
        model = Measure
        fields = ["light", "title", "pillar", "lead_department", "due", "progress", "status", "update_count"]
        attrs = {"class": "table table-sm table-hover align-middle", "id": "measure-table"}
        order_by = ("pillar", "order")
        empty_text = _("No measures match.")

    def render_light(self, value, record):
        return light_badge(value, done=record.status in Measure.DONE_STATUSES)

    def render_lead_department(self, value):
        if value is None:
            return format_html('<span class="badge text-bg-warning">{}</span>', _("Awaiting assignment"))
        return for_language(value.name)

    def render_progress(self, value):
        return format_html(
            '<div class="progress" role="progressbar" aria-valuenow="{0}" aria-valuemin="0" aria-valuemax="100" '
            'style="min-width:5rem"><div class="progress-bar" style="width:{0}%">{0}%</div></div>',
            value,
        )

    def render_status(self, record):
        return record.get_status_display()

    def value_lead_department(self, value):
        return value.name if value else ""


class ReadingTable(tables.Table):
    indicator = tables.Column(verbose_name=_("Indicator"), linkify=lambda record: record.indicator.get_absolute_url())
    department = tables.Column(verbose_name=_("Department"), default=_("Whole organ"))
    period_start = tables.DateColumn(verbose_name=_("Period start"), format="Y-m-d")
    period_end = tables.DateColumn(verbose_name=_("Period end"), format="Y-m-d")
    value = tables.Column(verbose_name=_("Value"), attrs={"td": {"class": "text-end"}})
    target = tables.Column(verbose_name=_("Target"), accessor="indicator__target", attrs={"td": {"class": "text-end"}})
    status = tables.Column(verbose_name=_("Status"))
    is_automatic = tables.BooleanColumn(verbose_name=_("computed"))

    class Meta:
        model = IndicatorReading
        fields = ["indicator", "department", "period_start", "period_end", "value", "target", "status", "is_automatic"]
        attrs = {"class": "table table-sm table-hover align-middle", "id": "reading-table"}
        order_by = ("-period_start",)
        empty_text = _("No readings yet.")

    def render_status(self, value):
        return format_html(
            '<span class="badge {}">{}</span>', STATUS_CLASSES.get(value, "text-bg-light"), IndicatorStatus(value).label
        )

    def render_department(self, value):
        return for_language(value.name)

"""Small helpers for the dashboards and the PDF report: percentages, progress bars, days late, links."""

from decimal import Decimal

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from campaigns.choices import IndicatorStatus

register = template.Library()


@register.filter
def pct(value):
    """A percentage with one decimal, or a dash when there is nothing to measure."""
    if value is None or value == "":
        return "—"
    return f"{Decimal(value):.1f}%"


@register.filter
def cssstring(value):
    """Text safe inside a double-quoted CSS string (the PDF's page-margin boxes)."""
    text = str(value or "").replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3C ")
    return mark_safe(text)  # noqa: S308 (escaped for the CSS string context above)


@register.simple_tag
def bar(value, tone=None):
    """A progress bar that renders in WeasyPrint and the browser alike (no script). Progress is coloured by how far
    it got; spending against a cap by the level the reception app gives it (`tone`)."""
    number = float(value) if value is not None else 0.0
    number = max(0.0, min(100.0, number))
    if tone:
        tone = f"spend-{tone}"
    else:
        tone = "low" if number < 30 else "mid" if number < 70 else "high"
    return format_html(
        '<div class="bar {}" role="progressbar" aria-valuenow="{}" aria-valuemin="0" aria-valuemax="100">'
        '<span style="width: {}%"></span></div>',
        tone,
        f"{number:.0f}",
        f"{number:.1f}",
    )


@register.simple_tag
def days_between(earlier, later):
    if not earlier or not later:
        return ""
    return (later - earlier).days


@register.simple_tag
def indicator_label(status):
    return dict(IndicatorStatus.choices).get(status, status)


@register.simple_tag
def measure_list_url(campaign=None, **params):
    """The campaigns measure list with its filter parameters (pillar, lead_department, status, light, overdue,
    due_within); empty values are dropped."""
    query = {key: value for key, value in params.items() if value not in (None, "")}
    base = None
    if campaign is not None:
        try:
            base = reverse("campaigns:measure-list", args=[getattr(campaign, "pk", campaign)])
        except NoReverseMatch:
            query = {"campaign": getattr(campaign, "pk", campaign), **query}
    if base is None:
        try:
            base = reverse("campaigns:measure-list")
        except NoReverseMatch:
            return "#"
    return f"{base}?{urlencode(query)}" if query else base

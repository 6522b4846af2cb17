"""Admin for campaigns, pillars, measures, progress and indicators."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Campaign,
    CampaignCheck,
    Evidence,
    Indicator,
    IndicatorReading,
    Measure,
    Milestone,
    Pillar,
    ProgressUpdate,
)


class PillarInline(admin.TabularInline):
    model = Pillar
    extra = 0
    fields = ["order", "type", "name", "slogan", "leader_in_charge"]
    autocomplete_fields = ["leader_in_charge"]


class CampaignCheckInline(admin.TabularInline):
    model = CampaignCheck
    extra = 0
    fields = ["kind", "confirmed_by", "confirmed_at", "note"]
    readonly_fields = ["confirmed_by", "confirmed_at"]


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "status", "is_current"]
    list_filter = ["status", "is_current", "year"]
    search_fields = ["title"]
    inlines = [CampaignCheckInline, PillarInline]


@admin.register(Pillar)
class PillarAdmin(SimpleHistoryAdmin):
    list_display = ["name", "type", "campaign", "order", "leader_in_charge"]
    list_filter = ["type", "campaign"]
    search_fields = ["name", "slogan"]
    autocomplete_fields = ["leader_in_charge"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["title", "pillar", "lead_department", "due", "progress", "status"]
    list_filter = ["status", "pillar__campaign", "pillar", "lead_department"]
    search_fields = ["title", "detail"]
    autocomplete_fields = ["lead_department", "responsible_leader"]
    filter_horizontal = ["cooperating_departments"]
    readonly_fields = ["version", "acknowledged_at", "reported_at", "verified_at", "verified_by"]
    list_select_related = ["pillar", "lead_department"]
    inlines = [MilestoneInline]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["original_name", "content_type", "size"]
    readonly_fields = fields


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    list_display = ["measure", "date", "percent", "is_late", "department", "author"]
    list_filter = ["is_late", "department"]
    search_fields = ["measure__title", "note"]
    list_select_related = ["measure", "department", "author"]
    inlines = [EvidenceInline]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "pillar", "unit", "target", "direction", "frequency", "source"]
    list_filter = ["pillar__campaign", "direction", "frequency"]
    search_fields = ["name"]


@admin.register(IndicatorReading)
class IndicatorReadingAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "department", "period_start", "value", "is_automatic"]
    list_filter = ["indicator__pillar__campaign", "is_automatic", "department"]
    search_fields = ["indicator__name", "department__name"]
    list_select_related = ["indicator", "department"]
    date_hierarchy = "period_start"

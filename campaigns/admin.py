"""Admin for campaigns and pillars."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Campaign, Pillar


class PillarInline(admin.TabularInline):
    model = Pillar
    extra = 0
    fields = ["order", "type", "name", "slogan", "leader_in_charge"]
    autocomplete_fields = ["leader_in_charge"]


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "status", "is_current"]
    list_filter = ["status", "is_current", "year"]
    search_fields = ["title"]
    inlines = [PillarInline]


@admin.register(Pillar)
class PillarAdmin(SimpleHistoryAdmin):
    list_display = ["name", "type", "campaign", "order", "leader_in_charge"]
    list_filter = ["type", "campaign"]
    search_fields = ["name", "slogan"]
    autocomplete_fields = ["leader_in_charge"]

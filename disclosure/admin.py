"""Admin for the public portal; every change made here renews the public pages' cache like the services do."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .caching import content_version_bump
from .models import CampaignPublication, Commitment, FeedbackMessage, NewsItem, ReceptionDisclosure, ServicePage


class PublicCacheAdminMixin:
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        content_version_bump()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        content_version_bump()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        content_version_bump()


@admin.register(Commitment)
class CommitmentAdmin(PublicCacheAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "department", "due_date", "status", "is_published", "published_at"]
    list_filter = ["status", "is_published", "department", "campaign"]
    search_fields = ["text", "progress_note", "department__name"]
    autocomplete_fields = ["department"]
    date_hierarchy = "due_date"


@admin.register(ServicePage)
class ServicePageAdmin(PublicCacheAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "slug", "kind", "department", "is_published", "published_at"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["department"]


@admin.register(NewsItem)
class NewsItemAdmin(PublicCacheAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "slug", "is_published", "published_at"]
    list_filter = ["is_published"]
    search_fields = ["title", "slug", "summary", "body"]
    date_hierarchy = "published_at"


@admin.register(CampaignPublication)
class CampaignPublicationAdmin(PublicCacheAdminMixin, admin.ModelAdmin):
    list_display = ["campaign", "is_published", "published_at"]
    list_filter = ["is_published"]
    search_fields = ["campaign__title"]


@admin.register(ReceptionDisclosure)
class ReceptionDisclosureAdmin(PublicCacheAdminMixin, admin.ModelAdmin):
    list_display = ["year", "is_published", "published_at"]
    list_filter = ["is_published"]
    search_fields = ["year"]


@admin.register(FeedbackMessage)
class FeedbackMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "topic", "status", "created", "handled_at"]
    list_filter = ["status", "topic"]
    search_fields = ["subject", "body", "name", "contact"]
    readonly_fields = ["client_hash", "created", "modified"]
    raw_id_fields = ["commitment"]

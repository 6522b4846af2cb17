"""Admin for rounds and their parts. Responses are read-only and show no rater; ballots show only participation."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Ballot, Band, Criterion, FourGoodAward, RaterGroup, Response, Round


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ["name", "scale", "weight", "required", "pillar", "order"]


class RaterGroupInline(admin.TabularInline):
    model = RaterGroup
    extra = 0
    fields = ["name", "weight", "ballots_issued", "order"]


class BandInline(admin.TabularInline):
    model = Band
    extra = 0


@admin.register(Round)
class RoundAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "campaign", "opens_at", "closes_at", "status"]
    list_filter = ["kind", "status", "campaign"]
    search_fields = ["title"]
    filter_horizontal = ["departments"]
    inlines = [CriterionInline, RaterGroupInline, BandInline]


@admin.register(Ballot)
class BallotAdmin(admin.ModelAdmin):
    list_display = ["round", "rater_group", "user", "issued_at", "used_at"]
    list_filter = ["round", "rater_group"]
    search_fields = ["user__username", "user__person__name"]
    readonly_fields = ["token_hash", "used_at"]
    raw_id_fields = ["user"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["round", "department", "criterion", "rater_group", "choice", "value", "submitted_on"]
    list_filter = ["round", "rater_group", "criterion"]
    search_fields = ["department__name", "criterion__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FourGoodAward)
class FourGoodAwardAdmin(SimpleHistoryAdmin):
    list_display = ["department", "campaign", "round", "rank", "score"]
    list_filter = ["campaign"]
    search_fields = ["department__name"]

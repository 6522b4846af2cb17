"""Campaign pages (the plans issue fills in measures, progress and indicators)."""

from django.views.generic import DetailView, ListView

from liujiguan.permissions import ObjectPermissionMixin, PortalPermissionMixin

from .models import Campaign


class CampaignListView(PortalPermissionMixin, ListView):
    model = Campaign
    template_name = "campaigns/campaign_list.html"
    context_object_name = "campaigns"


class CampaignDetailView(ObjectPermissionMixin, DetailView):
    model = Campaign
    template_name = "campaigns/campaign_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pillars"] = self.object.pillars.select_related("leader_in_charge")
        return context

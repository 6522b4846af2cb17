"""URLs of the campaign plans."""

from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("", views.CampaignListView.as_view(), name="campaign-list"),
    path("new/", views.CampaignCreateView.as_view(), name="campaign-create"),
    path("<int:pk>/", views.CampaignDetailView.as_view(), name="campaign-detail"),
    path("<int:pk>/edit/", views.CampaignUpdateView.as_view(), name="campaign-update"),
    path("<int:pk>/checks/<slug:kind>/", views.CampaignCheckView.as_view(), name="campaign-check"),
    path("<int:pk>/default-pillars/", views.CampaignDefaultPillarsView.as_view(), name="campaign-default-pillars"),
    path("<int:campaign_pk>/pillars/new/", views.PillarCreateView.as_view(), name="pillar-create"),
    path("<int:pk>/import/measures/", views.MeasureImportView.as_view(), name="measure-import"),
    path("<int:pk>/import/readings/", views.ReadingImportView.as_view(), name="reading-import"),
    path("pillars/<int:pk>/", views.PillarDetailView.as_view(), name="pillar-detail"),
    path("pillars/<int:pk>/edit/", views.PillarUpdateView.as_view(), name="pillar-update"),
    path("pillars/<int:pk>/delete/", views.PillarDeleteView.as_view(), name="pillar-delete"),
    path("pillars/<int:pk>/reorder/", views.MeasureReorderView.as_view(), name="measure-reorder"),
    path("pillars/<int:pillar_pk>/measures/new/", views.MeasureCreateView.as_view(), name="measure-create"),
    path("pillars/<int:pillar_pk>/indicators/new/", views.IndicatorCreateView.as_view(), name="indicator-create"),
    path("measures/", views.MeasureListView.as_view(), name="measure-list"),
    path("measures/export/", views.MeasureExportView.as_view(), name="measure-export"),
    path("measures/<int:pk>/", views.MeasureDetailView.as_view(), name="measure-detail"),
    path("measures/<int:pk>/edit/", views.MeasureUpdateView.as_view(), name="measure-update"),
    path("measures/<int:pk>/progress/", views.ProgressCreateView.as_view(), name="progress-create"),
    path("measures/<int:pk>/milestones/", views.MilestoneCreateView.as_view(), name="milestone-create"),
    path("measures/<int:pk>/move/<slug:direction>/", views.MeasureMoveView.as_view(), name="measure-move"),
    path("measures/<int:pk>/<slug:step>/", views.MeasureActionView.as_view(), name="measure-action"),
    path("evidence/<int:pk>/", views.EvidenceDownloadView.as_view(), name="evidence-download"),
    path("indicators/<int:pk>/", views.IndicatorDetailView.as_view(), name="indicator-detail"),
    path("indicators/<int:pk>/edit/", views.IndicatorUpdateView.as_view(), name="indicator-update"),
    path("indicators/<int:pk>/readings/", views.ReadingCreateView.as_view(), name="reading-create"),
    path("indicators/<int:pk>/recompute/", views.IndicatorRecomputeView.as_view(), name="indicator-recompute"),
    path("readings/", views.ReadingListView.as_view(), name="reading-list"),
    path("readings/export/", views.ReadingExportView.as_view(), name="reading-export"),
]

"""URLs of the public disclosure portal: public pages first, the office's publishing pages under manage/."""

from django.urls import path

from . import views

app_name = "disclosure"

urlpatterns = [
    path("", views.PublicHomeView.as_view(), name="home"),
    path("campaigns/<int:pk>/", views.PublicCampaignView.as_view(), name="campaign-detail"),
    path("commitments/", views.PublicCommitmentListView.as_view(), name="commitment-list"),
    path("commitments/<int:pk>/", views.PublicCommitmentDetailView.as_view(), name="commitment-detail"),
    path("services/", views.PublicServiceListView.as_view(), name="service-list"),
    path("services/<slug:slug>/", views.PublicServiceDetailView.as_view(), name="service-detail"),
    path("results/", views.PublicResultsView.as_view(), name="results"),
    path("reception/", views.PublicReceptionListView.as_view(), name="reception-list"),
    path("reception/<int:year>/", views.PublicReceptionYearView.as_view(), name="reception-year"),
    path("news/", views.PublicNewsListView.as_view(), name="news-list"),
    path("news.atom", views.news_feed, name="news-feed"),
    path("news/<slug:slug>/", views.PublicNewsDetailView.as_view(), name="news-detail"),
    path("feedback/", views.FeedbackView.as_view(), name="feedback"),
    path("feedback/thanks/", views.FeedbackThanksView.as_view(), name="feedback-thanks"),
    # office pages
    path("manage/", views.ManageHomeView.as_view(), name="manage-home"),
    path("manage/commitments/", views.ManageCommitmentListView.as_view(), name="manage-commitment-list"),
    path("manage/commitments/new/", views.CommitmentCreateView.as_view(), name="commitment-create"),
    path("manage/commitments/<int:pk>/edit/", views.CommitmentUpdateView.as_view(), name="commitment-update"),
    path("manage/commitments/<int:pk>/status/", views.CommitmentStatusView.as_view(), name="commitment-status"),
    path("manage/pages/", views.ServicePageListView.as_view(), name="manage-page-list"),
    path("manage/pages/new/", views.ServicePageCreateView.as_view(), name="page-create"),
    path("manage/pages/<int:pk>/edit/", views.ServicePageUpdateView.as_view(), name="page-update"),
    path("manage/news/", views.NewsListView.as_view(), name="manage-news-list"),
    path("manage/news/new/", views.NewsCreateView.as_view(), name="news-create"),
    path("manage/news/<int:pk>/edit/", views.NewsUpdateView.as_view(), name="news-update"),
    path("manage/campaigns/", views.CampaignPublicationListView.as_view(), name="manage-campaign-list"),
    path(
        "manage/campaigns/<int:campaign_pk>/edit/",
        views.CampaignPublicationUpdateView.as_view(),
        name="campaign-publication-update",
    ),
    path("manage/reception/", views.ReceptionDisclosureListView.as_view(), name="manage-reception-list"),
    path("manage/reception/new/", views.ReceptionDisclosureCreateView.as_view(), name="reception-create"),
    path("manage/reception/<int:pk>/edit/", views.ReceptionDisclosureUpdateView.as_view(), name="reception-update"),
    path("manage/<str:kind>/<int:pk>/publish/", views.publish, name="publish"),
    path("manage/<str:kind>/<int:pk>/unpublish/", views.unpublish, name="unpublish"),
    path("manage/<str:kind>/<int:pk>/preview/", views.PreviewView.as_view(), name="preview"),
    path("manage/feedback/", views.FeedbackListView.as_view(), name="feedback-list"),
    path("manage/feedback/<int:pk>/", views.FeedbackDetailView.as_view(), name="feedback-detail"),
]

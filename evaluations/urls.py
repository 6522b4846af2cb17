"""URLs of the evaluations app."""

from django.urls import path

from . import views

app_name = "evaluations"

urlpatterns = [
    path("", views.RoundListView.as_view(), name="round-list"),
    path("new/", views.RoundCreateView.as_view(), name="round-create"),
    path("<int:pk>/", views.RoundDetailView.as_view(), name="round-detail"),
    path("<int:pk>/edit/", views.RoundUpdateView.as_view(), name="round-update"),
    path("<int:round_pk>/status/<str:action>/", views.RoundTransitionView.as_view(), name="round-transition"),
    path("<int:round_pk>/criteria/new/", views.CriterionCreateView.as_view(), name="criterion-create"),
    path("<int:round_pk>/criteria/<int:pk>/", views.CriterionUpdateView.as_view(), name="criterion-update"),
    path("<int:round_pk>/criteria/<int:pk>/delete/", views.CriterionDeleteView.as_view(), name="criterion-delete"),
    path("<int:round_pk>/groups/new/", views.RaterGroupCreateView.as_view(), name="ratergroup-create"),
    path("<int:round_pk>/groups/<int:pk>/", views.RaterGroupUpdateView.as_view(), name="ratergroup-update"),
    path("<int:round_pk>/groups/<int:pk>/delete/", views.RaterGroupDeleteView.as_view(), name="ratergroup-delete"),
    path("<int:round_pk>/bands/new/", views.BandCreateView.as_view(), name="band-create"),
    path("<int:round_pk>/bands/<int:pk>/delete/", views.BandDeleteView.as_view(), name="band-delete"),
    path("<int:round_pk>/raters/", views.InternalRatersView.as_view(), name="internal-raters"),
    path("<int:round_pk>/links/", views.LinksIssueView.as_view(), name="links-issue"),
    path("<int:round_pk>/vote/", views.BallotView.as_view(), name="vote"),
    path("<int:round_pk>/results/", views.RoundResultsView.as_view(), name="round-results"),
    path("<int:round_pk>/results.xlsx", views.RoundExportView.as_view(), name="round-export"),
    path(
        "<int:round_pk>/results/<int:department_pk>/",
        views.DepartmentResultView.as_view(),
        name="department-result",
    ),
    path("b/<str:token>/", views.LinkBallotView.as_view(), name="vote-link"),
]

"""URLs of the registers: /registers/<register>/ for lists, entry, import and export, plus the workflows."""

from django.urls import path

from . import views

app_name = "registers"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("settings/", views.SettingsView.as_view(), name="settings"),
    path("settings/policy/new/", views.PolicyFormView.as_view(), name="policy-create"),
    path("settings/policy/<int:pk>/", views.PolicyFormView.as_view(), name="policy-update"),
    path("settings/holidays/new/", views.HolidayFormView.as_view(), name="holiday-create"),
    path("settings/holidays/<int:pk>/", views.HolidayFormView.as_view(), name="holiday-update"),
    path("settings/holidays/<int:pk>/delete/", views.HolidayDeleteView.as_view(), name="holiday-delete"),
    path("study/<int:pk>/", views.StudyDetailView.as_view(), name="study-detail"),
    path("issues/<int:pk>/", views.IssueDetailView.as_view(), name="issue-detail"),
    path("trips/<int:pk>/check/", views.TripReviewView.as_view(), name="trip-review"),
    path("coordination/", views.CoordinationListView.as_view(), name="coordination-list"),
    path("coordination/new/", views.CoordinationCreateView.as_view(), name="coordination-create"),
    path("coordination/<int:pk>/", views.CoordinationDetailView.as_view(), name="coordination-detail"),
    path("coordination/answers/<int:pk>/", views.CoordinationAnswerView.as_view(), name="coordination-answer"),
    path("<slug:key>/", views.RecordListView.as_view(), name="record-list"),
    path("<slug:key>/new/", views.RecordCreateView.as_view(), name="record-create"),
    path("<slug:key>/export/", views.RecordExportView.as_view(), name="record-export"),
    path("<slug:key>/import/", views.RecordImportView.as_view(), name="record-import"),
    path("<slug:key>/<int:pk>/edit/", views.RecordUpdateView.as_view(), name="record-update"),
    path("<slug:key>/<int:pk>/delete/", views.RecordDeleteView.as_view(), name="record-delete"),
]

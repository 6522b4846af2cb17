"""URLs of the reception app."""

from django.urls import path

from . import views

app_name = "reception"

urlpatterns = [
    path("", views.ReceptionHomeView.as_view(), name="home"),
    path("queue/", views.QueueView.as_view(), name="queue"),
    path("reports/", views.ReportView.as_view(), name="report"),
    path("requests/", views.RequestListView.as_view(), name="request-list"),
    path("requests/new/", views.RequestCreateView.as_view(), name="request-create"),
    path("requests/<int:pk>/", views.RequestDetailView.as_view(), name="request-detail"),
    path("requests/<int:pk>/edit/", views.RequestUpdateView.as_view(), name="request-update"),
    path("requests/<int:pk>/decide/", views.RequestDecideView.as_view(), name="request-decide"),
    path("records/", views.RecordListView.as_view(), name="record-list"),
    path("records/new/", views.RecordCreateView.as_view(), name="record-create"),
    path("records/<int:pk>/", views.RecordDetailView.as_view(), name="record-detail"),
    path("records/<int:pk>/edit/", views.RecordUpdateView.as_view(), name="record-update"),
    path("records/<int:pk>/sign-off/", views.RecordSignOffView.as_view(), name="record-sign-off"),
    path("records/<int:pk>/override/", views.RecordOverrideView.as_view(), name="record-override"),
    path("records/<int:pk>/attachments/", views.AttachmentUploadView.as_view(), name="attachment-upload"),
    path("attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment-download"),
    path("policy/", views.PolicyListView.as_view(), name="policy-list"),
    path("policy/new/", views.PolicyCreateView.as_view(), name="policy-create"),
    path("policy/<int:pk>/", views.PolicyDetailView.as_view(), name="policy-detail"),
    path("policy/<int:pk>/edit/", views.PolicyUpdateView.as_view(), name="policy-update"),
    path("venues/new/", views.VenueCreateView.as_view(), name="venue-create"),
    path("venues/<int:pk>/edit/", views.VenueUpdateView.as_view(), name="venue-update"),
    path("caps/", views.BudgetListView.as_view(), name="budget-list"),
    path("caps/new/", views.BudgetCreateView.as_view(), name="budget-create"),
    path("caps/<int:pk>/edit/", views.BudgetUpdateView.as_view(), name="budget-update"),
    path("caps/import/", views.BudgetImportView.as_view(), name="budget-import"),
]

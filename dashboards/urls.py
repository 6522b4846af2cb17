"""URLs of the dashboards and the progress reports."""

from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.DashboardHomeView.as_view(), name="home"),
    path("leaders/", views.LeaderDashboardView.as_view(), name="leader"),
    path("leaders/ranking/", views.DepartmentRankingView.as_view(), name="ranking"),
    path("department/", views.DepartmentDashboardView.as_view(), name="department"),
    path("export.xlsx", views.ExportView.as_view(), name="export-xlsx"),
    path("reports/", views.ReportListView.as_view(), name="report-list"),
    path("reports/new/", views.ReportCreateView.as_view(), name="report-create"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report-detail"),
    path("reports/<int:pk>/download/", views.ReportDownloadView.as_view(), name="report-download"),
    path("reports/<int:pk>/retry/", views.ReportRetryView.as_view(), name="report-retry"),
]

"""Top-level URLs: each app under its own prefix, with the language switcher and auth views."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("organisation/", include("leadership.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("plans/import/", include("planimport.urls")),
    path("evaluations/", include("evaluations.urls")),
    path("reception/", include("reception.urls")),
    path("notifications/", include("notifications.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("registers/", include("registers.urls")),
    path("public/", include("disclosure.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "liujiguan.views.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

"""The portal's URLs plus /bench/trivial: a view that does nothing, behind the same middleware as every page."""

from django.http import HttpResponse
from django.urls import path

from liujiguan.urls import handler500  # noqa: F401
from liujiguan.urls import urlpatterns as portal_urlpatterns


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial", trivial, name="bench-trivial"), *portal_urlpatterns]

"""The site's URLs, except that the edge cache's health check (/readyz) answers 200 without asking the database: used
by the tests that put Varnish in front of the live server (edge_process.probe_without_database says why)."""

from django.http import HttpResponse
from django.urls import path

from tribune.urls import urlpatterns as site_urlpatterns


def ready(request):
    return HttpResponse("OK", content_type="text/plain")


urlpatterns = [path("readyz", ready), *site_urlpatterns]

"""The site's URLs, except that the edge cache's health check (/readyz) answers 503, as a busy origin's would time
out: used by test_edge_cache.py. core.health.HealthCheckMiddleware answers whatever this configuration routes there."""

from django.http import HttpResponse
from django.urls import path

from tribune.urls import urlpatterns as site_urlpatterns


def unavailable(request):
    return HttpResponse("Busy", status=503, content_type="text/plain")


urlpatterns = [path("readyz", unavailable), *site_urlpatterns]

"""Wagtail's public URLs, with its page view replaced by one that keeps routes between requests
(``tribune.delivery.routing``). Same patterns, same names, same order: the catch-all stays last."""

from django.urls import re_path

from wagtail import urls as wagtail_urls

from . import routing

urlpatterns = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
]

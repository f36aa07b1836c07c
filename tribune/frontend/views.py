"""The site's own error pages, in its layout."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import Resolver404


def page_not_found(request, exception=None):
    """The 404 page (``handler404``; with DEBUG on, also in place of Django's technical page, by way of
    ``NotFoundPageMiddleware``). With DEBUG on it adds a one-line note for developers, never the URL patterns."""
    context = {"request_path": request.path}
    if settings.DEBUG:
        context["debug_reason"] = _reason(exception)
    return render(request, "404.html", context, status=404)


def _reason(exception) -> str:
    if isinstance(exception, Resolver404):
        return "no URL pattern matches this address"
    if isinstance(exception, Http404) and exception.args and isinstance(exception.args[0], str):
        return exception.args[0]
    return "the view found nothing to show here"

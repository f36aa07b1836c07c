"""With DEBUG on, Django answers a miss with its technical 404 page, which lists every URL pattern: these pages are
answered with the site's own 404 instead, as in production (``tribune.frontend.views.page_not_found``)."""

from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, resolve

from .views import page_not_found


class NotFoundPageMiddleware:
    """Last in MIDDLEWARE, so the page renders with a complete request and the outer middleware (slash-appending,
    language prefixes, Wagtail's redirects) still act on the 404 it returns. Without DEBUG it does nothing: Django
    calls ``handler404`` itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DEBUG:
            # An address no pattern matches never reaches a view, hence never process_exception().
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404 as miss:
                return page_not_found(request, miss)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None

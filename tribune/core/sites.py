"""Which Wagtail site answers a request, looked up once per host and content generation in each worker.

Wagtail finds the site with a query on every request, then fetches the specific home page with another. Both change
only when an editor edits a site or publishes a page (which bumps the content generation), so each worker keeps the
answer, with the home page already specific, under the host, port and current generation. Every request gets its
own unpickled copy: model instances carry per-request caches and must not be shared between threads.
"""

import pickle
import threading

from django.http.request import split_domain_port

from wagtail.models import Site

from . import fragments

_lock = threading.Lock()
_sites: dict[tuple, bytes] = {}
MAX_HOSTS = 64  # a bound against requests for arbitrary Host headers (ALLOWED_HOSTS usually stops them first)


def site_for_request(request) -> Site | None:
    hostname = split_domain_port(request._get_raw_host())[0]
    key = (hostname, request.get_port(), fragments.generation([fragments.CONTENT]))
    stored = _sites.get(key)
    if stored is None:
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        stored = pickle.dumps(site)
        with _lock:
            if len(_sites) >= MAX_HOSTS:
                _sites.clear()  # generations moved on, or many hosts: start again
            _sites[key] = stored
    return pickle.loads(stored)  # noqa: S301 - bytes this process pickled itself


def forget() -> None:
    with _lock:
        _sites.clear()


class SiteLookupMiddleware:
    """Sets ``request._wagtail_site``, where ``Site.find_for_request`` looks first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if fragments.enabled():
            request._wagtail_site = site_for_request(request)
        return self.get_response(request)

"""Which Wagtail site answers a request, looked up once per host and content generation in each worker.

Wagtail finds the site with a query on every request, then fetches the specific home page with another. Both change
only when an editor edits a site or publishes a page (which bumps the content generation), so each worker keeps the
answer, with the home page already specific, under the host, port and current generation. Every request gets its
own unpickled copy: model instances carry per-request caches and must not be shared between threads.

Wagtail also reads every site's root path from the shared cache once per request, to build page URLs; that list
(of immutable tuples) changes on the same events, so each worker keeps it under the generation too.
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
    generation = fragments.generation([fragments.CONTENT])
    if generation is None:  # the shared cache is down: nothing would tell this worker of a change
        return _find_site(request)
    key = (hostname, request.get_port(), generation)
    stored = _sites.get(key)
    if stored is None:
        stored = pickle.dumps(_find_site(request))
        with _lock:
            if len(_sites) >= MAX_HOSTS:
                _sites.clear()  # generations moved on, or many hosts: start again
            _sites[key] = stored
    return pickle.loads(stored)  # noqa: S301 - bytes this process pickled itself


def _find_site(request) -> Site | None:
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    return site


_root_paths: dict[str, list] = {}


def site_root_paths() -> list:
    """``Site.get_site_root_paths()``, read once per content generation in each worker."""
    generation = fragments.generation([fragments.CONTENT])
    if generation is None:
        return Site.get_site_root_paths()
    paths = _root_paths.get(generation)
    if paths is None:
        paths = Site.get_site_root_paths()
        with _lock:
            _root_paths.clear()
            _root_paths[generation] = paths
    return paths


def forget() -> None:
    with _lock:
        _sites.clear()
        _root_paths.clear()


class SiteLookupMiddleware:
    """Sets ``request._wagtail_site``, where ``Site.find_for_request`` looks first, and the site root paths where
    pages look for them when they build their URLs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if fragments.enabled():
            request._wagtail_site = site_for_request(request)
            request._wagtail_cached_site_root_paths = site_root_paths()
        return self.get_response(request)

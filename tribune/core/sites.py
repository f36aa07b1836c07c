"""Which Wagtail site answers a request, looked up once per host and content generation in each worker.

Wagtail finds the site with a query on every request, then fetches the specific home page with another. Both change
only when an editor edits a site or publishes a page (which bumps the content generation), so each worker keeps the
answer, with the home page already specific, under the host, port and current generation. Every request gets its
own unpickled copy: model instances carry per-request caches and must not be shared between threads.

Wagtail also reads every site's root path from the shared cache once per request, to build page URLs; that list
(of immutable tuples) changes on the same events, so each worker keeps it under the generation too.

``SITE_URL`` is the one public base address: every absolute URL Tribune writes (canonical and ``og:url``, JSON-LD,
sitemaps, robots.txt, feeds, emails) is built from it, never from the host a request happened to name, and the default
Wagtail site, from which Wagtail builds pages' full URLs, is kept on its host and port after every ``migrate``.
"""

import logging
import pickle
import threading
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.http.request import split_domain_port

from wagtail.models import Site

from . import fragments

logger = logging.getLogger(__name__)
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


# ``Site.get_site_root_paths()``, read once per content generation in each worker.
site_root_paths = fragments.PerGeneration(Site.get_site_root_paths)


def forget() -> None:
    with _lock:
        _sites.clear()
    site_root_paths.forget()


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


# The public base address


def public_base_url() -> str:
    """``scheme://host[:port]`` readers reach the site at (``SITE_URL``), without a trailing slash."""
    return settings.SITE_URL.rstrip("/")


def public_url(url: str) -> str:
    """``url`` (a path such as ``page.url``) made absolute on the public base; an absolute URL (media on a CDN, a
    page of another Wagtail site) is returned as it is."""
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return f"{urlsplit(public_base_url()).scheme}:{url}"
    return public_base_url() + (url if url.startswith("/") else f"/{url}")


def public_address() -> tuple[str, str, int]:
    """The scheme, hostname and port of the public base, the port filled in from the scheme when it has none."""
    parts = urlsplit(public_base_url())
    scheme = parts.scheme or "http"
    return scheme, parts.hostname or "localhost", parts.port or (443 if scheme == "https" else 80)


def default_site_sync(*, using: str = "default", **kwargs) -> Site | None:
    """Put the default Wagtail site on ``SITE_URL``'s hostname and port (a ``post_migrate`` receiver, so a run on
    another address moves it there); returns the site, or ``None`` when there is none yet."""
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None:
        return None
    _scheme, hostname, port = public_address()
    if (site.hostname, site.port) == (hostname, port):
        return site
    if Site.objects.using(using).filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        logger.warning(
            "Another Wagtail site already answers on %s:%s; the default site keeps its address", hostname, port
        )
        return site
    site.hostname, site.port = hostname, port
    site.save(using=using, update_fields=["hostname", "port"])
    return site


SITE_URL_MALFORMED = "SITE_URL must be an address such as https://news.example.org: a scheme and host, no path."
SITE_URL_HTTPS_PORT = "Wagtail builds https page addresses on port 443 only; with another port they would say http."


@checks.register(checks.Tags.urls)
def check_site_url(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    parts = urlsplit(public_base_url())
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.path or parts.query or parts.fragment:
        return [checks.Error(SITE_URL_MALFORMED, obj=settings.SITE_URL, id="tribune.sites.E001")]
    if parts.scheme == "https" and parts.port not in {None, 443}:
        return [checks.Warning(SITE_URL_HTTPS_PORT, obj=settings.SITE_URL, id="tribune.sites.W001")]
    return []

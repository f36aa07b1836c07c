"""The page cache as Django middleware: renders and stores misses (and serves hits when no WSGI fast path
runs in front, as under the test client and runserver). It sits first, so stored headers are final.

When rendering a cacheable page finds the database down, the reader gets the page's last good copy, marked stale
(``X-Tribune-Cache: stale``, never stored by anyone), before any other answer to the error.

It also compresses what it does not store (signed-in readers' pages, search, errors) for clients that take gzip;
stored pages come with their own gzipped copy, made once."""

import gzip
import random
import string

from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers

from tribune.core.shared_caches import may_share

from . import page_cache
from .page_cache import HEADER

# Query parameters only some pages read (the discussion; listings' and sitemaps' paging): a page is stored with them
# only when it vouched for them.
VOUCHED_QUERY_PARAMS = ("comments", "cpage", "thread", "page", "p")


def _response(page: page_cache.StoredPage, request: HttpRequest, state: str) -> HttpResponse:
    if page_cache.is_not_modified(request.META, page):
        response = HttpResponseNotModified()
        headers = page_cache.not_modified_headers(page)
    else:
        # With its length (stored headers leave it out, as each copy has its own): without it a page would be sent
        # chunked, and an edge cache would store it so.
        headers, body = page_cache.representation(request.META, page)
        response = HttpResponse(body, status=page.status)
    for name, value in headers:
        response.headers[name] = value
    response.headers[HEADER] = state
    return response


# Compressed for one answer: gzip's fastest level (nginx's default), about a millisecond for a 60 KB page. The
# gzip header carries a file name of random length, as Django's GZipMiddleware adds ("Heal the BREACH"): such pages
# may hold a CSRF token.
PER_ANSWER_GZIP_LEVEL = 1
MAX_RANDOM_BYTES = 100


def _gzip_with_padding(content: bytes) -> bytes:
    compressed = gzip.compress(content, PER_ANSWER_GZIP_LEVEL, mtime=0)
    header = bytearray(compressed[:10])
    header[3] = gzip.FNAME
    padding = "".join(random.choices(string.ascii_letters, k=random.randrange(1, MAX_RANDOM_BYTES)))  # noqa: S311
    return bytes(header) + padding.encode() + b"\0" + compressed[10:]


def _compressed(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """``response`` gzipped for a client that takes it, when it is text worth compressing."""
    if response.streaming or not page_cache.is_compressible(list(response.headers.items()), response.content):
        return response  # files (WhiteNoise has its own compressed copies), images, short answers
    patch_vary_headers(response, ("Accept-Encoding",))
    if not page_cache.accepts_gzip(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        return response
    response.content = _gzip_with_padding(response.content)
    response.headers["Content-Encoding"] = "gzip"
    response.headers["Content-Length"] = str(len(response.content))
    etag = response.headers.get("ETag")
    if etag and etag.startswith('"'):
        response.headers["ETag"] = "W/" + etag  # no longer these exact bytes
    return response


def database_unreachable() -> bool:
    """Whether the database is down now: asked only after a page failed to render, to tell a database outage (serve
    the last good copy) from a fault of the page itself (show the error)."""
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        if connection.connection is not None:
            return not connection.is_usable()
        connection.ensure_connection()
    except (OperationalError, InterfaceError):
        return True
    return False


def _stale_response(page: page_cache.StoredPage, request: HttpRequest) -> HttpResponse:
    headers, body = page_cache.representation(request.META, page)
    response = HttpResponse(body, status=page.status)
    for name, value in headers:
        response.headers[name] = value
    # For this answer only: an edge keeping it would serve it after the database is back.
    response.headers["Cache-Control"] = "no-store"
    response.headers[HEADER] = "stale"
    return response


class AnonymousPageCacheMiddleware:
    """Serve anonymous readers from the page cache, render each missing page once; personal pages stay private."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        identity = page_cache.page_request(request.META)
        if identity is None:
            response = self.get_response(request)
            if page_cache.is_personal(request.META):
                patch_cache_control(response, private=True, no_cache=True)
            return _compressed(request, response)

        key = page_cache.entry_key(identity)
        if key is None:  # the shared cache is back from a failure and not trusted yet: render, keep nothing
            return _compressed(request, self.get_response(request))
        if (page := page_cache.lookup(key)) is not None:
            return _response(page, request, "hit")
        # Taken before rendering: a withdrawal committed meanwhile moves the tokens on, and the copy stored under the
        # old ones is never served.
        stale_key = page_cache.stale_key(identity)
        holds_lock = page_cache.claim_render(key)
        if not holds_lock and (page := page_cache.wait_for(key)) is not None:
            return _response(page, request, "hit")
        # Ours to render (or the renderer is slow or gone: render rather than keep the reader waiting).
        try:
            response = self.get_response(request)
            if response.status_code >= 500 and (stale := self._last_good_copy(stale_key)) is not None:
                return _stale_response(stale, request)
            headers = list(response.headers.items())
            storable = page_cache.is_storable(
                response.status_code, headers, sets_cookie=bool(response.cookies), streaming=response.streaming
            )
            if request.method != "GET" or not storable:
                return _compressed(request, response)
            if not may_share(request, VOUCHED_QUERY_PARAMS):  # a query naming nothing real: answered, not kept
                patch_cache_control(response, private=True)
                return _compressed(request, response)
            page = page_cache.store(key, response.status_code, headers, response.content, stale_key=stale_key)
        finally:
            if holds_lock:
                page_cache.release_render(key)
        return _response(page, request, "miss")

    @staticmethod
    def _last_good_copy(stale_key: str | None) -> page_cache.StoredPage | None:
        if stale_key is None or not database_unreachable():
            return None
        return page_cache.last_good_copy(stale_key)

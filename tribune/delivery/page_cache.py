"""Full-page cache for anonymous readers, in front of everything but security and static files.

A reader without a session is served a stored copy of the page; the first miss under a burst renders
once while the others wait for it (stampede protection). Stored copies are found through two version
tokens kept in the same cache: one for the whole site and one per path. Forgetting a path or the whole
site replaces its token, so every copy made under the old one (with any query string) is never read
again and ages out; a token lost to eviction is replaced by a new random one, which can only make the
cache miss, never serve a stale page.

What may be stored is decided twice: the request must be anonymous (no session or messages cookie, no
credentials) and the response must be a public 200 that sets no cookie. Anything else passes through
untouched and, when the reader is signed in, is marked private so no shared cache keeps it.
"""

import hashlib
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

SITE_TOKEN_KEY = "pagecache:site"  # noqa: S105 - a cache key, not a secret
HEADER = "X-Tribune-Cache"
# Only pagination varies a cacheable page; other query strings (search, tracking tags, cache busters)
# are rendered fresh so they can neither fill the cache nor be answered with the wrong page.
CACHEABLE_QUERY_PARAMS = {"page"}
LOCK_SECONDS = 10
WAIT_STEP_SECONDS = 0.02


def _cache():
    return caches[settings.TRIBUNE_PAGE_CACHE_ALIAS]


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _path_token_key(path: str) -> str:
    return f"pagecache:path:{_digest(path)}"


@dataclass
class StoredPage:
    status: int
    headers: list[tuple[str, str]]
    content: bytes
    etag: str
    last_modified: float

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        return response


# Tokens


def _tokens(path: str) -> tuple[str, str]:
    """The site's and the path's current version tokens, creating whichever is missing (one round trip)."""
    cache = _cache()
    path_key = _path_token_key(path)
    found = cache.get_many([SITE_TOKEN_KEY, path_key])
    tokens = []
    for key in (SITE_TOKEN_KEY, path_key):
        token = found.get(key)
        if token is None:
            cache.add(key, uuid.uuid4().hex, timeout=None)
            token = cache.get(key)  # a concurrent request may have won the add: use the stored one
        tokens.append(token)
    return tokens[0], tokens[1]


def forget_paths(paths) -> None:
    """Stop serving stored copies of these paths (every query-string variant of each)."""
    keys = {_path_token_key(path): uuid.uuid4().hex for path in set(paths)}
    if keys:
        _cache().set_many(keys, timeout=None)


def forget_all() -> None:
    """Stop serving every stored page of the site."""
    _cache().set(SITE_TOKEN_KEY, uuid.uuid4().hex, timeout=None)


# Rules


def cache_seconds() -> int:
    return settings.TRIBUNE_PAGE_CACHE_SECONDS


def is_personal(request: HttpRequest) -> bool:
    """The reader may see something made for them: signed in, or with a message or credentials pending."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies or "HTTP_AUTHORIZATION" in request.META


def _without_language(path: str) -> str:
    """``/fr/accounts/`` → ``/accounts/``: exclusions hold in every language."""
    first, _, rest = path.lstrip("/").partition("/")
    if first in {code for code, _name in settings.LANGUAGES}:
        return "/" + rest
    return path


def is_cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or is_personal(request):
        return False
    if _without_language(request.path_info).startswith(tuple(settings.TRIBUNE_PAGE_CACHE_EXCLUDED_PATHS)):
        return False
    return set(request.GET) <= CACHEABLE_QUERY_PARAMS


def is_storable_response(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-store", "no-cache", "max-age=0"))


def _entry_key(request: HttpRequest, site_token: str, path_token: str) -> str:
    query = "&".join(sorted(f"{name}={value}" for name, value in request.GET.items()))
    return f"pagecache:page:{site_token}:{path_token}:{_digest(request.get_host() + request.path + '?' + query)}"


def _public_headers(response: HttpResponse) -> None:
    """Browsers revalidate (cheap, with the ETag); shared caches keep the page until purged or expired."""
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.TRIBUNE_EDGE_CACHE_SECONDS,
        stale_while_revalidate=30,
    )
    # The language comes from the path (i18n_patterns), never from the header: don't split shared caches on it.
    vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
    kept = [v for v in vary if v.lower() != "accept-language"]
    if kept:
        response.headers["Vary"] = ", ".join(kept)
    elif "Vary" in response.headers:
        del response.headers["Vary"]


def _store(key: str, response: HttpResponse) -> StoredPage:
    content = response.content
    now = time.time()
    response.headers["ETag"] = f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'
    response.headers["Last-Modified"] = http_date(now)
    _public_headers(response)
    page = StoredPage(
        status=response.status_code,
        headers=[(name, value) for name, value in response.headers.items()],
        content=content,
        etag=response.headers["ETag"],
        last_modified=now,
    )
    _cache().set(key, page, timeout=cache_seconds())
    return page


def _conditional(request: HttpRequest, page: StoredPage, response: HttpResponse) -> HttpResponse:
    return get_conditional_response(request, etag=page.etag, last_modified=int(page.last_modified), response=response)


class AnonymousPageCacheMiddleware:
    """Serve anonymous readers from the page cache; mark every personal response private."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if cache_seconds() <= 0 or not is_cacheable_request(request):
            response = self.get_response(request)
            if is_personal(request):
                patch_cache_control(response, private=True, no_cache=True)
            return response

        cache = _cache()
        key = _entry_key(request, *_tokens(request.path))
        page, state = cache.get(key), "hit"
        if page is None:
            page, state = self._render_once(request, key)
            if isinstance(page, HttpResponse):  # not storable: pass it on as it is
                return page
        response = _conditional(request, page, page.response())
        response.headers[HEADER] = state
        return response

    def _render_once(self, request: HttpRequest, key: str) -> tuple[StoredPage | HttpResponse, str]:
        """Render the page; under concurrent misses only the holder of the lock renders, the rest wait for it."""
        cache = _cache()
        lock_key = key + ":lock"
        holds_lock = cache.add(lock_key, 1, timeout=LOCK_SECONDS)
        if not holds_lock:
            deadline = time.monotonic() + settings.TRIBUNE_PAGE_CACHE_WAIT_SECONDS
            while time.monotonic() < deadline:
                time.sleep(WAIT_STEP_SECONDS)
                if (page := cache.get(key)) is not None:
                    return page, "hit"
            # The renderer is slow or gone: render ourselves rather than keep the reader waiting.
        try:
            response = self.get_response(request)
            if request.method != "GET" or not is_storable_response(response):
                return response, "pass"
            return _store(key, response), "miss"
        finally:
            if holds_lock:
                cache.delete(lock_key)

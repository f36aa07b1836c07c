"""Full-page cache for anonymous readers: what may be stored, where it is kept, and how it is forgotten.

A reader without a session is served a stored copy of the page. Copies are found through two version
tokens: one for the whole site and one per path. Forgetting a path or the whole site replaces its token,
so every copy made under the old one (with any query string) is never read again and ages out; a token
lost to eviction is replaced by a new random one, which can only make the cache miss, never serve a stale
page.

Two tiers: the shared cache (Redis in production) holds copies and tokens for every worker; each worker
also keeps recent copies in its own memory and re-reads a path's tokens from the shared cache at most every
``TRIBUNE_PAGE_CACHE_RECHECK_SECONDS``. A hot page then costs no network round trip at all, and a publish
reaches every worker within that interval.

When the shared cache fails, nothing kept from before is trusted (README, "When Redis fails"):

- while it cannot be reached (the breaker in ``tribune.core.cache`` is open), each worker serves only pages it
  rendered itself, each for at most ``TRIBUNE_PAGE_CACHE_LOCAL_MAX_AGE`` seconds;
- once it answers again, a worker that saw it fail, or sees its marker of applied invalidations go back (Redis
  restarted from older data), drops its own copies and tokens and, before it serves anything shared again, has the
  pending invalidations applied (``recover``, set by the delivery app: ``invalidation.apply_pending``), which
  clears a shared cache found behind the database. Until that succeeds it renders every page.

Each public page also keeps a *last good copy* (``TRIBUNE_PAGE_CACHE_STALE_SECONDS``) under tokens that only a
withdrawal moves on (an unpublish, delete, move or privacy change, not an update): the middleware serves it, marked
stale, when rendering the page finds the database down.

What may be stored is decided twice: the request must be anonymous (no session or messages cookie, no
credentials, no query string but paging and the discussion's own) and the response must be a public 200
that sets no cookie.
Both the Django middleware (``middleware.py``) and the WSGI fast path (``wsgi.py``) go through here.

Text pages are stored twice: as rendered and gzipped, compressed once when stored, never per answer. Readers whose
browser accepts gzip get the compressed copy; both carry ``Vary: Accept-Encoding`` and the same weak ETag (they are
the same page), so a reader's ``If-None-Match`` matches whichever copy they hold.
"""

import gzip
import hashlib
import re
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, unquote

from django.conf import settings
from django.core.cache import caches
from django.utils.http import http_date

from tribune.core.cache import build_version, failures_seen, is_reachable
from tribune.core.conf import messages_cookie_name

SITE_TOKEN_KEY = "pagecache:site"  # noqa: S105 - a cache key, not a secret
# Moved on only by withdrawals: the last good copies are stored under these.
WITHDRAWN_SITE_KEY = "pagecache:withdrawn-site"
# The highest id of the invalidations (delivery.PendingInvalidation) this shared cache received.
APPLIED_MARKER_KEY = "pagecache:applied"
# Pages a worker rendered while the shared cache could not be reached: in its own memory only, for a bounded time.
LOCAL_ONLY_PREFIX = "pagecache:local:"
HEADER = "X-Tribune-Cache"
# Set by the edge cache on its requests to the origin (deploy/varnish/tribune.vcl). Only makes the origin check
# its versions in the shared cache; a reader sending it gains nothing but a round trip.
EDGE_HEADER = "HTTP_X_TRIBUNE_EDGE"
# Only paging, the discussion's order and an opened thread vary a cacheable page, with short plain values;
# other query strings (search, tracking tags, cache busters) are rendered fresh so they can neither fill the
# cache nor be answered with the wrong page.
CACHEABLE_QUERY_PARAMS = {"page", "p", "cpage", "comments", "thread"}  # p: sitemap pages
CACHEABLE_QUERY_VALUE = re.compile(r"[a-z0-9]{1,12}")
# What is worth compressing: text, and only past a few hundred bytes (below that gzip's framing eats the gain).
COMPRESSIBLE_TYPES = re.compile(r"text/|application/(?:[a-z.+-]*\+)?(?:json|xml|javascript)\b", re.IGNORECASE)
MIN_COMPRESSED_SIZE = 200
GZIP_LEVEL = 6  # Django's level: near the best ratio; a few milliseconds for a 60 KB page, once per stored copy


def _shared():
    return caches[settings.TRIBUNE_PAGE_CACHE_ALIAS]


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _path_token_key(path: str) -> str:
    return f"pagecache:path:{_digest(path)}"


def _withdrawn_token_key(path: str) -> str:
    return f"pagecache:withdrawn:{_digest(path)}"


@dataclass(frozen=True)
class Tokens:
    """The versions a path's stored copies are found under, as last read from the shared cache (``checked``)."""

    site: str
    path: str
    withdrawn_site: str
    withdrawn_path: str
    checked: float


@dataclass
class StoredPage:
    status: int
    headers: list[tuple[str, str]]  # final response headers, ready for WSGI
    content: bytes
    etag: str
    last_modified: float
    size: int = field(default=0)
    gzipped: bytes | None = None  # the content compressed, when it is text worth compressing


@dataclass
class PageRequest:
    """The parts of a request that choose a stored page, read from the WSGI environ."""

    scheme: str
    host: str
    path: str
    query: str
    from_edge: bool = False

    @property
    def cache_key_suffix(self) -> str:
        return _digest(f"{self.scheme}://{self.host}{self.path}?{self.query}")


# Rules


def cache_seconds() -> int:
    return settings.TRIBUNE_PAGE_CACHE_SECONDS


def _cookies(environ) -> dict[str, str]:
    raw = environ.get("HTTP_COOKIE", "")
    if not raw:
        return {}
    cookie = SimpleCookie()
    try:
        cookie.load(raw)
    except Exception:  # a malformed header: treat the reader as personal rather than guess  # noqa: BLE001
        return {settings.SESSION_COOKIE_NAME: "?"}
    return {name: morsel.value for name, morsel in cookie.items()}


def personal_cookies() -> tuple[str, str]:
    """The cookies that make a request personal, as configured (``__Host-`` prefixed in production); the edges'
    configurations name the same ones (deploy/varnish/tribune.vcl, deploy/nginx/tribune-edge.conf)."""
    return settings.SESSION_COOKIE_NAME, messages_cookie_name()


def is_personal(environ) -> bool:
    """The reader may see something made for them: signed in, with a message or with credentials pending."""
    if "HTTP_AUTHORIZATION" in environ:
        return True
    cookies = _cookies(environ)
    return any(name in cookies for name in personal_cookies())


def _path(environ) -> str:
    # WSGI hands the path as latin-1-decoded bytes; readers' URLs and reverse() agree on the UTF-8 text.
    raw = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "/")
    return raw.encode("latin-1", "replace").decode("utf-8", "replace")


def _without_language(path: str) -> str:
    """``/fr/accounts/`` → ``/accounts/``: exclusions hold in every language."""
    first, _, rest = path.lstrip("/").partition("/")
    if first in {code for code, _name in settings.LANGUAGES}:
        return "/" + rest
    return path


def _scheme(environ) -> str:
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if proxy_header and environ.get(proxy_header[0]) == proxy_header[1]:
        return "https"
    return environ.get("wsgi.url_scheme", "http")


def page_request(environ) -> PageRequest | None:
    """The request's cache identity, or ``None`` when it must be rendered for this reader alone."""
    if cache_seconds() <= 0 or environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or is_personal(environ):
        return None
    path = _path(environ)
    if _without_language(path).startswith(tuple(settings.TRIBUNE_PAGE_CACHE_EXCLUDED_PATHS)):
        return None
    params = parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    if any(name not in CACHEABLE_QUERY_PARAMS or not CACHEABLE_QUERY_VALUE.fullmatch(v) for name, v in params):
        return None
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    query = "&".join(f"{name}={value}" for name, value in sorted(params))
    return PageRequest(
        scheme=_scheme(environ), host=host.lower(), path=path, query=query, from_edge=EDGE_HEADER in environ
    )


def is_storable(status: int, headers, *, sets_cookie: bool, streaming: bool) -> bool:
    if status != 200 or streaming or sets_cookie:
        return False
    names = {name.lower(): value for name, value in headers}
    cache_control = names.get("cache-control", "").lower()
    return not any(word in cache_control for word in ("private", "no-store", "no-cache", "max-age=0"))


def accepts_gzip(accept_encoding: str) -> bool:
    """The client takes gzip: ``gzip`` (or ``*``, unless gzip is named apart) in its Accept-Encoding, not ``q=0``."""
    accept_encoding = accept_encoding.lower()
    if "gzip" not in accept_encoding and "*" not in accept_encoding:
        return False
    qualities = {}
    for item in accept_encoding.split(","):
        coding, _, params = item.partition(";")
        coding = coding.strip()
        if coding in {"gzip", "x-gzip", "*"}:
            try:
                qualities[coding] = float(params.strip().removeprefix("q=")) if params.strip() else 1.0
            except ValueError:
                qualities[coding] = 1.0
    named = qualities.get("gzip", qualities.get("x-gzip"))
    return (named if named is not None else qualities.get("*", 0.0)) > 0


def is_compressible(headers: list[tuple[str, str]], content: bytes) -> bool:
    names = {name.lower(): value for name, value in headers}
    return (
        len(content) >= MIN_COMPRESSED_SIZE
        and "content-encoding" not in names
        and bool(COMPRESSIBLE_TYPES.match(names.get("content-type", "")))
    )


def public_headers(
    headers: list[tuple[str, str]], content: bytes, now: float, *, compressed: bool = False
) -> list[tuple[str, str]]:
    """Browsers revalidate (cheaply, with the ETag); shared caches keep the page until purged or expired.

    The ETag is weak: the page's plain and gzipped copies share it, as Django's GZipMiddleware, nginx and Varnish
    treat the ETags of what they compress."""
    replaced = {"cache-control", "etag", "last-modified", "vary", "content-length"}
    kept = [(n, v) for n, v in headers if n.lower() not in replaced]
    vary = [v.strip() for n, v in headers if n.lower() == "vary" for v in v.split(",")]
    # The language comes from the path (i18n_patterns), never the header: don't split shared caches on it.
    vary = [v for v in vary if v and v.lower() != "accept-language"]
    kept += [
        (
            "Cache-Control",
            f"public, max-age=0, s-maxage={settings.TRIBUNE_EDGE_CACHE_SECONDS}, stale-while-revalidate=30",
        ),
        ("ETag", f'W/"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'),
        ("Last-Modified", http_date(now)),
    ]
    if compressed:
        vary.append("Accept-Encoding")
    if vary:
        kept.append(("Vary", ", ".join(dict.fromkeys(vary))))
    return kept


# The worker's own tier


class _LocalPages:
    """Recent pages and tokens in this worker's memory, bounded in bytes, least recently used out first.

    ``failures_seen`` and ``marker_seen`` are what the shared cache looked like when this worker last trusted it."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pages: OrderedDict[str, StoredPage] = OrderedDict()
        self.bytes = 0
        self.tokens: dict[str, Tokens] = {}
        self.failures_seen = 0
        self.marker_seen = 0
        self.recovering = threading.Lock()

    def get(self, key: str) -> StoredPage | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key: str, page: StoredPage) -> None:
        limit = settings.TRIBUNE_PAGE_CACHE_LOCAL_BYTES
        if page.size > limit:
            return
        with self.lock:
            if key in self.pages:
                self.bytes -= self.pages.pop(key).size
            self.pages[key] = page
            self.bytes += page.size
            while self.bytes > limit:
                self.bytes -= self.pages.popitem(last=False)[1].size

    def discard(self, key: str) -> None:
        with self.lock:
            if key in self.pages:
                self.bytes -= self.pages.pop(key).size

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()
            self.tokens.clear()
            self.bytes = 0
            self.marker_seen = 0


local = _LocalPages()
# Applies the invalidations still pending and brings a shared cache found behind the database up to date; True when
# the shared cache may be trusted again. Set by the delivery app (``invalidation.apply_pending``).
recover = None
# What ``_tokens`` answers when the shared cache cannot be reached: pages are then the worker's own, for a while.
LOCAL_ONLY = "local-only"


def _is_current(cache, marker) -> bool:
    """Whether this worker may use what the shared cache holds as it is: yes, unless it failed since the worker last
    looked or its marker went back (a Redis restarted from older data)."""
    marker = int(marker or 0)
    if failures_seen(cache) == local.failures_seen and marker >= local.marker_seen:
        local.marker_seen = marker
        return True
    return False


def _recovered(cache) -> bool:
    """Drop every copy and token this worker kept, and have the pending invalidations applied to the shared cache
    (clearing it if it is behind the database); True when it may be trusted again."""
    failures = failures_seen(cache)
    local.clear()
    if not local.recovering.acquire(blocking=False):
        return False  # another thread of this worker is at it: render meanwhile
    try:
        if recover is not None and not recover():
            return False
        local.failures_seen, local.marker_seen = failures, 0
        return True
    finally:
        local.recovering.release()


def _tokens(path: str, *, recheck: bool = False) -> Tokens | str | None:
    """The path's version tokens: from this worker's memory if checked recently, else from the shared cache.

    ``LOCAL_ONLY`` when the shared cache cannot be reached, ``None`` when it answers but is not trusted yet (just
    back from a failure, its pending invalidations not applied).

    ``recheck`` always asks the shared cache: the edge cache refetches a page right after Tribune purges it,
    and must not be handed the copy a worker still holds from before the publish (it would keep it for hours).
    """
    now = time.monotonic()
    known = local.tokens.get(path)
    if not recheck and known is not None and now - known.checked < settings.TRIBUNE_PAGE_CACHE_RECHECK_SECONDS:
        return known
    cache = _shared()
    keys = [SITE_TOKEN_KEY, _path_token_key(path), WITHDRAWN_SITE_KEY, _withdrawn_token_key(path)]
    found = cache.get_many([*keys, APPLIED_MARKER_KEY])  # one round trip, as without the marker
    if not is_reachable(cache):
        return LOCAL_ONLY
    if not _is_current(cache, found.get(APPLIED_MARKER_KEY)):
        if not _recovered(cache):
            return None
        found = cache.get_many(keys)  # read again: recovering moved tokens on
    tokens = []
    for key in keys:
        token = found.get(key)
        if token is None:
            cache.add(key, uuid.uuid4().hex, timeout=None)
            token = cache.get(key)  # a concurrent request may have won the add: use the stored one
        tokens.append(token)
    if not is_reachable(cache) or None in tokens:
        return LOCAL_ONLY
    if len(local.tokens) > 10_000:  # paths seen are bounded by the site, but be safe against odd traffic
        local.tokens.clear()
    local.tokens[path] = found_tokens = Tokens(*tokens, checked=now)
    return found_tokens


def entry_key(page_request: PageRequest) -> str | None:
    """Where the page is stored: under the site's and the path's tokens and this build (code, static manifest,
    settings), so a copy made by another build or configuration is never served. In the worker's memory only while
    the shared cache cannot be reached; ``None`` (render, keep nothing) while it is not trusted yet."""
    tokens = _tokens(page_request.path, recheck=page_request.from_edge)
    if tokens is None:
        return None
    if tokens == LOCAL_ONLY:
        return f"{LOCAL_ONLY_PREFIX}{build_version()}:{page_request.cache_key_suffix}"
    return f"pagecache:page:{build_version()}:{tokens.site}:{tokens.path}:{page_request.cache_key_suffix}"


def stale_key(page_request: PageRequest) -> str | None:
    """Where the page's last good copy is kept; ``None`` when the shared cache cannot say which is current."""
    tokens = local.tokens.get(page_request.path)
    if tokens is None:
        return None
    return (
        f"pagecache:stale:{build_version()}:{tokens.withdrawn_site}:{tokens.withdrawn_path}:"
        f"{page_request.cache_key_suffix}"
    )


def _is_local_only(key: str) -> bool:
    return key.startswith(LOCAL_ONLY_PREFIX)


def lookup(key: str | None) -> StoredPage | None:
    if key is None:
        return None
    page = local.get(key)
    if _is_local_only(key):
        if page is not None and time.time() - page.last_modified > settings.TRIBUNE_PAGE_CACHE_LOCAL_MAX_AGE:
            local.discard(key)
            return None
        return page
    if page is None:
        page = _shared().get(key)
        if page is not None:
            local.put(key, page)
    return page


def store(key: str, status: int, headers: list[tuple[str, str]], content: bytes, *, stale_key=None) -> StoredPage:
    """Keep the page under ``key`` (shared and local, or local only) and, given ``stale_key``, as its last good
    copy."""
    now = time.time()
    gzipped = gzip.compress(content, GZIP_LEVEL, mtime=0) if is_compressible(headers, content) else None
    if gzipped is not None and len(gzipped) >= len(content):
        gzipped = None
    headers = public_headers(headers, content, now, compressed=gzipped is not None)
    etag = next(v for n, v in headers if n == "ETag")
    size = len(content) + len(gzipped or b"") + 64 * len(headers)
    page = StoredPage(status, headers, content, etag, now, size=size, gzipped=gzipped)
    if not _is_local_only(key):
        _shared().set(key, page, timeout=cache_seconds())
        if stale_key is not None and settings.TRIBUNE_PAGE_CACHE_STALE_SECONDS > 0:
            _shared().set(stale_key, page, timeout=settings.TRIBUNE_PAGE_CACHE_STALE_SECONDS)
    local.put(key, page)
    return page


def last_good_copy(key: str | None) -> StoredPage | None:
    """The page's last good copy, if one is kept and the page was not withdrawn since."""
    return None if key is None else _shared().get(key)


def claim_render(key: str) -> bool:
    """True for the one request that should render a missing page; the others wait for its copy."""
    if _is_local_only(key):
        return True  # no lock to share: each worker renders its own
    return _shared().add(key + ":lock", 1, timeout=settings.TRIBUNE_PAGE_CACHE_LOCK_SECONDS)


def release_render(key: str) -> None:
    if not _is_local_only(key):
        _shared().delete(key + ":lock")


def wait_for(key: str) -> StoredPage | None:
    """The page another request is rendering; ``None`` once it gave up (a 404, say, is never stored) or timed out."""
    deadline = time.monotonic() + settings.TRIBUNE_PAGE_CACHE_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.02)
        found = _shared().get_many([key, key + ":lock"])
        if (page := found.get(key)) is not None:
            local.put(key, page)
            return page
        if key + ":lock" not in found:
            return None
    return None


def representation(environ, page: StoredPage) -> tuple[list[tuple[str, str]], bytes]:
    """The headers (with the length, without the cache state) and body for this reader: gzipped if they take it."""
    if page.gzipped is not None and accepts_gzip(environ.get("HTTP_ACCEPT_ENCODING", "")):
        body = page.gzipped
        return [*page.headers, ("Content-Encoding", "gzip"), ("Content-Length", str(len(body)))], body
    return [*page.headers, ("Content-Length", str(len(page.content)))], page.content


def is_not_modified(environ, page: StoredPage) -> bool:
    """The reader's copy is current: If-None-Match names this ETag, weakly compared (or, without it, the date is
    recent)."""
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or page.etag.removeprefix("W/") in tags
    if_modified_since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if if_modified_since:
        from django.utils.http import parse_http_date_safe

        since = parse_http_date_safe(if_modified_since)
        return since is not None and int(page.last_modified) <= since
    return False


NOT_MODIFIED_HEADERS = {"cache-control", "etag", "last-modified", "vary", "content-location", "expires"}


def not_modified_headers(page: StoredPage) -> list[tuple[str, str]]:
    return [(n, v) for n, v in page.headers if n.lower() in NOT_MODIFIED_HEADERS]


# Forgetting


def forget_paths(paths, *, withdrawn: bool = False) -> bool:
    """Stop serving stored copies of these paths (every query-string variant of each), and their last good copies
    too when the paths were ``withdrawn``. True when the shared cache acknowledged it."""
    paths = {unquote(path) for path in paths}
    keys = {_path_token_key(path): uuid.uuid4().hex for path in paths}
    if withdrawn:
        keys |= {_withdrawn_token_key(path): uuid.uuid4().hex for path in paths}
    failed = _shared().set_many(keys, timeout=None) if keys else []
    for path in paths:
        local.tokens.pop(path, None)
    return not failed


def forget_all(*, withdrawn: bool = False) -> bool:
    """Stop serving every stored page of the site (and every last good copy when something was ``withdrawn``).
    True when the shared cache acknowledged it."""
    keys = {SITE_TOKEN_KEY: uuid.uuid4().hex}
    if withdrawn:
        keys[WITHDRAWN_SITE_KEY] = uuid.uuid4().hex
    failed = _shared().set_many(keys, timeout=None)
    local.tokens.clear()
    return not failed


def applied_marker() -> int | None:
    """The highest invalidation id the shared cache received; ``None`` when it holds none (or does not answer)."""
    marker = _shared().get(APPLIED_MARKER_KEY)
    return None if marker is None else int(marker)


def raise_applied_marker(invalidation_id: int) -> bool:
    """Record that the shared cache received invalidation ``invalidation_id`` (and so every one before it that was
    applied). True when it acknowledged."""
    cache = _shared()
    raise_to = getattr(cache, "raise_to", None)
    if raise_to is not None:
        return raise_to(APPLIED_MARKER_KEY, invalidation_id) is not None
    # Other backends (local memory in tests, files in development) serve one machine: read and write is enough.
    if int(cache.get(APPLIED_MARKER_KEY) or 0) < invalidation_id:
        cache.set(APPLIED_MARKER_KEY, invalidation_id, timeout=None)
    return True


def shared_is_reachable() -> bool:
    return is_reachable(_shared())


def clear_shared() -> bool:
    """Drop everything the shared cache holds (pages, tokens, fragments, counters: all of it can be rebuilt), when
    it was found behind the database. True when it acknowledged."""
    cache = _shared()
    cache.clear()
    local.clear()
    return is_reachable(cache)

"""Rendered fragments and computed data kept between requests, so a page the full-page cache cannot serve (a reader
who is signed in, a page that was just invalidated, the cache turned off) still costs little to build.

Every entry is stored under the current *generation* of the scopes it depends on. A generation is a random token in
the shared cache; ``bump`` replaces it, which orphans every entry made under the old one (they expire on their own).
Two kinds of scope are used:

- ``CONTENT``: anything editors publish (pages, contributors, corrections, site settings). It changes a few times
  an hour, and entries are cheap to rebuild, so one site-wide scope is precise enough and can never miss a
  dependency between objects (a section renamed, an expert's name on a byline, a link to a moved page);
- ``discussion_scope(article_id)``: the comments and likes under one article, which change far more often.

Entries live in the shared cache and, once read, in the worker's own memory (``local``): a page then costs one
shared-cache read, for the generations, however many fragments it shows. A bump changes the keys, so a worker's
copies cannot outlive it.

Bumps run after the transaction commits: a reader who rendered from the old rows before then stores under the old
generation, which nobody reads any more, so no stale entry can appear under the new one. ``seconds()`` bounds what
no scope tracks (a card's comment count, a reader's display name); ``0`` turns fragments off.

Keys also carry the build (``cache.build_version``: code, static manifest, the settings that shape output), so a
process of another build or configuration sharing the same Redis neither reads nor serves these entries.
"""

import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import translation

from .cache import build_version

CONTENT = "content"
GENERATION_PREFIX = "fragment-generation:"
ENTRY_PREFIX = "fragment:"

T = TypeVar("T")


def discussion_scope(article_id: int) -> str:
    return f"discussion:{article_id}"


def _cache():
    # The shared alias (Redis, or the disk cache without it): a bump made by the task worker or another web worker
    # must reach every process.
    return caches[settings.TRIBUNE_PAGE_CACHE_ALIAS]


def seconds() -> int:
    return settings.TRIBUNE_FRAGMENT_CACHE_SECONDS


def enabled() -> bool:
    return seconds() > 0


def _size(value) -> int:
    """Roughly what an entry weighs: its text, or a nominal kilobyte for small objects."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, dict):
        return sum(_size(item) for item in value.values()) + 100
    return 1000


class _LocalEntries:
    """Entries this worker read or built, each until its own expiry, bounded in (rough) bytes, least recently used
    out first."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries: OrderedDict[str, tuple[float, int, object]] = OrderedDict()
        self.bytes = 0

    def get(self, key: str):
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            if found[0] < time.monotonic():
                self.bytes -= self.entries.pop(key)[1]
                return None
            self.entries.move_to_end(key)
            return found[2]

    def put(self, key: str, value) -> None:
        size, limit = _size(value), settings.TRIBUNE_FRAGMENT_CACHE_LOCAL_BYTES
        if size > limit:
            return
        with self.lock:
            if key in self.entries:
                self.bytes -= self.entries.pop(key)[1]
            self.entries[key] = (time.monotonic() + seconds(), size, value)
            self.bytes += size
            while self.bytes > limit:
                self.bytes -= self.entries.popitem(last=False)[1][1]

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.bytes = 0


local = _LocalEntries()


# Generations read during the current request: a page asks for the same two or three many times. A bump from this
# request updates it. request_started and request_finished bound it (connected in CoreConfig.ready).
_request_generations: ContextVar[dict | None] = ContextVar("fragment_generations", default=None)

# The scopes besides the content's that the page at an address asked for the last time this worker served it (an
# article's discussion): the next request for that address reads them in the same round trip as the content's, the
# first read of any request, instead of one more round trip halfway through the page. Only a hint: a scope it names
# that the page no longer asks for costs a key in that read, one the page asks for anew costs its own round trip, and
# the request records what it asked for, for the next one. Bounded like the site table (``tribune.core.sites``).
_scope_hints: dict[str, tuple[str, ...]] = {}
MAX_SCOPE_HINTS = 10_000


class _RequestScopes:
    __slots__ = ("asked", "hints_read", "path")

    def __init__(self, path: str | None):
        self.path = path
        self.asked: set[str] = set()
        self.hints_read = False


_request_scopes: ContextVar[_RequestScopes | None] = ContextVar("fragment_request_scopes", default=None)


def start_request(environ=None, **kwargs) -> None:
    _request_generations.set({})
    _request_scopes.set(_RequestScopes(environ.get("PATH_INFO") if environ else None))


def finish_request(**kwargs) -> None:
    _request_generations.set(None)
    request = _request_scopes.get()
    _request_scopes.set(None)
    if request is None or not request.path:
        return
    learned = tuple(sorted(request.asked - {CONTENT}))
    if _scope_hints.get(request.path, ()) == learned:
        return
    if not learned:
        _scope_hints.pop(request.path, None)
        return
    if len(_scope_hints) >= MAX_SCOPE_HINTS:
        _scope_hints.clear()  # many addresses: start again
    _scope_hints[request.path] = learned


def _hinted(request: _RequestScopes | None, tokens: dict, missing: list[str]) -> list[str]:
    """Scopes worth reading along with ``missing``: those the page at this address asked for last time, not yet
    known; only in the first read of the request."""
    if request is None or not request.path or request.hints_read:
        return []
    request.hints_read = True
    return [scope for scope in _scope_hints.get(request.path, ()) if scope not in tokens and scope not in missing]


def generation(scopes: Iterable[str]) -> str | None:
    """The current generations of ``scopes``, as one string to put in a key; None when the shared cache cannot
    say (Redis down). Nothing is then read or kept under a generation, since no bump could move it on: pages are
    built afresh until Redis answers again."""
    scopes = list(scopes)
    known = _request_generations.get()
    request = _request_scopes.get()
    if request is not None:
        request.asked.update(scopes)
    tokens = dict(known) if known is not None else {}
    missing = [scope for scope in scopes if scope not in tokens]
    if missing:
        cache = _cache()
        hinted = _hinted(request, tokens, missing) if known is not None else []
        found = cache.get_many([GENERATION_PREFIX + scope for scope in (*missing, *hinted)])
        for scope in missing:
            key = GENERATION_PREFIX + scope
            if key not in found:
                # First use, or evicted: start a new generation (``add`` keeps a concurrent reader's if it was first).
                cache.add(key, uuid.uuid4().hex[:12], None)
                found[key] = cache.get(key)  # None only if the shared cache did not answer
            tokens[scope] = found[key]
        if known is not None:
            known.update({scope: tokens[scope] for scope in missing})
            # A hinted scope with no generation yet is left to the request that asks for it, which starts one.
            known.update(
                {scope: found[GENERATION_PREFIX + scope] for scope in hinted if GENERATION_PREFIX + scope in found}
            )
    if any(tokens[scope] is None for scope in scopes):
        return None
    return ".".join(tokens[scope] for scope in scopes)


def bump(*scopes: str) -> bool:
    """Move the scopes' generations on; True when the shared cache acknowledged it."""
    tokens = {scope: uuid.uuid4().hex[:12] for scope in scopes}
    failed = _cache().set_many({GENERATION_PREFIX + scope: token for scope, token in tokens.items()}, None)
    known = _request_generations.get()
    if known is not None:
        known.update(tokens)
    return not failed


def bump_on_commit(*scopes: str) -> None:
    transaction.on_commit(lambda: bump(*scopes))


def entry_key(name: str, parts: Iterable, scopes: Iterable[str]) -> str | None:
    """Where the entry lives; None when the generations are unknown (see ``generation``)."""
    current = generation(scopes)
    if current is None:
        return None
    varies = "|".join(str(part) for part in (translation.get_language(), *parts))
    digest = hashlib.blake2b(varies.encode(), digest_size=12).hexdigest()
    return f"{ENTRY_PREFIX}{name}:{build_version()}:{digest}:{current}"


def _stored(key: str | None):
    """The entry under ``key`` from this worker's memory, else from the shared cache (kept locally from then on)."""
    if key is None:
        return None
    value = local.get(key)
    if value is None:
        value = _cache().get(key)
        if value is not None:
            local.put(key, value)
    return value


def peek(name: str, parts: Iterable, scopes: Iterable[str]):
    """What ``cached`` would return if it is stored, else None: for a view that must validate its input (a page
    number) before building, and can skip that when the result is already stored."""
    return _stored(entry_key(name, parts, scopes)) if enabled() else None


def _store(key: str | None, value) -> None:
    if key is None:
        return
    _cache().set(key, value, seconds())
    local.put(key, value)


def store(name: str, parts: Iterable, scopes: Iterable[str], value) -> None:
    """Keep ``value`` where ``peek`` and ``cached`` find it: for a caller that decides after building whether the
    result may be kept at all."""
    if enabled():
        _store(entry_key(name, parts, scopes), value)


def cached(name: str, parts: Iterable, scopes: Iterable[str], build: Callable[[], T]) -> T:
    """``build()``'s result for ``name`` and ``parts`` (and the active language) under the scopes' generations."""
    if not enabled():
        return build()
    key = entry_key(name, parts, scopes)
    value = _stored(key)
    if value is None:
        value = build()
        _store(key, value)
    return value


class PerGeneration:
    """``build()``'s result kept in this worker's memory for the current content generation, for data every request
    reads and only a publish (which bumps the generation) changes: no cache round trip and no query per request.
    Built every time when the shared cache cannot say which generation is current. ``scopes``: the generations it
    depends on, the content's unless told."""

    def __init__(self, build: Callable[[], T], scopes: Iterable[str] = (CONTENT,)):
        self.build = build
        self.scopes = tuple(scopes)
        self.lock = threading.Lock()
        self.kept: dict[str, T] = {}

    def __call__(self) -> T:
        current = generation(self.scopes)
        if current is None:
            return self.build()
        value = self.kept.get(current)
        if value is None:
            value = self.build()
            with self.lock:
                self.kept.clear()
                self.kept[current] = value
        return value

    def forget(self) -> None:
        with self.lock:
            self.kept.clear()

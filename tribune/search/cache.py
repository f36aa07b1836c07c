"""What searches may keep in the shared cache, bounded whatever readers type.

A reader chooses the query, so keying stored results by the query alone would let anyone add an entry per request
(200 distinct searches, 200 entries and more, each page and its cards too). Here each kind of entry (``candidates``,
``page``, ``cards``) has a fixed number of *slots* (``TRIBUNE_SEARCH_CACHE_SLOTS``, 256): an entry lives in the slot
its normalised key hashes to, stored with the key itself, so a colliding search replaces it instead of adding one,
and a read checks the key before trusting the value. Entries expire after ``TRIBUNE_SEARCH_CACHE_SECONDS`` (300),
apart from the other fragments' lifetime, and under the content generation like them (a publish orphans them all).
A search that finds nothing is not kept: it is cheap to repeat and is what random queries mostly are.

So search adds at most ``3 × slots`` entries to the shared cache per generation and language, however many
distinct queries arrive.
"""

import hashlib
import unicodedata
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches

from tribune.core import fragments

T = TypeVar("T")
KINDS = ("candidates", "page", "cards")


def slots() -> int:
    return getattr(settings, "TRIBUNE_SEARCH_CACHE_SLOTS", 256)


def lifetime() -> int:
    """Seconds an entry is kept: the search setting, never longer than other fragments."""
    return min(getattr(settings, "TRIBUNE_SEARCH_CACHE_SECONDS", 300), fragments.seconds())


def normalised(terms: str) -> str:
    """One key for the searches that are the same to the backend: case-folded, NFKC, each word once, in order."""
    words = unicodedata.normalize("NFKC", terms).casefold().split()
    return " ".join(dict.fromkeys(words))


def _slot_key(kind: str, identity: str) -> str | None:
    slot = int.from_bytes(hashlib.blake2b(identity.encode(), digest_size=8).digest()) % slots()
    return fragments.entry_key(f"search-{kind}", [slot], [fragments.CONTENT])


def remembered(kind: str, parts: list, build: Callable[[], T], *, keep: Callable[[T], bool] = bool) -> T:
    """``build()``'s result for ``parts``, kept in one of the ``kind``'s slots when ``keep(result)``."""
    if kind not in KINDS:
        raise ValueError(f"no search cache slots for {kind!r}")
    if not fragments.enabled() or lifetime() <= 0:
        return build()
    identity = repr(parts)
    key = _slot_key(kind, identity)
    if key is None:  # the shared cache did not answer
        return build()
    cache = caches[settings.TRIBUNE_PAGE_CACHE_ALIAS]
    stored = cache.get(key)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == identity:
        return stored[1]
    value = build()
    if keep(value):
        cache.set(key, (identity, value), lifetime())
    return value

"""The fragment cache's own rules: one build per generation, a bump orphans old entries, and bumps wait for the
commit."""

import pytest

from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from tribune.core import fragments


@pytest.fixture
def fragments_on(settings):
    settings.TRIBUNE_FRAGMENT_CACHE_SECONDS = 600
    return settings


class Builder:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return f"built {self.calls}"


def test_a_fragment_is_built_once_per_generation(fragments_on):
    build = Builder()

    first = fragments.cached("card", [1], [fragments.CONTENT], build)
    second = fragments.cached("card", [1], [fragments.CONTENT], build)

    assert (first, second, build.calls) == ("built 1", "built 1", 1)


def test_a_bump_makes_the_next_reader_build_again(fragments_on):
    build = Builder()
    fragments.cached("card", [1], [fragments.CONTENT], build)

    fragments.bump(fragments.CONTENT)

    assert fragments.cached("card", [1], [fragments.CONTENT], build) == "built 2"


def test_a_bump_leaves_other_scopes_alone(fragments_on):
    build = Builder()
    scopes = [fragments.discussion_scope(7)]
    fragments.cached("threads", [7], scopes, build)

    fragments.bump(fragments.discussion_scope(8), fragments.CONTENT)

    assert fragments.cached("threads", [7], scopes, build) == "built 1"


def test_parts_and_language_are_part_of_the_key(fragments_on):
    build = Builder()
    fragments.cached("card", [1], [fragments.CONTENT], build)
    fragments.cached("card", [2], [fragments.CONTENT], build)
    with translation.override("fr"):
        fragments.cached("card", [1], [fragments.CONTENT], build)

    assert build.calls == 3


def test_a_lost_generation_starts_a_new_one_never_reusing_old_entries(fragments_on):
    build = Builder()
    fragments.cached("card", [1], [fragments.CONTENT], build)

    fragments._cache().delete(fragments.GENERATION_PREFIX + fragments.CONTENT)  # evicted

    assert fragments.cached("card", [1], [fragments.CONTENT], build) == "built 2"


def test_turned_off_every_call_builds(settings):
    settings.TRIBUNE_FRAGMENT_CACHE_SECONDS = 0
    build = Builder()

    fragments.cached("card", [1], [fragments.CONTENT], build)
    fragments.cached("card", [1], [fragments.CONTENT], build)

    assert build.calls == 2


@pytest.mark.django_db
def test_a_bump_waits_for_the_commit(fragments_on, django_capture_on_commit_callbacks):
    before = fragments.generation([fragments.CONTENT])

    with django_capture_on_commit_callbacks() as callbacks:
        fragments.bump_on_commit(fragments.CONTENT)
        assert fragments.generation([fragments.CONTENT]) == before  # readers inside the change see no bump yet
    for callback in callbacks:
        callback()

    assert fragments.generation([fragments.CONTENT]) != before


TEMPLATE = Template(
    "{% load fragment_tags %}{% fragment 'greeting' who %}Hello {{ who }} {{ counter }}{% endfragment %}"
)


def test_the_template_tag_stores_what_it_rendered(fragments_on):
    request = RequestFactory().get("/")

    first = TEMPLATE.render(Context({"who": "Ana", "counter": 1, "request": request}))
    second = TEMPLATE.render(Context({"who": "Ana", "counter": 2, "request": request}))
    other = TEMPLATE.render(Context({"who": "Ben", "counter": 3, "request": request}))

    assert (first, second, other) == ("Hello Ana 1", "Hello Ana 1", "Hello Ben 3")


def test_a_preview_renders_afresh_and_stores_nothing(fragments_on):
    request = RequestFactory().get("/")
    preview = RequestFactory().get("/")
    preview.is_preview = True

    drafted = TEMPLATE.render(Context({"who": "Ana", "counter": "draft", "request": preview}))
    published = TEMPLATE.render(Context({"who": "Ana", "counter": "live", "request": request}))

    assert (drafted, published) == ("Hello Ana draft", "Hello Ana live")


def test_a_request_reads_each_generation_once_and_the_next_request_sees_a_new_one(fragments_on):
    fragments.start_request()
    try:
        first = fragments.generation([fragments.CONTENT])
        fragments._cache().set(fragments.GENERATION_PREFIX + fragments.CONTENT, "from-another-worker", None)
        assert fragments.generation([fragments.CONTENT]) == first  # one page, one view of the content
    finally:
        fragments.finish_request()

    fragments.start_request()
    try:
        assert fragments.generation([fragments.CONTENT]) == "from-another-worker"
    finally:
        fragments.finish_request()


def test_a_bump_during_a_request_is_seen_by_the_rest_of_it(fragments_on):
    fragments.start_request()
    try:
        before = fragments.generation([fragments.CONTENT])
        fragments.bump(fragments.CONTENT)
        assert fragments.generation([fragments.CONTENT]) != before
    finally:
        fragments.finish_request()


def test_a_worker_keeps_its_own_copy_and_a_bump_still_reaches_it(fragments_on):
    build = Builder()
    fragments.cached("card", [1], [fragments.CONTENT], build)
    fragments._cache().delete(fragments.entry_key("card", [1], [fragments.CONTENT]))  # evicted from the shared cache

    assert fragments.cached("card", [1], [fragments.CONTENT], build) == "built 1"  # from this worker's memory
    fragments.bump(fragments.CONTENT)
    assert fragments.cached("card", [1], [fragments.CONTENT], build) == "built 2"


def test_a_workers_copies_are_bounded_in_size(fragments_on):
    fragments_on.TRIBUNE_FRAGMENT_CACHE_LOCAL_BYTES = 3_000
    for n in range(10):
        fragments.cached("card", [n], [fragments.CONTENT], lambda: "x" * 1_000)
    fragments.cached("huge", [1], [fragments.CONTENT], lambda: "y" * 10_000)  # larger than the bound: shared only

    assert len(fragments.local.entries) == 3
    assert fragments.local.bytes == 3_000
    assert fragments.cached("huge", [1], [fragments.CONTENT], Builder()) == "y" * 10_000


class UnreachableCache:
    """What ``tribune.core.cache`` answers while Redis is down: reads miss, writes are dropped, ``add`` says yes."""

    def get(self, key, default=None):
        return default

    def get_many(self, keys):
        return {}

    def add(self, *args, **kwargs):
        return True

    def set(self, *args, **kwargs):
        return None

    def set_many(self, data, *args, **kwargs):
        return list(data)


def test_while_the_shared_cache_is_down_everything_is_built_afresh_and_nothing_kept(fragments_on, monkeypatch):
    build = Builder()
    fragments.cached("card", [1], [fragments.CONTENT], build)  # stored in this worker while Redis answered
    monkeypatch.setattr(fragments, "_cache", UnreachableCache)
    fragments.local.clear()

    results = [fragments.cached("card", [1], [fragments.CONTENT], build) for _ in range(2)]

    assert fragments.generation([fragments.CONTENT]) is None
    assert results == ["built 2", "built 3"]  # a bump nobody could record would otherwise leave them stale
    assert fragments.peek("card", [1], [fragments.CONTENT]) is None
    assert fragments.local.entries == {}


class CountingCache:
    """The shared cache, with a record of the keys each ``get_many`` asked for (one round trip each)."""

    def __init__(self, cache):
        self.cache = cache
        self.reads: list[list[str]] = []

    def get_many(self, keys):
        self.reads.append(list(keys))
        return self.cache.get_many(keys)

    def __getattr__(self, name):
        return getattr(self.cache, name)


def serve(path: str, *scope_lists: list[str]) -> list[str | None]:
    """One request for ``path`` asking for the generations of each list of scopes in turn, as a page's tags do."""
    fragments.start_request(environ={"PATH_INFO": path})
    try:
        return [fragments.generation(scopes) for scopes in scope_lists]
    finally:
        fragments.finish_request()


def test_the_next_request_for_an_address_reads_all_its_generations_in_one_round_trip(fragments_on, monkeypatch):
    counting = CountingCache(fragments._cache())
    monkeypatch.setattr(fragments, "_cache", lambda: counting)
    discussion = fragments.discussion_scope(7)
    first = serve("/politics/a/", [fragments.CONTENT], [discussion])
    fragments.bump(discussion)  # a comment between the two requests
    counting.reads.clear()

    second = serve("/politics/a/", [fragments.CONTENT], [discussion])

    assert len(counting.reads) == 1
    assert set(counting.reads[0]) == {fragments.GENERATION_PREFIX + scope for scope in (fragments.CONTENT, discussion)}
    assert second[0] == first[0]
    assert second[1] != first[1]  # the current generation, read at the start of the request
    assert second[1] == counting.cache.get(fragments.GENERATION_PREFIX + discussion)


def test_a_hint_is_only_a_hint(fragments_on, monkeypatch):
    counting = CountingCache(fragments._cache())
    monkeypatch.setattr(fragments, "_cache", lambda: counting)
    old, new = fragments.discussion_scope(1), fragments.discussion_scope(2)
    serve("/a/", [fragments.CONTENT], [old])
    counting.cache.delete(fragments.GENERATION_PREFIX + old)  # evicted meanwhile
    counting.reads.clear()

    # The page at the address now asks for another scope: it is read in its own round trip, and learned.
    serve("/a/", [fragments.CONTENT], [new])
    assert [len(keys) for keys in counting.reads] == [2, 1]
    assert counting.cache.get(fragments.GENERATION_PREFIX + old) is None  # a hinted scope never starts a generation
    counting.reads.clear()

    assert serve("/a/", [fragments.CONTENT], [new])[1] is not None
    assert counting.reads == [[fragments.GENERATION_PREFIX + fragments.CONTENT, fragments.GENERATION_PREFIX + new]]
    counting.reads.clear()

    serve("/other/", [fragments.CONTENT])  # other addresses are not affected
    assert counting.reads == [[fragments.GENERATION_PREFIX + fragments.CONTENT]]

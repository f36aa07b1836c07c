"""What readers' searches can add to the shared cache is bounded: distinct queries share a fixed number of slots,
queries that find nothing are not kept, and the same words however typed are one entry."""

import random
import string
import time

import pytest

from django.core.cache import caches
from django.urls import reverse

from tests.factories import make_article, paragraph
from tribune.search import cache as search_cache

SLOTS = 8


@pytest.fixture(autouse=True)
def _stored_searches(settings):
    settings.TRIBUNE_FRAGMENT_CACHE_SECONDS = 600  # as in production
    settings.TRIBUNE_SEARCH_CACHE_SLOTS = SLOTS
    settings.TRIBUNE_PAGE_CACHE_SECONDS = 0  # the page cache does not keep searches anyway; measure the fragments


@pytest.fixture
def harbours(section):
    return [make_article(section, body=[paragraph("The harbour master counts the ships.")]) for _ in range(3)]


def stored_entries() -> set[str]:
    shared = caches["pages"]
    return {key for key in shared._cache if ":fragment:" in key}  # locmem keys are "<prefix>:<version>:<key>"


def random_word(rng: random.Random) -> str:
    return "".join(rng.choices(string.ascii_lowercase, k=10))


def test_two_hundred_distinct_searches_add_a_bounded_number_of_entries(client, harbours):
    rng = random.Random(17)
    client.get(reverse("search"), {"q": "harbour"})  # the generations and a first entry
    before = stored_entries()
    for _ in range(100):  # each finds the three articles, with a word of its own
        assert client.get(reverse("search"), {"q": f"harbour {random_word(rng)}"}).status_code == 200
    for _ in range(100):  # each finds nothing
        assert client.get(reverse("search"), {"q": random_word(rng)}).status_code == 200

    added = stored_entries() - before
    assert 0 < len(added) <= len(search_cache.KINDS) * SLOTS, len(added)


def test_a_search_that_finds_nothing_is_not_kept(client, harbours):
    client.get(reverse("search"), {"q": "harbour"})
    before = stored_entries()
    client.get(reverse("search"), {"q": "zeppelin"})
    assert stored_entries() == before


def test_the_same_words_however_typed_are_one_entry(client, harbours, django_assert_num_queries):
    client.get(reverse("search"), {"q": "Harbour master"})
    before = stored_entries()
    for q in ("harbour MASTER", "  HARBOUR   master harbour ", "ｈａｒｂｏｕｒ master"):
        with django_assert_num_queries(0):  # answered from the stored ids and cards
            response = client.get(reverse("search"), {"q": q})
        assert response.status_code == 200
        assert response.content.decode().count('class="card') >= 3
    assert stored_entries() == before


def test_a_colliding_search_never_reads_another_searchs_results(client, settings, harbours, section):
    settings.TRIBUNE_SEARCH_CACHE_SLOTS = 1  # every search in the same slot
    make_article(section, title="Lighthouse keepers", body=[paragraph("The lighthouse keeper writes.")])
    harbour = client.get(reverse("search"), {"q": "harbour"}).context["results"].paginator.count
    lighthouse = client.get(reverse("search"), {"q": "lighthouse"}).context["results"].paginator.count
    again = client.get(reverse("search"), {"q": "harbour"}).context["results"].paginator.count
    assert (harbour, lighthouse, again) == (3, 1, 3)


@pytest.mark.parametrize(
    "q",
    [
        '"harbour',
        "harbour AND OR NOT NEAR(",
        "NEAR(harbour master, 2)",
        "harbour* ^master",
        "title:harbour body:x {title body}: harbour",
        "((((harbour",
        "harbour\x00master\x00",
        "harbour\u2028master",
        "harbour " * 100_000,
        "".join(chr(c) for c in range(1, 0x3000, 7)) * 20,
    ],
    ids=[
        "quote",
        "operators",
        "near",
        "star caret",
        "column filters",
        "parentheses",
        "nul",
        "separator",
        "huge",
        "every plane",
    ],
)
def test_any_query_answers_quickly_and_never_500(client, harbours, q):
    started = time.monotonic()
    response = client.get(reverse("search"), {"q": q})
    assert response.status_code == 200
    assert time.monotonic() - started < 2

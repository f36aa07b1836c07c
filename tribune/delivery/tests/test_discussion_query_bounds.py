"""Untrusted discussion parameters cannot add entries to the shared caches, nor answer 500 (issue 17, findings 15
and 13): an invented ``?thread=`` or ``?cpage=`` gets the ordinary page, stored nowhere; real ones are stored."""

import random

import pytest
from bs4 import BeautifulSoup

from django.core.cache import caches
from django.test import Client

from tribune.delivery import page_cache
from tribune.delivery.page_cache import HEADER
from tribune.discussion.models import Comment
from tribune.discussion.tests.conftest import verified_reader
from tribune.discussion.tests.test_query_budget import approved_discussion

pytestmark = pytest.mark.usefixtures("page_cache_on")

ODD_NUMBERS = ["9" * 4301, "9" * 19, "-1", "0", "007", "+2", "2x", "next", "٣", "²", "１", " 2", "1.5", ""]


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.TRIBUNE_FRAGMENT_CACHE_SECONDS = 600


@pytest.fixture
def discussed(article, config):
    """A long thread first (its later replies hidden behind a link), then enough threads for a second page."""
    approved_discussion(article, total=15, one_thread=True)
    approved_discussion(article, total=40)
    return article


def entries() -> int:
    """Everything kept in the caches a page request can write to: the shared ones and this worker's own."""
    return sum(len(caches[alias]._cache) for alias in ("default", "pages")) + len(page_cache.local.pages)


def long_thread(article) -> Comment:
    return Comment.objects.filter(article=article, depth=0).order_by("created_at").first()


def discussion_text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").select_one("#discussion").get_text(" ", strip=True)


def test_two_hundred_invented_threads_add_no_cache_entries(client, discussed):
    ordinary = client.get(discussed.url)
    before = entries()
    real = {c.pk for c in Comment.objects.filter(article=discussed)}
    rng = random.Random(17)
    invented = [n for n in (rng.randrange(1, 10**12) for _ in range(220)) if n not in real][:200]

    answers = [client.get(discussed.url, {"thread": n}) for n in invented]

    assert {r.status_code for r in answers} == {200}
    assert not [r for r in answers if HEADER in r or "private" not in r["Cache-Control"]]  # answered, never stored
    assert discussion_text(answers[-1]) == discussion_text(ordinary)
    assert entries() == before


def test_a_real_thread_with_replies_to_open_is_stored_like_any_page(client, discussed):
    thread = long_thread(discussed)
    url = f"{discussed.url}?cpage=1&thread={thread.pk}"

    first, second = client.get(url), client.get(url)

    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert len(BeautifulSoup(second.content, "html.parser").select(f"#comment-{thread.pk} .comment")) == 14


def test_a_thread_on_another_page_or_without_hidden_replies_is_not_stored(client, discussed):
    short = Comment.objects.filter(article=discussed, depth=0).order_by("created_at")[3]
    client.get(discussed.url), client.get(discussed.url, {"cpage": 2})  # the real pages, stored
    before = entries()

    other_page = client.get(discussed.url, {"cpage": 2, "thread": long_thread(discussed).pk})
    nothing_hidden = client.get(discussed.url, {"thread": short.pk})

    assert other_page.status_code == nothing_hidden.status_code == 200
    assert entries() == before


@pytest.mark.parametrize("value", ODD_NUMBERS)
def test_odd_comment_pages_and_threads_answer_the_ordinary_page_and_store_nothing(client, discussed, value):
    ordinary = client.get(discussed.url)
    before = entries()

    answers = [client.get(discussed.url, {name: value}) for name in ("cpage", "thread")]

    assert [r.status_code for r in answers] == [200, 200]
    assert [discussion_text(r) for r in answers] == [discussion_text(ordinary)] * 2
    assert entries() == before


@pytest.mark.parametrize("value", ODD_NUMBERS)
def test_odd_comment_pages_never_answer_500_to_signed_in_readers(discussed, value):
    reader = Client()
    reader.force_login(verified_reader("night-owl"))

    assert reader.get(discussed.url, {"cpage": value, "thread": value}).status_code == 200


def test_a_comment_page_past_the_last_shows_the_last_and_is_not_stored(client, discussed):
    last = client.get(discussed.url, {"cpage": 2})
    before = entries()

    past = [client.get(discussed.url, {"cpage": n}) for n in (3, 40, 10**11)]

    assert [discussion_text(r) for r in past] == [discussion_text(last)] * 3
    assert entries() == before
    assert client.get(discussed.url, {"cpage": 2})[HEADER] == "hit"


@pytest.mark.parametrize("name", ["thread", "cpage", "comments"])
def test_pages_without_a_discussion_are_not_stored_under_its_parameters(client, discussed, name):
    section_url = discussed.get_parent().url
    client.get("/"), client.get(section_url)
    before = entries()

    answers = [client.get(url, {name: value}) for url in ("/", section_url) for value in ("2", "newest", "77")]

    assert {r.status_code for r in answers} == {200}
    assert not [r for r in answers if HEADER in r]
    assert entries() == before

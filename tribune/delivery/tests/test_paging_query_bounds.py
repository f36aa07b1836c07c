"""Invented page numbers cannot add entries to the shared caches (issue 17, a sibling of finding 15): ``?page=`` and
the sitemaps' ``?p=`` vary a stored copy only on a listing that shows the page they name, spelt plainly; any other
value is answered as before (the page, page one or a 404) with ``Cache-Control: private`` and nothing stored."""

import random

import pytest

from tribune.core import fragments
from tribune.delivery.page_cache import HEADER
from tribune.delivery.tests.test_discussion_query_bounds import entries

pytestmark = pytest.mark.usefixtures("page_cache_on")


def invented_values(count: int, *, exclude=()) -> list[str]:
    """Distinct values of at most 12 letters and digits, as the page cache accepts in a query: big numbers mostly,
    some words and zero-padded numbers."""
    rng = random.Random(17)
    values: set[str] = set()
    while len(values) < count:
        kind = rng.randrange(3)
        if kind == 0:
            value = str(rng.randrange(3, 10**12))
        elif kind == 1:
            value = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=rng.randrange(1, 13)))
        else:
            value = "0" + str(rng.randrange(1, 10**6))
        if value not in exclude:
            values.add(value)
    return sorted(values)


@pytest.fixture
def two_pages(section, article_factory, settings):
    """A section whose listing has exactly two pages."""
    settings.TRIBUNE_PAGE_SIZE = 2
    for _ in range(3):
        article_factory()
    return section


def test_two_hundred_page_numbers_on_an_article_and_the_home_page_add_no_cache_entries(client, home, article):
    for url in (article.url, home.url):
        ordinary = client.get(url)
        before = entries()

        answers = [client.get(url, {"page": value}) for value in invented_values(200)]

        assert {r.status_code for r in answers} == {200}
        assert not [r for r in answers if HEADER in r or "private" not in r["Cache-Control"]]
        assert answers[-1].content.count(b"<h1") == ordinary.content.count(b"<h1")
        assert entries() == before


def test_two_hundred_page_numbers_on_a_section_store_only_its_real_pages(client, two_pages):
    client.get(two_pages.url), client.get(two_pages.url, {"page": 1}), client.get(two_pages.url, {"page": 2})
    before = entries()

    answers = [client.get(two_pages.url, {"page": value}) for value in invented_values(200, exclude={"1", "2"})]

    assert {r.status_code for r in answers} == {200, 404}  # a word answers page one, a number past the end 404
    assert not [r for r in answers if HEADER in r]
    assert not [r for r in answers if r.status_code == 200 and "private" not in r["Cache-Control"]]
    assert entries() == before


def test_a_real_second_page_of_a_section_is_stored_and_served_from_the_cache(client, two_pages):
    first, second = client.get(two_pages.url, {"page": 2}), client.get(two_pages.url, {"page": 2})

    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert second.content == first.content


def test_an_odd_spelling_of_a_real_page_answers_it_without_storing_it(client, two_pages):
    plain = client.get(two_pages.url, {"page": 2})
    before = entries()

    padded = client.get(two_pages.url, {"page": "02"})

    assert padded.status_code == 200 and HEADER not in padded and "private" in padded["Cache-Control"]
    assert padded.content == plain.content
    assert entries() == before


@pytest.mark.parametrize("url", ["/topics/elections/", "/experts/amara-test/"])
def test_listings_outside_the_page_tree_vouch_for_their_real_pages_only(client, article, url):
    client.get(url)
    before = entries()

    invented = [client.get(url, {"page": value}) for value in ("abc", "01", "2", "99")]

    assert [r.status_code for r in invented] == [200, 200, 404, 404]
    assert entries() == before
    assert [client.get(url, {"page": 1})[HEADER] for _ in range(2)] == ["miss", "hit"]


def test_sitemap_pages_are_stored_for_a_real_page_only(client, article):
    url = "/sitemap-articles.xml"
    client.get(url)
    # The 404 page's footer reads the content generation, which the sitemap itself never does: its counter is kept
    # once, whatever the page number, and is no stored page.
    fragments.generation([fragments.CONTENT])
    before = entries()

    odd = [client.get(url, {"p": value}) for value in ("01", "2", "abc", "99999999")]

    assert [r.status_code for r in odd] == [200, 404, 404, 404]
    assert HEADER not in odd[0] and "private" in odd[0]["Cache-Control"]
    assert entries() == before
    assert [client.get(url, {"p": 1})[HEADER] for _ in range(2)] == ["miss", "hit"]

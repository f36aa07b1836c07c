"""The page cache per edition: a page is stored under its address, which carries its language, so an edition's
page is never served for another edition's address; the unprefixed (default) edition ignores Accept-Language, so
edges keep one copy per address; a change forgets the page in its own edition and the translations that link it."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import make_article, make_translation
from tribune.delivery.page_cache import HEADER
from tribune.editions.services import edition_add

pytestmark = pytest.mark.usefixtures("page_cache_on")


@pytest.fixture
def editions(home, section):
    edition_add(language_code="hi")
    edition_add(language_code="ru")


@pytest.fixture
def pair(editions, section):
    """An English article and its Hindi translation, at the same slug under each edition's section."""
    article = make_article(section, slug="river-treaty", title="The river treaty")
    return article, make_translation(article, "hi", title="नदी संधि")


def read(client, url: str, **headers):
    response = client.get(url, headers=headers)
    page = BeautifulSoup(response.content, "html.parser")
    return response, page.html["lang"], page.h1.get_text(strip=True) if page.h1 else None


@pytest.mark.parametrize("hindi_first", [True, False])
def test_a_hindi_page_is_never_served_for_the_english_address_nor_the_reverse(client, pair, hindi_first):
    article, hindi = pair
    assert hindi.url == "/hi" + article.url  # the same path but for the prefix: the case a cache could mix up
    order = [hindi.url, article.url] if hindi_first else [article.url, hindi.url]
    for url in order:  # fill the cache, the other order in the other run
        client.get(url)

    english_response, english_lang, english_title = read(client, article.url)
    hindi_response, hindi_lang, hindi_title = read(client, hindi.url)

    assert english_response[HEADER] == hindi_response[HEADER] == "hit"
    assert (english_lang, english_title) == ("en", "The river treaty")
    assert (hindi_lang, hindi_title) == ("hi", "नदी संधि")


def test_the_edition_home_pages_are_stored_apart(client, editions):
    for url in ("/", "/hi/", "/ru/"):
        client.get(url)

    assert [read(client, url)[1] for url in ("/", "/hi/", "/ru/")] == ["en", "hi", "ru"]


@pytest.mark.parametrize("accept_language", ["hi", "ru,hi;q=0.8", "hi-IN, en;q=0.5"])
def test_the_unprefixed_english_page_ignores_accept_language(client, pair, accept_language):
    article, _hindi = pair
    client.get(article.url)  # stored by a reader without the header

    response, lang, title = read(client, article.url, **{"Accept-Language": accept_language})

    assert response.status_code == 200  # no redirect to /hi/
    assert response[HEADER] == "hit"  # the one stored copy
    assert (lang, title) == ("en", "The river treaty")
    assert "accept-language" not in response.get("Vary", "").lower()  # one copy per address at the edge too


def test_a_missed_english_page_rendered_for_a_hindi_browser_is_english_and_splits_no_cache(client, pair):
    article, _hindi = pair

    response, lang, _title = read(client, article.url, **{"Accept-Language": "hi"})

    assert response[HEADER] == "miss"
    assert lang == "en"
    assert "accept-language" not in response.get("Vary", "").lower()
    assert read(client, article.url)[0][HEADER] == "hit"


def test_a_hindi_page_stays_hindi_for_an_english_browser(client, pair):
    _article, hindi = pair

    response, lang, title = read(client, hindi.url, **{"Accept-Language": "en"})

    assert response.status_code == 200
    assert (lang, title) == ("hi", "नदी संधि")


def test_publishing_a_translation_refreshes_it_and_the_switcher_of_its_source(client, committed, editions, section):
    article = make_article(section, slug="harbour-works", title="Harbour works")
    client.get(article.url)
    assert not BeautifulSoup(client.get(article.url).content, "html.parser").select("nav.language-switcher a")

    hindi = committed(make_translation, article, "hi", title="बंदरगाह कार्य")
    client.get(hindi.url)
    committed(make_translation, article, "hi", title="बंदरगाह के कार्य")

    english = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert [a["href"] for a in english.select("nav.language-switcher a")] == [hindi.url]
    assert read(client, hindi.url)[2] == "बंदरगाह के कार्य"

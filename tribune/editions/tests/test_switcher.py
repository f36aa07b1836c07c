"""The language switcher, ``hreflang`` alternates and ``inLanguage`` on reader pages, per the markup contract of
issue 13: only live translations are linked, the current language is named but not linked."""

import json

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article, make_translation
from tribune.editions.services import edition_add
from tribune.newsroom.models import ArticlePage


def soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def switcher(page: BeautifulSoup) -> list[tuple[str, str | None]]:
    """(language, link) for each entry of the switcher; the current language has no link."""
    nav = page.select_one("nav.language-switcher")
    if nav is None:
        return []
    return [(item["lang"], item.get("href")) for item in nav.select("li > a, li > span[aria-current]")]


def alternates(page: BeautifulSoup) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in page.select("head link[rel=alternate][hreflang]")}


@pytest.fixture
def hindi_edition(home, section):
    edition_add(language_code="hi")


@pytest.fixture
def translated_article(hindi_edition, section):
    article = make_article(section, slug="monsoon-budget", title="The monsoon budget")
    hindi = make_translation(article, "hi", title="मानसून बजट")
    return article, hindi


def test_an_article_links_its_live_translation_and_names_its_own_language(client, translated_article):
    article, hindi = translated_article

    english_page = soup(client, article.url)

    assert hindi.url.startswith("/hi/")
    assert switcher(english_page) == [("en", None), ("hi", hindi.url)]
    link = english_page.select_one("nav.language-switcher a")
    assert (link["hreflang"], link["rel"], link.get_text()) == ("hi", ["alternate"], "हिंदी")
    assert english_page.select_one("nav.language-switcher")["aria-label"] == "Languages"


def test_the_translation_links_back_and_is_marked_up_in_its_own_language(client, translated_article):
    article, hindi = translated_article

    hindi_page = soup(client, hindi.url)

    assert hindi_page.html["lang"] == "hi"
    assert hindi_page.h1.get_text(strip=True) == "मानसून बजट"
    assert switcher(hindi_page) == [("en", article.url), ("hi", None)]


def test_alternates_name_every_edition_absolutely_with_the_default_language_as_x_default(client, translated_article):
    article, hindi = translated_article

    for url in (article.url, hindi.url):
        assert alternates(soup(client, url)) == {
            "en": f"http://testserver{article.url}",
            "hi": f"http://testserver{hindi.url}",
            "x-default": f"http://testserver{article.url}",
        }


def test_json_ld_names_the_language_of_each_edition(client, translated_article):
    article, hindi = translated_article

    def in_language(url):
        for script in soup(client, url).select('script[type="application/ld+json"]'):
            data = json.loads(script.string)
            if data.get("@type") in {
                "NewsArticle",
                "AnalysisNewsArticle",
                "OpinionNewsArticle",
                "ReportageNewsArticle",
            }:
                return data["inLanguage"]
        raise AssertionError("no article JSON-LD")

    assert in_language(article.url) == "en"
    assert in_language(hindi.url) == "hi"


def test_an_unpublished_translation_is_not_linked(client, translated_article):
    article, hindi = translated_article
    hindi.unpublish()

    page = soup(client, article.url)

    assert switcher(page) == []
    assert alternates(page) == {}


def test_a_page_without_translations_shows_no_switcher_and_no_alternates(client, hindi_edition, section):
    article = make_article(section)

    page = soup(client, article.url)

    assert switcher(page) == []
    assert alternates(page) == {}


def test_an_edition_only_original_shows_no_switcher(client, hindi_edition, section):
    hindi_section = section.get_translation(section.get_translations().get().locale)
    original = make_article(hindi_section.specific, slug="only-in-hindi", title="केवल हिंदी में")
    assert ArticlePage.objects.get(pk=original.pk).locale.language_code == "hi"

    assert switcher(soup(client, original.url)) == []


def test_edition_home_pages_link_each_other(client, home, section):
    edition_add(language_code="hi")
    edition_add(language_code="ru")

    assert switcher(soup(client, "/")) == [("en", None), ("hi", "/hi/"), ("ru", "/ru/")]
    assert switcher(soup(client, "/ru/")) == [("en", "/"), ("hi", "/hi/"), ("ru", None)]
    assert alternates(soup(client, "/hi/"))["x-default"] == "http://testserver/"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/search/", [("en", None), ("hi", "/hi/search/"), ("ru", "/ru/search/")]),
        ("/hi/experts/", [("en", "/experts/"), ("hi", None), ("ru", "/ru/experts/")]),
        ("/ru/corrections/", [("en", "/corrections/"), ("hi", "/hi/corrections/"), ("ru", None)]),
        ("/accounts/login/", [("en", None), ("hi", "/hi/accounts/login/"), ("ru", "/ru/accounts/login/")]),
    ],
)
def test_views_outside_the_page_tree_link_the_same_address_in_every_edition(client, home, path, expected):
    page = soup(client, path)
    english_path = dict(expected)["en"] or path

    assert switcher(page) == expected
    assert alternates(page)["x-default"] == f"http://testserver{english_path}"


def test_a_missing_page_offers_no_edition(client, home):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert b"language-switcher" not in response.content


def test_the_links_of_a_page_cost_no_query_once_the_worker_knows_the_translations(client, translated_article):
    article, _hindi = translated_article
    first = client.get(article.url)  # fragments are off: the page itself is built again below

    with CaptureQueriesContext(connection) as queries:
        second = client.get(article.url)

    assert second.content == first.content
    assert not [q for q in queries if '"translation_key" IN' in q["sql"] or '"translation_key" =' in q["sql"]]


def test_a_newly_published_translation_is_linked_once_the_content_generation_moves_on(
    client, django_capture_on_commit_callbacks, hindi_edition, section
):
    article = make_article(section)
    assert switcher(soup(client, article.url)) == []

    with django_capture_on_commit_callbacks(execute=True):
        hindi = make_translation(article, "hi", title="नया अनुवाद")

    assert switcher(soup(client, article.url)) == [("en", None), ("hi", hindi.url)]


def test_each_edition_home_describes_its_website_in_its_language(client, hindi_edition):
    def website_language(url):
        for script in soup(client, url).select('script[type="application/ld+json"]'):
            for item in json.loads(script.string).get("@graph", []):
                if item["@type"] == "WebSite":
                    return item["inLanguage"]
        raise AssertionError("no WebSite JSON-LD")

    assert website_language("/") == "en"
    assert website_language("/hi/") == "hi"

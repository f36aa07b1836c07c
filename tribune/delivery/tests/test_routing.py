"""Routes kept between requests (tribune.delivery.routing): a page the full-page cache cannot serve is found without
a query, and every change that moves, hides or restricts a page is seen by the very next request."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from wagtail.models import Page, PageViewRestriction

from tribune.core import fragments
from tribune.delivery import routing
from tribune.discussion import services as discussion
from tribune.discussion.tests.conftest import verified_reader
from tribune.newsroom.models import ArticlePage


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.TRIBUNE_FRAGMENT_CACHE_SECONDS = 600
    fragments.bump(fragments.CONTENT)
    return settings


def stored_route(site, path: str):
    return fragments.peek(routing.STORE_NAME, (site.pk, path), [fragments.CONTENT])


def test_pages_are_served_by_the_routing_view_under_wagtails_name(article):
    match = resolve(article.url)
    assert match.func is routing.serve
    assert match.url_name == "wagtail_serve"
    assert resolve("/_util/login/").url_name == "wagtailcore_login"  # Wagtail's own pages still come first


def test_a_second_anonymous_request_for_an_article_needs_no_query(client, article, config):
    first = client.get(article.url)
    assert first.status_code == 200

    with CaptureQueriesContext(connection) as queries:
        second = client.get(article.url)

    assert second.status_code == 200
    assert second.content == first.content
    assert [query["sql"] for query in queries] == []


def test_the_home_and_section_pages_are_routed_from_the_store_too(client, home, section, article):
    for url in (home.url, section.url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert not [q["sql"] for q in queries if '"wagtailcore_page"."url_path"' in q["sql"]]


def test_a_routed_page_builds_its_full_address_from_the_workers_root_paths(client, home, section, monkeypatch):
    from wagtail.models import Site

    for url in (home.url, section.url):
        client.get(url)
    reads = []
    real = Site.get_site_root_paths
    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(lambda: reads.append(1) or real()))

    pages = [client.get(url) for url in (home.url, section.url)]

    assert [page.status_code for page in pages] == [200, 200]
    assert f'<link rel="canonical" href="{home.full_url}">' in pages[0].content.decode()
    assert reads == []  # the canonical link read no root paths from the shared cache


def test_an_unpublished_page_is_gone_on_the_next_request(client, committed, article):
    assert client.get(article.url).status_code == 200

    committed(ArticlePage.objects.get(pk=article.pk).unpublish)

    assert client.get(article.url).status_code == 404


def test_a_moved_page_answers_at_its_new_address(client, committed, article, other_section):
    old_url = article.url
    assert client.get(old_url).status_code == 200

    committed(ArticlePage.objects.get(pk=article.pk).move, other_section, pos="last-child")

    moved = ArticlePage.objects.get(pk=article.pk)
    old = client.get(old_url)
    assert (old.status_code, old["Location"]) == (301, moved.url)
    assert client.get(moved.url).status_code == 200


def test_a_page_made_private_asks_for_sign_in_on_the_next_request(client, committed, article):
    assert client.get(article.url).status_code == 200

    committed(PageViewRestriction.objects.create, page=article, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(article.url)
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_a_private_page_stays_private_when_its_route_is_stored(client, committed, article, reader):
    committed(PageViewRestriction.objects.create, page=article.get_parent(), restriction_type="login")

    for _ in range(2):  # the second request takes the stored route
        assert client.get(article.url).status_code == 302
    assert stored_route(article.get_site(), article.url.lstrip("/")) is not None

    client.force_login(reader)
    assert client.get(article.url).status_code == 200


def test_a_page_made_public_again_is_served_on_the_next_request(client, committed, article):
    restriction = committed(PageViewRestriction.objects.create, page=article, restriction_type="login")
    assert client.get(article.url).status_code == 302

    committed(restriction.delete)

    assert client.get(article.url).status_code == 200


def test_addresses_that_find_nothing_are_not_stored(client, home):
    for _ in range(2):
        assert client.get("/no-such-page/").status_code == 404
    assert stored_route(home.get_site(), "no-such-page/") is None


def test_the_comment_count_is_never_taken_from_a_stored_page(client, committed, article, config):
    client.get(article.url)  # stores the route with the count at zero
    author = verified_reader("counted")

    committed(discussion.comment_post, article=article, author=author, body="A comment that must be counted.")

    page = client.get(article.url).content.decode()
    assert 'class="discussion__count">(1)<' in page
    stored = stored_route(article.get_site(), article.url.lstrip("/"))
    assert stored is not None and b"comment_count" not in stored


def test_with_fragments_off_every_request_routes_afresh(client, article, settings):
    settings.TRIBUNE_FRAGMENT_CACHE_SECONDS = 0
    client.get(article.url)

    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.url).status_code == 200

    assert any('"wagtailcore_page"' in q["sql"] for q in queries)
    assert Page.objects.filter(pk=article.pk).exists()

"""The home page resolves addresses in one lookup: the same answers as Wagtail's walk down the tree."""

import pytest

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from tribune.newsroom.models import ArticlePage, HomePage


def test_no_page_type_routes_on_its_own_which_the_shortcut_relies_on():
    overriding = [
        model.__name__
        for model in apps.get_models()
        if issubclass(model, Page) and model is not HomePage and model.route is not Page.route
    ]
    assert overriding == []


def test_an_article_section_and_unknown_address_route_as_before(client, article):
    assert client.get(article.url).status_code == 200
    assert client.get(article.get_parent().url).status_code == 200
    assert client.get(article.url + "no-such-page/").status_code == 404
    assert client.get("/no-such-section/" + article.slug + "/").status_code == 404


def test_an_unpublished_article_is_not_found(client, article):
    ArticlePage.objects.get(pk=article.pk).unpublish()

    assert client.get(article.url).status_code == 404


def test_an_article_is_found_in_one_query_whatever_its_depth(rf, home, article):
    request = rf.get(article.url)

    with CaptureQueriesContext(connection) as queries:
        result = home.route(request, [part for part in article.url.split("/") if part])

    assert result.page.pk == article.pk
    assert isinstance(result.page, ArticlePage)
    assert len(queries) == 1


@pytest.mark.parametrize("path", ["", "politics", "politics/x/y/z"])
def test_odd_addresses_never_fail(client, home, path):
    assert client.get("/" + path).status_code in {200, 301, 404}

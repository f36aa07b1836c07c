"""Each worker looks the Wagtail site up once per host and content generation."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

from tribune.core import fragments, sites


@pytest.fixture
def fragments_on(settings):
    settings.TRIBUNE_FRAGMENT_CACHE_SECONDS = 600
    sites.forget()
    yield settings
    sites.forget()


def site_queries(queries) -> list:
    return [q for q in queries if 'FROM "wagtailcore_site"' in q["sql"]]


def test_the_second_request_finds_the_site_without_a_query(client, fragments_on, article):
    client.get(article.url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.url)

    assert response.status_code == 200
    assert site_queries(queries) == []


def test_each_request_gets_its_own_copy_with_the_specific_home_page(rf, fragments_on, home):
    first, second = sites.site_for_request(rf.get("/")), sites.site_for_request(rf.get("/"))

    assert first == second and first is not second
    assert first.root_page is not second.root_page
    assert type(first.root_page) is type(home)


def test_an_edited_site_is_seen_on_the_next_request(rf, fragments_on, home, django_capture_on_commit_callbacks):
    sites.site_for_request(rf.get("/"))
    site = Site.objects.get(is_default_site=True)

    with django_capture_on_commit_callbacks(execute=True):
        site.site_name = "Tribune Renamed"
        site.save()

    assert sites.site_for_request(rf.get("/")).site_name == "Tribune Renamed"


def test_a_publish_elsewhere_is_enough_to_look_again(rf, fragments_on, home):
    sites.site_for_request(rf.get("/"))
    Site.objects.filter(is_default_site=True).update(site_name="Changed without a signal")

    fragments.bump(fragments.CONTENT)  # what another worker's publish does

    assert sites.site_for_request(rf.get("/")).site_name == "Changed without a signal"


def test_an_unknown_host_falls_back_to_the_default_site(rf, fragments_on, home):
    assert sites.site_for_request(rf.get("/", HTTP_HOST="elsewhere.example")).is_default_site


def test_site_root_paths_are_read_once_per_generation(fragments_on, home, django_capture_on_commit_callbacks):
    first = sites.site_root_paths()
    assert [path.root_path for path in first] == [home.url_path]
    assert sites.site_root_paths() is first  # kept in the worker, not asked of the shared cache again

    site = Site.objects.get(is_default_site=True)
    with django_capture_on_commit_callbacks(execute=True):
        site.hostname, site.port = "news.example", 443
        site.save()

    assert [path.root_url for path in sites.site_root_paths()] == ["https://news.example"]


def test_page_urls_in_a_request_use_the_kept_root_paths(client, fragments_on, article):
    client.get(article.url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.url)

    assert response.status_code == 200
    assert response.wsgi_request._wagtail_cached_site_root_paths is sites.site_root_paths()
    assert site_queries(queries) == []


def test_while_the_shared_cache_is_down_the_site_is_looked_up_every_time(rf, fragments_on, home, monkeypatch):
    from .test_fragments import UnreachableCache

    monkeypatch.setattr(fragments, "_cache", UnreachableCache)
    sites.site_for_request(rf.get("/"))
    Site.objects.filter(is_default_site=True).update(site_name="Renamed while Redis was down")

    with CaptureQueriesContext(connection) as queries:
        site = sites.site_for_request(rf.get("/"))

    assert site.site_name == "Renamed while Redis was down"
    assert site_queries(queries)
    assert sites._sites == {}

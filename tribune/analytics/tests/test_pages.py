import pytest

from django.urls import reverse

from tribune.analytics.tokens import target_from_token
from tribune.delivery.page_cache import HEADER


@pytest.fixture
def page_cache_on(settings):
    from tribune.delivery import page_cache

    settings.TRIBUNE_PAGE_CACHE_SECONDS = 600
    settings.TRIBUNE_PAGE_CACHE_RECHECK_SECONDS = 0
    page_cache.local.clear()
    yield
    page_cache.local.clear()


def beacon_token(html: str) -> str:
    start = html.index('data-target="') + len('data-target="')
    return html[start : html.index('"', start)]


def test_an_anonymous_article_page_with_the_beacon_is_still_served_from_the_page_cache(client, page_cache_on, article):
    first, second = client.get(article.url), client.get(article.url)

    assert first[HEADER] == "miss"
    assert second[HEADER] == "hit"
    html = second.content.decode()
    assert "analytics/beacon.js" in html
    assert reverse("analytics_pixel") in html
    assert target_from_token(beacon_token(html)) == (article.url, article.pk)


def test_the_beacon_and_its_image_are_the_same_for_every_reader(client, article):
    from django.test import Client

    assert beacon_token(client.get(article.url).content.decode()) == beacon_token(
        Client().get(article.url, headers={"User-Agent": "Another browser"}).content.decode()
    )


@pytest.mark.parametrize("page", ["home", "section", "contributor_detail", "topic_detail"])
def test_every_reader_page_carries_the_beacon(client, page, home, section, article, contributor):
    url = {
        "home": home.url,
        "section": section.url,
        "contributor_detail": reverse("contributor_detail", args=[contributor.slug]),
        "topic_detail": reverse("topic_detail", args=["elections"]),
    }[page]

    html = client.get(url).content.decode()

    assert target_from_token(beacon_token(html))[0] == url


def test_the_beacon_is_never_stored_by_the_page_cache(client, page_cache_on, article):
    response = client.get(reverse("analytics_pixel"), {"t": "x"})

    assert response.get(HEADER) in (None, "pass")
    assert response["Cache-Control"] == "no-store"

from datetime import timedelta

import pytest

from django.utils import timezone

from tribune.analytics.models import HourlyPageViews
from tribune.analytics.selectors import most_read


def viewed(article, views, *, hours_ago=1, section=None):
    hour = (timezone.now() - timedelta(hours=hours_ago)).replace(minute=0, second=0, microsecond=0)
    HourlyPageViews.objects.create(
        hour=hour, path=article.url, page=article, section=section or article.get_parent(), views=views
    )


@pytest.fixture
def read_articles(article_factory, other_section):
    first, second, third = (article_factory(title=f"Read article {n}") for n in ("one", "two", "three"))
    elsewhere = article_factory(other_section, title="Read elsewhere")
    viewed(first, 10)
    viewed(first, 5, hours_ago=3)
    viewed(second, 40)
    viewed(third, 30, hours_ago=30)  # read yesterday, not in the last 24 hours
    viewed(third, 1)
    viewed(elsewhere, 20)
    return first, second, third, elsewhere


def test_most_read_lists_the_last_24_hours_most_read_articles_first(read_articles):
    first, second, third, elsewhere = read_articles

    assert most_read(limit=5) == [second, elsewhere, first, third]
    assert most_read(limit=2) == [second, elsewhere]


def test_most_read_in_a_section_lists_only_its_articles(read_articles, section):
    first, second, third, _elsewhere = read_articles

    assert most_read(section_id=section.pk) == [second, first, third]


def test_most_read_leaves_out_unpublished_articles_and_pages_that_are_not_articles(read_articles, section, home):
    first, second, _third, _elsewhere = read_articles
    second.unpublish()
    viewed(section, 1000, section=section)

    assert second not in most_read()
    assert section.specific not in most_read() and most_read()[1] == first


def test_the_home_page_shows_the_most_read_list_in_order(client, read_articles, home):
    first, second, _third, elsewhere = read_articles

    html = client.get(home.url).content.decode()

    listing = html[html.index('class="most-read"') :]
    assert listing.index(second.title) < listing.index(elsewhere.title) < listing.index(first.title)


def test_a_section_page_shows_its_own_most_read(client, read_articles, section):
    first, second, _third, elsewhere = read_articles

    html = client.get(section.url).content.decode()

    listing = html[html.index('class="most-read"') :]
    assert "Most read in" in listing
    assert listing.index(second.title) < listing.index(first.title)
    assert elsewhere.title not in listing


def test_the_most_read_list_is_computed_once_for_its_period_not_per_request(
    client, read_articles, home, settings, django_assert_max_num_queries
):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "most-read-test"},
    }
    from tribune.analytics.templatetags.analytics_tags import most_read as most_read_tag

    assert "Read article two" in most_read_tag({"request": None})
    viewed(read_articles[0], 500, hours_ago=2)
    with django_assert_max_num_queries(0):
        again = most_read_tag({"request": None})
    assert again.index("Read article two") < again.index("Read article one")  # the stored order, until it expires


def test_nothing_read_shows_no_most_read_list(client, home, article):
    assert 'class="most-read"' not in client.get(home.url).content.decode()

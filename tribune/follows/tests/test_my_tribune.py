"""“My Tribune”: the newest published articles from what a reader follows, their saved pieces, within a budget."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_article, make_contributor, make_translation
from tribune.follows import services
from tribune.follows.models import FollowKind

# Queries for a signed-in reader's /my/ with followed experts, topics, sections and countries and saved articles,
# the same with 3 articles of each as with 12: session and user, follows, the followed sections' pages in this
# edition, the count, the cards (images, bylines, corrections), their sections, then the same for the saved ones.
# Measured 2026-12-04 on SQLite: 19.
MY_TRIBUNE_BUDGET = 22


def titles(response) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in page.select(".card-grid")[0].select("article h2 a, article h3 a")]


def ago(minutes: int):
    return timezone.now() - datetime.timedelta(minutes=minutes)


def test_signed_out_readers_are_asked_to_sign_in(client, db):
    response = client.get("/my/")

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_my_tribune_lists_followed_articles_newest_first_and_nothing_else(
    signed_in, reader, section, other_section, country
):
    expert = make_contributor()
    by_expert = make_article(other_section, contributors=[expert], published_at=ago(50), title="By the expert")
    on_topic = make_article(other_section, topics=["water"], published_at=ago(40), title="On the topic")
    in_section = make_article(section, published_at=ago(30), title="In the section")
    on_country = make_article(other_section, countries=[country], published_at=ago(20), title="On the country")
    make_article(other_section, published_at=ago(10), title="Not followed")
    make_article(section, published_at=timezone.now() + datetime.timedelta(days=1), title="Not out yet")
    from tribune.taxonomy.models import Topic

    services.follow_add(user=reader, kind=FollowKind.EXPERT, target=expert)
    services.follow_add(user=reader, kind=FollowKind.TOPIC, target=Topic.objects.get(slug="water"))
    services.follow_add(user=reader, kind=FollowKind.SECTION, target=section)
    services.follow_add(user=reader, kind=FollowKind.COUNTRY, target=country)

    response = signed_in.get("/my/")

    assert response.status_code == 200
    assert "private" in response["Cache-Control"] or "no-cache" in response.get("Cache-Control", "")
    assert titles(response) == [on_country.title, in_section.title, on_topic.title, by_expert.title]


def test_an_article_matching_several_follows_is_listed_once(signed_in, reader, section, article, contributor):
    services.follow_add(user=reader, kind=FollowKind.EXPERT, target=contributor)
    services.follow_add(user=reader, kind=FollowKind.SECTION, target=section)

    assert titles(signed_in.get("/my/")) == [article.title]


def test_a_reader_who_follows_nothing_is_told_how(signed_in, article):
    response = signed_in.get("/my/")

    assert "You do not follow anything yet" in response.content.decode()


def test_each_edition_lists_its_own_articles_from_a_followed_section(signed_in, reader, section, article):
    hindi_article = make_translation(article, "hi", title="हिंदी लेख")
    services.follow_add(user=reader, kind=FollowKind.SECTION, target=section)

    assert titles(signed_in.get("/my/")) == [article.title]
    assert titles(signed_in.get("/hi/my/")) == [hindi_article.title]


def test_saved_articles_are_listed_latest_saved_first(signed_in, reader, article_factory):
    first, second = article_factory(), article_factory()
    services.article_save(user=reader, article=first)
    services.article_save(user=reader, article=second)

    page = BeautifulSoup(signed_in.get("/my/saved/").content, "html.parser")

    assert [a.get_text(strip=True) for a in page.select("article h2 a")] == [second.title, first.title]


def test_an_unpublished_saved_article_is_not_shown(signed_in, reader, article):
    services.article_save(user=reader, article=article)
    article.unpublish()

    assert article.title not in signed_in.get("/my/saved/").content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999999999999999999999"])
def test_odd_page_numbers_never_fail(signed_in, article, page):
    assert signed_in.get(f"/my/?page={page}").status_code in (200, 404)
    assert signed_in.get(f"/my/saved/?page={page}").status_code in (200, 404)


def _query_count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_my_tribune_queries_do_not_grow_with_articles_or_follows(
    signed_in, reader, section, other_section, country, settings, django_assert_max_num_queries
):
    settings.TRIBUNE_PAGE_SIZE = 20

    def grow(n):
        for _ in range(n):
            expert = make_contributor()
            services.follow_add(user=reader, kind=FollowKind.EXPERT, target=expert)
            saved = make_article(other_section, contributors=[expert], topics=["water"], countries=[country])
            make_article(section)
            services.article_save(user=reader, article=saved)

    from tribune.taxonomy.models import Topic

    grow(3)
    services.follow_add(user=reader, kind=FollowKind.SECTION, target=section)
    services.follow_add(user=reader, kind=FollowKind.TOPIC, target=Topic.objects.get(slug="water"))
    services.follow_add(user=reader, kind=FollowKind.COUNTRY, target=country)
    small = _query_count(signed_in, "/my/")
    grow(9)
    large = _query_count(signed_in, "/my/")

    assert large == small, (small, large)
    with django_assert_max_num_queries(MY_TRIBUNE_BUDGET):
        signed_in.get("/my/")

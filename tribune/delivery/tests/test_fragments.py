"""The fragment cache on real pages, with the full-page cache off: what a signed-in reader or a freshly invalidated
page gets is built from stored fragments, and is never older than what the page cache itself would serve."""

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article, make_contributor
from tribune.contributors.services import contributor_save
from tribune.core import fragments
from tribune.discussion import services as discussion
from tribune.discussion.models import CommentStatus
from tribune.discussion.tests.conftest import verified_reader
from tribune.newsroom.models import ArticleCorrection, ArticlePage
from tribune.taxonomy.models import Topic


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.TRIBUNE_FRAGMENT_CACHE_SECONDS = 600
    return settings


@pytest.fixture
def config(config):
    """The discussion settings the tests need, saved as an editor saves them: the bump runs at the commit."""
    fragments.bump(fragments.CONTENT)
    return config


def html(client, url) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def republish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def related_titles(page: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in page.select(".related h3 a, .related h2 a") if a.get_text(strip=True)]


def test_a_second_render_builds_from_fragments_and_shows_the_same_page(client, article, config):
    make_article(article.get_parent(), title="A neighbour for the related card")
    first = client.get(article.url)

    with CaptureQueriesContext(connection) as queries:
        second = client.get(article.url)

    assert second.content == first.content
    assert "A neighbour for the related card" in second.content.decode()
    with CaptureQueriesContext(connection) as cold:
        from django.conf import settings

        settings.TRIBUNE_FRAGMENT_CACHE_SECONDS = 0
        assert client.get(article.url).content == first.content
    assert len(queries) < len(cold) / 2


def test_a_published_change_shows_at_once(client, committed, article):
    client.get(article.url)

    committed(republish, ArticlePage.objects.get(pk=article.pk), title="A sharper headline")

    page = html(client, article.url)
    assert page.h1.get_text() == "A sharper headline"
    assert "A sharper headline" in page.select_one("script[type='application/ld+json']").string


def test_a_correction_shows_at_once(client, committed, article):
    client.get(article.url)

    committed(ArticleCorrection.objects.create, article=article, kind="correction", note="The rate was 4%, not 5%.")

    assert "The rate was 4%, not 5%." in html(client, article.url).select_one("#corrections").get_text()


def test_a_new_neighbour_joins_the_related_card_and_leaves_it_when_unpublished(client, committed, article):
    client.get(article.url)

    fresh = committed(make_article, article.get_parent(), title="Fresh neighbouring analysis")
    assert "Fresh neighbouring analysis" in related_titles(html(client, article.url))

    committed(ArticlePage.objects.get(pk=fresh.pk).unpublish)
    assert "Fresh neighbouring analysis" not in related_titles(html(client, article.url))


def test_an_edited_expert_profile_shows_in_the_byline_at_once(client, committed, section):
    expert = make_contributor(slug="jo-expert", name="Jo Expert")
    piece = make_article(section, contributors=[expert])
    client.get(piece.url)

    committed(contributor_save, slug="jo-expert", name="Dr Jo Expert")

    assert "Dr Jo Expert" in html(client, piece.url).select_one(".article__byline").get_text()


def test_a_renamed_section_shows_in_the_navigation_at_once(client, committed, section, article):
    client.get(article.url)

    committed(republish, section, title="Deep analysis")

    assert "Deep analysis" in html(client, article.url).select_one("nav.site-nav").get_text()


def test_an_approved_comment_and_the_count_show_at_once_and_a_held_one_does_not(client, committed, article, config):
    alice = verified_reader("alice")
    client.get(article.url)

    committed(discussion.comment_post, article=article, author=alice, body="A first, approved comment.")
    page = html(client, article.url)
    assert "A first, approved comment." in page.select_one(".comment-list").get_text()
    assert page.select_one(".discussion__count").get_text() == "(1)"
    assert "1 comment" in page.select_one(".article__dates").get_text()

    held = committed(
        discussion.comment_post,
        article=ArticlePage.objects.get(pk=article.pk),
        author=alice,
        body="Waiting for review: see https://example.org/more",  # links are held (config fixture)
    )
    assert held.status == CommentStatus.PENDING
    assert "Waiting for review" not in client.get(article.url).content.decode()


def test_signed_in_and_anonymous_readers_never_get_each_others_threads(client, committed, article, config):
    alice = verified_reader("alice")
    committed(discussion.comment_post, article=article, author=alice, body="Alice's approved comment.")
    held = committed(discussion.comment_post, article=article, author=alice, body="See https://example.org/held")
    assert held.status == CommentStatus.PENDING
    client.get(article.url)  # anonymous threads stored

    client.force_login(alice)
    hers = html(client, article.url)
    assert "example.org/held" in hers.select_one(".comment-list").get_text()  # her own held comment
    assert hers.select_one(".comment__actions") is not None
    client.logout()

    anonymous = html(client, article.url)
    assert "example.org/held" not in anonymous.get_text()
    assert anonymous.select_one(".comment__actions") is None
    assert anonymous.select_one(".discussion__join") is not None


@pytest.mark.parametrize("query", ["?cpage=99999999", "?thread=abc", "?cpage=2x", "?comments=liked&cpage=1"])
def test_odd_discussion_addresses_render_safely(client, article, config, query):
    assert client.get(article.url + query).status_code == 200


def test_a_preview_shows_the_draft_and_leaves_the_published_page_alone(client, article):
    client.get(article.url)
    draft = ArticlePage.objects.get(pk=article.pk)
    draft.title = "A draft headline under review"

    preview = draft.make_preview_request()

    assert "A draft headline under review" in preview.content.decode()
    assert html(client, article.url).h1.get_text() == article.title


def test_the_front_page_and_a_section_show_a_new_article_at_once(client, committed, home, article):
    section_url = article.get_parent().url
    client.get("/"), client.get(section_url)

    committed(make_article, article.get_parent(), title="Just published analysis")

    assert "Just published analysis" in client.get("/").content.decode()
    assert "Just published analysis" in client.get(section_url).content.decode()


def test_a_stored_listing_page_still_leaves_missing_pages_not_found(client, section, article_factory, settings):
    settings.TRIBUNE_PAGE_SIZE = 2
    for _ in range(3):
        article_factory()
    first, second = client.get(section.url), client.get(section.url + "?page=2")

    with CaptureQueriesContext(connection) as queries:
        again = client.get(section.url + "?page=2")

    assert again.content == second.content != first.content
    assert not [q for q in queries if "COUNT(" in q["sql"]]  # the stored page proves the number valid
    assert client.get(section.url + "?page=3").status_code == 404
    assert client.get(section.url + "?page=abc").content == first.content


def test_a_repeated_search_skips_the_full_text_queries_and_a_publish_refreshes_it(client, committed, section):
    make_article(section, title="Glaciers retreat faster than models said")
    client.get("/search/", {"q": "glaciers"})

    with CaptureQueriesContext(connection) as queries:
        again = client.get("/search/", {"q": "Glaciers"})

    assert "Glaciers retreat faster" in again.content.decode()
    assert not [q for q in queries if "wagtailsearch" in q["sql"]]

    committed(make_article, section, title="Glaciers and the water of three valleys")
    assert "Glaciers and the water of three valleys" in client.get("/search/", {"q": "glaciers"}).content.decode()


def test_a_renamed_topic_shows_on_the_article_at_once(client, committed, section):
    piece = make_article(section, topics=["Water policy"])
    client.get(piece.url)
    topic = Topic.objects.get(name="Water policy")

    topic.name = "Water and drought policy"
    committed(topic.save)

    assert "Water and drought policy" in html(client, piece.url).select_one(".article__tags").get_text()


def test_odd_discussion_queries_are_answered_but_never_stored(client, article, config):
    scopes = [fragments.CONTENT, fragments.discussion_scope(article.pk)]

    def stored(sort="", page=None, thread=None):
        return fragments.peek("discussion-section", [article.pk, None, sort, page, thread], scopes)

    for query in ({"comments": "no-such-order"}, {"cpage": "next"}, {"thread": "9" * 30}):
        assert client.get(article.url, query).status_code == 200
    assert stored(sort="no-such-order") is stored(page="next") is stored(thread="9" * 30) is None

    client.get(article.url, {"comments": "newest"})
    assert stored(sort="newest") is not None  # the ordinary queries are, under the same key shape


def test_a_new_translation_shows_in_the_stored_header_and_alternates_at_once(client, committed, article):
    from tests.factories import make_translation

    before = html(client, article.url)
    assert not before.select(".language-switcher")  # stored now, header and alternates both

    hindi = committed(make_translation, article, "hi", title="हिंदी में लेख")

    page = html(client, article.url)
    assert [a["href"] for a in page.select(".language-switcher a")] == [hindi.url]
    assert hindi.url in [link["href"] for link in page.select('link[rel="alternate"][hreflang="hi"]')][0]


def test_views_outside_the_page_tree_render_their_own_header(client, home):
    boxes = [html(client, f"/search/?q={word}").select_one("#site-search-q")["value"] for word in ("tariffs", "dams")]

    assert boxes == ["tariffs", "dams"]

"""The full-page cache, used as readers, editors and moderators use the site."""

import datetime
import threading
import time
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import timezone

from tests.factories import make_article, make_contributor, make_image
from tribune.contributors.services import contributor_save
from tribune.delivery import invalidation, page_cache
from tribune.delivery.middleware import AnonymousPageCacheMiddleware
from tribune.delivery.page_cache import HEADER
from tribune.discussion import services as discussion
from tribune.discussion.models import CommentStatus
from tribune.discussion.tests.conftest import verified_reader
from tribune.newsroom.models import ArticlePage
from tribune.taxonomy.models import Topic

pytestmark = pytest.mark.usefixtures("page_cache_on")


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    return response, BeautifulSoup(response.content, "html.parser")


def titles(client, url) -> list[str]:
    return [a.get_text(strip=True) for a in get(client, url)[1].select("article h2 a, article h3 a")]


def republish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


# Serving


def test_a_second_anonymous_reader_is_served_the_stored_page(client, article):
    first = client.get(article.url)
    second = client.get(article.url)

    assert first[HEADER] == "miss"
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert article.title in second.content.decode()


def test_stored_pages_say_their_length_on_the_first_answer_and_after(client, article):
    first, second = client.get(article.url), client.get(article.url)

    assert first["Content-Length"] == str(len(first.content))
    assert second["Content-Length"] == str(len(second.content))


def test_stored_pages_tell_browsers_to_revalidate_and_shared_caches_to_keep_them(client, article, settings):
    response = client.get(article.url)

    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", f"s-maxage={settings.TRIBUNE_EDGE_CACHE_SECONDS}"} <= directives
    assert response["ETag"].startswith('W/"')  # weak: the plain and the gzipped copy share it
    assert response["Last-Modified"].endswith("GMT")
    assert "Accept-Language" not in response.get("Vary", "")


def test_a_reader_holding_the_current_copy_gets_a_304_without_a_body(client, article):
    etag = client.get(article.url)["ETag"]

    response = client.get(article.url, headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_an_outdated_copy_is_answered_in_full(client, article):
    client.get(article.url)

    response = client.get(article.url, headers={"If-None-Match": '"not-the-current-one"'})

    assert response.status_code == 200
    assert article.title in response.content.decode()


# Never someone else's page


def test_a_signed_in_reader_never_gets_the_anonymous_copy(client, article, config):
    alice = verified_reader("alice")
    client.get(article.url)  # stored for anonymous readers
    client.force_login(alice)

    response, html = get(client, article.url)

    assert HEADER not in response
    assert html.select_one("form textarea[name=body]") is not None  # her comment form, not the invitation
    assert "private" in response["Cache-Control"]


def test_a_signed_in_readers_page_is_never_stored_for_others(client, article, config):
    alice = verified_reader("alice")
    client.force_login(alice)
    client.get(article.url)
    client.logout()

    response, html = get(client, article.url)

    assert response[HEADER] == "miss"
    assert html.select_one("form textarea[name=body]") is None
    assert html.select_one(".discussion__join") is not None


def test_a_reader_with_a_pending_message_is_not_served_from_the_cache(client, article):
    client.get(article.url)
    client.cookies["messages"] = "anything"

    assert HEADER not in client.get(article.url)


def test_responses_that_set_a_cookie_are_not_stored(rf):
    def view(request):
        response = HttpResponse("for you")
        response.set_cookie("csrftoken", "x")
        return response

    middleware = AnonymousPageCacheMiddleware(view)

    assert HEADER not in middleware(rf.get("/form/"))
    assert HEADER not in middleware(rf.get("/form/"))


@pytest.mark.parametrize(
    "url", ["/search/?q=trade", "/?utm_source=mail", "/?page=1&page=2x-long-value", "/accounts/login/"]
)
def test_search_tracking_tags_and_account_pages_render_fresh(client, home, url):
    client.get(url)

    assert HEADER not in client.get(url)


def test_each_listing_page_is_stored_apart(client, section, article_factory, settings):
    settings.TRIBUNE_PAGE_SIZE = 2
    for _ in range(3):
        article_factory()

    first, second = client.get(section.url), client.get(section.url + "?page=2")

    assert second[HEADER] == "miss"
    assert second.content != first.content
    assert client.get(section.url + "?page=2")[HEADER] == "hit"


# Fresh after every change


def test_a_published_change_shows_at_once_on_the_article_its_section_and_home(client, committed, home, article):
    for url in (article.url, article.get_parent().url, "/"):
        client.get(url)

    committed(republish, ArticlePage.objects.get(pk=article.pk), title="A sharper headline")

    for url in (article.url, article.get_parent().url, "/"):
        response = client.get(url)
        assert response[HEADER] == "miss", url
        assert "A sharper headline" in response.content.decode(), url


def test_an_unpublished_article_disappears_from_its_page_and_listings(client, committed, article):
    section_url = article.get_parent().url
    client.get(article.url), client.get(section_url)

    committed(ArticlePage.objects.get(pk=article.pk).unpublish)

    assert client.get(article.url).status_code == 404
    assert article.title not in client.get(section_url).content.decode()


def test_a_moved_article_leaves_its_old_section_and_address(client, committed, article, other_section):
    old_url, old_section_url = article.url, article.get_parent().url
    client.get(old_url), client.get(old_section_url), client.get(other_section.url)

    committed(ArticlePage.objects.get(pk=article.pk).move, other_section, pos="last-child")

    moved = ArticlePage.objects.get(pk=article.pk)
    old = client.get(old_url)
    assert (old.status_code, old["Location"]) == (301, moved.url)  # Wagtail's automatic redirect, not the old copy
    assert article.title not in client.get(old_section_url).content.decode()
    assert article.title in client.get(other_section.url).content.decode()
    assert client.get(moved.url).status_code == 200


def test_an_edited_expert_profile_shows_in_the_bylines_at_once(client, committed, section):
    expert = make_contributor(slug="jo-expert", name="Jo Expert")
    piece = make_article(section, contributors=[expert])
    client.get(piece.url), client.get(expert.get_absolute_url())

    committed(contributor_save, slug="jo-expert", name="Dr Jo Expert")

    assert "Dr Jo Expert" in client.get(piece.url).content.decode()
    assert "Dr Jo Expert" in client.get(expert.get_absolute_url()).content.decode()


def test_an_edited_expert_profile_shows_on_the_stored_pages_where_the_expert_commented(client, committed, section):
    account = verified_reader("jo-account")
    expert = make_contributor(slug="jo-commenter", name="Jo Commenter", user=account)
    elsewhere = make_article(section, title="Someone else's piece")
    config = discussion.discussion_settings()
    config.trusted_after = 0  # shown at once, not held as a new reader's
    config.save()
    discussion.comment_post(article=elsewhere, author=account, body="A note from the field.", config=config)
    assert "Jo Commenter" in client.get(elsewhere.url).content.decode()
    assert client.get(elsewhere.url)[HEADER] == "hit"

    committed(contributor_save, slug=expert.slug, name="Dr Jo Commenter")

    assert "Dr Jo Commenter" in client.get(elsewhere.url).content.decode()


def test_a_renamed_section_shows_in_every_pages_navigation(client, committed, section, article):
    client.get(article.url), client.get("/")

    committed(republish, section, title="Deep analysis")

    for url in (article.url, "/"):
        nav = get(client, url)[1].select_one("nav")
        assert "Deep analysis" in nav.get_text(), url


def test_an_edited_lead_photo_caption_shows_on_the_stored_article_at_once(client, committed, section):
    photo = make_image(caption="Delegates leave the conference hall.")
    piece = make_article(section, lead_image=photo)
    assert "Delegates leave the conference hall." in client.get(piece.url).content.decode()
    assert client.get(piece.url)[HEADER] == "hit"

    photo.caption = "Delegates leave the hall after the vote."
    committed(photo.save)

    response = client.get(piece.url)
    assert response[HEADER] == "miss"
    assert "Delegates leave the hall after the vote." in response.content.decode()


def test_a_renamed_topic_shows_on_the_stored_article_at_once(client, committed, section):
    piece = make_article(section, topics=["Water policy"])
    client.get(piece.url)
    topic = Topic.objects.get(name="Water policy")

    topic.name = "Water and drought policy"
    committed(topic.save)

    assert "Water and drought policy" in get(client, piece.url)[1].select_one(".article__tags").get_text()


def test_editing_an_image_no_page_shows_keeps_every_stored_page(client, committed, article):
    client.get(article.url)
    unused = make_image(caption="Not on any page yet.")

    unused.caption = "Still not on any page."
    committed(unused.save)

    assert client.get(article.url)[HEADER] == "hit"


def test_an_approved_comment_appears_for_anonymous_readers_and_a_held_one_does_not(client, committed, article, config):
    alice = verified_reader("alice")
    client.get(article.url)

    committed(discussion.comment_post, article=article, author=alice, body="A first, approved comment.")
    assert "A first, approved comment." in client.get(article.url).content.decode()

    held = committed(
        discussion.comment_post,
        article=ArticlePage.objects.get(pk=article.pk),
        author=alice,
        body="Waiting for review: see https://example.org/more",  # links are held (config fixture)
    )
    assert held.status == CommentStatus.PENDING
    assert "Waiting for review" not in client.get(article.url).content.decode()


def test_a_lost_version_token_makes_a_miss_never_a_stale_page(client, committed, article):
    client.get(article.url)
    page_cache._shared().delete(page_cache._path_token_key(article.url))

    assert client.get(article.url)[HEADER] == "miss"


# Stampede


def test_concurrent_misses_render_the_page_once():
    renders = []

    def slow_view(request):
        renders.append(1)
        time.sleep(0.3)
        return HttpResponse("<p>rendered once</p>")

    middleware = AnonymousPageCacheMiddleware(slow_view)
    results = []

    def reader():
        results.append(middleware(RequestFactory().get("/busy/")))

    threads = [threading.Thread(target=reader) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(renders) == 1
    assert [r.content for r in results] == [b"<p>rendered once</p>"] * 8
    assert sorted(r[HEADER] for r in results) == ["hit"] * 7 + ["miss"]


def test_turned_off_it_stores_nothing(client, article, settings):
    settings.TRIBUNE_PAGE_CACHE_SECONDS = 0
    client.get(article.url)

    assert HEADER not in client.get(article.url)


def test_a_new_article_appears_in_the_cached_feeds_and_sitemap_pages(client, committed, section, article):
    for url in ("/sitemap-articles.xml", "/feeds/rss/"):
        assert client.get(url)[HEADER] == "miss"

    fresh = committed(make_article, section, title="Fresh analysis for the feeds")

    assert fresh.full_url in client.get("/sitemap-articles.xml").content.decode()
    assert "Fresh analysis for the feeds" in client.get("/feeds/rss/").content.decode()


class RecordingEdge:
    purged: list[str] = []

    def __init__(self, params):
        pass

    def invalidates_hostname(self, hostname):
        return True

    def purge_batch(self, urls):
        RecordingEdge.purged.extend(urls)


def test_the_edge_is_purged_at_once_not_when_a_task_worker_gets_to_it(committed, article, settings):
    settings.WAGTAILFRONTENDCACHE = {"edge": {"BACKEND": f"{__name__}.RecordingEdge"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # queued tasks never run
    RecordingEdge.purged = []

    committed(republish, ArticlePage.objects.get(pk=article.pk), title="Purged without waiting")

    assert article.full_url in RecordingEdge.purged
    assert "http://testserver/" in RecordingEdge.purged


def test_the_edge_is_purged_again_a_moment_later_for_a_fetch_that_was_under_way(committed, article, settings):
    from django_tasks import task_backends

    settings.WAGTAILFRONTENDCACHE = {"edge": {"BACKEND": f"{__name__}.RecordingEdge"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    RecordingEdge.purged = []
    before = timezone.now()

    committed(republish, ArticlePage.objects.get(pk=article.pk), title="Purged twice")

    queued = [r for r in task_backends["default"].results if r.task.name == "purge_urls_from_cache_task"]
    assert len(queued) == 1
    assert article.full_url in queued[0].args[0]
    assert queued[0].task.run_after >= before + datetime.timedelta(seconds=invalidation.EDGE_PURGE_AGAIN_AFTER_SECONDS)
    assert article.full_url in RecordingEdge.purged  # the first purge did not wait

    committed(republish, ArticlePage.objects.get(pk=article.pk), title="Purged twice, again")
    queued = [r for r in task_backends["default"].results if r.task.name == "purge_urls_from_cache_task"]
    assert len(queued) == 1  # the repeat already queued covers this purge too
    assert RecordingEdge.purged.count(article.full_url) == 2


class RefetchingEdge(RecordingEdge):
    """An edge with a reader waiting: it fetches each purged page from the origin at once."""

    fetched: dict[str, str] = {}

    def purge_batch(self, urls):
        for url in urls:
            RefetchingEdge.fetched[url] = Client().get(urlsplit(url).path).content.decode()


def test_the_first_fetch_after_a_purge_is_built_from_the_new_content(committed, article, settings):
    settings.WAGTAILFRONTENDCACHE = {"edge": {"BACKEND": f"{__name__}.RefetchingEdge"}}
    settings.TRIBUNE_FRAGMENT_CACHE_SECONDS = 600  # fragments as in production: they must have moved on first
    Client().get(article.url)
    RefetchingEdge.fetched = {}

    committed(republish, ArticlePage.objects.get(pk=article.pk), title="Seen by the first fetch")

    assert "Seen by the first fetch" in RefetchingEdge.fetched[article.full_url]


def test_readers_waiting_on_a_page_that_cannot_be_stored_stop_waiting_when_it_is_done(settings):
    settings.TRIBUNE_PAGE_CACHE_WAIT_SECONDS = 30

    def missing(request):
        time.sleep(0.2)
        return HttpResponse("not here", status=404)

    middleware = AnonymousPageCacheMiddleware(missing)
    started = time.monotonic()
    threads = [threading.Thread(target=middleware, args=(RequestFactory().get("/nowhere/"),)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert time.monotonic() - started < 5  # not the 30 s a waiter would sit out for a page never stored

"""The discussion on the article page, used as a reader would: plain forms, no JavaScript."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article
from tribune.discussion import services
from tribune.discussion.models import Comment, CommentStatus

from .conftest import verified_reader


@pytest.fixture
def article(section, config):
    return make_article(section, title="On the grain corridor")


def page(client, article, query=""):
    response = client.get(article.url + query)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_anonymous_readers_are_invited_to_log_in_and_come_back(client, article):
    join = page(client, article).select_one(".discussion__join")

    links = {a.get_text(): a["href"] for a in join.select("a")}
    assert links["Log in"] == f"/accounts/login/?next={article.url}%23discussion"
    assert links["register"].startswith("/accounts/signup/?next=")


def test_the_anonymous_article_page_stays_cacheable(client, article, alice):
    services.comment_post(article=article, author=alice, body="Published words.")

    response = client.get(article.url)

    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "Set-Cookie" not in response.headers and not response.cookies
    assert "Published words." in response.content.decode()


def test_a_reader_posts_through_the_form_and_sees_the_result(client, article, alice):
    client.force_login(alice)
    token = page(client, article).select_one("form.comment-form input[name=token]")["value"]

    response = client.post(f"/discussion/{article.pk}/comments/", {"body": "My first comment", "token": token})

    comment = Comment.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{article.url}#comment-{comment.pk}"
    html = client.get(article.url).content.decode()
    assert "Your comment is published." in html and "My first comment" in html


def test_a_double_submit_makes_one_comment(client, article, alice):
    client.force_login(alice)
    data = {"body": "Only once", "token": "a" * 32}

    client.post(f"/discussion/{article.pk}/comments/", data)
    client.post(f"/discussion/{article.pk}/comments/", data)

    assert Comment.objects.count() == 1


def test_held_comments_tell_the_reader_why_and_stay_visible_to_them_only(client, article, config, alice, bob):
    config.trusted_after = 5
    config.save()
    client.force_login(alice)

    client.post(f"/discussion/{article.pk}/comments/", {"body": "Held please", "token": "t1"})

    mine = client.get(article.url).content.decode()
    assert "awaiting moderation" in mine and "comments from new readers are checked" in mine
    assert "Held please" in mine
    other = Client()
    other.force_login(bob)
    assert "Held please" not in other.get(article.url).content.decode()
    assert "Held please" not in Client().get(article.url).content.decode()


def test_bots_filling_the_honeypot_post_nothing(client, article, alice):
    client.force_login(alice)

    client.post(f"/discussion/{article.pk}/comments/", {"body": "Buy now", "website": "http://spam.example"})

    assert not Comment.objects.exists()


def test_csrf_is_enforced(article, alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(f"/discussion/{article.pk}/comments/", {"body": "no token"})

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_anonymous_posts_are_refused_and_nothing_is_saved(client, article):
    response = client.post(f"/discussion/{article.pk}/comments/", {"body": "Who am I"})

    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_an_oversized_comment_is_refused_with_the_reason_and_kept_as_a_draft(client, article, alice):
    client.force_login(alice)

    client.post(f"/discussion/{article.pk}/comments/", {"body": "x" * 2500})

    assert "at most 2000 characters" in client.get(article.url).content.decode()
    assert client.session["discussion_draft"] == "x" * 2500
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "path", ["/discussion/999999/comments/", "/discussion/comments/999999/edit/", "/discussion/comments/999999/report/"]
)
def test_unknown_ids_are_404_never_500(client, alice, path, db):
    client.force_login(alice)

    assert client.post(path, {"body": "x"}).status_code == 404


def test_hostile_names_and_bodies_render_as_text(client, article, db):
    mallory = verified_reader("mallory")
    mallory.display_name = '<script>alert("name")</script>'
    mallory.save()
    services.comment_post(
        article=article, author=mallory, body='<img src=x onerror=alert(1)> <a href="javascript:alert(2)">x</a>'
    )

    html = page(client, article)

    assert html.select(".comment script") == [] and html.select(".comment img") == []
    assert all(a["href"].startswith(("http", "/", "#", "?")) for a in html.select(".comment a"))
    assert '<script>alert("name")</script>' in html.select_one(".comment__author").get_text()


def test_replies_sorting_and_the_author_badge(client, article, alice, bob):
    first = services.comment_post(article=article, author=alice, body="First")
    services.comment_post(article=article, author=bob, body="Second")
    author = verified_reader("writer")
    profile = article.ordered_contributors[0]
    profile.user = author
    profile.save()
    services.comment_post(article=article, author=author, body="Author answers", parent=first)
    from tribune.discussion.services import comment_like

    comment_like(comment=Comment.objects.get(body="Second"), user=alice)

    oldest = [
        c.get_text(strip=True)
        for c in page(client, article).select("#discussion > .comment-list > .comment > article > .comment__body")
    ]
    liked = [
        c.get_text(strip=True)
        for c in page(client, article, "?comments=liked").select(
            "#discussion > .comment-list > .comment > article > .comment__body"
        )
    ]

    assert oldest == ["First", "Second"]
    assert liked == ["Second", "First"]
    html = page(client, article)
    assert html.select_one(".discussion__badge--answered")
    assert html.select_one(".comment-list--replies .comment__badge--author")


def test_a_thread_page_costs_the_same_queries_however_long_the_discussion(client, article, alice, bob):
    def count():
        client.get(article.url)
        with CaptureQueriesContext(connection) as queries:
            client.get(article.url)
        return len(queries)

    root = services.comment_post(article=article, author=alice, body="root")
    services.comment_post(article=article, author=bob, body="reply", parent=root)
    client.force_login(bob)
    small = count()
    for i in range(30):
        parent = services.comment_post(article=article, author=alice, body=f"thread {i}")
        services.comment_post(article=article, author=bob, body=f"reply {i}", parent=parent)
        Comment.objects.filter(author=alice).update(created_at=parent.created_at)  # keep rate limits off the test
        from django.core.cache import cache

        cache.clear()
    large = count()

    assert large == small
    assert Comment.objects.filter(status=CommentStatus.APPROVED).count() == 62


def test_a_long_thread_shows_its_first_replies_and_a_link_to_the_rest(client, article, alice, bob):
    root = services.comment_post(article=article, author=alice, body="The opening argument.")
    for n in range(12):  # straight to the table: the rate limits would (rightly) stop one reader replying so fast
        Comment.objects.create(
            article=article,
            author=bob,
            parent=root,
            thread=root,
            depth=1,
            body=f"Reply number {n}.",
            status=CommentStatus.APPROVED,
            created_at=root.created_at + datetime.timedelta(seconds=n + 1),
        )

    html = page(client, article)
    replies = [p.get_text(strip=True) for p in html.select(f"#comment-{root.pk} .comment-list--replies .comment__body")]
    more = html.select_one(f"#comment-{root.pk} .comment__more a")

    assert replies == [f"Reply number {n}." for n in range(10)]
    assert more.get_text(strip=True) == "Show 2 more replies"
    opened = page(client, article, more["href"].split("#")[0])
    assert len(opened.select(f"#comment-{root.pk} .comment-list--replies .comment__body")) == 12
    assert opened.select_one(f"#comment-{root.pk} .comment__more") is None


def test_a_made_up_thread_number_shows_the_page_as_usual(client, article, alice):
    services.comment_post(article=article, author=alice, body="Published words.")

    assert "Published words." in page(client, article, "?thread=abc").get_text()
    assert "Published words." in page(client, article, "?thread=999999").get_text()

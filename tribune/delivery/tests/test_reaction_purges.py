"""Likes forget the article's stored page at most once a window, then once more when it is over (issue 17, finding 11:
toggling likes purged the page every time, a cheap way to keep a hot article out of the caches)."""

import time

import pytest
from bs4 import BeautifulSoup
from django_tasks import default_task_backend

from tribune.core import fragments
from tribune.delivery import page_cache
from tribune.delivery.page_cache import HEADER
from tribune.discussion import services as discussion
from tribune.discussion.tests.conftest import verified_reader

WINDOW = 1  # seconds

pytestmark = pytest.mark.usefixtures("page_cache_on")


@pytest.fixture
def worker(settings):
    """A task backend that keeps deferred tasks, as the database queue does, run when the test says."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.TRIBUNE_REACTION_PURGE_SECONDS = WINDOW
    settings.TRIBUNE_FRAGMENT_CACHE_SECONDS = 600
    default_task_backend.clear()

    def run_due():
        due = list(default_task_backend.results)
        default_task_backend.clear()
        for result in due:
            result.task.call(*result.args, **result.kwargs)
        return len(due)

    return run_due


def likes_shown(client, article) -> str:
    response = client.get(article.url)
    return response[HEADER], BeautifulSoup(response.content, "html.parser").select_one(".comment__likes").get_text()


def stale_marks(article) -> tuple:
    """What a purge changes: the path's page-cache token and the discussion's fragment generation."""
    token = page_cache._shared().get(page_cache._path_token_key(article.url))
    return token, fragments.generation([fragments.discussion_scope(article.pk)])


def test_a_burst_of_likes_forgets_the_page_once_and_the_count_is_right_after_the_window(
    client, committed, article, config, worker
):
    comment = committed(discussion.comment_post, article=article, author=verified_reader("alice"), body="Like it.")
    likers = [verified_reader(f"liker{n}") for n in range(12)]
    client.get(article.url)
    marks = [stale_marks(article)]

    committed(discussion.comment_like, comment=comment, user=likers[0])
    marks.append(stale_marks(article))
    assert likes_shown(client, article) == ("miss", "1 like")  # the first like of a window shows at once
    for liker in likers[1:]:
        committed(discussion.comment_like, comment=comment, user=liker)
        marks.append(stale_marks(article))

    assert len(set(marks)) == 2  # one purge, one generation bump, for twelve likes
    assert likes_shown(client, article) == ("hit", "1 like")  # within the window the stored page stays
    time.sleep(WINDOW + 0.1)
    assert worker() == 1  # one repeat was queued, for the end of the window
    assert likes_shown(client, article) == ("miss", "12 likes")


def test_steady_liking_purges_about_once_a_window(client, committed, article, config, worker):
    comment = committed(discussion.comment_post, article=article, author=verified_reader("alice"), body="Like it.")
    likers = [verified_reader(f"liker{n}") for n in range(4)]
    committed(discussion.comment_like, comment=comment, user=likers[0])
    committed(discussion.comment_like, comment=comment, user=likers[1])
    time.sleep(WINDOW + 0.1)
    worker()  # the end of the first window opens the next
    before = stale_marks(article)

    committed(discussion.comment_like, comment=comment, user=likers[2])

    assert stale_marks(article) == before  # waits for the next window's repeat
    time.sleep(WINDOW + 0.1)
    assert worker() == 1
    assert stale_marks(article) != before


def test_without_a_queue_that_can_wait_every_like_shows_at_once(client, committed, article, config):
    comment = committed(discussion.comment_post, article=article, author=verified_reader("alice"), body="Like it.")
    client.get(article.url)

    for n in range(3):
        committed(discussion.comment_like, comment=comment, user=verified_reader(f"liker{n}"))

    assert likes_shown(client, article) == ("miss", "3 likes")

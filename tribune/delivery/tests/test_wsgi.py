"""The WSGI fast path: hot pages for anonymous readers answered before Django runs."""

import pytest

from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import RequestFactory

from tribune.delivery import page_cache
from tribune.delivery.page_cache import HEADER
from tribune.delivery.wsgi import PageCacheApplication

pytestmark = pytest.mark.usefixtures("page_cache_on")


class CountingDjango:
    """Django's own WSGI handler, counting the requests that reach it."""

    def __init__(self):
        self.handler, self.calls = WSGIHandler(), 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


@pytest.fixture
def django_app():
    # As Django's test client does: the test's database connection must outlive each request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield CountingDjango()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def app(django_app):
    return PageCacheApplication(django_app)


def call(app, path, method="get", **headers):
    environ = getattr(RequestFactory(), method)(path, headers=headers).environ
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, response_headers

    body = b"".join(app(environ, start_response))
    headers = {}
    for name, value in answer["headers"]:
        headers.setdefault(name.lower(), []).append(value)
    return answer["status"], headers, body


def test_a_hot_page_is_answered_without_reaching_django(app, django_app, article):
    first_status, first_headers, first_body = call(app, article.url)
    status, headers, body = call(app, article.url)

    assert (first_status, first_headers[HEADER.lower()]) == ("200 OK", ["miss"])
    assert (status, headers[HEADER.lower()]) == ("200 OK", ["hit"])
    assert body == first_body
    assert django_app.calls == 1
    assert headers["content-length"] == [str(len(body))]
    assert headers["etag"] == first_headers["etag"]
    assert "x-frame-options" in headers  # the stored headers are the final ones, security headers included


def test_head_gets_the_headers_without_the_body(app, article):
    call(app, article.url)

    status, headers, body = call(app, article.url, method="head")

    assert (status, body) == ("200 OK", b"")
    assert int(headers["content-length"][0]) > 0


def test_a_current_copy_is_confirmed_with_a_304(app, django_app, article):
    etag = call(app, article.url)[1]["etag"][0]

    status, headers, body = call(app, article.url, If_None_Match=etag)

    assert (status, body, headers["etag"]) == ("304 Not Modified", b"", [etag])
    assert django_app.calls == 1


def test_signed_in_readers_always_reach_django(app, django_app, article, client, reader):
    call(app, article.url)
    client.force_login(reader)
    session = client.cookies["sessionid"].value

    status, headers, _body = call(app, article.url, Cookie=f"sessionid={session}")

    assert django_app.calls == 2
    assert HEADER.lower() not in headers
    assert "private" in headers["cache-control"][0]


def test_a_publish_reaches_every_worker_within_the_recheck_interval(app, django_app, article, settings, monkeypatch):
    settings.TRIBUNE_PAGE_CACHE_RECHECK_SECONDS = 0.5
    clock = [1000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock[0])
    call(app, article.url)
    # Another worker publishes: the shared token changes, this worker's memory does not know yet.
    page_cache._shared().set(page_cache._path_token_key(article.url), "new-token", timeout=None)

    clock[0] += 0.2
    assert call(app, article.url)[1][HEADER.lower()] == ["hit"]
    clock[0] += 0.4
    assert call(app, article.url)[1][HEADER.lower()] == ["miss"]
    assert django_app.calls == 2


def test_the_workers_memory_holds_a_bounded_number_of_bytes(settings):
    settings.TRIBUNE_PAGE_CACHE_LOCAL_BYTES = 1000
    local = page_cache._LocalPages()
    for n in range(5):
        local.put(f"k{n}", page_cache.StoredPage(200, [], b"x" * 300, '"e"', 0.0, size=300))

    assert local.bytes <= 1000
    assert local.get("k0") is None
    assert local.get("k4") is not None


def test_the_edge_is_never_handed_a_copy_from_before_a_publish(app, django_app, article, settings, monkeypatch):
    settings.TRIBUNE_PAGE_CACHE_RECHECK_SECONDS = 0.5
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: 1000.0)
    call(app, article.url)
    page_cache._shared().set(page_cache._path_token_key(article.url), "published-elsewhere", timeout=None)

    # A reader may get this worker's copy for the rest of the interval; the edge refetching after its purge may not.
    assert call(app, article.url)[1][HEADER.lower()] == ["hit"]
    assert call(app, article.url, X_Tribune_Edge="1")[1][HEADER.lower()] == ["miss"]

"""Text answers are gzipped for clients that take it: stored pages from a copy compressed once when stored (by the
middleware and by the WSGI fast path), everything else as it is answered; ETags, Vary and 304s keep working."""

import gzip

import pytest

from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import RequestFactory

from tribune.delivery import page_cache
from tribune.delivery.page_cache import HEADER
from tribune.delivery.wsgi import PageCacheApplication

pytestmark = pytest.mark.usefixtures("page_cache_on")
GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def vary(response) -> set[str]:
    return {value.strip().lower() for value in response.get("Vary", "").split(",")}


@pytest.mark.parametrize("state", ["miss", "hit"])
def test_a_stored_page_is_gzipped_for_a_client_that_takes_it_and_plain_for_one_that_does_not(client, article, state):
    if state == "hit":
        client.get(article.url)

    zipped = client.get(article.url, headers=GZIP)
    plain = client.get(article.url)

    assert zipped[HEADER] in {state, "hit"}
    assert zipped["Content-Encoding"] == "gzip"
    assert int(zipped["Content-Length"]) == len(zipped.content) < len(plain.content) / 3
    assert gzip.decompress(zipped.content) == plain.content
    assert article.title in plain.content.decode()
    assert "Content-Encoding" not in plain
    assert "accept-encoding" in vary(zipped) and "accept-encoding" in vary(plain)


def test_both_copies_share_one_weak_etag_and_either_revalidates_with_a_304(client, article):
    zipped = client.get(article.url, headers=GZIP)
    plain = client.get(article.url)

    assert zipped["ETag"] == plain["ETag"]
    assert zipped["ETag"].startswith('W/"')
    for etag in (zipped["ETag"], zipped["ETag"].removeprefix("W/")):
        for headers in (GZIP, {}):
            response = client.get(article.url, headers={**headers, "If-None-Match": etag})
            assert (response.status_code, response.content) == (304, b"")
            assert response["ETag"] == zipped["ETag"]
            assert "accept-encoding" in vary(response)


def test_clients_refusing_gzip_get_the_plain_page(client, article):
    client.get(article.url)

    for refusal in ["identity", "gzip;q=0", "br", "deflate, gzip;q=0.0", "*, gzip;q=0", "*;q=0"]:
        response = client.get(article.url, headers={"Accept-Encoding": refusal})
        assert "Content-Encoding" not in response, refusal
        assert article.title in response.content.decode()


@pytest.mark.parametrize("accepting", ["gzip", "GZIP;q=0.5", "br;q=1, gzip;q=0.1", "*", "x-gzip"])
def test_clients_taking_gzip_in_any_spelling_get_the_gzipped_page(client, article, accepting):
    client.get(article.url)

    response = client.get(article.url, headers={"Accept-Encoding": accepting})

    assert response["Content-Encoding"] == "gzip"


def test_the_compressed_copy_is_made_once_when_stored_not_per_answer(client, article, monkeypatch):
    client.get(article.url, headers=GZIP)
    compressions = []
    monkeypatch.setattr(page_cache.gzip, "compress", lambda *args, **kwargs: compressions.append(1))

    answers = {client.get(article.url, headers=GZIP).content for _ in range(3)}

    assert compressions == []
    assert len(answers) == 1


def test_pages_not_stored_are_gzipped_as_they_are_answered(client, article, reader):
    client.force_login(reader)  # a signed-in reader's page is rendered for them alone

    zipped = client.get(article.url, headers=GZIP)
    plain = client.get(article.url)

    assert "private" in zipped["Cache-Control"]
    assert zipped["Content-Encoding"] == "gzip"
    assert article.title in gzip.decompress(zipped.content).decode()
    assert "Content-Encoding" not in plain
    assert "accept-encoding" in vary(zipped) and "accept-encoding" in vary(plain)


def test_a_missing_page_is_gzipped_too(client, home):
    response = client.get("/no-such-page/", headers=GZIP)

    assert response.status_code == 404
    assert response["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(response.content)


# The WSGI fast path, in front of Django


@pytest.fixture
def app():
    # As Django's test client does: the test's database connection must outlive each request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield PageCacheApplication(WSGIHandler())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def call(app, path, **headers):
    environ = RequestFactory().get(path, headers=headers).environ
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, {name.lower(): value for name, value in response_headers}

    body = b"".join(app(environ, start_response))
    return answer["status"], answer["headers"], body


def test_the_fast_path_answers_each_client_in_the_encoding_it_takes(app, article):
    call(app, article.url)

    status, zipped_headers, zipped = call(app, article.url, **GZIP)
    _status, plain_headers, plain = call(app, article.url)

    assert (status, zipped_headers[HEADER.lower()]) == ("200 OK", "hit")
    assert zipped_headers["content-encoding"] == "gzip"
    assert int(zipped_headers["content-length"]) == len(zipped)
    assert gzip.decompress(zipped) == plain
    assert "content-encoding" not in plain_headers
    assert int(plain_headers["content-length"]) == len(plain)
    assert zipped_headers["etag"] == plain_headers["etag"]
    assert "Accept-Encoding" in zipped_headers["vary"]

    status, headers, body = call(app, article.url, **GZIP, **{"If-None-Match": plain_headers["etag"]})
    assert (status, body, headers["etag"]) == ("304 Not Modified", b"", plain_headers["etag"])

"""The beacon's WSGI fast path (``analytics.wsgi``), called as the server calls it: ``tribune.wsgi.application`` with
a WSGI environ. It must count what the view counts and refuse what the view refuses."""

import io
import json

import pytest

from django.test import Client
from django.urls import reverse

from tribune.analytics.models import DailyDevices, DailyReadDepth, DailyReferrers, DailyVisitors, HourlyPageViews
from tribune.analytics.services import page_views_flush
from tribune.analytics.tokens import target_token
from tribune.analytics.views import BAD_BEACON, MAX_BODY_BYTES, TOO_LARGE

PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"
DESKTOP = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
ADDRESS = "203.0.113.77"


@pytest.fixture
def application():
    from tribune.wsgi import application

    return application


def wsgi_call(application, body: bytes, *, method="POST", path=None, address=ADDRESS, headers=None, host="testserver"):
    """(status code, headers, body) of one request through the WSGI application, as Granian would make it."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path or reverse("analytics_view"),
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": address,
        "HTTP_HOST": host,
        "CONTENT_TYPE": "text/plain",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_USER_AGENT": DESKTOP,
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for name, value in (headers or {}).items():
        environ[f"HTTP_{name.upper().replace('-', '_')}"] = value
    answered = {}

    def start_response(status, response_headers, exc_info=None):
        answered["status"], answered["headers"] = status, dict(response_headers)

    chunks = application(environ, start_response)
    content = b"".join(chunks)
    getattr(chunks, "close", lambda: None)()
    return int(answered["status"].split()[0]), answered["headers"], content


def beacon(token, referrer="") -> bytes:
    return json.dumps({"t": token, "r": referrer}).encode()


@pytest.fixture
def token(article):
    return target_token(article.url, article.pk)


def test_the_fast_path_counts_a_view_as_the_view_does(application, redis_cache, article, section, token):
    status, headers, content = wsgi_call(
        application, beacon(token, "https://www.example.org/a?b=c"), headers={"User-Agent": PHONE}
    )

    assert (status, content) == (204, b"")
    assert headers["Cache-Control"] == "no-store"
    assert page_views_flush() == 1
    row = HourlyPageViews.objects.get()
    assert (row.path, row.page_id, row.section_id, row.views) == (article.url, article.pk, section.pk, 1)
    assert DailyReferrers.objects.get().domain == "example.org"
    assert DailyDevices.objects.get().device == "phone"
    assert DailyVisitors.objects.get().visitors == 1


def test_the_fast_path_and_the_view_share_the_replay_rule(application, client, redis_cache, token):
    wsgi_call(application, beacon(token))
    client.post(
        reverse("analytics_view"),
        data=beacon(token),
        content_type="text/plain",
        headers={"User-Agent": DESKTOP},
        REMOTE_ADDR=ADDRESS,
    )  # the same source through Django: a replay of the first
    wsgi_call(application, beacon(token), address="198.51.100.4")

    assert page_views_flush() == 2


def test_the_fast_path_counts_a_read_depth_after_its_view(application, redis_cache, token):
    wsgi_call(application, beacon(token))
    status, _headers, _content = wsgi_call(application, json.dumps({"t": token, "d": 50}).encode())

    assert status == 204
    page_views_flush()
    assert dict(DailyReadDepth.objects.values_list("depth", "reads")) == {25: 1, 50: 1}


CASES = {
    "invented-token": (json.dumps({"t": "made-up", "r": ""}).encode(), {}),
    "tampered-token": (json.dumps({"t": target_token("/", None)[:-3] + "abc"}).encode(), {}),
    "no-token": (json.dumps({"r": "https://example.org/"}).encode(), {}),
    "array": (b'["not", "an", "object"]', {}),
    "not-json": (b"not json at all", {}),
    "empty": (b"", {}),
    "not-utf8": (b"\xff\xfe{", {}),
    "bad-depth": (None, {"depth": 33}),
    "oversized": (None, {"pad": "a" * (MAX_BODY_BYTES + 10)}),
    "do-not-track": (None, {"header": ("DNT", "1")}),
    "global-privacy-control": (None, {"header": ("Sec-GPC", "1")}),
    "robot": (None, {"header": ("User-Agent", "Mozilla/5.0 (compatible; bingbot/2.0)")}),
    "no-user-agent": (None, {"header": ("User-Agent", "")}),
}


def case_request(case: str, token: str) -> tuple[bytes, dict]:
    body, extra = CASES[case]
    if body is None:
        fields = {"t": token, "r": "https://example.org/" + extra.get("pad", "")}
        if "depth" in extra:
            fields = {"t": token, "d": extra["depth"]}
        body = json.dumps(fields).encode()
    return body, dict([extra["header"]]) if "header" in extra else {}


@pytest.mark.parametrize("case", sorted(CASES), ids=sorted(CASES))
def test_the_fast_path_answers_and_counts_what_the_view_does(application, redis_cache, token, case):
    body, headers = case_request(case, token)
    through_django = Client().post(
        reverse("analytics_view"),
        data=body,
        content_type="text/plain",
        headers={"User-Agent": DESKTOP, **headers},
        REMOTE_ADDR="198.51.100.50",
    )
    page_views_flush()
    counted_by_view = sum(HourlyPageViews.objects.values_list("views", flat=True))

    status, response_headers, content = wsgi_call(application, body, headers=headers)
    page_views_flush()
    counted_by_both = sum(HourlyPageViews.objects.values_list("views", flat=True))

    assert status == through_django.status_code
    assert content == through_django.content
    assert response_headers["Cache-Control"] == "no-store"
    assert counted_by_both == 2 * counted_by_view
    if status == 400:
        assert content.decode() == BAD_BEACON
    if status == 413:
        assert content.decode() == TOO_LARGE


def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_read(application, redis_cache, token):
    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the body was read")

    answered = {}
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": reverse("analytics_view"),
        "CONTENT_LENGTH": str(MAX_BODY_BYTES + 1),
        "wsgi.input": Unreadable(beacon(token)),
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": ADDRESS,
    }

    content = application(environ, lambda status, headers, exc_info=None: answered.update(status=status))

    assert answered["status"] == "413 Request Entity Too Large"
    assert b"".join(content).decode() == TOO_LARGE


def test_a_host_this_site_does_not_serve_is_refused(application, redis_cache, settings, token):
    settings.ALLOWED_HOSTS = ["tribune.example"]

    status, _headers, _content = wsgi_call(application, beacon(token), host="attacker.example")

    assert status == 400
    assert page_views_flush() == 0


def test_a_redis_that_does_not_answer_never_fails_the_fast_path(application, redis_down, token):
    for _ in range(3):
        assert wsgi_call(application, beacon(token))[0] == 204


def test_other_requests_go_on_to_django(application, db, token):
    status, _headers, _content = wsgi_call(application, b"", method="GET")

    assert status == 405  # the view's own answer: it takes only posts
    assert wsgi_call(application, b"", method="GET", path=reverse("analytics_pixel"))[0] == 400

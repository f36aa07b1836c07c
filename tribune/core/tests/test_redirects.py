"""The one same-site check for addresses a request supplies, and a guard that every view uses it."""

import re
from pathlib import Path

import pytest

from django.test import RequestFactory

from tribune.core.pagination import parse_positive_int
from tribune.core.redirects import is_same_site, requested_next, safe_next

# Shapes of "go there next" that browsers follow off-site, or that would break the Location header.
EVIL_NEXT = [
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "https:evil.example",
    "http://testserver@evil.example/",
    "///evil.example",
    " //evil.example",
    "/ok\r\nSet-Cookie: x=1",
    "",
]
TRIBUNE = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("candidate", EVIL_NEXT)
def test_off_site_or_malformed_addresses_give_the_fallback(candidate):
    request = RequestFactory().get("/")

    assert safe_next(request, candidate, "/fallback/") == "/fallback/"


@pytest.mark.parametrize("candidate", ["/admin/discussion/?tab=reported", "/politics/a-piece/#discussion"])
def test_paths_on_this_site_are_kept(candidate):
    assert safe_next(RequestFactory().get("/"), candidate, "/fallback/") == candidate


def test_an_absolute_address_on_the_requests_own_host_is_kept_and_others_are_not():
    request = RequestFactory().get("/", HTTP_HOST="news.example.org")

    assert is_same_site(request, "http://news.example.org/politics/")
    assert not is_same_site(request, "http://news.example.org.evil.example/")
    assert not is_same_site(request, "http://other.example.org/")


def test_a_secure_request_is_not_sent_back_to_plain_http():
    request = RequestFactory().get("/", secure=True, HTTP_HOST="news.example.org")

    assert is_same_site(request, "https://news.example.org/politics/")
    assert not is_same_site(request, "http://news.example.org/politics/")


def test_the_posted_field_is_read_before_the_query_string():
    request = RequestFactory().post("/?next=/from-query/", {"next": "https://evil.example/"})

    assert requested_next(request, "/fallback/") == "/fallback/"
    assert requested_next(RequestFactory().post("/?next=/from-query/"), "/fallback/") == "/from-query/"


# The guard: reading a redirect target from a request anywhere but core/redirects.py fails this test.
READS_NEXT = re.compile(
    r"""(GET|POST|REQUEST|QueryDict|data)\s*(\.get\(|\.getlist\(|\[)\s*["'](next|return|return_to|return_url|"""
    r"""redirect_to|redirect|success_url|continue)["']|HTTP_REFERER|headers\.get\(\s*["']referer""",
    re.IGNORECASE,
)


def test_no_module_reads_a_redirect_target_from_a_request_without_the_same_site_check():
    offenders = []
    for path in TRIBUNE.rglob("*.py"):
        relative = path.relative_to(TRIBUNE).as_posix()
        if "/tests/" in f"/{relative}" or relative == "core/redirects.py" or "/migrations/" in relative:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if READS_NEXT.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == [], "use tribune.core.redirects.requested_next / safe_next:\n" + "\n".join(offenders)


def test_the_guard_recognises_the_ways_a_view_reads_next():
    for line in ['request.POST.get("next")', "request.GET['next']", 'request.META.get("HTTP_REFERER")']:
        assert READS_NEXT.search(line), line


# Integer query parameters


@pytest.mark.parametrize(
    "raw",
    [None, "", "0", "-1", "+3", " 3", "3 ", "03", "1.5", "1e3", "abc", "٣", "³", "１２", "9" * 19, "9" * 4301],
)
def test_anything_but_a_plain_positive_integer_gives_the_default(raw):
    assert parse_positive_int(raw, default=7) == 7


def test_plain_positive_integers_are_read_up_to_the_maximum():
    assert parse_positive_int("42") == 42
    assert parse_positive_int("9" * 18) == int("9" * 18)
    assert parse_positive_int("1001", maximum=1000) is None
    assert parse_positive_int("1000", maximum=1000) == 1000

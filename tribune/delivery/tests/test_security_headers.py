"""Security headers on every kind of answer, with the page cache as production runs it: a reader page as first
rendered and as the WSGI fast path replays it, an admin screen with its per-request nonce, a 404, a feed, a static
file; a nonce never reaches a stored page; the cookie names that make a request personal follow the settings."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from csp.decorators import csp_exempt, csp_update
from csp.utils import build_policy

from django.conf import settings as django_settings
from django.http import HttpResponse
from django.template import engines
from django.test import Client
from django.urls import path, reverse
from django.utils.datastructures import CaseInsensitiveMapping

from tribune.core.security_headers import PERMISSIONS_POLICY_HEADER, directives
from tribune.delivery import page_cache
from tribune.delivery.page_cache import HEADER

from .test_wsgi import app, call, django_app  # noqa: F401 - the fast path and Django behind it

pytestmark = pytest.mark.usefixtures("page_cache_on")

CSP = "Content-Security-Policy"
NONCE_SOURCE = re.compile(r"'nonce-([^']+)'")


def policy(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_reader_headers(headers) -> None:
    """What a page every reader may share carries: a strict policy without a nonce, and the other headers."""
    directives = policy(headers[CSP])
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in directives["style-src"]
    assert "'nonce-" not in headers[CSP]
    assert "camera=()" in headers[PERMISSIONS_POLICY_HEADER]
    assert "geolocation=()" in headers[PERMISSIONS_POLICY_HEADER]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_a_reader_page_is_stored_with_its_headers_and_the_fast_path_replays_them(app, django_app, article):  # noqa: F811
    _status, first, _body = call(app, article.url)
    _status, hit, body = call(app, article.url)

    first, hit = (CaseInsensitiveMapping({name: values[0] for name, values in h.items()}) for h in (first, hit))
    assert django_app.calls == 1, "the second answer came from the fast path"
    assert hit[HEADER] == "hit"
    assert_reader_headers(first)
    assert_reader_headers(hit)
    assert hit[CSP] == first[CSP]
    assert b"nonce=" not in body
    assert b'<script type="application/ld+json">' in body  # data, never run: allowed without a nonce


def test_embed_providers_are_the_only_frames_a_reader_page_may_show(client, article, settings):
    settings.TRIBUNE_EMBED_PROVIDERS = ["youtube.com", "vimeo.com"]

    directives = policy(client.get(article.url)[CSP])

    assert directives["frame-src"] == [
        "https://youtube.com",
        "https://*.youtube.com",
        "https://vimeo.com",
        "https://*.vimeo.com",
    ]


def test_a_provider_whose_player_lives_on_another_host_may_frame_it(client, article, settings):
    """Flourish links are pasted from flourish.studio, but its player is served from flo.uri.sh."""
    settings.TRIBUNE_EMBED_PROVIDERS = ["flourish.studio"]

    directives = policy(client.get(article.url)[CSP])

    assert "https://flo.uri.sh" in directives["frame-src"]
    assert "https://flourish.studio" in directives["frame-src"]


def test_a_missing_page_and_a_feed_carry_the_headers(client, article):
    missing = client.get("/no-such-page/")
    feed = client.get(reverse("feed_rss"))

    assert missing.status_code == 404
    assert feed.status_code == 200
    for response in (missing, feed):
        assert_reader_headers(response.headers)


def test_static_files_carry_nosniff_and_the_policy(client, settings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True

    response = client.get("/static/frontend/css/tribune.css")

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert CSP in response
    assert PERMISSIONS_POLICY_HEADER in response


def test_each_admin_answer_has_its_own_nonce_and_every_inline_script_carries_it(client, superuser, article):
    client.force_login(superuser)
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])

    nonces = []
    for _ in range(2):
        response = client.get(edit)
        assert response.status_code == 200
        (nonce,) = NONCE_SOURCE.findall(response[CSP])
        inline_scripts = [
            script
            for script in BeautifulSoup(response.content, "html.parser").find_all("script")
            if not script.get("src") and script.get("type", "text/javascript") in {"text/javascript", "module"}
        ]
        assert inline_scripts, "the page editor has inline scripts (inline panels, date pickers)"
        assert {script.get("nonce") for script in inline_scripts} == {nonce}
        assert policy(response[CSP])["script-src"] == ["'self'", f"'nonce-{nonce}'"]
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert response["X-Frame-Options"] == "DENY"
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_the_admin_preview_may_be_framed_by_the_admin_alone(client, superuser, article):
    client.force_login(superuser)

    response = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk]))

    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(response[CSP])["frame-ancestors"] == ["'self'"]


def test_a_preview_carries_the_preview_views_headers_not_those_of_the_page_it_renders(client, superuser, article):
    # Wagtail renders the page in a request of its own, through the middleware; its headers must not stick.
    client.force_login(superuser)

    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))

    assert response.status_code == 200
    assert article.title in response.content.decode()
    assert policy(response[CSP])["frame-src"][0] == "'self'"  # the admin's policy: this answer is the admin's
    assert len(NONCE_SOURCE.findall(response[CSP])) <= 1


def test_the_admin_may_frame_its_own_preview(client, superuser):
    client.force_login(superuser)

    directives = policy(client.get(reverse("wagtailadmin_home"))[CSP])

    assert directives["frame-src"][0] == "'self'"
    assert directives["frame-ancestors"] == ["'none'"]


# A nonce never reaches a stored page


def inline_script_view(request):
    template = engines["django"].from_string('{% load csp_tags %}<script nonce="{% csp_nonce %}">go()</script>')
    return HttpResponse(template.render({}, request))


def failing_view(request):
    raise RuntimeError("a bug")


@csp_update({"img-src": ["https://maps.example.org"]})
def view_with_its_own_sources(request):
    return HttpResponse("a map")


@csp_exempt()
def view_without_policy(request):
    return HttpResponse("no policy")


urlpatterns = [
    path("with-inline-script/", inline_script_view),
    path("fails/", failing_view),
    path("own-sources/", view_with_its_own_sources),
    path("exempt/", view_without_policy),
]


@pytest.mark.urls(__name__)
def test_a_view_that_adds_sources_or_opts_out_still_gets_its_own_policy(client):
    """Reader pages share one policy string, built once; a view that changes its policy is built its own way."""
    own = client.get("/own-sources/")
    exempt = client.get("/exempt/")

    assert policy(own[CSP])["img-src"][-1] == "https://maps.example.org"
    assert "'nonce-" not in own[CSP]
    assert CSP not in exempt


def test_the_shared_policy_is_the_one_django_csp_builds(client, article):
    shared = client.get(article.url)[CSP]
    admin = client.get(reverse("wagtailadmin_login"))[CSP]

    assert policy(shared) == policy(build_policy(config=directives(admin=False, frame_ancestors="'none'")))
    assert "'unsafe-inline'" in policy(admin)["style-src"], "the admin's policy is not the readers'"


def test_the_shared_policy_follows_the_settings_it_is_built_from(client, settings, db):
    settings.STATIC_URL = "https://static.example.net/static/"

    assert "https://static.example.net" in policy(client.get("/no-such-page/")[CSP])["script-src"]


@pytest.mark.urls(__name__)
def test_a_server_error_carries_the_headers(db):
    response = Client(raise_request_exception=False).get("/fails/")

    assert response.status_code == 500
    assert_reader_headers(response.headers)


@pytest.mark.urls(__name__)
def test_a_page_that_uses_a_nonce_is_never_stored_nor_shared(client):
    first = client.get("/with-inline-script/")
    second = client.get("/with-inline-script/")

    assert second.get(HEADER) != "hit"
    assert "public" not in second["Cache-Control"]
    assert {"private", "no-store"} <= {part.strip() for part in second["Cache-Control"].split(",")}
    assert NONCE_SOURCE.findall(first[CSP]) != NONCE_SOURCE.findall(second[CSP])
    assert f'nonce="{NONCE_SOURCE.findall(second[CSP])[0]}"' in second.content.decode()


# The cookies that make a request personal


@pytest.mark.parametrize("cookie", ["__Host-sessionid", "__Host-messages"])
def test_the_configured_cookie_names_make_a_request_personal(settings, cookie):
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.TRIBUNE_MESSAGES_COOKIE_NAME = "__Host-messages"
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/", "HTTP_COOKIE": f"theme=dark; {cookie}=x"}

    assert page_cache.is_personal(environ)
    assert page_cache.page_request(environ) is None
    assert not page_cache.is_personal({**environ, "HTTP_COOKIE": "theme=dark; __Host-csrftoken=x"})


def edge_cookie_patterns() -> dict[str, re.Pattern]:
    """The cookie patterns by which each shipped edge configuration passes personal requests to the origin."""
    deploy = Path(django_settings.BASE_DIR) / "deploy"
    vcl = (deploy / "varnish" / "tribune.vcl").read_text()
    nginx = (deploy / "nginx" / "tribune-edge.conf").read_text()
    return {
        "varnish": re.compile(re.search(r'req\.http\.Cookie ~ "([^"]+)"', vcl).group(1)),
        "nginx": re.compile(re.search(r'\$tribune_personal_cookie \{[^}]*"~([^"]+)" 1;', nginx).group(1)),
    }


@pytest.mark.parametrize("names", [("sessionid", "messages"), ("__Host-sessionid", "__Host-messages")])
def test_the_edges_pass_the_same_cookies_as_personal_as_the_page_cache(settings, names):
    settings.SESSION_COOKIE_NAME, settings.TRIBUNE_MESSAGES_COOKIE_NAME = names  # development's, production's

    for edge, pattern in edge_cookie_patterns().items():
        for cookie in page_cache.personal_cookies():
            assert pattern.search(f"theme=dark; {cookie}=x"), (edge, cookie)
            assert pattern.search(f"{cookie}=x"), (edge, cookie)
        for shared in ("csrftoken=x", "__Host-csrftoken=x", "theme=dark", "notsessionid=x"):
            assert not pattern.search(shared), (edge, shared)

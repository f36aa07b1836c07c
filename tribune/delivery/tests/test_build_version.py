"""Stored pages, fragments and routes belong to the build and settings that made them: a production run and a
`make run` sharing one cache (hashed static names in one, plain names in the other) never serve each other's."""

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from django.conf import settings as django_settings
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import close_old_connections
from django.test import override_settings

from tests.factories import make_article, make_image
from tribune.core import fragments
from tribune.delivery import routing
from tribune.delivery.page_cache import HEADER
from tribune.delivery.wsgi import PageCacheApplication

from .test_compression import call

MANIFEST_STORAGE = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
PLAIN_STORAGE = "django.contrib.staticfiles.storage.StaticFilesStorage"
CSS = "frontend/css/tribune.css"


@pytest.fixture(scope="module")
def collected_static():
    """``collectstatic`` with hashed names, as a production deployment runs it, into a folder of its own."""
    root = Path(tempfile.mkdtemp(prefix="tribune-static-"))
    storages = {**django_settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", "--noinput", verbosity=0)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def start_process_with(settings, backend: str, root: Path | None = None) -> None:
    """Settings as a freshly started process has them (changing them restarts the static storage, too)."""
    if root is not None:
        settings.STATIC_ROOT = root
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": backend}}


def stylesheet(response) -> str:
    return BeautifulSoup(response.content, "html.parser").select_one('link[rel="stylesheet"]')["href"]


def test_a_page_stored_by_make_run_is_not_served_by_a_production_build_nor_the_reverse(
    client, settings, page_cache_on, collected_static, article
):
    start_process_with(settings, PLAIN_STORAGE)
    assert client.get(article.url)[HEADER] == "miss"
    assert client.get(article.url)[HEADER] == "hit"

    start_process_with(settings, MANIFEST_STORAGE, collected_static)
    hashed = client.get(article.url)
    assert hashed[HEADER] == "miss"
    assert stylesheet(hashed).startswith("/static/frontend/css/tribune.") and stylesheet(hashed) != f"/static/{CSS}"
    assert client.get(article.url)[HEADER] == "hit"

    start_process_with(settings, PLAIN_STORAGE)
    plain = client.get(article.url)
    assert (plain[HEADER], stylesheet(plain)) == ("hit", f"/static/{CSS}")  # its own copy, still stored


def test_a_page_stored_before_a_new_collectstatic_is_not_served_after_it(
    client, settings, page_cache_on, collected_static, article
):
    start_process_with(settings, MANIFEST_STORAGE, collected_static)
    before = client.get(article.url)
    assert client.get(article.url)[HEADER] == "hit"

    manifest_file = collected_static / "staticfiles.json"
    shipped = manifest_file.read_text()
    manifest = json.loads(shipped)
    new_name = manifest["paths"][CSS].replace("tribune.", "tribune.0new0build.")
    shutil.copy(collected_static / manifest["paths"][CSS], collected_static / new_name)
    manifest["paths"][CSS] = new_name
    manifest_file.write_text(json.dumps(manifest))
    try:
        start_process_with(settings, MANIFEST_STORAGE)
        after = client.get(article.url)
    finally:
        manifest_file.write_text(shipped)

    assert after[HEADER] == "miss"
    assert (stylesheet(before), stylesheet(after)) == (
        f"/static/{manifest['paths'][CSS].replace('0new0build.', '')}",
        f"/static/{new_name}",
    )


@pytest.mark.parametrize(
    ("setting", "value"),
    [("DEBUG", True), ("SITE_URL", "https://news.example.org"), ("LANGUAGE_CODE", "fr"), ("MEDIA_URL", "/files/")],
)
def test_a_page_stored_under_other_settings_is_not_served(client, settings, page_cache_on, article, setting, value):
    client.get(article.url)
    assert client.get(article.url)[HEADER] == "hit"

    setattr(settings, setting, value)

    assert client.get(article.url)[HEADER] == "miss"


def test_fragments_and_routes_stored_under_other_settings_are_not_used(client, settings, section):
    settings.TRIBUNE_FRAGMENT_CACHE_SECONDS = 600
    fragments.bump(fragments.CONTENT)
    piece = make_article(section, lead_image=make_image())
    site, path = piece.get_site(), piece.url.lstrip("/")
    client.get(piece.url)
    assert "/media/images/" in client.get(piece.url).content.decode()  # built from stored fragments
    assert fragments.peek(routing.STORE_NAME, (site.pk, path), [fragments.CONTENT]) is not None

    settings.MEDIA_URL = "/files/"  # as a process started with another MEDIA_URL sees it

    assert fragments.peek(routing.STORE_NAME, (site.pk, path), [fragments.CONTENT]) is None
    html = client.get(piece.url).content.decode()
    assert "/files/images/" in html
    assert "/media/images/" not in html


@pytest.fixture
def fast_path():
    """The WSGI fast path in front of Django, as tribune.wsgi builds it."""
    # As Django's test client does: the test's database connection must outlive each request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield PageCacheApplication(WSGIHandler())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_the_wsgi_fast_path_does_not_answer_with_a_page_stored_under_other_settings(
    settings, page_cache_on, fast_path, article
):
    call(fast_path, article.url)
    assert call(fast_path, article.url)[1][HEADER.lower()] == "hit"

    settings.STATIC_URL = "/assets/"  # as a process started with another STATIC_URL sees it

    status, headers, body = call(fast_path, article.url)
    assert (status, headers[HEADER.lower()]) == ("200 OK", "miss")
    assert b'href="/assets/frontend/css/tribune.css"' in body

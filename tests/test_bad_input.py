"""Bad input gets a 4xx or a form error, never a 500 (issue 17, finding 13).

One table (``SURFACES``) lists every address that reads a number or a search from the request, with the parameter
that carries it; each role (signed out, reader, contributor, editor, superuser) sends each payload there and
nothing may answer 500. To guard a new surface, add a row. The tests after the walk pin each cause: the search
backend's FTS5 syntax and unbounded queries, searches restricted to fields, path traversal under ``/static/``,
integers beyond the database's, and page-editor posts whose StreamField structure is broken.
"""

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from wsgiref.util import setup_testing_defaults

import pytest

from django.apps import apps
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.exceptions import SuspiciousFileOperation
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Revision
from wagtail.search.backends import get_search_backend
from wagtail.search.index import Indexed

from tribune.core.management.commands.runserver import Command as RunserverCommand
from tribune.editorial.models import Invitation, Pitch
from tribune.editorial.tests.matrix import COLLEAGUE_PROFILE, OWN_PROFILE, World, edit_form_data, world_build
from tribune.search.backend import MAX_TERMS

HUGE = "9" * 4301  # one digit past Python's int() limit for strings
BEYOND_BIGINT = "99999999999999999999"
INTEGERS = [HUGE, BEYOND_BIGINT, "9223372036854775808", "-1", "0", "abc", "١٢", "²", "1\x00", "1.5", "1e9", " ", ""]
SEARCHES = [
    '"',
    '"unterminated',
    'a"b',
    "AND",
    "a AND NOT b",
    "NEAR(",
    "NEAR(a b, 2)",
    "*",
    "x*",
    "^",
    "title:",
    "body:x",
    "{title body}:x",
    "-",
    "a - b",
    "(",
    "a\x00b",
    "\x00",
    "'",
    "\\",
    "%s",
    "x" * 5000,
    "w " * 3000,
    " ".join(f"w{n}" for n in range(3000)),
    '"a" ' * 500,
]
# Sent by every role; the superuser, who sees every screen, gets all of INTEGERS or SEARCHES.
SHARP = [HUGE, BEYOND_BIGINT, '"', "a\x00b", "w " * 3000]
ROLES = ["anonymous", "reader", "contributor", "editor_a", "superuser"]


@dataclass(frozen=True)
class Surface:
    """An address and the query parameter that carries the payload; ``{value}`` in ``path`` puts it in the path
    instead. ``kind`` chooses the superuser's payloads: "search" or "integer"."""

    path: str | Callable[[World], str]
    param: str | None
    kind: str

    def url(self, world: World) -> str:
        return self.path(world) if callable(self.path) else self.path


def search(path: str, param: str = "q") -> Surface:
    return Surface(path, param, "search")


def integer(path, param: str | None = "p") -> Surface:
    return Surface(path, param, "integer")


SURFACES = [
    # Reader pages
    search("/search/"),
    integer("/search/?q=harbour", "page"),
    integer("/experts/", "page"),
    search("/experts/", "expertise"),
    integer("/corrections/", "page"),
    integer(lambda world: world.section_a.url, "page"),
    integer("/sitemap-articles.xml"),
    integer("/feeds/rss/", "page"),
    # Admin searches: listings, choosers, reports
    search("/admin/pages/search/"),
    search("/admin/images/"),
    search("/admin/images/chooser/results/"),
    search("/admin/documents/"),
    search("/admin/documents/chooser/results/"),
    search("/admin/choose-page/search/"),
    search("/admin/snippets/contributors/contributor/"),
    search("/admin/snippets/choose/contributors/contributor/results/"),
    search("/admin/snippets/contributors/expertise/"),
    search("/admin/snippets/analysis/keyfigure/"),
    search("/admin/snippets/analysis/keyfigure/", "unit"),
    search("/admin/users/"),
    search("/admin/groups/"),
    search("/admin/collections/"),
    search("/admin/workflows/list/"),
    search("/admin/workflows/task_chooser/results/"),
    search("/admin/forms/"),
    search("/admin/redirects/"),
    search("/admin/sites/"),
    search("/admin/locales/"),
    search("/admin/reports/locked/"),
    search("/admin/reports/aging-pages/"),
    search("/admin/reports/site-history/"),
    search("/admin/reports/page-types-usage/"),
    search("/admin/reports/workflow/"),
    search(lambda world: f"/admin/pages/{world.section_a.pk}/"),
    search("/admin/editorial/pitches/", "status"),
    search("/admin/discussion/", "tab"),
    # Admin page numbers
    integer("/admin/images/"),
    integer("/admin/documents/"),
    integer("/admin/users/"),
    integer("/admin/snippets/contributors/contributor/"),
    integer("/admin/snippets/analysis/keyfigure/"),
    integer(lambda world: f"/admin/pages/{world.section_a.pk}/"),
    integer("/admin/pages/search/?q=draft"),
    integer("/admin/reports/site-history/"),
    integer("/admin/editorial/pitches/"),
    integer("/admin/editorial/invitations/"),
    integer("/admin/discussion/"),
    integer("/admin/discussion/log/"),
    # Ids in paths
    integer("/admin/pages/{value}/", None),
    integer("/admin/pages/{value}/edit/", None),
    integer("/admin/images/{value}/", None),
    integer("/admin/documents/edit/{value}/", None),
    integer("/admin/snippets/contributors/contributor/edit/{value}/", None),
    integer("/admin/snippets/analysis/keyfigure/edit/{value}/", None),
    integer("/admin/users/{value}/", None),
    integer("/admin/editorial/pitches/{value}/", None),
    integer("/documents/{value}/x.pdf", None),
]


def request(client: Client, surface: Surface, world: World, value: str):
    url = surface.url(world)
    if surface.param is None:
        return client.get(url.replace("{value}", value))
    return client.get(url, {surface.param: value})


def client_for(world: World, role: str) -> Client:
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(world.user(role))
    return client


@pytest.fixture
def world(db):
    return world_build()


@pytest.mark.parametrize("role", ROLES)
def test_no_surface_answers_500_to_bad_input(world, role):
    client = client_for(world, role)
    failures = []
    for surface in SURFACES:
        payloads = SHARP
        if role == "superuser":
            payloads = SEARCHES if surface.kind == "search" else INTEGERS
        for value in payloads:
            response = request(client, surface, world, value)
            if response.status_code >= 500 or response.status_code not in {200, 301, 302, 400, 403, 404, 405}:
                failures.append(f"{surface.url(world)} {surface.param}={value[:30]!r}: {response.status_code}")
    assert not failures, "\n".join(failures)


# Search: the backend ----------------------------------------------------------------------------------------------


def indexed_models():
    return [model for model in apps.get_models() if issubclass(model, Indexed) and model.get_search_fields()]


def test_every_indexed_model_can_be_searched_for_anything(world):
    backend = get_search_backend()
    for query in SEARCHES:
        for model in indexed_models():
            list(backend.search(query, model))
            list(backend.search(query, model, operator="or"))
            if model.get_autocomplete_search_fields():
                list(backend.autocomplete(query, model))


def test_a_search_restricted_to_fields_finds_by_those_fields(world):
    """The Experts listing searches ``name`` and ``affiliation``: SQLite's FTS5 table has no such columns."""
    backend = get_search_backend()
    from tribune.contributors.models import Contributor

    found = list(backend.search("Colleagueprofile", Contributor, fields=["name", "affiliation"]))
    assert [contributor.name for contributor in found] == [COLLEAGUE_PROFILE]


def test_the_experts_admin_listing_searches(world):
    client = client_for(world, "superuser")
    response = client.get("/admin/snippets/contributors/contributor/", {"q": "Colleagueprofile"})
    assert response.status_code == 200
    content = response.content.decode()
    assert COLLEAGUE_PROFILE in content
    assert OWN_PROFILE not in content


def test_search_operators_are_words_to_look_for(world):
    backend = get_search_backend()
    harbour = world.published.specific_class

    assert [page.pk for page in backend.search('harbour" cranes', harbour)] == [world.published.pk]
    assert [page.pk for page in backend.search("harbour - ^ * cranes", harbour, operator="and")] == [world.published.pk]
    assert list(backend.search('"', harbour)) == []


def test_a_long_query_is_cut_to_max_terms_words(world):
    """The "2 s answer": the stock backend nested one expression per word and rebuilt the query string at each
    level (quadratic), then hit the recursion limit; now a query keeps at most MAX_TERMS words."""
    backend = get_search_backend()
    words = " ".join(f"word{n}" for n in range(3000))
    with CaptureQueriesContext(connection) as queries:
        list(backend.search(words, world.published.specific_class))
    searched = " ".join(query["sql"] for query in queries.captured_queries)
    if connection.vendor == "sqlite":
        assert searched.count("MATCH") >= 1
        assert len(set(re.findall(r"word\d+", searched))) == MAX_TERMS
    else:
        assert len(set(re.findall(r"word\d+", searched))) <= MAX_TERMS


# Static files -----------------------------------------------------------------------------------------------------


def wsgi_get(application, path: str) -> str:
    environ = {"PATH_INFO": path, "wsgi.input": io.BytesIO(), "HTTP_HOST": "localhost"}
    setup_testing_defaults(environ)
    statuses = []
    # As Django's test client does: a request must not close the test's database connection (inside its
    # transaction), which the real handler's request signals would do on PostgreSQL.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
        b"".join(body)
        if hasattr(body, "close"):
            body.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return statuses[0]


@override_settings(DEBUG=True, WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True, ALLOWED_HOSTS=["localhost"])
def test_runserver_answers_404_to_a_path_leaving_the_static_folders(db):
    assert wsgi_get(RunserverCommand().get_handler(), "/static/../../manage.py").startswith("404")
    assert wsgi_get(RunserverCommand().get_handler(), "/static/frontend/css/tribune.css").startswith("200")


@override_settings(DEBUG=True)
def test_the_staticfiles_handler_runserver_no_longer_uses_raised_on_such_a_path(db):
    """The cause of the 500 under ``make run``: staticfiles' handler turns only Http404 into a response."""
    with pytest.raises(SuspiciousFileOperation):
        wsgi_get(StaticFilesHandler(WSGIHandler()), "/static/../../manage.py")


@pytest.mark.parametrize("path", ["/static/..%2f..%2fmanage.py", "/static/x/..%2f..%2f..%2fetc/passwd", "/static/%00"])
def test_a_static_path_leaving_the_folders_is_not_found(db, path):
    assert Client().get(path).status_code == 404


# Integers beyond the database's -----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [BEYOND_BIGINT, "9223372036854775808", HUGE, "-99999999999999999999"])
def test_a_pitch_with_a_huge_number_is_a_form_error(world, value):
    client = client_for(world, "contributor")
    pitch = {
        "working_title": "Tides",
        "summary": "Why tides matter.",
        "angle": "Ports.",
        "why_now": "Storms.",
        "section": str(world.section_a.pk),
        "expected_length": "1200",
    }
    for field in ("section", "expected_length"):
        response = client.post(reverse("editorial:pitch_create"), {**pitch, field: value})
        assert response.status_code == 200
        assert response.context["form"].errors[field]
    assert not Pitch.objects.exists()


def test_an_invitation_with_a_huge_section_id_is_a_form_error(world):
    client = client_for(world, "editor_a")
    response = client.post(
        reverse("editorial:invitation_create"),
        {"name": "Nadia", "email": "nadia@example.org", "sections": [str(world.section_a.pk), BEYOND_BIGINT]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["sections"]
    assert not Invitation.objects.exists()


# Page-editor posts ------------------------------------------------------------------------------------------------

BROKEN_EDITOR_POSTS = {
    "no body-count": lambda data: data.pop("body-count"),
    "body-count not a number": lambda data: data.update({"body-count": "abc"}),
    "body-count over int()'s limit": lambda data: data.update({"body-count": HUGE}),
    "body-count beyond the blocks": lambda data: data.update({"body-count": "999999"}),
    "no block type": lambda data: data.pop("body-0-type"),
    "no block order": lambda data: data.pop("body-0-order"),
    "block order not a number": lambda data: data.update({"body-0-order": "x"}),
    "block order over int()'s limit": lambda data: data.update({"body-0-order": HUGE}),
    "no deleted flag": lambda data: data.pop("body-0-deleted"),
    "rich text not JSON": lambda data: data.update({"body-0-value": "{not json"}),
    "rich text JSON of the wrong shape": lambda data: data.update({"body-0-value": "[1, 2]"}),
}


def test_a_broken_page_editor_post_is_a_400_and_changes_nothing(world):
    page = world.published
    client = client_for(world, "superuser")
    revisions = Revision.objects.filter(object_id=str(page.pk)).count()
    answers = {}
    for breakage, breaks in BROKEN_EDITOR_POSTS.items():
        data = edit_form_data(world, page)
        breaks(data)
        answers[breakage] = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data).status_code

    assert answers == dict.fromkeys(BROKEN_EDITOR_POSTS, 400)
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions


@pytest.mark.parametrize("breakage", ["no comments management form", "no bylines management form"])
def test_a_page_editor_post_without_a_formset_management_form_is_not_a_500(world, breakage):
    prefix = "comments-" if "comments" in breakage else "bylines-"
    data = {key: value for key, value in edit_form_data(world, world.published).items() if not key.startswith(prefix)}
    client = client_for(world, "superuser")
    response = client.post(reverse("wagtailadmin_pages:edit", args=[world.published.pk]), data)
    assert response.status_code in {200, 302, 400}


def test_a_well_formed_page_editor_post_still_saves(world):
    page = world.published
    revisions = Revision.objects.filter(object_id=str(page.pk)).count()
    client = client_for(world, "superuser")
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_form_data(world, page))
    assert response.status_code == 302
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions + 1

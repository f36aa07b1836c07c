"""The newsroom the permission matrix runs in, and the words its table is written in.

Two sections. In section A: a contributor, a colleague contributor and an editor; in section B: another editor; then a
chief editor, a superuser and a reader with no groups. Section A holds the contributor's draft, the colleague's draft
and a published article written by the contributor; section B holds a draft. Titles and names are distinctive, so a
test can tell whether one leaked into a response.
"""

import enum
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from wagtail.models import Site, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html, rich_text, streamfield

from tests.factories import UserFactory, make_article, make_contributor, make_image, paragraph
from tribune.contributors.models import Contributor
from tribune.editorial.roles import contributor_uploads_collection, role_assign
from tribune.media.models import TribuneImage
from tribune.newsroom.models import ArticleByline, ArticlePage, HomePage, SectionPage
from tribune.newsroom.services import home_page_ensure, section_ensure

ROLES = ("anonymous", "reader", "contributor", "colleague", "editor_a", "editor_b", "chief", "superuser")

OWN_DRAFT = "Own draft on river tariffs"
COLLEAGUE_DRAFT = "Colleague draft on grain prices"
PUBLISHED = "Published story on harbour cranes"
B_DRAFT = "Section B draft on ferry timetables"
OWN_PROFILE = "Ines Ownprofile"
COLLEAGUE_PROFILE = "Kofi Colleagueprofile"
COLLEAGUE_IMAGE = "Colleague photo of the quay"


# The world -----------------------------------------------------------------------------------------------------------


@dataclass
class World:
    home: HomePage
    section_a: SectionPage
    section_b: SectionPage
    people: dict
    own_draft: ArticlePage
    colleague_draft: ArticlePage
    published: ArticlePage
    b_draft: ArticlePage
    own_profile: Contributor
    colleague_profile: Contributor
    colleague_image: TribuneImage
    site: Site
    edit_forms: dict = field(default_factory=dict)

    def page(self, page) -> ArticlePage:
        """The page as the database has it now; the world's own objects are never mutated by a test."""
        return ArticlePage.objects.get(pk=page.pk)

    def user(self, role: str):
        """A fresh copy of the role's user, so no permission cache survives from one test to the next."""
        return get_user_model().objects.get(pk=self.people[role].pk)


def draft_create(section: SectionPage, *, owner, title: str, slug: str, byline: Contributor) -> ArticlePage:
    """A never-published article with two revisions (so there is something to compare), saved by its owner."""
    article = ArticlePage(
        title=title,
        slug=slug,
        standfirst=f"Standfirst of {title.lower()}.",
        body=[paragraph(f"First words of {title.lower()}.")],
        owner=owner,
        live=False,
        bylines=[ArticleByline(contributor=byline, sort_order=0)],
    )
    section.add_child(instance=article)
    article.save_revision(user=owner)
    article.body = [paragraph(f"Second thoughts on {title.lower()}.")]
    article.save_revision(user=owner)
    return article


def profile_create(*, name: str, slug: str, user) -> Contributor:
    """An approved expert profile linked to ``user``'s account (linking is the editors' job, so it comes after)."""
    profile = make_contributor(name=name, slug=slug)
    Contributor.objects.filter(pk=profile.pk).update(user=user)
    profile.refresh_from_db()
    return profile


def world_build() -> World:
    home = home_page_ensure(title="Tribune", tagline="Expert opinion and analysis")
    section_a = section_ensure(home=home, slug="analysis", title="Analysis")
    section_b = section_ensure(home=home, slug="opinion", title="Opinion")

    people = {role: UserFactory(username=role, email=f"{role}@example.org") for role in ROLES[1:]}
    role_assign(user=people["contributor"], role="contributor", sections=[section_a])
    role_assign(user=people["colleague"], role="contributor", sections=[section_a])
    role_assign(user=people["editor_a"], role="editor", sections=[section_a])
    role_assign(user=people["editor_b"], role="editor", sections=[section_b])
    role_assign(user=people["chief"], role="chief")
    people["superuser"].is_superuser = True
    people["superuser"].save()

    own_profile = profile_create(name=OWN_PROFILE, slug="ines-ownprofile", user=people["contributor"])
    colleague_profile = profile_create(name=COLLEAGUE_PROFILE, slug="kofi-colleagueprofile", user=people["colleague"])

    colleague_image = make_image(title=COLLEAGUE_IMAGE, collection=contributor_uploads_collection())
    TribuneImage.objects.filter(pk=colleague_image.pk).update(uploaded_by_user=people["colleague"])

    # The contributor wrote the published article: an editor approved it, and Wagtail keeps the author as owner.
    published = make_article(section_a, title=PUBLISHED, slug="published-story", contributors=[own_profile])
    ArticlePage.objects.filter(pk=published.pk).update(owner=people["contributor"])

    return World(
        home=home,
        section_a=section_a,
        section_b=section_b,
        people=people,
        own_draft=draft_create(
            section_a, owner=people["contributor"], title=OWN_DRAFT, slug="own-draft", byline=own_profile
        ),
        colleague_draft=draft_create(
            section_a,
            owner=people["colleague"],
            title=COLLEAGUE_DRAFT,
            slug="colleague-draft",
            byline=colleague_profile,
        ),
        published=published,
        b_draft=draft_create(section_b, owner=people["editor_b"], title=B_DRAFT, slug="b-draft", byline=own_profile),
        own_profile=own_profile,
        colleague_profile=colleague_profile,
        colleague_image=colleague_image,
        site=Site.objects.get(is_default_site=True),
    )


# Workflow steps that set the scene --------------------------------------------------------------------------------


def in_review(world: World, page, *, by: str) -> TaskState:
    """Submit ``page`` to its workflow as ``by`` and return the task state now waiting for a reviewer."""
    article = world.page(page)
    article.get_workflow().start(article, world.user(by))
    return world.page(page).current_workflow_task_state


# Requests ------------------------------------------------------------------------------------------------------------


def edit_form_data(world: World, page) -> dict:
    """What the edit form of ``page`` posts back (read once, as a superuser, so every role can replay it).

    The StreamField and the comments formset are drawn by JavaScript, so their data is added by hand.
    """
    if page.pk not in world.edit_forms:
        world.edit_forms[page.pk] = _edit_form_scrape(world, page)
    return dict(world.edit_forms[page.pk])


def _edit_form_scrape(world: World, page) -> dict:
    admin = Client()
    admin.force_login(world.people["superuser"])
    html = admin.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form").dict()
    body = streamfield([("paragraph", rich_text(f"<p>Edited words of {page.title.lower()}.</p>"))])
    return {**data, **nested_form_data({"body": body, "comments": inline_formset([])})}


def get(url: Callable[[World], str]) -> Callable[[Client, World], HttpResponse]:
    return lambda client, world: client.get(url(world))


def post(url: Callable[[World], str], data: Callable[[World], dict] = lambda world: {}):
    return lambda client, world: client.post(url(world), data(world))


def post_edit_form(page_name: str, button: str):
    """Press ``button`` ("action-submit", "action-publish") on the edit form of the world's page ``page_name``."""

    def send(client: Client, world: World) -> HttpResponse:
        page = getattr(world, page_name)
        data = {**edit_form_data(world, page), button: button}
        return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    return send


# Outcomes ------------------------------------------------------------------------------------------------------------


class Outcome(enum.Enum):
    """What one role gets from one action. Inside the admin Wagtail answers "permission denied" with a redirect to
    the dashboard (and an error message), not with a 403; that redirect is ``DENIED`` here."""

    OK = "200; where the action watches a title, it is on the page"
    HIDDEN = "200, and the watched title is not on the page"
    DONE = "the change took effect"
    KEPT_AS_DRAFT = "the edit was saved as a draft, but the requested publication did not happen"
    LOGIN = "302 to the admin login"
    DENIED = "302 to the admin dashboard: Wagtail's permission denied"
    REDIRECT = "302 somewhere else than the login or the dashboard, with nothing watched on the way"
    BAD_REQUEST = "400"
    FORBIDDEN = "403"
    NOT_FOUND = "404"


@dataclass(frozen=True)
class Action:
    """One thing someone may try, as a direct HTTP request.

    ``watch`` names a title that must appear exactly when the role is entitled to see it; ``happened`` tells whether a
    write took effect; ``prepare`` sets the scene (for example, puts a draft into review) before the request.
    """

    name: str
    send: Callable[[Client, World], HttpResponse]
    watch: str | None = None
    happened: Callable[[World], bool] | None = None
    prepare: Callable[[World], None] | None = None


LOGIN_PATH = "/accounts/login/"
DASHBOARD_PATH = "/admin/"


def outcome_check(response: HttpResponse, expected: Outcome, action: Action, world: World) -> None:
    """Assert that ``response`` (and the database after it) is exactly what ``expected`` describes."""
    location = response.get("Location", "")
    where = f"expected {expected.name}, got {response.status_code} {location}".strip()
    seen = action.watch is not None and action.watch in response.content.decode(errors="replace")
    passed_the_gate = location != DASHBOARD_PATH and not location.startswith(LOGIN_PATH)

    if expected in {Outcome.OK, Outcome.HIDDEN}:
        assert response.status_code == 200, where
    elif expected is Outcome.DONE:
        assert response.status_code in {200, 201, 302} and passed_the_gate, where
    elif expected in {Outcome.KEPT_AS_DRAFT, Outcome.REDIRECT}:
        assert response.status_code == 302 and passed_the_gate, where
    elif expected is Outcome.LOGIN:
        assert response.status_code == 302 and location.startswith(LOGIN_PATH), where
    elif expected is Outcome.DENIED:
        assert response.status_code == 302 and location == DASHBOARD_PATH, where
    else:
        statuses = {Outcome.BAD_REQUEST: 400, Outcome.FORBIDDEN: 403, Outcome.NOT_FOUND: 404}
        assert response.status_code == statuses[expected], where

    if expected is Outcome.OK and action.watch is not None:
        assert seen, f"{action.watch!r} is missing ({where})"
    if expected is not Outcome.OK:
        assert not seen, f"{action.watch!r} leaked ({where})"
    if action.happened is not None:
        assert action.happened(world) == (expected is Outcome.DONE), (
            f"{action.name!r} took effect: {action.happened(world)} ({where})"
        )

"""Who may do what, cell by cell: every role tries every action as a direct HTTP request.

The table below is the specification: one row per action, one column per role, each cell the exact outcome (see
``matrix.Outcome``). Each cell is its own test, with an id such as "edit colleague draft-contributor". The world is
built once for the module and every test runs in a savepoint that is rolled back, as Django's ``setUpTestData`` does.
"""

import pytest

from django.db import transaction
from django.urls import reverse

from wagtail.models import Site, TaskState

from tribune.newsroom.models import ArticlePage

from .matrix import (
    B_DRAFT,
    COLLEAGUE_DRAFT,
    COLLEAGUE_IMAGE,
    COLLEAGUE_PROFILE,
    OWN_DRAFT,
    PUBLISHED,
    ROLES,
    Action,
    Outcome,
    World,
    get,
    in_review,
    outcome_check,
    post,
    post_edit_form,
    world_build,
)

# Short names for the table's cells.
OK, HIDDEN, DONE, DRAFTED = Outcome.OK, Outcome.HIDDEN, Outcome.DONE, Outcome.KEPT_AS_DRAFT
LOGIN, DENIED, AWAY = Outcome.LOGIN, Outcome.DENIED, Outcome.REDIRECT
BAD, FORBIDDEN, MISSING = Outcome.BAD_REQUEST, Outcome.FORBIDDEN, Outcome.NOT_FOUND


def page_url(view: str, page: str, *extra):
    return lambda world: reverse(f"wagtailadmin_pages:{view}", args=[getattr(world, page).pk, *extra])


def latest_revision_url(page: str):
    def url(world: World) -> str:
        article = world.page(getattr(world, page))
        return reverse("wagtailadmin_pages:revisions_view", args=[article.pk, article.latest_revision_id])

    return url


def workflow_action(action_name: str, *, page: str, task_of: str, comment: str = ""):
    """POST a task action at /admin/pages/workflow/action/<page>/<action>/<task state of ``task_of``>/."""

    def send(client, world: World):
        task_state = world.page(getattr(world, task_of)).current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[getattr(world, page).pk, action_name, task_state.pk])
        return client.post(url, {"comment": comment})

    return send


def task_of(world: World, page: ArticlePage):
    return TaskState.objects.filter(workflow_state__object_id=str(page.pk)).latest("started_at")


def colleague_in_review(world: World) -> None:
    in_review(world, world.colleague_draft, by="colleague")


def both_drafts_in_review(world: World) -> None:
    in_review(world, world.colleague_draft, by="colleague")
    in_review(world, world.b_draft, by="editor_b")


def api_pages(query: str):
    return lambda world: reverse("wagtailadmin_api:pages:listing") + query.format(a=world.section_a.pk)


ACTIONS = {
    action.name: action
    for action in [
        # The admin and the page tree
        Action("open admin home", get(lambda w: reverse("wagtailadmin_home"))),
        Action(
            "dashboard, colleague draft in review",
            get(lambda w: reverse("wagtailadmin_home")),
            watch=COLLEAGUE_DRAFT,
            prepare=colleague_in_review,
        ),
        Action(
            "workflow report, colleague draft in review",
            get(lambda w: reverse("wagtailadmin_reports:workflow")),
            watch=COLLEAGUE_DRAFT,
            prepare=colleague_in_review,
        ),
        Action(
            "explore section A",
            get(lambda w: reverse("wagtailadmin_explore", args=[w.section_a.pk])),
            watch=COLLEAGUE_DRAFT,
        ),
        Action("search pages", get(lambda w: reverse("wagtailadmin_pages:search") + "?q=draft"), watch=COLLEAGUE_DRAFT),
        Action(
            "list pages of the article type",
            get(lambda w: reverse("wagtailadmin_pages:type_use", args=["newsroom", "articlepage"])),
            watch=COLLEAGUE_DRAFT,
        ),
        Action("read site history", get(lambda w: reverse("wagtailadmin_reports:site_history")), watch=COLLEAGUE_DRAFT),
        Action(
            "confirm bulk delete of colleague draft",
            get(
                lambda w: (
                    reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
                    + f"?id={w.colleague_draft.pk}"
                )
            ),
            watch=COLLEAGUE_DRAFT,
        ),
        # Creating and editing
        Action(
            "open add form in A",
            get(lambda w: reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", w.section_a.pk])),
        ),
        Action(
            "open add form in B",
            get(lambda w: reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", w.section_b.pk])),
        ),
        Action("edit own draft", get(page_url("edit", "own_draft")), watch=OWN_DRAFT),
        Action("edit colleague draft", get(page_url("edit", "colleague_draft")), watch=COLLEAGUE_DRAFT),
        Action("edit published article", get(page_url("edit", "published")), watch=PUBLISHED),
        Action("edit B draft", get(page_url("edit", "b_draft")), watch=B_DRAFT),
        # Everything else that shows a draft to someone
        Action("view colleague draft", get(page_url("view_draft", "colleague_draft")), watch=COLLEAGUE_DRAFT),
        Action("preview colleague draft", get(page_url("preview_on_edit", "colleague_draft"))),
        Action("open colleague draft revisions", get(page_url("revisions_index", "colleague_draft"))),
        Action(
            "compare colleague draft revisions",
            get(page_url("revisions_compare", "colleague_draft", "earliest", "latest")),
            watch=COLLEAGUE_DRAFT,
        ),
        Action("view colleague draft revision", get(latest_revision_url("colleague_draft")), watch=COLLEAGUE_DRAFT),
        Action("read colleague draft history", get(page_url("history", "colleague_draft")), watch=COLLEAGUE_DRAFT),
        Action(
            "read colleague draft workflow history",
            get(page_url("workflow_history", "colleague_draft")),
            watch=COLLEAGUE_DRAFT,
        ),
        Action("see colleague draft usage", get(page_url("usage", "colleague_draft")), watch=COLLEAGUE_DRAFT),
        Action("open copy of colleague draft", get(page_url("copy", "colleague_draft")), watch=COLLEAGUE_DRAFT),
        Action("open move of colleague draft", get(page_url("move", "colleague_draft")), watch=COLLEAGUE_DRAFT),
        # Review and publication
        Action(
            "submit own draft for review",
            post_edit_form("own_draft", "action-submit"),
            happened=lambda w: w.page(w.own_draft).workflow_in_progress,
        ),
        Action(
            "approve colleague draft",
            workflow_action("approve", page="colleague_draft", task_of="colleague_draft"),
            prepare=colleague_in_review,
            happened=lambda w: task_of(w, w.colleague_draft).status == TaskState.STATUS_APPROVED,
        ),
        Action(
            "request changes on colleague draft",
            workflow_action("reject", page="colleague_draft", task_of="colleague_draft", comment="Source it."),
            prepare=colleague_in_review,
            happened=lambda w: task_of(w, w.colleague_draft).status == TaskState.STATUS_REJECTED,
        ),
        Action(
            # The task state in the URL belongs to section A's draft, the page to section B's: Wagtail checks the
            # actions against the page only.
            "reject colleague draft via a B task URL",
            workflow_action("reject", page="b_draft", task_of="colleague_draft", comment="Not your section."),
            prepare=both_drafts_in_review,
            happened=lambda w: task_of(w, w.colleague_draft).status == TaskState.STATUS_REJECTED,
        ),
        Action(
            "publish own draft",
            post_edit_form("own_draft", "action-publish"),
            happened=lambda w: w.page(w.own_draft).live,
        ),
        Action(
            "unpublish published article",
            post(page_url("unpublish", "published")),
            happened=lambda w: not w.page(w.published).live,
        ),
        Action(
            "delete published article",
            post(page_url("delete", "published")),
            happened=lambda w: not ArticlePage.objects.filter(pk=w.published.pk).exists(),
        ),
        Action(
            "delete own draft",
            post(page_url("delete", "own_draft")),
            happened=lambda w: not ArticlePage.objects.filter(pk=w.own_draft.pk).exists(),
        ),
        # Choosers and the admin API behind the explorer
        Action(
            "browse page chooser in A",
            get(lambda w: reverse("wagtailadmin_choose_page_child", args=[w.section_a.pk])),
            watch=COLLEAGUE_DRAFT,
        ),
        Action(
            "search page chooser",
            get(lambda w: reverse("wagtailadmin_choose_page_search") + "?q=draft"),
            watch=COLLEAGUE_DRAFT,
        ),
        Action(
            "list section A in admin API for explorer",
            get(api_pages("?child_of={a}&for_explorer=1")),
            watch=COLLEAGUE_DRAFT,
        ),
        Action("list section A in admin API", get(api_pages("?child_of={a}")), watch=COLLEAGUE_DRAFT),
        Action(
            "fetch colleague draft from admin API",
            get(lambda w: reverse("wagtailadmin_api:pages:detail", args=[w.colleague_draft.pk])),
            watch=COLLEAGUE_DRAFT,
        ),
        Action(
            "copy colleague draft via admin API",
            post(
                lambda w: reverse("wagtailadmin_api:pages:action", args=[w.colleague_draft.pk, "copy"]),
                lambda w: {"keep_live": "false"},  # a draft copy: the API's default would need publish rights
            ),
            happened=lambda w: ArticlePage.objects.filter(title=COLLEAGUE_DRAFT).count() > 1,
        ),
        # Images
        Action("open image upload form", get(lambda w: reverse("wagtailimages:add"))),
        Action(
            "edit colleague image",
            get(lambda w: reverse("wagtailimages:edit", args=[w.colleague_image.pk])),
            watch=COLLEAGUE_IMAGE,
        ),
        Action("choose an image", get(lambda w: reverse("wagtailimages_chooser:choose")), watch=COLLEAGUE_IMAGE),
        # Expert profiles (snippets)
        Action(
            "list expert profiles",
            get(lambda w: reverse("wagtailsnippets_contributors_contributor:list")),
            watch=COLLEAGUE_PROFILE,
        ),
        Action(
            "edit colleague profile",
            get(lambda w: reverse("wagtailsnippets_contributors_contributor:edit", args=[w.colleague_profile.pk])),
            watch=COLLEAGUE_PROFILE,
        ),
        Action(
            "read colleague profile history",
            get(lambda w: reverse("wagtailsnippets_contributors_contributor:history", args=[w.colleague_profile.pk])),
            watch=COLLEAGUE_PROFILE,
        ),
        Action("open new profile form", get(lambda w: reverse("wagtailsnippets_contributors_contributor:add"))),
        # Running the newsroom
        Action("manage users", get(lambda w: reverse("wagtailusers_users:index"))),
        Action("manage groups", get(lambda w: reverse("wagtailusers_groups:index"))),
        Action(
            "edit editorial settings",
            get(lambda w: reverse("wagtailsettings:edit", args=["newsroom", "editorialsettings", w.site.pk])),
        ),
        Action("manage sites", get(lambda w: reverse("wagtailsites:index"))),
        Action("manage workflows", get(lambda w: reverse("wagtailadmin_workflows:index"))),
        # The public site
        Action("read published article", get(lambda w: w.page(w.published).url), watch=PUBLISHED),
        Action("read colleague draft on the site", get(lambda w: w.page(w.colleague_draft).url), watch=COLLEAGUE_DRAFT),
    ]
}

# A cell left as None is asserted by its own, named test below instead.
# The matrix is a table, and its aligned columns are the point, so the formatter leaves it alone.
# fmt: off
MATRIX = {
    #                                              anon   reader contrib    colleague ed_a     ed_b     chief super
    "open admin home":                            (LOGIN, LOGIN, OK,        OK,       OK,      OK,      OK,   OK),
    "dashboard, colleague draft in review":       (LOGIN, LOGIN, HIDDEN,    OK,       OK,      HIDDEN,  OK,   OK),
    "workflow report, colleague draft in review": (LOGIN, LOGIN, HIDDEN,    OK,       OK,      HIDDEN,  OK,   OK),
    "explore section A":                          (LOGIN, LOGIN, HIDDEN,    OK,       OK,      AWAY,    OK,   OK),
    "search pages":                               (LOGIN, LOGIN, None,      OK,       OK,      HIDDEN,  OK,   OK),
    "list pages of the article type":             (LOGIN, LOGIN, HIDDEN,    OK,       OK,      HIDDEN,  OK,   OK),
    "read site history":                          (LOGIN, LOGIN, HIDDEN,    OK,       OK,      HIDDEN,  OK,   OK),
    "confirm bulk delete of colleague draft":     (LOGIN, LOGIN, HIDDEN,    OK,       OK,      HIDDEN,  OK,   OK),
    "open add form in A":                         (LOGIN, LOGIN, OK,        OK,       OK,      DENIED,  OK,   OK),
    "open add form in B":                         (LOGIN, LOGIN, DENIED,    DENIED,   DENIED,  OK,      OK,   OK),
    "edit own draft":                             (LOGIN, LOGIN, OK,        MISSING,  OK,      MISSING, OK,   OK),
    "edit colleague draft":                       (LOGIN, LOGIN, MISSING,   OK,       OK,      MISSING, OK,   OK),
    "edit published article":                     (LOGIN, LOGIN, OK,        DENIED,   OK,      DENIED,  OK,   OK),
    "edit B draft":                               (LOGIN, LOGIN, MISSING,   MISSING,  MISSING, OK,      OK,   OK),
    "view colleague draft":                       (LOGIN, LOGIN, MISSING,   OK,       OK,      MISSING, OK,   OK),
    "preview colleague draft":                    (LOGIN, LOGIN, MISSING,   OK,       OK,      MISSING, OK,   OK),
    "open colleague draft revisions":             (LOGIN, LOGIN, MISSING,   AWAY,     AWAY,    MISSING, AWAY, AWAY),
    "compare colleague draft revisions":          (LOGIN, LOGIN, MISSING,   OK,       OK,      MISSING, OK,   OK),
    "view colleague draft revision":              (LOGIN, LOGIN, MISSING,   OK,       OK,      MISSING, OK,   OK),
    "read colleague draft history":               (LOGIN, LOGIN, MISSING,   OK,       OK,      MISSING, OK,   OK),
    "read colleague draft workflow history":      (LOGIN, LOGIN, MISSING,   OK,       OK,      MISSING, OK,   OK),
    "see colleague draft usage":                  (LOGIN, LOGIN, MISSING,   OK,       OK,      MISSING, OK,   OK),
    "open copy of colleague draft":               (LOGIN, LOGIN, MISSING,   OK,       OK,      MISSING, OK,   OK),
    "open move of colleague draft":               (LOGIN, LOGIN, MISSING,   OK,       OK,      MISSING, OK,   OK),
    "submit own draft for review":                (LOGIN, LOGIN, DONE,      MISSING,  DONE,    MISSING, DONE, DONE),
    "approve colleague draft":                    (LOGIN, LOGIN, MISSING,   DENIED,   DONE,    MISSING, DONE, DONE),
    "request changes on colleague draft":         (LOGIN, LOGIN, MISSING,   DENIED,   DONE,    MISSING, DONE, DONE),
    "reject colleague draft via a B task URL":    (LOGIN, LOGIN, MISSING,   MISSING,  MISSING, DENIED,  DONE, DONE),
    "publish own draft":                          (LOGIN, LOGIN, DRAFTED,   MISSING,  DONE,    MISSING, DONE, DONE),
    "unpublish published article":                (LOGIN, LOGIN, DENIED,    DENIED,   DONE,    DENIED,  DONE, DONE),
    "delete published article":                   (LOGIN, LOGIN, DENIED,    DENIED,   DONE,    DENIED,  DONE, DONE),
    "delete own draft":                           (LOGIN, LOGIN, DONE,      MISSING,  DONE,    MISSING, DONE, DONE),
    "browse page chooser in A":                   (LOGIN, LOGIN, HIDDEN,    OK,       OK,      HIDDEN,  OK,   OK),
    "search page chooser":                        (LOGIN, LOGIN, HIDDEN,    OK,       OK,      HIDDEN,  OK,   OK),
    "list section A in admin API for explorer":   (LOGIN, LOGIN, HIDDEN,    OK,       OK,      BAD,     OK,   OK),
    "list section A in admin API":                (LOGIN, LOGIN, HIDDEN,    OK,       OK,      BAD,     OK,   OK),
    "fetch colleague draft from admin API":       (LOGIN, LOGIN, MISSING,   OK,       OK,      MISSING, OK,   OK),
    "copy colleague draft via admin API":         (LOGIN, LOGIN, MISSING,   DONE,     DONE,    MISSING, DONE, DONE),
    "open image upload form":                     (LOGIN, LOGIN, OK,        OK,       OK,      OK,      OK,   OK),
    "edit colleague image":                       (LOGIN, LOGIN, DENIED,    OK,       OK,      OK,      OK,   OK),
    "choose an image":                            (LOGIN, LOGIN, OK,        OK,       OK,      OK,      OK,   OK),
    "list expert profiles":                       (LOGIN, LOGIN, HIDDEN,    OK,       OK,      OK,      OK,   OK),
    "edit colleague profile":                     (LOGIN, LOGIN, DENIED,    OK,       OK,      OK,      OK,   OK),
    "read colleague profile history":             (LOGIN, LOGIN, DENIED,    OK,       OK,      OK,      OK,   OK),
    "open new profile form":                      (LOGIN, LOGIN, DENIED,    DENIED,   OK,      OK,      OK,   OK),
    "manage users":                               (LOGIN, LOGIN, DENIED,    DENIED,   DENIED,  DENIED,  OK,   OK),
    "manage groups":                              (LOGIN, LOGIN, DENIED,    DENIED,   DENIED,  DENIED,  OK,   OK),
    "edit editorial settings":                    (LOGIN, LOGIN, DENIED,    DENIED,   DENIED,  DENIED,  OK,   OK),
    "manage sites":                               (LOGIN, LOGIN, DENIED,    DENIED,   DENIED,  DENIED,  OK,   OK),
    "manage workflows":                           (LOGIN, LOGIN, DENIED,    DENIED,   DENIED,  DENIED,  OK,   OK),
    "read published article":                     (OK,    OK,    OK,        OK,       OK,      OK,      OK,   OK),
    "read colleague draft on the site":           (MISSING,) * len(ROLES),
}
# fmt: on

CELLS = [
    pytest.param(name, role, expected, id=f"{name}-{role}")
    for name, row in MATRIX.items()
    for role, expected in zip(ROLES, row, strict=True)
    if expected is not None
]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The newsroom, built once for the module inside a transaction that is rolled back when the module ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield world_build()
        transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()  # the cache would otherwise outlive the rolled-back site


def test_every_action_in_the_table_is_defined_and_every_defined_action_is_in_the_table():
    assert set(MATRIX) == set(ACTIONS)


@pytest.mark.parametrize(("name", "role", "expected"), CELLS)
def test_each_role_gets_exactly_the_outcome_the_matrix_gives_it(world, db, client, name, role, expected):
    action = ACTIONS[name]
    if action.prepare:
        action.prepare(world)
    if role != "anonymous":
        client.force_login(world.people[role])

    response = action.send(client, world)

    outcome_check(response, expected, action, world)


def test_admin_page_search_hides_colleagues_drafts_from_a_contributor(world, db, client):
    # Wagtail filters admin search by "explorable" pages; Tribune's page policy leaves colleagues' drafts out.
    client.force_login(world.people["contributor"])

    explorer = client.get(reverse("wagtailadmin_explore", args=[world.section_a.pk])).content.decode()
    search = client.get(reverse("wagtailadmin_pages:search") + "?q=draft").content.decode()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[world.colleague_draft.pk]))

    assert COLLEAGUE_DRAFT not in explorer
    assert COLLEAGUE_DRAFT not in search
    assert edit.status_code == 404

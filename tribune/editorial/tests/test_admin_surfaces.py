"""Every admin address that can show a page's title, against the README's promise that colleagues' drafts are hidden.

The permission matrix (``test_permission_matrix.py``) plays actions role by role; this table covers surfaces: each
admin URL Wagtail and Tribune register that takes no argument or names one page is classified below, and a test
fails as soon as a new one appears unclassified, so a view added by a Wagtail upgrade or a new app is checked by
construction. For every surface: the contributor never sees the colleague's draft (a page named in the URL that
they may not see answers 404); where the surface lists drafts, the contributor finds their own and the section's
editor finds the colleague's.

The scene: the matrix's world, with both section A drafts in review, the colleague's draft locked by its author and
edited last (so it is the newest page of its type, which the page-types report names).
"""

from dataclasses import dataclass

import pytest

from django.db import transaction
from django.urls import URLResolver, get_resolver, reverse

from wagtail.models import Site

from tribune.editorial.middleware import PAGE_ID_KWARGS, PAGE_PK_NAMESPACES
from tribune.newsroom.models import ArticlePage

from .matrix import COLLEAGUE_DRAFT, OWN_DRAFT, World, in_review, world_build


@dataclass(frozen=True)
class Surface:
    """``page``: the URL's one argument is a page id; ``on``: the world's page it names ("section_a" for listings
    of a parent, "colleague_draft" for screens about one page); ``own``: the contributor finds their own draft here;
    ``colleague``: the section's editor finds the colleague's draft here."""

    on: str | None = None
    query: str = ""
    own: bool = False
    colleague: bool = False

    def url(self, name: str, world: World, page=None) -> str:
        if self.on is None:
            return reverse(name) + self.query
        return reverse(name, args=[(page or getattr(world, self.on)).pk]) + self.query


LISTS_BOTH = Surface(own=True, colleague=True)
IN_SECTION_A = Surface(on="section_a", own=True, colleague=True)
ABOUT_COLLEAGUE_DRAFT = Surface(on="colleague_draft", colleague=True)
ABOUT_A_PAGE = Surface(on="colleague_draft")  # names a page, shows no title (POST only, or not this page type)
NO_PAGES = Surface()  # shows no page titles at all; still checked

SURFACES = {
    # Page listings, reports, choosers and searches
    "wagtailadmin_home": LISTS_BOTH,  # "My pieces" for the author, "Waiting in your sections" for the editor
    "wagtailadmin_explore_root": NO_PAGES,  # redirects to the explorable root
    "wagtailadmin_explore": IN_SECTION_A,
    "wagtailadmin_explore_results": IN_SECTION_A,
    "wagtailadmin_pages:search": Surface(query="?q=draft", own=True, colleague=True),
    "wagtailadmin_pages:search_results": Surface(query="?q=draft", own=True, colleague=True),
    "wagtailadmin_choose_page": NO_PAGES,  # opens on the site's root, above the sections
    "wagtailadmin_choose_page_child": IN_SECTION_A,
    "wagtailadmin_choose_page_search": Surface(query="?q=draft", own=True, colleague=True),
    "wagtailadmin_choose_page_chosen_multiple": NO_PAGES,
    "wagtailadmin_api:pages:listing": LISTS_BOTH,
    "wagtailadmin_api:pages:find": NO_PAGES,
    "wagtailadmin_reports:locked_pages": Surface(colleague=True),  # contributors hold no lock permission
    "wagtailadmin_reports:locked_pages_results": Surface(colleague=True),
    "wagtailadmin_reports:workflow": LISTS_BOTH,
    "wagtailadmin_reports:workflow_results": LISTS_BOTH,
    "wagtailadmin_reports:workflow_tasks": LISTS_BOTH,
    "wagtailadmin_reports:workflow_tasks_results": LISTS_BOTH,
    "wagtailadmin_reports:site_history": LISTS_BOTH,
    "wagtailadmin_reports:site_history_results": LISTS_BOTH,
    "wagtailadmin_reports:aging_pages": NO_PAGES,  # published pages only
    "wagtailadmin_reports:aging_pages_results": NO_PAGES,
    # The newest page of each type, among those the reader of the report may see.
    "wagtailadmin_reports:page_types_usage": LISTS_BOTH,
    "wagtailadmin_reports:page_types_usage_results": LISTS_BOTH,
    "wagtailforms:index": NO_PAGES,  # no form pages in Tribune
    "wagtailforms:index_results": NO_PAGES,
    # Screens about one page
    "wagtailadmin_api:pages:detail": ABOUT_COLLEAGUE_DRAFT,
    "wagtailadmin_pages:edit": ABOUT_COLLEAGUE_DRAFT,
    "wagtailadmin_pages:preview_on_edit": ABOUT_A_PAGE,
    "wagtailadmin_pages:view_draft": ABOUT_COLLEAGUE_DRAFT,
    "wagtailadmin_pages:usage": ABOUT_COLLEAGUE_DRAFT,
    "wagtailadmin_pages:history": ABOUT_COLLEAGUE_DRAFT,
    "wagtailadmin_pages:history_results": ABOUT_A_PAGE,
    "wagtailadmin_pages:workflow_history": ABOUT_COLLEAGUE_DRAFT,
    "wagtailadmin_pages:revisions_index": ABOUT_A_PAGE,  # redirects to the history
    "wagtailadmin_pages:delete": ABOUT_COLLEAGUE_DRAFT,
    "wagtailadmin_pages:unpublish": ABOUT_A_PAGE,
    "wagtailadmin_pages:move": ABOUT_COLLEAGUE_DRAFT,
    "wagtailadmin_pages:copy": ABOUT_COLLEAGUE_DRAFT,
    "wagtailadmin_pages:add_subpage": ABOUT_A_PAGE,
    "wagtailadmin_pages:convert_alias": ABOUT_A_PAGE,
    "wagtailadmin_pages:set_privacy": ABOUT_A_PAGE,
    "wagtailadmin_pages:lock": ABOUT_A_PAGE,
    "wagtailadmin_pages:unlock": ABOUT_A_PAGE,
    "wagtailadmin_pages:set_page_position": ABOUT_A_PAGE,
    "wagtailadmin_pages:confirm_workflow_cancellation": ABOUT_A_PAGE,
    "wagtailadmin_workflows:remove": ABOUT_A_PAGE,
    "wagtailforms:list_submissions": ABOUT_A_PAGE,
    "wagtailforms:list_submissions_results": ABOUT_A_PAGE,
    "wagtailforms:delete_submissions": ABOUT_A_PAGE,
    # Editors and chief editors translate (the contributor is refused); the form names the page it translates.
    "simple_translation:submit_page_translation": ABOUT_COLLEAGUE_DRAFT,
    "newsroom_article_corrections": ABOUT_COLLEAGUE_DRAFT,
    # One article's figures, headed by its title: for editors and for the experts of its byline.
    "analytics_article": ABOUT_COLLEAGUE_DRAFT,
    # One article's analysis (suggestions to accept or reject), headed by its title: for those who may edit it.
    "analysis_article": ABOUT_COLLEAGUE_DRAFT,
    "analysis_article_decide": ABOUT_A_PAGE,  # POST only
    "analysis_article_analyse": ABOUT_A_PAGE,  # POST only
    "analysis_article_key_figure": ABOUT_A_PAGE,  # POST only: an accepted figure saved as a key figure
    "analysis_article_key_figure_link": ABOUT_A_PAGE,  # POST only: an accepted figure linked to a key figure
    "editorial:translation_synced": ABOUT_A_PAGE,  # translations only: any other page is not found, for everyone
    # Everything else under /admin/: no page titles (images, documents, snippets, users, settings, workflows...)
    **dict.fromkeys(
        [
            "wagtailadmin_account",
            "wagtailadmin_dismissibles",
            "wagtailadmin_block_preview",
            "wagtailadmin_sprite",
            "wagtailadmin_javascript_catalog",
            "wagtailadmin_login",
            "wagtailadmin_password_reset",
            "wagtailadmin_password_reset_done",
            "wagtailadmin_password_reset_complete",
            "wagtailadmin_tag_autocomplete",
            "wagtailadmin_choose_page_external_link",
            "wagtailadmin_choose_page_email_link",
            "wagtailadmin_choose_page_phone_link",
            "wagtailadmin_choose_page_anchor_link",
            "wagtailadmin_api:documents:listing",
            "wagtailadmin_api:documents:find",
            "wagtailadmin_api:images:listing",
            "wagtailadmin_api:images:find",
            "wagtailadmin_collections:index",
            "wagtailadmin_collections:add",
            "wagtailadmin_workflows:index",
            "wagtailadmin_workflows:index_results",
            "wagtailadmin_workflows:add",
            "wagtailadmin_workflows:select_task_type",
            "wagtailadmin_workflows:task_index",
            "wagtailadmin_workflows:task_index_results",
            "wagtailadmin_workflows:task_chooser",
            "wagtailadmin_workflows:task_chooser_results",
            "wagtailadmin_workflows:task_chooser_create",
            "editorial:pitch_list",
            "editorial:pitch_create",
            "editorial:invitation_list",
            "editorial:invitation_create",
            "editorial:translation_board",  # editors and administrators only: contributors are refused (403)
            "discussion_queue",
            "discussion_moderate",
            "discussion_log",
            "wagtailredirects:index",
            "wagtailredirects:index_results",
            "wagtailredirects:add",
            "wagtailredirects:start_import",
            "wagtailredirects:process_import",
            "wagtailembeds:chooser",
            "wagtailembeds:chooser_upload",
            "wagtailsnippets:index",
            "wagtaildocs:index",
            "wagtaildocs:index_results",
            "wagtaildocs:add",
            "wagtaildocs:add_multiple",
            "wagtailimages:index",
            "wagtailimages:index_results",
            "wagtailimages:add",
            "wagtailimages:add_multiple",
            "wagtailsnippets_contributors_contributor:list",
            "wagtailsnippets_contributors_contributor:list_results",
            "wagtailsnippets_contributors_contributor:add",
            "wagtailsnippets_contributors_contributor:preview_on_add",
            "wagtailsnippetchoosers_contributors_contributor:choose",
            "wagtailsnippetchoosers_contributors_contributor:choose_results",
            "wagtailsnippetchoosers_contributors_contributor:chosen_multiple",
            "wagtailsnippetchoosers_contributors_contributor:create",
            "wagtailsnippets_contributors_expertise:list",
            "wagtailsnippets_contributors_expertise:list_results",
            "wagtailsnippets_contributors_expertise:add",
            "wagtailsnippetchoosers_contributors_expertise:choose",
            "wagtailsnippetchoosers_contributors_expertise:choose_results",
            "wagtailsnippetchoosers_contributors_expertise:chosen_multiple",
            "wagtailsnippetchoosers_contributors_expertise:create",
            "wagtailsnippets_taxonomy_topic:list",
            "wagtailsnippets_taxonomy_topic:list_results",
            "wagtailsnippets_taxonomy_topic:add",
            "wagtailsnippetchoosers_taxonomy_topic:choose",
            "wagtailsnippetchoosers_taxonomy_topic:choose_results",
            "wagtailsnippetchoosers_taxonomy_topic:chosen_multiple",
            "wagtailsnippetchoosers_taxonomy_topic:create",
            "analytics_dashboard",  # figures of published pages; a contributor sees only their own pieces
            # the analysis' entities: editors and administrators only (contributors are refused)
            "wagtailsnippets_analysis_entity:list",
            "wagtailsnippets_analysis_entity:list_results",
            "wagtailsnippets_analysis_entity:add",
            "wagtailsnippetchoosers_analysis_entity:choose",
            "wagtailsnippetchoosers_analysis_entity:choose_results",
            "wagtailsnippetchoosers_analysis_entity:chosen_multiple",
            "wagtailsnippetchoosers_analysis_entity:create",
            # key figures: editors and administrators only; their edit screens (by key figure id) list published
            # articles alone
            "wagtailsnippets_analysis_keyfigure:list",
            "wagtailsnippets_analysis_keyfigure:list_results",
            "wagtailsnippets_analysis_keyfigure:add",
            "wagtailsnippetchoosers_analysis_keyfigure:choose",
            "wagtailsnippetchoosers_analysis_keyfigure:choose_results",
            "wagtailsnippetchoosers_analysis_keyfigure:chosen_multiple",
            "wagtailsnippetchoosers_analysis_keyfigure:create",
            # newsletters: editors and administrators only (contributors are refused); issues list published pieces
            "wagtailsnippets_newsletters_issue:list",
            "wagtailsnippets_newsletters_issue:list_results",
            "wagtailsnippets_newsletters_issue:add",
            "wagtailsnippetchoosers_newsletters_issue:choose",
            "wagtailsnippetchoosers_newsletters_issue:choose_results",
            "wagtailsnippetchoosers_newsletters_issue:chosen_multiple",
            "wagtailsnippetchoosers_newsletters_issue:create",
            "wagtailsnippets_newsletters_newsletterlist:list",
            "wagtailsnippets_newsletters_newsletterlist:list_results",
            "wagtailsnippets_newsletters_newsletterlist:add",
            "wagtailsnippetchoosers_newsletters_newsletterlist:choose",
            "wagtailsnippetchoosers_newsletters_newsletterlist:choose_results",
            "wagtailsnippetchoosers_newsletters_newsletterlist:chosen_multiple",
            "wagtailsnippetchoosers_newsletters_newsletterlist:create",
            "wagtailsnippets_newsletters_subscription:list",
            "wagtailsnippets_newsletters_subscription:list_results",
            "wagtailsnippets_newsletters_subscription:add",
            "wagtailsnippetchoosers_newsletters_subscription:choose",
            "wagtailsnippetchoosers_newsletters_subscription:choose_results",
            "wagtailsnippetchoosers_newsletters_subscription:chosen_multiple",
            "wagtailsnippetchoosers_newsletters_subscription:create",
            "wagtailsites:index",
            "wagtailsites:index_results",
            "wagtailsites:add",
            "wagtailusers_users:index",
            "wagtailusers_users:index_results",
            "wagtailusers_users:add",
            "wagtailusers_groups:index",
            "wagtailusers_groups:index_results",
            "wagtailusers_groups:add",
            "wagtaildocs_chooser:choose",
            "wagtaildocs_chooser:choose_results",
            "wagtaildocs_chooser:chosen_multiple",
            "wagtaildocs_chooser:create",
            "wagtailimages_chooser:choose",
            "wagtailimages_chooser:choose_results",
            "wagtailimages_chooser:chosen_multiple",
            "wagtailimages_chooser:create",
            "wagtaillocales:index",
            "wagtaillocales:index_results",
            "wagtaillocales:add",
        ],
        NO_PAGES,
    ),
}
# Classified, but not requested: what a GET to them does is not a page view.
NOT_REQUESTED = {
    "wagtailadmin_error_test": "raises on purpose (Wagtail's 500 test page)",
    "wagtailadmin_logout": "ends the session",
}


def admin_url_names() -> set[str]:
    """The names of the URLs under /admin/ that take no argument or exactly one, naming a page."""

    def walk(patterns, prefix: str, namespace: str | None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace and (f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace)
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner or namespace)
            elif pattern.name:
                yield prefix + str(pattern.pattern), namespace, pattern

    names = set()
    for route, namespace, pattern in walk(get_resolver().url_patterns, "", None):
        arguments = set(pattern.pattern.regex.groupindex)
        page_arguments = PAGE_ID_KWARGS | ({"pk"} if namespace in PAGE_PK_NAMESPACES else set())
        if route.startswith("admin/") and (not arguments or (len(arguments) == 1 and arguments <= page_arguments)):
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


NAMING_A_PAGE = [name for name, surface in SURFACES.items() if surface.on]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        world = world_build()
        in_review(world, world.own_draft, by="contributor")
        in_review(world, world.colleague_draft, by="colleague")
        ArticlePage.objects.filter(pk=world.colleague_draft.pk).update(locked=True, locked_by=world.people["colleague"])
        world.page(world.colleague_draft).save_revision(user=world.people["colleague"])
        yield world
        transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()


def fetch(client, world: World, role: str, name: str, page=None):
    client.force_login(world.people[role])
    return client.get(SURFACES[name].url(name, world, page))


def test_every_admin_url_without_arguments_or_naming_a_page_is_classified():
    found = admin_url_names()
    classified = set(SURFACES) | set(NOT_REQUESTED)

    assert found - classified == set(), "new admin URLs: add each to SURFACES, saying what it shows"
    assert classified - found == set(), "these admin URLs are gone: remove them from SURFACES"


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_a_contributor_never_sees_a_colleagues_draft(world, db, client, name):
    response = fetch(client, world, "contributor", name)

    assert COLLEAGUE_DRAFT not in response.content.decode(errors="replace")


@pytest.mark.parametrize("name", sorted(name for name, surface in SURFACES.items() if surface.own))
def test_a_contributor_finds_their_own_draft_where_drafts_are_listed(world, db, client, name):
    response = fetch(client, world, "contributor", name)

    assert response.status_code == 200
    assert OWN_DRAFT in response.content.decode()


@pytest.mark.parametrize("name", sorted(name for name, surface in SURFACES.items() if surface.colleague))
def test_the_sections_editor_still_sees_the_colleagues_draft(world, db, client, name):
    response = fetch(client, world, "editor_a", name)

    assert response.status_code == 200
    assert COLLEAGUE_DRAFT in response.content.decode()


@pytest.mark.parametrize("name", sorted(NAMING_A_PAGE))
def test_an_admin_url_naming_a_page_the_contributor_may_not_see_answers_404(world, db, client, name):
    response = fetch(client, world, "contributor", name, page=world.colleague_draft)

    assert response.status_code == 404
    assert COLLEAGUE_DRAFT not in response.content.decode(errors="replace")


@pytest.mark.parametrize("name", sorted(NAMING_A_PAGE))
def test_an_admin_url_naming_the_contributors_own_draft_is_not_hidden_from_them(world, db, client, name):
    response = fetch(client, world, "contributor", name, page=world.own_draft)

    assert response.status_code != 404 or name in OWN_DRAFT_NOT_FOUND


# Wagtail's own 404s for the contributor's draft: not a form page, not an alias.
OWN_DRAFT_NOT_FOUND = {
    "wagtailadmin_pages:convert_alias",
    "wagtailforms:list_submissions",
    "wagtailforms:list_submissions_results",
    "newsroom_article_corrections",
    "editorial:translation_synced",
}

"""The README's role table, row by row, against the admin: for each role, the menu it is shown, the addresses it
may open or is refused, and what it can do there (moderate a comment, save discussion or security settings).

The roles come from ``roles_sync`` (run after every migrate) and ``role_assign``, as on a real install; nothing is
granted by hand here. The world is built once for the module and each test runs in a savepoint rolled back after it.
"""

import json
import re

import pytest
from allauth.account.models import EmailAddress

from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.sql import emit_post_migrate_signal
from django.db import transaction
from django.test import Client
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site
from wagtail.test.utils.form_data import querydict_from_html

from tests.factories import UserFactory, make_article, make_contributor, make_image
from tribune.accounts.models import SecuritySettings
from tribune.contributors.models import Contributor
from tribune.discussion import services as discussion
from tribune.discussion.models import Comment, CommentStatus, DiscussionSettings
from tribune.editorial.roles import CHIEF_EDITORS, CONTRIBUTORS, EDITORS, MODERATORS, role_assign
from tribune.media.models import TribuneImage
from tribune.newsroom.models import HomePage, SectionPage, SeriesIndexPage
from tribune.newsroom.services import home_page_ensure, section_ensure

ROLES = ("reader", "contributor", "editor", "chief", "moderator", "admin")
LOGIN, DENIED = "login", "denied"  # 302 to the sign-in page; 302 to the dashboard (Wagtail's "permission denied")


def settings_url(app: str, model: str, site: Site | None = None) -> str:
    args = [app, model, site.pk] if site else [app, model]
    return reverse("wagtailsettings:edit", args=args)


# Admin menu entries, by the address they open. Each role must be shown exactly the entries listed for it.
MENU = {
    "Pages": "/admin/pages/",
    "Pitches": "/admin/editorial/pitches/",
    "Invitations": "/admin/editorial/invitations/",
    "Translations": "/admin/editorial/translations/",
    "Discussion": "/admin/discussion/",
    "Images": "/admin/images/",
    "Documents": "/admin/documents/",
    "Experts": "/admin/snippets/contributors/contributor/",
    "Topics": "/admin/snippets/taxonomy/topic/",
    "Newsletters": "/admin/snippets/newsletters/issue/",
    "Workflows": "/admin/workflows/list/",
    "Users": "/admin/users/",
    "Groups": "/admin/groups/",
    "Sites": "/admin/sites/",
    "Collections": "/admin/collections/",
    "Editorial settings": "/admin/settings/newsroom/editorialsettings/",
    "Pages that earn trust": "/admin/settings/newsroom/trustpages/",
    "Discussion settings": "/admin/settings/discussion/discussionsettings/",
    "Security settings": "/admin/settings/accounts/securitysettings/",
    "Analytics": "/admin/analytics/",
    "Entities": "/admin/snippets/analysis/entity/",
}
# Analytics: the contributor's account is linked to their expert profile, so they see their own pieces' figures.
NEWSROOM_MENU = {"Pages", "Pitches", "Images", "Experts", "Analytics"}
EDITOR_MENU = NEWSROOM_MENU | {"Invitations", "Documents", "Translations", "Topics", "Newsletters", "Entities"}
CHIEF_SETTINGS = {
    "Workflows",
    "Users",
    "Groups",
    "Sites",
    "Editorial settings",
    "Pages that earn trust",
    "Discussion settings",
}
MENUS_SHOWN = {
    "reader": None,  # no admin at all
    "contributor": NEWSROOM_MENU,
    "editor": EDITOR_MENU,
    "chief": EDITOR_MENU | {"Discussion", "Security settings"} | CHIEF_SETTINGS,
    "moderator": {"Discussion", "Discussion settings"},
    "admin": set(MENU),
}

# What each address answers: 200, or a refusal. Settings are opened on the default site's own form.
URLS = {
    "admin home": lambda w: reverse("wagtailadmin_home"),
    "moderation queue": lambda w: reverse("discussion_queue"),
    "reported comments": lambda w: reverse("discussion_queue") + "?tab=reported",
    "moderation log": lambda w: reverse("discussion_log"),
    "restrict a reader": lambda w: reverse("discussion_restrict", args=[w["people"]["reader"].pk]),
    "discussion settings": lambda w: settings_url("discussion", "discussionsettings", w["site"]),
    "security settings": lambda w: settings_url("accounts", "securitysettings", w["site"]),
    "editorial settings": lambda w: settings_url("newsroom", "editorialsettings", w["site"]),
    "trust pages": lambda w: settings_url("newsroom", "trustpages", w["site"]),
    "pitches": lambda w: reverse("editorial:pitch_list"),
    "invitations": lambda w: reverse("editorial:invitation_list"),
    "translation board": lambda w: reverse("editorial:translation_board"),
    "images": lambda w: reverse("wagtailimages:index"),
    "documents": lambda w: reverse("wagtaildocs:index"),
    "users": lambda w: reverse("wagtailusers_users:index"),
    "groups": lambda w: reverse("wagtailusers_groups:index"),
    "analytics": lambda w: reverse("analytics_dashboard"),
    "article figures": lambda w: reverse("analytics_article", args=[w["article"].pk]),
}
# fmt: off
URL_TABLE = {
    #                       reader contributor editor  chief moderator admin
    "admin home":           (LOGIN, 200,       200,    200,  200,      200),
    "moderation queue":     (LOGIN, DENIED,    DENIED, 200,  200,      200),
    "reported comments":    (LOGIN, DENIED,    DENIED, 200,  200,      200),
    "moderation log":       (LOGIN, DENIED,    DENIED, 200,  200,      200),
    "restrict a reader":    (LOGIN, DENIED,    DENIED, 200,  200,      200),
    "discussion settings":  (LOGIN, DENIED,    DENIED, 200,  200,      200),
    "security settings":    (LOGIN, DENIED,    DENIED, 200,  DENIED,   200),
    "editorial settings":   (LOGIN, DENIED,    DENIED, 200,  DENIED,   200),
    "trust pages":          (LOGIN, DENIED,    DENIED, 200,  DENIED,   200),
    "pitches":              (LOGIN, 200,       200,    200,  403,      200),
    "invitations":          (LOGIN, 403,       200,    200,  403,      200),
    "translation board":    (LOGIN, 403,       200,    200,  403,      200),
    "images":               (LOGIN, 200,       200,    200,  DENIED,   200),
    "documents":            (LOGIN, DENIED,    200,    200,  DENIED,   200),
    "users":                (LOGIN, DENIED,    DENIED, 200,  DENIED,   200),
    "groups":               (LOGIN, DENIED,    DENIED, 200,  DENIED,   200),
    "analytics":            (LOGIN, 200,       200,    200,  403,      200),
    "article figures":      (LOGIN, 200,       200,    200,  403,      200),
}
# fmt: on


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One section and its article, one account per role, a held comment and a reported one."""
    with django_db_blocker.unblock(), transaction.atomic():
        home = home_page_ensure(title="Tribune", tagline="Expert opinion and analysis")
        section = section_ensure(home=home, slug="analysis", title="Analysis")
        people = {role: UserFactory(username=f"table-{role}") for role in ROLES}
        role_assign(user=people["contributor"], role="contributor", sections=[section])
        role_assign(user=people["editor"], role="editor", sections=[section])
        role_assign(user=people["chief"], role="chief")
        role_assign(user=people["moderator"], role="moderator")
        people["admin"].is_superuser = True
        people["admin"].save()
        profile = make_contributor(name="Table Expert", slug="table-expert")
        Contributor.objects.filter(pk=profile.pk).update(user=people["contributor"])
        article = make_article(section, contributors=[profile])
        for person in people.values():
            EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
        other_reader = UserFactory(username="table-other-reader")
        EmailAddress.objects.create(user=other_reader, email=other_reader.email, verified=True, primary=True)
        # A new reader's first comment waits for a moderator (Discussion settings: trusted after 2 comments).
        held = discussion.comment_post(article=article, author=people["reader"], body="A held comment.")
        reported = discussion.comment_post(article=article, author=other_reader, body="A reported comment.")
        discussion.comment_report(comment=reported, user=people["reader"], reason="spam")
        yield {
            "site": Site.objects.get(is_default_site=True),
            "people": people,
            "article": article,
            "held": held,
            "reported": reported,
        }
        transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()


def signed_in(world, role: str) -> Client:
    client = Client()
    client.force_login(world["people"][role])
    return client


def menu_urls(html: str) -> set[str]:
    """Every address the admin sidebar offers (its items are JSON for the sidebar's script, submenus nested)."""
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    urls = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("url"), str):
                urls.add(node["url"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props.group(1)))
    return urls


def assert_answer(response, expected, where: str) -> None:
    location = response.get("Location", "")
    got = f"{response.status_code} {location}".strip()
    if expected == LOGIN:
        assert response.status_code == 302 and location.startswith(reverse("account_login")), f"{where}: {got}"
    elif expected == DENIED:
        assert response.status_code == 302 and location == reverse("wagtailadmin_home"), f"{where}: {got}"
    else:
        assert response.status_code == expected, f"{where}: {got}"


def test_the_admin_is_closed_to_readers(world, db):
    response = signed_in(world, "reader").get(reverse("wagtailadmin_home"))

    assert_answer(response, LOGIN, "reader on the admin home")


@pytest.mark.parametrize("role", [role for role in ROLES if MENUS_SHOWN[role] is not None])
def test_each_role_is_shown_exactly_its_admin_menu(world, db, role):
    html = signed_in(world, role).get(reverse("wagtailadmin_home")).content.decode()

    shown = {name for name, url in MENU.items() if url in menu_urls(html)}

    assert shown == MENUS_SHOWN[role]


@pytest.mark.parametrize(
    ("name", "role", "expected"),
    [
        pytest.param(name, role, expected, id=f"{name}-{role}")
        for name, row in URL_TABLE.items()
        for role, expected in zip(ROLES, row, strict=True)
    ],
)
def test_each_role_reaches_exactly_the_addresses_the_table_gives_it(world, db, name, role, expected):
    response = signed_in(world, role).get(URLS[name](world))

    assert_answer(response, expected, f"{name} as {role}")


def moderate(client: Client, comment: Comment, action: str):
    return client.post(reverse("discussion_moderate"), {"row_action": f"{action}:{comment.pk}"})


@pytest.mark.parametrize("role", ["chief", "moderator", "admin"])
def test_chief_editors_moderators_and_administrators_approve_a_held_comment(world, db, role):
    response = moderate(signed_in(world, role), world["held"], "approve")

    assert_answer(response, 302, f"approve as {role}")
    assert response["Location"] == reverse("discussion_queue")
    assert Comment.objects.get(pk=world["held"].pk).status == CommentStatus.APPROVED


@pytest.mark.parametrize("role", ["contributor", "editor"])
def test_contributors_and_editors_cannot_moderate(world, db, role):
    response = moderate(signed_in(world, role), world["held"], "approve")

    assert_answer(response, DENIED, f"approve as {role}")
    assert Comment.objects.get(pk=world["held"].pk).status == CommentStatus.PENDING


def test_a_moderator_resolves_a_report_by_keeping_the_comment(world, db):
    client = signed_in(world, "moderator")
    queue = client.get(reverse("discussion_queue") + "?tab=reported").content.decode()

    moderate(client, world["reported"], "approve")

    assert "A reported comment." in queue
    assert not world["reported"].reports.filter(resolved=False).exists()


def settings_post(client: Client, url: str, **changes):
    """Send back the settings form as the admin drew it, with ``changes``."""
    form = querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form").dict()
    return client.post(url, {**form, **changes})


@pytest.mark.parametrize("role", ["chief", "moderator", "admin"])
def test_chief_editors_moderators_and_administrators_switch_the_discussion_to_read_only(world, db, role):
    url = settings_url("discussion", "discussionsettings", world["site"])

    response = settings_post(signed_in(world, role), url, read_only="on")

    assert_answer(response, 302, f"discussion settings as {role}")
    assert DiscussionSettings.for_site(world["site"]).read_only


@pytest.mark.parametrize("role", ["chief", "admin"])
def test_chief_editors_and_administrators_require_two_factor_for_staff(world, db, role):
    url = settings_url("accounts", "securitysettings", world["site"])

    response = settings_post(signed_in(world, role), url, require_staff_two_factor="on")

    assert_answer(response, 302, f"security settings as {role}")
    assert SecuritySettings.for_site(world["site"]).require_staff_two_factor


@pytest.mark.parametrize("role", ["contributor", "editor", "moderator"])
def test_no_one_else_may_change_security_settings(world, db, role):
    url = settings_url("accounts", "securitysettings", world["site"])

    response = signed_in(world, role).post(url, {"require_staff_two_factor": "on"})

    assert_answer(response, DENIED, f"security settings as {role}")
    assert not SecuritySettings.for_site(world["site"]).require_staff_two_factor


@pytest.mark.parametrize("role", ["contributor", "editor"])
def test_contributors_and_editors_may_not_change_discussion_settings(world, db, role):
    url = settings_url("discussion", "discussionsettings", world["site"])

    response = signed_in(world, role).post(url, {"read_only": "on"})

    assert_answer(response, DENIED, f"discussion settings as {role}")
    assert not DiscussionSettings.for_site(world["site"]).read_only


def migrate_signals() -> None:
    """What ``manage.py migrate`` runs once the tables are up to date (roles_sync among the receivers)."""
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")


def group_permissions(name: str) -> set[tuple[str, str]]:
    return set(Group.objects.get(name=name).permissions.values_list("content_type__app_label", "codename"))


def test_migrate_gives_an_existing_databases_chief_editors_the_moderation_and_settings_permissions(db):
    chiefs = Group.objects.get(name=CHIEF_EDITORS)
    granted_since = ["change_comment", "change_discussionsettings", "change_securitysettings"]
    chiefs.permissions.remove(*Permission.objects.filter(codename__in=granted_since))  # as before this release

    migrate_signals()

    assert {
        ("discussion", "change_comment"),
        ("discussion", "change_discussionsettings"),
        ("accounts", "change_securitysettings"),
    } <= group_permissions(CHIEF_EDITORS)


# Each role's rights, exactly, as the README's role table gives them: model permissions, page permissions (page, as
# "root", "section" or "series"), collection permissions (collection, app, codename). Nothing more.
ADMIN = {("wagtailadmin", "access_admin")}
MODERATION = {("discussion", "change_comment"), ("discussion", "change_discussionsettings")}
IMAGES = {("wagtailimages", f"{action}_image") for action in ("add", "change", "delete", "choose")}
DOCUMENTS = {("wagtaildocs", f"{action}_document") for action in ("add", "change", "delete", "choose")}
EDITOR_MODEL = ADMIN | {
    ("editorial", "add_pitch"),
    ("editorial", "change_pitch"),
    ("editorial", "add_invitation"),
    ("editorial", "change_invitation"),
    ("contributors", "add_contributor"),
    ("contributors", "change_contributor"),
    ("contributors", "publish_contributor"),
    ("contributors", "add_expertise"),
    ("contributors", "change_expertise"),
    ("taxonomy", "add_topic"),
    ("taxonomy", "change_topic"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("simple_translation", "submit_translation"),  # the page editor's "Translate"
    ("editorial", "view_translationsync"),  # the translation board
    ("newsletters", "add_newsletterlist"),
    ("newsletters", "change_newsletterlist"),
    ("newsletters", "add_issue"),
    ("newsletters", "change_issue"),
    ("newsletters", "view_subscription"),
    ("analytics", "view_hourlypageviews"),  # every page's figures on the analytics dashboard
    ("analysis", "add_entity"),  # the analysis' entities: name them, add other names, merge duplicates
    ("analysis", "change_entity"),
    ("analysis", "add_keyfigure"),  # key figures: save a figure as one, link figures, record new values
    ("analysis", "change_keyfigure"),
}
SECTION_EDITING = {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
EXPECTED_RIGHTS = {
    MODERATORS: {"model": ADMIN | MODERATION, "pages": set(), "collections": set()},
    CONTRIBUTORS: {
        "model": ADMIN
        | {("editorial", "add_pitch"), ("editorial", "change_pitch"), ("contributors", "change_contributor")},
        "pages": set(),
        "collections": {
            ("Root", "wagtailimages", "choose_image"),
            ("Contributor uploads", "wagtailimages", "add_image"),
            ("Contributor uploads", "wagtailimages", "choose_image"),
        },
    },
    EDITORS: {
        "model": EDITOR_MODEL,
        "pages": {("series", codename) for codename in SECTION_EDITING},
        "collections": {("Root", app, codename) for app, codename in IMAGES | DOCUMENTS},
    },
    CHIEF_EDITORS: {
        "model": EDITOR_MODEL
        | MODERATION
        | {
            ("editorial", "delete_pitch"),
            ("editorial", "delete_invitation"),
            ("contributors", "delete_contributor"),
            ("contributors", "delete_expertise"),
            ("taxonomy", "delete_topic"),
            ("newsletters", "delete_newsletterlist"),
            ("newsletters", "delete_issue"),
            ("newsletters", "change_subscription"),
            ("analysis", "delete_entity"),
            ("analysis", "delete_keyfigure"),
            ("wagtaildocs", "delete_document"),
            ("newsroom", "change_editorialsettings"),
            ("newsroom", "change_trustpages"),
            ("wagtailcore", "add_site"),
            ("wagtailcore", "change_site"),
            ("wagtailcore", "add_workflow"),
            ("wagtailcore", "change_workflow"),
            ("wagtailcore", "add_task"),
            ("wagtailcore", "change_task"),
            ("accounts", "add_user"),
            ("accounts", "change_user"),
            ("auth", "add_group"),
            ("auth", "change_group"),
            ("wagtailredirects", "add_redirect"),
            ("wagtailredirects", "change_redirect"),
            ("wagtailredirects", "delete_redirect"),
            ("accounts", "change_securitysettings"),
        },
        "pages": {("root", codename) for codename in SECTION_EDITING | {"bulk_delete_page"}},
        "collections": {("Root", app, codename) for app, codename in IMAGES | DOCUMENTS},
    },
    "Contributors · analysis": {"model": set(), "pages": {("section", "add_page")}, "collections": set()},
    "Editors · analysis": {
        "model": set(),
        "pages": {("section", codename) for codename in SECTION_EDITING},
        "collections": set(),
    },
}


def actual_rights(name: str) -> dict[str, set]:
    group = Group.objects.get(name=name)

    def where(page) -> str:
        return {SectionPage: "section", SeriesIndexPage: "series"}.get(
            type(page.specific), "root" if page.depth == 1 else page.url_path
        )

    return {
        "model": group_permissions(name),
        "pages": {(where(grant.page), grant.permission.codename) for grant in group.page_permissions.all()},
        "collections": {
            (grant.collection.name, grant.permission.content_type.app_label, grant.permission.codename)
            for grant in group.collection_permissions.all()
        },
    }


def wagtail_starter_rights_and_stray_grants() -> None:
    """What Wagtail's own migrations give its starter "Editors" and "Moderators" groups (the whole page tree, the
    whole image and document library), plus a stray right on every role group, as an old or hand-edited database
    may hold them."""
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    uploads = Collection.objects.get(name="Contributor uploads")
    library = Permission.objects.filter(
        content_type__app_label__in=["wagtailimages", "wagtaildocs"], codename__regex=r"^(add|change|delete|choose)_"
    )
    for name in (MODERATORS, EDITORS, CONTRIBUTORS, CHIEF_EDITORS, "Contributors · analysis", "Editors · analysis"):
        group = Group.objects.get(name=name)
        group.permissions.add(*library, Permission.objects.get(codename="delete_user"))
        for permission in library:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
            GroupCollectionPermission.objects.get_or_create(group=group, collection=uploads, permission=permission)
        for codename in ("add_page", "change_page", "publish_page", "bulk_delete_page"):
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)


@pytest.mark.parametrize("name", list(EXPECTED_RIGHTS))
def test_after_migrate_each_role_holds_exactly_the_rights_of_its_row(world, db, name):
    series_index_ensure()
    wagtail_starter_rights_and_stray_grants()

    migrate_signals()

    assert actual_rights(name) == EXPECTED_RIGHTS[name]


def series_index_ensure() -> None:
    home = HomePage.objects.first()
    if not SeriesIndexPage.objects.exists():
        home.add_child(instance=SeriesIndexPage(title="Series", slug="series"))


def test_a_moderator_cannot_edit_an_image_or_add_a_document(world, db):
    wagtail_starter_rights_and_stray_grants()
    migrate_signals()
    image = make_image(caption="The original caption.")
    client = signed_in(world, "moderator")

    edit = client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": image.title, "caption": "Replaced by a moderator.", "alt_text": image.alt_text},
    )
    add = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Moderator's file", "file": SimpleUploadedFile("notice.txt", b"Not from the newsroom.")},
    )

    assert_answer(edit, DENIED, "image edit as moderator")
    assert_answer(add, DENIED, "document upload as moderator")
    assert TribuneImage.objects.get(pk=image.pk).caption == "The original caption."
    assert not Document.objects.filter(title="Moderator's file").exists()

"""Who may do what: the roles of the README's role table, as Wagtail groups with page, collection and model
permissions. This module is the only place they are defined.

- Reader: a public account, no groups, no admin access.
- Contributor: "Contributors" group (admin access, pitches, image uploads) plus "Contributors · <section>" for each
  assigned section, which grants Wagtail's "add" page permission there: create articles and edit one's own drafts.
- Editor: "Editors" group (images, documents, experts, series, pitches, invitations) plus "Editors · <section>",
  which grants add, change, publish, lock and unlock in that section.
- Chief editor: "Chief editors" group with every page permission from the home page down, site, editorial,
  discussion and security settings, workflows, users and groups, and the moderation queue.
- Moderator: "Moderators" group (Wagtail's own group, re-purposed): the moderation queue and the discussion
  settings, nothing else. Superusers (administrators) can do everything.

``roles_sync()`` creates all of this idempotently (migration, ``manage.py sync_roles``, and whenever a section
is created), so a fresh install has every role.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from tribune.newsroom.models import SectionPage, SeriesIndexPage

CONTRIBUTORS = "Contributors"
EDITORS = "Editors"
CHIEF_EDITORS = "Chief editors"
MODERATORS = "Moderators"
CONTRIBUTOR_UPLOADS = "Contributor uploads"

SECTION_CONTRIBUTOR_PAGE_PERMISSIONS = ["add_page"]
SECTION_EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
CHIEF_PAGE_PERMISSIONS = [*SECTION_EDITOR_PAGE_PERMISSIONS, "bulk_delete_page"]

ADMIN_ACCESS = ["wagtailadmin.access_admin"]
# The discussion checks these by name ("discussion.change_comment" opens the queue); granted here with the roles.
MODERATION_PERMISSIONS = [
    "discussion.change_comment",
    "discussion.change_discussionsettings",  # word lists, rate limits, quiet hours, the read-only switch
]
MODERATOR_MODEL_PERMISSIONS = [*ADMIN_ACCESS, *MODERATION_PERMISSIONS]
CONTRIBUTOR_MODEL_PERMISSIONS = [
    *ADMIN_ACCESS,
    "editorial.add_pitch",
    "editorial.change_pitch",
    "contributors.change_contributor",
]
EDITOR_MODEL_PERMISSIONS = [
    *ADMIN_ACCESS,
    "editorial.add_pitch",
    "editorial.change_pitch",
    "editorial.add_invitation",
    "editorial.change_invitation",
    "editorial.view_translationsync",  # the translation board
    "contributors.add_contributor",
    "contributors.change_contributor",
    "contributors.publish_contributor",
    "contributors.add_expertise",
    "contributors.change_expertise",
    "taxonomy.add_topic",
    "taxonomy.change_topic",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "simple_translation.submit_translation",  # the page editor's "Translate": editors and chief editors only
    "newsletters.add_newsletterlist",
    "newsletters.change_newsletterlist",
    "newsletters.add_issue",
    "newsletters.change_issue",
    "newsletters.view_subscription",
    "analytics.view_hourlypageviews",  # every page's figures on the analytics dashboard, in any section
    "analysis.add_entity",  # the entities articles are about: name them, add other names, merge duplicates
    "analysis.change_entity",
    "analysis.add_keyfigure",  # key figures: save an article's figure as one, link figures, record new values
    "analysis.change_keyfigure",
]
CHIEF_MODEL_PERMISSIONS = [
    *EDITOR_MODEL_PERMISSIONS,
    "editorial.delete_pitch",
    "editorial.delete_invitation",
    "contributors.delete_contributor",
    "contributors.delete_expertise",
    "taxonomy.delete_topic",
    "newsletters.delete_newsletterlist",
    "newsletters.delete_issue",
    "newsletters.change_subscription",
    "analysis.delete_entity",
    "analysis.delete_keyfigure",
    "wagtaildocs.delete_document",
    "newsroom.change_editorialsettings",
    "newsroom.change_trustpages",
    "wagtailcore.add_site",
    "wagtailcore.change_site",
    "wagtailcore.add_workflow",
    "wagtailcore.change_workflow",
    "wagtailcore.add_task",
    "wagtailcore.change_task",
    "accounts.add_user",
    "accounts.change_user",
    "auth.add_group",
    "auth.change_group",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
    *MODERATION_PERMISSIONS,
    "accounts.change_securitysettings",
]
# Wagtail's image policy checks the wagtailimages permission names, whatever the (custom) image model.
IMAGE_EDITOR_PERMISSIONS = ["add_image", "change_image", "delete_image", "choose_image"]
IMAGE_CONTRIBUTOR_PERMISSIONS = ["add_image", "choose_image"]
DOCUMENT_EDITOR_PERMISSIONS = ["add_document", "change_document", "delete_document", "choose_document"]


def section_group_name(role: str, section: SectionPage) -> str:
    return f"{role} · {section.slug}"


def _permissions(codes: list[str]) -> list[Permission]:
    return [_permission(*code.split(".")) for code in codes]


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permissions_exact(group: Group, grants: list[tuple[Page, list[str]]]) -> None:
    """``group`` holds exactly these page permissions: missing ones are added, any other is removed."""
    wanted = set()
    for page, codenames in grants:
        for codename in codenames:
            permission = _permission("wagtailcore", codename)
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
            wanted.add((page.pk, permission.pk))
    for pk, page_id, permission_id in group.page_permissions.values_list("pk", "page_id", "permission_id"):
        if (page_id, permission_id) not in wanted:
            GroupPagePermission.objects.filter(pk=pk).delete()


def _collection_permissions_exact(group: Group, grants: list[tuple[Collection, str, list[str]]]) -> None:
    """``group`` holds exactly these collection permissions (collection, app label, codenames); others are removed."""
    wanted = set()
    for collection, app_label, codenames in grants:
        for codename in codenames:
            permission = _permission(app_label, codename)
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
            wanted.add((collection.pk, permission.pk))
    for pk, collection_id, permission_id in group.collection_permissions.values_list(
        "pk", "collection_id", "permission_id"
    ):
        if (collection_id, permission_id) not in wanted:
            GroupCollectionPermission.objects.filter(pk=pk).delete()


def section_roles_ensure(section: SectionPage) -> tuple[Group, Group]:
    """The section's contributor and editor groups, holding exactly their page permissions on the section in every
    edition: its translations share its groups, named after the default language's section."""
    editions = list(SectionPage.objects.filter(translation_key=section.translation_key).select_related("locale"))
    named_after = next((s for s in editions if s.locale.language_code == settings.LANGUAGE_CODE), section)
    contributors, _ = Group.objects.get_or_create(name=section_group_name(CONTRIBUTORS, named_after))
    editors, _ = Group.objects.get_or_create(name=section_group_name(EDITORS, named_after))
    for group, codenames in (
        (contributors, SECTION_CONTRIBUTOR_PAGE_PERMISSIONS),
        (editors, SECTION_EDITOR_PAGE_PERMISSIONS),
    ):
        group.permissions.clear()
        _page_permissions_exact(group, [(edition, codenames) for edition in editions])
        _collection_permissions_exact(group, [])
    return contributors, editors


def contributor_uploads_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=CONTRIBUTOR_UPLOADS).first()
    return existing or root.add_child(name=CONTRIBUTOR_UPLOADS)


def _library_grants(collection: Collection) -> list[tuple[Collection, str, list[str]]]:
    return [
        (collection, "wagtailimages", IMAGE_EDITOR_PERMISSIONS),
        (collection, "wagtaildocs", DOCUMENT_EDITOR_PERMISSIONS),
    ]


@transaction.atomic
def roles_sync() -> dict[str, Group]:
    """Bring every role group and section group to exactly the rights of its row in the role table: what is
    missing is granted, anything else (Wagtail's starter rights on its own "Editors" and "Moderators" groups, a
    right added by hand in the admin) is removed. Safe to run any number of times."""
    names = (CONTRIBUTORS, EDITORS, CHIEF_EDITORS, MODERATORS)
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in names}
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    series_indexes = list(SeriesIndexPage.objects.all())

    model_permissions = {
        CONTRIBUTORS: CONTRIBUTOR_MODEL_PERMISSIONS,
        EDITORS: EDITOR_MODEL_PERMISSIONS,
        CHIEF_EDITORS: CHIEF_MODEL_PERMISSIONS,
        MODERATORS: MODERATOR_MODEL_PERMISSIONS,
    }
    # Page rights come from sections (section groups) and the series indexes; chief editors' start at the tree's
    # root, so they hold on a fresh install before any page exists.
    page_permissions = {
        CONTRIBUTORS: [],
        EDITORS: [(series_index, SECTION_EDITOR_PAGE_PERMISSIONS) for series_index in series_indexes],
        CHIEF_EDITORS: [(root_page, CHIEF_PAGE_PERMISSIONS)],
        MODERATORS: [],
    }
    collection_permissions = {
        CONTRIBUTORS: [
            (root_collection, "wagtailimages", ["choose_image"]),
            (contributor_uploads_collection(), "wagtailimages", IMAGE_CONTRIBUTOR_PERMISSIONS),
        ],
        EDITORS: _library_grants(root_collection),
        CHIEF_EDITORS: _library_grants(root_collection),
        MODERATORS: [],  # Tribune's moderators moderate the discussion, not the image and document library
    }
    for name, group in groups.items():
        group.permissions.set(_permissions(model_permissions[name]))
        _page_permissions_exact(group, page_permissions[name])
        _collection_permissions_exact(group, collection_permissions[name])

    for section in SectionPage.objects.all():
        section_roles_ensure(section)
    return groups


def series_roles_ensure(series_index: SeriesIndexPage) -> None:
    """Editors of any section run the series."""
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    for codename in SECTION_EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=editors, page=series_index, permission=_permission("wagtailcore", codename)
        )


def user_edits_section(user, section: SectionPage) -> bool:
    """Editors of a section are those Wagtail lets publish there (section editors, chief editors, superusers)."""
    return section.permissions_for_user(user).can_publish_subpage()


def sections_edited_by(user) -> list[SectionPage]:
    return [section for section in SectionPage.objects.all() if user_edits_section(user, section)]


def sections_open_to(user) -> list[SectionPage]:
    """Sections where the user may create articles (assigned contributors and editors)."""
    return [section for section in SectionPage.objects.all() if section.permissions_for_user(user).can_add_subpage()]


def is_editor(user) -> bool:
    return user.is_superuser or user.groups.filter(name__in=[EDITORS, CHIEF_EDITORS]).exists()


def is_chief_editor(user) -> bool:
    return user.is_superuser or user.groups.filter(name=CHIEF_EDITORS).exists()


@transaction.atomic
def role_assign(*, user, role: str, sections: list[SectionPage] = ()) -> None:
    """Give ``user`` a role: "contributor" or "editor" in ``sections``, or "chief" or "moderator" (site-wide, so
    ``sections`` is ignored). Staff access follows the role."""
    from django.core.exceptions import ValidationError

    base = {"contributor": CONTRIBUTORS, "editor": EDITORS, "chief": CHIEF_EDITORS, "moderator": MODERATORS}.get(role)
    if base is None:
        raise ValidationError(f"Unknown role {role!r}")
    groups = roles_sync()
    user.groups.add(groups[base])
    for section in sections if role in ("contributor", "editor") else ():
        contributors, editors = section_roles_ensure(section)
        user.groups.add(editors if role == "editor" else contributors)

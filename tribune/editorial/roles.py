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
]
CHIEF_MODEL_PERMISSIONS = [
    *EDITOR_MODEL_PERMISSIONS,
    "editorial.delete_pitch",
    "editorial.delete_invitation",
    "contributors.delete_contributor",
    "contributors.delete_expertise",
    "taxonomy.delete_topic",
    "wagtaildocs.delete_document",
    "newsroom.change_editorialsettings",
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
    found = []
    for code in codes:
        app_label, codename = code.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def _page_permissions(group: Group, page: Page, codenames: list[str]) -> None:
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )


def _collection_permissions(
    group: Group, collection: Collection, codenames: list[str], app_label: str = "wagtailimages"
) -> None:
    for codename in codenames:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )


def section_roles_ensure(section: SectionPage) -> tuple[Group, Group]:
    """The section's contributor and editor groups, with their page permissions on the section."""
    contributors, _ = Group.objects.get_or_create(name=section_group_name(CONTRIBUTORS, section))
    editors, _ = Group.objects.get_or_create(name=section_group_name(EDITORS, section))
    _page_permissions(contributors, section, SECTION_CONTRIBUTOR_PAGE_PERMISSIONS)
    _page_permissions(editors, section, SECTION_EDITOR_PAGE_PERMISSIONS)
    return contributors, editors


def contributor_uploads_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=CONTRIBUTOR_UPLOADS).first()
    return existing or root.add_child(name=CONTRIBUTOR_UPLOADS)


@transaction.atomic
def roles_sync() -> dict[str, Group]:
    """Create or complete every role group and section group. Safe to run any number of times."""
    names = (CONTRIBUTORS, EDITORS, CHIEF_EDITORS, MODERATORS)
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in names}
    groups[CONTRIBUTORS].permissions.add(*_permissions(CONTRIBUTOR_MODEL_PERMISSIONS))
    groups[EDITORS].permissions.add(*_permissions(EDITOR_MODEL_PERMISSIONS))
    groups[CHIEF_EDITORS].permissions.add(*_permissions(CHIEF_MODEL_PERMISSIONS))
    groups[MODERATORS].permissions.add(*_permissions(MODERATOR_MODEL_PERMISSIONS))

    # Wagtail's starter groups may edit the whole tree; in Tribune page rights come from sections only.
    GroupPagePermission.objects.filter(group__name__in=[EDITORS, MODERATORS], page__depth=1).delete()
    root_collection = Collection.get_first_root_node()
    # Wagtail's starter "Moderators" also manage the whole image and document library and submit translations;
    # Tribune's moderate the discussion.
    GroupCollectionPermission.objects.filter(group=groups[MODERATORS], collection=root_collection).delete()
    groups[MODERATORS].permissions.remove(
        *Permission.objects.filter(content_type__app_label__in=["wagtailimages", "wagtaildocs", "wagtail_localize"])
    )

    _collection_permissions(groups[EDITORS], root_collection, IMAGE_EDITOR_PERMISSIONS)
    _collection_permissions(groups[CHIEF_EDITORS], root_collection, IMAGE_EDITOR_PERMISSIONS)
    for group in (groups[EDITORS], groups[CHIEF_EDITORS]):
        _collection_permissions(group, root_collection, DOCUMENT_EDITOR_PERMISSIONS, app_label="wagtaildocs")
    _collection_permissions(groups[CONTRIBUTORS], root_collection, ["choose_image"])
    _collection_permissions(groups[CONTRIBUTORS], contributor_uploads_collection(), IMAGE_CONTRIBUTOR_PERMISSIONS)

    # Chief editors' rights start at the tree's root, so they hold on a fresh install before any page exists.
    _page_permissions(groups[CHIEF_EDITORS], Page.get_first_root_node(), CHIEF_PAGE_PERMISSIONS)
    for series_index in SeriesIndexPage.objects.all():
        series_roles_ensure(series_index)
    for section in SectionPage.objects.all():
        section_roles_ensure(section)
    return groups


def series_roles_ensure(series_index: SeriesIndexPage) -> None:
    """Editors of any section run the series."""
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    _page_permissions(editors, series_index, SECTION_EDITOR_PAGE_PERMISSIONS)


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

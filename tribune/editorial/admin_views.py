"""Admin screens for pitches and invitations (placeholder: being written)."""

from wagtail.admin.menu import MenuItem

urlpatterns = []


def pitches_menu_item():
    return MenuItem("Pitches", "/admin/", icon_name="doc-empty-inverse", order=210)


def invitations_menu_item():
    return MenuItem("Invitations", "/admin/", icon_name="mail", order=220)

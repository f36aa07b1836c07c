"""Admin surfaces of the editorial workflow: pitch and invitation screens, the contributor dashboard,
and hiding other people's drafts from contributors."""

from django.urls import include, path

from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_urls")
def register_editorial_admin_urls():
    return [path("editorial/", include((admin_views.urlpatterns, "editorial"), namespace="editorial"))]


@hooks.register("register_admin_menu_item")
def register_pitches_menu_item():
    return admin_views.pitches_menu_item()


@hooks.register("register_admin_menu_item")
def register_invitations_menu_item():
    return admin_views.invitations_menu_item()

from django.urls import include, path

from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_urls")
def register_discussion_admin_urls():
    return [path("discussion/", include(admin_views.urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_discussion_menu_item():
    return admin_views.menu_item()

"""Admin surfaces for newsroom pages: the corrections screen, its buttons, and its line in page history."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter

from . import admin_views
from .models import ArticlePage, CorrectionKind
from .services import CORRECTION_LOG_ACTION


@hooks.register("register_admin_urls")
def register_corrections_admin_urls():
    return admin_views.urlpatterns


def _corrections_button(page, user, priority: int):
    # Only articles that have been out carry corrections, and only their publishers may add them.
    if page.specific_class is not ArticlePage or not page.first_published_at:
        return
    if not page.permissions_for_user(user).can_publish():
        return
    yield Button(
        _("Corrections"),
        reverse(admin_views.URL_NAME, args=[page.pk]),
        icon_name="warning",
        attrs={"title": _("Corrections and updates readers see on this article")},
        priority=priority,
    )


@hooks.register("register_page_header_buttons")
def page_header_corrections_button(page, user, view_name, next_url=None):
    yield from _corrections_button(page, user, priority=66)


@hooks.register("register_page_listing_more_buttons")
def page_listing_corrections_button(page, user, next_url=None):
    yield from _corrections_button(page, user, priority=55)


@hooks.register("register_log_actions")
def register_correction_log_action(actions):
    @actions.register_action(CORRECTION_LOG_ACTION)
    class CorrectionLogFormatter(LogFormatter):
        label = _("Add correction or update")

        def format_message(self, log_entry):
            kind = log_entry.data.get("kind")
            if kind == CorrectionKind.UPDATE:
                return _("Update note published")
            return _("Correction published")

        def format_comment(self, log_entry):
            return log_entry.data.get("note", "")

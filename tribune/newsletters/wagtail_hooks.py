"""Newsletters in the admin: lists and issues (editors), subscribers (read-only), and an issue's own screen to
preview it, send a test to oneself, send it now or schedule it."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import Issue, NewsletterList, Subscription


class NewsletterListViewSet(SnippetViewSet):
    model = NewsletterList
    icon = "mail"
    menu_label = _("Lists")
    list_display = ["name", "cadence", "language", "active"]
    search_fields = ["name"]
    search_backend_name = None


class IssueViewSet(SnippetViewSet):
    model = Issue
    icon = "doc-full"
    menu_label = _("Issues")
    list_display = ["subject", "newsletter", "status", "send_at", "sent_at"]
    list_filter = ["newsletter", "status"]
    search_fields = ["subject"]
    search_backend_name = None


class SubscriptionViewSet(SnippetViewSet):
    model = Subscription
    icon = "user"
    menu_label = _("Subscribers")
    list_display = ["email", "newsletter", "status", "confirmed_at"]
    list_filter = ["newsletter", "status"]
    search_fields = ["email"]
    search_backend_name = None


class NewslettersGroup(SnippetViewSetGroup):
    items = (IssueViewSet, NewsletterListViewSet, SubscriptionViewSet)
    menu_icon = "mail"
    menu_label = _("Newsletters")
    menu_order = 230


register_snippet(NewslettersGroup)


@hooks.register("register_admin_urls")
def register_newsletter_admin_urls():
    return [path("newsletters/", include((admin_views.urlpatterns, "newsletters"), namespace="newsletters"))]


@hooks.register("register_snippet_listing_buttons")
def issue_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Issue) and user.has_perm("newsletters.change_issue"):
        yield ListingButton(_("Preview and send"), reverse("newsletters:issue_send", args=[snippet.pk]), priority=5)

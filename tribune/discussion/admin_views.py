"""The moderation queue in the Wagtail admin: pending, reported and recent comments, each with the rule that held
it and what it matched; approve, reject, feature one by one or in bulk; restrict readers; every decision logged."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wagtail.admin import messages
from wagtail.admin.menu import MenuItem

from tribune.core.redirects import requested_next

from . import services
from .models import Comment, ModerationAction, ModerationDecision
from .selectors import moderation_queue

TABS = {"pending": gettext_lazy("Pending"), "reported": gettext_lazy("Reported"), "recent": gettext_lazy("Recent")}
# (action, button label): the actions' own labels ("Approved") are for the log.
BULK_ACTIONS = [
    (ModerationAction.APPROVE.value, gettext_lazy("Approve")),
    (ModerationAction.REJECT.value, gettext_lazy("Reject")),
    (ModerationAction.FEATURE.value, gettext_lazy("Feature")),
]


def _moderator_only(request):
    if not services.is_moderator(request.user):
        raise PermissionDenied(services.NOT_A_MODERATOR)


def queue(request):
    _moderator_only(request)
    tab = request.GET.get("tab", "pending")
    tab = tab if tab in TABS else "pending"
    page = Paginator(moderation_queue(tab), 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "discussion/admin/queue.html",
        {
            "tab": tab,
            "tabs": TABS,
            "page_obj": page,
            "comments": page.object_list,
            "bulk_actions": BULK_ACTIONS,
            "header_title": _("Discussion moderation"),
        },
    )


@require_POST
def moderate(request):
    """One or many comments, one action: the row buttons and the bulk form both post here."""
    _moderator_only(request)
    if row_action := request.POST.get("row_action"):  # a row's own button: "approve:42"
        action, _sep, pk = row_action.partition(":")
        ids = [int(pk)] if pk.isdigit() else []
    else:
        action = request.POST.get("action", "")
        ids = [int(pk) for pk in request.POST.getlist("comment") if pk.isdigit()]
    if action not in {choice.value for choice in ModerationAction} or not ids:
        messages.error(request, _("Choose at least one comment and an action."))
    else:
        done = 0
        for comment in Comment.objects.filter(pk__in=ids):
            try:
                services.comment_moderate(
                    comment=comment, moderator=request.user, action=action, note=request.POST.get("note", "")
                )
                done += 1
            except ValidationError as error:
                messages.error(request, error.messages[0])
        messages.success(
            request,
            _("%(count)d comment(s): %(action)s.")
            % {
                "count": done,
                "action": ModerationAction(action).label if action in ModerationAction.values else action,
            },
        )
    return HttpResponseRedirect(requested_next(request, reverse("discussion_queue")))


class RestrictForm(forms.Form):
    reason = forms.CharField(max_length=300)
    until = forms.DateTimeField(
        required=False,
        help_text=gettext_lazy("Empty for a permanent ban."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


def restrict(request, user_id: int):
    _moderator_only(request)
    reader = get_object_or_404(get_user_model(), pk=user_id)
    form = RestrictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.reader_restrict(user=reader, moderator=request.user, **form.cleaned_data)
        messages.success(request, _("%(name)s is restricted.") % {"name": reader.public_name})
        return HttpResponseRedirect(reverse("discussion_queue"))
    return TemplateResponse(
        request,
        "discussion/admin/restrict.html",
        {
            "form": form,
            "reader": reader,
            "header_title": _("Restrict a reader"),
        },
    )


def log(request):
    _moderator_only(request)
    page = Paginator(
        ModerationDecision.objects.select_related("moderator", "comment", "comment__author"), 100
    ).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "discussion/admin/log.html",
        {
            "page_obj": page,
            "decisions": page.object_list,
            "header_title": _("Moderation log"),
        },
    )


urlpatterns = [
    path("", queue, name="discussion_queue"),
    path("moderate/", moderate, name="discussion_moderate"),
    path("restrict/<int:user_id>/", restrict, name="discussion_restrict"),
    path("log/", log, name="discussion_log"),
]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return services.is_moderator(request.user)


def menu_item():
    return ModerationMenuItem(_("Discussion"), reverse("discussion_queue"), icon_name="comment", order=230)

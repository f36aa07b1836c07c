"""An issue's screen in the admin: the email as subscribers will see it, a test to oneself, send now or schedule."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from . import sending, services
from .models import Issue, Subscription


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label=gettext_lazy("Send at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=gettext_lazy("Empty: now."),
    )


def _issue_for(request, pk: int) -> Issue:
    if not request.user.has_perm("newsletters.change_issue"):
        raise PermissionDenied
    return get_object_or_404(Issue.objects.select_related("newsletter"), pk=pk)


def issue_preview(request, pk: int):
    """The HTML part exactly as it is sent (the unsubscribe link is a placeholder), shown in a sandboxed frame."""
    html, _text = sending.issue_render(_issue_for(request, pk))
    response = HttpResponse(html)
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'"
    return response


@require_http_methods(["GET", "POST"])
def issue_send(request, pk: int):
    issue = _issue_for(request, pk)
    form = ScheduleForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "test":
            sending.send_issue_test.enqueue(issue.pk, request.user.email)
            messages.success(request, _("A test is on its way to %(email)s.") % {"email": request.user.email})
            return redirect("newsletters:issue_send", pk=issue.pk)
        if action == "schedule" and form.is_valid():
            try:
                services.issue_schedule(issue, form.cleaned_data["send_at"] or timezone.now())
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("“%(subject)s” is scheduled.") % {"subject": issue.subject})
            return redirect("newsletters:issue_send", pk=issue.pk)
    subscribers = Subscription.objects.filter(newsletter=issue.newsletter, status=Subscription.Status.ACTIVE).count()
    return TemplateResponse(
        request,
        "newsletters/admin/issue_send.html",
        {"issue": issue, "form": form, "subscribers": subscribers, "page_title": issue.subject},
    )


urlpatterns = [
    path("issues/<int:pk>/", issue_send, name="issue_send"),
    path("issues/<int:pk>/preview/", issue_preview, name="issue_preview"),
]

"""Staff export and erase a reader's data from the admin (Wagtail's user list: "Export data", "Erase reader").

Each needs its own permission (``accounts.export_personal_data``, ``accounts.erase_personal_data``; superusers hold
both) and a recent re-authentication, as a reader's own download does, and each is written to the security log with
who did it. Erasing deletes the account through the same service as a reader's own deletion
(``services.account_delete``), with the same choice for their comments; staff accounts are not erased here (take
their roles away first, or delete them as staff)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from . import personal_data, services
from .forms import DeleteAccountForm
from .security_log import log_event
from .views import sensitive

EXPORT_PERMISSION = "accounts.export_personal_data"
ERASE_PERMISSION = "accounts.erase_personal_data"
STAFF_NOT_ERASED = gettext_lazy("Staff accounts are not erased here: remove their roles and staff status first.")


class EraseReaderForm(forms.Form):
    comments = forms.ChoiceField(
        label=gettext_lazy("The reader's comments"),
        choices=[
            (
                DeleteAccountForm.DELETE,
                gettext_lazy("Delete them (replies to them stay, under a “deleted” placeholder)"),
            ),
            (DeleteAccountForm.KEEP, gettext_lazy("Keep them, shown as “Former reader” (the name is removed)")),
        ],
        initial=DeleteAccountForm.DELETE,
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("Erase this reader's account and personal data; this cannot be undone")
    )


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


@never_cache
@sensitive
def export(request, user_id: int):
    _require(request, EXPORT_PERMISSION)
    reader = get_object_or_404(get_user_model(), pk=user_id)
    log_event("personal_data_exported", request=request, user_id=reader.pk, by="staff", actor_id=request.user.pk)
    return personal_data.personal_data_response(reader)


@never_cache
@sensitive
def erase(request, user_id: int):
    _require(request, ERASE_PERMISSION)
    reader = get_object_or_404(get_user_model(), pk=user_id)
    if reader.is_staff or reader.is_superuser or reader.pk == request.user.pk:
        messages.error(request, STAFF_NOT_ERASED)
        return redirect("wagtailusers_users:index")
    form = EraseReaderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        keep = form.cleaned_data["comments"] == DeleteAccountForm.KEEP
        reader_id = reader.pk
        services.account_delete(user=reader, keep_comments=keep)
        log_event(
            "personal_data_erased",
            request=request,
            user_id=reader_id,
            actor_id=request.user.pk,
            comments="kept anonymised" if keep else "deleted",
        )
        messages.success(request, _("The reader's account and personal data were erased."))
        return redirect("wagtailusers_users:index")
    return TemplateResponse(request, "accounts/admin/erase.html", {"reader": reader, "form": form})

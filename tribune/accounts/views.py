"""Reader account pages that allauth does not provide: profile (display name, reply emails) and deletion."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import services
from .forms import DeleteAccountForm, ProfileForm


@login_required
def profile(request):
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={"display_name": user.display_name, "notify_replies": user.notify_replies},
        user=user,
    )
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=user, **form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        return redirect("account_profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user, keep_comments=form.cleaned_data["comments"] == DeleteAccountForm.KEEP)
        messages.success(request, _("Your account was deleted."))
        return redirect("/")
    return render(request, "accounts/delete.html", {"form": form})

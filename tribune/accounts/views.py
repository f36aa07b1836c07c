"""Reader account pages that allauth does not provide: profile (display name, reply emails), the data download and
deletion; allauth's password change behind a recent re-authentication, as its email and two-factor pages are."""

from allauth.account import views as allauth_views
from allauth.account.decorators import reauthentication_required

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from . import personal_data, services
from .forms import DeleteAccountForm, ProfileForm
from .mail import email_language
from .security_log import log_event


@login_required
def profile(request):
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={
            "display_name": user.display_name,
            "notify_replies": user.notify_replies,
            "language": email_language(user, default=translation.get_language()),
        },
        user=user,
    )
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=user, **form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        return redirect("account_profile")
    return render(request, "accounts/profile.html", {"form": form})


# allauth's reauthentication (ACCOUNT_REAUTHENTICATION_REQUIRED, _TIMEOUT): the password or a two-factor code once
# more; a POST sent while the confirmation was stale is kept, and carried out once the reader has confirmed.
sensitive = reauthentication_required(app="allauth.account")

# The form asks for the current password too, but a session alone must not reach it (nor a TOTP-only reader's).
password_change = login_required(sensitive(allauth_views.password_change))


@login_required
@sensitive
def delete_account(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user, keep_comments=form.cleaned_data["comments"] == DeleteAccountForm.KEEP)
        messages.success(request, _("Your account was deleted."))
        return redirect("/")
    return render(request, "accounts/delete.html", {"form": form})


@login_required
def data(request):
    """What the download holds; the download itself asks for a recent confirmation."""
    return render(request, "accounts/data.html", {"sections": personal_data.sections()})


@login_required
@sensitive
def data_download(request):
    log_event("personal_data_exported", request=request, user_id=request.user.pk, by="self")
    return personal_data.personal_data_response(request.user)

"""Public pages of the editorial workflow: an invited expert chooses a password and enters the admin."""

from django.conf import settings
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from . import services
from .forms import InvitationAcceptForm

# Why a link cannot be used, as the service reports it, and the status that says so: unknown links are missing,
# used or expired ones are gone for good.
UNUSABLE_STATUS = {"invalid": 404, "used": 410, "expired": 410}


def _unusable(request, error: ValidationError):
    reason = error.code if error.code in UNUSABLE_STATUS else "invalid"
    return render(
        request,
        "editorial/public/invitation_unusable.html",
        {"reason": reason, "message": " ".join(error.messages)},
        status=UNUSABLE_STATUS[reason],
    )


@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    try:
        invitation = services.invitation_check(token)
    except ValidationError as error:
        return _unusable(request, error)

    form = InvitationAcceptForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            user = services.invitation_accept(token=token, password=form.cleaned_data["password1"])
        except ValidationError as error:
            code = getattr(error, "code", None)  # password validation raises a list of errors, without one code
            if code in UNUSABLE_STATUS:
                return _unusable(request, error)  # used or expired while the form was open
            form.add_error(None if code == "email_taken" else "password1", error)
        else:
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            return redirect("wagtailadmin_home")
    return render(request, "editorial/public/invitation_accept.html", {"form": form, "invitation": invitation})

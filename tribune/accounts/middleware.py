"""Staff two-factor authentication: when the site setting requires it, admin users must set up TOTP first. And a
security-log record, and a ``Retry-After``, for every answer a rate limit refused (429)."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import security_log

ADMIN_PREFIX = "/admin/"
# allauth's 429 page says nothing about when to come back. Its limits are counted per minute for clients and up to
# an hour per address or account; a minute is the window of most, and asking again early is only answered 429 again.
RETRY_AFTER_SECONDS = 60


class RequireStaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(ADMIN_PREFIX) and self._must_enrol(request):
            return redirect(reverse("mfa_activate_totp") + "?" + urlencode({"next": request.path}))
        return self.get_response(request)

    @staticmethod
    def _must_enrol(request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
            return False
        from allauth.mfa.models import Authenticator

        from wagtail.models import Site

        from .models import SecuritySettings

        site = Site.find_for_request(request)
        if site is None or not SecuritySettings.for_site(site).require_staff_two_factor:
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RateLimitLogMiddleware:
    """Logs each 429 (allauth's rate limits and Tribune's): which view, which client, which account; and says when to
    come back (``Retry-After``) where the view did not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 429:
            security_log.rate_limited(request)
            if not response.has_header("Retry-After"):
                response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

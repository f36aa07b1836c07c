"""Staff two-factor authentication: when the site setting requires it, admin users must set up TOTP first. Sessions
that sat idle too long end (staff sooner than readers). And a security-log record for every refusal: a rate limit's
429 (with a ``Retry-After``), a 403, and a 404 the admin answered a signed-in user (hidden pages answer 404)."""

import time

from django.conf import settings
from django.contrib.auth import logout
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
    come back (``Retry-After``) where the view did not. Logs each refused authorisation too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 429:
            security_log.rate_limited(request)
            if not response.has_header("Retry-After"):
                response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        elif response.status_code == 403 or (response.status_code == 404 and self._signed_in_admin(request)):
            # Refused authorisation (ASVS 5.0 V16.3.2); the admin answers 404 for pages one may not see.
            user = getattr(request, "user", None)
            security_log.log_event(
                "access_refused",
                request=request,
                status=response.status_code,
                path=request.path[:200],
                method=request.method,
                user_id=user.pk if user is not None and user.is_authenticated else None,
            )
        return response

    @staticmethod
    def _signed_in_admin(request) -> bool:
        user = getattr(request, "user", None)
        return request.path.startswith(ADMIN_PREFIX) and user is not None and user.is_authenticated


# When the session last saw its user, in whole seconds; written at most once a minute, so a reader's page views do
# not each rewrite the session.
LAST_SEEN_KEY = "_tribune_last_seen"
LAST_SEEN_EVERY_SECONDS = 60


def idle_limit(user) -> int:
    """Seconds a session may sit unused before it ends (ASVS 5.0 V7.3.1): staff, who can publish and see readers'
    data, ``TRIBUNE_STAFF_IDLE_SECONDS`` (two hours); readers ``TRIBUNE_READER_IDLE_SECONDS`` (a week)."""
    if user.is_staff or user.is_superuser:
        return getattr(settings, "TRIBUNE_STAFF_IDLE_SECONDS", 2 * 3600)
    return getattr(settings, "TRIBUNE_READER_IDLE_SECONDS", 7 * 24 * 3600)


class SessionIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > idle_limit(user):
                idle = now - last_seen
                security_log.log_event("session_idle_ended", request=request, user_id=user.pk, idle_seconds=idle)
                logout(request)  # the request goes on signed out: the admin sends them to sign in again
            elif last_seen is None or now - last_seen >= LAST_SEEN_EVERY_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)

"""Tribune's allauth adapter: allauth's, plus a security-log record when its failed sign-in limit holds, and the
site's one same-site check (``core.redirects``) for every ``next`` allauth follows, and a 400 (not allauth's 500) for
a request whose X-Forwarded-For cannot have come through the trusted proxies."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context

from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation, ValidationError

from tribune.core.redirects import is_same_site

from . import security_log


class AccountAdapter(DefaultAccountAdapter):
    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:  # "too many failed sign-in attempts": refused before the password is checked
            security_log.sign_in_locked(request, credentials)
            raise

    def get_client_ip(self, request) -> str:
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured as error:
            # Fewer X-Forwarded-For entries than ALLAUTH_TRUSTED_PROXY_COUNT proxies append: the request did not come
            # through them (it reached the server directly, or the header was cut). Bad input, answered 400.
            raise SuspiciousOperation("X-Forwarded-For has fewer entries than the trusted proxies add") from error

    def is_safe_url(self, url) -> bool:
        # allauth's own check also trusts every ALLOWED_HOSTS and CSRF_TRUSTED_ORIGINS host; redirects stay on the
        # host the request came to, as everywhere else on the site.
        return is_same_site(context.request, url)

"""Tribune's allauth adapter: allauth's, plus a security-log record when its failed sign-in limit holds, and the
site's one same-site check (``core.redirects``) for every ``next`` allauth follows."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context

from django.core.exceptions import ValidationError

from tribune.core.redirects import is_same_site

from . import security_log


class AccountAdapter(DefaultAccountAdapter):
    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:  # "too many failed sign-in attempts": refused before the password is checked
            security_log.sign_in_locked(request, credentials)
            raise

    def is_safe_url(self, url) -> bool:
        # allauth's own check also trusts every ALLOWED_HOSTS and CSRF_TRUSTED_ORIGINS host; redirects stay on the
        # host the request came to, as everywhere else on the site.
        return is_same_site(context.request, url)

"""Tribune's allauth adapter: allauth's, plus a security-log record when its failed sign-in limit holds."""

from allauth.account.adapter import DefaultAccountAdapter

from django.core.exceptions import ValidationError

from . import security_log


class AccountAdapter(DefaultAccountAdapter):
    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:  # "too many failed sign-in attempts": refused before the password is checked
            security_log.sign_in_locked(request, credentials)
            raise

"""Tribune's allauth adapter: allauth's, plus a security-log record when its failed sign-in limit holds, and the
site's one same-site check (``core.redirects``) for every ``next`` allauth follows, and a 400 (not allauth's 500) for
a request whose X-Forwarded-For cannot have come through the trusted proxies. Its emails go out in the language the
recipient reads (``accounts.mail``), with their links to that language's pages."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context

from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation, ValidationError
from django.urls import translate_url
from django.utils import translation

from tribune.core.redirects import is_same_site

from . import security_log
from .mail import email_language

# The links allauth puts in its emails, built for the request's language before the recipient's is known.
EMAIL_LINKS = ("activate_url", "password_reset_url", "signup_url")


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

    def send_mail(self, template_prefix, email, context):
        recipient = context.get("user") or self._account_of(email)
        # Someone with no account (or no choice yet) gets the language of the page they asked from.
        asked_in = translation.get_language()
        language = email_language(recipient, default=asked_in) if recipient else asked_in
        links = {name: translate_url(context[name], language) for name in EMAIL_LINKS if context.get(name)}
        with translation.override(language):
            super().send_mail(template_prefix, email, {**context, **links})

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        # allauth knows whom a notice is about but does not pass them on to send_mail: it does here.
        super().send_notification_mail(template_prefix, user, {**(context or {}), "user": user}, email)

    @staticmethod
    def _account_of(email: str):
        from allauth.account.models import EmailAddress

        address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
        return address.user if address else None

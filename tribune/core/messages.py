"""Django's message storage (a cookie, then the session) with the cookie named by ``TRIBUNE_MESSAGES_COOKIE_NAME``:
``__Host-messages`` in production, like the session and CSRF cookies, so no other host can set it."""

from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.messages.storage.session import SessionStorage

from .conf import messages_cookie_name


class NamedCookieStorage(CookieStorage):
    @property
    def cookie_name(self) -> str:
        return messages_cookie_name()


class MessageStorage(FallbackStorage):
    storage_classes = (NamedCookieStorage, SessionStorage)

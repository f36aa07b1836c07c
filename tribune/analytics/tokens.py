"""The beacon's target, signed into the page: the path the page was served at and its page id.

The token is the same for every reader of a page (pages stay cacheable) and cannot be made for a path Tribune did
not render as a reader page, so a forged beacon cannot invent paths or inflate pages that do not exist."""

import functools

from django.core import signing
from django.core.signals import setting_changed

SALT = "tribune.analytics.beacon"
MAX_PATH_LENGTH = 255
MAX_TOKEN_LENGTH = 600


class BadBeacon(ValueError):
    """Not a beacon from one of this site's pages: a body that is not one, or a depth that is not a quarter."""


class BadToken(BadBeacon):
    """The beacon's token is missing, too long, or not signed by this site."""


def target_token(path: str, page_id: int | None) -> str:
    return signing.Signer(salt=SALT).sign_object({"p": path[:MAX_PATH_LENGTH], "i": page_id or 0})


def target_from_token(token: str) -> tuple[str, int | None]:
    """The path and page id a token was made for; ``BadToken`` when it was not made by this site."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise BadToken("missing or oversized token")
    return _verified_target(token)


# A site has a few thousand pages, each with one token: the check (an HMAC and a JSON decode) is done once per token
# and process. Only tokens that passed it are remembered (a refused one raises, and lru_cache keeps no exceptions), so
# forged tokens cannot fill the memory. The signing key is read when a token is first seen: tests that change it clear
# the memory through the setting_changed receiver below.
@functools.lru_cache(maxsize=8192)
def _verified_target(token: str) -> tuple[str, int | None]:
    try:
        target = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, UnicodeError) as error:
        raise BadToken("token not signed by this site") from error
    if not isinstance(target, dict):
        raise BadToken("malformed token")
    path, page_id = target.get("p"), target.get("i")
    if not isinstance(path, str) or not path.startswith("/") or not isinstance(page_id, int) or page_id < 0:
        raise BadToken("malformed token")
    return path, page_id or None


def _forget_verified(*, setting, **kwargs) -> None:
    if setting in ("SECRET_KEY", "SECRET_KEY_FALLBACKS"):
        _verified_target.cache_clear()


setting_changed.connect(_forget_verified)

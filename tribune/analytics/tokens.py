"""The beacon's target, signed into the page: the path the page was served at and its page id.

The token is the same for every reader of a page (pages stay cacheable) and cannot be made for a path Tribune did
not render as a reader page, so a forged beacon cannot invent paths or inflate pages that do not exist."""

from django.core import signing

SALT = "tribune.analytics.beacon"
MAX_PATH_LENGTH = 255
MAX_TOKEN_LENGTH = 600


class BadToken(ValueError):
    """The beacon's token is missing, too long, or not signed by this site."""


def target_token(path: str, page_id: int | None) -> str:
    return signing.Signer(salt=SALT).sign_object({"p": path[:MAX_PATH_LENGTH], "i": page_id or 0})


def target_from_token(token: str) -> tuple[str, int | None]:
    """The path and page id a token was made for; ``BadToken`` when it was not made by this site."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise BadToken("missing or oversized token")
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

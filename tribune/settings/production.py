"""Production: secure defaults; refuses to start with DEBUG on or the development secret key."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEFAULT_SECRET_KEY, env_bool

if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("DEBUG must be off in production (unset DEBUG or set DEBUG=false).")
if SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 32:  # noqa: F405
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Health checks answer plain HTTP too: a probe on the loopback has no TLS (tribune/core/health.py answers them before
# SecurityMiddleware anyway; this keeps them exempt wherever the middleware is moved).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preload is the operator's decision, not a default: the list is asked for by the registrable domain's owner
# (example.org, not the outlet's news.example.org), binds every subdomain to HTTPS and takes months to leave. Set
# SECURE_HSTS_PRELOAD=true once the whole domain is HTTPS-only and submitted; until then `check --deploy` is told why.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# No page is framed, except Wagtail's previews by the admin itself: those views answer SAMEORIGIN themselves, and
# the Content-Security-Policy's frame-ancestors follows (tribune/core/security_headers.py).
X_FRAME_OPTIONS = "DENY"

# The session, CSRF and messages cookies are __Host- prefixed: Secure, Path=/, no Domain, so no other host under the
# domain (a subdomain, a sibling service) can set or overwrite them. The page cache and the edges treat the session
# and messages cookies as personal under both names (tribune/delivery/page_cache.py, deploy/varnish, deploy/nginx).
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
TRIBUNE_MESSAGES_COOKIE_NAME = "__Host-messages"

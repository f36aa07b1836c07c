"""The browser-side security headers Django's SecurityMiddleware does not send: Content-Security-Policy (through
django-csp) and Permissions-Policy.

One policy, two shapes, decided by the page itself:

* A page with no inline script (every reader page: the page cache and the edges store them) gets ``script-src
  'self'`` and no nonce. A stored page is the same bytes for every reader, so a nonce in it would be public and
  replayed: no stored page may carry one.
* A page that renders an inline script (only the admin: Wagtail's inline panels, date pickers and choosers) asks
  for the request's nonce with ``{% csp_nonce %}``; django-csp then adds ``'nonce-…'``, fresh for every response,
  and this middleware marks the response private, so neither the page cache nor an edge keeps it.

``'strict-dynamic'`` is left out: no page loads a script that loads further scripts from another origin, and it
would switch off ``'self'``, which Wagtail's external form-media scripts (rendered without a nonce attribute) need.
JSON-LD blocks (``<script type="application/ld+json">``) are data, never run, and need no nonce.

``frame-ancestors`` follows X-Frame-Options (DENY: ``'none'``; Wagtail's preview views, SAMEORIGIN: ``'self'``), so
the two headers never disagree. Frames are allowed from the embed providers (``TRIBUNE_EMBED_PROVIDERS``) only,
plus the admin's own preview.
"""

import contextvars
import functools

from csp.constants import HEADER, NONCE, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe

from .conf import embed_providers

_request_nonce: contextvars.ContextVar = contextvars.ContextVar("csp_nonce", default=None)

# Features no page of Tribune uses, refused to the page and to every frame in it (only names Chromium knows: an
# unknown one is a console error). Fullscreen is kept for the page and the embed providers' players (a video's
# fullscreen button); WebAuthn for the page (allauth's passkeys).
DENIED_FEATURES = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "local-fonts",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY_HEADER = "Permissions-Policy"


def current_nonce() -> str:
    """The nonce of the request being answered (made on first use), or ``""`` outside a request."""
    nonce = _request_nonce.get()
    return str(nonce) if nonce is not None else ""


def nonce_wagtail_choosers() -> None:
    """Wagtail's chooser widgets (page, image, snippet, document, task) write their initialising script in Python,
    bare; give it the request's nonce, as the templates in core/templates/wagtailadmin do for the others. Called once,
    from CoreConfig.ready()."""
    from wagtail.admin.widgets.chooser import BaseChooser

    if getattr(BaseChooser.render, "csp_nonce", False):
        return
    render = BaseChooser.render

    def render_with_nonce(self, name, value, attrs=None, renderer=None):
        # Only the widget's own script, the last one: the widget's HTML before it is escaped template output.
        before, found, after = str(render(self, name, value, attrs, renderer)).rpartition("<script>")
        if not found:
            return mark_safe(after)  # noqa: S308 - Wagtail's output, unchanged
        return mark_safe(f'{before}<script nonce="{current_nonce()}">{after}')  # noqa: S308 - a nonce added

    render_with_nonce.csp_nonce = True
    BaseChooser.render = render_with_nonce


def _is_admin(request: HttpRequest) -> bool:
    try:
        return request.path_info.startswith(reverse("wagtailadmin_home"))
    except NoReverseMatch:  # a URL configuration without the admin
        return False


# Providers whose player is served from another host than the one editors paste links from.
PLAYER_HOSTS = {"flourish.studio": ["flo.uri.sh"], "youtu.be": ["youtube.com", "youtube-nocookie.com"]}


def _provider_sources(scheme_prefix: str = "https://") -> list[str]:
    sources = []
    for provider in embed_providers():
        for host in [provider, *PLAYER_HOSTS.get(provider, [])]:
            sources += [f"{scheme_prefix}{host}", f"{scheme_prefix}*.{host}"]
    return list(dict.fromkeys(sources))


def _absolute_origin(url: str) -> list[str]:
    """A static or media URL served from another host (a CDN) is a source too; a path needs nothing."""
    if "://" not in url:
        return []
    scheme, _, rest = url.partition("://")
    return [f"{scheme}://{rest.split('/', 1)[0]}"]


def directives(*, admin: bool, frame_ancestors: str | None) -> dict:
    assets = _absolute_origin(settings.STATIC_URL)
    media = _absolute_origin(settings.MEDIA_URL)
    policy = {
        "default-src": [SELF],
        "script-src": [SELF, *assets, NONCE],
        "style-src": [SELF, *assets],
        # Wagtail's responsive embeds size their frame with a style attribute; no <style> element is allowed.
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, *assets, *media, "data:"],
        "font-src": [SELF, *assets],
        "connect-src": [SELF],
        "media-src": [SELF, *media],
        "frame-src": _provider_sources(),
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
    }
    if admin:
        # Wagtail's admin sets style attributes and elements from its scripts and templates; style cannot run
        # script, and 'unsafe-inline' only works while no nonce is listed (so the nonce stays in script-src only).
        policy["style-src"] = [SELF, *assets, UNSAFE_INLINE]
        policy["style-src-attr"] = None
        policy["img-src"] = [*policy["img-src"], "blob:"]  # an upload's preview before it is sent
        policy["frame-src"] = [SELF, *policy["frame-src"]]  # the live preview
    if frame_ancestors:
        policy["frame-ancestors"] = [frame_ancestors]
    return policy


def permissions_policy() -> str:
    return _permissions_policy(tuple(embed_providers()))


@functools.lru_cache(maxsize=8)
def _permissions_policy(providers: tuple[str, ...]) -> str:
    players = " ".join(f'"{source}"' for source in _provider_sources())
    parts = [f"{feature}=()" for feature in DENIED_FEATURES]
    parts += [f"fullscreen=(self {players})".replace(" )", ")"), "publickey-credentials-get=(self)"]
    return ", ".join(sorted(parts))


@functools.lru_cache(maxsize=32)
def _fixed_policy(admin: bool, frame_ancestors: str | None, static_url: str, media_url: str, providers: tuple) -> str:
    """The policy of a response that asked for no nonce and carries no policy of its own: the same string for every
    such response with the same settings, so it is built once (django-csp would build it again for each)."""
    return build_policy(config=directives(admin=admin, frame_ancestors=frame_ancestors))


# What a view or decorator may put on a response to change its policy (django-csp's decorators): such a response
# goes through django-csp's own path.
_POLICY_ATTRIBUTES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with Tribune's policy; also sends Permissions-Policy.

    Sits second in MIDDLEWARE, inside the page cache (so stored pages keep these headers) and outside
    XFrameOptionsMiddleware (whose answer sets ``frame-ancestors``) and WhiteNoise (static files get them too).
    """

    def process_request(self, request: HttpRequest) -> None:
        if getattr(request, "is_dummy", False):
            return  # Wagtail's preview renders the page in a request of its own: the preview view's answer has them
        super().process_request(request)
        request._csp_nonce_token = _request_nonce.set(request.csp_nonce)

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if getattr(request, "is_dummy", False):
            return response
        if self._takes_fixed_policy(request, response):
            response[HEADER] = _fixed_policy(
                _is_admin(request),
                _frame_ancestors(response),
                settings.STATIC_URL,
                settings.MEDIA_URL,
                tuple(embed_providers()),
            )
            # As django-csp does once the header is written: a nonce asked for now could not be in it.
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        else:
            response = super().process_response(request, response)
        if getattr(request, "_csp_nonce", None):
            # Made for this response alone: never stored by the page cache or an edge (both keep only "public").
            patch_cache_control(response, private=True, no_store=True)
        response.headers.setdefault(PERMISSIONS_POLICY_HEADER, permissions_policy())
        token = getattr(request, "_csp_nonce_token", None)
        if token is not None:
            _request_nonce.reset(token)
            request._csp_nonce_token = None
        return response

    @staticmethod
    def _takes_fixed_policy(request: HttpRequest, response: HttpResponseBase) -> bool:
        """Every reader page: no nonce made, no policy of its own, none already sent, no report-only policy."""
        return (
            getattr(request, "_csp_nonce", None) is None
            and HEADER not in response
            and not any(hasattr(response, name) for name in _POLICY_ATTRIBUTES)
            and not settings.DEBUG  # django-csp leaves Django's debug 404 and 500 pages without a policy
            and not getattr(settings, "CONTENT_SECURITY_POLICY", None)
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        )

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if parts.config is None:
            parts.config = directives(admin=_is_admin(request), frame_ancestors=_frame_ancestors(response))
        return parts


def _frame_ancestors(response: HttpResponseBase) -> str | None:
    """``frame-ancestors`` as X-Frame-Options says (DENY: 'none'; SAMEORIGIN: 'self'), so the two never disagree."""
    return {"DENY": NONE, "SAMEORIGIN": SELF}.get(response.headers.get("X-Frame-Options", "").upper())

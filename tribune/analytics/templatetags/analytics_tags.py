"""Loaded by name by the reader templates (``newsroom``): the view beacon and the "most read" list."""

import functools

from django import template
from django.core.cache import cache
from django.core.signals import setting_changed
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from tribune.core.cache import build_version

from .. import conf
from ..selectors import most_read as most_read_articles
from ..tokens import target_token

register = template.Library()
READ_DEPTH_OF = ".article__body"


@register.simple_tag(takes_context=True)
def page_view_beacon(context, page=None) -> str:
    """The script that reports a view of this page (and how far its text was read), and the image that reports the
    view without JavaScript. Both carry the same signed token for every reader of the page, so it stays cacheable."""
    request = context.get("request")
    if request is None or not conf.is_enabled():
        return ""
    return _beacon(get_script_prefix(), request.path, getattr(page, "pk", None))


# On every reader page, and the same for every reader of it: rendered (a signature, two reversed addresses, a
# template) once per page and process, the most recently used few thousand kept.
@functools.lru_cache(maxsize=4096)
def _beacon(script_prefix: str, path: str, page_id: int | None) -> str:
    return render_to_string(
        "analytics/beacon.html",
        {
            "token": target_token(path, page_id),
            "beacon_url": reverse("analytics_view"),
            "pixel_url": reverse("analytics_pixel"),
            # The element whose reading depth the script measures, when the page has one (articles, standard pages).
            "read_depth_of": READ_DEPTH_OF,
        },
    )


def _forget_beacons(**kwargs) -> None:
    _beacon.cache_clear()  # tests change the signing key, the static storage, the URLs


setting_changed.connect(_forget_beacons)


@register.simple_tag(takes_context=True)
def most_read(context, section=None):
    """The "most read" list (last 24 hours), rendered once per edition and section every
    ``TRIBUNE_MOST_READ_SECONDS`` and shared by every request meanwhile; nothing when nothing was read."""
    section_id = getattr(section, "pk", None)
    language = translation.get_language()
    key = f"analytics:most-read:{build_version()}:{language}:{section_id or 'site'}"
    html = cache.get(key)
    if html is None:
        articles = most_read_articles(section_id=section_id, limit=conf.most_read_size())
        html = render_to_string(
            "analytics/most_read.html", {"articles": articles, "section": section}, request=context.get("request")
        )
        cache.set(key, html, conf.most_read_seconds())
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped when it was rendered

"""Loaded by name by the reader templates (``newsroom``): the view beacon and the "most read" list."""

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from tribune.core.cache import build_version

from .. import conf
from ..selectors import most_read as most_read_articles
from ..tokens import target_token

register = template.Library()
READ_DEPTH_OF = ".article__body"


@register.inclusion_tag("analytics/beacon.html", takes_context=True)
def page_view_beacon(context, page=None):
    """The script that reports a view of this page (and how far its text was read), and the image that reports the
    view without JavaScript. Both carry the same signed token for every reader of the page, so it stays cacheable."""
    request = context.get("request")
    if request is None or not conf.is_enabled():
        return {"token": None}
    return {
        "token": target_token(request.path, getattr(page, "pk", None)),
        "beacon_url": reverse("analytics_view"),
        "pixel_url": reverse("analytics_pixel"),
        # The element whose reading depth the script measures, when the page has one (articles, standard pages).
        "read_depth_of": READ_DEPTH_OF,
    }


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

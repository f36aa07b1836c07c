"""Site chrome for every reader page: navigation, formatted dates, responsive image sizes."""

import datetime

from django import template
from django.utils import timezone

from wagtail.images.models import ResponsiveImage
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("frontend/components/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    if site is not None:
        items = list(
            site.root_page.get_children().live().public().in_menu().only("id", "title", "url_path", "path", "depth")
        )
    current = context.get("page") or context.get("self")
    current_path = getattr(current, "path", "")
    section = context.get("section")
    return {
        "items": items,
        "current_path": getattr(section, "path", None) or current_path,
        "request": request,
    }


@register.filter
def is_within(page: Page, path: str) -> bool:
    """True when ``path`` is ``page`` or lies below it in the tree (marks the active navigation item)."""
    return bool(path) and path.startswith(page.path)


@register.filter
def iso_datetime(value) -> str:
    """The machine-readable value of ``<time datetime>``: ISO 8601 in whole seconds, with the UTC offset.

    Django's ``date:"c"`` keeps the microseconds, six digits of a second where HTML allows at most three.
    """
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""


@register.filter
def width_srcset(renditions) -> str:
    """``url 640w, url 960w`` for a list of renditions (one format of a Picture)."""
    return ResponsiveImage.get_width_srcset(list(renditions or [])) if renditions else ""

"""Site chrome for every reader page: navigation, formatted dates, responsive image sizes."""

from django import template

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
def width_srcset(renditions) -> str:
    """``url 640w, url 960w`` for a list of renditions (one format of a Picture)."""
    return ResponsiveImage.get_width_srcset(list(renditions or [])) if renditions else ""

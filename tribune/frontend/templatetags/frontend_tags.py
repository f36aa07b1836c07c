"""Site chrome for every reader page: navigation, dates and numbers in the edition's formats, fonts, image sizes."""

import datetime

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone, translation

from wagtail.images.models import ResponsiveImage
from wagtail.models import Page, Site

from tribune.frontend import fonts, locale_formats

register = template.Library()


@register.inclusion_tag("frontend/components/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    home = edition_home(site) if site is not None else None
    if home is not None:
        items = list(home.get_children().live().public().in_menu().only("id", "title", "url_path", "path", "depth"))
    current = context.get("page") or context.get("self")
    current_path = getattr(current, "path", "")
    section = context.get("section")
    return {
        "items": items,
        "current_path": getattr(section, "path", None) or current_path,
        "request": request,
    }


def edition_home(site: Site) -> Page | None:
    """The home page of the active edition: the site's root page in the default language (no query), else its
    translation (one query, made inside the navigation's cached fragment)."""
    language = translation.get_language()
    if language == settings.LANGUAGE_CODE:
        return site.root_page
    return (
        Page.objects.filter(translation_key=site.root_page.translation_key, locale__language_code=language)
        .live()
        .first()
    )


@register.simple_tag
def edition_home_url() -> str:
    """The address of the active edition's home page: ``/`` for the default language, ``/hi/`` for Hindi."""
    language = translation.get_language()
    return "/" if language == settings.LANGUAGE_CODE else f"/{language}/"


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


# Dates, times, numbers and reading time in the active edition's formats (tribune/frontend/locale_formats.py).
register.filter("edition_date", locale_formats.edition_date)
register.filter("edition_time", locale_formats.edition_time)
register.filter("edition_datetime", locale_formats.edition_datetime)
register.filter("edition_number", locale_formats.edition_number)
register.filter("reading_time", locale_formats.reading_time)


@register.inclusion_tag("frontend/components/font_preloads.html")
def edition_font_preloads():
    """Preloads of the active language's own fonts (none for English, whose text uses the system's)."""
    return {"urls": [static(path) for path in fonts.preloaded_paths(translation.get_language())]}

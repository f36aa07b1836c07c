"""``{% editions as links %}``: the editions of what the template shows, for the language switcher and the
``hreflang`` alternates of the base template (``frontend`` loads this library by name, never imports it)."""

from django import template

from wagtail.models import Page

from tribune.editions.selectors import page_editions, path_editions, x_default

register = template.Library()


@register.simple_tag(takes_context=True)
def editions(context):
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    links = page_editions(page, request) if isinstance(page, Page) else path_editions(request)
    return links if len(links) > 1 else []


@register.inclusion_tag("editions/alternates.html")
def edition_alternates(links):
    return {"links": links, "default": x_default(links)}


@register.inclusion_tag("editions/language_switcher.html")
def language_switcher(links):
    return {"links": links}

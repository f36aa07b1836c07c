from django import template

from tribune.core.text import plain_text as _plain_text
from tribune.core.text import xml_safe as _xml_safe

from .. import jsonld

register = template.Library()


@register.simple_tag(takes_context=True)
def article_jsonld(context, article, section=None):
    data = jsonld.article_data(article, getattr(section, "title", None), request=context.get("request"))
    return jsonld.json_ld_script(data)


@register.simple_tag
def contributor_jsonld(contributor):
    return jsonld.json_ld_script(jsonld.contributor_data(contributor))


@register.simple_tag(takes_context=True)
def site_jsonld(context):
    """The publisher (``NewsMediaOrganization`` with its logo) and the ``WebSite`` with its ``SearchAction``."""
    return jsonld.json_ld_script(jsonld.site_data(context.get("request")))


@register.simple_tag(takes_context=True)
def site_logo(context) -> dict:
    """The publisher's logo (``url``, ``width``, ``height``), for a page with no image of its own to share."""
    return jsonld.site_logo(context.get("request"))


@register.filter
def xml_safe(value):
    return _xml_safe(str(value))


@register.filter
def plain_text(value):
    """Text that opens no tag (``core.text.plain_text``), for XML that others show as HTML (a news sitemap title)."""
    return _plain_text(str(value))

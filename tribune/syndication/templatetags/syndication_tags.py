from django import template

from tribune.core.text import xml_safe as _xml_safe

from .. import jsonld

register = template.Library()


@register.simple_tag
def article_jsonld(article, section=None):
    return jsonld.json_ld_script(jsonld.article_data(article, getattr(section, "title", None)))


@register.simple_tag
def contributor_jsonld(contributor):
    return jsonld.json_ld_script(jsonld.contributor_data(contributor))


@register.filter
def xml_safe(value):
    return _xml_safe(str(value))

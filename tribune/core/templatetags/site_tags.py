"""``public_url``: a path made absolute on the site's public base address (``SITE_URL``, ``core.sites``)."""

from django import template

from .. import sites

register = template.Library()


@register.filter
def public_url(value) -> str:
    return sites.public_url(str(value))

"""The outlet's trust pages (``TrustPages``) for the footer, the privacy view and the standard page's template:
``{% trust_links as links %}``, ``{% trust_page "privacy" as privacy_page %}``,
``{% is_trust_page page "privacy" as flag %}``."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.models import Page

from tribune.core.sites import site_for_request

from .. import selectors

register = template.Library()


def _site(context):
    request = context.get("request")
    return site_for_request(request) if request is not None else None


@register.simple_tag(takes_context=True)
def trust_links(context) -> list[dict]:
    """The footer's trust links, each ``{"name", "title", "url"}``: the designated pages readers may see, in the
    reader's edition where translated, with the public corrections log after the corrections policy and the privacy
    page always. The privacy page's address is the privacy view's, which shows the designated page's text above the
    statement of what the site records."""
    designated = selectors.trust_links(_site(context))
    links = []
    for name, link in designated.items():
        if name == "privacy":
            link = {**link, "url": reverse("privacy")}
        links.append({"name": name, "title": link["title"], "url": link["url"]})
        if name == "corrections_policy":
            links.append(_corrections_log())
    if "corrections_policy" not in designated:
        links.append(_corrections_log())
    if "privacy" not in designated:
        links.append({"name": "privacy", "title": _("Privacy"), "url": reverse("privacy")})
    return links


def _corrections_log() -> dict:
    return {"name": "corrections_log", "title": _("Corrections"), "url": reverse("corrections")}


@register.simple_tag(takes_context=True)
def trust_page(context, name: str):
    """The designated page ``name`` in the reader's edition (its translation where live), specific, or ``None``."""
    link = selectors.trust_links(_site(context)).get(name)
    if link is None:
        return None
    page = Page.objects.live().filter(pk=link["page_id"]).first()
    return page.specific if page is not None else None


@register.simple_tag(takes_context=True)
def is_trust_page(context, page, name: str) -> bool:
    """Whether ``page`` is the designated page ``name`` as shown in this edition."""
    link = selectors.trust_links(_site(context)).get(name)
    return link is not None and page is not None and link["page_id"] == page.pk

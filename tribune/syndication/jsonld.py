"""schema.org structured data for the site (publisher and search), articles and contributor pages, built as plain
dicts."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.html import _json_script_escapes
from django.utils.safestring import SafeString, mark_safe

from wagtail.models import Site

from tribune.contributors.models import Contributor
from tribune.core import fragments, locales
from tribune.core.sites import public_url
from tribune.core.text import is_web_url, plain_text
from tribune.newsroom.models import ETHICS_POLICY_FROM, TRUST_PAGES, ArticleKind, ArticlePage, EditorialSettings
from tribune.newsroom.selectors import trust_links

SCHEMA_TYPES = {
    ArticleKind.OPINION: "OpinionNewsArticle",
    ArticleKind.ANALYSIS: "AnalysisNewsArticle",
}
IMAGE_SPEC = "fill-1200x675"
LOGO_SPEC = "max-600x600"
# Shipped with the site, used until editors choose a logo in the editorial settings.
DEFAULT_LOGO = {"path": "frontend/img/logo.png", "width": 512, "height": 512}


def site_logo(request=None) -> dict:
    """The publisher's logo as a schema.org ``ImageObject``: the editorial settings' image, or the shipped default.
    Kept under the content generation, which a settings change moves on."""
    site = Site.find_for_request(request) if request else None
    site = site or Site.objects.filter(is_default_site=True).first()

    def build() -> dict:
        if site is None:
            image = None
        elif request is not None:  # kept on the request: a page that shows the logo twice reads the settings once
            image = EditorialSettings.for_request(request).publisher_logo
        else:
            image = EditorialSettings.for_site(site).publisher_logo
        if image is None:
            url, width, height = static(DEFAULT_LOGO["path"]), DEFAULT_LOGO["width"], DEFAULT_LOGO["height"]
        else:
            rendition = image.get_rendition(LOGO_SPEC)
            url, width, height = rendition.url, rendition.width, rendition.height
        return {"@type": "ImageObject", "url": public_url(url), "width": width, "height": height}

    return fragments.cached("site-logo", [site.pk if site else None], [fragments.CONTENT], build)


def publisher(request=None) -> dict:
    data = {
        "@type": "NewsMediaOrganization",
        "@id": public_url("/#publisher"),
        "name": settings.SITE_NAME,
        "url": public_url("/"),
        "logo": site_logo(request),
    }
    data.update(trust_policies(request))
    return data


def trust_policies(request=None) -> dict:
    """The publisher's policies (``TrustPages``) as schema.org properties with absolute URLs, in the edition being
    read where the page is translated: publishingPrinciples and ethicsPolicy (the standards page), correctionsPolicy,
    masthead, actionableFeedbackPolicy (contact). Only the pages set and visible to readers."""
    site = Site.find_for_request(request) if request else None
    site = site or Site.objects.filter(is_default_site=True).first()
    links = trust_links(site)
    policies = {prop: public_url(links[name]["url"]) for name, prop in TRUST_PAGES if prop and name in links}
    if ETHICS_POLICY_FROM in links:
        policies["ethicsPolicy"] = public_url(links[ETHICS_POLICY_FROM]["url"])
    return policies


def site_data(request=None) -> dict:
    """The publisher and the website, with the search readers can run from a search engine's results."""
    search = public_url(reverse("search"))
    website = {
        "@type": "WebSite",
        "@id": public_url("/#website"),
        "name": settings.SITE_NAME,
        "url": public_url("/"),
        "inLanguage": translation.get_language(),  # the edition being read: /hi/ is the Hindi website
        "publisher": {"@id": public_url("/#publisher")},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
    return {"@context": "https://schema.org", "@graph": [publisher(request), website]}


def person(contributor: Contributor) -> dict:
    data = {
        "@type": "Person",
        "name": contributor.local_name,
        "url": public_url(contributor.get_absolute_url()),
    }
    if role := contributor.localised("role"):
        data["jobTitle"] = role
    if contributor.affiliation:
        data["affiliation"] = {"@type": "Organization", "name": contributor.affiliation}
    if contributor.local_short_bio:
        data["description"] = contributor.local_short_bio
    return data


def article_data(article: ArticlePage, section_title: str | None = None, request=None) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(article.kind, "NewsArticle"),
        "headline": article.title,
        "description": article.standfirst,
        "url": public_url(article.url),
        "mainEntityOfPage": article.get_canonical_url(),
        "datePublished": article.first_published_at,
        "dateModified": article.date_modified,
        "author": [person(c) for c in article.ordered_contributors],
        "publisher": publisher(request),
        "inLanguage": locales.language_code(article.locale_id),
        "wordCount": article.body_word_count(),
    }
    if section_title:
        data["articleSection"] = section_title
    image = article.get_social_image()
    # Search engines want an image for every article: without a lead or social image, the publisher's logo.
    data["image"] = [public_url(image.get_rendition(IMAGE_SPEC).url) if image else data["publisher"]["logo"]["url"]]
    keywords = [topic.local_name for topic in article.topic_list]
    if keywords:
        data["keywords"] = keywords
    return data


def contributor_data(contributor: Contributor) -> dict:
    data = {"@context": "https://schema.org", **person(contributor)}
    data["sameAs"] = [link.url for link in contributor.links.all() if is_web_url(link.url)]
    if contributor.photo:
        data["image"] = public_url(contributor.photo.get_rendition("fill-400x400").url)
    return data


# Besides "<", ">" and "&" (Django's json_script escapes), the line separators some JavaScript parsers end a line at.
JSON_LD_ESCAPES = {**_json_script_escapes, ord("\u2028"): "\\u2028", ord("\u2029"): "\\u2029"}


def _as_text(value):
    """Every string in structured data as text that opens no tag (``core.text.plain_text``): search engines show a
    headline as text, but a link preview or an aggregator may not."""
    if isinstance(value, str):
        return plain_text(value)
    if isinstance(value, dict):
        return {key: _as_text(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_as_text(item) for item in value]
    return value


def json_ld_script(data: dict) -> SafeString:
    """A ``<script type="application/ld+json">`` element that no string inside ``data`` can break out of."""
    payload = json.dumps(_as_text(data), cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_LD_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above

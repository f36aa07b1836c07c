"""schema.org structured data for articles and contributor pages, built as plain dicts."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes
from django.utils.safestring import SafeString, mark_safe

from tribune.contributors.models import Contributor
from tribune.core.sites import public_url
from tribune.newsroom.models import ArticleKind, ArticlePage

SCHEMA_TYPES = {
    ArticleKind.OPINION: "OpinionNewsArticle",
    ArticleKind.ANALYSIS: "AnalysisNewsArticle",
}
IMAGE_SPEC = "fill-1200x675"


def publisher() -> dict:
    return {"@type": "NewsMediaOrganization", "name": settings.SITE_NAME, "url": public_url("/")}


def person(contributor: Contributor) -> dict:
    data = {
        "@type": "Person",
        "name": contributor.name,
        "url": public_url(contributor.get_absolute_url()),
    }
    if contributor.role:
        data["jobTitle"] = contributor.role
    if contributor.affiliation:
        data["affiliation"] = {"@type": "Organization", "name": contributor.affiliation}
    if contributor.short_bio:
        data["description"] = contributor.short_bio
    return data


def article_data(article: ArticlePage, section_title: str | None = None) -> dict:
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
        "publisher": publisher(),
        "inLanguage": article.locale.language_code,
        "wordCount": article.body_word_count(),
    }
    if section_title:
        data["articleSection"] = section_title
    image = article.get_social_image()
    if image:
        data["image"] = [public_url(image.get_rendition(IMAGE_SPEC).url)]
    keywords = [topic.name for topic in article.topic_list]
    if keywords:
        data["keywords"] = keywords
    return data


def contributor_data(contributor: Contributor) -> dict:
    data = {"@context": "https://schema.org", **person(contributor)}
    data["sameAs"] = [link.url for link in contributor.links.all()]
    if contributor.photo:
        data["image"] = public_url(contributor.photo.get_rendition("fill-400x400").url)
    return data


def json_ld_script(data: dict) -> SafeString:
    """A ``<script type="application/ld+json">`` element that no string inside ``data`` can break out of."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above

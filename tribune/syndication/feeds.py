"""RSS 2.0 and Atom feeds for the whole site, each section, contributor and topic, each country, person,
organisation and region the analysis links articles to (``tribune.analysis.coverage``), and the corrections log.

Each language edition has its own feeds under its prefix (``/feeds/rss/``, ``/hi/feeds/rss/``): they list only that
edition's articles, in its language (the channel's ``<language>``, the fixed texts through gettext), linking to the
edition's addresses.

Every article feed also comes in full text (``.../full/rss/``, ``.../full/atom/``): each entry carries the article's
body and its lead image (``media:content`` and an enclosure).

Feed readers render descriptions and content as HTML, so the feed generators themselves (``TribuneRssFeed``,
``TribuneAtomFeed``) pass every one through ``core.text.clean_html``, whatever a feed class hands them: a new feed is
safe without having to remember it. Titles, names and categories are text constructs, written as text that opens no
tag (``core.text.plain_text``), since feed readers show RSS titles as HTML. Every link
is absolute on the public base address (``core.sites.public_url``), whatever host the feed was requested on.
"""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _

from tribune.analysis import coverage
from tribune.analysis.models import EntityKind
from tribune.contributors.models import Contributor
from tribune.core import fragments
from tribune.core.sites import public_url
from tribune.core.text import clean_html, plain_text, text_html
from tribune.newsroom import selectors
from tribune.newsroom.models import ArticlePage, SectionPage
from tribune.taxonomy.models import Country, Topic

from .editions import active_edition

FEED_LENGTH = 30
MEDIA_NAMESPACE = "http://search.yahoo.com/mrss/"
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
LEAD_IMAGE_SPEC = "fill-1200x675"


class SanitisedFeedMixin:
    """The one place feed text is made safe, whatever a feed class hands the generator: HTML fields (RSS's channel
    description, each item's description and full text) through ``clean_html``, relative links resolved against
    the item's address; every other string (titles, names, categories, links) through ``plain_text``, since many
    feed readers show an RSS title as HTML too, so no field can open a tag."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _sanitise(self.feed, html_fields={"description"}, base_url=self.feed["link"])

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **kwargs)
        item = self.items[-1]
        _sanitise(item, html_fields={"description", "content"}, base_url=item["link"])


def _sanitise(fields: dict, *, html_fields: set[str], base_url: str) -> None:
    for name, value in fields.items():
        if name in html_fields and value is not None:
            fields[name] = clean_html(value, base_url=base_url)
        elif isinstance(value, str):
            fields[name] = plain_text(value)
        elif isinstance(value, list | tuple) and all(isinstance(part, str) for part in value):
            fields[name] = [plain_text(part) for part in value]
        elif isinstance(value, dict):
            _sanitise(value, html_fields=set(), base_url=base_url)


def _add_media(handler, media: dict | None) -> None:
    if media:
        handler.addQuickElement("media:content", None, media)


class TribuneRssFeed(SanitisedFeedMixin, Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NAMESPACE, "xmlns:media": MEDIA_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])
        _add_media(handler, item.get("media"))


class TribuneAtomFeed(SanitisedFeedMixin, Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})
        _add_media(handler, item.get("media"))


FEED_FORMATS = {"rss": TribuneRssFeed, "atom": TribuneAtomFeed}


class PublicFeed(Feed):
    """A feed in one of ``FEED_FORMATS`` whose own address (Atom's ``rel="self"``) is on the public base."""

    def __init__(self, feed_format: str = "rss"):
        super().__init__()
        self.feed_type = FEED_FORMATS[feed_format]

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["feed_url"] = public_url(request.path)
        return feed


def article_full_text(article: ArticlePage) -> str:
    """The article's body as the page renders it, sanitised, its links absolute; kept under the content
    generation, so a full-text feed renders each body once per publish."""

    def build() -> str:
        return clean_html(article.body.render_as_block(), base_url=public_url(article.url))

    return fragments.cached("feed-full-text", [article.pk], [fragments.CONTENT], build)


def lead_image_rendition(article: ArticlePage):
    return article.lead_image.get_rendition(LEAD_IMAGE_SPEC) if article.lead_image else None


def _file_size(rendition) -> int:
    try:
        return rendition.file.size
    except (OSError, ValueError):
        return 0  # what the RSS profile asks for when the size cannot be told


def edition_articles():
    """The published articles of the edition the feed was asked for (its address's language prefix)."""
    return selectors.published_articles().filter(locale__language_code=active_edition())


class ArticleFeed(PublicFeed):
    """The site-wide feed; subclasses narrow it to one section, contributor or topic. With ``full_text``, each
    entry carries the article's body and lead image."""

    def __init__(self, feed_format: str = "rss", *, full_text: bool = False):
        super().__init__(feed_format)
        self.full_text = full_text

    def get_object(self, request, *args, **kwargs):
        return None

    def feed_title(self, obj) -> str:
        return settings.SITE_NAME

    def title(self, obj):
        title = self.feed_title(obj)
        return _("%(title)s (full text)") % {"title": title} if self.full_text else title

    def subtitle(self, obj):
        return _("Expert opinion and analysis")

    def description(self, obj):
        return text_html(self.subtitle(obj))

    def link(self, obj):
        return public_url(reverse("wagtail_serve", args=("",)))  # the edition's home page

    def articles(self, obj):
        return edition_articles()

    def items(self, obj):
        articles = selectors.with_card_data(self.articles(obj))
        if self.full_text:
            articles = articles.defer(None)  # the body, which listings leave out
        return articles[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return text_html(item.standfirst)

    def item_link(self, item):
        return public_url(item.url)

    def item_guid(self, item):
        return public_url(item.url)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.date_modified

    def item_author_name(self, item):
        return ", ".join(c.local_name for c in item.ordered_contributors)

    def item_categories(self, item):
        return [item.kind_label]

    def item_enclosures(self, item):
        rendition = lead_image_rendition(item) if self.full_text else None
        if rendition is None:
            return []
        mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
        return [Enclosure(public_url(rendition.url), str(_file_size(rendition)), mime_type)]

    def item_extra_kwargs(self, item):
        if not self.full_text:
            return {}
        extra = {"content": article_full_text(item)}
        rendition = lead_image_rendition(item)
        if rendition is not None:
            extra["media"] = {
                "url": public_url(rendition.url),
                "medium": "image",
                "type": mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg",
                "width": str(rendition.width),
                "height": str(rendition.height),
            }
        return extra


class SectionFeed(ArticleFeed):
    def get_object(self, request, slug):
        # Each edition's translation of a section keeps the slug: the edition's own is the one asked for.
        return get_object_or_404(
            SectionPage.objects.live().public().filter(locale__language_code=active_edition()), slug=slug
        )

    def feed_title(self, obj):
        return f"{obj.title} · {settings.SITE_NAME}"

    def subtitle(self, obj):
        return obj.tagline or obj.title

    def link(self, obj):
        return public_url(obj.url)

    def articles(self, obj):
        return edition_articles().child_of(obj)


class ContributorFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Contributor.objects.public(), slug=slug)

    def feed_title(self, obj):
        return f"{obj.local_name} · {settings.SITE_NAME}"

    def subtitle(self, obj):
        return obj.local_short_bio or obj.role_line or obj.local_name

    def link(self, obj):
        return public_url(obj.get_absolute_url())

    def articles(self, obj):
        return edition_articles().filter(bylines__contributor=obj)


class TopicFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def feed_title(self, obj):
        return f"{obj.local_name} · {settings.SITE_NAME}"

    def subtitle(self, obj):
        return obj.local_description or obj.local_name

    def link(self, obj):
        return public_url(obj.get_absolute_url())

    def articles(self, obj):
        return edition_articles().filter(tagged_topics__tag=obj)


class EntityFeed(ArticleFeed):
    """The articles about one person, organisation or region, as its page lists them."""

    kind = EntityKind.PERSON

    def get_object(self, request, slug):
        entity = coverage.entity_for_page(self.kind, slug)
        if entity is None or entity.is_merged or not coverage.has_coverage(entity):
            raise Http404
        return entity

    def feed_title(self, obj):
        return f"{obj.local_name} · {settings.SITE_NAME}"

    def subtitle(self, obj):
        return _("Expert opinion and analysis on %(name)s") % {"name": obj.local_name}

    def link(self, obj):
        return public_url(obj.get_absolute_url())

    def articles(self, obj):
        return coverage.about_entity(obj).filter(locale__language_code=active_edition())


class PersonFeed(EntityFeed):
    kind = EntityKind.PERSON


class OrganisationFeed(EntityFeed):
    kind = EntityKind.ORGANISATION


class RegionFeed(EntityFeed):
    kind = EntityKind.REGION


class CountryFeed(ArticleFeed):
    """A country's articles: those filed under it and those the analysis found it leads or matters to."""

    def get_object(self, request, slug):
        country = get_object_or_404(Country, slug=slug)
        return country, coverage.country_entity(country)

    def feed_title(self, obj):
        return f"{obj[0].local_name} · {settings.SITE_NAME}"

    def subtitle(self, obj):
        return _("Expert opinion and analysis on %(name)s") % {"name": obj[0].local_name}

    def link(self, obj):
        return public_url(obj[0].get_absolute_url())

    def articles(self, obj):
        country, entity = obj
        return coverage.about_entity(entity, country).filter(locale__language_code=active_edition())


class CorrectionFeed(PublicFeed):
    """Corrections and updates on published articles, newest first: one entry per note."""

    def title(self):
        return _("Corrections and updates · %(site)s") % {"site": settings.SITE_NAME}

    def subtitle(self):
        return _("Corrections and update notes added to our articles after publication")

    def description(self):
        return text_html(self.subtitle())

    def link(self):
        return public_url(reverse("corrections"))

    def items(self):
        return selectors.recent_corrections().filter(article__locale__language_code=active_edition())[:FEED_LENGTH]

    def item_title(self, item):
        # The kind ("Correction", "Update") before the headline, as the article's own change log names it.
        return _("%(kind)s: %(title)s") % {"kind": item.get_kind_display(), "title": item.article.title}

    def item_description(self, item):
        # A note is plain text: shown as the page shows it, escaped, its line breaks kept.
        return text_html(item.note)

    def item_link(self, item):
        return public_url(f"{item.article.url}#corrections")

    def item_guid(self, item):
        return public_url(f"{item.article.url}#correction-{item.pk}")

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [item.get_kind_display()]

"""RSS 2.0 and Atom feeds for the whole site, each section, contributor and topic, and the corrections log."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from tribune.contributors.models import Contributor
from tribune.core.text import xml_safe
from tribune.newsroom import selectors
from tribune.newsroom.models import SectionPage
from tribune.taxonomy.models import Topic

FEED_LENGTH = 30
FEED_FORMATS = {"rss": Rss201rev2Feed, "atom": Atom1Feed}


class ArticleFeed(Feed):
    """The site-wide feed; subclasses narrow it to one section, contributor or topic."""

    def __init__(self, feed_format: str = "rss"):
        super().__init__()
        self.feed_type = FEED_FORMATS[feed_format]

    def get_object(self, request, *args, **kwargs):
        return None

    def title(self, obj):
        from django.conf import settings

        return settings.SITE_NAME

    def description(self, obj):
        return _("Expert opinion and analysis")

    subtitle = description

    def link(self, obj):
        return "/"

    def articles(self, obj):
        return selectors.published_articles()

    def items(self, obj):
        return selectors.with_card_data(self.articles(obj))[:FEED_LENGTH]

    def item_title(self, item):
        return xml_safe(item.title)

    def item_description(self, item):
        return xml_safe(item.standfirst)

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.date_modified

    def item_author_name(self, item):
        return xml_safe(", ".join(c.name for c in item.ordered_contributors))

    def item_categories(self, item):
        return [xml_safe(item.kind_label)]


class SectionFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(SectionPage.objects.live().public(), slug=slug)

    def title(self, obj):
        return xml_safe(f"{obj.title} · {super().title(obj)}")

    def description(self, obj):
        return xml_safe(obj.tagline or obj.title)

    subtitle = description

    def link(self, obj):
        return obj.url

    def articles(self, obj):
        return selectors.published_articles().child_of(obj)


class ContributorFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Contributor.objects.public(), slug=slug)

    def title(self, obj):
        return xml_safe(f"{obj.name} · {super().title(obj)}")

    def description(self, obj):
        return xml_safe(obj.short_bio or obj.role_line or obj.name)

    subtitle = description

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj):
        return selectors.published_articles().filter(bylines__contributor=obj)


class TopicFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj):
        return xml_safe(f"{obj.name} · {super().title(obj)}")

    def description(self, obj):
        return xml_safe(obj.description or obj.name)

    subtitle = description

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj):
        return selectors.published_articles().filter(tagged_topics__tag=obj)


class CorrectionFeed(Feed):
    """Corrections and updates on published articles, newest first: one entry per note."""

    def __init__(self, feed_format: str = "rss"):
        super().__init__()
        self.feed_type = FEED_FORMATS[feed_format]

    def title(self):
        return xml_safe(f"{_('Corrections and updates')} · {settings.SITE_NAME}")

    def description(self):
        return _("Corrections and update notes added to our articles after publication")

    subtitle = description

    def link(self):
        return reverse("corrections")

    def items(self):
        return selectors.recent_corrections()[:FEED_LENGTH]

    def item_title(self, item):
        return xml_safe(f"{item.get_kind_display()}: {item.article.title}")

    def item_description(self, item):
        # Feed readers treat descriptions as HTML; a note is plain text, so escape it and keep its line breaks.
        return linebreaksbr(xml_safe(item.note), autoescape=True)

    def item_link(self, item):
        return f"{item.article.url}#corrections"

    def item_guid(self, item):
        return f"{item.article.full_url}#correction-{item.pk}"

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [xml_safe(item.get_kind_display())]

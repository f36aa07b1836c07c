"""The XML sitemap: Wagtail's page sitemap restricted to what readers may see, plus the pages outside the tree."""

from django.contrib.sitemaps import Sitemap as DjangoSitemap

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from tribune.newsroom.models import ArticlePage
from tribune.newsroom.selectors import public_contributors
from tribune.taxonomy.models import Topic


class PublicPageSitemap(WagtailSitemap):
    def items(self):
        unpublished_articles = ArticlePage.objects.exclude(pk__in=ArticlePage.objects.published().values("pk"))
        return super().items().exclude(pk__in=unpublished_articles.values("pk"))


class ContributorSitemap(DjangoSitemap):
    def items(self):
        return public_contributors().order_by("slug")


class TopicSitemap(DjangoSitemap):
    def items(self):
        return Topic.objects.filter(tagged_articles__content_object__in=ArticlePage.objects.published()).distinct()


SITEMAPS = {"pages": PublicPageSitemap, "experts": ContributorSitemap, "topics": TopicSitemap}

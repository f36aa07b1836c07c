"""The XML sitemap: an index of sections whose pages are sliced in SQL, so a response renders at most
``SITEMAP_PAGE_SIZE`` URLs however large the archive.

Every section starts from what readers may see (``ArticlePage.objects.published()``, Wagtail's live public
pages, approved profiles, topics of published articles) and loads only the columns its URLs and dates need.
Articles, experts and topics are ordered by primary key, so that what is published next lands on the last
page instead of shifting every page.

Every address is on the public base (``SITE_URL``, ``core.sites``), whatever host the sitemap was requested on.
"""

from urllib.parse import quote, urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import OuterRef, Subquery
from django.utils.http import RFC3986_SUBDELIMS

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import get_page_models

from tribune.contributors.models import Contributor
from tribune.core.sites import public_base_url, public_url
from tribune.newsroom.models import ArticlePage
from tribune.taxonomy.models import Topic

# URLs per sitemap page: a tenth of the protocol's 50,000, so that one page renders in well under a second.
SITEMAP_PAGE_SIZE = 5_000
# The protocol's limit on the sitemaps one index lists; no page number beyond it can exist.
SITEMAP_INDEX_LIMIT = 50_000
# What Django's reverse() leaves unquoted in a path (django.urls.resolvers), so joined addresses match Wagtail's.
URL_PATH_SAFE = RFC3986_SUBDELIMS + "/~:@"


class SectionPaginator(Paginator):
    """Django's paginator counts the whole section to check a page number, a query that costs as much as the
    archive is large; this one only slices the page in SQL, and ``PagedSitemap`` turns an empty page past the
    first into a 404. The index still counts each section once, for ``num_pages``."""

    def validate_number(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number > SITEMAP_INDEX_LIMIT:
            raise EmptyPage(self.error_messages["no_results"])
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)


class PagedSitemap(DjangoSitemap):
    """A section of the index: pages of ``SITEMAP_PAGE_SIZE`` URLs, listed in the index without a date."""

    @property
    def limit(self) -> int:
        return SITEMAP_PAGE_SIZE

    def get_urls(self, page=1, site=None, protocol=None):
        # Django joins the request's scheme and host to each path; the public base replaces both.
        base = urlsplit(public_base_url())
        return self._urls(page, base.scheme, base.netloc)

    @property
    def paginator(self) -> SectionPaginator:
        return SectionPaginator(self._items(), self.limit)

    def _urls(self, page, protocol, domain):
        urls = self._page_urls(page, protocol, domain)
        if not urls and int(page) > 1:  # the page number was validated while the page was read
            raise EmptyPage(SectionPaginator.default_error_messages["no_results"])
        return urls

    def _page_urls(self, page, protocol, domain) -> list[dict]:
        return super()._urls(page, protocol, domain)

    def get_latest_lastmod(self):
        # Django would stamp every page of a section with the section's newest date (after reading every item
        # to find it), telling crawlers that all pages changed whenever one article is published. Each URL
        # carries its own <lastmod> instead.
        return None


class ArticleSitemap(PagedSitemap, WagtailSitemap):
    """Up to 5,000 articles a page, read as plain rows: no page objects, and each address joined from the site's
    home page address and the article's path below it instead of resolved one by one (``_page_urls``)."""

    def items(self):
        return (
            ArticlePage.objects.published()
            .descendant_of(self.get_wagtail_site().root_page, inclusive=True)
            .order_by("pk")
            .values_list("url_path", "last_published_at", "latest_revision_created_at")
        )

    def _page_urls(self, page, protocol, domain) -> list[dict]:
        root = self.get_wagtail_site().root_page
        # Wagtail's address for a page is the site's root URL plus reverse("wagtail_serve", path below the home
        # page); the home page's own address is that with an empty path, and reverse only appends and quotes.
        home_url, below = public_url(root.get_url(self.request)), len(root.url_path)
        urls = [
            {"location": home_url + quote(url_path[below:], safe=URL_PATH_SAFE), "lastmod": published or revised}
            for url_path, published, revised in self.paginator.page(page).object_list
        ]
        if urls and all(url["lastmod"] for url in urls):
            self.latest_lastmod = max(url["lastmod"] for url in urls)  # the response's Last-Modified, as Wagtail's
        return urls


class PageSitemap(PagedSitemap, WagtailSitemap):
    """The home page, sections, series and standing pages: Wagtail's live public pages other than articles."""

    def items(self):
        # Naming the other page types, rather than excluding articles, lets the database find these few pages
        # among 100,000 articles through its content-type index instead of reading every page.
        other_types = [model for model in get_page_models() if not issubclass(model, ArticlePage)]
        return super().items().exact_type(*other_types)


class ContributorSitemap(PagedSitemap):
    def items(self):
        return Contributor.objects.public().order_by("pk").only("slug")


class TopicSitemap(PagedSitemap):
    """Topics of at least one published article: a topic used only on drafts or embargoed pieces stays unlisted."""

    def items(self):
        # A correlated LIMIT 1 stops at each topic's first published article; PostgreSQL plans the equivalent
        # EXISTS as a join over every tagged article (0.4 s at 100,000 articles, against 1 ms).
        first_published = (
            ArticlePage.objects.published().filter(tagged_topics__tag=OuterRef("pk")).order_by().values("pk")[:1]
        )
        return (
            Topic.objects.alias(first_published=Subquery(first_published))
            .filter(first_published__isnull=False)
            .order_by("pk")
            .only("slug")
        )


# Section names become the child sitemaps' addresses: /sitemap-<name>.xml.
SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "experts": ContributorSitemap,
    "topics": TopicSitemap,
}

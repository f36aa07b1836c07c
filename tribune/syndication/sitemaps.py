"""The XML sitemap: an index of sections whose pages are sliced in SQL, so a response renders at most
``SITEMAP_PAGE_SIZE`` URLs however large the archive.

Every section starts from what readers may see (``ArticlePage.objects.published()``, Wagtail's live public
pages, approved profiles, topics of published articles) and loads only the columns its URLs and dates need.
Articles, experts and topics are ordered by primary key, so that what is published next lands on the last
page instead of shifting every page.

The home page, section and article sections cover every enabled language edition (``/…``, ``/hi/…``), and name
each page's live translations as ``hreflang`` alternates.

Every address is on the public base (``SITE_URL``, ``core.sites``), whatever host the sitemap was requested on.
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import quote, urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page, Site, get_page_models

from tribune.contributors.models import Contributor
from tribune.core.sites import public_base_url, public_url
from tribune.newsroom.models import ArticlePage, TrustPages
from tribune.taxonomy.models import Topic

from .editions import content_languages, edition_home_path

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


@dataclass(frozen=True)
class EditionRoot:
    """One language edition of the site: its home page's tree address (``/home-hi/``) and public address."""

    language_code: str
    url_path: str
    home_url: str

    def url(self, url_path: str) -> str:
        """The public address of a page below this home page, from its tree address: Wagtail's address for a page
        is ``reverse("wagtail_serve", path below the home page)`` in the edition's language, and reverse only
        appends the quoted path to the home page's own address."""
        return self.home_url + quote(url_path[len(self.url_path) :], safe=URL_PATH_SAFE)


class EditionPageSitemap(PagedSitemap, WagtailSitemap):
    """Pages of every enabled edition, read as plain rows: no page objects, each address joined from its edition's
    home address and the page's path below it instead of resolved one by one. A page with live translations lists
    each of them, itself included, and ``x-default`` as ``<xhtml:link rel="alternate">``, all found for the whole
    sitemap page in one query."""

    ordering: str = "pk"

    def visible_pages(self):
        """What readers may see of this section's pages, in any edition."""
        raise NotImplementedError

    @cached_property
    def editions(self) -> list[EditionRoot]:
        """The site's home page and its translations into the enabled languages, the default edition first."""
        site_id = self.get_wagtail_site().pk
        # Wagtail's list of home pages, in each language: the request's copy (core.sites), else the cache's.
        root_paths = getattr(self.request, "_wagtail_cached_site_root_paths", None) or Site.get_site_root_paths()
        roots = {root.language_code: root.root_path for root in root_paths if root.site_id == site_id}
        return [
            EditionRoot(language, roots[language], public_url(edition_home_path(language)))
            for language in content_languages()
            if language in roots
        ]

    def edition_of(self, url_path: str) -> EditionRoot | None:
        return next((root for root in self.editions if url_path.startswith(root.url_path)), None)

    def in_editions(self):
        pages = Q(pk__in=[])
        for root in self.editions:
            pages |= Q(url_path__startswith=root.url_path)
        return self.visible_pages().filter(pages)

    def items(self):
        return (
            self.in_editions()
            .order_by(self.ordering)
            .values_list("url_path", "last_published_at", "latest_revision_created_at", "translation_key")
        )

    def _page_urls(self, page, protocol, domain) -> list[dict]:
        rows = self.paginator.page(page).object_list
        versions = self.live_versions({key for *_columns, key in rows})
        urls = []
        for url_path, published, revised, key in rows:
            location = self.location_of(url_path, key)
            urls.append(
                {
                    "location": location,
                    "lastmod": published or revised,
                    "alternates": alternate_links(versions.get(key, {}), location),
                }
            )
        if urls and all(url["lastmod"] for url in urls):
            self.latest_lastmod = max(url["lastmod"] for url in urls)  # the response's Last-Modified, as Wagtail's
        return urls

    def live_versions(self, translation_keys: set) -> dict[object, dict[str, str]]:
        """``{translation key: {language code: address}}`` of every visible version of these pages, in one query;
        nothing to ask when only one edition is enabled."""
        if len(self.editions) < 2 or not translation_keys:
            return {}
        versions = defaultdict(dict)
        rows = (
            self.in_editions().filter(translation_key__in=translation_keys).values_list("translation_key", "url_path")
        )
        for key, url_path in rows:
            versions[key][self.edition_of(url_path).language_code] = self.location_of(url_path, key)
        return versions

    def location_of(self, url_path: str, translation_key) -> str:
        """The address a page is listed at: its own."""
        return self.edition_of(url_path).url(url_path)


def alternate_links(versions: dict[str, str], location: str) -> list[dict]:
    """The ``hreflang`` alternates of a page whose live versions are ``versions`` (language code: address): each
    version, the page itself included, in the editions' order, then ``x-default``, the default edition's version,
    or the page itself when it has none (as the page's own ``<link rel="alternate">`` says). A page with no
    translation has no alternates to name."""
    if len(versions) < 2:
        return []
    links = [
        {"lang_code": language, "location": versions[language]}
        for language in content_languages()
        if language in versions
    ]
    default = versions.get(content_languages()[0], location)
    return [*links, {"lang_code": "x-default", "location": default}]


class ArticleSitemap(EditionPageSitemap):
    """Up to 5,000 articles a page, of every edition, in the order they were created."""

    def visible_pages(self):
        return ArticlePage.objects.published()


class PageSitemap(EditionPageSitemap):
    """Every edition's home page, sections, series and standing pages: Wagtail's live public pages other than
    articles, in tree order (the default edition's first)."""

    ordering = "path"

    def visible_pages(self):
        # Naming the other page types, rather than excluding articles, lets the database find these few pages
        # among 100,000 articles through its content-type index instead of reading every page.
        other_types = [model for model in get_page_models() if not issubclass(model, ArticlePage)]
        return Page.objects.live().public().exact_type(*other_types)

    @cached_property
    def privacy_translation_key(self):
        """The designated privacy page's translation key (one query), or None when the site designates none."""
        return (
            TrustPages.objects.filter(site=self.get_wagtail_site())
            .values_list("privacy__translation_key", flat=True)
            .first()
        )

    def location_of(self, url_path: str, translation_key) -> str:
        """The designated privacy page, in each edition, at that edition's privacy view: the address the footer links
        and its canonical link names unless an editor set another (``StandardPage.get_canonical_url``), since both
        show the same text."""
        if translation_key is None or translation_key != self.privacy_translation_key:
            return super().location_of(url_path, translation_key)
        with translation.override(self.edition_of(url_path).language_code):
            return public_url(reverse("privacy"))


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

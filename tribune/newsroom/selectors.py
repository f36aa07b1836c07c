"""Reads for the reader site: every listing starts from ``ArticlePage.objects.published()`` and chooses its joins.

Listings attach each article's section in one extra query (``attach_sections``) rather than one per card,
so the number of queries a page makes does not grow with the number of articles on it.
"""

from collections import Counter
from collections.abc import Iterable

from django.db.models import Prefetch, Q
from django.utils import timezone, translation

from wagtail.models import Page

from tribune.contributors.models import Contributor
from tribune.core import fragments

from . import related
from .models import (
    ArticleByline,
    ArticleCorrection,
    ArticlePage,
    ArticlePageTopic,
    SectionPage,
    SeriesPage,
    TrustPages,
)

RELATED_LIMIT = 4
RELATED_CANDIDATES = 60
RELATED_SPARE = 4  # winners fetched beyond the need, in case published() (embargo, restriction) drops some
RELATED_HALF_LIFE_DAYS = 30  # a related piece's points halve with every month of its age


def published_articles():
    return ArticlePage.objects.published()


def with_card_data(queryset):
    """Everything an article card or feed entry shows: lead image rendition, ordered bylines (with the columnists'
    portraits and their renditions), series, and the corrections ``date_modified`` reads (filled into
    ``public_corrections`` in one query for all the articles)."""
    return (
        queryset.defer_streamfields()
        .select_related("lead_image", "series")
        .prefetch_related(
            "lead_image__renditions",
            Prefetch(
                "bylines",
                # The columnist's portrait beside an opinion card's byline: photo joined, its renditions in one query.
                queryset=ArticleByline.objects.select_related("contributor", "contributor__photo")
                .prefetch_related("contributor__photo__renditions")
                .order_by("sort_order"),
            ),
            Prefetch(
                "corrections",
                queryset=ArticleCorrection.objects.order_by("published_at", "pk"),
                to_attr="public_corrections",
            ),
        )
        .order_by("-first_published_at", "-id")
    )


def attach_sections(articles: Iterable[ArticlePage]) -> list[ArticlePage]:
    """Set ``article.section`` on each article from a single query over their parents."""
    articles = list(articles)
    parent_paths = {article.path[: -ArticlePage.steplen] for article in articles}
    sections = {
        section.path: section
        for section in SectionPage.objects.filter(path__in=parent_paths).only("id", "path", "title", "slug", "url_path")
    }
    for article in articles:
        article.section = sections.get(article.path[: -ArticlePage.steplen])
    return articles


def edition_articles():
    """Published articles of the active language's edition: listings outside the page tree (an expert's, a topic's,
    a country's) show the edition they are read in."""
    return published_articles().filter(locale__language_code=translation.get_language())


def section_articles(section: SectionPage):
    return with_card_data(published_articles().child_of(section))


def related_articles(article: ArticlePage, limit: int = RELATED_LIMIT) -> list[ArticlePage]:
    """Editors' picks first, then the closest published articles of the edition.

    Closeness is points, decayed by age: 3 per shared topic, 2 per shared country, 1 for the same section, plus what
    each registered signal gives (the analysis layer: shared entities weighted by how central they are to both
    pieces, and the likeness of their words), halved for every ``RELATED_HALF_LIFE_DAYS`` of the candidate's age,
    so a close piece from last year gives way to a nearly as close one from last week. Ties go to the newer."""
    pick_ids = [pick.article_id for pick in article.related_picks.all()]
    # Only the article's own edition: a translation keeps its source's picks, which are in the source's language.
    same_edition = published_articles().filter(locale_id=article.locale_id)
    picks_by_id = {a.pk: a for a in with_card_data(same_edition.filter(pk__in=pick_ids).exclude(pk=article.pk))}
    related = [picks_by_id[pk] for pk in pick_ids if pk in picks_by_id][:limit]
    if len(related) < limit:
        winners = _related_ranked(article, exclude=[article.pk, *pick_ids])[: limit - len(related) + RELATED_SPARE]
        cards = {a.pk: a for a in with_card_data(published_articles().filter(pk__in=winners))}
        related.extend([cards[pk] for pk in winners if pk in cards][: limit - len(related)])
    return attach_sections(related)


def _related_ranked(article: ArticlePage, *, exclude: list) -> list[int]:
    # Plain iteration (not values_list) also works on the unsaved in-memory relations of a preview.
    topic_ids = [topic.pk for topic in article.topic_list]
    country_ids = [country.pk for country in article.countries.all()]
    section_path = article.path[: -ArticlePage.steplen]
    signals = related.registered()
    # The newest candidates, read off the publication-date index of Wagtail's page table alone (semi-joins, no join
    # to the article table, whose presence made the planner hash the whole archive); their cards come later through
    # ``published()``, which has the last word on what readers may see.
    sharing_topic = ArticlePageTopic.objects.filter(tag_id__in=topic_ids).values("content_object_id")
    sharing_country = ArticlePage.countries.through.objects.filter(country_id__in=country_ids).values("articlepage_id")
    related_somehow = (
        Q(pk__in=sharing_topic) | Q(pk__in=sharing_country) | Q(path__startswith=section_path, depth=article.depth)
    )
    for signal in signals:
        related_somehow |= Q(pk__in=signal.candidates(article))
    now = timezone.now()
    candidates = list(
        Page.objects.filter(live=True, first_published_at__lte=now, locale_id=article.locale_id)
        .exclude(pk__in=exclude)
        .filter(related_somehow)
        .order_by("-first_published_at", "-id")
        .values_list("pk", "path", "first_published_at")[:RELATED_CANDIDATES]
    )
    ids = [pk for pk, _path, _date in candidates]
    points = Counter()
    points.update(3 * list(sharing_topic.filter(content_object_id__in=ids).values_list("content_object_id", flat=True)))
    points.update(2 * list(sharing_country.filter(articlepage_id__in=ids).values_list("articlepage_id", flat=True)))
    points.update([pk for pk, path, _date in candidates if path.startswith(section_path)])
    for signal in signals:
        points.update(signal.points(article, ids) if ids else {})

    def closeness(candidate) -> tuple[float, float]:
        pk, _path, published_at = candidate
        age_days = max((now - published_at).total_seconds(), 0) / 86400
        return (-points[pk] * 0.5 ** (age_days / RELATED_HALF_LIFE_DAYS), -published_at.timestamp())

    return [pk for pk, _path, _date in sorted(candidates, key=closeness)]


def series_timeline(series: SeriesPage) -> list[ArticlePage]:
    """The series' articles, oldest first: a running story read as a timeline."""
    return attach_sections(with_card_data(published_articles().filter(series=series)).order_by("first_published_at"))


def contributor_articles(contributor: Contributor):
    return with_card_data(edition_articles().filter(bylines__contributor=contributor))


def topic_articles(topic):
    return with_card_data(edition_articles().filter(tagged_topics__tag=topic))


def country_articles(country):
    return with_card_data(edition_articles().filter(countries=country))


def public_contributors():
    return Contributor.objects.public().select_related("photo", "country").prefetch_related("expertise")


def section_for(article: ArticlePage) -> Page:
    return attach_sections([article])[0].section


def recent_corrections():
    """Corrections and updates on published articles, newest first, each with its article joined in.

    Pass a page of them through ``attach_correction_sections`` to give each article its section in one query.
    """
    return (
        ArticleCorrection.objects.filter(article__in=published_articles().values("pk"))
        .select_related("article")
        .defer("article__body")
        .order_by("-published_at", "-pk")
    )


def attach_correction_sections(corrections: Iterable[ArticleCorrection]) -> list[ArticleCorrection]:
    """Set ``correction.article.section`` on each correction from a single query over the articles' parents."""
    corrections = list(corrections)
    attach_sections(correction.article for correction in corrections)
    return corrections


def trust_links(site) -> dict[str, dict]:
    """The site's designated trust pages (``TrustPages``) that readers may see, field name → ``{"title", "url",
    "page_id"}``, in the footer's order: each page's translation in the active edition when one is live, else the
    page as designated. Kept per content generation (below): no query on a warm worker, three when built."""

    def build() -> dict[str, dict]:
        if site is None:
            return {}
        # Not ``for_site``, which creates the row: a reader's GET writes nothing.
        setting = TrustPages.objects.filter(site=site).first()
        designated = setting.designated_ids() if setting is not None else {}
        if not designated:
            return {}
        pages = {page.pk: page for page in Page.objects.live().public().filter(pk__in=designated.values())}
        translated = {
            page.translation_key: page
            for page in Page.objects.live()
            .public()
            .filter(
                locale__language_code=translation.get_language(),
                translation_key__in=[page.translation_key for page in pages.values()],
            )
        }
        links = {}
        for name, page_id in designated.items():
            page = pages.get(page_id)
            if page is None:
                continue
            shown = translated.get(page.translation_key, page)
            url = shown.get_url()
            if url:
                links[name] = {"title": shown.title, "url": url, "page_id": shown.pk}
        return links

    kept, key = _trust_links_kept(), (site.pk if site else None, translation.get_language())
    if key not in kept:
        kept[key] = build()
    return kept[key]


# Per site and language, in each worker's memory for the current content generation: every page's footer and
# structured data read them, and only a setting saved or a page published (which bump the generation) changes them.
_trust_links_kept = fragments.PerGeneration(dict)


def trust_translation_keys() -> set:
    """The translation keys of every page designated as a trust page on any site: publishing one of them, in any
    edition, changes every page's footer."""
    ids = set()
    for setting in TrustPages.objects.all():
        ids.update(setting.designated_ids().values())
    return set(Page.objects.filter(pk__in=ids).values_list("translation_key", flat=True))

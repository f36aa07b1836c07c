"""What readers are shown of the analysis: an entity's coverage, the dossier of a pair of countries, the sources of
one article.

Two rules keep these pages honest. An article counts for an entity when an editor accepted the link, or when the
analysis found the entity principal or secondary and the article's *live* text names it (a mention of the live
revision): a draft's words never put an article on a page, and a rejected link never does (``public_links``).
Quotes and figures are those of the live revision (``selectors.public_quotes``).

Every aggregate reads a bounded window of the entity's newest articles (``COVERAGE_WINDOW``), so a page costs the
same number of queries, each over a bounded set, however large the archive grows (``tests/test_reader_pages.py``).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tribune.contributors.models import Contributor
from tribune.newsroom import selectors as newsroom_selectors
from tribune.newsroom.models import ArticlePage
from tribune.taxonomy.models import Country

from .models import (
    ArticleEntity,
    Decision,
    Entity,
    EntityKind,
    FigureMention,
    Mention,
    QuoteRecord,
    Salience,
)
from .selectors import KIND_GROUPS, public_quotes

COVERAGE_WINDOW = 200  # newest articles an entity page's aggregates read
EXPERTS_SHOWN = 6
COVERED_WITH_SHOWN = 8
QUOTES_SHOWN = 12
FIGURES_SHOWN = 20
READER_SALIENCE = (Salience.PRINCIPAL, Salience.SECONDARY)

KIND_LABELS = {
    EntityKind.COUNTRY: _("Country"),
    EntityKind.ORGANISATION: _("Organisation"),
    EntityKind.PERSON: _("Person"),
    EntityKind.REGION: _("Region"),
}


def published() -> QuerySet[ArticlePage]:
    """What readers may see (``ArticlePage.objects.published()``). Building it reads the view restrictions, a query,
    so each page builds it once and hands it to every read below."""
    return ArticlePage.objects.published()


def public_links(articles: QuerySet[ArticlePage] | None = None) -> QuerySet[ArticleEntity]:
    """Links readers may see: of a published article (of ``articles``, ``published()`` already built), not
    rejected, and accepted by an editor or found principal or secondary in the live text."""
    in_live_text = Mention.objects.filter(
        article_id=OuterRef("article_id"),
        entity_id=OuterRef("entity_id"),
        revision_id=OuterRef("article__live_revision_id"),
    )
    return (
        ArticleEntity.objects.filter(article__in=published() if articles is None else articles)
        .exclude(status=Decision.REJECTED)
        .filter(Q(status=Decision.ACCEPTED) | (Q(salience__in=READER_SALIENCE) & Exists(in_live_text)))
    )


def entity_for_page(kind: str, slug: str) -> Entity | None:
    return Entity.objects.filter(kind=kind, slug=slug).select_related("contributor", "part_of", "country").first()


def country_entity(country: Country) -> Entity | None:
    """The entity of a country's page: the one standing for it (a merged one only if none other does)."""
    return (
        Entity.objects.filter(kind=EntityKind.COUNTRY, country=country)
        .select_related("part_of", "country")
        .order_by(F("merged_into").asc(nulls_first=True), "pk")
        .first()
    )


def filed_under(country: Country) -> QuerySet:
    """Ids of the articles filed under a country, as a semi-join (a join would repeat an article per country)."""
    return ArticlePage.countries.through.objects.filter(country=country).values("articlepage_id")


def _coverage_ids(entity: Entity, country: Country | None, articles: QuerySet) -> QuerySet:
    """The newest published articles about the entity (a country's: those filed under it too), as a subquery of
    ids, bounded by ``COVERAGE_WINDOW``."""
    about = Q(pk__in=public_links(articles).filter(entity=entity).values("article_id"))
    if country is not None:
        about |= Q(pk__in=filed_under(country))
    return articles.filter(about).order_by("-first_published_at", "-pk").values("pk")[:COVERAGE_WINDOW]


def about_entity(entity: Entity | None, country: Country | None = None) -> QuerySet[ArticlePage]:
    """The entity's published articles in the active edition (for a feed, or a listing with its card data). A
    translation is about what its source is about, so it is listed in its edition through the source's links."""
    if entity is None:
        return newsroom_selectors.edition_articles().filter(countries=country)
    articles = published()
    about = Q(pk__in=public_links(articles).filter(entity=entity).values("article_id"))
    if country is not None:
        about |= Q(pk__in=filed_under(country))
    sources = articles.filter(about).values("translation_key")
    return newsroom_selectors.edition_articles().filter(translation_key__in=sources)


def entity_articles(entity: Entity | None, country: Country | None = None) -> QuerySet[ArticlePage]:
    """``about_entity`` newest first, with what a card shows."""
    return newsroom_selectors.with_card_data(about_entity(entity, country)).order_by("-first_published_at", "-pk")


def experts_on(article_ids: QuerySet, limit: int = EXPERTS_SHOWN) -> list[Contributor]:
    """The published experts who wrote most of these articles."""
    return list(
        Contributor.objects.public()
        .filter(bylines__page__in=article_ids)
        .select_related("photo")
        .annotate(pieces=Count("bylines"))
        .order_by("-pieces", "name")[:limit]
    )


def covered_with(entity: Entity, article_ids, articles, limit: int = COVERED_WITH_SHOWN) -> list[Entity]:
    """The entities most often in the same articles (principal or secondary there), most shared first."""
    return list(
        Entity.objects.filter(
            merged_into__isnull=True,
            article_links__in=public_links(articles).filter(article_id__in=article_ids, salience__in=READER_SALIENCE),
        )
        .exclude(pk=entity.pk)
        .select_related("country")
        .annotate(shared=Count("article_links"))
        .order_by("-shared", "name")[:limit]
    )


def pair_url(first: Entity, second: Entity) -> str:
    one, other = pair_order(first.slug, second.slug)
    return reverse("country_pair", kwargs={"first": one, "second": other})


def partners(entity: Entity, articles: QuerySet) -> list[Entity]:
    """Countries principal in the same articles as this one, each with the address of the pair's dossier."""
    principal_here = public_links(articles).filter(entity=entity, salience=Salience.PRINCIPAL).values("article_id")
    found = list(
        Entity.objects.filter(
            kind=EntityKind.COUNTRY,
            merged_into__isnull=True,
            article_links__in=public_links(articles).filter(salience=Salience.PRINCIPAL, article_id__in=principal_here),
        )
        .exclude(pk=entity.pk)
        .select_related("country")
        .annotate(shared=Count("article_links"))
        .order_by("-shared", "name")
    )
    for partner in found:
        partner.pair_url = pair_url(entity, partner)
    return found


def _ledger(quotes: QuerySet[QuoteRecord], limit: int) -> list[QuoteRecord]:
    return list(
        quotes.select_related("article")
        .only(
            "words",
            "speaker_name",
            "speaker__name",
            "speaker__slug",
            "speaker__kind",
            "on_record",
            "description",
            "role",
            "said_on",
            "article__title",
            "article__url_path",
            "article__first_published_at",
        )
        .order_by("-said_on", "-pk")[:limit]
    )


def said_by(entity: Entity, articles: QuerySet, limit: int = QUOTES_SHOWN) -> list[QuoteRecord]:
    """The quote ledger: what the entity said in Tribune's pieces, newest first."""
    return _ledger(public_quotes(articles).filter(speaker=entity), limit)


def said_about(entity: Entity, article_ids, articles, limit: int = QUOTES_SHOWN) -> list[QuoteRecord]:
    """What others said that names the entity (a mention inside the quoted words)."""
    naming = Mention.objects.filter(
        article_id=OuterRef("article_id"),
        revision_id=OuterRef("revision_id"),
        entity=entity,
        start__gte=OuterRef("start"),
        end__lte=OuterRef("end"),
    )
    quotes = public_quotes(articles).filter(article_id__in=article_ids).filter(Exists(naming))
    return _ledger(quotes.exclude(speaker=entity), limit)


def figures_cited(article_ids, articles, about: Entity | None = None, limit: int = FIGURES_SHOWN) -> list:
    """Figures editors accepted in these articles' live text, oldest first: the figures over time. With ``about``,
    only those of pieces it leads or in a sentence that names it (a person's page does not list every figure of
    every piece quoting them)."""
    figures = FigureMention.objects.filter(
        article_id__in=article_ids,
        article__in=articles,
        revision_id=F("article__live_revision_id"),
        status=Decision.ACCEPTED,
    )
    if about is not None:
        naming = Mention.objects.filter(
            article_id=OuterRef("article_id"),
            revision_id=OuterRef("revision_id"),
            entity=about,
            sentence_start__lte=OuterRef("start"),
            sentence_end__gte=OuterRef("end"),
        )
        leads = public_links(articles).filter(entity=about, salience=Salience.PRINCIPAL).values("article_id")
        figures = figures.filter(Q(Exists(naming)) | Q(article_id__in=leads))
    return list(
        figures.select_related("article")
        .only("text", "value", "unit", "sentence", "article__title", "article__url_path", "article__first_published_at")
        .order_by("article__first_published_at", "start")[:limit]
    )


@dataclass
class EntityPage:
    entity: Entity | None
    country: Country | None = None
    experts: list = field(default_factory=list)
    covered_with: list = field(default_factory=list)
    partners: list = field(default_factory=list)
    said_by: list = field(default_factory=list)
    said_about: list = field(default_factory=list)
    figures: list = field(default_factory=list)

    @property
    def kind_label(self):
        return KIND_LABELS[self.entity.kind] if self.entity else KIND_LABELS[EntityKind.COUNTRY]

    @property
    def has_analysis(self) -> bool:
        return any((self.experts, self.covered_with, self.partners, self.said_by, self.said_about, self.figures))


def entity_page(entity: Entity | None, country: Country | None = None) -> EntityPage:
    """Everything beside the list of articles on an entity's page (or a country's, which may have no entity)."""
    page = EntityPage(entity=entity, country=country)
    if entity is None:
        return page
    articles = published()
    article_ids = _coverage_ids(entity, country, articles)
    page.experts = experts_on(article_ids)
    page.covered_with = covered_with(entity, article_ids, articles)
    if entity.kind == EntityKind.COUNTRY:
        page.partners = partners(entity, articles)
    page.said_by = said_by(entity, articles)
    page.said_about = said_about(entity, article_ids, articles)
    page.figures = figures_cited(article_ids, articles, about=entity)
    return page


def has_coverage(entity: Entity) -> bool:
    """Whether an entity's page has anything to show: an article about it or a quote of its."""
    articles = published()
    return (
        public_links(articles).filter(entity=entity).exists() or public_quotes(articles).filter(speaker=entity).exists()
    )


# Relationship dossiers ----------------------------------------------------------------------------------------


def pair_order(first: str, second: str) -> tuple[str, str]:
    """A pair's one address: its two slugs in alphabetical order."""
    return (first, second) if first <= second else (second, first)


def pair_article_ids(first: Entity, second: Entity, articles: QuerySet | None = None) -> QuerySet:
    """Published articles in which both countries are principal."""
    articles = published() if articles is None else articles
    with_first = public_links(articles).filter(entity=first, salience=Salience.PRINCIPAL).values("article_id")
    return (
        public_links(articles)
        .filter(entity=second, salience=Salience.PRINCIPAL, article_id__in=with_first)
        .values("article_id")
    )


@dataclass
class Source:
    """A named speaker in a set of articles, with how often and in which role they were quoted last."""

    name: str
    entity: Entity | None
    role: str
    count: int


@dataclass
class Sources:
    named: list[Source] = field(default_factory=list)
    anonymous: list[QuoteRecord] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.named or self.anonymous)


def sources_of(quotes) -> Sources:
    """Quotes grouped by who said them: each named speaker once (newest role first), anonymous sources each with
    their description."""
    named: dict[str, Source] = {}
    sources = Sources()
    for quote in quotes:
        if not quote.on_record:
            sources.anonymous.append(quote)
            continue
        name = quote.speaker.local_name if quote.speaker else quote.speaker_name
        if not name:
            continue
        key = f"entity:{quote.speaker_id}" if quote.speaker_id else f"name:{name}"
        if key in named:
            named[key].count += 1
        else:
            named[key] = Source(name=name, entity=quote.speaker, role=quote.role, count=1)
    sources.named = sorted(named.values(), key=lambda source: (-source.count, source.name))
    return sources


@dataclass
class Dossier:
    first: Entity
    second: Entity
    experts: list = field(default_factory=list)
    sources: Sources = field(default_factory=Sources)
    figures: list = field(default_factory=list)


def dossier(first: Entity, second: Entity) -> Dossier:
    articles = published()
    article_ids = pair_article_ids(first, second, articles)
    quotes = (
        public_quotes(articles)
        .filter(article_id__in=article_ids)
        .only("speaker_name", "speaker__name", "speaker__slug", "speaker__kind", "on_record", "description", "role")
        .order_by("-said_on", "-pk")
    )
    return Dossier(
        first=first,
        second=second,
        experts=experts_on(article_ids),
        sources=sources_of(quotes),
        figures=figures_cited(article_ids, articles),
    )


def about_pair(first: Entity, second: Entity) -> QuerySet[ArticlePage]:
    """The pair's published articles in the active edition."""
    sources = ArticlePage.objects.filter(pk__in=pair_article_ids(first, second)).values("translation_key")
    return newsroom_selectors.edition_articles().filter(translation_key__in=sources)


def pair_articles(first: Entity, second: Entity) -> QuerySet[ArticlePage]:
    """The dossier's timeline, newest first, with what a card shows."""
    return newsroom_selectors.with_card_data(about_pair(first, second)).order_by("-first_published_at", "-pk")


# One article ------------------------------------------------------------------------------------------------


@dataclass
class ArticleAnalysis:
    """The "In this piece" panel: sources quoted, entities principal or secondary, dossiers of its country pairs."""

    sources: Sources = field(default_factory=Sources)
    groups: list = field(default_factory=list)
    pairs: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.sources or self.groups)


def article_analysis(article: ArticlePage) -> ArticleAnalysis:
    """Two queries. Read off the article's live revision: the page readers are shown is the published one (a
    preview of a draft shows the live text's sources, a never-published article none)."""
    revision_id = article.live_revision_id
    if not article.live or revision_id is None:
        return ArticleAnalysis()
    quotes = QuoteRecord.objects.filter(article_id=article.pk, revision_id=revision_id).select_related("speaker")
    in_live_text = Mention.objects.filter(
        article_id=article.pk, entity_id=OuterRef("entity_id"), revision_id=revision_id
    )
    links = list(
        ArticleEntity.objects.filter(article_id=article.pk, salience__in=READER_SALIENCE, entity__merged_into=None)
        .exclude(status=Decision.REJECTED)
        .filter(Q(status=Decision.ACCEPTED) | Exists(in_live_text))
        .select_related("entity", "entity__country")
        .order_by("entity__name")
    )
    by_kind = defaultdict(list)
    for link in links:
        by_kind[link.entity.kind].append(link.entity)
    principal_countries = sorted(
        (link.entity for link in links if link.salience == Salience.PRINCIPAL and link.entity.kind == "country"),
        key=lambda entity: entity.slug,
    )
    pairs = [
        (first, second, pair_url(first, second))
        for index, first in enumerate(principal_countries)
        for second in principal_countries[index + 1 :]
    ]
    return ArticleAnalysis(
        sources=sources_of(quotes),
        groups=[(label, by_kind[kind]) for kind, label in KIND_GROUPS.items() if by_kind.get(kind)],
        pairs=pairs,
    )

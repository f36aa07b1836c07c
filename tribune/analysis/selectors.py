"""Reads for the analysis: entities by key (merges followed), an article's suggestions and runs, the articles the
backfill has still to analyse, the rows readers may be shown, and key figures: the published articles citing one,
the key figures of entities with their values over time."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from tribune.newsroom.models import ArticlePage

from . import conf
from .models import (
    AnalysisRun,
    ArticleEntity,
    Decision,
    Entity,
    EntityKind,
    FigureMention,
    KeyFigure,
    KeyFigureEntity,
    KeyFigureValue,
    Mention,
    QuoteRecord,
    RunOutcome,
    figure_number,
)

KIND_GROUPS = {
    EntityKind.COUNTRY: _("Countries"),
    EntityKind.ORGANISATION: _("Organisations"),
    EntityKind.PERSON: _("People"),
    EntityKind.REGION: _("Regions"),
}
MAX_MERGE_HOPS = 8  # merges are flattened (``services.entity_merge``); this only bounds a loop on odd data


def resolve(key: str) -> Entity | None:
    """The entity ``key`` names now: itself, or the entity it was merged into (followed to the end)."""
    entity = Entity.objects.filter(key=key).first()
    for _hop in range(MAX_MERGE_HOPS):
        if entity is None or entity.merged_into_id is None:
            return entity
        entity = Entity.objects.filter(pk=entity.merged_into_id).first()
    return entity


def resolve_keys(keys) -> dict[str, Entity]:
    """``resolve`` for many keys in a query or two: key -> the entity it names now (unknown keys left out)."""
    found = {entity.key: entity for entity in Entity.objects.filter(key__in=set(keys))}
    pending = {key: entity for key, entity in found.items() if entity.merged_into_id}
    for _hop in range(MAX_MERGE_HOPS):
        if not pending:
            break
        targets = Entity.objects.in_bulk({entity.merged_into_id for entity in pending.values()})
        for key, entity in list(pending.items()):
            target = targets.get(entity.merged_into_id)
            if target is None:
                del pending[key]  # survivor deleted: the old entity stands alone again
                continue
            found[key] = target
            if target.merged_into_id:
                pending[key] = target
            else:
                del pending[key]
    return found


def entities_for_listing() -> QuerySet[Entity]:
    return Entity.objects.select_related("merged_into")


def merge_candidates(entity: Entity) -> QuerySet[Entity]:
    """Entities ``entity`` may be merged into: same kind, not merged themselves, not itself."""
    return Entity.objects.filter(kind=entity.kind, merged_into__isnull=True).exclude(pk=entity.pk).order_by("name")


def latest_run(article_id: int) -> AnalysisRun | None:
    return AnalysisRun.objects.filter(article_id=article_id).order_by("-revision_id", "-started_at").first()


def latest_analysed_revision_id(article_id: int) -> int | None:
    return (
        AnalysisRun.objects.filter(article_id=article_id, outcome=RunOutcome.OK)
        .order_by("-revision_id")
        .values_list("revision_id", flat=True)
        .first()
    )


def pending_suggestions(article_id: int) -> int:
    """How many entities and figures of the article wait for an editor's decision."""
    entities = ArticleEntity.objects.filter(article_id=article_id, status=Decision.SUGGESTED).count()
    revision_id = latest_analysed_revision_id(article_id)
    figures = (
        FigureMention.objects.filter(article_id=article_id, revision_id=revision_id, status=Decision.SUGGESTED).count()
        if revision_id
        else 0
    )
    return entities + figures


@dataclass
class Suggestions:
    """An article's analysis for the editors' screen: links grouped by kind (in ``EntityKind`` order), figures of
    the newest revision analysed, and the last run."""

    groups: list[tuple[str, list[ArticleEntity]]] = field(default_factory=list)
    figures: list[FigureMention] = field(default_factory=list)
    run: AnalysisRun | None = None
    revision_id: int | None = None

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.figures


def article_suggestions(article_id: int) -> Suggestions:
    """Three queries, however long the article."""
    salience_rank = {"principal": 0, "secondary": 1, "passing": 2}
    links = ArticleEntity.objects.filter(article_id=article_id).select_related("entity", "decided_by")
    by_kind: dict[str, list[ArticleEntity]] = defaultdict(list)
    for link in links:
        by_kind[link.entity.kind].append(link)
    groups = []
    for kind, label in KIND_GROUPS.items():
        if by_kind.get(kind):
            rows = sorted(
                by_kind[kind],
                key=lambda link: (salience_rank.get(link.salience, 3), -link.mention_count, link.entity.name),
            )
            groups.append((str(label), rows))
    run = latest_run(article_id)
    revision_id = latest_analysed_revision_id(article_id)
    figures = (
        list(
            FigureMention.objects.filter(article_id=article_id, revision_id=revision_id)
            .select_related("key_figure")
            .order_by("start")
        )
        if revision_id
        else []
    )
    return Suggestions(groups=groups, figures=figures, run=run, revision_id=revision_id)


def articles_to_analyse(*, since=None, force: bool = False) -> QuerySet[ArticlePage]:
    """Published articles whose live revision has not been analysed (nor any newer one), oldest first; with
    ``force``, every published article."""
    articles = ArticlePage.objects.published().filter(
        live_revision__isnull=False, locale__language_code__in=conf.languages()
    )
    if since is not None:
        articles = articles.filter(first_published_at__date__gte=since)
    if not force:
        done = AnalysisRun.objects.filter(
            article_id=OuterRef("pk"), outcome=RunOutcome.OK, revision_id__gte=OuterRef("live_revision_id")
        )
        articles = articles.exclude(Exists(done))
    return articles.order_by("first_published_at", "pk")


def public_quotes(articles: QuerySet[ArticlePage] | None = None) -> QuerySet[QuoteRecord]:
    """Quotes readers may see: from the live revision of a published article (a draft's words never show).
    ``articles``: ``ArticlePage.objects.published()``, when the caller has built it already."""
    return QuoteRecord.objects.filter(
        article__in=ArticlePage.objects.published() if articles is None else articles,
        revision_id=F("article__live_revision_id"),
    ).select_related("speaker")


# Key figures


def cites_value(value: Decimal, value_max: Decimal | None, current: Decimal) -> bool:
    """Does a figure (a value, or a range up to ``value_max``) state ``current``? "12-15 per cent" states 13."""
    if value_max is None:
        return value == current
    return value <= current <= value_max


@dataclass(frozen=True)
class Citation:
    """A published article citing a key figure: the figure as its live text writes it, and the value it states."""

    article: ArticlePage
    text: str
    value: Decimal
    value_max: Decimal | None
    cites_old_value: bool

    @property
    def value_display(self) -> str:
        if self.value_max is None:
            return figure_number(self.value)
        return f"{figure_number(self.value)}–{figure_number(self.value_max)}"


def key_figure_citations(key_figure: KeyFigure) -> list[Citation]:
    """The published articles citing ``key_figure`` in their live text (never a draft's figures, never an article
    readers cannot see), newest first, one row per value an article states; ``cites_old_value`` when that is not the
    record's current value. Three queries (one of them Wagtail's view restrictions, for ``published()``)."""
    rows = (
        FigureMention.objects.filter(
            key_figure=key_figure,
            status=Decision.ACCEPTED,
            article__in=ArticlePage.objects.published(),
            revision_id=F("article__live_revision_id"),
        )
        .order_by("article_id", "start")
        .values_list("article_id", "text", "value", "value_max")
    )
    stated: dict[tuple, str] = {}
    for article_id, text, value, value_max in rows:
        stated.setdefault((article_id, value, value_max), text)
    if not stated:
        return []
    articles = ArticlePage.objects.filter(pk__in={article_id for article_id, _v, _m in stated})
    by_id = {article.pk: article for article in articles.only("pk", "title", "first_published_at", "live")}
    citations = [
        Citation(
            article=by_id[article_id],
            text=text,
            value=value,
            value_max=value_max,
            cites_old_value=not cites_value(value, value_max, key_figure.value),
        )
        for (article_id, value, value_max), text in stated.items()
        if article_id in by_id
    ]
    citations.sort(key=lambda citation: (citation.article.first_published_at, citation.article.pk), reverse=True)
    return citations


def key_figure_outdated_citations(key_figure: KeyFigure) -> list[Citation]:
    """The published articles citing a value of ``key_figure`` other than its current one."""
    return [citation for citation in key_figure_citations(key_figure) if citation.cites_old_value]


def key_figure_history(key_figure: KeyFigure) -> QuerySet[KeyFigureValue]:
    """Every value the record has held, newest first, with who recorded it."""
    return key_figure.values.select_related("recorded_by").order_by("-as_of")


def entity_key_figures(entity_ids, *, every: bool = False) -> QuerySet[KeyFigure]:
    """The key figures about any of ``entity_ids`` (with ``every``, about all of them: a country pair's shared
    figures), by label, each with ``history``: its values, oldest first, for "key figures over time". Two queries
    however many records and values."""
    entity_ids = list(dict.fromkeys(entity_ids))
    figures = KeyFigure.objects.all()
    if not entity_ids:
        return figures.none()
    about = KeyFigureEntity.objects.filter(key_figure=OuterRef("pk"))
    if every:
        for entity_id in entity_ids:
            figures = figures.filter(Exists(about.filter(entity_id=entity_id)))
    else:
        figures = figures.filter(Exists(about.filter(entity_id__in=entity_ids)))
    history = Prefetch("values", queryset=KeyFigureValue.objects.order_by("as_of", "pk"), to_attr="history")
    return figures.prefetch_related(history).order_by("label", "pk")


def key_figures_by_unit(units) -> dict[str, list[KeyFigure]]:
    """Key figures an article's figures may cite, by unit (one query for every unit of the article's figures)."""
    result: dict[str, list[KeyFigure]] = defaultdict(list)
    for key_figure in KeyFigure.objects.filter(unit__in=set(units)).order_by("label", "pk"):
        result[key_figure.unit].append(key_figure)
    return result


def figure_entities(figures: list[FigureMention]) -> dict[int, list[Entity]]:
    """For each figure, the entities named in its sentence, less those editors rejected for the article: what a key
    figure made from it is likely about. One query for all the figures of one revision."""
    if not figures:
        return {}
    article_id, revision_id = figures[0].article_id, figures[0].revision_id
    rejected = ArticleEntity.objects.filter(article_id=article_id, status=Decision.REJECTED).values("entity_id")
    mentions = (
        Mention.objects.filter(article_id=article_id, revision_id=revision_id, entity__merged_into__isnull=True)
        .exclude(entity_id__in=rejected)
        .select_related("entity")
        .order_by("start")
    )
    result: dict[int, list[Entity]] = {figure.pk: [] for figure in figures}
    for mention in mentions:
        for figure in figures:
            if (
                mention.sentence_start <= figure.start < mention.sentence_end
                and mention.entity not in result[figure.pk]
            ):
                result[figure.pk].append(mention.entity)
    return result

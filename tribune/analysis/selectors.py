"""Reads for the analysis: entities by key (merges followed), an article's suggestions and runs, the articles the
backfill has still to analyse, and the rows readers may be shown."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from tribune.newsroom.models import ArticlePage

from . import conf
from .models import AnalysisRun, ArticleEntity, Decision, Entity, EntityKind, FigureMention, QuoteRecord, RunOutcome

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
        list(FigureMention.objects.filter(article_id=article_id, revision_id=revision_id).order_by("start"))
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

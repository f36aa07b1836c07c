"""One analysis of one article revision, from its text to the rows it leaves, recorded as an ``AnalysisRun``.

Called by the task (``tasks.analyse_article``) and the backfill (``analyse_archive``), never in a request. The
results replace the article's previous ones in one transaction, under a lock on the page row, and only if no newer
revision's results are stored already (an older revision finishing late changes nothing). Rows of the live revision
are kept beside those of a newer draft, so pages for readers can show the live text's rows alone.
"""

import logging
import traceback
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Revision

from tribune.analysis.extraction import KnowledgeBase, analyse
from tribune.analysis.extraction.entities import PRINCIPAL, SECONDARY
from tribune.analysis.extraction.quotes import ANONYMOUS
from tribune.analysis.extraction.slugs import slugify
from tribune.core import locales
from tribune.newsroom.models import ArticlePage

from . import conf, related, selectors, services
from .knowledge_base import knowledge_base
from .models import (
    AnalysisRun,
    ArticleEntity,
    Decision,
    Entity,
    EntityKind,
    EntitySource,
    FigureMention,
    Mention,
    QuoteRecord,
    QuoteSource,
    RunOutcome,
)
from .text import ArticleText, article_text

logger = logging.getLogger(__name__)

# How sure the extraction is of an entity, by how it found its best mention: a name it knows, a surname of a person
# named in full, a cue around an unknown name, a quote's speaker, the statistical tagger.
CONFIDENCE_BY_CUE = {"gazetteer": 0.9, "surname": 0.8, "quote": 0.6, "model": 0.5}
CUE_CONFIDENCE = 0.7  # title, role, appositive, speech verb, organisation head word
ERROR_KEPT_CHARACTERS = 4000
LIMIT = Decimal(10) ** 23  # what the figure columns hold
LINK_FIELDS = ["status", "decided_at", "decided_by", "salience", "confidence", "mention_count", "revision_id"]
LINK_FIELDS += ["published_at"]


@dataclass
class Found:
    """One entity of the analysis, after merges: several extraction ids can name one entity."""

    entity: Entity
    salience: str
    confidence: float
    mentions: list


def confidence_of(entity) -> float:
    best = max(CONFIDENCE_BY_CUE.get(mention.source, CUE_CONFIDENCE) for mention in entity.mentions)
    bonus = 0.05 * (len(entity.mentions) - 1) + (0.05 if entity.salience == PRINCIPAL else 0.0)
    return round(min(0.99, best + bonus), 2)


def entity_key(extraction_id: str, name: str) -> str:
    """The extraction's id as an entity key; a name with no Latin letters gets a key from its own characters."""
    kind, _sep, rest = extraction_id.partition(":")
    if rest:
        return extraction_id
    return f"{kind}:u-{name.encode().hex()[:40]}"


def article_analyse(*, page_id: int, revision_id: int, force: bool = False) -> AnalysisRun | None:
    """Analyse revision ``revision_id`` of article ``page_id`` and store the results. None when there is nothing to
    do: the page or revision is gone, or a newer revision than this one (which is not the live one) exists, whose own
    analysis is queued. A revision already analysed, as it is, is not analysed again unless ``force``; its publish
    only brings the stored rows up to date (``published_sync``), and one that failed ``TRIBUNE_ANALYSIS_MAX_ATTEMPTS``
    times is not tried again. The run's ``ran`` attribute says whether this call analysed."""
    revision = Revision.objects.filter(pk=revision_id, object_id=str(page_id)).first()
    page_row = _page_row(page_id)
    if revision is None or page_row is None:
        return None
    if revision.pk == page_row["live_revision_id"]:
        related.terms_refresh(page_id)  # related coverage reads every edition's words, analysed language or not
    if locales.language_code(page_row["locale_id"]) not in conf.languages():
        return None  # the extraction reads English (``TRIBUNE_ANALYSIS_LANGUAGES``)
    if not force and revision.pk not in (page_row["latest_revision_id"], page_row["live_revision_id"]):
        return None
    run = AnalysisRun.objects.filter(article_id=page_id, revision_id=revision.pk).first()
    same_text = run is not None and run.revision_created_at == revision.created_at
    if same_text and not force and run.outcome == RunOutcome.OK:
        published_sync(page_id=page_id)
        run.ran = False
        return run
    if same_text and not force and run.outcome == RunOutcome.FAILED and run.attempts >= conf.max_attempts():
        run.ran = False  # given up on until the text changes, or someone asks again (``force``)
        return run
    run = _run_start(page_id, revision, run, force=force)
    run.ran = True  # not a field: tells the caller this call ran the analysis
    try:
        text = article_text(revision.as_object())
        knowledge = knowledge_base()
        result = analyse(text.headline, text.standfirst, text.body, knowledge=knowledge)
        store(run=run, revision=revision, text=text, analysis=result, knowledge=knowledge)
    except Exception as error:
        logger.exception("The analysis of article %s, revision %s failed", page_id, revision.pk)
        _run_failed(run, error)
    return run


def _page_row(page_id: int) -> dict | None:
    return (
        ArticlePage.objects.filter(pk=page_id)
        .values("live", "live_revision_id", "latest_revision_id", "first_published_at", "locale_id")
        .first()
    )


def _runs_locked(page_id: int) -> None:
    """Hold the article's run rows (this run's among them) to the end of the transaction, so two runs of one article
    store one after the other (on PostgreSQL; SQLite writes one transaction at a time anyway). Not the page row:
    Wagtail's publish locks the page's revisions and then its row, and a store that held the row while it wrote
    the accepted countries into a revision would wait for the publish that waits for it."""
    list(AnalysisRun.objects.select_for_update().filter(article_id=page_id).order_by("pk").values_list("pk"))


def _run_start(page_id: int, revision: Revision, run: AnalysisRun | None, *, force: bool) -> AnalysisRun:
    now = timezone.now()
    if run is None:
        run, _created = AnalysisRun.objects.get_or_create(
            article_id=page_id, revision_id=revision.pk, defaults={"started_at": now}
        )
    # A new text (an autosave overwrote the revision), a forced run or a success before start the count again.
    fresh = force or run.revision_created_at != revision.created_at or run.outcome == RunOutcome.OK
    run.attempts = 1 if fresh else run.attempts + 1
    run.revision_created_at, run.started_at, run.finished_at = revision.created_at, now, None
    run.outcome, run.error = RunOutcome.RUNNING, ""
    run.save()
    return run


def _run_failed(run: AnalysisRun, error: Exception) -> None:
    run.outcome, run.finished_at = RunOutcome.FAILED, timezone.now()
    run.error = "".join(traceback.format_exception(error))[-ERROR_KEPT_CHARACTERS:]
    run.save(update_fields=["outcome", "finished_at", "error"])


def _newer_results_exist(page_id: int, revision: Revision) -> bool:
    return (
        AnalysisRun.objects.filter(article_id=page_id, outcome=RunOutcome.OK)
        .filter(
            Q(revision_id__gt=revision.pk) | Q(revision_id=revision.pk, revision_created_at__gt=revision.created_at)
        )
        .exists()
    )


def store(*, run: AnalysisRun, revision: Revision, text: ArticleText, analysis, knowledge: KnowledgeBase) -> None:
    page_id = run.article_id
    # Entities first, each insert on its own: they are shared by every article, and a store holding them until it
    # commits could keep another article's run waiting.
    entities = _entities_for(analysis, text, knowledge)
    with transaction.atomic():
        _runs_locked(page_id)
        page_row = _page_row(page_id)
        if page_row is None or _newer_results_exist(page_id, revision):
            run.outcome, run.finished_at = RunOutcome.SUPERSEDED, timezone.now()
            run.save(update_fields=["outcome", "finished_at"])
            return
        published_at = page_row["first_published_at"]
        # Rows of the live revision stay beside the new ones (readers' pages show those); all others go.
        keep = {page_row["live_revision_id"]} - {revision.pk, None} if page_row["live"] else set()
        found = _found(analysis, entities)
        before = services.article_footprint(page_id) if page_row["live"] else None
        accepted_countries = _links_store(page_id, revision.pk, found, published_at)
        _mentions_store(page_id, revision.pk, analysis, found, keep)
        _quotes_store(page_id, revision.pk, analysis, text, entities, published_at, keep)
        _figures_store(page_id, revision.pk, analysis, keep)
        run.outcome, run.finished_at = RunOutcome.OK, timezone.now()
        run.save(update_fields=["outcome", "finished_at"])
        if before is not None:
            services.analysis_changed(article_id=page_id, before=before, after=services.article_footprint(page_id))
        if accepted_countries:
            services.article_countries_feed(
                article_id=page_id, country_ids=accepted_countries, analysed_revision_id=revision.pk
            )


def _block_speaker_key(quote, knowledge: KnowledgeBase) -> str | None:
    """The entity an attributed-quote block's speaker is: the one the editor named by id, else the speaker's name
    as the knowledge base knows it, else a person by that name. An anonymous source is none."""
    if not quote.on_record:
        return None
    if quote.speaker_entity:
        return quote.speaker_entity
    if not quote.speaker:
        return None
    entry = knowledge.lookup_exact(quote.speaker)
    if entry is not None and entry.entity_id:
        return entry.entity_id
    slug = slugify(quote.speaker)
    return f"person:{slug}" if slug else None


def _entities_for(analysis, text: ArticleText, knowledge: KnowledgeBase) -> dict[str, Entity]:
    """Extraction id (and ``block:<n>`` for the n-th attributed-quote block's speaker) -> the entity it names now,
    creating the entities the database does not know yet (found in this article). A few queries, however many."""
    wanted: dict[str, tuple[str, str]] = {}  # extraction id -> (key, name)
    for entity in analysis.entities:
        wanted[entity.id] = (entity_key(entity.id, entity.name), entity.name)
    for quote in analysis.quotes:
        if quote.speaker.entity_id and quote.speaker.entity_id not in wanted:
            speaker = quote.speaker
            wanted[speaker.entity_id] = (entity_key(speaker.entity_id, speaker.name), speaker.name)
    contributor_ids = {quote.contributor_id for quote in text.block_quotes if quote.contributor_id}
    experts = (
        {
            entity.contributor_id: entity
            for entity in Entity.objects.filter(contributor_id__in=contributor_ids, merged_into__isnull=True)
        }
        if contributor_ids
        else {}
    )
    for index, quote in enumerate(text.block_quotes):
        if quote.contributor_id in experts:
            continue
        key = _block_speaker_key(quote, knowledge)
        if key:
            wanted[f"block:{index}"] = (key, knowledge.name_of(key) if key in knowledge.entities else quote.speaker)
    wanted = {source: value for source, value in wanted.items() if services.key_kind(value[0]) in EntityKind.values}
    by_key = selectors.resolve_keys(key for key, _name in wanted.values())
    missing = {key: name for key, name in sorted(wanted.values()) if key not in by_key}  # inserted in key order
    if missing:
        slugs = {key: slugify(key.split(":", 1)[1]) or services.key_kind(key) for key in missing}
        taken = set(Entity.objects.filter(slug__in=set(slugs.values())).values_list("kind", "slug"))
        Entity.objects.bulk_create(
            [
                Entity(
                    key=key,
                    kind=services.key_kind(key),
                    name=name[:200],
                    slug=services.free_slug(services.key_kind(key), slugs[key], taken),
                    source=EntitySource.FOUND,
                )
                for key, name in missing.items()
            ],
            ignore_conflicts=True,  # a run of another article created it meanwhile
        )
        by_key.update(selectors.resolve_keys(missing))
    result = {source: by_key[key] for source, (key, _name) in wanted.items() if key in by_key}
    for index, quote in enumerate(text.block_quotes):
        if quote.contributor_id in experts:
            result[f"block:{index}"] = experts[quote.contributor_id]
    return result


def _found(analysis, entities: dict[str, Entity]) -> dict[int, Found]:
    rank = services.SALIENCE_RANK
    found: dict[int, Found] = {}
    for item in analysis.entities:
        entity = entities.get(item.id)
        if entity is None:
            continue
        confidence = confidence_of(item)
        known = found.get(entity.pk)
        if known is None:
            found[entity.pk] = Found(entity, item.salience, confidence, list(item.mentions))
        else:
            if rank[item.salience] < rank[known.salience]:
                known.salience = item.salience
            known.confidence = max(known.confidence, confidence)
            known.mentions += item.mentions
    return found


def _auto_accepts(found: Found) -> bool:
    entity = found.entity
    return (
        conf.auto_accept_countries()
        and entity.kind == EntityKind.COUNTRY
        and entity.country_id is not None
        and found.salience in (PRINCIPAL, SECONDARY)
        and found.confidence >= conf.auto_accept_confidence()
    )


def _links_store(page_id: int, revision_id: int, found: dict[int, Found], published_at) -> list[int]:
    """The article's links to what was found: new ones suggested (or accepted, for a country found surely enough),
    existing ones updated without touching a decision; suggestions no longer found go, decisions stay. Returns the
    countries accepted now."""
    existing = {link.entity_id: link for link in ArticleEntity.objects.filter(article_id=page_id)}
    now = timezone.now()
    new, changed, accepted_countries = [], [], []
    for entity_id, item in found.items():
        link = existing.pop(entity_id, None)
        auto = _auto_accepts(item)
        if link is None:
            link = ArticleEntity(article_id=page_id, entity_id=entity_id, status=Decision.SUGGESTED)
            new.append(link)
        else:
            changed.append(link)
        if auto and link.status == Decision.SUGGESTED:
            link.status, link.decided_at, link.decided_by = Decision.ACCEPTED, now, None
            accepted_countries.append(item.entity.country_id)
        link.salience, link.confidence, link.mention_count = item.salience, item.confidence, len(item.mentions)
        link.revision_id, link.published_at = revision_id, published_at
    gone = list(existing.values())
    ArticleEntity.objects.filter(pk__in=[link.pk for link in gone if link.status == Decision.SUGGESTED]).delete()
    for link in gone:
        if link.status != Decision.SUGGESTED:
            link.mention_count, link.revision_id, link.published_at = 0, revision_id, published_at
            changed.append(link)
    ArticleEntity.objects.bulk_create(new)
    ArticleEntity.objects.bulk_update(changed, LINK_FIELDS)
    return accepted_countries


def _mentions_store(page_id: int, revision_id: int, analysis, found: dict[int, Found], keep: set) -> None:
    text, document = analysis.document.text, analysis.document
    Mention.objects.filter(article_id=page_id).exclude(revision_id__in=keep).delete()
    rows = []
    for entity_id, item in found.items():
        for mention in item.mentions:
            sentence = document.sentence_of(mention.start)
            rows.append(
                Mention(
                    article_id=page_id,
                    entity_id=entity_id,
                    revision_id=revision_id,
                    start=mention.start,
                    end=mention.end,
                    text=text[mention.start : mention.end][:300],
                    sentence_start=sentence.start,
                    sentence_end=sentence.end,
                )
            )
    Mention.objects.bulk_create(sorted(rows, key=lambda row: row.start))


def _quotes_store(page_id, revision_id, analysis, text: ArticleText, entities, published_at, keep) -> None:
    said_on = timezone.localdate(published_at) if published_at else None
    QuoteRecord.objects.filter(article_id=page_id).exclude(revision_id__in=keep).delete()
    rows = []
    for quote in analysis.quotes:
        speaker = quote.speaker
        anonymous = speaker.entity_id is None and speaker.name == ANONYMOUS
        rows.append(
            QuoteRecord(
                article_id=page_id,
                revision_id=revision_id,
                source=QuoteSource.TEXT,
                words=quote.text,
                start=quote.start,
                end=quote.end,
                speaker_name="" if anonymous else speaker.name[:200],
                speaker=entities.get(speaker.entity_id) if speaker.entity_id else None,
                on_record=speaker.on_record,
                description=(speaker.description or "")[:300],
                role=(speaker.role or "")[:300],
                said_on=said_on,
            )
        )
    for index, quote in enumerate(text.block_quotes):
        rows.append(
            QuoteRecord(
                article_id=page_id,
                revision_id=revision_id,
                source=QuoteSource.BLOCK,
                words=quote.words,
                start=quote.start,
                end=quote.end,
                speaker_name=quote.speaker[:200],
                speaker=entities.get(f"block:{index}"),
                on_record=quote.on_record,
                description=quote.description[:300],
                role=quote.role[:300],
                language=quote.language[:12],
                said_on=said_on,
            )
        )
    QuoteRecord.objects.bulk_create(rows)


def _decimal(value) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if abs(number) < LIMIT else None


def _figures_store(page_id: int, revision_id: int, analysis, keep: set) -> None:
    """Figures of this revision; a figure editors decided on before (same words, unit and value) keeps the
    decision, and the key figure it was linked to."""
    decided = {}
    for figure in FigureMention.objects.filter(article_id=page_id).exclude(status=Decision.SUGGESTED):
        decided[figure.identity] = (figure.status, figure.decided_by_id, figure.decided_at, figure.key_figure_id)
    FigureMention.objects.filter(article_id=page_id).exclude(revision_id__in=keep).delete()
    document = analysis.document
    rows = []
    for figure in analysis.figures:
        value = _decimal(figure.value)
        if value is None:
            continue
        value_max = _decimal(figure.value_max) if figure.value_max is not None else None
        row = FigureMention(
            article_id=page_id,
            revision_id=revision_id,
            text=figure.text[:200],
            value=value,
            value_max=value_max,
            unit=figure.unit[:24],
            start=figure.start,
            end=figure.end,
            sentence=document.text[figure.sentence.start : figure.sentence.end],
        )
        row.status, row.decided_by_id, row.decided_at, row.key_figure_id = decided.get(
            row.identity, (Decision.SUGGESTED, None, None, None)
        )
        rows.append(row)
    FigureMention.objects.bulk_create(rows)


def published_sync(*, page_id: int) -> None:
    """After the publish of a revision already analysed: the live revision's rows are the ones kept (with the
    newest analysed), and the first publication date reaches the links and the quotes."""
    page_row = _page_row(page_id)
    if page_row is None or not page_row["live"]:
        return
    latest = selectors.latest_analysed_revision_id(page_id)
    before = services.article_footprint(page_id)
    keep = {page_row["live_revision_id"], latest} - {None}
    for model in (Mention, QuoteRecord, FigureMention):
        model.objects.filter(article_id=page_id).exclude(revision_id__in=keep).delete()
    published_at = page_row["first_published_at"]
    if published_at:
        ArticleEntity.objects.filter(article_id=page_id, published_at__isnull=True).update(published_at=published_at)
        QuoteRecord.objects.filter(article_id=page_id, said_on__isnull=True).update(
            said_on=timezone.localdate(published_at)
        )
    services.analysis_changed(article_id=page_id, before=before, after=services.article_footprint(page_id))

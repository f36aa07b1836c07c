"""Related coverage from the analysis: pieces that share entities, weighted by how central each entity is to both,
and pieces whose words are alike (cosine of TF-IDF vectors). Registered with the newsroom's ranking
(``tribune.newsroom.related``), which puts editors' picks first, adds its own topics, countries and section, and
decays every candidate's points with its age.

Entities count when the analysis found them and no editor rejected them. Words are those of each article's live
revision (``ArticleTerms``), kept up to date by the analysis task (``terms_refresh``), never in a request.
"""

import logging
from collections import defaultdict

from django.db import DatabaseError, transaction
from django.db.models import F, QuerySet

from wagtail.models import Revision

from tribune.newsroom.models import ArticlePage

from .extraction.terms import cosine, term_counts, weighted
from .models import ArticleEntity, ArticleTerms, Decision, Salience, TermStat
from .text import article_text

logger = logging.getLogger(__name__)

# What a shared entity is worth: the product of its weight in each piece, times ENTITY_POINTS. Two pieces both
# principally about Pakistan get 4 points, more than a shared topic (3); a country one of them only passes through
# gives 0.25 of that.
SALIENCE_WEIGHT = {Salience.PRINCIPAL: 1.0, Salience.SECONDARY: 0.5, Salience.PASSING: 0.25}
ENTITY_POINTS = 4.0
# Text likeness: cosine 0 (no word shared) to 1 (the same words, equally weighed); related analysis scores 0.1 to 0.4.
TEXT_POINTS = 6.0
CENTRAL = (Salience.PRINCIPAL, Salience.SECONDARY)
TERMS_PER_QUERY = 500  # terms in one IN list (SQLite's limit on parameters is far above, older builds' is 999)


class AnalysisRelatedSignal:
    def candidates(self, article) -> QuerySet:
        """Articles sharing an entity central (principal or secondary) to both."""
        central = (
            ArticleEntity.objects.filter(article_id=article.pk, salience__in=CENTRAL)
            .exclude(status=Decision.REJECTED)
            .values("entity_id")
        )
        return (
            ArticleEntity.objects.filter(entity_id__in=central, salience__in=CENTRAL)
            .exclude(status=Decision.REJECTED)
            .values("article_id")
        )

    def points(self, article, candidate_ids: list[int]) -> dict[int, float]:
        """Two queries: the entities of the article and the candidates, and their term vectors."""
        if article.pk is None:
            return {}
        ids = [article.pk, *candidate_ids]
        weights: dict[int, dict[int, float]] = defaultdict(dict)
        links = (
            ArticleEntity.objects.filter(article_id__in=ids)
            .exclude(status=Decision.REJECTED)
            .values_list("article_id", "entity_id", "salience")
        )
        for article_id, entity_id, salience in links:
            weights[article_id][entity_id] = SALIENCE_WEIGHT.get(salience, 0.0)
        vectors = dict(ArticleTerms.objects.filter(article_id__in=ids).values_list("article_id", "vector"))
        own_entities, own_vector = weights.get(article.pk, {}), vectors.get(article.pk) or {}
        points = {}
        for candidate_id in candidate_ids:
            theirs = weights.get(candidate_id, {})
            shared = sum(
                weight * theirs[entity_id] for entity_id, weight in own_entities.items() if entity_id in theirs
            )
            text = cosine(own_vector, vectors.get(candidate_id) or {}) if own_vector else 0.0
            if score := ENTITY_POINTS * shared + TEXT_POINTS * text:
                points[candidate_id] = score
        return points


def _chunks(terms: list[str]):
    for start in range(0, len(terms), TERMS_PER_QUERY):
        yield terms[start : start + TERMS_PER_QUERY]


def _frequencies_move(terms: set[str], step: int) -> None:
    ordered = sorted(terms)  # one order for every writer, so two of them lock the same rows in the same order
    if step > 0:
        TermStat.objects.bulk_create([TermStat(term=term) for term in ordered], ignore_conflicts=True, batch_size=500)
    for chunk in _chunks(ordered):
        TermStat.objects.filter(term__in=chunk).update(documents=F("documents") + step)


def _frequencies(terms) -> dict[str, int]:
    frequencies = {}
    for chunk in _chunks(sorted(terms)):
        frequencies.update(TermStat.objects.filter(term__in=chunk).values_list("term", "documents"))
    return frequencies


def terms_refresh(page_id: int) -> bool:
    """Bring an article's stored words to its live revision, and the document frequencies with them. True when it
    changed anything. Never raises: related coverage is a nicety, and the analysis that calls it must go on."""
    try:
        return _terms_refresh(page_id)
    except DatabaseError:
        logger.warning("The words of article %s could not be stored for related coverage", page_id, exc_info=True)
        return False


def _terms_refresh(page_id: int) -> bool:
    page_row = ArticlePage.objects.filter(pk=page_id).values("live", "live_revision_id").first()
    if page_row is None or not page_row["live"] or page_row["live_revision_id"] is None:
        return False
    stored = ArticleTerms.objects.filter(article_id=page_id).first()
    if stored is not None and stored.revision_id == page_row["live_revision_id"]:
        return False
    revision = Revision.objects.filter(pk=page_row["live_revision_id"]).first()
    if revision is None:
        return False
    text = article_text(revision.as_object())
    counts = term_counts(text.headline, text.standfirst, text.body)
    with transaction.atomic():
        previous = set(stored.counts) if stored is not None else set()
        _frequencies_move(set(counts) - previous, +1)
        _frequencies_move(previous - set(counts), -1)
        documents = ArticleTerms.objects.count() + (stored is None)
        vector = weighted(counts, _frequencies(counts), documents)
        ArticleTerms.objects.update_or_create(
            article_id=page_id, defaults={"revision_id": revision.pk, "counts": dict(counts), "vector": vector}
        )
    return True


def terms_backfill() -> int:
    """Store the words of every published article whose live revision has none yet (an archive analysed before
    related coverage read words, or an edition the analysis does not read). Returns how many were stored."""
    stale = ArticlePage.objects.filter(live=True).exclude(analysis_terms__revision_id=F("live_revision_id"))
    return sum(terms_refresh(pk) for pk in stale.order_by("pk").values_list("pk", flat=True).iterator())


def terms_reweigh_all(batch_size: int = 200) -> int:
    """Count the document frequencies again from every published article's stored words and weigh every vector
    with them: the vectors stored early, when the archive was small, weighed rare and common words alike. Drops the
    words of articles no longer published. Returns the number of articles weighed."""
    ArticleTerms.objects.exclude(article__live=True).delete()
    frequencies: dict[str, int] = defaultdict(int)
    for counts in ArticleTerms.objects.values_list("counts", flat=True).iterator(chunk_size=batch_size):
        for term in counts:
            frequencies[term] += 1
    with transaction.atomic():
        TermStat.objects.all().delete()
        TermStat.objects.bulk_create(
            [TermStat(term=term, documents=count) for term, count in sorted(frequencies.items())], batch_size=1000
        )
    documents = ArticleTerms.objects.count()
    weighed = 0
    pks = list(ArticleTerms.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), batch_size):
        rows = list(ArticleTerms.objects.filter(pk__in=pks[start : start + batch_size]))
        for row in rows:
            row.vector = weighted(row.counts, frequencies, documents)
        ArticleTerms.objects.bulk_update(rows, ["vector"])
        weighed += len(rows)
    return weighed

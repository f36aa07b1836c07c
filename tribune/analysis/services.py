"""Writes for the analysis: entities (the seed and Tribune's experts kept in step, merges), editors' decisions on an
article's suggestions, and accepted countries fed to the article's own "countries covered".

Decisions are checked (``*_check``: may this user edit the article? is it a decision?) apart from being recorded, so
commands and tests can record one directly.
"""

import hashlib
import itertools
from dataclasses import dataclass, field

import pycountry

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.models import ReferenceIndex, Revision

from tribune.analysis.extraction.knowledge import seed_records
from tribune.analysis.extraction.slugs import slugify
from tribune.contributors.models import Contributor
from tribune.newsroom.models import ArticlePage
from tribune.taxonomy.models import Country

from . import conf, knowledge_base, selectors
from .models import (
    ArticleEntity,
    Decision,
    Entity,
    EntityKind,
    EntitySource,
    FigureMention,
    Mention,
    QuoteRecord,
    Salience,
)
from .signals import article_analysis_changed, article_countries_changed

DECISION_NOT_ALLOWED = _("Only those who may edit this article can accept or reject what its analysis suggests.")
DECISION_UNKNOWN = _("Choose to accept or to reject the suggestion.")
MERGE_SAME_ENTITY = _("An entity cannot be merged into itself.")
MERGE_OTHER_KIND = _("Only entities of the same kind can be merged.")
MERGE_ALREADY_MERGED = _("This entity was already merged into another.")
MERGE_NOT_ALLOWED = _("Only editors who may change entities can merge them.")

ENTITY_ACCEPT_LOG_ACTION = "analysis.entity_accept"
ENTITY_REJECT_LOG_ACTION = "analysis.entity_reject"
FIGURE_ACCEPT_LOG_ACTION = "analysis.figure_accept"
FIGURE_REJECT_LOG_ACTION = "analysis.figure_reject"
ENTITY_MERGE_LOG_ACTION = "analysis.entity_merge"

DECISIONS = {"accept": Decision.ACCEPTED, "reject": Decision.REJECTED}
SALIENCE_RANK = {Salience.PRINCIPAL: 0, Salience.SECONDARY: 1, Salience.PASSING: 2}


# Entities


def key_kind(key: str) -> str:
    return key.split(":", 1)[0]


def free_slug(kind: str, base: str, taken: set[tuple[str, str]]) -> str:
    """``base`` (or ``base-2``, ``base-3``…) unused among ``taken`` (kind, slug) pairs, which it is added to."""
    base = (base or kind)[:150].strip("-") or kind
    for candidate in itertools.chain([base], (f"{base}-{n}" for n in itertools.count(2))):
        if (kind, candidate) not in taken:
            taken.add((kind, candidate))
            return candidate
    raise AssertionError("unreachable")


def taken_slugs(kind: str | None = None) -> set[tuple[str, str]]:
    rows = Entity.objects.all() if kind is None else Entity.objects.filter(kind=kind)
    return set(rows.values_list("kind", "slug"))


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    contributors: int = 0


def _country_by_alpha3() -> dict[str, Country]:
    by_alpha2 = {country.code: country for country in Country.objects.only("pk", "code", "slug")}
    result = {}
    for record in pycountry.countries:
        country = by_alpha2.get(record.alpha_2)
        if country is not None:
            result[record.alpha_3] = country
    return result


@transaction.atomic
def entities_sync() -> SyncResult:
    """Every entity of the extraction's seed and every published expert as an ``Entity``; idempotent. A seed entity
    editors changed keeps their changes; one the seed renamed is renamed."""
    result = SyncResult()
    countries = _country_by_alpha3()
    existing = {entity.key: entity for entity in Entity.objects.all()}
    taken = {(entity.kind, entity.slug) for entity in existing.values()}
    records = [record for record in seed_records() if record.kind in EntityKind.values]
    to_create, to_update = [], []
    for record in records:
        country = countries.get(record.id.split(":", 1)[1]) if record.kind == EntityKind.COUNTRY else None
        entity = existing.get(record.id)
        if entity is None:
            base = country.slug if country is not None else slugify(record.id.split(":", 1)[1])
            to_create.append(
                Entity(
                    key=record.id,
                    kind=record.kind,
                    name=record.name,
                    slug=free_slug(record.kind, base, taken),
                    source=EntitySource.SEED,
                    country=country,
                )
            )
        elif entity.source == EntitySource.SEED and (
            entity.name != record.name or (country is not None and entity.country_id != country.pk)
        ):
            entity.name = record.name
            entity.country = country or entity.country
            to_update.append(entity)
        # A country's page is the country's address (``Entity.get_absolute_url``): the slug follows a renamed
        # country ("russian-federation" became "russia").
        renamed = entity is not None and country is not None and entity.slug != country.slug
        if renamed and (EntityKind.COUNTRY, country.slug) not in taken:
            taken.discard((EntityKind.COUNTRY, entity.slug))
            entity.slug = country.slug
            taken.add((EntityKind.COUNTRY, entity.slug))
            if entity not in to_update:
                to_update.append(entity)
    Entity.objects.bulk_create(to_create)
    Entity.objects.bulk_update(to_update, ["name", "country", "slug"])
    result.created, result.updated = len(to_create), len(to_update)
    # Parts of others ("org:unsc" part of "org:un"), once both exist; editors' own choice is kept.
    ids = dict(Entity.objects.filter(key__in=[r.id for r in records]).values_list("key", "pk"))
    parts = {ids[r.id]: ids[r.part_of] for r in records if r.part_of and r.part_of in ids and r.id in ids}
    # Written by update() and indexed here rather than saved: a save would queue a reference-index task per entity
    # on every migrate (Wagtail's receiver), for an index this can bring up to date at once.
    for entity in Entity.objects.filter(pk__in=parts, part_of__isnull=True, source=EntitySource.SEED):
        entity.part_of_id = parts[entity.pk]
        Entity.objects.filter(pk=entity.pk).update(part_of_id=entity.part_of_id)
        ReferenceIndex.create_or_update_for_object(entity)
    for contributor in Contributor.objects.public().only("pk", "name", "slug", "live"):
        if contributor_entity_sync(contributor=contributor, bump=False) is not None:
            result.contributors += 1
    knowledge_base.bump_on_commit()
    return result


def contributor_entity_sync(*, contributor: Contributor, bump: bool = True) -> Entity | None:
    """The person entity of a published expert, created or brought up to date (name, link to the profile); their
    name then feeds the knowledge base. A found person with the expert's key becomes theirs. None when the profile is
    not published."""
    if not contributor.live:
        return None
    entity = Entity.objects.filter(contributor=contributor).first()
    if entity is None:
        key = f"person:{contributor.slug}"
        entity = selectors.resolve(key)
        if entity is not None and entity.contributor_id not in (None, contributor.pk):
            entity = None  # another expert's: this one gets a key of their own
            key = f"person:{contributor.slug}-{contributor.pk}"
        if entity is None:
            taken = taken_slugs(EntityKind.PERSON)
            entity = Entity.objects.create(
                key=key,
                kind=EntityKind.PERSON,
                name=contributor.name,
                slug=free_slug(EntityKind.PERSON, slugify(contributor.slug), taken),
                source=EntitySource.CONTRIBUTOR,
                contributor=contributor,
            )
            if bump:
                knowledge_base.bump_on_commit()
            return entity
    changed = []
    if entity.contributor_id != contributor.pk:
        entity.contributor = contributor
        changed.append("contributor")
    if entity.source in (EntitySource.FOUND, EntitySource.SEED):
        entity.source = EntitySource.CONTRIBUTOR
        changed.append("source")
    if entity.source == EntitySource.CONTRIBUTOR and entity.name != contributor.name:
        entity.name = contributor.name  # editors' own name for the entity is kept
        changed.append("name")
    if changed:
        entity.save(update_fields=[*changed, "updated_at"])
        if bump:
            knowledge_base.bump_on_commit()
    return entity


# Decisions


def decision_check(*, article: ArticlePage, user, decision: str) -> str:
    """The status ``decision`` ("accept", "reject") records; PermissionDenied unless ``user`` may edit the article."""
    if user is None or not article.permissions_for_user(user).can_edit():
        raise PermissionDenied(DECISION_NOT_ALLOWED)
    if decision not in DECISIONS:
        raise ValidationError(DECISION_UNKNOWN)
    return DECISIONS[decision]


def entity_decide(*, link: ArticleEntity, decision: str, user) -> ArticleEntity:
    """Accept or reject one entity the analysis suggested for an article, as ``user``; an accepted country is added
    to the article's countries (``article_countries_feed``)."""
    status = decision_check(article=link.article, user=user, decision=decision)
    return entity_decision_record(link=link, status=status, user=user)


@dataclass
class Footprint:
    """Where readers may see an article's analysis (the pages of the entities it may be listed under and of its
    quoted speakers, the dossiers of its principal countries) and, in ``shown``, what those pages show of it: the
    links that may be public with their salience and decision, the live revision and its quotes. Two footprints
    with the same ``shown`` leave every page as it was."""

    entity_ids: set[int] = field(default_factory=set)
    principal_country_ids: set[int] = field(default_factory=set)
    shown: frozenset = frozenset()

    def __or__(self, other: "Footprint") -> "Footprint":
        return Footprint(
            self.entity_ids | other.entity_ids,
            self.principal_country_ids | other.principal_country_ids,
            self.shown | other.shown,
        )


def article_footprint(article_id: int) -> Footprint:
    """Three queries. A link counts when it may be public (accepted, or principal or secondary and not rejected,
    ``coverage.public_links`` without the check on the live text): one found in passing is on no page."""
    footprint = Footprint()
    shown = set()
    links = (
        ArticleEntity.objects.filter(article_id=article_id)
        .exclude(status=Decision.REJECTED)
        .filter(Q(status=Decision.ACCEPTED) | Q(salience__in=(Salience.PRINCIPAL, Salience.SECONDARY)))
        .values_list("entity_id", "salience", "status", "entity__kind")
    )
    for entity_id, salience, status, kind in links:
        footprint.entity_ids.add(entity_id)
        shown.add(("link", entity_id, salience, status))
        if salience == Salience.PRINCIPAL and kind == EntityKind.COUNTRY:
            footprint.principal_country_ids.add(entity_id)
    live_revision_id = ArticlePage.objects.filter(pk=article_id).values_list("live_revision_id", flat=True).first()
    shown.add(("revision", live_revision_id))
    quotes = QuoteRecord.objects.filter(article_id=article_id, revision_id=live_revision_id)
    for speaker_id, words, on_record in quotes.values_list("speaker_id", "words", "on_record"):
        if speaker_id:
            footprint.entity_ids.add(speaker_id)
        shown.add(("quote", speaker_id, on_record, hashlib.sha256(words.encode()).hexdigest()))
    footprint.shown = frozenset(shown)
    return footprint


def analysis_changed(*, article_id: int, before: Footprint, after: Footprint, always: bool = False) -> None:
    """Tell the layers above that what readers see of a live article's analysis changed
    (``signals.article_analysis_changed``), with every page it touched before and after. Nothing when nothing
    shown changed (a backfill analysing the same live text again), unless ``always`` (a figure decided: figures
    are not in the footprint), nor inside a bulk load (its caller starts the caches afresh)."""
    if conf.deferred() or (before.shown == after.shown and not always):
        return
    if not ArticlePage.objects.filter(pk=article_id, live=True).exists():
        return
    touched = before | after
    article_analysis_changed.send(
        sender=ArticlePage,
        article_id=article_id,
        entity_ids=touched.entity_ids,
        principal_country_ids=touched.principal_country_ids,
    )


@transaction.atomic
def entity_decision_record(*, link: ArticleEntity, status: str, user) -> ArticleEntity:
    before = article_footprint(link.article_id)
    link.status, link.decided_by, link.decided_at = status, user, timezone.now()
    link.save(update_fields=["status", "decided_by", "decided_at"])
    # The link's entity itself, whatever it was: a passing mention rejected changes no page, but costs nothing.
    after = article_footprint(link.article_id)
    after.entity_ids.add(link.entity_id)
    analysis_changed(article_id=link.article_id, before=before, after=after)
    entity = link.entity
    if status == Decision.ACCEPTED and entity.kind == EntityKind.COUNTRY and entity.country_id:
        article_countries_feed(article_id=link.article_id, country_ids=[entity.country_id])
    log(
        instance=link.article,
        action=ENTITY_ACCEPT_LOG_ACTION if status == Decision.ACCEPTED else ENTITY_REJECT_LOG_ACTION,
        user=user,
        data={"entity": entity.key, "name": entity.name},
    )
    return link


def figure_decide(*, figure: FigureMention, decision: str, user) -> FigureMention:
    status = decision_check(article=figure.article, user=user, decision=decision)
    return figure_decision_record(figure=figure, status=status, user=user)


@transaction.atomic
def figure_decision_record(*, figure: FigureMention, status: str, user) -> FigureMention:
    """The decision holds for the figure in every revision analysed (the live one and the newest)."""
    now = timezone.now()
    FigureMention.objects.filter(
        article_id=figure.article_id, text=figure.text, unit=figure.unit, value=figure.value
    ).update(status=status, decided_by=user, decided_at=now)
    figure.status, figure.decided_by, figure.decided_at = status, user, now
    footprint = article_footprint(figure.article_id)
    analysis_changed(article_id=figure.article_id, before=footprint, after=footprint, always=True)
    log(
        instance=figure.article,
        action=FIGURE_ACCEPT_LOG_ACTION if status == Decision.ACCEPTED else FIGURE_REJECT_LOG_ACTION,
        user=user,
        data={"figure": figure.text, "unit": figure.unit, "value": str(figure.value)},
    )
    return figure


# Countries covered


def _countries_through():
    return ArticlePage._meta.get_field("countries").remote_field.through


def article_countries_feed(*, article_id: int, country_ids, analysed_revision_id: int | None = None) -> bool:
    """Add countries to the article's "countries covered" where editors and readers see them, without a new revision.

    The relation is a ``ParentalManyToManyField``: each revision holds its own list (``content["countries"]``) and
    publishing a revision writes that list to the live page. So the countries go into the latest revision (what the
    edit form opens and the next publish writes) and, when the live page shows the text they were found in (it is
    the latest revision, or the revision analysed), into the live page's rows and its revision too. A live page
    with a newer draft gets them when the draft is published. No revision is created: an editor's open form stays
    based on the latest revision (``core.edit_conflicts``). Returns whether the live page changed."""
    country_ids = sorted(set(country_ids))
    page = ArticlePage.objects.defer_streamfields().filter(pk=article_id).first()
    if page is None or not country_ids:
        return False
    live_follows = bool(
        page.live and page.live_revision_id and page.live_revision_id in (page.latest_revision_id, analysed_revision_id)
    )
    revision_ids = {page.latest_revision_id} | ({page.live_revision_id} if live_follows else set())
    for revision in Revision.objects.filter(pk__in=revision_ids - {None}).only("pk", "content"):
        current = list(revision.content.get("countries") or [])
        missing = [pk for pk in country_ids if pk not in current]
        if missing:
            revision.content["countries"] = current + missing
            # An update, not save(): no signal (this would queue its analysis again), created_at untouched.
            Revision.objects.filter(pk=revision.pk).update(content=revision.content)
    if not live_follows:
        return False
    through = _countries_through()
    present = set(through.objects.filter(articlepage_id=page.pk).values_list("country_id", flat=True))
    missing = [pk for pk in country_ids if pk not in present]
    if not missing:
        return False
    rows = [through(articlepage_id=page.pk, country_id=pk) for pk in missing]
    through.objects.bulk_create(rows, ignore_conflicts=True)
    article_countries_changed.send(sender=ArticlePage, instance=page)
    if not conf.deferred():  # a bulk load rebuilds both indexes once at its end
        transaction.on_commit(lambda: _reindex(page.pk))
    return True


def _reindex(article_id: int) -> None:
    """The search index (an article is found by its countries' names) and Wagtail's reference index (which pages
    show a country), as a save would have queued them."""
    from wagtail.search.tasks import insert_or_update_object_task
    from wagtail.tasks import update_reference_index_task

    insert_or_update_object_task.enqueue("newsroom", "articlepage", str(article_id))
    update_reference_index_task.enqueue("newsroom", "articlepage", str(article_id))


# Merges


def entity_merge_check(*, entity: Entity, into: Entity, user) -> None:
    if user is None or not user.has_perm("analysis.change_entity"):
        raise PermissionDenied(MERGE_NOT_ALLOWED)
    if entity.merged_into_id:
        raise ValidationError(MERGE_ALREADY_MERGED)
    if entity.kind != into.kind:
        raise ValidationError(MERGE_OTHER_KIND)
    if entity.pk == into.pk:
        raise ValidationError(MERGE_SAME_ENTITY)


def entity_merge(*, entity: Entity, into: Entity, user) -> Entity:
    """Merge ``entity`` into ``into`` (or, if that was merged itself, the entity it now is): articles' links,
    mentions and quotes move to the survivor, which takes the old names as other names; the old entity stays, with
    its key, pointing at the survivor. Returns the survivor."""
    into = selectors.resolve(into.key) or into
    entity_merge_check(entity=entity, into=into, user=user)
    return entity_merge_record(entity=entity, into=into, user=user)


def _merged_link(kept: ArticleEntity, moved: ArticleEntity) -> ArticleEntity:
    """One article linked to both: a decision beats a suggestion (the survivor's decision wins over the old one's),
    the stronger salience and the mentions of both."""
    if kept.status == Decision.SUGGESTED and moved.status != Decision.SUGGESTED:
        kept.status, kept.decided_by_id, kept.decided_at = moved.status, moved.decided_by_id, moved.decided_at
    if SALIENCE_RANK.get(moved.salience, 3) < SALIENCE_RANK.get(kept.salience, 3):
        kept.salience = moved.salience
    kept.mention_count += moved.mention_count
    kept.confidence = max(kept.confidence, moved.confidence)
    return kept


@transaction.atomic
def entity_merge_record(*, entity: Entity, into: Entity, user) -> Entity:
    entity = Entity.objects.select_for_update().get(pk=entity.pk)
    survivor_links = {link.article_id: link for link in ArticleEntity.objects.filter(entity=into)}
    combined, moved_ids = [], []
    for link in ArticleEntity.objects.filter(entity=entity):
        kept = survivor_links.get(link.article_id)
        if kept is None:
            moved_ids.append(link.pk)
        else:
            combined.append(_merged_link(kept, link))
    ArticleEntity.objects.filter(entity=entity).exclude(pk__in=moved_ids).delete()
    ArticleEntity.objects.filter(pk__in=moved_ids).update(entity=into)
    ArticleEntity.objects.bulk_update(
        combined, ["status", "decided_by", "decided_at", "salience", "mention_count", "confidence"]
    )
    Mention.objects.filter(entity=entity).update(entity=into)
    QuoteRecord.objects.filter(speaker=entity).update(speaker=into)
    Entity.objects.filter(merged_into=entity).update(merged_into=into)  # no chains
    Entity.objects.filter(part_of=entity).exclude(pk=into.pk).update(part_of=into)
    names = [entity.name, *entity.aliases]
    into.aliases = [*into.aliases, *(name for name in names if name and name != into.name and name not in into.aliases)]
    fields = ["aliases", "updated_at"]
    if into.contributor_id is None and entity.contributor_id is not None:
        into.contributor_id, entity.contributor_id = entity.contributor_id, None
        fields.append("contributor")
    if into.country_id is None and entity.country_id is not None:
        into.country_id = entity.country_id
        fields.append("country")
    entity.merged_into = into
    entity.save(update_fields=["merged_into", "contributor", "updated_at"])
    into.save(update_fields=fields)
    log(
        instance=into,
        action=ENTITY_MERGE_LOG_ACTION,
        user=user,
        data={"merged": entity.key, "name": entity.name, "into": into.key},
    )
    knowledge_base.bump_on_commit()
    return into

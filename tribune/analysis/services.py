"""Writes for the analysis: entities (the seed and Tribune's experts kept in step, merges), editors' decisions on an
article's suggestions, accepted countries fed to the article's own "countries covered", and key figures (records
made from an article's figures, articles' figures linked to them, their values over time).

Decisions are checked (``*_check``: may this user edit the article? is it a decision?) apart from being recorded, so
commands and tests can record one directly.
"""

import datetime
import hashlib
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

import pycountry

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.models import ReferenceIndex, Revision

from tribune.analysis.extraction.knowledge import seed_names, seed_records
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
    KeyFigure,
    KeyFigureEntity,
    KeyFigureValue,
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
KEY_FIGURE_NOT_ALLOWED = _("Only editors who may add key figures can save a figure as one.")
KEY_FIGURE_LINK_NOT_ALLOWED = _("Only editors who may change key figures can link an article's figures to them.")
KEY_FIGURE_VALUE_NOT_ALLOWED = _("Only editors who may change key figures can record their values.")
FIGURE_ARTICLE_NOT_ALLOWED = _("Only those who may edit this article can save its figures as key figures or link them.")
FIGURE_NOT_ACCEPTED = _("Accept the figure first: only accepted figures become or cite key figures.")
FIGURE_OTHER_UNIT = _(
    "This key figure is counted in %(unit)s and the figure in %(figure_unit)s: choose one in %(figure_unit)s."
)

ENTITY_ACCEPT_LOG_ACTION = "analysis.entity_accept"
ENTITY_REJECT_LOG_ACTION = "analysis.entity_reject"
FIGURE_ACCEPT_LOG_ACTION = "analysis.figure_accept"
FIGURE_REJECT_LOG_ACTION = "analysis.figure_reject"
ENTITY_MERGE_LOG_ACTION = "analysis.entity_merge"
FIGURE_LINK_LOG_ACTION = "analysis.figure_link"
FIGURE_UNLINK_LOG_ACTION = "analysis.figure_unlink"
KEY_FIGURE_VALUE_LOG_ACTION = "analysis.key_figure_value"

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


def _translations_filled(stored, names: dict[str, str] | None) -> dict:
    """``stored`` (an entity's ``translations``) with the seed's ``names`` in the languages it has no name in."""
    result = {language: dict(fields) for language, fields in (stored or {}).items() if isinstance(fields, dict)}
    for language, name in (names or {}).items():
        if isinstance(name, str) and name.strip() and not (result.get(language) or {}).get("name"):
            result.setdefault(language, {})["name"] = name.strip()
    return result


@transaction.atomic
def entities_sync() -> SyncResult:
    """Every entity of the extraction's seed and every published expert as an ``Entity``; idempotent. A seed entity
    editors changed keeps their changes; one the seed renamed is renamed. The seed's names in other languages fill
    the languages an entity has no name in yet (an editor's translation stays)."""
    result = SyncResult()
    countries = _country_by_alpha3()
    translated = seed_names()
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
                    translations=_translations_filled({}, translated.get(record.id)),
                )
            )
        elif entity.source == EntitySource.SEED and (
            entity.name != record.name or (country is not None and entity.country_id != country.pk)
        ):
            entity.name = record.name
            entity.country = country or entity.country
            to_update.append(entity)
        if entity is not None and record.id in translated:
            filled = _translations_filled(entity.translations, translated[record.id])
            if filled != entity.translations:
                entity.translations = filled
                if entity not in to_update:
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
    Entity.objects.bulk_update(to_update, ["name", "country", "slug", "translations"])
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
    """The decision holds for the figure in every revision analysed (the live one and the newest). A rejected figure
    cites no key figure any more."""
    now = timezone.now()
    unlinked = {"key_figure": None} if status == Decision.REJECTED else {}
    _same_figure(figure).update(status=status, decided_by=user, decided_at=now, **unlinked)
    figure.status, figure.decided_by, figure.decided_at = status, user, now
    if unlinked:
        figure.key_figure = None
    footprint = article_footprint(figure.article_id)
    analysis_changed(article_id=figure.article_id, before=footprint, after=footprint, always=True)
    log(
        instance=figure.article,
        action=FIGURE_ACCEPT_LOG_ACTION if status == Decision.ACCEPTED else FIGURE_REJECT_LOG_ACTION,
        user=user,
        data={"figure": figure.text, "unit": figure.unit, "value": str(figure.value)},
    )
    return figure


def _same_figure(figure: FigureMention):
    """The figure's rows in every revision analysed: a figure is its words, unit and value (``identity``)."""
    return FigureMention.objects.filter(
        article_id=figure.article_id, text=figure.text, unit=figure.unit, value=figure.value
    )


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
    mentions, quotes and key figures move to the survivor, which takes the old names as other names; the old entity
    stays, with its key, pointing at the survivor. Returns the survivor."""
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
    # Key figures about both keep the survivor's row; the others move to it.
    KeyFigureEntity.objects.filter(
        entity=entity, key_figure__in=KeyFigureEntity.objects.filter(entity=into).values("key_figure")
    ).delete()
    KeyFigureEntity.objects.filter(entity=entity).update(entity=into)
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


# Key figures


def _figure_article_check(*, figure: FigureMention, user) -> None:
    """Those who may decide on an article's suggestions (``decision_check``) may save and link its figures."""
    if not figure.article.permissions_for_user(user).can_edit():
        raise PermissionDenied(FIGURE_ARTICLE_NOT_ALLOWED)


def key_figure_add_check(*, user, figure: FigureMention | None = None) -> None:
    """May ``user`` add a key figure (from ``figure``, an article's figure: they must also be allowed to decide on
    its suggestions, and the figure must be accepted)?"""
    if user is None or not user.has_perm("analysis.add_keyfigure"):
        raise PermissionDenied(KEY_FIGURE_NOT_ALLOWED)
    if figure is not None:
        _figure_article_check(figure=figure, user=user)
        if figure.status != Decision.ACCEPTED:
            raise ValidationError(FIGURE_NOT_ACCEPTED)


def key_figure_create(
    *,
    label: str,
    unit: str,
    value: Decimal,
    as_of: datetime.date,
    source: str,
    source_url: str = "",
    entities=(),
    figure: FigureMention | None = None,
    user,
) -> KeyFigure:
    """A new key figure with its first value; made from ``figure`` (an accepted figure of an article), it takes the
    figure's unit and the article cites it from then on."""
    if figure is not None:
        unit = figure.unit
    key_figure_add_check(user=user, figure=figure)
    return key_figure_create_record(
        label=label,
        unit=unit,
        value=value,
        as_of=as_of,
        source=source,
        source_url=source_url,
        entities=entities,
        figure=figure,
        user=user,
    )


@transaction.atomic
def key_figure_create_record(
    *, label, unit, value, as_of, source, source_url="", entities=(), figure=None, user=None
) -> KeyFigure:
    key_figure = KeyFigure(label=label, unit=unit, value=value, as_of=as_of, source=source, source_url=source_url)
    key_figure.full_clean()  # a command's values as strictly as the admin's forms
    key_figure.save()
    KeyFigureEntity.objects.bulk_create(
        [
            KeyFigureEntity(key_figure=key_figure, entity=entity, sort_order=order)
            for order, entity in enumerate(dict.fromkeys(entities))
        ]
    )
    key_figure_history_sync(key_figure=key_figure, user=user)
    log(instance=key_figure, action="wagtail.create", user=user, content_changed=True)
    if figure is not None:
        figure_link_record(figure=figure, key_figure=key_figure, user=user)
    return key_figure


def figure_link_check(*, figure: FigureMention, key_figure: KeyFigure | None, user) -> None:
    """May ``user`` link the article's ``figure`` to ``key_figure`` (or unlink it, with None)? They must be
    allowed to decide on the article's suggestions and to change key figures; the figure must be accepted and
    counted in the key figure's unit."""
    if user is None or not user.has_perm("analysis.change_keyfigure"):
        raise PermissionDenied(KEY_FIGURE_LINK_NOT_ALLOWED)
    _figure_article_check(figure=figure, user=user)
    if key_figure is None:
        return
    if figure.status != Decision.ACCEPTED:
        raise ValidationError(FIGURE_NOT_ACCEPTED)
    if key_figure.unit != figure.unit:
        raise ValidationError(FIGURE_OTHER_UNIT, params={"unit": key_figure.unit, "figure_unit": figure.unit})


def figure_link(*, figure: FigureMention, key_figure: KeyFigure | None, user) -> FigureMention:
    """The article cites ``key_figure`` with ``figure`` (its value is the one cited); None unlinks it."""
    figure_link_check(figure=figure, key_figure=key_figure, user=user)
    return figure_link_record(figure=figure, key_figure=key_figure, user=user)


@transaction.atomic
def figure_link_record(*, figure: FigureMention, key_figure: KeyFigure | None, user) -> FigureMention:
    """Like a decision, the link holds for the figure in every revision analysed, and re-analysis keeps it
    (``runs._figures_store``)."""
    previous = figure.key_figure
    _same_figure(figure).update(key_figure=key_figure)
    figure.key_figure = key_figure
    shown = key_figure or previous
    log(
        instance=figure.article,
        action=FIGURE_LINK_LOG_ACTION if key_figure is not None else FIGURE_UNLINK_LOG_ACTION,
        user=user,
        data={
            "figure": figure.text,
            "value": str(figure.value),
            "key_figure": shown.pk if shown else None,
            "name": shown.label if shown else "",
        },
    )
    return figure


def key_figure_value_check(*, key_figure: KeyFigure, user, value, source: str, source_url: str = "") -> None:
    if user is None or not user.has_perm("analysis.change_keyfigure"):
        raise PermissionDenied(KEY_FIGURE_VALUE_NOT_ALLOWED)
    for name, given in (("value", value), ("source", source), ("source_url", source_url)):
        KeyFigureValue._meta.get_field(name).clean(given, None)  # digits, lengths, a well-formed address


def key_figure_value_set(
    *, key_figure: KeyFigure, value: Decimal, as_of: datetime.date, source: str, source_url: str = "", user
) -> KeyFigure:
    """Record the value ``key_figure`` held as of a date. A date after the current one makes it the current value
    (the articles citing the previous one then cite an older value: ``selectors.key_figure_citations``); the
    current date corrects the current value; an earlier date adds to (or corrects) the history only."""
    key_figure_value_check(key_figure=key_figure, user=user, value=value, source=source, source_url=source_url)
    return key_figure_value_record(
        key_figure=key_figure, value=value, as_of=as_of, source=source, source_url=source_url, user=user
    )


@transaction.atomic
def key_figure_value_record(*, key_figure: KeyFigure, value, as_of, source, source_url="", user=None) -> KeyFigure:
    locked = KeyFigure.objects.select_for_update().get(pk=key_figure.pk)
    _history_write(key_figure=locked, value=value, as_of=as_of, source=source, source_url=source_url, user=user)
    if as_of >= locked.as_of:
        locked.value, locked.as_of, locked.source, locked.source_url = value, as_of, source, source_url
        locked.save(update_fields=["value", "as_of", "source", "source_url", "updated_at"])
    log(
        instance=locked,
        action=KEY_FIGURE_VALUE_LOG_ACTION,
        user=user,
        data={"value": str(value), "unit": locked.unit, "as_of": as_of.isoformat(), "source": source},
    )
    for name in ("value", "as_of", "source", "source_url"):
        setattr(key_figure, name, getattr(locked, name))
    return locked


@transaction.atomic
def key_figure_history_sync(*, key_figure: KeyFigure, user=None) -> KeyFigureValue:
    """The history holds the record's current value under its as-of date (after a save in the admin, where the
    form refuses a date before the current one)."""
    list(KeyFigure.objects.select_for_update().filter(pk=key_figure.pk).values_list("pk"))  # one history writer
    return _history_write(
        key_figure=key_figure,
        value=key_figure.value,
        as_of=key_figure.as_of,
        source=key_figure.source,
        source_url=key_figure.source_url,
        user=user,
    )


def _history_write(*, key_figure: KeyFigure, value, as_of, source, source_url, user) -> KeyFigureValue:
    row = KeyFigureValue.objects.filter(key_figure=key_figure, as_of=as_of).first()
    if row is None:
        return KeyFigureValue.objects.create(
            key_figure=key_figure, value=value, as_of=as_of, source=source, source_url=source_url, recorded_by=user
        )
    if (row.value, row.source, row.source_url) != (value, source, source_url):
        row.value, row.source, row.source_url, row.recorded_by = value, source, source_url, user
        row.save()
    return row

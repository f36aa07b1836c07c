"""The knowledge base an analysis runs with: the extraction's seed plus what the database adds (Tribune's experts,
entities editors added or edited, and every other name editors gave an entity), kept in each worker's memory for
the current generation of the entities. Any change to an entity moves the generation on (``bump_on_commit``), so
a task reads one cache key, not the entities table, as long as nothing changed."""

from django.db.models import Q

from tribune.analysis.extraction import EntityRecord, KnowledgeBase, knowledge_base_with, person_record
from tribune.analysis.extraction.knowledge import NAME
from tribune.core import fragments

from .models import Entity, EntityKind, EntitySource

ENTITIES_SCOPE = "analysis-entities"


def bump_on_commit() -> None:
    fragments.bump_on_commit(ENTITIES_SCOPE)


def extra_records() -> tuple[EntityRecord, ...]:
    """The records the database adds to the seed, in key order (the same tuple for the same rows, so the
    extraction's own cache recognises it). A merged entity lends its names to the one it was merged into."""
    rows = (
        Entity.objects.filter(
            Q(source__in=[EntitySource.CONTRIBUTOR, EntitySource.EDITOR])
            | ~Q(aliases=[])
            | Q(merged_into__isnull=False)
        )
        .select_related("part_of", "merged_into")
        .order_by("key")
    )
    records = []
    for entity in rows:
        survivor = entity.merged_into
        if survivor is not None:
            # The old entity's own names now name the survivor (the seed may still yield the old key: resolved later).
            names = [entity.name, *entity.aliases]
            records.append(EntityRecord(survivor.key, survivor.name, tuple((name, NAME) for name in names if name)))
            continue
        aliases = [alias for alias in entity.aliases if alias]
        if entity.kind == EntityKind.PERSON:
            records.append(person_record(entity.name, entity_id=entity.key, aliases=aliases))
        else:
            records.append(
                EntityRecord(
                    entity.key,
                    entity.name,
                    tuple((alias, NAME) for alias in aliases),
                    part_of=entity.part_of.key if entity.part_of_id else None,
                )
            )
    return tuple(records)


def _build() -> KnowledgeBase:
    return knowledge_base_with(extra_records())


knowledge_base = fragments.PerGeneration(_build, scopes=[ENTITIES_SCOPE])

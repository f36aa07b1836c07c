"""Entities: the seed and Tribune's experts synced (command, migrate, publishing a profile), names editors add feeding
the analysis, the admin listing, and merges that keep the old key resolving while links move to the survivor."""

import io

import pytest

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from tests.factories import make_contributor
from tribune.analysis import selectors, services
from tribune.analysis.extraction.knowledge import seed_records
from tribune.analysis.models import ArticleEntity, Decision, Entity, EntityKind, EntitySource, Mention, QuoteRecord

from .conftest import body_of

LIST = "wagtailsnippets_analysis_entity:list"
MERGE = "wagtailsnippets_analysis_entity:merge"


@pytest.fixture
def entity_editor(editor):
    return editor  # the "Editors" group holds the entity permissions (editorial.roles)


def test_migrate_seeded_every_entity_of_the_knowledge_base_and_the_command_is_idempotent(db):
    seeds = [record for record in seed_records() if record.kind in EntityKind.values]
    assert Entity.objects.filter(source=EntitySource.SEED).count() == len(seeds)
    pakistan = Entity.objects.get(key="country:PAK")
    assert pakistan.country.code == "PK" and pakistan.slug == pakistan.country.slug
    assert Entity.objects.get(key="org:un-security-council").part_of.key == "org:un"

    out = io.StringIO()
    call_command("analysis_sync_entities", stdout=out)

    assert "0 created, 0 updated" in out.getvalue()
    assert Entity.objects.filter(source=EntitySource.SEED).count() == len(seeds)


def test_a_published_expert_becomes_a_person_the_analysis_recognises_without_any_cue(publish):
    expert = make_contributor(slug="ines-varga-lund", name="Ines Varga Lund")

    entity = Entity.objects.get(contributor=expert)
    assert entity.key == "person:ines-varga-lund" and entity.source == EntitySource.CONTRIBUTOR

    # No title, role or speech verb around the name: only the knowledge base can know her.
    article = publish(body=body_of("Ines Varga Lund spent a decade on the Danube ports before this."))
    assert ArticleEntity.objects.filter(article=article, entity=entity).exists()


def test_other_names_editors_add_feed_the_next_analysis(publish, entity_editor, client):
    client.force_login(entity_editor)
    response = client.post(
        reverse("wagtailsnippets_analysis_entity:add"),
        {"kind": "org", "name": "Lake Basin Authority", "slug": "", "aliases": "the Basin Board\n\nthe Basin Board"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entity = Entity.objects.get(key="org:lake-basin-authority")
    assert entity.aliases == ["the Basin Board"] and entity.source == EntitySource.EDITOR

    article = publish(body=body_of("Fishermen say the Basin Board ignored their petition about the Kisumu quay."))

    assert ArticleEntity.objects.filter(article=article, entity=entity).exists()


def test_the_entity_listing_searches_and_filters_by_kind(client, entity_editor):
    client.force_login(entity_editor)

    html = client.get(reverse(LIST), {"q": "Pakistan"}).content.decode()
    assert "Pakistan" in html and "India" not in html
    html = client.get(reverse(LIST), {"kind": "region"}).content.decode()
    assert "South Asia" in html and "Pakistan" not in html


def test_contributors_cannot_open_the_entities(client, db):
    from tests.factories import UserFactory

    writer = UserFactory(username="writer", is_staff=True)
    writer.groups.add(Group.objects.get(name="Contributors"))
    client.force_login(writer)

    assert client.get(reverse(LIST)).status_code in (302, 403)


def test_merging_moves_links_mentions_and_quotes_and_the_old_key_still_resolves(publish, client, entity_editor):
    article = publish()
    old = Entity.objects.get(key="person:halima-oduya")
    survivor = Entity.objects.create(key="person:halima-a-oduya", kind="person", name="Halima A. Oduya", slug="h-a-o")
    client.force_login(entity_editor)

    page = client.get(reverse(MERGE, args=[old.pk])).content.decode()
    assert "Halima A. Oduya" in page and "Pakistan" not in page  # only people are offered
    response = client.post(reverse(MERGE, args=[old.pk]), {"into": survivor.pk})

    assert response.status_code == 302
    assert selectors.resolve("person:halima-oduya") == survivor
    old.refresh_from_db()
    assert old.merged_into == survivor and old.key == "person:halima-oduya"
    assert ArticleEntity.objects.filter(article=article, entity=survivor).exists()
    assert not ArticleEntity.objects.filter(entity=old).exists()
    assert Mention.objects.filter(entity=survivor).exists() and not Mention.objects.filter(entity=old).exists()
    assert QuoteRecord.objects.get(article=article, speaker_name="Halima Oduya").speaker == survivor
    survivor.refresh_from_db()
    assert "Halima Oduya" in survivor.aliases


def test_re_analysis_after_a_merge_links_the_survivor(publish, entity_editor, save_draft):
    article = publish()
    old = Entity.objects.get(key="person:halima-oduya")
    survivor = Entity.objects.create(key="person:h-oduya", kind="person", name="H. Oduya", slug="h-oduya")
    services.entity_merge(entity=old, into=survivor, user=entity_editor)

    save_draft(article, standfirst="Halima Oduya says the talks have stalled.")

    assert ArticleEntity.objects.filter(article=article, entity=survivor).exists()
    assert not ArticleEntity.objects.filter(article=article, entity=old).exists()


def test_a_merge_keeps_the_decision_when_both_were_linked_to_the_article(publish, entity_editor):
    article = publish()
    kenya = ArticleEntity.objects.get(article=article, entity__key="country:KEN")
    east_africa = ArticleEntity.objects.get(article=article, entity__key="region:east-africa")
    services.entity_decision_record(link=east_africa, status=Decision.REJECTED, user=entity_editor)
    other = Entity.objects.create(key="region:east-african-region", kind="region", name="EA", slug="ea")

    services.entity_merge(entity=east_africa.entity, into=other, user=entity_editor)

    assert ArticleEntity.objects.get(article=article, entity=other).status == Decision.REJECTED
    assert ArticleEntity.objects.get(pk=kenya.pk).status == kenya.status


@pytest.mark.parametrize("case", ["itself", "other-kind", "already-merged"])
def test_merges_that_make_no_sense_are_refused(entity_editor, case, db):
    from django.core.exceptions import ValidationError

    pakistan, india = Entity.objects.get(key="country:PAK"), Entity.objects.get(key="country:IND")
    if case == "already-merged":
        merged = Entity.objects.create(key="country:old", kind="country", name="Old", slug="old", merged_into=india)
        pair = (merged, pakistan)
    else:
        pair = (pakistan, pakistan if case == "itself" else Entity.objects.get(key="org:un"))

    with pytest.raises(ValidationError):
        services.entity_merge(entity=pair[0], into=pair[1], user=entity_editor)


def test_merging_needs_the_permission(client, db):
    from tests.factories import UserFactory

    writer = UserFactory(username="writer", is_staff=True)
    writer.groups.add(Group.objects.get(name="Contributors"))
    client.force_login(writer)
    pakistan = Entity.objects.get(key="country:PAK")

    assert client.post(reverse(MERGE, args=[pakistan.pk]), {"into": 1}).status_code in (302, 403)
    assert Entity.objects.get(pk=pakistan.pk).merged_into is None


def test_an_entity_is_edited_with_its_other_names_one_per_line_and_offers_a_merge(client, entity_editor):
    client.force_login(entity_editor)
    entity = Entity.objects.get(key="org:un")
    edit = reverse("wagtailsnippets_analysis_entity:edit", args=[entity.pk])

    html = client.get(edit).content.decode()

    assert reverse(MERGE, args=[entity.pk]) in html
    around_kind = html[html.index('name="kind"') - 200 : html.index('name="kind"') + 200]
    assert "disabled" in around_kind
    data = {"kind": "person", "name": "United Nations", "slug": entity.slug, "aliases": "the world body\n  UN  "}
    response = client.post(edit, data)

    assert response.status_code == 302
    entity.refresh_from_db()
    assert entity.kind == "org" and entity.key == "org:un"  # the kind and the key never change
    assert entity.aliases == ["the world body", "UN"] and entity.source == EntitySource.EDITOR

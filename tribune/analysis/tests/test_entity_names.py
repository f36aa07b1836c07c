"""Entities in the editions' languages: the seed's names in Hindi and Russian, editors' own translations in the
entity form, and reader pages, panels and feeds showing the edition's name."""

from django.urls import reverse

from tribune.analysis import services
from tribune.analysis.extraction.knowledge import seed_names, seed_records
from tribune.analysis.models import Entity, EntityKind

EDIT = "wagtailsnippets_analysis_entity:edit"


def test_every_curated_organisation_region_and_person_has_a_name_in_each_edition():
    curated = {record.id for record in seed_records() if record.kind in {"org", "region", "person"}}
    names = seed_names()

    assert curated <= set(names)
    for key in curated:
        assert names[key]["hi"].strip() and names[key]["ru"].strip(), key


def test_migrate_seeds_the_translated_names_and_a_sync_keeps_an_editors_translation(db):
    un = Entity.objects.get(key="org:un")
    assert un.localised("name", "ru") == "ООН"
    assert un.localised("name", "hi") == "संयुक्त राष्ट्र"
    assert un.localised("name", "en") == "United Nations"

    un.translations = {"ru": {"name": "Организация Объединённых Наций"}}
    un.save()
    services.entities_sync()

    un.refresh_from_db()
    assert un.localised("name", "ru") == "Организация Объединённых Наций"  # the editor's stays
    assert un.localised("name", "hi") == "संयुक्त राष्ट्र"  # the language they left empty is filled


def test_an_editor_names_an_entity_in_each_edition_from_its_form(client, editor):
    client.force_login(editor)
    entity = Entity.objects.get(key="region:east-africa")
    edit = reverse(EDIT, args=[entity.pk])

    html = client.get(edit).content.decode()
    assert 'name="translation_hi_name"' in html and 'name="translation_ru_name"' in html
    assert "पूर्वी अफ्रीका" in html or "पूर्वी अफ़्रीका" in html  # the seeded name, ready to correct

    data = {
        "kind": entity.kind,
        "name": "East Africa",
        "slug": entity.slug,
        "aliases": "",
        "translation_hi_name": "",
        "translation_ru_name": "Восточная Африка (регион)",
    }
    assert client.post(edit, data).status_code == 302

    entity.refresh_from_db()
    assert entity.localised("name", "ru") == "Восточная Африка (регион)"
    assert entity.localised("name", "hi") == "East Africa"  # emptied: the original name shows
    assert entity.name == "East Africa"  # the knowledge base still matches the English name


def test_reader_pages_and_feeds_show_the_editions_name(client, publish):
    publish()  # names the East African Community and East Africa (tests' conftest)
    eac = Entity.objects.get(key="org:eac")
    assert eac.kind == EntityKind.ORGANISATION

    english = client.get(eac.get_absolute_url())
    russian = client.get(f"/ru{eac.get_absolute_url()}")
    assert english.status_code == 200 and russian.status_code == 200
    assert "<h1" in english.content.decode() and "East African Community</h1>" in english.content.decode()
    assert "Восточноафриканское сообщество</h1>" in russian.content.decode()

    feed = client.get(f"/ru/feeds/organisations/{eac.slug}/rss/")
    assert feed.status_code == 200
    assert "Восточноафриканское сообщество" in feed.content.decode()

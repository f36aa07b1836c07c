"""An expert's profile and a topic read in each edition's language, with the original where a field is untranslated;
editors write the translations on the object's own admin form."""

from tests.factories import make_article, make_contributor
from tribune.contributors.models import Expertise
from tribune.delivery.invalidation import contributor_paths
from tribune.newsroom.models import ArticleByline
from tribune.taxonomy.models import Topic


def translated_expert():
    expert = make_contributor(slug="meera-iyer", name="Meera Iyer", role="Senior Fellow", short_bio="Trade economist.")
    expert.translations = {"hi": {"name": "मीरा अय्यर", "role": "वरिष्ठ फ़ेलो", "bio": "<p>व्यापार पर शोध।</p>"}}
    expert.save()
    return expert


def test_the_hindi_edition_shows_the_hindi_profile_and_the_english_one_the_original(client, db):
    translated_expert()

    hindi = client.get("/hi/experts/meera-iyer/").content.decode()
    english = client.get("/experts/meera-iyer/").content.decode()

    assert "मीरा अय्यर" in hindi and "वरिष्ठ फ़ेलो" in hindi and "व्यापार पर शोध।" in hindi
    assert "Trade economist." in hindi  # short bio untranslated: the original shows
    assert "Meera Iyer" in english and "Senior Fellow" in english
    assert "मीरा" not in english and "फ़ेलो" not in english


def test_an_untranslated_edition_shows_the_original_profile(client, db):
    translated_expert()

    russian = client.get("/ru/experts/meera-iyer/").content.decode()

    assert "Meera Iyer" in russian and "Senior Fellow" in russian and "मीरा" not in russian


def test_bylines_on_an_edition_article_use_the_edition_name(client, section):
    expert = translated_expert()
    article = make_article(section, title="Tariffs and the monsoon")
    ArticleByline.objects.filter(page=article).update(contributor=expert)

    english = client.get(article.url).content.decode()

    assert "Meera Iyer" in english and "मीरा अय्यर" not in english


def test_a_topic_is_named_in_the_edition_language(client, db):
    topic = Topic.objects.create(name="Monsoon", slug="monsoon", description="Rain and the economy.")
    topic.translations = {"ru": {"name": "Муссон"}}
    topic.save()

    russian = client.get("/ru/topics/monsoon/").content.decode()
    english = client.get("/topics/monsoon/").content.decode()

    assert "Муссон" in russian and "Rain and the economy." in russian
    assert "Муссон" not in english and "Monsoon" in english


def test_a_profile_change_forgets_its_page_in_every_edition(db):
    expert = translated_expert()

    paths = contributor_paths(expert)

    assert {"/experts/meera-iyer/", "/hi/experts/meera-iyer/", "/ru/experts/meera-iyer/"} <= paths


def test_editors_write_translations_on_the_profile_form(client, superuser):
    expert = translated_expert()
    client.force_login(superuser)

    html = client.get(f"/admin/snippets/contributors/contributor/edit/{expert.pk}/").content.decode()

    assert 'name="translation_hi_role"' in html and 'name="translation_ru_bio"' in html
    assert "वरिष्ठ फ़ेलो" in html  # the stored translation is the field's value


def test_the_translation_form_reads_and_stores_only_filled_languages(db):
    topic = Topic.objects.create(name="Monsoon", slug="monsoon", translations={"hi": {"name": "मानसून"}})
    form_class = Topic.snippet_viewset.get_edit_handler().get_form_class()
    assert form_class(instance=topic, for_user=None).initial["translation_hi_name"] == "मानसून"

    # The editor empties the Hindi name and names the topic in Russian.
    form = form_class(
        instance=topic,
        for_user=None,
        data={"name": "Monsoon", "slug": "monsoon", "translation_ru_name": "  Муссон ", "translation_hi_name": ""},
    )
    assert form.is_valid(), form.errors
    form.save()

    topic.refresh_from_db()
    assert topic.translations == {"ru": {"name": "Муссон"}}


def test_areas_of_expertise_and_languages_written_in_read_in_the_edition_language(client, db):
    expert = make_contributor(
        slug="meera-iyer", name="Meera Iyer", languages="English, Tamil", expertise=["trade policy"]
    )
    expert.translations = {"hi": {"languages": "अंग्रेज़ी, तमिल"}}
    expert.save()
    area = Expertise.objects.get(slug="trade-policy")
    area.translations = {"hi": {"name": "व्यापार नीति"}}
    area.save()

    hindi_profile = client.get("/hi/experts/meera-iyer/").content.decode()
    hindi_directory = client.get("/hi/experts/").content.decode()
    english_profile = client.get("/experts/meera-iyer/").content.decode()

    assert "व्यापार नीति" in hindi_profile and "अंग्रेज़ी, तमिल" in hindi_profile
    assert "trade policy" not in hindi_profile
    assert hindi_directory.count("व्यापार नीति") == 2  # the card and the filter's option
    assert "trade policy" in english_profile and "English, Tamil" in english_profile


def test_editors_name_an_area_of_expertise_in_each_edition_on_its_form(client, superuser, db):
    area = Expertise.objects.create(
        name="Trade policy", slug="trade-policy", translations={"ru": {"name": "Торговая политика"}}
    )
    client.force_login(superuser)

    html = client.get(f"/admin/snippets/contributors/expertise/edit/{area.pk}/").content.decode()
    listing = client.get("/admin/snippets/contributors/expertise/").content.decode()

    assert 'name="translation_hi_name"' in html and "Торговая политика" in html
    assert "Русский" in listing  # the "translated into" column

"""The demo's editions show their authors' profiles and their topics in the edition's language, written into the
objects' translations once: a reload rewrites nothing an editor has changed since."""

import re

from bs4 import BeautifulSoup

from wagtail.models import Locale

from tests.factories import make_contributor
from tribune.contributors.models import Contributor
from tribune.demo.content.articles_economy_science import ARTICLES as ECONOMY_SCIENCE
from tribune.demo.content.articles_world import ARTICLES as WORLD
from tribune.demo.content.contributors import CONTRIBUTORS
from tribune.demo.loader import ALL_ARTICLES, EDITION_CONTRIBUTORS, EDITIONS, load_demo
from tribune.newsroom.models import ArticlePage
from tribune.taxonomy.models import Topic

SCRIPTS = {"hi": re.compile("[\u0900-\u097f]"), "ru": re.compile("[\u0400-\u04ff]")}
# Only the English articles the editions translate, so the outlet loads in seconds rather than a minute.
SOURCE_SLUGS = {data["source"] for edition in EDITIONS.values() for data in edition["translations"]}
SOURCE_ARTICLES = [data for data in ALL_ARTICLES if data["slug"] in SOURCE_SLUGS]


def quiet(line):
    pass


def page(client, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(soup: BeautifulSoup, selector: str) -> str:
    return soup.select_one(selector).get_text(" ", strip=True)


def test_each_edition_shows_its_authors_profiles_and_topics_in_its_own_language(db, client):
    load_demo(log=quiet, article_data=SOURCE_ARTICLES)

    hindi = page(client, "/hi/experts/hana-sato/")
    assert text_of(hindi, ".profile__name") == "हाना सातो"
    assert text_of(hindi, ".profile__role") == "महामारी-विज्ञानी, कंसाई पब्लिक हेल्थ इंस्टीट्यूट"
    assert hindi.select_one('meta[name="description"]')["content"] == (
        "हाना सातो महामारी-विज्ञानी हैं और बीमारियों की निगरानी, प्रकोपों से निपटने और सरहदों के पार "
        "स्वास्थ्य-आँकड़ों के आदान-प्रदान पर काम करती हैं।"
    )
    assert text_of(hindi, ".profile__bio").startswith("हाना सातो ओसाका स्थित कंसाई पब्लिक हेल्थ इंस्टीट्यूट में")
    assert len(hindi.select(".profile__bio p")) == 2
    assert "जापानी, अंग्रेज़ी" in text_of(hindi, ".profile__meta")  # the languages she writes in
    areas = [area.get_text(strip=True) for area in hindi.select(".tag-list a")]
    assert areas and all(SCRIPTS["hi"].search(area) for area in areas)  # areas of expertise named in Hindi

    russian = page(client, "/ru/experts/hana-sato/")
    assert text_of(russian, ".profile__name") == "Хана Сато"
    assert text_of(russian, ".profile__role") == "Эпидемиолог, Кансайский институт общественного здравоохранения"
    assert russian.select_one('meta[name="description"]')["content"].startswith("Хана Сато — эпидемиолог")
    assert text_of(russian, ".profile__bio").startswith("Хана Сато — эпидемиолог Кансайского института")

    english = page(client, "/experts/hana-sato/")
    assert text_of(english, ".profile__role") == "Epidemiologist, Kansai Public Health Institute"
    assert not SCRIPTS["hi"].search(str(english.select_one(".profile"))) and "Хана" not in str(english)

    # The expert who joins with the Russian edition is introduced in Russian there.
    sadykova = page(client, "/ru/experts/alina-sadykova/")
    assert text_of(sadykova, ".profile__role") == (
        "Старший научный сотрудник, Каспийский центр экологических исследований"
    )

    # Every translated profile of both editions, field by field.
    for code, edition in EDITIONS.items():
        for slug, text in edition["profiles"].items():
            profile = page(client, f"/{code}/experts/{slug}/")
            assert text_of(profile, ".profile__name") == text["name"], (code, slug)
            assert text_of(profile, ".profile__role") == f"{text['role']}, {text['affiliation']}", (code, slug)
            assert profile.select_one('meta[name="description"]')["content"] == text["short_bio"], (code, slug)
            assert [p.get_text() for p in profile.select(".profile__bio p")] == text["bio"], (code, slug)

    # The Hindi translation of the dengue article links its topics by their Hindi names, and the byline by the
    # author's.
    dengue = ArticlePage.objects.get(locale__language_code="en", slug="dengue-season-arrives-earlier-in-asia")
    article = page(client, dengue.get_translation(Locale.objects.get(language_code="hi")).url)
    topic_links = {link["href"]: link.get_text(strip=True) for link in article.select(".tag-list a[href*='/topics/']")}
    assert topic_links == {
        "/hi/topics/public-health/": "जन स्वास्थ्य",
        "/hi/topics/climate/": "जलवायु",
        "/hi/topics/epidemiology/": "महामारी-विज्ञान",
    }
    assert text_of(article, ".byline__name") == "हाना सातो"

    assert text_of(page(client, "/hi/topics/energy-storage/"), ".listing-header__title") == "ऊर्जा भंडारण"
    assert text_of(page(client, "/ru/topics/energy-storage/"), ".listing-header__title") == "накопление энергии"
    assert text_of(page(client, "/topics/energy-storage/"), ".listing-header__title") == "energy storage"
    # A topic only the Russian original uses is named in Russian, and in English elsewhere.
    assert text_of(page(client, "/ru/topics/water/"), ".listing-header__title") == "водные ресурсы"
    assert text_of(page(client, "/hi/topics/water/"), ".listing-header__title") == "water"


def test_reloading_the_demo_rewrites_no_translation_and_leaves_editors_work_alone(db):
    # An editor's pending draft of a demo profile: the loader must neither publish it nor bury it under a revision.
    drafted = make_contributor(slug="hana-sato", name="Hana Sato", role="Epidemiologist")
    drafted.short_bio = "A draft the editor has not approved yet."
    drafted.save_revision()

    first = load_demo(log=quiet, article_data=SOURCE_ARTICLES)

    assert {code: (edition["profiles"], edition["topics"]) for code, edition in first["editions"].items()} == {
        "hi": (len(EDITIONS["hi"]["profiles"]) - 1, len(EDITIONS["hi"]["topics"])),
        "ru": (len(EDITIONS["ru"]["profiles"]) - 1, len(EDITIONS["ru"]["topics"])),
    }
    drafted = Contributor.objects.get(slug="hana-sato")
    assert drafted.translations == {} and drafted.has_unpublished_changes
    assert drafted.latest_revision.content["short_bio"] == "A draft the editor has not approved yet."

    # The editor rewrites the Hindi role of one translated profile after the first load.
    demir = Contributor.objects.get(slug="yusuf-demir")
    demir.translations = {**demir.translations, "hi": {**demir.translations["hi"], "role": "संपादक, विश्लेषण"}}
    demir.save_revision().publish()
    translations = {c.slug: c.translations for c in Contributor.objects.all()}
    topic_translations = {t.name: t.translations for t in Topic.objects.all()}
    revisions = {c.slug: c.revisions.count() for c in Contributor.objects.all()}

    again = load_demo(log=quiet, article_data=SOURCE_ARTICLES)

    assert all(edition["profiles"] == edition["topics"] == 0 for edition in again["editions"].values())
    assert {c.slug: c.translations for c in Contributor.objects.all()} == translations
    assert {t.name: t.translations for t in Topic.objects.all()} == topic_translations
    assert {c.slug: c.revisions.count() for c in Contributor.objects.all()} == revisions
    assert Contributor.objects.get(slug="yusuf-demir").localised("role", "hi") == "संपादक, विश्लेषण"
    assert Topic.objects.get(name="climate").translations == {"hi": {"name": "जलवायु"}, "ru": {"name": "климат"}}


def test_each_edition_translates_its_authors_profiles_and_its_topics_in_its_script():
    english = {data["slug"]: data for data in [*WORLD, *ECONOMY_SCIENCE]}
    for code, edition in EDITIONS.items():
        articles = [english[data["source"]] for data in edition["translations"]] + edition["originals"]
        authors = {slug for data in articles for slug in data["contributors"]}
        topics = {topic for data in articles for topic in data["topics"]}
        assert set(edition["profiles"]) == authors, code
        assert set(edition["topics"]) == topics, code
        for slug, text in edition["profiles"].items():
            assert set(text) <= set(Contributor.translated_fields), (code, slug)
            assert all(SCRIPTS[code].search(text[field]) for field in ("name", "role", "short_bio")), (code, slug)
            assert 1 <= len(text["bio"]) <= 2 and all(SCRIPTS[code].search(p) for p in text["bio"]), (code, slug)
            assert len(text["short_bio"]) <= Contributor._meta.get_field("short_bio").max_length, (code, slug)
        for name, text in edition["topics"].items():
            assert set(text) <= set(Topic.translated_fields) and SCRIPTS[code].search(text["name"]), (code, name)
    assert {data["slug"] for data in EDITION_CONTRIBUTORS["ru"]} <= set(EDITIONS["ru"]["profiles"])
    areas = {area for data in [*CONTRIBUTORS, *EDITION_CONTRIBUTORS["ru"]] for area in data["expertise"]}
    for code, edition in EDITIONS.items():
        assert set(edition["expertise"]) == areas, code
        assert all(SCRIPTS[code].search(text["name"]) for text in edition["expertise"].values()), code

"""The demo's Hindi and Russian editions: made from the English demo for each enabled language, once."""

import re

import pytest

from django.utils.translation import override

from wagtail.models import Locale, Page

from tribune.demo.content.contributors import CONTRIBUTORS
from tribune.demo.content.sections import SECTIONS, SERIES
from tribune.demo.content.trust_pages import PAGES as TRUST_PAGES
from tribune.demo.content.trust_pages_editions import TRUST_PAGES as EDITION_TRUST_PAGES
from tribune.demo.loader import ALL_ARTICLES, EDITION_CONTRIBUTORS, EDITIONS, load_demo
from tribune.newsroom.models import ArticlePage, HomePage, SectionPage, SeriesPage
from tribune.syndication import jsonld

# Until the core settings enable them by default, the editions' languages are switched on here.
EDITION_LANGUAGES = [("en", "English"), ("hi", "हिन्दी"), ("ru", "Русский")]
SCRIPTS = {"hi": re.compile("[\u0900-\u097f]"), "ru": re.compile("[\u0400-\u04ff]")}
# Only the English articles the editions translate, so the outlet loads in seconds rather than a minute.
SOURCE_SLUGS = {data["source"] for edition in EDITIONS.values() for data in edition["translations"]}
SOURCE_ARTICLES = [data for data in ALL_ARTICLES if data["slug"] in SOURCE_SLUGS]


def quiet(line):
    pass


@pytest.fixture
def editions_enabled(settings):
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = EDITION_LANGUAGES


def test_load_demo_builds_each_edition_from_the_english_pages_once(db, editions_enabled, client):
    summary = load_demo(log=quiet, article_data=SOURCE_ARTICLES)

    assert summary["editions"] == {
        code: {
            "sections": len(SECTIONS),
            "translated": 3,
            "originals": 1,
            "trust_pages": 7,
            "profiles": len(EDITIONS[code]["profiles"]),
            "topics": len(EDITIONS[code]["topics"]),
        }
        for code in ("hi", "ru")
    }
    english_home = HomePage.objects.get(locale__language_code="en")
    for code, edition in EDITIONS.items():
        locale = Locale.objects.get(language_code=code)
        home = HomePage.objects.get(locale=locale)
        assert home.live and home.translation_key == english_home.translation_key
        assert home.title == edition["home"]["title"] and home.tagline == edition["home"]["tagline"]
        sections = SectionPage.objects.child_of(home).live()
        # The tree's own count agrees (Wagtail's explorer and the navigation list children through it).
        assert home.get_children().count() == home.numchild == Page.objects.child_of(home).count() > len(SECTIONS)
        assert {s.get_translation(english_home.locale).slug: s.title for s in sections} == {
            slug: fields["title"] for slug, fields in edition["sections"].items()
        }
        assert {s.title for s in SeriesPage.objects.filter(locale=locale).live()} == {
            fields["title"] for fields in edition["series"].values()
        }
        # The edition's front page leads with its own articles, never the English ones.
        assert {pick.article.locale_id for pick in home.top_story_picks.all()} == {locale.pk}

        for data in edition["translations"]:
            source = ArticlePage.objects.get(locale=english_home.locale, slug=data["source"])
            translation = source.get_translation(locale)
            assert translation.live and translation.url.startswith(f"/{code}/")
            assert (translation.title, translation.standfirst) == (data["title"], data["standfirst"])
            assert translation.get_parent().specific.translation_key == source.get_parent().translation_key
            assert translation.lead_image_id == source.lead_image_id
            # The picture is shared; its description is the edition's own.
            assert SCRIPTS[code].search(translation.lead_alt), translation.lead_alt
            assert [b.contributor_id for b in translation.bylines.all()] == [
                b.contributor_id for b in source.bylines.all()
            ]
            if source.series:
                assert translation.series == source.series.get_translation(locale)
            blocks = {block.block_type: block.value for block in translation.body}
            assert SCRIPTS[code].search(blocks["heading"]) and SCRIPTS[code].search(blocks["quote"]["speaker"])
            assert ArticlePage.objects.published().filter(pk=translation.pk).exists()
            response = client.get(translation.url)
            assert response.status_code == 200
            html = response.content.decode()
            assert f'<html lang="{code}"' in html and data["title"] in html

        for data in edition["originals"]:
            original = ArticlePage.objects.get(locale=locale, slug=data["slug"])
            assert original.live and original.title == data["title"]
            assert not original.get_translations().exists()  # an edition's own: no English source
            assert original.lead_image.credit_line
            assert client.get(original.url).status_code == 200

        # The edition's own pages that earn trust, in its footer and its publisher's structured data.
        footer = client.get(f"/{code}/").content.decode()
        for slug, fields in EDITION_TRUST_PAGES[code].items():
            page = Page.objects.get(locale=locale, slug=slug)
            assert page.live and page.title == fields["title"], slug
            href = f"/{code}/privacy/" if slug == "privacy-policy" else page.url
            assert f'href="{href}"' in footer and fields["title"] in footer, slug
        with override(code):
            assert jsonld.publisher()["publishingPrinciples"].endswith(f"/{code}/standards/")

    pages = Page.objects.count()
    again = load_demo(log=quiet, article_data=SOURCE_ARTICLES)

    assert again["editions"] == {
        code: {"sections": len(SECTIONS), "translated": 0, "originals": 0, "trust_pages": 0, "profiles": 0, "topics": 0}
        for code in ("hi", "ru")
    }
    assert Page.objects.count() == pages


def test_with_only_english_enabled_the_demo_creates_no_edition(db, settings):
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = [("en", "English")]

    summary = load_demo(log=quiet, article_data=SOURCE_ARTICLES)

    assert summary["editions"] == {}
    assert list(Locale.objects.values_list("language_code", flat=True)) == ["en"]
    assert not Page.objects.exclude(locale__language_code="en").exists()


def test_edition_content_matches_the_english_demo_and_is_written_in_its_script():
    english_slugs = {data["slug"] for data in ALL_ARTICLES}
    contributor_slugs = {data["slug"] for data in CONTRIBUTORS}
    for code, edition in EDITIONS.items():
        edition_contributors = contributor_slugs | {data["slug"] for data in EDITION_CONTRIBUTORS.get(code, [])}
        assert set(edition["sections"]) == {section["slug"] for section in SECTIONS}, code
        assert set(edition["series"]) == {series["slug"] for series in SERIES}, code
        assert len(edition["translations"]) >= 3 and len(edition["originals"]) >= 1, code
        for data in [*edition["translations"], *edition["originals"]]:
            assert data.get("source", "") in english_slugs | {""}, data.get("source")
            assert data.get("slug", "") not in english_slugs, data.get("slug")
            assert SCRIPTS[code].search(data["title"]) and SCRIPTS[code].search(data["standfirst"]), data["title"]
            block_types = [block_type for block_type, _ in data["body"]]
            assert "heading" in block_types and "quote" in block_types, data["title"]
            for block_type, value in data["body"]:
                if block_type == "quote":
                    assert value["speaker"] and (value["contributor"] or "") in edition_contributors | {""}
        trust_pages = EDITION_TRUST_PAGES[code]
        assert set(trust_pages) == {slug for _field, slug, _title, _body in TRUST_PAGES} | {"masthead"}, code
        for slug, fields in trust_pages.items():
            text = fields.get("body") or fields["intro"]
            assert SCRIPTS[code].search(fields["title"]) and len(SCRIPTS[code].findall(text)) > 200, slug
            assert not re.search(r'href="/(?!' + code + r"/)", text), f"{slug} links out of the {code} edition"
        for data in edition["originals"]:
            assert set(data["contributors"]) <= edition_contributors, data["slug"]
            assert data["section"] in edition["sections"], data["slug"]

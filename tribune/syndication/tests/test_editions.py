"""Language editions in feeds, sitemaps, the news sitemap and robots.txt: each edition's feeds under its prefix with
only its own articles, one sitemap index for every edition's pages with ``hreflang`` alternates, every edition's news
with its own language, and the edition's feeds and listings forgotten when one of its articles is published."""

import struct
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale

from tests.factories import make_article, make_contributor
from tribune.delivery import page_cache
from tribune.delivery.invalidation import article_paths
from tribune.newsroom.services import correction_append
from tribune.syndication import sitemaps

from .test_feeds import FEED_FORMATS, fetch_feed, hours_ago, titles
from .test_sitemaps import (
    NS,
    absolute_path,
    all_sitemap_paths,
    count_queries,
    fetch_xml,
    index_sitemaps,
    news_entries,
)

EDITIONS = [("en", "English"), ("hi", "हिन्दी"), ("ru", "Русский")]
XHTML_NS = "http://www.w3.org/1999/xhtml"
BASE = "http://testserver"


def make_translation(page, language_code: str, **fields):
    """``page`` translated into the edition and published, as a translator does with Wagtail's simple translation."""
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    translated = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


@pytest.fixture
def editions(settings):
    """English (the default, unprefixed), Hindi at /hi/ and Russian at /ru/."""
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = EDITIONS
    return settings


@pytest.fixture
def world(editions, home, section, other_section, contributor):
    """An English article translated into Hindi and Russian, and a Hindi original with no English source; each
    edition has its home page and its analysis section (the opinion section is English only)."""
    for language_code, home_title, section_title in (("hi", "ट्रिब्यून", "विश्लेषण"), ("ru", "Трибуна", "Анализ")):
        make_translation(home, language_code, title=home_title)
        make_translation(section, language_code, title=section_title)
    english = make_article(
        section,
        title="The monsoon budget, line by line",
        contributors=[contributor],
        topics=["elections"],
        published_at=hours_ago(3),
    )
    hindi = make_translation(english, "hi", title="मानसून बजट, पंक्ति दर पंक्ति")
    russian = make_translation(english, "ru", title="Бюджет сезона дождей, строка за строкой")
    hindi_section = hindi.get_parent().specific
    hindi_original = make_article(
        hindi_section,
        title="पंचायत चुनाव में पहली बार वोट डालने वाले",
        contributors=[contributor],
        topics=["elections"],
        published_at=hours_ago(2),
    )
    return SimpleNamespace(
        english=english, hindi=hindi, russian=russian, hindi_original=hindi_original, hindi_section=hindi_section
    )


def full(page) -> str:
    return BASE + page.url


# Feeds: /feeds/… for the default edition, /hi/feeds/… and /ru/feeds/… for the others.


def test_the_default_edition_keeps_its_feed_addresses_and_each_edition_has_its_own(editions):
    assert reverse("feed_rss") == "/feeds/rss/"
    assert reverse("section_feed_full_atom", kwargs={"slug": "analysis"}) == "/feeds/sections/analysis/full/atom/"
    with translation.override("hi"):
        assert reverse("feed_rss") == "/hi/feeds/rss/"
        assert reverse("corrections_feed_atom") == "/hi/feeds/corrections/atom/"


@pytest.mark.parametrize("feed_format", FEED_FORMATS)
def test_each_edition_feed_lists_only_its_own_articles_in_its_language_linking_to_its_addresses(
    client, world, feed_format
):
    english = fetch_feed(client, f"/feeds/{feed_format}/")
    hindi = fetch_feed(client, f"/hi/feeds/{feed_format}/")
    russian = fetch_feed(client, f"/ru/feeds/{feed_format}/")

    assert titles(english) == [world.english.title]
    assert titles(hindi) == [world.hindi.title, world.hindi_original.title]  # the translation was published last
    assert titles(russian) == [world.russian.title]
    assert [entry.link for entry in hindi.entries] == [full(world.hindi), full(world.hindi_original)]
    assert world.hindi.url.startswith("/hi/") and world.russian.url.startswith("/ru/")
    assert [entry.link for entry in russian.entries] == [full(world.russian)]
    assert (english.feed.language, hindi.feed.language, russian.feed.language) == ("en", "hi", "ru")
    assert (english.feed.link, hindi.feed.link, russian.feed.link) == (f"{BASE}/", f"{BASE}/hi/", f"{BASE}/ru/")


def test_the_channel_language_is_written_as_rss_and_atom_name_it(client, world):
    rss = ET.fromstring(client.get("/hi/feeds/rss/").content)  # noqa: S314 - our own response under test
    atom = ET.fromstring(client.get("/ru/feeds/atom/").content)  # noqa: S314

    assert rss.findtext("channel/language") == "hi"
    assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"


def test_an_edition_section_feed_lists_that_edition_section_only(client, world):
    hindi = fetch_feed(client, "/hi/feeds/sections/analysis/rss/")
    english = fetch_feed(client, "/feeds/sections/analysis/full/rss/")

    assert titles(hindi) == [world.hindi.title, world.hindi_original.title]
    assert hindi.feed.link == full(world.hindi_section)
    assert world.hindi_section.url == "/hi/analysis/"
    assert titles(english) == [f"{world.english.title}"]


def test_a_section_the_edition_has_not_translated_has_no_feed_there(client, world):
    assert client.get("/feeds/sections/opinion/rss/").status_code == 200
    assert client.get("/hi/feeds/sections/opinion/rss/").status_code == 404


def test_an_edition_expert_and_topic_feed_list_the_edition_articles_linking_to_its_pages(client, world, contributor):
    expert = fetch_feed(client, f"/hi/feeds/experts/{contributor.slug}/atom/")
    topic = fetch_feed(client, "/ru/feeds/topics/elections/rss/")

    assert titles(expert) == [world.hindi.title, world.hindi_original.title]
    assert expert.feed.link == f"{BASE}/hi/experts/{contributor.slug}/"
    assert titles(topic) == [world.russian.title]
    assert topic.feed.link == f"{BASE}/ru/topics/elections/"


def test_an_edition_corrections_feed_lists_the_notes_on_its_own_articles(client, world, superuser):
    correction_append(article=world.english, kind="correction", note="The deficit was 4.1 per cent.", user=superuser)
    correction_append(article=world.hindi, kind="update", note="वित्त मंत्री ने आंकड़े संशोधित किए।", user=superuser)

    hindi = fetch_feed(client, "/hi/feeds/corrections/rss/")
    english = fetch_feed(client, "/feeds/corrections/rss/")

    assert [entry.summary for entry in hindi.entries] == ["वित्त मंत्री ने आंकड़े संशोधित किए।"]
    assert hindi.entries[0].link == f"{full(world.hindi)}#corrections"
    assert hindi.feed.link == f"{BASE}/hi/corrections/"
    assert [entry.summary for entry in english.entries] == ["The deficit was 4.1 per cent."]


def test_edition_pages_advertise_the_edition_feed(client, world):
    body = client.get(world.hindi.url).content.decode()

    assert 'href="/hi/feeds/rss/"' in body
    assert 'href="/hi/feeds/sections/analysis/rss/"' in client.get(world.hindi_section.url).content.decode()


# The feeds' fixed texts come from the interface catalogue of the edition's language.

HINDI_FEED_TEXTS = {
    "Expert opinion and analysis": "विशेषज्ञों की राय और विश्लेषण",
    "%(title)s (full text)": "%(title)s (पूरा पाठ)",
    "Corrections and updates": "सुधार और अपडेट",
    "Corrections and updates · %(site)s": "सुधार और अपडेट · %(site)s",  # the same title as one message
}


def write_catalogue(path, messages: dict[str, str]) -> None:
    """A compiled gettext catalogue (the GNU .mo format Python's gettext reads), so the test does not depend on the
    project's catalogues being compiled."""
    entries = sorted({"": "Content-Type: text/plain; charset=UTF-8\n", **messages}.items())
    ids = b"".join(key.encode() + b"\0" for key, _value in entries)
    strs = b"".join(value.encode() + b"\0" for _key, value in entries)
    count, header = len(entries), 7 * 4
    ids_start = header + 16 * count
    strs_start = ids_start + len(ids)
    id_table, str_table, id_offset, str_offset = [], [], ids_start, strs_start
    for key, value in entries:
        id_table += [len(key.encode()), id_offset]
        str_table += [len(value.encode()), str_offset]
        id_offset += len(key.encode()) + 1
        str_offset += len(value.encode()) + 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        struct.pack("<7I", 0x950412DE, 0, count, header, header + 8 * count, 0, 0)
        + struct.pack(f"<{2 * count}I", *id_table)
        + struct.pack(f"<{2 * count}I", *str_table)
        + ids
        + strs
    )


def test_an_edition_feed_fixed_texts_are_in_its_language_and_the_default_edition_stays_english(
    client, world, settings, tmp_path
):
    write_catalogue(tmp_path / "hi" / "LC_MESSAGES" / "django.mo", HINDI_FEED_TEXTS)
    settings.LOCALE_PATHS = [tmp_path]

    hindi = fetch_feed(client, "/hi/feeds/full/rss/")
    english = fetch_feed(client, "/feeds/full/rss/")
    corrections = fetch_feed(client, "/hi/feeds/corrections/atom/")

    assert hindi.feed.title == "Tribune (पूरा पाठ)"
    assert hindi.feed.subtitle == "विशेषज्ञों की राय और विश्लेषण"
    assert corrections.feed.title == "सुधार और अपडेट · Tribune"
    assert (english.feed.title, english.feed.subtitle) == ("Tribune (full text)", "Expert opinion and analysis")


# Sitemaps: one index for every edition's pages, each page naming its live translations.


def sitemap_alternates(client) -> dict[str, list[tuple[str, str]]]:
    """For every URL the index leads to: its path, and its (hreflang, path) alternates in order."""
    found = {}
    for url in index_sitemaps(client):
        if "-experts" in url or "-topics" in url:  # profiles and topics are not pages with translations
            continue
        for entry in fetch_xml(client, url).iterfind("sm:url", NS):
            links = entry.findall(f"{{{XHTML_NS}}}link")
            assert all(link.get("rel") == "alternate" for link in links)
            found[absolute_path(entry.findtext("sm:loc", namespaces=NS))] = [
                (link.get("hreflang"), absolute_path(link.get("href"))) for link in links
            ]
    return found


def test_the_sitemap_index_covers_every_edition_pages_and_edition_only_originals(client, world, home):
    paths = all_sitemap_paths(client)

    for page in (world.english, world.hindi, world.russian, world.hindi_original, world.hindi_section):
        assert paths.count(page.url) == 1, page.url
    assert {"/", "/hi/", "/ru/", "/analysis/", "/hi/analysis/", "/ru/analysis/", "/opinion/"} <= set(paths)
    assert "/hi/opinion/" not in paths


def test_every_version_of_a_translated_page_names_each_live_version_and_the_default_as_x_default(client, world):
    alternates = sitemap_alternates(client)

    cluster = [("en", world.english.url), ("hi", world.hindi.url), ("ru", world.russian.url)]
    for version in (world.english, world.hindi, world.russian):
        assert alternates[version.url] == [*cluster, ("x-default", world.english.url)], version.url
    assert alternates["/hi/"] == [("en", "/"), ("hi", "/hi/"), ("ru", "/ru/"), ("x-default", "/")]
    assert alternates["/hi/analysis/"][-1] == ("x-default", "/analysis/")
    # Nothing to relate: an untranslated page, or an edition-only original, lists no alternates.
    assert alternates[world.hindi_original.url] == []
    assert alternates["/opinion/"] == []


def test_the_sitemap_declares_the_xhtml_namespace_and_writes_absolute_alternates(client, world):
    body = client.get("/sitemap-articles.xml").content.decode()

    assert f'xmlns:xhtml="{XHTML_NS}"' in body
    assert f'<xhtml:link rel="alternate" hreflang="hi" href="{full(world.hindi)}"/>' in body


def test_an_original_without_a_default_edition_version_is_its_own_x_default(client, world):
    russian = make_translation(world.hindi_original, "ru", title="Впервые голосуют на выборах в панчаят")

    alternates = sitemap_alternates(client)

    cluster = [("hi", world.hindi_original.url), ("ru", russian.url)]
    assert alternates[world.hindi_original.url] == [*cluster, ("x-default", world.hindi_original.url)]
    assert alternates[russian.url] == [*cluster, ("x-default", russian.url)]


def test_a_translation_readers_cannot_see_is_neither_listed_nor_an_alternate(client, world, section, contributor):
    article = make_article(section, title="The monsoon arrives early", contributors=[contributor])
    draft = article.copy_for_translation(Locale.objects.get(language_code="hi"))  # saved, never published
    withdrawn = make_translation(article, "ru", title="Муссон пришёл рано")
    withdrawn.unpublish()

    alternates = sitemap_alternates(client)

    assert alternates[article.url] == []
    assert not draft.live
    assert draft.url not in alternates and withdrawn.url not in alternates


def test_an_edition_no_longer_enabled_leaves_the_sitemaps(client, world, settings):
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = EDITIONS[:2]

    alternates = sitemap_alternates(client)

    assert not [path for path in all_sitemap_paths(client) if path.startswith("/ru/")]
    assert alternates[world.english.url] == [
        ("en", world.english.url),
        ("hi", world.hindi.url),
        ("x-default", world.english.url),
    ]
    assert {entry["path"] for entry in news_entries(fetch_xml(client, "/news-sitemap.xml"))} == {
        world.english.url,
        world.hindi.url,
        world.hindi_original.url,
    }


def test_sitemap_queries_stay_the_same_at_any_archive_size_with_translated_articles(
    client, editions, home, section, monkeypatch
):
    monkeypatch.setattr(sitemaps, "SITEMAP_PAGE_SIZE", 4)
    make_translation(home, "hi")
    make_translation(section, "hi")

    def add_translated_articles(count: int) -> None:
        for _ in range(count):
            expert = make_contributor()
            make_translation(make_article(section, contributors=[expert], topics=[f"topic-{expert.slug}"]), "hi")

    urls = ["/sitemap.xml", "/sitemap-pages.xml", "/sitemap-articles.xml", "/sitemap-articles.xml?p=2"]
    add_translated_articles(3)
    with_three = count_queries(client, urls)

    add_translated_articles(12)

    assert count_queries(client, urls) == with_three
    alternates = sitemap_alternates(client)
    assert len(alternates) == 4 + 2 * 15  # two home pages, two sections, and each article in both editions
    assert all(len(links) == 3 for links in alternates.values())  # en, hi, x-default


# The news sitemap: every edition's recent articles, each in its own language.


def test_the_news_sitemap_lists_every_edition_recent_articles_each_in_its_language(client, world, section):
    make_article(section, title="Too old for the news sitemap", published_at=hours_ago(50))

    entries = news_entries(fetch_xml(client, "/news-sitemap.xml"))

    languages = {entry["path"]: entry["language"] for entry in entries}
    assert languages == {
        world.english.url: "en",
        world.hindi.url: "hi",
        world.russian.url: "ru",
        world.hindi_original.url: "hi",
    }
    assert {entry["name"] for entry in entries} == {"Tribune"}
    titles_by_path = {entry["path"]: entry["title"] for entry in entries}
    assert titles_by_path[world.hindi_original.url] == world.hindi_original.title


# robots.txt


def test_robots_txt_names_the_sitemaps_covering_every_edition_and_keeps_every_edition_search_out(client, world):
    lines = [line.strip() for line in client.get("/robots.txt").content.decode().splitlines() if line.strip()]

    assert {"Disallow: /search/", "Disallow: /hi/search/", "Disallow: /ru/search/"} <= set(lines)
    sitemap_urls = [line.removeprefix("Sitemap:").strip() for line in lines if line.startswith("Sitemap:")]
    assert sitemap_urls == [f"{BASE}/sitemap.xml", f"{BASE}/news-sitemap.xml"]
    assert world.hindi.url in all_sitemap_paths(client)


# The page cache and the edge forget an edition's feeds and listings when one of its articles is published.


def test_publishing_an_edition_article_forgets_that_edition_feeds_and_home_and_the_sitemaps(world, contributor):
    paths = article_paths(world.hindi_original.pk)

    with translation.override("hi"):
        edition_feeds = {reverse(name) for name in ("feed_rss", "feed_atom", "feed_full_rss", "feed_full_atom")}
        edition_feeds |= {
            reverse(f"{prefix}_{kind}", kwargs={"slug": slug})
            for prefix, slug in (
                ("section_feed", "analysis"),
                ("contributor_feed", contributor.slug),
                ("topic_feed", "elections"),
            )
            for kind in ("rss", "atom", "full_rss", "full_atom")
        }
    assert "/hi/feeds/sections/analysis/full/atom/" in edition_feeds
    assert edition_feeds <= paths
    assert {"/hi/", "/hi/analysis/", world.hindi_original.url} <= paths
    assert {"/sitemap.xml", "/sitemap-articles.xml", "/sitemap-pages.xml", "/news-sitemap.xml"} <= paths
    assert {"/feeds/rss/", "/"} <= paths  # the default edition's, as before
    assert not [path for path in paths if path.startswith("/ru/")]


@pytest.fixture
def page_cache_on(settings):
    """The page cache as production runs it, seeing every publish at once (tests run with it off)."""
    settings.TRIBUNE_PAGE_CACHE_SECONDS = 600
    settings.TRIBUNE_PAGE_CACHE_RECHECK_SECONDS = 0
    page_cache.local.clear()
    yield
    page_cache.local.clear()


def test_a_cached_edition_feed_and_sitemap_show_an_article_published_after_they_were_stored(
    client, world, page_cache_on, django_capture_on_commit_callbacks
):
    for url in ("/hi/feeds/rss/", "/sitemap-articles.xml"):
        client.get(url)
        assert client.get(url)[page_cache.HEADER] == "hit", url

    with django_capture_on_commit_callbacks(execute=True):
        fresh = make_article(world.hindi_section, title="बाढ़ राहत का नया पैकेज", published_at=hours_ago(1))

    assert fresh.title in client.get("/hi/feeds/rss/").content.decode()
    assert full(fresh) in client.get("/sitemap-articles.xml").content.decode()

"""The XML sitemap and the Google News sitemap: well-formed, complete, and limited to what readers may see."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import quote, urlsplit

import pytest

from wagtail.models import PageViewRestriction

from tests.factories import make_article, make_contributor
from tribune.newsroom.services import section_ensure

from .test_feeds import HOSTILE_TITLE, HOSTILE_TITLE_AS_READ, hours_ago, make_hidden_articles

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"sm": SITEMAP_NS, "news": NEWS_NS}


def parse_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - our own response under test, not untrusted input


def fetch_xml(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return parse_xml(response.content)


def sitemap_paths(root: ET.Element) -> list[str]:
    """The path of every <loc>, after checking each is an absolute http(s) URL."""
    paths = []
    for loc in root.iterfind("sm:url/sm:loc", NS):
        parts = urlsplit(loc.text)
        assert parts.scheme in {"http", "https"} and parts.netloc, loc.text
        paths.append(parts.path)
    return paths


# /sitemap.xml: urls.py serves every section of SITEMAPS through the (non-index) sitemap view, so one <urlset>.


def test_sitemap_is_one_urlset_of_home_sections_articles_expert_profiles_and_topics(
    client, article, other_section, contributor
):
    commentator = make_contributor(slug="bruno-second", name="Bruno Second")
    opinion = make_article(other_section, contributors=[commentator], topics=["courts"], published_at=hours_ago(4))

    root = fetch_xml(client, "/sitemap.xml")

    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    paths = sitemap_paths(root)
    assert len(paths) == len(set(paths)), "no URL is listed twice"
    assert set(paths) == {
        "/",
        "/analysis/",
        "/opinion/",
        article.url,
        opinion.url,
        "/experts/amara-test/",
        "/experts/bruno-second/",
        "/topics/elections/",
        "/topics/courts/",
    }


def test_sitemap_gives_pages_their_last_published_date(client, section, contributor):
    article = make_article(section, contributors=[contributor], published_at=hours_ago(24 * 10))

    root = fetch_xml(client, "/sitemap.xml")

    lastmods = {
        urlsplit(url.findtext("sm:loc", namespaces=NS)).path: url.findtext("sm:lastmod", namespaces=NS)
        for url in root.iterfind("sm:url", NS)
    }
    assert lastmods[article.url] == article.last_published_at.date().isoformat()


def test_sitemap_leaves_out_draft_unpublished_scheduled_embargoed_and_private_pages(client, home, section, contributor):
    visible = make_article(
        section, title="Visible", contributors=[contributor], topics=["elections"], published_at=hours_ago(3)
    )
    hidden = make_hidden_articles(section, contributor=contributor, topic="embargoed-only")
    members = section_ensure(home=home, slug="members", title="Members only")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    briefing = make_article(
        members,
        title="Members briefing",
        contributors=[contributor],
        topics=["members-only"],
        published_at=hours_ago(1),
    )
    make_contributor(slug="pending-expert", name="Pending Expert", publish=False)

    paths = sitemap_paths(fetch_xml(client, "/sitemap.xml"))

    assert visible.url in paths
    for page in [*hidden, members, briefing]:
        assert page.url not in paths, page.title
    # Topics used only on hidden articles, and unapproved profiles, are not advertised either.
    assert "/topics/embargoed-only/" not in paths
    assert "/topics/members-only/" not in paths
    assert "/experts/pending-expert/" not in paths
    assert "/topics/elections/" in paths


def test_sitemap_lists_a_topic_whose_name_is_not_in_latin_script(client, section, contributor):
    # taggit keeps Unicode in slugs (TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING is off), so this topic's slug is Arabic.
    make_article(section, contributors=[contributor], topics=["الانتخابات"], published_at=hours_ago(1))

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert quote("/topics/الانتخابات/") in sitemap_paths(parse_xml(response.content))


# /news-sitemap.xml: Google News wants only what was first published in the last two days.


def news_entries(root: ET.Element) -> list[dict]:
    return [
        {
            "path": urlsplit(url.findtext("sm:loc", namespaces=NS)).path,
            "name": url.findtext("news:news/news:publication/news:name", namespaces=NS),
            "language": url.findtext("news:news/news:publication/news:language", namespaces=NS),
            "date": datetime.datetime.fromisoformat(url.findtext("news:news/news:publication_date", namespaces=NS)),
            "title": url.findtext("news:news/news:title", namespaces=NS),
        }
        for url in root.iterfind("sm:url", NS)
    ]


def test_news_sitemap_lists_only_articles_first_published_in_the_last_48_hours(client, section, contributor):
    fresh = make_article(section, title="Fresh", contributors=[contributor], published_at=hours_ago(1))
    day_old = make_article(section, title="Nearly two days old", contributors=[contributor], published_at=hours_ago(47))
    make_article(section, title="Just too old", contributors=[contributor], published_at=hours_ago(49))
    republished = make_article(
        section, title="Old but republished", contributors=[contributor], published_at=hours_ago(72)
    )
    republished.save_revision().publish()  # a correction today does not make it news again
    make_hidden_articles(section, contributor=contributor)

    root = fetch_xml(client, "/news-sitemap.xml")

    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    entries = news_entries(root)
    assert [entry["path"] for entry in entries] == [fresh.url, day_old.url]
    assert entries[0] == {
        "path": fresh.url,
        "name": "Tribune",
        "language": "en",
        "date": fresh.first_published_at,
        "title": "Fresh",
    }
    assert entries[1]["date"] == day_old.first_published_at


def test_news_sitemap_declares_the_news_namespace(client, article):
    body = client.get("/news-sitemap.xml").content.decode()

    assert f'xmlns:news="{NEWS_NS}"' in body
    assert body.startswith('<?xml version="1.0" encoding="UTF-8"?>')


def test_news_sitemap_title_stays_valid_xml_with_hostile_characters(client, section, contributor):
    make_article(section, title=HOSTILE_TITLE, contributors=[contributor], published_at=hours_ago(1))

    (entry,) = news_entries(fetch_xml(client, "/news-sitemap.xml"))

    assert entry["title"] == HOSTILE_TITLE_AS_READ


@pytest.mark.parametrize(("url", "expected_paths"), [("/sitemap.xml", ["/"]), ("/news-sitemap.xml", [])])
def test_sitemaps_are_well_formed_before_any_article_is_published(client, home, url, expected_paths):
    root = fetch_xml(client, url)

    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    assert sitemap_paths(root) == expected_paths

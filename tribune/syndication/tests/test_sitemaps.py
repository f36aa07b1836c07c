"""The sitemap index, its paged sections and the Google News sitemap: well-formed, complete, bounded in cost,
and limited to what readers may see."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import quote, urlsplit

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from wagtail.models import PageViewRestriction

from tests.factories import make_article, make_contributor
from tribune.newsroom.services import section_ensure
from tribune.syndication import sitemaps

from .test_feeds import HOSTILE_TITLE, HOSTILE_TITLE_AS_READ, hours_ago, make_hidden_articles

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"sm": SITEMAP_NS, "news": NEWS_NS}
SECTION_SITEMAPS = ["/sitemap-pages.xml", "/sitemap-articles.xml", "/sitemap-experts.xml", "/sitemap-topics.xml"]


def parse_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - our own response under test, not untrusted input


def fetch_xml(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return parse_xml(response.content)


def absolute_path(url: str) -> str:
    """The path (and query) of an absolute http(s) URL, after checking that it is one."""
    parts = urlsplit(url)
    assert parts.scheme in {"http", "https"} and parts.netloc, url
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def index_sitemaps(client) -> list[str]:
    """The path and query of every child sitemap /sitemap.xml names, in its order."""
    root = fetch_xml(client, "/sitemap.xml")
    assert root.tag == f"{{{SITEMAP_NS}}}sitemapindex"
    return [absolute_path(loc.text) for loc in root.iterfind("sm:sitemap/sm:loc", NS)]


def sitemap_paths(root: ET.Element) -> list[str]:
    """The path of every <loc> of one <urlset>, in its order."""
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    return [absolute_path(loc.text) for loc in root.iterfind("sm:url/sm:loc", NS)]


def all_sitemap_paths(client) -> list[str]:
    """Every URL the index leads a crawler to, through every page of every section."""
    return [path for child in index_sitemaps(client) for path in sitemap_paths(fetch_xml(client, child))]


@pytest.fixture
def page_size(monkeypatch):
    """Shrink the sitemap pages so that a handful of articles fills several of them."""

    def set_page_size(size: int) -> None:
        monkeypatch.setattr(sitemaps, "SITEMAP_PAGE_SIZE", size)

    return set_page_size


# /sitemap.xml is an index; each section is served at /sitemap-<section>.xml, paged with ?p=2, ?p=3...


def test_sitemap_index_names_one_sitemap_per_section_when_each_fits_one_page(client, article):
    assert index_sitemaps(client) == SECTION_SITEMAPS


def test_sitemap_index_names_every_page_of_a_section(client, section, contributor, page_size):
    page_size(3)
    for _ in range(7):
        make_article(section, contributors=[contributor])

    assert index_sitemaps(client) == [
        "/sitemap-pages.xml",
        "/sitemap-articles.xml",
        "/sitemap-articles.xml?p=2",
        "/sitemap-articles.xml?p=3",
        "/sitemap-experts.xml",
        "/sitemap-topics.xml",
    ]


def test_sitemap_pages_list_each_published_article_once_in_creation_order_and_nothing_hidden(
    client, section, contributor, page_size
):
    page_size(3)
    published = [make_article(section, contributors=[contributor]) for _ in range(3)]
    hidden = make_hidden_articles(section, contributor=contributor)  # created in among the published ones
    published += [make_article(section, contributors=[contributor]) for _ in range(4)]

    pages = [sitemap_paths(fetch_xml(client, url)) for url in index_sitemaps(client) if "articles" in url]

    urls = [article.url for article in published]
    assert pages == [urls[0:3], urls[3:6], urls[6:7]]
    assert not {page.url for page in hidden} & set(all_sitemap_paths(client))


def test_sitemap_sections_list_home_sections_articles_expert_profiles_and_topics_each_once(
    client, article, other_section, contributor
):
    commentator = make_contributor(slug="bruno-second", name="Bruno Second")
    opinion = make_article(other_section, contributors=[commentator], topics=["courts"], published_at=hours_ago(4))

    sections = {url: sitemap_paths(fetch_xml(client, url)) for url in index_sitemaps(client)}

    assert sections == {
        "/sitemap-pages.xml": ["/", "/analysis/", "/opinion/"],
        "/sitemap-articles.xml": [article.url, opinion.url],
        "/sitemap-experts.xml": ["/experts/amara-test/", "/experts/bruno-second/"],
        "/sitemap-topics.xml": ["/topics/elections/", "/topics/courts/"],
    }


def test_sitemap_gives_pages_their_last_published_date(client, section, contributor):
    article = make_article(section, contributors=[contributor], published_at=hours_ago(24 * 10))

    root = fetch_xml(client, "/sitemap-articles.xml")

    lastmods = {
        urlsplit(url.findtext("sm:loc", namespaces=NS)).path: url.findtext("sm:lastmod", namespaces=NS)
        for url in root.iterfind("sm:url", NS)
    }
    assert lastmods[article.url] == article.last_published_at.date().isoformat()


def test_article_addresses_and_last_modified_match_what_wagtail_gives_each_page(client, section, contributor):
    articles = [
        make_article(section, contributors=[contributor], slug=slug, published_at=hours_ago(hours))
        for hours, slug in ((30, "plain-words"), (20, "économie-à-venir"), (10, "данные-и-выборы"))
    ]

    response = client.get("/sitemap-articles.xml")

    locations = [loc.text for loc in parse_xml(response.content).iterfind("sm:url/sm:loc", NS)]
    assert locations == [article.get_full_url() for article in articles]
    assert "%C3%A9conomie" in locations[1]  # quoted as reverse() quotes it
    assert response["Last-Modified"] == http_date(articles[-1].last_published_at.timestamp())


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

    paths = all_sitemap_paths(client)

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

    assert quote("/topics/الانتخابات/") in sitemap_paths(fetch_xml(client, "/sitemap-topics.xml"))


def count_queries(client, urls: list[str]) -> dict[str, int]:
    counts = {}
    for url in urls:
        client.get(url)  # the same warm caches (site root paths, content types) at every archive size
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


def add_articles(section, count: int) -> None:
    """Articles each with their own expert and topic, so that every section grows with the archive."""
    for _ in range(count):
        expert = make_contributor()
        make_article(section, contributors=[expert], topics=[f"topic-{expert.slug}"])


def test_sitemap_index_and_pages_cost_the_same_number_of_queries_at_any_archive_size(client, section, page_size):
    page_size(4)
    urls = ["/sitemap.xml", *SECTION_SITEMAPS, "/sitemap-articles.xml?p=2", "/sitemap-experts.xml?p=2"]
    add_articles(section, 5)
    with_five = count_queries(client, urls)

    add_articles(section, 20)

    assert count_queries(client, urls) == with_five


@pytest.mark.parametrize(
    "url",
    [
        "/sitemap-articles.xml?p=4",  # past the end: 7 articles are three pages of 3
        "/sitemap-topics.xml?p=2",
        "/sitemap-articles.xml?p=0",
        "/sitemap-articles.xml?p=-1",
        "/sitemap-articles.xml?p=abc",
        "/sitemap-articles.xml?p=1.5",
        "/sitemap-articles.xml?p=",
        "/sitemap-articles.xml?p=99999999999999999999999999",
        "/sitemap-unknown.xml",
    ],
)
def test_sitemap_page_past_the_end_or_not_a_page_number_is_not_found(client, section, contributor, page_size, url):
    page_size(3)
    for _ in range(7):
        make_article(section, contributors=[contributor])

    assert client.get(url).status_code == 404


def test_sitemaps_answer_get_and_head_only(client, article):
    assert client.head("/sitemap.xml").status_code == 200
    assert client.head("/sitemap-articles.xml").status_code == 200
    assert client.post("/sitemap.xml").status_code == 405
    assert client.post("/sitemap-articles.xml").status_code == 405


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


def test_sitemaps_are_well_formed_before_any_article_is_published(client, home):
    sections = {url: sitemap_paths(fetch_xml(client, url)) for url in index_sitemaps(client)}

    assert sections == {
        "/sitemap-pages.xml": ["/"],
        "/sitemap-articles.xml": [],
        "/sitemap-experts.xml": [],
        "/sitemap-topics.xml": [],
    }
    assert sitemap_paths(fetch_xml(client, "/news-sitemap.xml")) == []

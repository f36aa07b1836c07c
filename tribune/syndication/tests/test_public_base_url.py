"""One public base address: with ``SITE_URL`` on another port than the default, every absolute URL the site writes
(page head, JSON-LD, sitemaps, robots.txt, feeds, emails) uses it, whatever host a request names."""

import json
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from django.core.management import call_command

from wagtail.models import Site

from tests.factories import make_article, make_contributor, make_image
from tribune.discussion.services import comment_post, discussion_settings
from tribune.discussion.tests.conftest import verified_reader
from tribune.editorial.services import invitation_create

PUBLIC_BASE = "http://127.0.0.1:8101"
# The host a request names: another name and the port `make run` used before.
REQUEST_HOST = "localhost:8000"
URL = re.compile(r"https?://[^\s\"'<>)]+")
# Namespaces and vocabularies named in XML and JSON-LD, and the test's own external links: not the site's addresses.
VOCABULARY_HOSTS = {
    "schema.org",
    "www.sitemaps.org",
    "www.w3.org",
    "www.google.com",
    "search.yahoo.com",
    "purl.org",
    "example.org",
    # The networks' share addresses under every article (the article's own address is in their query string)
    "twitter.com",
    "www.facebook.com",
    "www.linkedin.com",
    "wa.me",
    "t.me",
}


def own_urls(text: str) -> list[str]:
    return [url for url in URL.findall(text) if urlsplit(url).hostname not in VOCABULARY_HOSTS]


def assert_on_public_base(text: str, where: str, *, at_least: int = 1) -> list[str]:
    urls = own_urls(text)
    assert len(urls) >= at_least, where
    strays = [url for url in urls if not url.startswith(PUBLIC_BASE + "/")]
    assert strays == [], where
    return urls


@pytest.fixture
def public_base(settings, home):
    settings.SITE_URL = PUBLIC_BASE
    settings.WAGTAILADMIN_BASE_URL = PUBLIC_BASE
    call_command("migrate", verbosity=0)  # as `make run` does on every start
    return PUBLIC_BASE


@pytest.fixture
def story(public_base, section):
    expert = make_contributor(slug="ines-port", name="Ines Port", photo=make_image(title="Ines"))
    return make_article(
        section,
        title="Ports and harbours",
        contributors=[expert],
        topics=["shipping"],
        lead_image=make_image(title="Harbour"),
    )


def get(client, path: str) -> str:
    response = client.get(path, HTTP_HOST=REQUEST_HOST)
    assert response.status_code == 200, path
    return response.content.decode()


def test_migrate_moves_the_default_site_to_the_public_host_and_port(public_base):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("127.0.0.1", 8101, PUBLIC_BASE)


def test_every_absolute_url_on_an_article_page_uses_the_public_base(client, story):
    html = get(client, story.url)
    soup = BeautifulSoup(html, "html.parser")

    assert soup.find("link", rel="canonical")["href"] == PUBLIC_BASE + story.url
    assert soup.find("meta", property="og:url")["content"] == PUBLIC_BASE + story.url
    assert soup.find("meta", property="og:image")["content"].startswith(PUBLIC_BASE + "/")
    for script in soup.find_all("script", type="application/ld+json"):
        assert_on_public_base(json.dumps(json.loads(script.string)), "JSON-LD", at_least=3)
    assert_on_public_base(html, story.url, at_least=5)


def test_the_expert_page_names_its_canonical_address_on_the_public_base(client, story):
    expert = story.bylines.first().contributor
    soup = BeautifulSoup(get(client, expert.get_absolute_url()), "html.parser")

    assert soup.find("link", rel="canonical")["href"] == PUBLIC_BASE + expert.get_absolute_url()
    assert_on_public_base(str(soup.head), "expert page head", at_least=2)


def test_the_sitemap_index_every_sitemap_and_robots_txt_use_the_public_base(client, story):
    index = get(client, "/sitemap.xml")
    sitemaps = [url for url in assert_on_public_base(index, "index", at_least=4) if "/sitemap-" in url]
    assert len(sitemaps) == 4
    for sitemap in sitemaps:
        assert_on_public_base(get(client, urlsplit(sitemap).path), sitemap)
    news = assert_on_public_base(get(client, "/news-sitemap.xml"), "news sitemap")
    assert PUBLIC_BASE + story.url in news

    robots = get(client, "/robots.txt")
    assert "Sitemap: http://127.0.0.1:8101/sitemap.xml" in robots
    assert_on_public_base(robots, "robots.txt", at_least=2)


@pytest.mark.parametrize("feed_format", ["rss", "atom"])
def test_every_feed_uses_the_public_base_for_its_links_ids_and_own_address(client, story, feed_format):
    section_slug = story.get_parent().slug
    for path in (
        f"/feeds/{feed_format}/",
        f"/feeds/sections/{section_slug}/{feed_format}/",
        f"/feeds/experts/ines-port/{feed_format}/",
        f"/feeds/topics/shipping/{feed_format}/",
        f"/feeds/corrections/{feed_format}/",
    ):
        feed = get(client, path)
        urls = assert_on_public_base(feed, path, at_least=2)
        if feed_format == "atom":
            assert PUBLIC_BASE + path in urls, path  # rel="self"


def test_notification_emails_link_to_the_public_base(
    story, mailoutbox, django_capture_on_commit_callbacks, superuser, section
):
    config = discussion_settings()
    config.trusted_after = 0
    config.save()
    alice, bob = verified_reader("alice", notify_replies=True), verified_reader("bob")
    parent = comment_post(article=story, author=alice, body="A first thought.", config=config)
    with django_capture_on_commit_callbacks(execute=True):
        comment_post(article=story, author=bob, body="A reply.", parent=parent, config=config)
        invitation_create(email="new@example.net", name="New Expert", sections=[section], invited_by=superuser)

    assert len(mailoutbox) == 2
    for message in mailoutbox:
        assert_on_public_base(message.body, message.subject)

"""What search engines and sharing read, checked by parsing: the home page's description and image, the publisher
(with its logo) and the website (with its search) in JSON-LD, every article with an image; and the full-text feeds,
with their lead images, advertised and forgotten by the page cache on publish."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import make_article, make_image
from tribune.delivery.invalidation import article_paths
from tribune.newsroom.models import EditorialSettings
from tribune.syndication.urls import FEED_NAMES

ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DEFAULT_LOGO_URL = "http://testserver/static/frontend/img/logo.png"


def soup_of(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def json_ld_blocks(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]


def meta(soup: BeautifulSoup, **attrs) -> str | None:
    element = soup.find("meta", attrs=attrs)
    return element["content"] if element else None


def media_file(url: str) -> Path:
    """The stored file behind an absolute media URL."""
    path = unquote(urlsplit(url).path)
    assert path.startswith(django_settings.MEDIA_URL), url
    return Path(django_settings.MEDIA_ROOT) / path[len(django_settings.MEDIA_URL) :]


def test_the_shipped_default_logo_is_the_size_the_structured_data_says():
    with Image.open(finders.find("frontend/img/logo.png")) as logo:
        assert logo.size == (512, 512)


def test_the_home_page_has_a_description_and_an_image_to_share(client, home):
    home.tagline = "Expert opinion on the world's ports"
    home.save_revision().publish()

    soup = soup_of(client, "/")

    assert meta(soup, name="description") == "Expert opinion on the world's ports"
    assert meta(soup, property="og:description") == "Expert opinion on the world's ports"
    assert meta(soup, property="og:image") == DEFAULT_LOGO_URL
    assert (meta(soup, property="og:image:width"), meta(soup, property="og:image:height")) == ("512", "512")


def test_the_home_page_describes_the_publisher_and_the_website_with_its_search(client, home, article):
    (data,) = json_ld_blocks(soup_of(client, "/"))

    publisher, website = data["@graph"]
    assert data["@context"] == "https://schema.org"
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["url"] == "http://testserver/"
    assert publisher["logo"] == {"@type": "ImageObject", "url": DEFAULT_LOGO_URL, "width": 512, "height": 512}
    assert website["@type"] == "WebSite"
    assert website["publisher"] == {"@id": publisher["@id"]}
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["query-input"] == "required name=search_term_string"
    # The template, filled in, is a search that finds the article.
    search_url = action["target"]["urlTemplate"].replace("{search_term_string}", "number")
    assert search_url.startswith("http://testserver/")
    results = soup_of(client, urlsplit(search_url).path + "?" + urlsplit(search_url).query)
    assert article.title in results.get_text()


def test_a_logo_chosen_in_the_editorial_settings_is_the_publisher_logo_everywhere(client, home, section, contributor):
    logo = make_image(title="Masthead")
    editorial = EditorialSettings.for_site(home.get_site())
    editorial.publisher_logo = logo
    editorial.save()
    article = make_article(section, contributors=[contributor])

    (home_data,) = json_ld_blocks(soup_of(client, "/"))
    article_soup = soup_of(client, article.url)
    (article_data,) = json_ld_blocks(article_soup)

    rendition = logo.get_rendition("max-600x600")
    expected = {"@type": "ImageObject", "url": "http://testserver" + rendition.url}
    expected |= {"width": rendition.width, "height": rendition.height}
    assert home_data["@graph"][0]["logo"] == expected
    assert article_data["publisher"]["logo"] == expected
    assert article_data["image"] == [expected["url"]]
    assert meta(article_soup, property="og:image") == expected["url"]
    assert media_file(expected["url"]).is_file()


# Full-text feeds


@pytest.fixture
def illustrated(section, contributor):
    return make_article(
        section,
        title="Cranes at dawn",
        contributors=[contributor],
        topics=["elections"],
        lead_image=make_image(title="Cranes"),
        body=[
            ("paragraph", '<p>The first <a href="/analysis/">section link</a> and <b>bold</b> words.</p>'),
            ("paragraph", "<p>A second paragraph of the piece.</p>"),
        ],
    )


FULL_TEXT_FEEDS = [
    "/feeds/full/{format}/",
    "/feeds/sections/analysis/full/{format}/",
    "/feeds/experts/amara-test/full/{format}/",
    "/feeds/topics/elections/full/{format}/",
]


@pytest.mark.parametrize("path", FULL_TEXT_FEEDS)
def test_full_text_rss_feeds_carry_the_sanitised_body_and_the_lead_image(client, illustrated, path):
    response = client.get(path.format(format="rss"))
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own response
    (item,) = channel.findall("item")

    assert channel.findtext("title").endswith("(full text)")
    body = BeautifulSoup(item.findtext(f"{CONTENT}encoded"), "html.parser")
    assert "A second paragraph of the piece." in body.get_text()
    assert body.find("a")["href"] == "http://testserver/analysis/"  # absolute: a reader has no page to resolve it
    assert body.find("b").get_text() == "bold"
    media = item.find(f"{MEDIA}content")
    enclosure = item.find("enclosure")
    rendition = illustrated.lead_image.get_rendition("fill-1200x675")
    assert media.attrib == {
        "url": "http://testserver" + rendition.url,
        "medium": "image",
        "type": "image/jpeg",
        "width": "1200",
        "height": "675",
    }
    assert enclosure.attrib == {
        "url": media.get("url"),
        "length": str(media_file(media.get("url")).stat().st_size),
        "type": "image/jpeg",
    }
    # The summary feed stays a summary.
    summary = ET.fromstring(client.get(path.format(format="rss").replace("full/", "")).content)  # noqa: S314
    assert summary.find("channel/item").find(f"{CONTENT}encoded") is None


@pytest.mark.parametrize("path", FULL_TEXT_FEEDS)
def test_full_text_atom_feeds_carry_the_body_as_html_content_and_the_lead_image(client, illustrated, path):
    response = client.get(path.format(format="atom"))
    assert response.status_code == 200
    (entry,) = ET.fromstring(response.content).findall(f"{ATOM}entry")  # noqa: S314 - our own response

    content = entry.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert "A second paragraph of the piece." in BeautifulSoup(content.text, "html.parser").get_text()
    media_url = entry.find(f"{MEDIA}content").get("url")
    enclosures = [link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "enclosure"]
    assert [link.get("href") for link in enclosures] == [media_url]
    assert media_file(media_url).is_file()


def test_the_full_text_feeds_are_advertised_on_every_page(client, article):
    for url in ("/", article.url):
        soup = soup_of(client, url)
        alternates = {link["href"] for link in soup.find_all("link", rel="alternate")}
        assert {"/feeds/full/rss/", "/feeds/full/atom/"} <= alternates, url


def test_publishing_an_article_forgets_every_feed_it_appears_in_summaries_and_full_text(article):
    section = article.get_parent()
    expert = article.bylines.get().contributor
    topic = article.tagged_topics.get().tag
    expected = {reverse(name) for name in FEED_NAMES["site"]}
    expected |= {reverse(name, kwargs={"slug": section.slug}) for name in FEED_NAMES["section"]}
    expected |= {reverse(name, kwargs={"slug": expert.slug}) for name in FEED_NAMES["contributor"]}
    expected |= {reverse(name, kwargs={"slug": topic.slug}) for name in FEED_NAMES["topic"]}

    assert len(expected) == 16
    assert "/feeds/sections/analysis/full/atom/" in expected
    assert expected <= article_paths(article.pk)

"""The outlet's trust pages: designated per site, listed in every page's footer in the reader's edition, and the
privacy page's editorial text shown above the generated statement of what the site records."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import make_standard_page, make_translation, make_trust_pages
from tribune.newsroom.services import trust_pages_set

pytestmark = pytest.mark.django_db


def footer_links(client, url: str = "/") -> list[tuple[str, str]]:
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [(a.get_text(strip=True), a["href"]) for a in soup.select(".site-footer__links a")]


@pytest.fixture
def trust(home):
    pages = {
        "about": make_standard_page(home, slug="about", title="About us"),
        "standards": make_standard_page(home, slug="standards", title="Our standards"),
        "corrections_policy": make_standard_page(home, slug="corrections-policy", title="Corrections policy"),
        "contact": make_standard_page(home, slug="contact", title="Contact and tips"),
        "privacy": make_standard_page(
            home, slug="privacy-policy", title="Your privacy", body="<p>We answer privacy questions within a week.</p>"
        ),
        "terms": make_standard_page(home, slug="terms", title="Terms of use"),
    }
    make_trust_pages(home, **pages)
    return pages


def test_the_footer_lists_the_designated_pages_with_the_corrections_log_and_the_privacy_page(client, trust):
    links = footer_links(client)

    trust_links = links[links.index(("About us", "/about/")) :]
    assert trust_links == [
        ("About us", "/about/"),
        ("Our standards", "/standards/"),
        ("Corrections policy", "/corrections-policy/"),
        ("Corrections", "/corrections/"),
        ("Contact and tips", "/contact/"),
        ("Your privacy", "/privacy/"),
        ("Terms of use", "/terms/"),
    ]


def test_with_nothing_designated_the_footer_still_links_the_corrections_log_and_the_privacy_page(client, home):
    links = footer_links(client)

    assert links[-2:] == [("Corrections", "/corrections/"), ("Privacy", "/privacy/")]


def test_a_designated_page_readers_cannot_see_is_left_out(client, trust):
    trust["terms"].unpublish()

    assert "/terms/" not in [href for _text, href in footer_links(client)]


def test_each_edition_links_its_translation_and_falls_back_to_the_designated_page(client, trust):
    make_translation(trust["about"], "hi", title="हमारे बारे में")

    links = footer_links(client, "/hi/")

    assert ("हमारे बारे में", "/hi/about/") in links
    assert ("Terms of use", "/terms/") in links  # not translated: the page as designated
    assert ("Privacy", "/hi/privacy/") not in links and "/hi/privacy/" in [href for _text, href in links]


def test_the_privacy_page_opens_with_the_designated_text_and_keeps_the_statement(client, trust):
    page = client.get("/privacy/").content.decode()

    assert "Your privacy" in page and "We answer privacy questions within a week." in page
    assert "We store no IP address." in page and "no tracking pixels" in page


def test_the_designated_privacy_page_states_what_is_recorded_at_its_own_address_too(client, trust):
    page = client.get("/privacy-policy/").content.decode()

    assert "We answer privacy questions within a week." in page and "We store no IP address." in page
    assert "We store no IP address." not in client.get("/terms/").content.decode()


def canonical(client, url: str) -> str:
    return BeautifulSoup(client.get(url).content, "html.parser").select_one("link[rel=canonical]")["href"]


def test_the_designated_privacy_page_names_the_privacy_view_as_its_canonical_address(client, trust):
    # Both addresses show the same text and statement: search engines are pointed at the one the footer links.
    assert canonical(client, "/privacy-policy/") == "http://testserver/privacy/"
    assert canonical(client, "/terms/") == "http://testserver/terms/"


def test_a_translated_privacy_page_names_its_edition_s_privacy_view(client, trust):
    make_translation(trust["privacy"], "hi", title="आपकी निजता")

    assert canonical(client, "/hi/privacy-policy/") == "http://testserver/hi/privacy/"


def test_once_no_longer_designated_the_page_is_its_own_canonical_address_again(client, home, trust):
    trust_pages_set(site=home.get_site(), privacy=None)

    assert canonical(client, "/privacy-policy/") == "http://testserver/privacy-policy/"


def test_only_the_seven_trust_pages_can_be_designated(home):
    with pytest.raises(ValueError, match="Not a trust page: home"):
        trust_pages_set(site=home.get_site(), home=home)


def test_the_sitemap_lists_the_privacy_page_at_its_canonical_address_in_every_edition(client, trust):
    from tribune.syndication.tests.test_sitemaps import fetch_xml, sitemap_paths

    make_translation(trust["privacy"], "hi", title="आपकी निजता")
    make_translation(trust["terms"], "hi", title="उपयोग की शर्तें")

    root = fetch_xml(client, "/sitemap-pages.xml")
    paths = sitemap_paths(root)
    alternates = {
        link.get("hreflang"): link.get("href")
        for url in root
        if url[0].text.endswith("/privacy/")
        for link in url.iter("{http://www.w3.org/1999/xhtml}link")
    }

    assert "/privacy/" in paths and "/hi/privacy/" in paths
    assert "/privacy-policy/" not in paths and "/hi/privacy-policy/" not in paths
    assert "/terms/" in paths and "/hi/terms/" in paths  # other trust pages at their own addresses
    assert alternates == {
        "en": "http://testserver/privacy/",
        "hi": "http://testserver/hi/privacy/",
        "x-default": "http://testserver/privacy/",
    }
    assert canonical(client, "/hi/privacy-policy/") == alternates["hi"]

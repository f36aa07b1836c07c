"""An edition's pages show that edition: its sections in the navigation, its home as the masthead link, and only its
own articles in the home page's lists, an article's related cards and the expert, topic and country pages."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import make_article, make_contributor, make_translation
from tribune.editions.services import edition_add


def soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def card_titles(page: BeautifulSoup) -> set[str]:
    return {link.get_text(strip=True) for link in page.select("main h2 a, main h3 a")}


@pytest.fixture
def editions(home, section):
    edition_add(language_code="hi")
    expert = make_contributor(name="Meera Iyer", slug="meera-iyer")
    english = [
        make_article(section, slug=f"english-{n}", title=f"English analysis {n}", contributors=[expert])
        for n in range(3)
    ]
    hindi = make_translation(english[0], "hi", title="हिंदी विश्लेषण")
    return home, section, expert, english, hindi


def test_the_navigation_and_masthead_lead_to_the_editions_own_sections_and_home(client, editions):
    home, section, _expert, english, hindi = editions
    hindi_section = section.get_translation(hindi.locale)
    hindi_section.title = "विश्लेषण"
    hindi_section.save_revision().publish()

    page = soup(client, hindi.url)

    nav_links = [a["href"] for a in page.select("nav.site-nav a")]
    assert hindi_section.url in nav_links
    assert section.url not in nav_links
    assert page.select_one("a.site-header__brand")["href"] == "/hi/"
    assert soup(client, english[1].url).select_one("a.site-header__brand")["href"] == "/"


def test_related_cards_and_the_home_page_list_only_the_editions_articles(client, editions):
    home, _section, _expert, english, hindi = editions

    related = card_titles(soup(client, hindi.url))
    hindi_home = card_titles(soup(client, "/hi/"))
    english_home = card_titles(soup(client, "/"))

    assert not any(title.startswith("English analysis") for title in related | hindi_home)
    assert "हिंदी विश्लेषण" in hindi_home
    assert "हिंदी विश्लेषण" not in english_home
    assert "English analysis 1" in english_home


def test_an_experts_page_lists_the_articles_of_the_edition_it_is_read_in(client, editions):
    _home, _section, expert, _english, _hindi = editions

    english_titles = card_titles(soup(client, f"/experts/{expert.slug}/"))
    hindi_titles = card_titles(soup(client, f"/hi/experts/{expert.slug}/"))

    assert "English analysis 2" in english_titles and "हिंदी विश्लेषण" not in english_titles
    assert hindi_titles == {"हिंदी विश्लेषण"}

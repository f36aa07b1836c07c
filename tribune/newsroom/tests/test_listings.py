"""Home, section and series pages: what is listed, in which order, and how bad page numbers are answered."""

import datetime

from bs4 import BeautifulSoup

from django.utils import timezone

from tests.factories import make_article, make_lead_article
from tribune.newsroom.services import series_ensure, series_index_ensure, top_stories_set


def titles(response, selector=".card__title") -> list[str]:
    assert response.status_code == 200
    return [node.get_text(strip=True) for node in BeautifulSoup(response.content, "html.parser").select(selector)]


def ago(hours: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


def test_home_leads_with_the_newest_article_when_editors_chose_none(client, home, section):
    make_lead_article(section, title="Older", published_at=ago(5))
    make_lead_article(section, title="Newest", published_at=ago(1))

    lead = titles(client.get("/"), ".front-top__lead .card__title")

    assert lead == ["Newest"]


def test_home_leads_with_the_editors_choice_and_their_top_stories_first(client, home, section):
    chosen_lead = make_article(section, title="Chosen lead", published_at=ago(30))
    pick = make_article(section, title="Editors' pick", published_at=ago(20))
    make_article(section, title="Latest", published_at=ago(1))
    top_stories_set(home=home, lead=chosen_lead, articles=[pick])

    response = client.get("/")

    assert titles(response, ".front-top__lead .card__title") == ["Chosen lead"]
    assert titles(response, ".front-top__list .card__title")[:2] == ["Editors' pick", "Latest"]


def test_home_never_features_an_unpublished_lead(client, home, section):
    lead = make_article(section, title="Withdrawn", published_at=ago(2))
    make_lead_article(section, title="Still live", published_at=ago(3))
    top_stories_set(home=home, lead=lead, articles=[])
    lead.unpublish()

    html = client.get("/").content.decode()

    assert "Withdrawn" not in html
    assert titles(client.get("/"), ".front-top__lead .card__title") == ["Still live"]


def test_home_shows_latest_per_section_without_repeating_top_stories(client, home, section, other_section):
    for i in range(7):
        make_article(section, title=f"Analysis {i}", published_at=ago(10 + i))
    make_article(other_section, title="Opinion only", published_at=ago(50))

    soup = BeautifulSoup(client.get("/").content, "html.parser")
    blocks = {
        s.select_one("h2").get_text(strip=True): [t.get_text(strip=True) for t in s.select(".card__title")]
        for s in soup.select(".front-section")
    }
    top = [t.get_text(strip=True) for t in soup.select(".front-top .card__title")]

    assert blocks["Opinion"] == ["Opinion only"] or "Opinion only" in top
    assert set(blocks["Analysis"]).isdisjoint(top)
    assert len(blocks["Analysis"]) <= 3


def test_home_lists_series_in_focus(client, home, section):
    index = series_index_ensure(home=home)
    series = series_ensure(index=index, slug="votes", title="A year of votes", summary="Elections everywhere.")
    make_article(section, series=series)

    assert "A year of votes" in client.get("/").content.decode()


def test_section_lists_its_articles_newest_first_with_tagline(client, section, other_section):
    make_article(section, title="First", published_at=ago(3))
    make_article(section, title="Second", published_at=ago(2))
    make_article(other_section, title="Elsewhere", published_at=ago(1))

    response = client.get(section.url)

    assert titles(response) == ["Second", "First"]
    assert section.tagline in response.content.decode()


def test_section_paginates_and_answers_bad_page_numbers_without_error(client, section, settings):
    settings.TRIBUNE_PAGE_SIZE = 2
    for i in range(5):
        make_article(section, title=f"Piece {i}", published_at=ago(i + 1))

    assert titles(client.get(section.url + "?page=2")) == ["Piece 2", "Piece 3"]
    assert titles(client.get(section.url + "?page=abc")) == ["Piece 0", "Piece 1"]
    assert titles(client.get(section.url + "?page=")) == ["Piece 0", "Piece 1"]
    for bad in ("99", "0", "-1", "99999999999999999999999"):
        assert client.get(section.url + f"?page={bad}").status_code == 404, bad


def test_section_hides_drafts_and_unpublished_articles(client, section):
    make_article(section, title="Visible")
    withdrawn = make_article(section, title="Withdrawn")
    withdrawn.unpublish()
    draft = make_article(section, title="Draft to be")
    draft.unpublish()
    draft.title = "Draft only"
    draft.save_revision()

    assert titles(client.get(section.url)) == ["Visible"]


def test_series_page_is_a_timeline_oldest_first(client, home, section):
    index = series_index_ensure(home=home)
    series = series_ensure(index=index, slug="grid", title="The grid")
    make_article(section, title="Chapter two", series=series, published_at=ago(2))
    make_article(section, title="Chapter one", series=series, published_at=ago(48))
    make_article(section, title="Not in series", published_at=ago(1))

    assert titles(client.get(series.url)) == ["Chapter one", "Chapter two"]
    assert "The grid" in client.get(index.url).content.decode()


def test_empty_section_says_so(client, section):
    assert "Nothing has been published here yet." in client.get(section.url).content.decode()


def test_navigation_lists_sections_and_marks_the_current_one(client, section, other_section):
    article = make_article(section)

    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    current = soup.select_one('.site-nav a[aria-current="page"]')

    assert {a.get_text() for a in soup.select(".site-nav a")} >= {"Analysis", "Opinion"}
    assert current.get_text() == "Analysis"

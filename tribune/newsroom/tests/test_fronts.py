"""Fronts: the blocks editors arrange on the home page and on sections, the lead rule, the automatic layout."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.core.management import call_command
from django.utils import timezone

from tests.factories import make_article, make_contributor, make_image, make_lead_article, paragraph
from tribune.newsroom.fronts import front_content, front_plan
from tribune.newsroom.models import HomePage
from tribune.newsroom.services import front_publish, series_ensure, series_index_ensure, top_stories_set


def ago(hours: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


def soup_of(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def texts(soup, selector: str) -> list[str]:
    return [node.get_text(strip=True) for node in soup.select(selector)]


def all_card_links(soup) -> list[str]:
    """Every article a front links by headline (cards, opinion cards, experts' latest pieces, most read aside)."""
    selectors = ".card__title a, .opinion-card__title a, .front-experts__latest a"
    return [node["href"] for node in soup.select(selectors)]


def test_an_imageless_one_paragraph_article_approved_last_does_not_lead(client, home, section):
    make_lead_article(section, title="A proper lead", published_at=ago(3))
    make_article(section, title="Brief without a picture", body=[paragraph("One short paragraph.")])

    soup = soup_of(client)

    assert texts(soup, ".front-top__lead .card__title") == ["A proper lead"]
    assert "Brief without a picture" in texts(soup, ".card__title")  # it is on the front, just not as the lead


def test_a_long_article_without_a_lead_image_or_standfirst_does_not_lead_either(home, section):
    make_lead_article(section, title="With a picture", published_at=ago(3))
    make_lead_article(section, title="No picture", lead_image=None)

    lead = front_content(HomePage.objects.get(pk=home.pk))[0][0]

    assert lead["type"] == "lead" and lead["article"].title == "With a picture"


def test_an_editors_explicit_lead_leads_whatever_the_rule(client, home, section):
    make_lead_article(section, title="Would lead by the rule")
    brief = make_article(section, title="Editors' choice", body=[paragraph("Short.")], published_at=ago(5))
    front_publish(page=home, blocks=[("lead", {"article": brief}), ("top_stories", {"count": 2})])

    soup = soup_of(client)

    assert texts(soup, ".front-top__lead .card__title") == ["Editors' choice"]
    assert texts(soup, ".front-top__list .card__title") == ["Would lead by the rule"]


def test_the_automatic_front_follows_the_older_lead_and_picks_fields(client, home, section):
    chosen = make_article(section, title="Chosen lead", published_at=ago(30))
    pick = make_article(section, title="Editors' pick", published_at=ago(20))
    top_stories_set(home=home, lead=chosen, articles=[pick])

    soup = soup_of(client)

    assert texts(soup, ".front-top__lead .card__title") == ["Chosen lead"]
    assert texts(soup, ".front-top__list .card__title")[0] == "Editors' pick"


def test_the_automatic_front_has_lead_top_stories_opinion_series_experts_and_sections(
    client, home, section, other_section
):
    index = series_index_ensure(home=home)
    series = series_ensure(index=index, slug="votes", title="A year of votes", summary="Elections everywhere.")
    columnist = make_contributor(name="Columnist Portrait", photo=make_image())
    make_lead_article(section, title="Lead piece", published_at=ago(1))
    for i in range(9):
        make_article(section, title=f"Analysis {i}", published_at=ago(2 + i), series=series if i == 3 else None)
    make_article(other_section, title="A column", kind="opinion", contributors=[columnist], published_at=ago(8))

    soup = soup_of(client)

    assert texts(soup, ".front-top__lead .card__title") == ["Lead piece"]
    assert texts(soup, ".front-opinion .opinion-card__title") == ["A column"]
    assert soup.select_one(".front-opinion .opinion-card__portrait") is not None
    assert texts(soup, ".front-opinion .kind-label") == ["Opinion"]
    assert texts(soup, ".front-package__title") == ["A year of votes"]
    assert "Columnist Portrait" in texts(soup, ".front-experts__name")
    assert {"Analysis", "Opinion"} >= set(texts(soup, ".front-section h2")) != set()
    links = all_card_links(soup)
    assert len(links) == len(set(links)), "an article shown twice"


def test_a_curated_front_renders_every_block_in_order_and_never_repeats_an_article(
    client, home, section, other_section
):
    index = series_index_ensure(home=home)
    series = series_ensure(index=index, slug="trade", title="Trade routes", summary="Goods on the move.")
    expert = make_contributor(name="Portrait Expert", photo=make_image())
    column = make_article(
        other_section, title="Chosen column", kind="opinion", contributors=[expert], published_at=ago(20)
    )
    lead = make_lead_article(section, title="Chosen lead", series=series)
    for i in range(10):
        make_article(section if i % 2 else other_section, title=f"Piece {i}", published_at=ago(1 + i), series=series)
    front_publish(
        page=home,
        blocks=[
            ("lead", {"article": lead}),
            ("top_stories", {"articles": [lead], "count": 3}),  # the lead again: skipped, the strip filled up
            ("most_read", None),
            ("opinion", {"articles": [column], "count": 2, "heading": "Columns"}),
            ("series", {"series": series, "count": 3}),
            ("experts", {"count": 2}),
            ("sections", {"section": section, "count": 3}),
            ("sections", {"count": 2}),
        ],
    )

    soup = soup_of(client)

    assert texts(soup, ".front-top__lead .card__title") == ["Chosen lead"]
    assert len(texts(soup, ".front-top__list .card__title")) == 3
    assert "Columns" in texts(soup, ".front-opinion h2")
    assert texts(soup, ".front-opinion .opinion-card__title")[0] == "Chosen column"
    assert texts(soup, ".front-package__title") == ["Trade routes"]
    assert "Portrait Expert" in texts(soup, ".front-experts__name")
    assert soup.select(".front-section")
    links = all_card_links(soup)
    assert len(links) == len(set(links)), "an article shown twice"
    # The explicit row, then "every section" for the sections without a row of their own: one heading each.
    assert texts(soup, ".front-section .section-heading") == [section.title, other_section.title]
    plan = front_plan(HomePage.objects.get(pk=home.pk))
    assert [list(part) for part in plan] == [["stored"], ["most_read"], ["stored"]]


def test_a_section_front_shows_above_the_listing_on_the_first_page_only(client, home, section, settings):
    settings.TRIBUNE_PAGE_SIZE = 2
    make_lead_article(section, title="Section lead", published_at=ago(1))
    for i in range(3):
        make_article(section, title=f"Listed {i}", published_at=ago(2 + i))
    front_publish(page=section, blocks=[("lead", {}), ("top_stories", {"count": 1})])

    first = soup_of(client, section.url)
    second = soup_of(client, section.url + "?page=2")

    assert texts(first, ".section-front .front-top__lead .card__title") == ["Section lead"]
    assert len(texts(first, ".section-front .front-top__list .card__title")) == 1
    assert not second.select(".section-front")


@pytest.fixture
def fragments_on(settings):
    settings.TRIBUNE_FRAGMENT_CACHE_SECONDS = 600


def test_a_scheduled_front_goes_live_with_publish_scheduled_and_shows_at_once(
    client, home, section, fragments_on, monkeypatch, django_capture_on_commit_callbacks
):
    make_lead_article(section, title="Today's lead")
    tomorrow = make_article(section, title="Tomorrow's lead", body=[paragraph("Short.")], published_at=ago(4))
    with django_capture_on_commit_callbacks(execute=True):
        front_publish(
            page=home, blocks=[("lead", {"article": tomorrow})], go_live_at=timezone.now() + datetime.timedelta(hours=1)
        )

    assert texts(soup_of(client), ".front-top__lead .card__title") == ["Today's lead"]  # and stored as a fragment
    assert texts(soup_of(client), ".front-top__lead .card__title") == ["Today's lead"]

    moment = timezone.now() + datetime.timedelta(hours=1, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")

    assert texts(soup_of(client), ".front-top__lead .card__title") == ["Tomorrow's lead"]


def test_editors_compose_the_front_in_the_page_editor_with_labelled_blocks(client, superuser, home, section):
    client.force_login(superuser)

    home_form = client.get(f"/admin/pages/{home.pk}/edit/")
    section_form = client.get(f"/admin/pages/{section.pk}/edit/")

    assert home_form.status_code == section_form.status_code == 200
    html = home_form.content.decode()
    for label in ("Lead story", "Top stories", "Opinion row", "Series package", "Most read", "From our experts"):
        assert label in html, label
    assert "Section row" in html and "Section row" not in section_form.content.decode()

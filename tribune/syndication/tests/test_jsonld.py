"""schema.org JSON-LD on article and expert pages: the right types and facts, and no way out of the script element."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from tests.factories import make_article, make_contributor, make_image

from .test_feeds import hours_ago


def page_soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def json_ld(soup: BeautifulSoup) -> dict:
    """The page's one JSON-LD block, decoded."""
    (script,) = soup.find_all("script", type="application/ld+json")
    return json.loads(script.string)


def parse_date(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value)


@pytest.fixture
def second_expert(db):
    return make_contributor(slug="bruno-second", name="Bruno Second", affiliation="Second Institute")


@pytest.mark.parametrize(
    ("kind", "schema_type"),
    [
        ("opinion", "OpinionNewsArticle"),
        ("analysis", "AnalysisNewsArticle"),
        ("news", "NewsArticle"),
        ("interview", "NewsArticle"),
        ("explainer", "NewsArticle"),
    ],
)
def test_article_schema_type_follows_the_kind_of_article(client, section, contributor, kind, schema_type):
    article = make_article(section, kind=kind, contributors=[contributor])

    data = json_ld(page_soup(client, article.url))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == schema_type


def test_article_json_ld_names_headline_dates_authors_in_byline_order_publisher_section_image_and_keywords(
    client, section, contributor, second_expert
):
    photo = make_image()
    article = make_article(
        section,
        title="Courts and the ballot",
        contributors=[second_expert, contributor],
        topics=["elections", "courts"],
        lead_image=photo,
        published_at=hours_ago(5),
    )

    data = json_ld(page_soup(client, article.url))

    assert data["headline"] == "Courts and the ballot"
    assert parse_date(data["datePublished"]) == article.first_published_at
    assert parse_date(data["dateModified"]) == article.first_published_at
    assert [(author["@type"], author["name"], author["affiliation"]) for author in data["author"]] == [
        ("Person", "Bruno Second", {"@type": "Organization", "name": "Second Institute"}),
        ("Person", "Amara Test", {"@type": "Organization", "name": "Lagos Test Institute"}),
    ]
    assert data["author"][1]["url"] == "http://testserver/experts/amara-test/"
    assert data["publisher"] == {
        "@type": "NewsMediaOrganization",
        "@id": "http://testserver/#publisher",
        "name": "Tribune",
        "url": "http://testserver/",
        "logo": {
            "@type": "ImageObject",
            "url": "http://testserver/static/frontend/img/logo.png",
            "width": 512,
            "height": 512,
        },
    }
    assert data["articleSection"] == "Analysis"
    assert data["image"] == ["http://testserver" + photo.get_rendition("fill-1200x675").url]
    assert sorted(data["keywords"]) == ["courts", "elections"]


def test_an_article_without_an_image_shows_the_publisher_logo_and_no_keywords_when_it_has_none(
    client, section, contributor
):
    article = make_article(section, contributors=[contributor])

    data = json_ld(page_soup(client, article.url))

    assert data["image"] == [data["publisher"]["logo"]["url"]] == ["http://testserver/static/frontend/img/logo.png"]
    assert "keywords" not in data


@pytest.mark.parametrize(
    ("updated_offset", "modified_is_update"),
    [
        (datetime.timedelta(hours=2), True),  # a substantive update after publication
        (-datetime.timedelta(hours=2), False),  # an "update" dated before publication is not one
        (datetime.timedelta(0), False),
        (None, False),
    ],
    ids=["updated-later", "updated-earlier", "updated-at-publication", "never-updated"],
)
def test_date_modified_is_the_update_only_when_it_came_after_first_publication(
    client, section, contributor, updated_offset, modified_is_update
):
    published_at = hours_ago(10)
    updated_at = published_at + updated_offset if updated_offset is not None else None
    article = make_article(section, contributors=[contributor], published_at=published_at, updated_at=updated_at)

    data = json_ld(page_soup(client, article.url))

    assert parse_date(data["datePublished"]) == published_at
    assert parse_date(data["dateModified"]) == (updated_at if modified_is_update else published_at)


def test_a_headline_that_closes_the_script_element_cannot_break_out_of_the_json_ld(client, section, contributor):
    headline = "Why </script><script>alert(1)</script> & <!-- matter"
    article = make_article(section, title=headline, contributors=[contributor])

    soup = page_soup(client, article.url)

    assert len(soup.find_all("script", type="application/ld+json")) == 1
    # The headline as text that opens no tag, every character kept (core.text.plain_text).
    assert json_ld(soup)["headline"] == "Why < /script>< script>alert(1)< /script> & < !-- matter"
    assert not [
        script
        for script in soup.find_all("script")
        if "alert(1)" in (script.string or "") and script.get("type") != "application/ld+json"
    ]


def test_keywords_keep_topic_names_written_in_any_script(client, section, contributor):
    article = make_article(section, contributors=[contributor], topics=["elections", "الانتخابات"])

    data = json_ld(page_soup(client, article.url))

    assert sorted(data["keywords"]) == sorted(["elections", "الانتخابات"])


def test_expert_page_describes_the_expert_as_a_person_with_affiliation_and_profiles(client, db):
    expert = make_contributor(
        slug="lena-expert",
        name="Lena Expert",
        role="Professor of Law",
        affiliation="University of Testing",
        links=[{"label": "Website", "url": "https://example.org/lena"}],
    )

    data = json_ld(page_soup(client, expert.get_absolute_url()))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Person"
    assert data["name"] == "Lena Expert"
    assert data["jobTitle"] == "Professor of Law"
    assert data["affiliation"] == {"@type": "Organization", "name": "University of Testing"}
    assert data["url"] == "http://testserver/experts/lena-expert/"
    assert data["sameAs"] == ["https://example.org/lena"]


def test_an_expert_name_that_closes_the_script_element_cannot_break_out_of_the_json_ld(client, db):
    name = "Eve </script><script>alert(1)</script>"
    expert = make_contributor(slug="eve-hostile", name=name, affiliation="Institute </script>")

    soup = page_soup(client, expert.get_absolute_url())

    data = json_ld(soup)
    assert data["name"] == "Eve < /script>< script>alert(1)< /script>"
    assert data["affiliation"]["name"] == "Institute < /script>"


def test_an_unapproved_edit_to_a_live_expert_profile_does_not_reach_the_json_ld(client, db):
    make_contributor(slug="lena-expert", name="Lena Expert", affiliation="University of Testing")
    # An edit saved for approval, not published ("only published revisions are public", contributors/services.py).
    make_contributor(slug="lena-expert", name="Lena Expert", affiliation="Unvetted Think Tank", publish=False)

    data = json_ld(page_soup(client, "/experts/lena-expert/"))

    assert data["affiliation"] == {"@type": "Organization", "name": "University of Testing"}

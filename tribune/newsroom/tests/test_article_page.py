"""What a reader sees on an article page."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup

from django.utils import timezone

from tests.factories import make_article, make_contributor, make_image, make_translation, paragraph
from tribune.frontend.templatetags.frontend_tags import iso_datetime
from tribune.newsroom.models import ArticlePage, EditorialSettings


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_article_shows_headline_standfirst_kind_section_and_dates(client, article, section):
    page = soup(client.get(article.url))

    assert page.h1.get_text(strip=True) == article.title
    assert page.select_one(".article__standfirst").get_text(strip=True) == article.standfirst
    assert page.select_one(".article__kicker .kind-label").get_text(strip=True) == "Analysis"
    assert section.title in page.select_one(".article__kicker").get_text()
    published = page.select_one(".article__dates time")
    assert published["datetime"] == iso_datetime(article.first_published_at)
    assert "Updated" not in page.select_one(".article__dates").get_text()


def test_updated_line_shows_only_after_a_substantive_update(client, section):
    published = timezone.now() - datetime.timedelta(days=3)
    article = make_article(section, published_at=published, updated_at=published + datetime.timedelta(days=1))

    dates = soup(client.get(article.url)).select_one(".article__dates").get_text()

    assert "Updated" in dates


def test_bylines_keep_editor_order_with_role_and_affiliation(client, section):
    first = make_contributor(name="Zora Zeta", role="Professor", affiliation="Univ A")
    second = make_contributor(name="Aaron Alpha", role="Analyst", affiliation="Think Tank B")
    article = make_article(section, contributors=[first, second])

    bylines = soup(client.get(article.url)).select(".article__byline .byline")

    assert [b.select_one(".byline__name").get_text() for b in bylines] == ["Zora Zeta", "Aaron Alpha"]
    assert bylines[0].select_one(".byline__role").get_text() == "Professor, Univ A"
    assert bylines[1].select_one("a")["href"] == second.get_absolute_url()


def test_reading_time_grows_with_the_body(section):
    short = make_article(section, body=[paragraph("word " * 100)])
    long = make_article(section, body=[paragraph("word " * 2300)])

    assert short.reading_time == 1
    assert long.reading_time == 11


def test_lead_image_has_caption_and_agency_credit(client, section):
    image = make_image(
        caption="Ballots are counted by lamplight.",
        agency="Northlight Images",
        photographer="Ines Moura",
        year_taken=timezone.now().year,
    )
    article = make_article(section, lead_image=image)

    caption = soup(client.get(article.url)).select_one(".article__lead-image figcaption").get_text(" ", strip=True)

    assert "Ballots are counted by lamplight." in caption
    assert f"© NORTHLIGHT IMAGES {timezone.now().year} / INES MOURA" in caption


def test_a_translation_describes_the_shared_lead_image_in_its_own_language(client, section):
    image = make_image(alt_text="Fishing boats on a shrunken shoreline")
    article = make_article(section, lead_image=image)
    translated = make_translation(
        article, "ru", title="Берег отступил", lead_image_alt="Рыбацкие лодки на обмелевшем берегу"
    )

    english, russian = soup(client.get(article.url)), soup(client.get(translated.url))

    assert english.select_one(".article__lead-image img")["alt"] == "Fishing boats on a shrunken shoreline"
    assert russian.select_one(".article__lead-image img")["alt"] == "Рыбацкие лодки на обмелевшем берегу"
    assert russian.find("meta", property="og:image:alt")["content"] == "Рыбацкие лодки на обмелевшем берегу"
    assert english.find("meta", property="og:image:alt")["content"] == "Fishing boats on a shrunken shoreline"


def test_body_blocks_render_subheadings_quotes_figures_and_related_card(client, section, contributor):
    target = make_article(section, title="The piece we point to")
    body = [
        paragraph("Opening paragraph."),
        ("heading", "A subheading"),
        (
            "quote",
            {
                "text": "Institutions outlast their critics.",
                "speaker": "Amara Test",
                "role": "Senior Fellow, Lagos Test Institute",
                "contributor": contributor,
            },
        ),
        ("quote", {"text": "Nobody asked us.", "speaker": "Jon Doe", "role": "Farmer", "contributor": None}),
        ("pull_quote", {"text": "A pull quote."}),
        (
            "key_figures",
            {"title": "In numbers", "figures": [{"value": "42%", "label": "turnout"}], "source": "Tribune estimates"},
        ),
        ("related_link", {"page": target, "title": ""}),
    ]
    article = make_article(section, body=body)

    page = soup(client.get(article.url))

    assert page.select_one(".article__body h2").get_text() == "A subheading"
    quotes = page.select(".quote")
    assert quotes[0].blockquote.get_text(strip=True) == "Institutions outlast their critics."
    assert quotes[0].select_one("a.quote__speaker")["href"] == contributor.get_absolute_url()
    assert quotes[0].select_one(".quote__role").get_text() == "Senior Fellow, Lagos Test Institute"
    assert quotes[1].select_one("a") is None
    assert page.select_one(".key-figures dd").get_text() == "42%"
    card = page.select_one(".related-card a")
    assert card["href"] == target.url
    assert "The piece we point to" in card.get_text()


def test_related_card_to_an_unpublished_article_is_not_shown(client, section):
    target = make_article(section)
    article = make_article(section, body=[("related_link", {"page": target, "title": ""})])
    target.unpublish()

    assert soup(client.get(article.url)).select_one(".related-card") is None


def test_opinion_pieces_carry_the_configurable_disclaimer(client, section, home):
    opinion = make_article(section, kind="opinion")
    analysis = make_article(section, kind="analysis")
    settings_for_site = EditorialSettings.for_site(home.get_site())
    settings_for_site.opinion_disclaimer = "Views are the writer's own."
    settings_for_site.save()

    assert "Views are the writer&#x27;s own." in client.get(opinion.url).content.decode()
    assert "Views are the writer" not in client.get(analysis.url).content.decode()


def test_contributor_disclosure_is_printed_on_their_articles(client, section):
    author = make_contributor(disclosure="Advises a regional electoral commission.")
    article = make_article(section, contributors=[author])

    assert "Advises a regional electoral commission." in client.get(article.url).content.decode()


def test_topics_and_countries_link_to_their_pages(client, section):
    from tribune.taxonomy.models import Country

    kenya = Country.objects.get(code="KE")
    article = make_article(section, topics=["water diplomacy"], countries=[kenya])

    page = soup(client.get(article.url))
    hrefs = [a["href"] for a in page.select(".article__tags a")]

    assert "/topics/water-diplomacy/" in hrefs
    assert kenya.get_absolute_url() in hrefs


def test_seo_and_social_tags_describe_the_article(client, section):
    image = make_image()
    article = make_article(section, lead_image=image, standfirst="Why the count matters.")

    page = soup(client.get(article.url))

    assert page.find("meta", attrs={"name": "description"})["content"] == "Why the count matters."
    assert page.find("link", rel="canonical")["href"] == article.full_url
    assert page.find("meta", property="og:type")["content"] == "article"
    assert page.find("meta", property="og:title")["content"] == article.title
    assert re.search(r"\.(jpg|jpeg|webp|png)$", page.find("meta", property="og:image")["content"])
    assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"


def test_an_explicit_canonical_url_wins(client, section, settings):
    settings.TRIBUNE_CANONICAL_ALLOWED_HOSTS = ["partner.example.org"]  # only the outlet's own hosts otherwise
    article = make_article(section)
    article.canonical_url = "https://partner.example.org/original"
    article.save_revision().publish()

    page = soup(client.get(article.url))

    assert page.find("link", rel="canonical")["href"] == "https://partner.example.org/original"


def test_unpublished_article_is_gone_for_readers(client, article):
    url = article.url
    article.unpublish()

    assert client.get(url).status_code == 404


def test_unknown_article_slug_is_404(client, section):
    assert client.get(section.url + "no-such-article/").status_code == 404


@pytest.mark.parametrize(
    "kind,label", [("opinion", "Opinion"), ("news", "News"), ("interview", "Interview"), ("explainer", "Explainer")]
)
def test_kind_label_is_shown(client, section, kind, label):
    article = make_article(section, kind=kind)

    assert soup(client.get(article.url)).select_one(".article__kicker .kind-label").get_text() == label


def test_published_queryset_excludes_future_first_publication(section):
    article = make_article(section)
    ArticlePage.objects.filter(pk=article.pk).update(first_published_at=timezone.now() + datetime.timedelta(hours=2))

    assert not ArticlePage.objects.published().filter(pk=article.pk).exists()

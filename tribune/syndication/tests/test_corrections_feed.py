"""The corrections feeds, and article feeds that say when a correction changed an article."""

import calendar

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from tests.factories import make_article
from tribune.newsroom.models import ArticleCorrection
from tribune.newsroom.services import correction_append

from .test_feeds import FEED_FORMATS, fetch_feed, hours_ago, make_hidden_articles, titles

WRONG_NUMBER = "The article said 40 per cent of ballots were counted; it was 14 per cent."
NEW_RESULT = "The electoral commission has since published the final turnout: 61 per cent."


def backdate(correction: ArticleCorrection, when) -> ArticleCorrection:
    ArticleCorrection.objects.filter(pk=correction.pk).update(published_at=when)
    correction.published_at = when
    return correction


def timestamp(parsed) -> int:
    return calendar.timegm(parsed)


@pytest.fixture
def notes(section, other_section, contributor, superuser):
    """An older correction on one article and a newer update on another, in different sections."""
    counting = make_article(section, title="Ballot counting explained", contributors=[contributor])
    turnout = make_article(other_section, title="Why turnout matters", contributors=[contributor])
    return {
        "correction": backdate(
            correction_append(article=counting, kind="correction", note=WRONG_NUMBER, user=superuser), hours_ago(5)
        ),
        "update": backdate(
            correction_append(article=turnout, kind="update", note=NEW_RESULT, user=superuser), hours_ago(1)
        ),
    }


@pytest.mark.parametrize("feed_format", FEED_FORMATS)
def test_the_corrections_feed_lists_every_note_newest_first_with_title_note_link_and_date(client, notes, feed_format):
    feed = fetch_feed(client, f"/feeds/corrections/{feed_format}/")

    assert titles(feed) == ["Update: Why turnout matters", "Correction: Ballot counting explained"]
    update, correction = feed.entries
    assert correction.summary == WRONG_NUMBER
    assert update.summary == NEW_RESULT
    assert correction.link == f"http://testserver{notes['correction'].article.url}#corrections"
    assert timestamp(correction.published_parsed) == notes["correction"].published_at.timestamp()
    assert timestamp(update.published_parsed) == notes["update"].published_at.timestamp()
    assert feed.feed.title == "Corrections and updates · Tribune"


@pytest.mark.parametrize("feed_format", FEED_FORMATS)
def test_each_note_has_its_own_id_even_on_the_same_article(client, article, superuser, feed_format):
    first = backdate(correction_append(article=article, kind="correction", note="First", user=superuser), hours_ago(2))
    second = correction_append(article=article, kind="correction", note="Second", user=superuser)

    feed = fetch_feed(client, f"/feeds/corrections/{feed_format}/")

    assert [entry.id for entry in feed.entries] == [
        f"{article.full_url}#correction-{second.pk}",
        f"{article.full_url}#correction-{first.pk}",
    ]


@pytest.mark.parametrize("feed_format", FEED_FORMATS)
def test_the_corrections_feed_leaves_out_notes_on_articles_readers_cannot_see(
    client, section, contributor, superuser, feed_format
):
    visible = make_article(section, title="Visible", contributors=[contributor], published_at=hours_ago(3))
    correction_append(article=visible, kind="correction", note="Visible note", user=superuser)
    withdrawn = make_article(section, title="Withdrawn", contributors=[contributor])
    correction_append(article=withdrawn, kind="correction", note="Withdrawn note", user=superuser)
    withdrawn.unpublish()
    private = make_article(section, title="Private", contributors=[contributor])
    correction_append(article=private, kind="correction", note="Private note", user=superuser)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    # The service refuses articles that are not out; records like these could only come from elsewhere.
    for hidden in make_hidden_articles(section, contributor=contributor):
        ArticleCorrection.objects.create(article=hidden, note=f"Note on {hidden.title}")

    feed = fetch_feed(client, f"/feeds/corrections/{feed_format}/")

    assert titles(feed) == ["Correction: Visible"]


@pytest.mark.parametrize("feed_format", FEED_FORMATS)
def test_hostile_notes_and_titles_still_give_a_valid_feed_that_shows_the_note_as_written(
    client, section, superuser, feed_format
):
    article = make_article(section, title="Votes & vetoes <b>\x0b", published_at=hours_ago(2))
    correction_append(
        article=article,
        kind="correction",
        note="Fixed\x1f the <script>alert(1)</script> & the \x0cfigure ]]> 🗳️\nSecond line.",
        user=superuser,
    )

    (entry,) = fetch_feed(client, f"/feeds/corrections/{feed_format}/").entries

    # A title is text that some readers show as HTML: every character is kept, but it opens no tag.
    assert entry.title == "Correction: Votes & vetoes < b>"
    # The description is HTML that, rendered, reads as the note's text: no markup from the note gets through.
    summary = BeautifulSoup(entry.summary, "html.parser")
    assert summary.find("script") is None
    assert summary.get_text("\n") == "Fixed the <script>alert(1)</script> & the figure ]]> 🗳️\nSecond line."
    assert summary.find("br") is not None


def test_the_corrections_feeds_are_advertised_and_linked_from_the_corrections_page(client, notes):
    page = BeautifulSoup(client.get("/corrections/").content, "html.parser")
    advertised = [
        link["href"] for link in page.find_all("link", rel="alternate", type=True) if "corrections" in link["href"]
    ]

    assert advertised == ["/feeds/corrections/rss/", "/feeds/corrections/atom/"]
    for href in advertised:
        assert page.find("a", href=href)
        assert len(fetch_feed(client, href).entries) == 2


def test_an_article_entry_in_the_atom_feed_is_updated_when_a_correction_is_appended(
    client, section, contributor, superuser
):
    published_at = hours_ago(10)
    article = make_article(section, title="Corrected", contributors=[contributor], published_at=published_at)
    (entry,) = fetch_feed(client, "/feeds/atom/").entries
    assert timestamp(entry.updated_parsed) == published_at.timestamp()

    correction = correction_append(article=article, kind="correction", note=WRONG_NUMBER, user=superuser)

    for url in ("/feeds/atom/", f"/feeds/sections/{section.slug}/atom/", f"/feeds/experts/{contributor.slug}/atom/"):
        (entry,) = fetch_feed(client, url).entries
        assert timestamp(entry.updated_parsed) == int(correction.published_at.timestamp()), url
        assert timestamp(entry.published_parsed) == published_at.timestamp(), url


@pytest.mark.parametrize("url", ["/feeds/atom/", "/feeds/corrections/atom/"])
def test_feeds_make_the_same_number_of_queries_however_many_corrected_articles_they_list(
    client, section, superuser, url
):
    def count() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            fetch_feed(client, url)
        return len(queries)

    correction_append(article=make_article(section), kind="correction", note="One", user=superuser)
    few = count()
    for _ in range(4):
        article = make_article(section)
        correction_append(article=article, kind="update", note="More", user=superuser)
        correction_append(article=article, kind="correction", note="And more", user=superuser)
    assert count() == few

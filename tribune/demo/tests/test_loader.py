"""The demo outlet loads completely, through the services, and loading it again changes nothing."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.core.management import call_command
from django.utils import timezone

from tribune.contributors.models import Contributor
from tribune.demo.content.articles_economy_science import ARTICLES as ECONOMY_SCIENCE
from tribune.demo.content.articles_world import ARTICLES as WORLD
from tribune.demo.content.contributors import CONTRIBUTORS
from tribune.demo.loader import demo_accounts_ensure, load_demo
from tribune.newsroom.models import ArticlePage, SectionPage, SeriesPage


def test_demo_loads_a_realistic_outlet_once_and_reloading_changes_nothing(db, client, capsys, settings):
    # One test on purpose: loading the demo takes seconds, so every check shares one load. With its editions, whose
    # own checks are in test_editions.py; the counts below are the English edition's.
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("hi", "हिन्दी"), ("ru", "Русский")]
    summary = load_demo(log=lambda line: None)
    articles = ArticlePage.objects.published().filter(locale__language_code="en")

    assert summary["created"] == articles.count() >= 40
    assert set(SectionPage.objects.values_list("slug", flat=True)) >= {
        "opinion",
        "analysis",
        "politics",
        "economics",
        "sci-tech",
        "health",
    }
    assert Contributor.objects.public().count() >= 8
    assert Contributor.objects.values("country").distinct().count() >= 5
    assert SeriesPage.objects.live().filter(locale__language_code="en").count() == 2
    assert set(articles.values_list("kind", flat=True)) == {"opinion", "analysis", "news", "interview", "explainer"}
    assert all(article.lead_image and article.lead_image.credit_line for article in articles)
    assert any(block.block_type == "quote" for article in articles for block in article.body)

    html = client.get("/").content.decode()
    # The curated front shows a block of every kind (most read stays empty until pages are read).
    for block in ("front-top__lead", "front-top__list", "front-opinion", "front-package", "front-experts"):
        assert f'class="{block}' in html, block
    assert "The energy transition, country by country" in html
    for section in ("Opinion", "Analysis", "Economics"):
        assert section in html

    before = (ArticlePage.objects.count(), Contributor.objects.count(), SeriesPage.objects.count())
    again = load_demo(log=lambda line: None)
    assert again["created"] == 0
    assert all(
        edition["translated"] == edition["originals"] == edition["profiles"] == edition["topics"] == 0
        for edition in again["editions"].values()
    )
    assert (ArticlePage.objects.count(), Contributor.objects.count(), SeriesPage.objects.count()) == before

    call_command("load_demo", "--if-empty")
    assert "already present" in capsys.readouterr().out


def test_demo_content_files_are_consistent():
    slugs = [a["slug"] for a in [*WORLD, *ECONOMY_SCIENCE]]
    contributor_slugs = {c["slug"] for c in CONTRIBUTORS}

    assert len(slugs) == len(set(slugs))
    for article in [*WORLD, *ECONOMY_SCIENCE]:
        assert set(article["contributors"]) <= contributor_slugs, article["slug"]


def test_demo_accounts_are_refused_when_debug_is_off(db, settings):
    settings.DEBUG = False

    with pytest.raises(PermissionError):
        demo_accounts_ensure()


def test_demo_accounts_exist_per_role_in_debug(db, settings, home):
    from django.contrib.auth import authenticate

    from tribune.newsroom.services import section_ensure

    politics = section_ensure(home=home, slug="politics", title="Politics")
    settings.DEBUG = True
    settings.TRIBUNE_DEMO_PASSWORD = "a-local-password"

    accounts = dict(demo_accounts_ensure())

    assert accounts == {
        "admin": "admin",
        "chief": "chief",
        "editor": "editor",
        "contributor": "contributor",
        "moderator": "moderator",
        "reader": "reader",
    }
    editor = authenticate(username="editor", password="a-local-password")
    contributor = authenticate(username="contributor", password="a-local-password")
    reader = authenticate(username="reader", password="a-local-password")
    assert politics.permissions_for_user(editor).can_publish_subpage()
    assert politics.permissions_for_user(contributor).can_add_subpage()
    assert not politics.permissions_for_user(contributor).can_publish_subpage()
    assert not reader.has_perm("wagtailadmin.access_admin")


def test_every_demo_account_signs_in_through_the_form_with_no_confirmation_step(db, settings, home, client):
    settings.DEBUG = True
    settings.TRIBUNE_DEMO_PASSWORD = "a-local-password"

    for username, _ in demo_accounts_ensure():
        response = client.post("/accounts/login/", {"login": username, "password": "a-local-password"})

        assert response.status_code == 302 and response["Location"] == "/", username
        client.logout()


def test_the_demo_discussion_appears_once_under_the_newest_article(db, settings, client, section):
    from tests.factories import make_article
    from tribune.demo.loader import demo_discussion_ensure

    settings.DEBUG = True
    make_article(section, title="Older piece", published_at=timezone.now() - datetime.timedelta(days=2))
    newest = make_article(section, title="Newest piece")
    demo_accounts_ensure()

    assert demo_discussion_ensure(log=lambda line: None) == 4
    assert demo_discussion_ensure(log=lambda line: None) == 0
    html = client.get(newest.url).content.decode()
    assert "Author here." in html and "Discussion" in html
    assert ArticlePage.objects.get(pk=newest.pk).comment_count == 4
    # Every demo voice has a name: the moderator speaks as a person with the staff badge, never as "Reader N".
    assert "Sam Whitfield" in html and "Lena Marsh" in html
    names = [name.get_text(strip=True) for name in BeautifulSoup(html, "html.parser").select(".comment__author")]
    assert "Sam Whitfield" in names, names


def test_the_demo_has_newsletter_lists_a_sent_issue_and_a_day_of_views_once(db, client):
    from tribune.analytics.models import HourlyPageViews
    from tribune.newsletters.models import Issue, NewsletterList, Subscription

    first = load_demo(log=lambda line: None)
    again = load_demo(log=lambda line: None)

    assert first["readers"]["newsletters"] == NewsletterList.objects.count() == 5
    assert again["readers"] == {"newsletters": 0, "views": 0}
    assert {n.language for n in NewsletterList.objects.all()} == {"en", "hi", "ru"}
    sent = Issue.objects.get(status=Issue.Status.SENT)
    assert sent.newsletter.slug == "weekly-digest" and sent.items.count() == 10
    assert Subscription.objects.filter(status="active").count() == 4
    assert first["readers"]["views"] == sum(HourlyPageViews.objects.values_list("views", flat=True)) > 0
    home = client.get("/").content.decode()
    most_viewed = HourlyPageViews.objects.order_by("-views").first().page
    assert "most-read" in home and most_viewed.title in home
    assert 'value="daily-briefing"' in home or 'value="daily-briefing"' in client.get(most_viewed.url).content.decode()

"""An embargoed article stays off every public surface until its time, even if someone publishes it early."""

import datetime
from unittest import mock

import feedparser
import pytest

from django.utils import timezone

from tests.factories import make_article
from tribune.newsroom.models import ArticlePage


@pytest.fixture
def embargoed(section):
    article = make_article(section, title="Budget leak analysis", topics=["budget"], standfirst="Embargoed words.")
    # An editor sets an embargo on the live article, e.g. while partners hold the story; then publishes again.
    article.embargo_until = timezone.now() + datetime.timedelta(hours=6)
    article.go_live_at = None
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def public_surfaces(client, section, article) -> dict[str, str]:
    return {
        "home": client.get("/").content.decode(),
        "section": client.get(section.url).content.decode(),
        "topic": client.get("/topics/budget/").content.decode(),
        "search": client.get("/search/?q=Budget+leak").content.decode(),
        "feed": client.get("/feeds/rss/").content.decode(),
        "sitemap": client.get("/sitemap-articles.xml").content.decode(),
        "news sitemap": client.get("/news-sitemap.xml").content.decode(),
    }


def test_setting_an_embargo_schedules_go_live_at_its_end(embargoed):
    assert embargoed.go_live_at == embargoed.embargo_until
    assert not ArticlePage.objects.published().filter(pk=embargoed.pk).exists()


def test_embargoed_article_is_absent_from_every_public_surface_even_if_live(client, section, embargoed):
    ArticlePage.objects.filter(pk=embargoed.pk).update(live=True)  # published early by mistake

    surfaces = public_surfaces(client, section, embargoed)

    for name, html in surfaces.items():
        assert "Budget leak analysis" not in html, f"embargoed article leaked on {name}"
        assert embargoed.slug not in html, f"embargoed article's URL leaked on {name}"
    assert client.get(embargoed.url).status_code == 404
    assert not feedparser.parse(surfaces["feed"]).entries or all(
        entry.title != "Budget leak analysis" for entry in feedparser.parse(surfaces["feed"]).entries
    )


def test_embargoed_article_appears_once_the_embargo_ends(client, section, embargoed):
    later = timezone.now() + datetime.timedelta(hours=7)
    with mock.patch("django.utils.timezone.now", return_value=later):
        from django.core.management import call_command

        call_command("run_scheduler", "--once")
        response = client.get(section.url)

    assert "Budget leak analysis" in response.content.decode()


def test_editors_can_preview_an_embargoed_article(client, superuser, embargoed):
    client.force_login(superuser)

    response = client.get(f"/admin/pages/{embargoed.pk}/view_draft/")

    assert response.status_code == 200
    assert "Budget leak analysis" in response.content.decode()

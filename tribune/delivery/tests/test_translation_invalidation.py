"""A translation's stored page tells readers its source was updated or corrected: publishing or correcting the source,
and marking the translation synced, forget the translation's page too."""

import pytest

from django.test import Client
from django.urls import reverse

from wagtail.models import Locale, Site

from tribune.delivery import invalidation
from tribune.delivery.page_cache import HEADER
from tribune.newsroom.models import ArticlePage
from tribune.newsroom.services import correction_append

pytestmark = pytest.mark.usefixtures("page_cache_on")

EDITIONS = [("en", "English"), ("hi", "हिन्दी"), ("ru", "Русский")]


@pytest.fixture(autouse=True)
def editions(settings):
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = EDITIONS
    yield
    Site.clear_site_root_paths_cache()


def make_translation(page, language_code: str) -> ArticlePage:
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    translated = page.copy_for_translation(locale, copy_parents=True)
    translated.title = f"{page.title} ({language_code})"
    translated.save_revision().publish()
    return ArticlePage.objects.get(pk=translated.pk)


def republish(page):
    page = ArticlePage.objects.get(pk=page.pk)
    page.standfirst = "A standfirst rewritten after new figures."
    page.save_revision().publish()


def test_a_source_articles_paths_include_its_live_translations_pages(article):
    hindi = make_translation(article, "hi")

    paths = invalidation.page_paths(ArticlePage.objects.get(pk=article.pk))

    assert hindi.url.startswith("/hi/")
    assert hindi.url in paths
    assert hindi.url in invalidation.correction_paths(article.pk)


def test_publishing_the_source_forgets_the_stored_translation_which_then_shows_the_notice(client, committed, article):
    hindi = make_translation(article, "hi")
    client.get(hindi.url)
    assert client.get(hindi.url)[HEADER] == "hit"

    committed(republish, article)

    response = client.get(hindi.url)
    assert response[HEADER] == "miss"
    assert 'class="translation-notice__updated"' in response.content.decode()


def test_correcting_the_source_forgets_the_stored_translation(client, committed, article, superuser):
    hindi = make_translation(article, "hi")
    client.get(hindi.url)

    committed(correction_append, article=article, kind="correction", note="The tariff was 4%, not 6%.", user=superuser)

    response = client.get(hindi.url)
    assert response[HEADER] == "miss"
    assert 'class="translation-notice__corrected"' in response.content.decode()


def test_marking_the_translation_synced_forgets_its_stored_page(client, committed, article, superuser):
    hindi = make_translation(article, "hi")
    committed(republish, article)
    assert "translation-notice" in client.get(hindi.url).content.decode()
    assert client.get(hindi.url)[HEADER] == "hit"
    editor = Client()
    editor.force_login(superuser)

    committed(editor.post, reverse("editorial:translation_synced", args=[hindi.pk]))

    response = client.get(hindi.url)
    assert response[HEADER] == "miss"
    assert "translation-notice" not in response.content.decode()

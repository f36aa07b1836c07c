"""Translations kept in step with their sources: what is recorded when a translation is made or synced, when it is
stale, the translation board editors read, and what readers of a stale or uncorrected translation are told."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale, Page

from tests.factories import UserFactory, make_article
from tribune.editorial.models import TranslationSync
from tribune.editorial.roles import role_assign
from tribune.editorial.selectors import translation_board
from tribune.newsroom.models import ArticlePage
from tribune.newsroom.services import correction_append

EDITIONS = [("en", "English"), ("hi", "हिन्दी"), ("ru", "Русский")]


@pytest.fixture(autouse=True)
def editions(settings):
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = EDITIONS
    yield
    # Wagtail keeps the site's root paths per language; other tests run with English only.
    from wagtail.models import Site

    Site.clear_site_root_paths_cache()


def make_translation(page, language_code: str, **fields) -> ArticlePage:
    """The source copied into the language's locale (its parents too, as aliases), changed and published."""
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    translated = page.copy_for_translation(locale, copy_parents=True)
    for name, value in {"title": f"{page.title} ({language_code})", **fields}.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return ArticlePage.objects.get(pk=translated.pk)


def republish(page, **changes) -> ArticlePage:
    page = ArticlePage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def sync_of(page) -> TranslationSync:
    return TranslationSync.objects.select_related("source").get(translation_id=page.pk)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def reader_page(page) -> BeautifulSoup:
    response = Client().get(page.url)
    assert response.status_code == 200, page.url
    return BeautifulSoup(response.content, "html.parser")


# Sync tracking


def test_a_new_translation_records_the_source_revision_it_was_made_from(article):
    hindi = make_translation(article, "hi")

    sync = sync_of(hindi)
    assert sync.source_id == article.pk
    assert sync.source_revision_id == Page.objects.get(pk=article.pk).live_revision_id
    assert sync.is_stale is False


def test_parents_copied_along_as_aliases_are_not_tracked(article):
    hindi = make_translation(article, "hi")

    section_alias = hindi.get_parent()
    assert section_alias.alias_of_id == article.get_parent().pk
    assert not TranslationSync.objects.filter(translation_id=section_alias.pk).exists()


def test_a_translation_is_stale_once_its_source_is_published_again(article):
    hindi = make_translation(article, "hi")

    article = republish(article, standfirst="A sharper standfirst after new figures came in.")

    sync = sync_of(hindi)
    assert sync.is_stale is True
    assert TranslationSync.objects.filter(TranslationSync.stale_q(), pk=sync.pk).exists()


def test_a_source_saved_as_a_draft_does_not_make_its_translations_stale(article):
    hindi = make_translation(article, "hi")

    ArticlePage.objects.get(pk=article.pk).save_revision()

    assert sync_of(hindi).is_stale is False
    assert not TranslationSync.objects.filter(TranslationSync.stale_q()).exists()


def test_marking_a_translation_synced_records_the_sources_current_revision_and_who(article, superuser):
    hindi = make_translation(article, "hi")
    article = republish(article, standfirst="A revised standfirst.")

    response = signed_in(superuser).post(reverse("editorial:translation_synced", args=[hindi.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[hindi.pk])
    sync = sync_of(hindi)
    assert sync.source_revision_id == Page.objects.get(pk=article.pk).live_revision_id
    assert sync.synced_by == superuser
    assert sync.is_stale is False


def test_the_sync_confirmation_names_the_source_and_offers_a_post_form(article, superuser):
    hindi = make_translation(article, "hi")

    response = signed_in(superuser).get(reverse("editorial:translation_synced", args=[hindi.pk]))

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one(f'form[method="post"][action="{reverse("editorial:translation_synced", args=[hindi.pk])}"]')
    assert form is not None
    assert article.title in soup.get_text()


def test_the_translations_edit_page_has_the_mark_as_synced_button(article, superuser):
    hindi = make_translation(article, "hi")

    edit = signed_in(superuser).get(reverse("wagtailadmin_pages:edit", args=[hindi.pk])).content.decode()
    source_edit = signed_in(superuser).get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()

    url = reverse("editorial:translation_synced", args=[hindi.pk])
    assert f'href="{url}"' in edit
    assert reverse("editorial:translation_synced", args=[article.pk]) not in source_edit


def test_only_those_who_may_edit_the_translation_may_mark_it_synced(article, section):
    hindi = make_translation(article, "hi")
    article = republish(article, standfirst="A revised standfirst.")
    contributor = UserFactory(username="translator-without-rights")
    role_assign(user=contributor, role="contributor", sections=[section])
    url = reverse("editorial:translation_synced", args=[hindi.pk])

    anonymous = Client().post(url)
    refused = signed_in(contributor).post(url)

    assert anonymous.status_code == 302 and reverse("account_login") in anonymous["Location"]
    assert refused.status_code == 403
    assert sync_of(hindi).is_stale is True


def test_a_page_that_is_not_a_translation_cannot_be_marked_synced(article, superuser):
    response = signed_in(superuser).post(reverse("editorial:translation_synced", args=[article.pk]))

    assert response.status_code == 404
    assert not TranslationSync.objects.exists()


def test_an_unknown_page_cannot_be_marked_synced(db, superuser):
    response = signed_in(superuser).post(reverse("editorial:translation_synced", args=[999999]))

    assert response.status_code == 404


# The board


@pytest.fixture
def newsroom(section, contributor, superuser):
    """Articles in every state a board shows, for the Hindi edition; Russian has translated nothing."""
    untranslated = make_article(section, title="Untranslated piece on rail freight", contributors=[contributor])
    current = make_article(section, title="Current piece on monsoon forecasts", contributors=[contributor])
    stale = make_article(section, title="Stale piece on port dues", contributors=[contributor])
    corrected = make_article(section, title="Corrected piece on sugar exports", contributors=[contributor])
    drafted = make_article(section, title="Drafted piece on cotton yields", contributors=[contributor])
    hindi = {
        "current": make_translation(current, "hi", title="Hindi current translation"),
        "stale": make_translation(stale, "hi", title="Hindi stale translation"),
        "corrected": make_translation(corrected, "hi", title="Hindi corrected translation"),
    }
    locale = Locale.objects.get(language_code="hi")
    draft = drafted.copy_for_translation(locale, copy_parents=True)
    draft.title = "Hindi draft translation"
    draft.save_revision()
    hindi["draft"] = draft
    stale = republish(stale, standfirst="New figures on port dues.")
    correction_append(article=corrected, user=superuser, kind="correction", note="The export figure was for 2023.")
    return {"untranslated": untranslated, "stale": stale, "corrected": corrected, "hindi": hindi}


def board_for(user, language_code: str):
    return next(board for board in translation_board(user) if board.language_code == language_code)


def test_the_board_sorts_each_editions_articles_into_untranslated_stale_in_progress_and_corrected(newsroom, superuser):
    hindi, russian = board_for(superuser, "hi"), board_for(superuser, "ru")

    assert [a.title for a in hindi.untranslated] == ["Untranslated piece on rail freight"]
    assert hindi.untranslated_count == 1
    assert [sync.translation.title for sync in hindi.stale] == ["Hindi stale translation"]
    assert hindi.stale[0].source.last_published_at == Page.objects.get(pk=newsroom["stale"].pk).last_published_at
    assert [page.get_admin_display_title() for page in hindi.in_progress] == ["Hindi draft translation"]
    assert [sync.translation.title for sync in hindi.corrections] == ["Hindi corrected translation"]
    assert russian.untranslated_count == 5  # Russian has no locale yet: everything published is untranslated
    assert (russian.stale, russian.in_progress, russian.corrections) == ([], [], [])


def test_a_translation_with_its_own_later_correction_is_no_longer_flagged(newsroom, superuser):
    corrected_hindi = newsroom["hindi"]["corrected"]
    later = timezone.now() + datetime.timedelta(seconds=1)
    correction_append(article=corrected_hindi, user=superuser, kind="correction", note="हिन्दी में सुधार।")
    ArticlePage.objects.get(pk=corrected_hindi.pk).corrections.update(published_at=later)

    assert board_for(superuser, "hi").corrections == []


def test_the_board_costs_the_same_queries_however_many_articles(
    newsroom, superuser, section, django_assert_max_num_queries
):
    for n in range(3):
        article = make_article(section, title=f"Another piece {n}")
        make_translation(article, "hi")
        republish(article, standfirst=f"Changed standfirst {n}.")
    # A few per edition: locales, then untranslated (rows, count), stale, in progress, corrections.
    with django_assert_max_num_queries(14):
        boards = translation_board(superuser)
        for board in boards:
            [sync.translation.title for sync in board.stale + board.corrections]

    assert len(board_for(superuser, "hi").stale) == 4


def test_the_board_page_lists_each_edition_with_dates(newsroom, superuser):
    response = signed_in(superuser).get(reverse("editorial:translation_board"))

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#edition-hi") is not None and soup.select_one("#edition-ru") is not None
    stale_row = soup.select_one("#edition-hi ~ .translation-board__stale, .translation-board__stale")
    assert "Hindi stale translation" in stale_row.get_text()
    assert stale_row.select("time[datetime]")
    assert "Untranslated piece on rail freight" in soup.select_one(".translation-board__untranslated").get_text()
    assert "Hindi draft translation" in soup.select_one(".translation-board__in-progress").get_text()
    assert "Hindi corrected translation" in soup.select_one(".translation-board__corrected").get_text()
    assert not soup.select("script:not([src]):not([type='application/json'])"), "no inline scripts (admin CSP)"
    assert not soup.select("[style]")


@pytest.mark.parametrize(
    ("role", "expected"),
    [("contributor", 403), ("moderator", 403), ("editor", 200), ("chief", 200), ("admin", 200)],
)
def test_the_board_is_for_editors_and_administrators(newsroom, section, role, expected):
    user = UserFactory(username=f"board-{role}", is_superuser=role == "admin")
    if role != "admin":
        role_assign(user=user, role=role, sections=[section])

    response = signed_in(user).get(reverse("editorial:translation_board"))

    assert response.status_code == expected
    menu = signed_in(user).get(reverse("wagtailadmin_home")).content.decode()
    assert (reverse("editorial:translation_board") in menu) is (expected == 200)


def test_signed_out_visitors_are_sent_to_sign_in(db):
    response = Client().get(reverse("editorial:translation_board"))

    assert response.status_code == 302 and reverse("account_login") in response["Location"]


# Readers


def expected_language_name(code: str, active: str) -> str:
    with translation.override(active):
        return str(translation.get_language_info(code)["name_translated"])


def test_a_stale_translation_tells_readers_when_the_source_was_updated_with_a_link_until_synced(article, superuser):
    hindi = make_translation(article, "hi")
    assert reader_page(hindi).select_one(".translation-notice") is None

    article = republish(article, standfirst="A sharper standfirst after new figures.")

    notice = reader_page(hindi).select_one(".translation-notice__updated")
    assert notice is not None
    english = expected_language_name("en", "hi")
    assert english in notice.get_text()
    assert notice.select_one("time")["datetime"].startswith(
        timezone.localtime(article.last_published_at).date().isoformat()
    )
    link = notice.select_one('a[hreflang="en"]')
    assert link["href"] == article.url

    signed_in(superuser).post(reverse("editorial:translation_synced", args=[hindi.pk]))

    assert reader_page(hindi).select_one(".translation-notice") is None


def test_the_source_itself_shows_no_notice(article):
    make_translation(article, "hi")
    republish(article, standfirst="Changed again.")

    assert reader_page(ArticlePage.objects.get(pk=article.pk)).select_one(".translation-notice") is None


def test_a_correction_on_the_source_is_flagged_on_the_translation_until_it_has_its_own(article, superuser):
    hindi = make_translation(article, "hi")

    correction = correction_append(
        article=article, user=superuser, kind="correction", note="The date of the vote was wrong."
    )

    flag = reader_page(hindi).select_one(".translation-notice__corrected")
    assert flag is not None
    assert flag.select_one("a")["href"] == f"{article.url}#correction-{correction.pk}"
    assert flag.select_one("time[datetime]") is not None
    assert reader_page(hindi).select_one(".translation-notice__updated") is None  # corrected, not republished

    own = correction_append(article=hindi, user=superuser, kind="correction", note="मतदान की तारीख़ ग़लत थी।")
    ArticlePage.objects.get(pk=hindi.pk).corrections.filter(pk=own.pk).update(
        published_at=correction.published_at + datetime.timedelta(seconds=1)
    )

    assert reader_page(hindi).select_one(".translation-notice") is None


def test_a_correction_on_the_source_is_no_longer_flagged_once_the_translation_is_synced(article, superuser):
    hindi = make_translation(article, "hi")
    correction_append(article=article, user=superuser, kind="update", note="The minister has since resigned.")
    assert reader_page(hindi).select_one(".translation-notice__corrected") is not None

    signed_in(superuser).post(reverse("editorial:translation_synced", args=[hindi.pk]))

    assert reader_page(hindi).select_one(".translation-notice") is None

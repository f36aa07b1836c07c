"""Corrections and updates: who may append them, how they survive edits, and where readers and editors see them."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import PageLogEntry, PageViewRestriction

from tests.factories import UserFactory, make_article
from tribune.editorial.roles import role_assign
from tribune.frontend.templatetags.frontend_tags import iso_datetime
from tribune.newsroom.admin_views import CORRECTION_NOT_ADDED, URL_NAME
from tribune.newsroom.models import ArticleCorrection, ArticleKind, ArticlePage, CorrectionKind
from tribune.newsroom.selectors import section_articles
from tribune.newsroom.services import (
    CORRECTION_KIND_UNKNOWN,
    CORRECTION_LOG_ACTION,
    CORRECTION_NOT_ALLOWED,
    CORRECTION_NOT_PUBLISHED,
    CORRECTION_NOTE_MAX_LENGTH,
    CORRECTION_NOTE_REQUIRED,
    CORRECTION_NOTE_TOO_LONG,
    correction_append,
)
from tribune.newsroom.wagtail_hooks import page_header_corrections_button
from tribune.syndication.tests.test_feeds import make_hidden_articles

WRONG_NUMBER = "The article said 40 per cent of ballots were counted; it was 14 per cent."
NEW_RESULT = "The electoral commission has since published the final turnout: 61 per cent."


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def admin_url(page) -> str:
    return f"/admin/articles/{page.pk}/corrections/"


def days_ago(days: float) -> datetime.datetime:
    return timezone.now().replace(microsecond=0) - datetime.timedelta(days=days)


def backdate(correction: ArticleCorrection, when: datetime.datetime) -> ArticleCorrection:
    """Corrections are stamped with the time they are appended; tests that need a history move them back."""
    ArticleCorrection.objects.filter(pk=correction.pk).update(published_at=when)
    correction.published_at = when
    return correction


@pytest.fixture
def section_editor(section):
    user = UserFactory(username="section-editor")
    role_assign(user=user, role="editor", sections=[section])
    return user


@pytest.fixture
def section_contributor(section):
    user = UserFactory(username="section-contributor")
    role_assign(user=user, role="contributor", sections=[section])
    return user


@pytest.fixture
def other_section_editor(other_section):
    user = UserFactory(username="other-editor")
    role_assign(user=user, role="editor", sections=[other_section])
    return user


@pytest.fixture
def corrected(article, section_editor):
    return correction_append(article=article, kind=CorrectionKind.CORRECTION, note=WRONG_NUMBER, user=section_editor)


# The service


def test_an_editor_of_the_section_appends_a_dated_correction_signed_with_their_name(article, section_editor):
    before = timezone.now()

    correction = correction_append(article=article, kind="correction", note=f"  {WRONG_NUMBER}\n", user=section_editor)

    assert correction.article == article
    assert correction.kind == CorrectionKind.CORRECTION
    assert correction.note == WRONG_NUMBER
    assert correction.created_by == section_editor
    assert before <= correction.published_at <= timezone.now()
    assert article.date_modified == correction.published_at


def test_a_superuser_may_append_an_update(article, superuser):
    correction = correction_append(article=article, kind="update", note=NEW_RESULT, user=superuser)

    assert list(ArticlePage.objects.get(pk=article.pk).public_corrections) == [correction]


@pytest.mark.parametrize("who", ["anonymous", "reader", "section_contributor", "other_section_editor"])
def test_only_users_who_can_publish_the_article_may_append(request, article, who):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)

    with pytest.raises(PermissionDenied, match=str(CORRECTION_NOT_ALLOWED)):
        correction_append(article=article, kind="correction", note=WRONG_NUMBER, user=user)
    assert not ArticleCorrection.objects.exists()


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("", CORRECTION_NOTE_REQUIRED),
        (" \n\t ", CORRECTION_NOTE_REQUIRED),
        (
            "x" * (CORRECTION_NOTE_MAX_LENGTH + 1),
            CORRECTION_NOTE_TOO_LONG % {"limit": CORRECTION_NOTE_MAX_LENGTH, "length": CORRECTION_NOTE_MAX_LENGTH + 1},
        ),
    ],
)
def test_an_empty_or_oversized_note_is_refused_with_a_message(article, section_editor, note, message):
    with pytest.raises(ValidationError) as refused:
        correction_append(article=article, kind="correction", note=note, user=section_editor)

    assert refused.value.message_dict == {"note": [str(message)]}
    assert not ArticleCorrection.objects.exists()


def test_a_note_of_exactly_the_limit_is_accepted(article, section_editor):
    correction = correction_append(
        article=article, kind="correction", note="x" * CORRECTION_NOTE_MAX_LENGTH, user=section_editor
    )

    assert len(correction.note) == CORRECTION_NOTE_MAX_LENGTH


def test_windows_line_breaks_count_once_against_the_limit(article, section_editor):
    # Browsers count a line break as one character in a textarea's maxlength but send it as two.
    note = "\r\n".join(["y" * 99] * 20)

    correction = correction_append(article=article, kind="correction", note=note, user=section_editor)

    assert correction.note == "\n".join(["y" * 99] * 20)


def test_an_unknown_kind_is_refused(article, section_editor):
    with pytest.raises(ValidationError) as refused:
        correction_append(article=article, kind="retraction", note=WRONG_NUMBER, user=section_editor)

    assert refused.value.message_dict == {"kind": [str(CORRECTION_KIND_UNKNOWN)]}


@pytest.mark.parametrize("state", ["unpublished", "embargoed", "draft"])
def test_an_article_that_is_not_out_cannot_be_corrected(section, section_editor, state):
    if state == "unpublished":
        target = make_article(section)
        target.unpublish()
    elif state == "embargoed":
        target = make_article(section, published_at=timezone.now() + datetime.timedelta(days=1))
    else:
        target = make_article(section)
        target.unpublish()
        ArticlePage.objects.filter(pk=target.pk).update(first_published_at=None)
        target.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        correction_append(article=target, kind="correction", note=WRONG_NUMBER, user=section_editor)

    assert refused.value.message_dict == {"__all__": [str(CORRECTION_NOT_PUBLISHED)]}
    assert not ArticleCorrection.objects.exists()


def test_appending_neither_edits_the_page_nor_creates_a_revision(article, section_editor):
    article.refresh_from_db()
    revisions, latest = article.revisions.count(), article.latest_revision_id
    last_published, updated_at = article.last_published_at, article.updated_at

    correction_append(article=article, kind="update", note=NEW_RESULT, user=section_editor)

    article.refresh_from_db()
    assert article.revisions.count() == revisions
    assert article.latest_revision_id == latest
    assert article.last_published_at == last_published
    assert article.updated_at == updated_at
    assert not article.has_unpublished_changes


def test_appending_is_written_to_the_page_history(article, section_editor, corrected):
    entry = PageLogEntry.objects.get(page=article, action=CORRECTION_LOG_ACTION)

    assert entry.user == section_editor
    assert entry.data == {"correction_id": corrected.pk, "kind": "correction", "note": WRONG_NUMBER}
    assert entry.message == "Correction published"
    assert entry.comment == WRONG_NUMBER


def test_a_correction_survives_a_later_edit_and_a_revert_to_an_older_revision(client, article, corrected):
    original = article.revisions.order_by("created_at", "pk").last()
    article.title = "A retitled analysis"
    article.save_revision().publish()
    assert soup(client.get(article.url)).select_one("#corrections .correction__note").get_text() == WRONG_NUMBER

    # What "Revert" in the page history does: publish a new revision with an old revision's content.
    reverted = original.as_object()
    reverted.save_revision(previous_revision=original).publish()

    page = soup(client.get(article.url))
    assert page.h1.get_text() != "A retitled analysis"
    assert [note.get_text() for note in page.select("#corrections .correction__note")] == [WRONG_NUMBER]
    assert ArticlePage.objects.get(pk=article.pk).date_modified == corrected.published_at


class RecordingBackend(BaseBackend):
    purged: list[str] = []

    def purge(self, url):
        RecordingBackend.purged.append(url)


def test_a_configured_front_end_cache_drops_the_article_and_the_corrections_page(
    settings, article, section_editor, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": f"{__name__}.RecordingBackend"}}
    RecordingBackend.purged = []

    with django_capture_on_commit_callbacks(execute=True):
        correction_append(article=article, kind="correction", note=WRONG_NUMBER, user=section_editor)

    assert set(RecordingBackend.purged) == {
        article.full_url,
        "http://testserver/corrections/",
        "http://testserver/feeds/corrections/rss/",
        "http://testserver/feeds/corrections/atom/",
    }


def test_without_a_front_end_cache_appending_still_works(article, section_editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        correction_append(article=article, kind="correction", note=WRONG_NUMBER, user=section_editor)

    assert ArticleCorrection.objects.count() == 1


# The article page


def test_the_article_lists_its_corrections_and_updates_oldest_first_with_kind_and_date(client, article, section_editor):
    first = backdate(
        correction_append(article=article, kind="correction", note=WRONG_NUMBER, user=section_editor), days_ago(2)
    )
    second = correction_append(article=article, kind="update", note=NEW_RESULT, user=section_editor)

    block = soup(client.get(article.url)).select_one(".article__footer > #corrections")

    assert block.h2.get_text() == "Corrections and updates"
    items = block.select("li.correction")
    assert [item["id"] for item in items] == [f"correction-{first.pk}", f"correction-{second.pk}"]
    assert [item.select_one(".correction__kind").get_text() for item in items] == ["Correction", "Update"]
    assert [item.select_one(".correction__note").get_text() for item in items] == [WRONG_NUMBER, NEW_RESULT]
    assert items[0].time["datetime"] == iso_datetime(first.published_at)
    assert block.find("a", string="All corrections and updates")["href"] == "/corrections/"


def test_the_corrections_block_comes_first_in_the_footer(client, section, contributor, section_editor):
    opinion = make_article(section, kind=ArticleKind.OPINION, contributors=[contributor])
    correction_append(article=opinion, kind="correction", note=WRONG_NUMBER, user=section_editor)

    footer = soup(client.get(opinion.url)).select_one(".article__footer")

    assert footer.find(True)["id"] == "corrections"
    assert footer.select_one(".article__disclaimer") is not None


def test_an_article_without_corrections_has_no_corrections_block(client, article):
    assert soup(client.get(article.url)).select_one("#corrections") is None


def test_notes_are_shown_as_text_never_as_markup(client, article, section_editor):
    correction_append(
        article=article, kind="correction", note="Fixed <script>alert(1)</script> & more", user=section_editor
    )

    response = client.get(article.url)

    assert b"<script>alert(1)</script>" not in response.content
    assert soup(response).select_one(".correction__note").get_text() == "Fixed <script>alert(1)</script> & more"


def test_the_change_log_lists_publication_update_and_every_note_oldest_first(client, section, section_editor):
    published = days_ago(5)
    article = make_article(section, published_at=published, updated_at=published + datetime.timedelta(days=2))
    early = backdate(
        correction_append(article=article, kind="correction", note=WRONG_NUMBER, user=section_editor),
        published + datetime.timedelta(days=1),
    )
    late = backdate(
        correction_append(article=article, kind="update", note=NEW_RESULT, user=section_editor),
        published + datetime.timedelta(days=3),
    )

    changelog = soup(client.get(article.url)).select_one("details.article__changelog")

    assert changelog.summary.get_text() == "Change log"
    entries = changelog.select("li")
    assert [entry.find(string=True, recursive=True).strip() for entry in entries] == [
        "First published",
        "Correction",
        "Updated",
        "Update",
    ]
    assert [entry.time["datetime"] for entry in entries] == [
        iso_datetime(published),
        iso_datetime(early.published_at),
        iso_datetime(published + datetime.timedelta(days=2)),
        iso_datetime(late.published_at),
    ]
    assert entries[1].a["href"] == f"#correction-{early.pk}"


def test_the_change_log_of_an_untouched_article_holds_its_first_publication(client, article):
    entries = soup(client.get(article.url)).select("details.article__changelog li")

    assert len(entries) == 1
    assert entries[0].time["datetime"] == iso_datetime(article.first_published_at)


def test_structured_data_and_meta_tags_say_the_article_changed_when_a_note_was_added(client, article, section_editor):
    page = soup(client.get(article.url))
    assert page.find("meta", property="article:modified_time") is None

    correction = correction_append(article=article, kind="correction", note=WRONG_NUMBER, user=section_editor)

    page = soup(client.get(article.url))
    (script,) = page.find_all("script", type="application/ld+json")
    modified = datetime.datetime.fromisoformat(json.loads(script.string)["dateModified"])
    # JSON carries milliseconds.
    assert modified == correction.published_at.replace(microsecond=correction.published_at.microsecond // 1000 * 1000)
    assert page.find("meta", property="article:modified_time")["content"] == correction.published_at.isoformat()


def test_the_article_page_makes_the_same_number_of_queries_however_many_notes_it_carries(
    client, article, section_editor
):
    correction_append(article=article, kind="correction", note=WRONG_NUMBER, user=section_editor)
    client.get(article.url)
    with CaptureQueriesContext(connection) as one:
        client.get(article.url)

    for i in range(5):
        correction_append(article=article, kind="update", note=f"{NEW_RESULT} ({i})", user=section_editor)
    with CaptureQueriesContext(connection) as six:
        client.get(article.url)

    assert len(six) == len(one)


# The public corrections page


def corrections_listed(response) -> list[str]:
    return [item.select_one(".correction__note").get_text() for item in soup(response).select(".corrections-list li")]


def test_the_corrections_page_lists_notes_newest_first_linking_to_their_articles(
    client, section, other_section, contributor, superuser
):
    older_article = make_article(section, title="Ballot counting explained", contributors=[contributor])
    newer_article = make_article(other_section, title="Why turnout matters", contributors=[contributor])
    old = backdate(
        correction_append(article=older_article, kind="correction", note=WRONG_NUMBER, user=superuser), days_ago(1)
    )
    new = correction_append(article=newer_article, kind="update", note=NEW_RESULT, user=superuser)

    response = client.get("/corrections/")

    items = soup(response).select(".corrections-list li")
    assert [item.select_one(".correction__note").get_text() for item in items] == [NEW_RESULT, WRONG_NUMBER]
    assert items[0].select_one(".correction__article a")["href"] == f"{newer_article.url}#correction-{new.pk}"
    assert items[1].select_one(".correction__article a").get_text() == "Ballot counting explained"
    assert items[1].select_one(".correction__section").get_text() == "Analysis"
    assert items[0].select_one(".correction__kind").get_text() == "Update"
    assert items[1].time["datetime"] == iso_datetime(old.published_at)


def test_the_corrections_page_advertises_its_feeds(client, home):
    page = soup(client.get("/corrections/"))

    assert page.find("link", rel="alternate", type="application/rss+xml", href="/feeds/corrections/rss/")
    assert page.find("link", rel="alternate", type="application/atom+xml", href="/feeds/corrections/atom/")


def test_the_corrections_page_says_when_there_is_nothing_to_show(client, home):
    assert "No corrections or updates have been published." in soup(client.get("/corrections/")).get_text()


def test_notes_on_articles_readers_cannot_see_stay_off_the_corrections_page(client, section, contributor, superuser):
    visible = make_article(section, title="Visible", contributors=[contributor])
    correction_append(article=visible, kind="correction", note="Visible note", user=superuser)
    # Notes appended while each article was out, which then left: unpublished, made private, or (impossible
    # through the service) recorded on an article that was never out at all.
    withdrawn = make_article(section, contributors=[contributor])
    correction_append(article=withdrawn, kind="correction", note="Withdrawn note", user=superuser)
    withdrawn.unpublish()
    private = make_article(section, contributors=[contributor])
    correction_append(article=private, kind="correction", note="Private note", user=superuser)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    for hidden in make_hidden_articles(section, contributor=contributor):
        ArticleCorrection.objects.create(article=hidden, note=f"Note on {hidden.title}")

    assert corrections_listed(client.get("/corrections/")) == ["Visible note"]


def test_the_corrections_page_paginates_and_answers_bad_page_numbers_without_error(
    client, settings, article, superuser
):
    settings.TRIBUNE_PAGE_SIZE = 2
    for i in range(3):
        backdate(correction_append(article=article, kind="update", note=f"Note {i}", user=superuser), days_ago(3 - i))

    assert corrections_listed(client.get("/corrections/")) == ["Note 2", "Note 1"]
    assert corrections_listed(client.get("/corrections/?page=2")) == ["Note 0"]
    assert corrections_listed(client.get("/corrections/?page=abc")) == ["Note 2", "Note 1"]
    assert client.get("/corrections/?page=99").status_code == 404


def test_the_corrections_page_makes_the_same_number_of_queries_however_many_notes_it_lists(
    client, section, other_section, superuser
):
    def count() -> int:
        client.get("/corrections/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/corrections/").status_code == 200
        return len(queries)

    correction_append(article=make_article(section), kind="correction", note="One", user=superuser)
    few = count()
    for target in (section, other_section, section, other_section):
        correction_append(article=make_article(target), kind="update", note="More", user=superuser)
    assert count() == few


def test_listings_read_every_cards_corrections_in_one_query(section, superuser):
    for _ in range(3):
        correction_append(article=make_article(section), kind="update", note=NEW_RESULT, user=superuser)

    articles = list(section_articles(section))
    with CaptureQueriesContext(connection) as queries:
        modified = [a.date_modified for a in articles]

    assert len(queries) == 0
    assert modified == [a.public_corrections[0].published_at for a in articles]


# The admin screen


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_log_in(client, article, method):
    response = getattr(client, method)(admin_url(article), {"kind": "correction", "note": WRONG_NUMBER})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not ArticleCorrection.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_readers_without_admin_access_are_turned_away_by_the_admin(client, article, reader, method):
    client.force_login(reader)

    response = getattr(client, method)(admin_url(article), {"kind": "correction", "note": WRONG_NUMBER})

    # Wagtail answers anyone without admin access before the view runs: back to the login page.
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not ArticleCorrection.objects.exists()


@pytest.mark.parametrize("who", ["section_contributor", "other_section_editor"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_staff_who_cannot_publish_the_article_are_forbidden(request, client, article, who, method):
    client.force_login(request.getfixturevalue(who))

    response = getattr(client, method)(admin_url(article), {"kind": "correction", "note": WRONG_NUMBER})

    assert response.status_code == 403
    assert str(CORRECTION_NOT_ALLOWED) in response.content.decode()
    assert WRONG_NUMBER not in response.content.decode()
    assert not ArticleCorrection.objects.exists()


@pytest.mark.parametrize("who", ["section_editor", "superuser"])
def test_the_sections_editor_and_a_superuser_can_append_from_the_admin(request, client, article, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(admin_url(article)).status_code == 200

    response = client.post(admin_url(article), {"kind": "update", "note": NEW_RESULT}, follow=True)

    assert response.redirect_chain == [(admin_url(article), 302)]
    correction = ArticleCorrection.objects.get()
    assert (correction.article_id, correction.kind, correction.note) == (article.pk, "update", NEW_RESULT)
    assert correction.created_by == user
    page = soup(response)
    assert f"Update added to “{article.title}”" in page.get_text()
    assert NEW_RESULT in page.select_one("table.listing").get_text()


def test_the_admin_screen_lists_notes_with_date_kind_and_who_and_says_they_are_permanent(
    client, article, section_editor, corrected
):
    client.force_login(section_editor)

    page = soup(client.get(admin_url(article)))

    (row,) = page.select("table.listing tbody tr")
    assert row.time["datetime"] == iso_datetime(corrected.published_at)
    assert row.select_one(".correction__kind").get_text() == "Correction"
    assert row.select_one(".correction__note").get_text() == WRONG_NUMBER
    assert row.select_one(".correction__author").get_text() == "section-editor"
    assert "cannot be edited or deleted" in page.get_text()
    assert not page.select("table.listing a, table.listing button, table.listing form")


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("", CORRECTION_NOTE_REQUIRED),
        ("   ", CORRECTION_NOTE_REQUIRED),
        (
            "x" * (CORRECTION_NOTE_MAX_LENGTH + 1),
            CORRECTION_NOTE_TOO_LONG % {"limit": CORRECTION_NOTE_MAX_LENGTH, "length": CORRECTION_NOTE_MAX_LENGTH + 1},
        ),
    ],
)
def test_an_empty_or_oversized_note_is_refused_in_the_admin_with_a_message(
    client, article, section_editor, note, message
):
    client.force_login(section_editor)

    response = client.post(admin_url(article), {"kind": "correction", "note": note})

    assert response.status_code == 200
    text = soup(response).get_text()
    assert str(message) in text
    assert str(CORRECTION_NOT_ADDED) in text
    assert not ArticleCorrection.objects.exists()


def test_an_unknown_kind_is_refused_in_the_admin(client, article, section_editor):
    client.force_login(section_editor)

    response = client.post(admin_url(article), {"kind": "retraction", "note": WRONG_NUMBER})

    assert response.status_code == 200
    assert not ArticleCorrection.objects.exists()


def test_an_unpublished_article_shows_its_record_but_no_form(client, article, section_editor, corrected):
    article.unpublish()
    client.force_login(section_editor)

    page = soup(client.get(admin_url(article)))
    assert WRONG_NUMBER in page.select_one("table.listing").get_text()
    assert page.select_one("textarea[name=note]") is None

    response = client.post(admin_url(article), {"kind": "update", "note": NEW_RESULT})
    assert response.status_code == 200
    assert str(CORRECTION_NOT_PUBLISHED) in soup(response).get_text()
    assert ArticleCorrection.objects.count() == 1


def test_an_unknown_page_is_not_found(client, article, superuser):
    client.force_login(superuser)

    assert client.get("/admin/articles/999999/corrections/").status_code == 404


def test_a_page_that_is_not_an_article_is_not_found(client, section, superuser):
    client.force_login(superuser)

    assert client.get(admin_url(section)).status_code == 404
    assert client.post(admin_url(section), {"kind": "correction", "note": WRONG_NUMBER}).status_code == 404


def test_posting_from_the_admin_creates_no_revision(client, article, section_editor):
    revisions = article.revisions.count()
    client.force_login(section_editor)

    client.post(admin_url(article), {"kind": "correction", "note": WRONG_NUMBER})

    assert ArticleCorrection.objects.count() == 1
    assert article.revisions.count() == revisions


def test_the_article_edit_page_and_explorer_offer_corrections_to_its_editor(client, article, section, section_editor):
    client.force_login(section_editor)
    url = reverse(URL_NAME, args=[article.pk])

    assert url == admin_url(article)
    assert f'href="{url}"' in client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert f'href="{url}"' in client.get(f"/admin/pages/{section.pk}/").content.decode()


def test_no_corrections_button_for_those_who_cannot_publish_or_for_other_pages(
    article, section, section_contributor, other_section_editor, section_editor
):
    def buttons(page, user):
        return list(page_header_corrections_button(page=page, user=user, view_name="edit"))

    assert buttons(article, section_contributor) == []
    assert buttons(article, other_section_editor) == []
    assert buttons(section, section_editor) == []
    assert len(buttons(article, section_editor)) == 1

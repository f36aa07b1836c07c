"""Two editors on one article: an edit based on an older version than the latest is refused, nothing is lost, and
keeping one's own version over a colleague's is a deliberate, logged act."""

import html
import re

import pytest

from django.test import Client

from wagtail.models import PageLogEntry

from tests.factories import UserFactory, make_article
from tribune.core.edit_conflicts import EDIT_CONFLICT_OVERRIDE_LOG_ACTION, OVERRIDE_FIELD
from tribune.editorial.roles import role_assign
from tribune.newsroom.models import ArticlePage

from .test_concurrent_editing import edit_form

REFUSED = "saved a newer version"


def editor_named(section, username: str, first: str, last: str):
    user = UserFactory(username=username, first_name=first, last_name=last)
    role_assign(user=user, role="editor", sections=[section])
    return user


def hidden(response, name: str) -> str:
    """The value of a hidden input (or button) named ``name`` in the HTML a browser without JavaScript would post."""
    found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', response.content.decode())
    assert found, f"no {name} in the page"
    return html.unescape(found.group(1))


def open_editor(client: Client, article) -> dict:
    """GET the editor as a person opening it, and return the revision inputs its form carries."""
    response = client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    return {name: hidden(response, name) for name in ("loaded_revision_id", "loaded_revision_created_at")}


def post_edit(client: Client, article, title: str, loaded: dict, **extra):
    return client.post(f"/admin/pages/{article.pk}/edit/", edit_form(article, title, **loaded, **extra))


def latest_title(article) -> str:
    article.refresh_from_db()
    return article.get_latest_revision_as_object().title


def two_editors_on(section):
    article = make_article(section, title="Original headline")
    ana = editor_named(section, "ana", "Ana", "Rao")
    ben = editor_named(section, "ben", "Ben", "Okoro")
    ana_client, ben_client = Client(), Client()
    ana_client.force_login(ana)
    ben_client.force_login(ben)
    return article, (ana, ana_client), (ben, ben_client)


@pytest.fixture
def two_editors(section):
    """An article both section editors, Ana Rao and Ben Okoro, are signed in to edit, each in their own browser."""
    return two_editors_on(section)


def test_the_second_of_two_saves_from_one_version_is_refused_and_keeps_its_text(two_editors):
    article, (ana, ana_client), (ben, ben_client) = two_editors
    ana_loaded, ben_loaded = open_editor(ana_client, article), open_editor(ben_client, article)

    assert post_edit(ana_client, article, "Ana's headline", ana_loaded).status_code == 302
    refused = post_edit(ben_client, article, "Ben's headline", ben_loaded)

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Ana Rao saved a newer version at " in page
    assert 'value="Ben&#x27;s headline"' in page  # his text is in the form shown again, not lost
    assert latest_title(article) == "Ana's headline"
    assert article.revisions.filter(user=ben).count() == 0


def test_the_refusal_links_to_a_comparison_of_the_starting_version_with_the_newer_one(two_editors):
    article, (ana, ana_client), (ben, ben_client) = two_editors
    ana_loaded, ben_loaded = open_editor(ana_client, article), open_editor(ben_client, article)
    post_edit(ana_client, article, "Ana's headline", ana_loaded)

    refused = post_edit(ben_client, article, "Ben's headline", ben_loaded)

    article.refresh_from_db()
    started_from, newer = ben_loaded["loaded_revision_id"], article.latest_revision_id
    compare_url = f"/admin/pages/{article.pk}/revisions/compare/{started_from}...{newer}/"
    assert compare_url in refused.content.decode()
    comparison = ben_client.get(compare_url)
    assert comparison.status_code == 200
    assert "Ana&#x27;s headline" in comparison.content.decode()


def test_saving_again_from_the_refused_form_is_refused_again(two_editors):
    article, (ana, ana_client), (ben, ben_client) = two_editors
    ana_loaded, ben_loaded = open_editor(ana_client, article), open_editor(ben_client, article)
    post_edit(ana_client, article, "Ana's headline", ana_loaded)
    refused = post_edit(ben_client, article, "Ben's headline", ben_loaded)

    # The form shown again still names the version Ben started from, so a second plain Save overwrites nothing.
    again = {name: hidden(refused, name) for name in ("loaded_revision_id", "loaded_revision_created_at")}
    assert again == ben_loaded
    assert REFUSED in post_edit(ben_client, article, "Ben's headline", again).content.decode()
    assert latest_title(article) == "Ana's headline"


def test_publishing_from_an_older_version_is_refused_and_the_live_page_is_unchanged(two_editors):
    article, (ana, ana_client), (ben, ben_client) = two_editors
    ana_loaded, ben_loaded = open_editor(ana_client, article), open_editor(ben_client, article)
    post_edit(ana_client, article, "Ana's draft headline", ana_loaded)

    refused = post_edit(ben_client, article, "Ben's published headline", ben_loaded, **{"action-publish": "1"})

    assert REFUSED in refused.content.decode()
    assert ArticlePage.objects.get(pk=article.pk).title == "Original headline"
    assert latest_title(article) == "Ana's draft headline"


def test_keeping_ones_own_version_on_purpose_saves_a_new_draft_and_is_logged(two_editors):
    article, (ana, ana_client), (ben, ben_client) = two_editors
    ana_loaded, ben_loaded = open_editor(ana_client, article), open_editor(ben_client, article)
    post_edit(ana_client, article, "Ana's headline", ana_loaded)
    article.refresh_from_db()
    anas_revision = article.latest_revision
    refused = post_edit(ben_client, article, "Ben's merged headline", ben_loaded)

    kept = post_edit(
        ben_client, article, "Ben's merged headline", ben_loaded, **{OVERRIDE_FIELD: hidden(refused, OVERRIDE_FIELD)}
    )

    assert kept.status_code == 302
    assert latest_title(article) == "Ben's merged headline"
    assert article.revisions.filter(pk=anas_revision.pk).exists()  # Ana's version stays in the history
    entry = PageLogEntry.objects.get(page=article, action=EDIT_CONFLICT_OVERRIDE_LOG_ACTION)
    assert entry.user == ben
    assert entry.revision_id == article.latest_revision_id
    assert entry.data["replaced_revision_id"] == anas_revision.pk
    assert entry.data["replaced_author"] == "Ana Rao"


def test_keeping_ones_own_version_is_refused_once_a_still_newer_version_exists(two_editors):
    article, (ana, ana_client), (ben, ben_client) = two_editors
    ana_loaded, ben_loaded = open_editor(ana_client, article), open_editor(ben_client, article)
    post_edit(ana_client, article, "Ana's headline", ana_loaded)
    token = hidden(post_edit(ben_client, article, "Ben's headline", ben_loaded), OVERRIDE_FIELD)
    post_edit(ana_client, article, "Ana's second headline", open_editor(ana_client, article))

    # Ben was shown Ana's first version; replacing her second, which he never saw, needs a new look.
    again = post_edit(ben_client, article, "Ben's headline", ben_loaded, **{OVERRIDE_FIELD: token})

    assert REFUSED in again.content.decode()
    assert latest_title(article) == "Ana's second headline"
    assert not PageLogEntry.objects.filter(page=article, action=EDIT_CONFLICT_OVERRIDE_LOG_ACTION).exists()


def test_the_override_never_publishes(two_editors):
    article, (ana, ana_client), (ben, ben_client) = two_editors
    ana_loaded, ben_loaded = open_editor(ana_client, article), open_editor(ben_client, article)
    post_edit(ana_client, article, "Ana's headline", ana_loaded)
    token = hidden(post_edit(ben_client, article, "Ben's headline", ben_loaded), OVERRIDE_FIELD)

    refused = post_edit(
        ben_client, article, "Ben's headline", ben_loaded, **{OVERRIDE_FIELD: token, "action-publish": "1"}
    )

    assert REFUSED in refused.content.decode()
    assert ArticlePage.objects.get(pk=article.pk).title == "Original headline"


def test_autosave_from_an_older_version_is_refused(two_editors):
    article, (ana, ana_client), (ben, ben_client) = two_editors
    ana_loaded, ben_loaded = open_editor(ana_client, article), open_editor(ben_client, article)
    post_edit(ana_client, article, "Ana's headline", ana_loaded)

    autosave = ben_client.post(
        f"/admin/pages/{article.pk}/edit/",
        edit_form(article, "Ben's headline", **ben_loaded),
        HTTP_ACCEPT="application/json",
    )

    assert autosave.json()["error_code"] == "invalid_revision"
    assert latest_title(article) == "Ana's headline"


def test_an_editor_saving_after_their_own_autosave_is_not_refused_but_a_colleague_then_is(two_editors):
    article, (ana, ana_client), (ben, ben_client) = two_editors
    ana_loaded, ben_loaded = open_editor(ana_client, article), open_editor(ben_client, article)
    url = f"/admin/pages/{article.pk}/edit/"
    autosaved = ana_client.post(url, edit_form(article, "Ana typing", **ana_loaded), HTTP_ACCEPT="application/json")
    own = autosaved.json()["revision_id"]

    # Wagtail's script then posts its autosave revision as the one to overwrite.
    saved = ana_client.post(url, edit_form(article, "Ana's headline", **ana_loaded, overwrite_revision_id=own))

    assert saved.status_code == 302
    assert latest_title(article) == "Ana's headline"
    assert REFUSED in post_edit(ben_client, article, "Ben's headline", ben_loaded).content.decode()


def test_a_save_racing_the_editors_own_autosave_is_not_refused(two_editors):
    """The autosave leaves just before the editor presses Save: the form still names the version it was opened on,
    but the newer version is the editor's own, so nothing of anyone else's is replaced."""
    article, (ana, ana_client), _ben = two_editors
    loaded = open_editor(ana_client, article)
    url = f"/admin/pages/{article.pk}/edit/"
    ana_client.post(url, edit_form(article, "Ana typing", **loaded), HTTP_ACCEPT="application/json")

    saved = post_edit(ana_client, article, "Ana's headline", loaded)  # without the autosave's revision id

    assert saved.status_code == 302
    assert latest_title(article) == "Ana's headline"


def test_reverting_to_an_old_revision_from_an_outdated_screen_is_refused(two_editors):
    article, (ana, ana_client), (ben, ben_client) = two_editors
    first_revision = article.latest_revision
    post_edit(ana_client, article, "Ana's headline", open_editor(ana_client, article))
    revert_url = f"/admin/pages/{article.pk}/revisions/{first_revision.pk}/revert/"
    response = ben_client.get(revert_url)
    ben_loaded = {name: hidden(response, name) for name in ("loaded_revision_id", "loaded_revision_created_at")}
    post_edit(ana_client, article, "Ana's second headline", open_editor(ana_client, article))

    refused = ben_client.post(revert_url, edit_form(article, "Original headline", **ben_loaded))

    assert REFUSED in refused.content.decode()
    assert latest_title(article) == "Ana's second headline"

"""Two editors on one article: each is told the other is there and has saved; a lock keeps others out."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.factories import UserFactory, make_article
from tribune.editorial.roles import role_assign


def edit_form(article, title: str, **extra) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": article.slug,
            "standfirst": article.standfirst,
            "kind": article.kind,
            "body": streamfield([("paragraph", rich_text("<p>Body text.</p>"))]),
            "bylines": inline_formset([{"contributor": c.pk} for c in article.ordered_contributors]),
            "related_picks": inline_formset([]),
            "topics": "",
            **extra,
        }
    )


def ping(client, article, session_id, **data):
    url = f"/admin/editing-sessions/ping/wagtailcore/page/{article.pk}/{session_id}/"
    return client.post(url, data).json()


def test_an_editor_is_warned_that_a_colleague_is_editing_and_has_saved_a_newer_version(client, section):
    article = make_article(section, title="Original headline")
    first, second = UserFactory(username="first"), UserFactory(username="second")
    role_assign(user=first, role="editor", sections=[section])
    role_assign(user=second, role="editor", sections=[section])
    loaded = article.latest_revision  # both open the editor on the same revision

    client.force_login(first)
    first_session = ping(client, article, 0, is_editing="1")["session_id"]
    client.force_login(second)
    seen_by_second = ping(client, article, 0)
    assert [other["user"] for other in seen_by_second["other_sessions"]] == ["first"]
    assert seen_by_second["other_sessions"][0]["is_editing"] is True

    # The first editor saves; the second editor's next ping reports the newer revision.
    article.title = "First editor's headline"
    article.save_revision(user=first)
    client.force_login(second)
    warning = ping(
        client,
        article,
        seen_by_second["session_id"],
        revision_id=loaded.pk,
        revision_created_at=loaded.created_at.isoformat(),
    )

    newer = [other for other in warning["other_sessions"] if other["revision_id"]]
    assert newer and newer[0]["user"] == "first"
    assert first_session != seen_by_second["session_id"]


def test_a_locked_article_cannot_be_saved_by_someone_else(client, section):
    article = make_article(section, title="Locked piece")
    owner, other = UserFactory(username="owner"), UserFactory(username="other")
    role_assign(user=owner, role="editor", sections=[section])
    role_assign(user=other, role="editor", sections=[section])
    client.force_login(owner)
    assert client.post(f"/admin/pages/{article.pk}/lock/").status_code == 302

    client.force_login(other)
    client.post(f"/admin/pages/{article.pk}/edit/", edit_form(article, "Sneaky change"))

    article.refresh_from_db()
    assert article.locked and article.locked_by == owner
    assert article.latest_revision.as_object().title == "Locked piece"

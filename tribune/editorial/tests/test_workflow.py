"""Submitting a draft starts review by the section's editors; sensitive sections add a chief editor's review."""

import datetime

import pytest

from django.utils import timezone

from wagtail.models import PageLogEntry, WorkflowState

from tests.factories import UserFactory, make_article, make_contributor
from tribune.editorial.roles import role_assign
from tribune.newsroom.models import ArticlePage
from tribune.newsroom.services import section_ensure


@pytest.fixture
def people(section, other_section):
    writer = UserFactory(username="writer", email="writer@example.org")
    role_assign(user=writer, role="contributor", sections=[section])
    desk = UserFactory(username="desk", email="desk@example.org")
    role_assign(user=desk, role="editor", sections=[section])
    elsewhere = UserFactory(username="elsewhere", email="elsewhere@example.org")
    role_assign(user=elsewhere, role="editor", sections=[other_section])
    chief = UserFactory(username="chief", email="chief@example.org")
    role_assign(user=chief, role="chief")
    return {"writer": writer, "desk": desk, "elsewhere": elsewhere, "chief": chief}


def draft_by(user, section) -> ArticlePage:
    article = make_article(section, title="A draft for review", contributors=[make_contributor()])
    article.unpublish()
    ArticlePage.objects.filter(pk=article.pk).update(owner=user)
    article.refresh_from_db()
    article.save_revision(user=user)
    return article


def submit(article, user) -> WorkflowState:
    return article.get_workflow().start(article, user)


def test_submission_asks_the_sections_editors_only(people, section, mailoutbox, django_capture_on_commit_callbacks):
    article = draft_by(people["writer"], section)

    with django_capture_on_commit_callbacks(execute=True):
        state = submit(article, people["writer"])

    task = state.current_task_state.task.specific
    assert task.get_actions(article, people["desk"])
    assert task.get_actions(article, people["chief"])
    assert not task.get_actions(article, people["elsewhere"])
    assert not task.get_actions(article, people["writer"])
    assert task.locked_for_user(article, people["writer"])
    recipients = {address for message in mailoutbox for address in message.to}
    assert "desk@example.org" in recipients
    assert "elsewhere@example.org" not in recipients
    assert "writer@example.org" not in recipients


def test_approval_publishes_and_tells_the_author(people, section, mailoutbox):
    article = draft_by(people["writer"], section)
    state = submit(article, people["writer"])

    state.current_task_state.approve(user=people["desk"])

    article.refresh_from_db()
    assert article.live
    assert any("Approved" in message.subject and "writer@example.org" in message.to for message in mailoutbox)
    actions = set(PageLogEntry.objects.filter(page=article).values_list("action", flat=True))
    assert {"wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish"} <= actions


def test_the_approval_email_links_the_author_to_the_live_article(people, section, mailoutbox):
    article = draft_by(people["writer"], section)
    state = submit(article, people["writer"])

    state.current_task_state.approve(user=people["desk"])

    article.refresh_from_db()
    message = next(m for m in mailoutbox if "Approved" in m.subject)
    assert article.full_url.startswith("http://testserver/")
    assert article.full_url in message.body.split()


def test_the_approval_email_of_a_scheduled_article_has_no_public_link_yet(people, section, mailoutbox):
    article = draft_by(people["writer"], section)
    article.go_live_at = timezone.now() + datetime.timedelta(days=2)
    article.save_revision(user=people["writer"])
    state = submit(article, people["writer"])

    state.current_task_state.approve(user=people["desk"])

    article.refresh_from_db()
    message = next(m for m in mailoutbox if "Approved" in m.subject)
    assert not article.live
    assert article.full_url not in message.body
    assert f"/admin/pages/{article.pk}/edit/" in message.body


def test_request_changes_keeps_the_draft_and_sends_the_comment(people, section, mailoutbox, client):
    article = draft_by(people["writer"], section)
    state = submit(article, people["writer"])

    state.current_task_state.reject(user=people["desk"], comment="Please source the second figure.")

    article.refresh_from_db()
    state.refresh_from_db()
    assert not article.live
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    message = next(m for m in mailoutbox if "Changes requested" in m.subject)
    assert message.to == ["writer@example.org"]
    assert "Please source the second figure." in message.body
    assert PageLogEntry.objects.filter(page=article, action="wagtail.workflow.reject").exists()

    client.force_login(people["writer"])
    dashboard = client.get("/admin/").content.decode()
    assert "Changes requested" in dashboard
    assert "Please source the second figure." in dashboard


def test_sensitive_sections_need_a_second_review_by_a_chief_editor(people, home):
    sensitive = section_ensure(home=home, slug="security", title="Security")
    sensitive.requires_second_review = True
    sensitive.save_revision().publish()
    role_assign(user=people["writer"], role="contributor", sections=[sensitive])
    role_assign(user=people["desk"], role="editor", sections=[sensitive])
    article = draft_by(people["writer"], sensitive)

    state = submit(article, people["writer"])
    state.current_task_state.approve(user=people["desk"])
    state.refresh_from_db()
    article.refresh_from_db()

    assert not article.live
    second = state.current_task_state.task.specific
    assert not second.get_actions(article, people["desk"])
    assert second.get_actions(article, people["chief"])

    state.current_task_state.approve(user=people["chief"])
    article.refresh_from_db()
    assert article.live


def test_other_sections_keep_the_single_review(people, section):
    article = draft_by(people["writer"], section)

    assert [task.name for task in article.get_workflow().tasks] == ["Section editors' review"]


def test_only_one_email_per_event(people, section, mailoutbox):
    article = draft_by(people["writer"], section)
    state = submit(article, people["writer"])

    state.current_task_state.approve(user=people["desk"])

    approvals = [m for m in mailoutbox if "writer@example.org" in m.to and "Approved" in m.subject]
    assert len(approvals) == 1

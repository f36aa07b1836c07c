"""Editors run the newsletters from the admin: lists, curated issues, preview, a test to themselves, scheduling."""

import pytest

from django.urls import reverse

from tests.factories import UserFactory, make_article
from tribune.editorial.roles import role_assign
from tribune.newsletters.models import Issue, IssueArticle, NewsletterList, Subscription


@pytest.fixture
def desk_editor(section):
    editor = UserFactory(username="nadia", email="nadia@example.org", is_staff=True)
    role_assign(user=editor, role="editor", sections=[section])
    return editor


@pytest.fixture
def issue(db, section):
    newsletter = NewsletterList.objects.create(name="The Weekly Digest", slug="weekly")
    Subscription.objects.create(newsletter=newsletter, email="reader@example.org", status="active")
    issue = Issue.objects.create(newsletter=newsletter, subject="This week: grids", intro="Three pieces on storage.")
    article = make_article(section, title="Grid batteries and the evening peak")
    IssueArticle.objects.create(issue=issue, article=article, sort_order=0)
    return issue


def test_an_editor_previews_an_issue_sends_a_test_and_schedules_it(
    client, desk_editor, issue, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(desk_editor)

    listing = client.get(reverse("wagtailsnippets_newsletters_issue:list")).content.decode()
    assert "This week: grids" in listing and reverse("newsletters:issue_send", args=[issue.pk]) in listing
    screen = client.get(reverse("newsletters:issue_send", args=[issue.pk]))
    assert screen.status_code == 200 and "1 subscriber" in screen.content.decode()
    preview = client.get(reverse("newsletters:issue_preview", args=[issue.pk]))
    assert "Grid batteries and the evening peak" in preview.content.decode()
    assert "sandbox" in preview["Content-Security-Policy"]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("newsletters:issue_send", args=[issue.pk]), {"action": "test"})
    [test] = mailoutbox
    assert test.to == ["nadia@example.org"] and test.subject == "[Test] This week: grids"
    assert "Grid batteries and the evening peak" in test.alternatives[0][0]
    assert Subscription.objects.get().deliveries.count() == 0  # a test reaches no subscriber

    client.post(reverse("newsletters:issue_send", args=[issue.pk]), {"action": "schedule", "send_at": ""})
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SCHEDULED


def test_readers_and_contributors_cannot_reach_the_issue_screens(client, issue, section):
    contributor = UserFactory(username="amara", is_staff=True)
    role_assign(user=contributor, role="contributor", sections=[section])
    for user in (UserFactory(username="reader"), contributor):
        client.force_login(user)
        for name in ("newsletters:issue_send", "newsletters:issue_preview"):
            assert client.get(reverse(name, args=[issue.pk])).status_code in {302, 403}
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.DRAFT


def test_a_sent_issue_cannot_be_scheduled_again(client, desk_editor, issue):
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENT)
    client.force_login(desk_editor)

    client.post(reverse("newsletters:issue_send", args=[issue.pk]), {"action": "schedule", "send_at": ""})

    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SENT


def test_an_editor_creates_a_list_in_the_admin(client, desk_editor):
    client.force_login(desk_editor)

    response = client.post(
        reverse("wagtailsnippets_newsletters_newsletterlist:add"),
        {"name": "Health Weekly", "slug": "health-weekly", "cadence": "weekly", "send_rate": 50, "active": "on"},
    )

    assert response.status_code == 302
    assert NewsletterList.objects.get(slug="health-weekly").name == "Health Weekly"

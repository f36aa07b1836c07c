"""A reader downloads their data from their account pages (after a recent confirmation); staff with the permission
export and erase a reader's data from the admin. Another reader's data never appears, and no cache keeps it."""

import datetime
import json
import logging

import pytest
from allauth.account.models import EmailAddress

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import caches
from django.urls import reverse

from tests.factories import UserFactory
from tribune.delivery import page_cache
from tribune.discussion.models import Comment, CommentStatus, ModerationDecision, Reaction, Report

from .test_reauthentication import assert_sent_to_reauthenticate, confirmed_seconds_ago

DOWNLOAD = "/accounts/data/download/"


def verified(username: str):
    user = UserFactory(username=username, email=f"{username}@example.org", display_name=username.title())
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def alice(db):
    user = verified("alice")
    EmailAddress.objects.create(user=user, email="alice.work@example.net", verified=False, primary=False)
    user.notify_replies = True
    user.language = "hi"
    user.save()
    return user


@pytest.fixture
def bob(db):
    return verified("bob")


@pytest.fixture
def discussion(article, alice, bob):
    """Alice and Bob each comment, like and report the other's comment."""
    alices = Comment.objects.create(
        article=article, author=alice, body="Alice's view on the harbour.", status="approved"
    )
    bobs = Comment.objects.create(article=article, author=bob, body="Bob's secret opinion.", status="pending")
    Reaction.objects.create(comment=bobs, user=alice)
    Reaction.objects.create(comment=alices, user=bob)
    Report.objects.create(comment=bobs, reporter=alice, reason="spam", note="Alice thinks this is spam")
    Report.objects.create(comment=alices, reporter=bob, reason="abuse", note="Bob's private note")
    return alices, bobs


def download(client, user):
    confirmed_seconds_ago(client, user, 0)
    return client.get(DOWNLOAD)


def test_a_reader_downloads_their_account_comments_likes_and_reports(client, alice, bob, discussion, article):
    alices, bobs = discussion
    response = download(client, alice)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    today = datetime.date.today().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="tribune-data-alice-{today}.json"'
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    account = data["account"]
    assert account["username"] == "alice"
    assert account["email"] == "alice@example.org"
    assert {a["email"] for a in account["email_addresses"]} == {"alice@example.org", "alice.work@example.net"}
    assert account["date_joined"] == alice.date_joined.isoformat()
    assert account["notification_settings"] == {
        "email_me_when_someone_replies_to_my_comments": True,
        "language_of_emails": "hi",
    }
    assert [c["text"] for c in data["comments"]] == ["Alice's view on the harbour."]
    assert data["comments"][0]["article"] == {"title": article.title, "url": f"http://testserver{article.url}"}
    assert data["comments"][0]["status"] == CommentStatus.APPROVED
    assert [like["comment"] for like in data["likes"]] == [bobs.pk]
    assert [(r["comment"], r["reason"], r["note"]) for r in data["reports"]] == [
        (bobs.pk, "spam", "Alice thinks this is spam")
    ]
    assert data["restrictions"] == []


def test_another_readers_data_never_appears(client, alice, bob, discussion):
    content = download(client, alice).content.decode()

    for bobs_data in ("bob@example.org", "Bob's secret opinion.", "Bob's private note", '"bob"'):
        assert bobs_data not in content
    assert "password" not in content
    assert alice.password not in content


def test_the_download_needs_a_recent_confirmation(client, alice, settings):
    confirmed_seconds_ago(client, alice, settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 60)
    assert_sent_to_reauthenticate(client.get(DOWNLOAD), DOWNLOAD)


def test_a_signed_out_visitor_is_sent_to_sign_in(client, db):
    response = client.get(DOWNLOAD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_account_pages_link_to_the_data_page_which_lists_what_the_download_holds(client, alice):
    client.force_login(alice)
    profile = client.get(reverse("account_profile")).content.decode()
    assert f'href="{reverse("account_data")}"' in profile
    page = client.get(reverse("account_data")).content.decode()
    assert f'href="{DOWNLOAD}"' in page
    for section in ("account", "comments", "likes", "reports", "restrictions"):
        assert f"<dt>{section}</dt>" in page


def test_the_page_cache_never_stores_or_serves_the_download(client, alice, discussion, settings):
    settings.TRIBUNE_PAGE_CACHE_SECONDS = 600
    settings.TRIBUNE_PAGE_CACHE_RECHECK_SECONDS = 0
    page_cache.local.clear()
    assert download(client, alice).status_code == 200
    client.logout()
    client.cookies.clear()

    anonymous = client.get(DOWNLOAD)

    assert anonymous.status_code == 302
    stored = caches[settings.TRIBUNE_PAGE_CACHE_ALIAS]._cache.values()
    assert not any(b"alice@example.org" in value for value in stored if isinstance(value, bytes))
    assert not any(b"alice@example.org" in page.content for page in page_cache.local.pages.values())


# Staff


@pytest.fixture
def staff_member(db):
    user = UserFactory(username="helpdesk", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def grant(user, *codenames):
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="accounts", codename__in=codenames))
    return get_user_model().objects.get(pk=user.pk)  # permissions are cached on the instance


@pytest.fixture
def security(caplog):
    caplog.set_level(logging.INFO, logger="tribune.security")
    return lambda event: [r for r in caplog.records if r.name == "tribune.security" and r.event == event]


def sign_in(client, user):
    """Signed in and recently confirmed (allauth's re-authentication record)."""
    confirmed_seconds_ago(client, user, 0)


def test_staff_without_the_permissions_can_neither_export_nor_erase(client, staff_member, alice):
    sign_in(client, staff_member)
    exported = client.get(reverse("accounts_admin:export", args=[alice.pk]))
    erased = client.post(reverse("accounts_admin:erase", args=[alice.pk]), {"comments": "delete", "confirm": "on"})

    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    for refused in (exported, erased):
        assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
    assert b"alice" not in exported.content
    assert get_user_model().objects.filter(pk=alice.pk).exists()


def test_staff_with_the_permission_export_one_readers_data(client, staff_member, alice, bob, discussion, security):
    sign_in(client, grant(staff_member, "export_personal_data"))
    response = client.get(reverse("accounts_admin:export", args=[alice.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="tribune-data-alice-')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["username"] == "alice"
    assert "Bob's secret opinion." not in response.content.decode()
    (event,) = security("personal_data_exported")
    assert (event.user_id, event.actor_id, event.by) == (alice.pk, staff_member.pk, "staff")


def test_erasing_a_reader_deletes_the_account_and_their_comments_text(
    client, staff_member, alice, bob, discussion, security
):
    alices, bobs = discussion
    ModerationDecision.objects.create(comment=alices, action="edit", previous_body="Alice's first draft")
    sign_in(client, grant(staff_member, "erase_personal_data"))

    response = client.post(reverse("accounts_admin:erase", args=[alice.pk]), {"comments": "delete", "confirm": "on"})

    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=alice.pk).exists()
    assert not EmailAddress.objects.filter(email__startswith="alice").exists()
    alices.refresh_from_db()
    assert (alices.author_id, alices.body, alices.status) == (None, "", CommentStatus.DELETED)
    assert not ModerationDecision.objects.filter(previous_body__contains="Alice").exists()
    assert not Reaction.objects.filter(comment=bobs).exists()  # her like
    assert not Report.objects.filter(comment=bobs).exists()  # her report
    assert Comment.objects.get(pk=bobs.pk).author == bob  # Bob's data untouched
    (event,) = security("personal_data_erased")
    assert (event.user_id, event.actor_id, event.comments) == (alice.pk, staff_member.pk, "deleted")


def test_erasing_can_keep_the_comments_anonymised(client, staff_member, alice, discussion):
    alices, _ = discussion
    sign_in(client, grant(staff_member, "erase_personal_data"))
    client.post(reverse("accounts_admin:erase", args=[alice.pk]), {"comments": "keep", "confirm": "on"})
    alices.refresh_from_db()
    assert (alices.author_id, alices.body, alices.ip_hash) == (None, "Alice's view on the harbour.", "")


def test_staff_accounts_are_not_erased_from_the_readers_page(client, staff_member, superuser):
    sign_in(client, grant(staff_member, "erase_personal_data"))
    client.post(reverse("accounts_admin:erase", args=[superuser.pk]), {"comments": "delete", "confirm": "on"})
    assert get_user_model().objects.filter(pk=superuser.pk).exists()


def test_staff_export_and_erase_need_a_recent_confirmation(client, staff_member, alice, settings):
    staff_member = grant(staff_member, "export_personal_data", "erase_personal_data")
    confirmed_seconds_ago(client, staff_member, settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 60)
    for name in ("export", "erase"):
        path = reverse(f"accounts_admin:{name}", args=[alice.pk])
        assert_sent_to_reauthenticate(client.get(path), path)
    assert get_user_model().objects.filter(pk=alice.pk).exists()


def test_the_user_list_offers_the_actions_to_those_allowed(client, staff_member, alice, superuser):
    client.force_login(superuser)
    listing = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert reverse("accounts_admin:export", args=[alice.pk]) in listing
    assert reverse("accounts_admin:erase", args=[alice.pk]) in listing
    assert reverse("accounts_admin:erase", args=[superuser.pk]) not in listing

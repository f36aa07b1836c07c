"""Edits are new content, and likes and reports follow the rules of commenting (issue 17, findings 7, 10 and 11):
who may take part, what the moderation rules see again, and how often a reader may react."""

import pytest
from bs4 import BeautifulSoup

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory, make_article
from tribune.discussion import services
from tribune.discussion.models import Comment, CommentStatus, ModerationAction, ModerationDecision
from tribune.newsroom.models import ArticlePage, DiscussionMode

from .conftest import verified_reader


@pytest.fixture
def article(section, config):
    return make_article(section, title="On the river treaty")


@pytest.fixture
def moderator(db):
    return UserFactory(username="desk-moderator", is_superuser=True, is_staff=True)


@pytest.fixture
def unconfirmed(db):
    return UserFactory(username="unconfirmed", email="unconfirmed@example.org")  # signed up, link not followed


def soup(client, url) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def shown_to_others(article) -> str:
    return soup(Client(), article.url).select_one("#discussion").get_text(" ", strip=True)


# Who may like and report: the rule of commenting


@pytest.mark.parametrize("verification", ["optional", "mandatory"])
def test_a_reader_without_a_confirmed_email_can_neither_like_nor_report(
    client, settings, article, alice, unconfirmed, verification
):
    settings.ACCOUNT_EMAIL_VERIFICATION = verification  # however sign-in is set up, a session may lack a confirmation
    comment = services.comment_post(article=article, author=alice, body="Worth a like.")
    client.force_login(unconfirmed)

    liked = client.post(reverse("comment_like", args=[comment.pk]))
    report_form = client.get(reverse("comment_report", args=[comment.pk]))
    reported = client.post(reverse("comment_report", args=[comment.pk]), {"reason": "spam"})

    comment.refresh_from_db()
    assert (comment.like_count, comment.report_count, comment.reports.count()) == (0, 0, 0)
    for response in (liked, report_form, reported):
        assert response.status_code == 302 and response["Location"] == f"{article.url}#comment-{comment.pk}"
    assert str(services.EMAIL_NOT_VERIFIED) in client.get(article.url).content.decode()
    with pytest.raises(PermissionDenied, match=str(services.EMAIL_NOT_VERIFIED)):
        services.comment_like(comment=comment, user=unconfirmed)
    with pytest.raises(PermissionDenied, match=str(services.EMAIL_NOT_VERIFIED)):
        services.comment_report(comment=comment, user=unconfirmed, reason="spam")


def test_the_like_and_report_buttons_wait_for_the_confirmation(client, article, alice, unconfirmed, bob):
    services.comment_post(article=article, author=alice, body="Worth a like.")

    client.force_login(unconfirmed)
    waiting = soup(client, article.url).select_one(".comment__actions")
    client.force_login(bob)
    confirmed = soup(client, article.url).select_one(".comment__actions")

    assert waiting.select("form[action$='/like/']") == [] and "Report" not in waiting.get_text()
    assert confirmed.select("form[action$='/like/']") and "Report" in confirmed.get_text()


# Likes and reports are rate limited


def test_liking_too_fast_is_answered_429_with_a_way_back(client, article, config, alice, bob):
    config.reactions_per_minute = 5
    config.save()
    comment = services.comment_post(article=article, author=alice, body="Like me, unlike me.")
    client.force_login(bob)
    url = reverse("comment_like", args=[comment.pk])

    answers = [client.post(url) for _ in range(8)]

    assert [r.status_code for r in answers] == [302] * 5 + [429] * 3
    refused = BeautifulSoup(answers[-1].content, "html.parser")
    assert str(services.REACTING_TOO_FAST) in refused.get_text()
    assert refused.select_one(f"a[href='{article.url}#comment-{comment.pk}']") is not None
    assert answers[-1]["Retry-After"] == "60"
    assert Comment.objects.get(pk=comment.pk).like_count == 1  # five toggles: liked


def test_many_accounts_behind_one_address_share_its_limit(article, config, alice):
    config.reactions_per_ip_per_minute = 3
    config.save()
    comment = services.comment_post(article=article, author=alice, body="A crowd arrives.")
    likers = [verified_reader(f"sock{n}") for n in range(4)]

    for liker in likers[:3]:
        services.comment_like(comment=comment, user=liker, ip="203.0.113.9")
    with pytest.raises(ValidationError, match=str(services.REACTING_TOO_FAST)):
        services.comment_like(comment=comment, user=likers[3], ip="203.0.113.9")

    assert services.comment_like(comment=comment, user=likers[3], ip="198.51.100.1") is True


def test_reporting_too_fast_is_refused_too(client, article, config, alice, bob):
    config.reactions_per_minute = 2
    config.save()
    comments = [services.comment_post(article=article, author=alice, body=f"Comment {n}") for n in range(3)]
    client.force_login(bob)

    answers = [client.post(reverse("comment_report", args=[c.pk]), {"reason": "spam"}) for c in comments]

    assert [r.status_code for r in answers] == [302, 302, 429]
    assert Comment.objects.filter(report_count=1).count() == 2


# An edit is new content


def test_an_edited_editors_pick_loses_the_pick_until_a_moderator_features_it_again(
    client, article, alice, bob, moderator
):
    comment = services.comment_post(article=article, author=alice, body="A careful point.")
    services.comment_moderate(comment=comment, moderator=moderator, action=ModerationAction.FEATURE)

    edited = services.comment_edit(comment=comment, user=alice, body="A careful point, now selling something.")

    assert (edited.status, edited.is_featured, edited.pick_to_confirm) == (CommentStatus.APPROVED, False, True)
    assert "Editors' pick" not in shown_to_others(article)
    client.force_login(moderator)
    queue = soup(client, reverse("discussion_queue"))
    row = queue.select_one(f"tr[data-comment='{comment.pk}']")
    assert "Edited after it was featured" in row.get_text()
    assert row.select_one("[data-previous-text]").get_text() == "A careful point."

    services.comment_moderate(comment=edited, moderator=moderator, action=ModerationAction.FEATURE)

    edited.refresh_from_db()
    assert edited.is_featured and not edited.pick_to_confirm
    assert "Editors' pick" in shown_to_others(article)
    assert soup(client, reverse("discussion_queue")).select_one(f"tr[data-comment='{comment.pk}']") is None


def test_approving_an_edited_pick_publishes_it_without_the_pick(article, alice, moderator):
    comment = services.comment_post(article=article, author=alice, body="A careful point.")
    services.comment_moderate(comment=comment, moderator=moderator, action=ModerationAction.FEATURE)
    edited = services.comment_edit(comment=comment, user=alice, body="A careful point, reworded.")

    services.comment_moderate(comment=edited, moderator=moderator, action=ModerationAction.APPROVE)

    edited.refresh_from_db()
    assert edited.status == CommentStatus.APPROVED and not edited.is_featured and not edited.pick_to_confirm


def test_in_a_pre_moderated_discussion_an_approved_comments_edit_waits_for_review(client, article, alice, moderator):
    ArticlePage.objects.filter(pk=article.pk).update(discussion_mode=DiscussionMode.PREMODERATED)
    article.refresh_from_db()
    comment = services.comment_post(article=article, author=alice, body="The first version.")
    services.comment_moderate(comment=comment, moderator=moderator, action=ModerationAction.APPROVE)
    assert ArticlePage.objects.get(pk=article.pk).comment_count == 1

    edited = services.comment_edit(comment=comment, user=alice, body="A second version nobody approved.")

    assert edited.status == CommentStatus.PENDING and edited.moderation_rule == "premoderated"
    assert ArticlePage.objects.get(pk=article.pk).comment_count == 0
    others = shown_to_others(article)
    assert "nobody approved" not in others and "The first version." not in others
    client.force_login(alice)
    mine = soup(client, article.url).select_one(f"#comment-{comment.pk}")
    assert "nobody approved" in mine.get_text() and mine.select_one(".comment__held") is not None
    decision = ModerationDecision.objects.get(comment=comment, action=ModerationAction.EDIT)
    assert decision.previous_body == "The first version." and decision.rule == "premoderated"


def test_an_edit_is_judged_by_every_rule_a_new_comment_meets(article, config, alice, moderator):
    config.banned_words = "scoundrel"
    config.trusted_after = 3
    config.save()
    approved = services.comment_post(article=article, author=alice, body="Held, then approved by hand.")
    services.comment_moderate(comment=approved, moderator=moderator, action=ModerationAction.APPROVE)
    clean = services.comment_post(article=article, author=moderator, body="Staff words.")

    held = services.comment_edit(comment=approved, user=alice, body="Rewritten after the approval.")
    rejected = services.comment_edit(comment=clean, user=moderator, body="You scoundrel.")

    assert (held.status, held.moderation_rule) == (CommentStatus.PENDING, "new_reader")
    assert (rejected.status, rejected.moderation_rule) == (CommentStatus.REJECTED, "banned_word")


def test_an_edit_that_changes_nothing_changes_nothing(article, alice, moderator):
    comment = services.comment_post(article=article, author=alice, body="Already fine.")
    services.comment_moderate(comment=comment, moderator=moderator, action=ModerationAction.FEATURE)

    same = services.comment_edit(comment=comment, user=alice, body="  Already fine.  ")

    assert same.is_featured and same.edited_at is None
    assert not ModerationDecision.objects.filter(comment=comment, action=ModerationAction.EDIT).exists()


def test_the_edit_form_tells_the_author_what_happens_to_the_pick(client, article, alice, moderator):
    comment = services.comment_post(article=article, author=alice, body="A careful point.")
    services.comment_moderate(comment=comment, moderator=moderator, action=ModerationAction.FEATURE)
    client.force_login(alice)

    response = client.post(
        reverse("comment_edit", args=[comment.pk]), {"body": "A careful point, edited."}, follow=True
    )

    assert "editors' pick again once a moderator agrees" in BeautifulSoup(response.content, "html.parser").get_text()


def test_the_stored_article_page_follows_an_edit_at_once(
    client, settings, django_capture_on_commit_callbacks, article, alice, moderator
):
    from tribune.delivery import page_cache

    settings.TRIBUNE_PAGE_CACHE_SECONDS, settings.TRIBUNE_PAGE_CACHE_RECHECK_SECONDS = 600, 0
    page_cache.local.clear()
    ArticlePage.objects.filter(pk=article.pk).update(discussion_mode=DiscussionMode.PREMODERATED)
    article.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        picked = services.comment_post(article=article, author=alice, body="The first version.")
        services.comment_moderate(comment=picked, moderator=moderator, action=ModerationAction.FEATURE)
    anonymous = Client()
    anonymous.get(article.url)
    stored = anonymous.get(article.url)
    assert stored[page_cache.HEADER] == "hit" and "Editors' pick" in stored.content.decode().replace("&#x27;", "'")

    with django_capture_on_commit_callbacks(execute=True):
        services.comment_edit(comment=picked, user=alice, body="A second version nobody approved.")

    after_edit = anonymous.get(article.url)
    text = BeautifulSoup(after_edit.content, "html.parser").select_one("#discussion").get_text()
    assert after_edit[page_cache.HEADER] == "miss"
    assert "first version" not in text and "nobody approved" not in text and "Editors' pick" not in text
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_moderate(comment=picked, moderator=moderator, action=ModerationAction.FEATURE)
    text = BeautifulSoup(anonymous.get(article.url).content, "html.parser").select_one("#discussion").get_text()
    assert "nobody approved" in text and "Editors' pick" in text
    page_cache.local.clear()


def test_the_queue_names_the_rule_that_held_a_comment_in_words(client, article, moderator, home):
    newcomer = verified_reader("newcomer")
    settings = services.discussion_settings()
    settings.trusted_after = 2
    settings.save()
    comment = services.comment_post(article=article, author=newcomer, body="My first comment here.")
    assert comment.status == CommentStatus.PENDING

    client.force_login(moderator)
    row = soup(client, reverse("discussion_queue")).select_one(f"tr[data-comment='{comment.pk}']")

    assert "New reader" in row.get_text()
    assert "new_reader" not in row.get_text()

"""Posting, replying, editing, deleting, liking, reporting and moderating comments."""

import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import UserFactory, make_article
from tribune.accounts.services import account_delete
from tribune.discussion import services
from tribune.discussion.models import MAX_DEPTH, Comment, CommentStatus, ModerationAction, ModerationDecision
from tribune.discussion.notifications import moderation_digest
from tribune.newsroom.models import ArticlePage, DiscussionMode

from .conftest import verified_reader


@pytest.fixture
def article(section, config):
    return make_article(section)


def post(article, author, body="A considered reply.", **kwargs):
    return services.comment_post(article=article, author=author, body=body, **kwargs)


def test_a_trusted_readers_comment_is_published_and_counted(article, alice):
    comment = post(article, alice)

    assert comment.status == CommentStatus.APPROVED
    assert comment.thread_id == comment.pk
    assert ArticlePage.objects.get(pk=article.pk).comment_count == 1


def test_readers_must_log_in_and_confirm_their_email(article, db):
    unverified = UserFactory(username="nova", email="nova@example.org")

    with pytest.raises(PermissionDenied, match=str(services.EMAIL_NOT_VERIFIED)):
        post(article, unverified)


def test_replies_nest_to_a_fixed_depth_then_attach_at_the_deepest_level(article, alice, bob):
    comment = post(article, alice)
    chain = [comment]
    for i in range(MAX_DEPTH + 2):
        chain.append(post(article, bob if i % 2 == 0 else alice, f"reply {i}", parent=chain[-1]))

    assert [c.depth for c in chain] == [0, 1, 2, 3, 3, 3]
    assert all(c.thread_id == comment.pk for c in chain)
    assert chain[-1].parent_id == chain[MAX_DEPTH - 1].pk


def test_new_readers_are_pre_moderated_with_an_explanation(article, config, alice):
    config.trusted_after = 1
    config.save()

    held = post(article, alice)

    assert held.status == CommentStatus.PENDING
    assert held.moderation_rule == "new_reader"
    assert held.verdict.reader_reason.startswith("Held for review")
    assert ModerationDecision.objects.get(comment=held).action == ModerationAction.AUTO_HOLD
    assert ArticlePage.objects.get(pk=article.pk).comment_count == 0


def test_banned_words_reject_and_record_what_matched(article, config, alice):
    services.moderation_words_set(config=config, language_code="en", banned_words="scumbag")

    comment = post(article, alice, "What a scumbag.")

    assert comment.status == CommentStatus.REJECTED
    assert comment.moderation_rule == "banned_word"
    assert "scumbag" in comment.moderation_detail


def test_the_same_form_submitted_twice_makes_one_comment(article, alice):
    first = post(article, alice, client_token="abc123")
    second = post(article, alice, client_token="abc123")

    assert first.pk == second.pk
    assert Comment.objects.count() == 1


def test_a_flood_from_one_reader_is_throttled_without_affecting_others(article, config, alice, bob):
    config.comments_per_minute = 2
    config.save()
    post(article, alice, "one")
    post(article, alice, "two")

    with pytest.raises(ValidationError, match="commenting very quickly"):
        post(article, alice, "three")
    assert post(article, bob, "unaffected").status == CommentStatus.APPROVED


def test_empty_and_oversized_comments_get_a_clear_error(article, config, alice):
    with pytest.raises(ValidationError, match="Please write something"):
        post(article, alice, " \u200b \n")
    with pytest.raises(ValidationError, match="at most 2000 characters; yours has 2001"):
        post(article, alice, "x" * 2001)


@pytest.mark.parametrize(
    "setup,message",
    [
        (lambda article, config: setattr(config, "read_only", True), services.READ_ONLY),
        (
            lambda article, config: setattr(article, "discussion_mode", DiscussionMode.CLOSED),
            services.DISCUSSION_CLOSED,
        ),
        (
            lambda article, config: setattr(
                article, "first_published_at", timezone.now() - datetime.timedelta(days=30)
            ),
            services.DISCUSSION_CLOSED,
        ),
    ],
)
def test_closed_discussions_refuse_new_comments(article, config, alice, setup, message):
    setup(article, config)

    with pytest.raises(PermissionDenied, match=str(message)):
        services.comment_post(article=article, author=alice, body="Late", config=config)


def test_pre_moderated_articles_hold_every_reader_comment(article, alice):
    article.discussion_mode = DiscussionMode.PREMODERATED

    assert post(article, alice).moderation_rule == "premoderated"


def test_authors_edit_within_the_window_and_the_edit_is_marked(article, alice):
    comment = post(article, alice)

    edited = services.comment_edit(comment=comment, user=alice, body="Better words.")

    assert edited.body == "Better words." and edited.edited_at is not None
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - datetime.timedelta(hours=1))
    comment.refresh_from_db()
    with pytest.raises(PermissionDenied, match="first 15 minutes"):
        services.comment_edit(comment=comment, user=alice, body="Too late.")


def test_an_edit_cannot_smuggle_in_a_link(article, alice):
    comment = post(article, alice)

    edited = services.comment_edit(comment=comment, user=alice, body="now with https://spam.example")

    assert edited.status == CommentStatus.PENDING and edited.moderation_rule == "link"


def test_only_the_author_edits_or_deletes(article, alice, bob):
    comment = post(article, alice)

    with pytest.raises(PermissionDenied):
        services.comment_edit(comment=comment, user=bob, body="mine now")
    with pytest.raises(PermissionDenied):
        services.comment_delete(comment=comment, user=bob)


def test_deleting_leaves_a_placeholder_that_keeps_replies(article, alice, bob):
    comment = post(article, alice)
    reply = post(article, bob, parent=comment)

    services.comment_delete(comment=comment, user=alice)

    comment.refresh_from_db()
    assert comment.status == CommentStatus.DELETED and comment.body == ""
    assert Comment.objects.get(pk=reply.pk).parent_id == comment.pk
    assert ArticlePage.objects.get(pk=article.pk).comment_count == 1


def test_one_like_per_reader_and_liking_again_takes_it_back(article, alice, bob):
    comment = post(article, alice)

    assert services.comment_like(comment=comment, user=bob) is True
    assert Comment.objects.get(pk=comment.pk).like_count == 1
    assert services.comment_like(comment=comment, user=bob) is False
    assert Comment.objects.get(pk=comment.pk).like_count == 0
    with pytest.raises(PermissionDenied):
        services.comment_like(comment=comment, user=alice)  # not your own


def test_a_reader_reports_a_comment_once(article, alice, bob):
    comment = post(article, alice)

    services.comment_report(comment=comment, user=bob, reason="abuse")
    with pytest.raises(ValidationError, match="already reported"):
        services.comment_report(comment=comment, user=bob, reason="spam")
    assert Comment.objects.get(pk=comment.pk).report_count == 1


def test_moderators_decide_and_every_decision_is_logged(article, config, alice, db):
    config.trusted_after = 5
    config.save()
    held = post(article, alice)
    moderator = UserFactory(username="mod")
    from django.contrib.auth.models import Group

    moderator.groups.add(Group.objects.get(name="Moderators"))

    services.comment_moderate(comment=held, moderator=moderator, action=ModerationAction.APPROVE)
    services.comment_moderate(comment=held, moderator=moderator, action=ModerationAction.FEATURE)

    held.refresh_from_db()
    assert held.status == CommentStatus.APPROVED and held.is_featured
    assert ArticlePage.objects.get(pk=article.pk).comment_count == 1
    log = list(ModerationDecision.objects.filter(comment=held, moderator=moderator).values_list("action", flat=True))
    assert set(log) == {"approve", "feature"}
    with pytest.raises(PermissionDenied):
        services.comment_moderate(comment=held, moderator=alice, action=ModerationAction.REJECT)


def test_a_suspended_readers_new_comments_wait_hidden(article, alice, db):
    moderator = UserFactory(username="mod2", is_superuser=True)
    services.reader_restrict(
        user=alice, moderator=moderator, reason="Abuse", until=timezone.now() + datetime.timedelta(days=3)
    )

    assert post(article, alice).status == CommentStatus.PENDING


def test_staff_and_article_authors_get_badges(article, db):
    staff = verified_reader("editorx", is_superuser=True)
    author_profile = article.ordered_contributors[0]
    author_user = verified_reader("writerx")
    author_profile.user = author_user
    author_profile.save()

    assert post(article, staff).is_staff_reply
    assert post(article, author_user).is_author_reply


def test_deleting_an_account_keeps_or_deletes_comments_as_chosen(article, alice, bob):
    kept = post(article, alice, "I stay anonymous")
    gone = post(article, bob, "I vanish")

    account_delete(user=alice, keep_comments=True)
    account_delete(user=bob, keep_comments=False)

    kept.refresh_from_db()
    gone.refresh_from_db()
    assert kept.author is None and kept.body == "I stay anonymous" and kept.status == CommentStatus.APPROVED
    assert gone.author is None and gone.body == "" and gone.status == CommentStatus.DELETED


def test_replies_are_emailed_only_to_readers_who_opted_in(
    article, alice, bob, mailoutbox, django_capture_on_commit_callbacks
):
    alice.notify_replies = True
    alice.save()
    parent = post(article, alice)
    other = post(article, bob)

    with django_capture_on_commit_callbacks(execute=True):
        post(article, bob, "Reply to Alice", parent=parent)
        post(article, alice, "Reply to Bob", parent=other)

    assert [m.to for m in mailoutbox] == [["alice@example.org"]]
    assert "Reply to Alice" in mailoutbox[0].body


def test_moderators_get_a_digest_of_the_queue(article, config, alice, mailoutbox):
    config.trusted_after = 5
    config.save()
    post(article, alice)
    UserFactory(username="digestmod", email="mod@example.org", is_superuser=True)

    assert moderation_digest() == 1
    assert "mod@example.org" in mailoutbox[-1].to


def test_a_reply_reaches_a_reader_in_the_language_they_read(
    article, alice, bob, mailoutbox, django_capture_on_commit_callbacks
):
    alice.notify_replies, alice.language = True, "hi"
    alice.save()
    parent = post(article, alice)

    with django_capture_on_commit_callbacks(execute=True):
        post(article, bob, "Reply to Alice", parent=parent)

    [mail] = mailoutbox
    assert mail.subject == f"{bob.public_name} ने आपकी टिप्पणी का जवाब दिया"
    assert "Reply to Alice" in mail.body

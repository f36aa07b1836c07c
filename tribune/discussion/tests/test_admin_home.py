"""The moderators' queue on the admin home page: how many comments wait, with a link to each queue."""

import re

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import UserFactory, make_article
from tribune.discussion import services

from .conftest import verified_reader


@pytest.fixture
def article(section, config):
    config.trusted_after = 1  # a reader's first comment waits for a moderator
    config.save()
    return make_article(section, title="On the harbour dues")


def queue(client, user) -> dict[str, tuple[str, str]]:
    """The panel's counts, each with the address it links to; empty when the panel is not shown."""
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    return {
        name: (link, count)
        for name, link, count in re.findall(r'data-tribune-queue-count="(\w+)"><a href="([^"]*)">(\d+)', html)
        if name in {"held", "reported"}
    }


def test_moderators_see_how_many_comments_are_held_and_reported_with_links_to_the_queue(client, article, alice, bob):
    moderator = UserFactory(username="queue-moderator")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    services.comment_post(article=article, author=alice, body="Held, as Alice is new here.")
    services.comment_post(article=article, author=bob, body="Held as well.")
    trusted = verified_reader("carol")
    config = services.discussion_settings()
    config.trusted_after = 0
    config.save()
    reported = services.comment_post(article=article, author=trusted, body="Published, then reported twice.")
    services.comment_report(comment=reported, user=alice, reason="spam")
    services.comment_report(comment=reported, user=bob, reason="abuse")

    counts = queue(client, moderator)

    assert counts == {
        "held": (reverse("discussion_queue") + "?tab=pending", "2"),
        "reported": (reverse("discussion_queue") + "?tab=reported", "1"),
    }


def test_people_who_do_not_moderate_see_no_moderation_queue(client, article, alice, editor):
    services.comment_post(article=article, author=alice, body="Held.")

    assert queue(client, editor) == {}

"""Every address on the site that redirects to a ``next`` the client chose, walked with off-site values: the answer's
Location always stays on the site (issue 17, finding 9: a moderation action answered ``Location:
https://evil.example/``)."""

from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from django.urls import reverse

from tests.factories import UserFactory, make_article
from tribune.accounts.models import SecuritySettings
from tribune.discussion import services as discussion
from tribune.discussion.tests.conftest import config, verified_reader  # noqa: F401 - config is a fixture

from .test_redirects import EVIL_NEXT

PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory
EVIL = [value for value in EVIL_NEXT if value]


def assert_on_site(location: str) -> None:
    parts = urlsplit(location)
    assert parts.scheme in ("", "http") and parts.netloc in ("", "testserver"), location
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location


@pytest.fixture
def held_comment(request, section):
    settings = request.getfixturevalue("config")  # the discussion's settings fixture
    settings.trusted_after = 5
    settings.save()
    article = make_article(section, title="Where readers argue")
    return discussion.comment_post(article=article, author=verified_reader("newcomer"), body="Please approve me.")


@pytest.mark.parametrize("evil", EVIL)
def test_a_moderation_action_returns_to_the_queue_not_to_an_address_it_was_given(client, superuser, held_comment, evil):
    client.force_login(superuser)
    url = reverse("discussion_moderate")

    row = client.post(url, {"row_action": f"approve:{held_comment.pk}", "next": evil})
    bulk = client.post(f"{url}?{urlencode({'next': evil})}", {"action": "reject", "comment": [held_comment.pk]})

    for response in (row, bulk):
        assert response.status_code == 302
        assert_on_site(response["Location"])
        assert response["Location"] == reverse("discussion_queue")


def test_a_moderation_action_keeps_the_queue_tab_it_came_from(client, superuser, held_comment):
    client.force_login(superuser)
    back = reverse("discussion_queue") + "?tab=reported"

    response = client.post(reverse("discussion_moderate"), {"row_action": f"approve:{held_comment.pk}", "next": back})

    assert response["Location"] == back


@pytest.mark.parametrize("evil", EVIL)
def test_signing_in_up_and_out_never_leaves_the_site(client, home, evil):
    reader = UserFactory(username="walker", email="walker@example.org")

    query = urlencode({"next": evil})
    signed_in = client.post(f"/accounts/login/?{query}", {"login": reader.email, "password": PASSWORD})
    signed_in_field = client.post("/accounts/login/", {"login": reader.email, "password": PASSWORD, "next": evil})
    signed_out = client.post("/accounts/logout/", {"next": evil})
    signed_up = client.post(
        f"/accounts/signup/?{query}",
        {"email": f"new-{abs(hash(evil))}@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    for response in (signed_in, signed_in_field, signed_out, signed_up):
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert_on_site(response["Location"])


def test_staff_sent_to_set_up_two_factor_come_back_only_to_the_admin(client, home, editor):
    SecuritySettings.objects.update_or_create(site=home.get_site(), defaults={"require_staff_two_factor": True})
    client.force_login(editor)

    response = client.get("/admin/pages/&next=https://evil.example/")

    assert response.status_code == 302
    targets = [value for name, value in parse_qsl(urlsplit(response["Location"]).query) if name == "next"]
    assert targets == ["/admin/pages/&next=https://evil.example/"]

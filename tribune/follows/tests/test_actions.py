"""Following and saving through the plain forms: who may, what it changes, how often, and what bad requests are
answered."""

import pytest
from bs4 import BeautifulSoup

from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tribune.follows import services
from tribune.follows.models import Follow, FollowKind, SavedArticle


def follow_url(kind, target_id, action="follow"):
    return reverse(action, args=[kind, target_id])


def test_a_signed_in_reader_follows_an_expert_and_is_sent_back(signed_in, reader, contributor):
    response = signed_in.post(follow_url("expert", contributor.pk), {"next": contributor.get_absolute_url()})

    assert response.status_code == 302
    assert response["Location"] == contributor.get_absolute_url()
    assert Follow.objects.get(user=reader).contributor == contributor


@pytest.mark.parametrize("kind", ["expert", "topic", "section", "country"])
def test_following_twice_keeps_one_follow_and_unfollowing_removes_it(
    signed_in, reader, kind, contributor, topic, section, country
):
    target = {"expert": contributor, "topic": topic, "section": section, "country": country}[kind]

    signed_in.post(follow_url(kind, target.pk))
    signed_in.post(follow_url(kind, target.pk))
    assert Follow.objects.filter(user=reader, kind=kind).count() == 1

    signed_in.post(follow_url(kind, target.pk, "unfollow"))
    assert not Follow.objects.filter(user=reader).exists()


def test_saving_and_unsaving_an_article(signed_in, reader, article):
    response = signed_in.post(reverse("article_save", args=[article.pk]))
    assert response.status_code == 302
    assert response["Location"] == article.url
    signed_in.post(reverse("article_save", args=[article.pk]))
    assert SavedArticle.objects.filter(user=reader, article=article).count() == 1

    signed_in.post(reverse("article_unsave", args=[article.pk]))
    assert not SavedArticle.objects.filter(user=reader).exists()


def test_an_offsite_next_is_ignored(signed_in, article):
    response = signed_in.post(reverse("article_save", args=[article.pk]), {"next": "https://elsewhere.example/"})

    assert response["Location"] == article.url


def test_signed_out_readers_are_sent_to_sign_in_and_nothing_changes(client, contributor):
    response = client.post(follow_url("expert", contributor.pk))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Follow.objects.exists()


def test_a_form_without_its_csrf_token_is_refused(strict_client, contributor, article):
    assert strict_client.post(follow_url("expert", contributor.pk)).status_code == 403
    assert strict_client.post(reverse("article_save", args=[article.pk])).status_code == 403
    assert not Follow.objects.exists() and not SavedArticle.objects.exists()


def test_the_signed_in_button_posts_with_its_token(strict_client, reader, contributor):
    page = BeautifulSoup(strict_client.get(contributor.get_absolute_url()).content, "html.parser")
    form = page.select_one(".follow-action form")
    data = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}

    response = strict_client.post(form["action"], data)

    assert response.status_code == 302
    assert Follow.objects.filter(user=reader, contributor=contributor).exists()


@pytest.mark.parametrize(
    "url",
    [
        "/my/follow/expert/999999/",
        "/my/follow/planet/1/",
        "/my/follow/EXPERT/1/",
        "/my/unfollow/topic/999999/",
        "/my/save/999999/",
        "/my/unsave/999999/",
        "/my/follow/expert/99999999999999999999999/",
        "/my/follow/expert/abc/",
    ],
)
def test_unknown_targets_and_kinds_are_not_found(signed_in, url):
    assert signed_in.post(url).status_code == 404


def test_a_section_id_is_not_an_article_and_an_article_id_is_not_a_section(signed_in, section, article):
    assert signed_in.post(reverse("article_save", args=[section.pk])).status_code == 404
    assert signed_in.post(follow_url("section", article.pk)).status_code == 404


def test_an_unpublished_expert_cannot_be_followed(signed_in, contributor):
    contributor.live = False
    contributor.save()

    assert signed_in.post(follow_url("expert", contributor.pk)).status_code == 404


@pytest.mark.parametrize("name", ["follow", "unfollow"])
def test_get_on_an_action_is_not_allowed(signed_in, client, contributor, name):
    url = follow_url("expert", contributor.pk, name)

    assert signed_in.get(url).status_code == 405
    assert signed_in.get(reverse("article_save", args=[1])).status_code == 405


def test_following_a_section_in_one_edition_follows_its_translations(reader, section):
    from tests.factories import make_translation

    hindi = make_translation(section, "hi")
    services.follow_add(user=reader, kind=FollowKind.SECTION, target=section)

    assert services.follow_add(user=reader, kind=FollowKind.SECTION, target=hindi).section_id == section.pk
    assert services.follow_remove(user=reader, kind=FollowKind.SECTION, target=hindi) == 1


def test_one_readers_follows_are_their_own(signed_in, reader, contributor):
    other = UserFactory(username="other-reader")
    services.follow_add(user=other, kind=FollowKind.EXPERT, target=contributor)

    signed_in.post(follow_url("expert", contributor.pk, "unfollow"))

    assert Follow.objects.filter(user=other).count() == 1


def test_a_reader_posting_too_often_gets_a_429_page_and_nothing_changes(signed_in, reader, settings, article):
    settings.TRIBUNE_FOLLOW_ACTIONS_PER_HOUR = 2
    signed_in.post(reverse("article_save", args=[article.pk]))
    signed_in.post(reverse("article_unsave", args=[article.pk]))

    refused = signed_in.post(reverse("article_save", args=[article.pk]))

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Too many requests" in refused.content.decode()
    assert not SavedArticle.objects.filter(user=reader).exists()


def test_the_limit_is_each_readers_own_and_counts_unknown_ids_too(signed_in, settings, article):
    settings.TRIBUNE_FOLLOW_ACTIONS_PER_HOUR = 2
    for _probe in range(2):
        assert signed_in.post("/my/follow/expert/999999/").status_code == 404
    assert signed_in.post("/my/follow/expert/999998/").status_code == 429

    other = UserFactory(username="patient-reader")
    elsewhere = Client()
    elsewhere.force_login(other)
    assert elsewhere.post(reverse("article_save", args=[article.pk])).status_code == 302
    assert SavedArticle.objects.filter(user=other, article=article).exists()

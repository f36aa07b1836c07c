"""The buttons leave anonymous pages the same for everyone, so the page cache still stores and serves them."""

import pytest
from bs4 import BeautifulSoup

from tribune.delivery.page_cache import HEADER
from tribune.delivery.tests.conftest import page_cache_on  # noqa: F401 - the page cache as production runs it
from tribune.follows import services
from tribune.follows.models import FollowKind

pytestmark = pytest.mark.usefixtures("page_cache_on")


def urls(article, contributor, topic, section, country) -> list[str]:
    return [
        article.url,
        contributor.get_absolute_url(),
        topic.get_absolute_url(),
        section.url,
        country.get_absolute_url(),
    ]


def test_anonymous_pages_with_buttons_are_stored_and_served_again(
    client, article, contributor, topic, section, country
):
    for url in urls(article, contributor, topic, section, country):
        first, second = client.get(url), client.get(url)

        assert first[HEADER] == "miss", url
        assert second[HEADER] == "hit", url
        assert second.content == first.content
        assert not second.cookies


def test_anonymous_readers_get_a_sign_in_link_without_a_form_or_token(client, article, contributor):
    for url, words in [(article.url, "Sign in to save"), (contributor.get_absolute_url(), "Sign in to follow")]:
        response = client.get(url)
        page = BeautifulSoup(response.content, "html.parser")
        action = page.select_one(".follow-action")

        assert action.select_one("a").get_text(strip=True) == words
        assert action.select_one("a")["href"] == f"/accounts/login/?next={url}"
        assert not action.select("form")
        assert "csrfmiddlewaretoken" not in response.content.decode()


def test_a_signed_in_reader_sees_their_own_state_and_is_never_stored(client, reader, article, contributor):
    services.follow_add(user=reader, kind=FollowKind.EXPERT, target=contributor)
    services.article_save(user=reader, article=article)
    client.force_login(reader)

    profile = client.get(contributor.get_absolute_url())
    article_page = client.get(article.url)

    assert "Unfollow" in profile.content.decode()
    assert "Remove" in article_page.content.decode()
    for response in (profile, article_page):
        assert response.get(HEADER) != "hit"
        assert "private" in response["Cache-Control"]


def test_what_a_signed_in_reader_saw_is_not_served_to_the_next_anonymous_one(client, reader, article):
    services.article_save(user=reader, article=article)
    client.force_login(reader)
    client.get(article.url)
    client.logout()
    client.cookies.clear()

    response = client.get(article.url)

    assert "Sign in to save" in response.content.decode()
    assert "Remove" not in response.content.decode()


def test_hindi_edition_pages_stay_cacheable_too(client, article):
    from tests.factories import make_translation

    hindi = make_translation(article, "hi")
    client.get(hindi.url)

    assert client.get(hindi.url)[HEADER] == "hit"

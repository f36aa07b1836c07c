"""The demo reader account follows experts, a topic, a section and countries and has saved articles, so My Tribune
shows something on a fresh install; loading again adds nothing and leaves the reader's own changes alone."""

import datetime

from django.utils import timezone

from tests.factories import make_article, make_contributor
from tribune.demo.loader import demo_accounts_ensure
from tribune.demo.readers import reader_follows_ensure
from tribune.follows.models import AlertPreference, Follow, SavedArticle
from tribune.newsroom.services import section_ensure


def quiet(line):
    return None


def test_the_demo_reader_follows_and_saves_once_and_keeps_their_own_changes(db, settings, client, home):
    settings.DEBUG = True
    amara = make_contributor(slug="amara-okafor", name="Amara Okafor")
    health = section_ensure(home=home, slug="health", title="Health", tagline="Health systems")
    for days in (3, 2, 1):
        make_article(
            health,
            contributors=[amara],
            topics=["elections"],
            title=f"Health piece {days}",
            published_at=timezone.now() - datetime.timedelta(days=days),
        )
    assert dict(demo_accounts_ensure())["reader"] == "reader"

    first = reader_follows_ensure(log=quiet)
    follows = set(Follow.objects.filter(user__username="reader").values_list("kind", flat=True))
    assert follows == {"expert", "topic", "section", "country"}
    assert first == {"follows": Follow.objects.count(), "saved": 3}
    assert AlertPreference.objects.get(user__username="reader").frequency == "instant"

    assert reader_follows_ensure(log=quiet) == {"follows": 0, "saved": 0}
    assert SavedArticle.objects.filter(user__username="reader").count() == 3

    client.login(username="reader", password=settings.TRIBUNE_DEMO_PASSWORD or "tribune-demo")
    page = client.get("/my/").content.decode()
    assert "Amara Okafor" in page and "Health piece 1" in page
    assert page.index("Health piece 1") < page.index("Health piece 3")

    Follow.objects.filter(user__username="reader", kind="country").delete()  # the reader unfollows a country
    AlertPreference.objects.filter(user__username="reader").update(frequency="off")
    reader_follows_ensure(log=quiet)
    assert not Follow.objects.filter(user__username="reader", kind="country").exists()
    assert AlertPreference.objects.get(user__username="reader").frequency == "off"

"""Follows and saved articles in the reader's data export, and gone with the account."""

import json

from tribune.accounts.personal_data import personal_data
from tribune.accounts.services import account_delete
from tribune.follows import services
from tribune.follows.models import Follow, FollowKind, SavedArticle


def test_the_export_lists_what_the_reader_follows_and_saved(reader, contributor, topic, section, country, article):
    services.follow_add(user=reader, kind=FollowKind.EXPERT, target=contributor)
    services.follow_add(user=reader, kind=FollowKind.SECTION, target=section)
    services.article_save(user=reader, article=article)

    document = json.loads(json.dumps(personal_data(reader)))

    assert [(item["kind"], item["name"]) for item in document["follows"]] == [
        ("expert", contributor.name),
        ("section", section.title),
    ]
    assert document["follows"][0]["url"].endswith(contributor.get_absolute_url())
    assert [item["title"] for item in document["saved_articles"]] == [article.title]
    assert document["saved_articles"][0]["url"].endswith(article.url)


def test_the_export_holds_no_other_readers_follows(reader, contributor):
    from tests.factories import UserFactory

    services.follow_add(user=UserFactory(username="someone-else"), kind=FollowKind.EXPERT, target=contributor)

    assert personal_data(reader)["follows"] == []


def test_the_data_page_says_what_the_sections_hold(client, reader):
    client.force_login(reader)

    content = client.get("/accounts/data/").content.decode()

    assert "The experts, topics, sections and countries you follow" in content


def test_deleting_the_account_removes_its_follows_and_saved_articles(reader, contributor, article):
    services.follow_add(user=reader, kind=FollowKind.EXPERT, target=contributor)
    services.article_save(user=reader, article=article)

    account_delete(user=reader, keep_comments=False)

    assert not Follow.objects.exists()
    assert not SavedArticle.objects.exists()


def test_deleting_a_followed_topic_or_expert_removes_the_follows(reader, contributor, topic):
    services.follow_add(user=reader, kind=FollowKind.TOPIC, target=topic)

    topic.delete()

    assert not Follow.objects.exists()


def test_the_export_holds_the_alert_choice_and_the_alert_emails_sent(reader, contributor, article):
    from tribune.follows.models import AlertDelivery, AlertFrequency

    services.alerts_set(user=reader, frequency=AlertFrequency.DAILY)
    AlertDelivery.objects.create(user=reader, article=article, state=AlertDelivery.State.SENT)

    document = json.loads(json.dumps(personal_data(reader)))

    assert document["follow_alerts"]["frequency"] == "daily"
    assert [(item["about"], item["state"]) for item in document["follow_alerts"]["emails"]] == [(article.title, "sent")]

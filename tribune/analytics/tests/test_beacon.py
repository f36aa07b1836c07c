import json

import pytest

from django.urls import reverse

from tribune.analytics.models import DailyDevices, DailyReferrers, DailyVisitors, HourlyPageViews
from tribune.analytics.services import page_views_flush
from tribune.analytics.tokens import target_token
from tribune.analytics.views import BAD_BEACON

PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"
DESKTOP = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
ADDRESS = "203.0.113.77"


def send(client, token, *, referrer="", user_agent=DESKTOP, address=ADDRESS, headers=None):
    return client.post(
        reverse("analytics_view"),
        data=json.dumps({"t": token, "r": referrer}),
        content_type="text/plain",
        headers={"User-Agent": user_agent, **(headers or {})},
        REMOTE_ADDR=address,
    )


def total_views() -> int:
    return sum(HourlyPageViews.objects.values_list("views", flat=True))


@pytest.fixture
def article_token(article):
    return target_token(article.url, article.pk)


def test_a_beacon_counts_one_view_of_the_article_with_its_section_referrer_and_device(
    client, redis_cache, article, section, article_token
):
    response = send(client, article_token, referrer="https://www.example.org/some/page?q=1", user_agent=PHONE)

    assert response.status_code == 204
    assert response["Cache-Control"] == "no-store"
    assert page_views_flush() == 1
    row = HourlyPageViews.objects.get()
    assert (row.path, row.page_id, row.section_id, row.views) == (article.url, article.pk, section.pk, 1)
    assert DailyReferrers.objects.get().domain == "example.org"
    assert DailyDevices.objects.get().device == "phone"
    assert DailyVisitors.objects.get().visitors == 1


def test_views_buffered_between_flushes_add_up_in_one_row(client, redis_cache, article, article_token):
    send(client, article_token, address="198.51.100.1")
    page_views_flush()
    send(client, article_token, address="198.51.100.2")
    send(client, article_token, address="198.51.100.3")
    page_views_flush()

    assert HourlyPageViews.objects.get().views == 3
    assert DailyVisitors.objects.get().visitors == 3


@pytest.mark.parametrize(
    "headers",
    [
        {"DNT": "1"},
        {"Sec-GPC": "1"},
        {"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
        {"User-Agent": "python-requests/2.32"},
        {"User-Agent": ""},
    ],
    ids=["do-not-track", "global-privacy-control", "search-crawler", "http-library", "no-user-agent"],
)
def test_readers_who_opt_out_and_robots_are_not_counted(client, redis_cache, article_token, headers):
    response = send(client, article_token, headers=headers)

    assert response.status_code == 204
    page_views_flush()
    assert total_views() == 0


def test_the_same_source_sending_the_same_page_again_at_once_is_a_replay_not_a_view(client, redis_cache, article_token):
    for _ in range(5):
        send(client, article_token)
    page_views_flush()

    assert total_views() == 1


def test_a_source_is_capped_per_minute_across_pages(client, redis_cache, settings, article):
    settings.TRIBUNE_ANALYTICS_SOURCE_CAP = 3

    for number in range(6):
        send(client, target_token(f"{article.url}?copy={number}", article.pk))
    send(client, target_token(article.url, article.pk), address="198.51.100.9")  # another reader is not capped
    page_views_flush()

    assert total_views() == 4


@pytest.mark.parametrize(
    "body",
    [
        json.dumps({"t": "made-up", "r": ""}),
        json.dumps({"t": target_token("/", None)[:-3] + "abc"}),  # a real token with its signature changed
        json.dumps({"r": "https://example.org/"}),
        json.dumps(["not", "an", "object"]),
        "not json at all",
        "",
    ],
    ids=["invented", "tampered", "no-token", "array", "not-json", "empty"],
)
def test_a_forged_or_malformed_beacon_is_refused_and_counts_nothing(client, db, redis_cache, body):
    response = client.post(reverse("analytics_view"), data=body, content_type="text/plain")

    assert response.status_code == 400
    assert response.content.decode() == BAD_BEACON
    page_views_flush()
    assert total_views() == 0


def test_an_oversized_beacon_is_refused_before_it_is_read(client, redis_cache, article_token):
    body = json.dumps({"t": article_token, "r": "https://example.org/" + "a" * 5000})

    response = client.post(reverse("analytics_view"), data=body, content_type="text/plain")

    assert response.status_code == 413
    page_views_flush()
    assert total_views() == 0


def test_the_beacon_takes_only_posts(client, redis_cache):
    assert client.get(reverse("analytics_view")).status_code == 405


def test_a_beacon_needs_no_csrf_token(redis_cache, article, article_token):
    from django.test import Client

    response = send(Client(enforce_csrf_checks=True), article_token)

    assert response.status_code == 204


def test_the_image_for_readers_without_javascript_counts_a_view(client, redis_cache, article, article_token):
    response = client.get(reverse("analytics_pixel"), {"t": article_token}, headers={"User-Agent": DESKTOP})

    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert response["Cache-Control"] == "no-store"
    page_views_flush()
    assert total_views() == 1


def test_the_image_with_a_forged_token_is_refused(client, redis_cache):
    response = client.get(reverse("analytics_pixel"), {"t": "forged"}, headers={"User-Agent": DESKTOP})

    assert response.status_code == 400


def test_a_redis_that_does_not_answer_never_fails_the_beacon(client, redis_down, article_token):
    for _ in range(3):
        response = send(client, article_token)
        assert response.status_code == 204
    assert page_views_flush() == 0


def test_without_redis_the_beacon_answers_and_counts_nothing(client, db, article_token):
    assert send(client, article_token).status_code == 204
    assert page_views_flush() == 0


def test_neither_the_database_nor_redis_keeps_the_readers_address_or_browser(
    client, redis_cache, article, article_token
):
    send(client, article_token, referrer="https://example.org/", user_agent=PHONE, address=ADDRESS)
    redis_keys = list(redis_cache.scan_iter())
    page_views_flush()

    stored = []
    for key in redis_cache.scan_iter():
        stored.append(key)
        kind = redis_cache.type(key)
        if kind == b"string":
            stored.append(redis_cache.get(key))
        elif kind == b"hash":
            stored.extend(b"".join(pair) for pair in redis_cache.hgetall(key).items())
        elif kind == b"set":
            stored.extend(redis_cache.smembers(key))
    for model in (HourlyPageViews, DailyVisitors, DailyReferrers, DailyDevices):
        stored.extend(repr(row).encode() for row in model.objects.values())
    everything = b"\n".join(stored)
    assert redis_keys  # something was buffered
    assert ADDRESS.encode() not in everything
    assert b"iPhone" not in everything


def test_the_daily_salt_expires_with_the_day(client, redis_cache, article_token):
    send(client, article_token)

    [salt_key] = list(redis_cache.scan_iter("*analytics:salt:*"))
    assert 0 < redis_cache.ttl(salt_key) <= 86400 + 60


def test_a_flush_that_stopped_before_its_commit_is_written_by_the_next_one(
    client, redis_cache, article, article_token, monkeypatch
):
    from tribune.analytics import services

    send(client, article_token)

    def database_gone(*args, **kwargs):
        raise RuntimeError("the database went away mid-flush")

    monkeypatch.setattr(services, "_add", database_gone)
    with pytest.raises(RuntimeError):
        page_views_flush()
    monkeypatch.undo()
    send(client, article_token, address="198.51.100.20")  # arrives while the stopped batch waits
    page_views_flush()  # the stopped batch
    page_views_flush()  # what came meanwhile

    assert total_views() == 2


def test_the_scheduled_command_queues_the_flush_for_the_task_worker(client, redis_cache, article_token):
    from django.core.management import call_command

    send(client, article_token)
    call_command("flush_page_views")  # the test settings' task backend runs it at once

    assert total_views() == 1

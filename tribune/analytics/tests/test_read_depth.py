import json

import pytest

from django.urls import reverse

from tribune.analytics.models import DailyReadDepth, HourlyPageViews
from tribune.analytics.services import page_views_flush
from tribune.analytics.tokens import target_token
from tribune.analytics.views import BAD_BEACON

DESKTOP = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
ADDRESS = "203.0.113.77"


def post(client, fields, *, address=ADDRESS, headers=None):
    return client.post(
        reverse("analytics_view"),
        data=json.dumps(fields),
        content_type="text/plain",
        headers={"User-Agent": DESKTOP, **(headers or {})},
        REMOTE_ADDR=address,
    )


def reads_by_depth() -> dict[int, int]:
    return dict(DailyReadDepth.objects.values_list("depth", "reads"))


@pytest.fixture
def token(article):
    return target_token(article.url, article.pk)


def test_a_read_that_reached_three_quarters_counts_in_each_quarter_up_to_it(client, redis_cache, article, token):
    post(client, {"t": token, "r": ""})

    response = post(client, {"t": token, "d": 75})

    assert response.status_code == 204
    assert response["Cache-Control"] == "no-store"
    page_views_flush()
    assert reads_by_depth() == {25: 1, 50: 1, 75: 1}
    row = DailyReadDepth.objects.get(depth=75)
    assert (row.path, row.page_id) == (article.url, article.pk)


def test_a_depth_report_is_not_a_view(client, redis_cache, token):
    post(client, {"t": token, "r": ""})
    post(client, {"t": token, "d": 100})

    assert page_views_flush() == 1
    assert sum(HourlyPageViews.objects.values_list("views", flat=True)) == 1


def test_a_reader_who_comes_back_and_reads_further_adds_only_the_new_quarters(client, redis_cache, token):
    post(client, {"t": token, "r": ""})
    post(client, {"t": token, "d": 50})
    page_views_flush()
    post(client, {"t": token, "d": 50})  # hidden again without reading further
    post(client, {"t": token, "d": 100})
    post(client, {"t": token, "d": 25})
    page_views_flush()

    assert reads_by_depth() == {25: 1, 50: 1, 75: 1, 100: 1}


def test_each_counted_view_is_one_read(client, redis_cache, token):
    for address in ("198.51.100.1", "198.51.100.2"):
        post(client, {"t": token, "r": ""}, address=address)
    post(client, {"t": token, "d": 50}, address="198.51.100.1")
    post(client, {"t": token, "d": 25}, address="198.51.100.2")
    page_views_flush()

    assert reads_by_depth() == {25: 2, 50: 1}


def test_a_depth_without_a_counted_view_of_that_page_from_that_source_is_ignored(client, redis_cache, article, token):
    post(client, {"t": token, "r": ""}, address="198.51.100.1")

    post(client, {"t": token, "d": 100}, address="198.51.100.2")  # another source
    post(client, {"t": target_token(f"{article.url}?other", article.pk), "d": 100}, address="198.51.100.1")
    page_views_flush()

    assert reads_by_depth() == {}


def test_a_depth_after_a_refused_view_is_ignored(client, redis_cache, settings, token):
    settings.TRIBUNE_ANALYTICS_SOURCE_CAP = 0  # every view refused

    post(client, {"t": token, "r": ""})
    post(client, {"t": token, "d": 100})
    page_views_flush()

    assert reads_by_depth() == {}


@pytest.mark.parametrize(
    "headers", [{"DNT": "1"}, {"Sec-GPC": "1"}, {"User-Agent": "Googlebot/2.1"}], ids=["dnt", "gpc", "robot"]
)
def test_readers_who_opt_out_and_robots_report_no_depth(client, redis_cache, token, headers):
    post(client, {"t": token, "r": ""})

    assert post(client, {"t": token, "d": 100}, headers=headers).status_code == 204
    page_views_flush()
    assert reads_by_depth() == {}


@pytest.mark.parametrize(
    "depth",
    [0, 30, 101, "75", 75.0, True, None, [50]],
    ids=["zero", "not-a-quarter", "over", "text", "float", "bool", "null", "list"],
)
def test_a_depth_that_is_not_a_quarter_is_refused(client, redis_cache, token, depth):
    post(client, {"t": token, "r": ""})

    response = post(client, {"t": token, "d": depth})

    assert response.status_code == 400
    assert response.content.decode() == BAD_BEACON


def test_a_depth_with_a_forged_token_is_refused(client, db, redis_cache):
    response = post(client, {"t": "forged", "d": 50})

    assert response.status_code == 400


def test_the_reader_s_source_is_not_kept_with_the_depth(client, redis_cache, token):
    post(client, {"t": token, "r": ""})
    post(client, {"t": token, "d": 50})
    page_views_flush()

    assert all(ADDRESS not in repr(row) for row in DailyReadDepth.objects.values())


def test_an_article_s_beacon_names_the_text_whose_depth_it_measures(client, article):
    from tribune.analytics.templatetags.analytics_tags import READ_DEPTH_OF

    html = client.get(article.url).content.decode()

    assert f'data-read-depth="{READ_DEPTH_OF}"' in html
    assert f'class="{READ_DEPTH_OF.removeprefix(".")}"' in html

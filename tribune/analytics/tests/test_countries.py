import json
import logging

import pytest
from mmdb_writer import MMDBWriter
from netaddr import IPSet

from django.urls import reverse

from tribune.analytics import geo
from tribune.analytics.models import DailyCountries, HourlyPageViews
from tribune.analytics.services import page_views_flush
from tribune.analytics.tokens import target_token

DESKTOP = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def country_database(tmp_path, settings):
    """A real MaxMind-format country database (as GeoLite2-Country lays its records out), made here."""
    writer = MMDBWriter(ip_version=6, database_type="GeoLite2-Country", ipv4_compatible=True)
    writer.insert_network(IPSet(["203.0.113.0/24"]), {"country": {"iso_code": "NZ"}})
    writer.insert_network(IPSet(["2001:db8::/32"]), {"country": {"iso_code": "FR"}})
    writer.insert_network(IPSet(["192.0.2.0/24"]), {"registered_country": {"iso_code": "IN"}})
    path = tmp_path / "countries.mmdb"
    writer.to_db_file(str(path))
    settings.TRIBUNE_GEOIP_DATABASE = str(path)
    geo.forget_readers()
    yield path
    geo.forget_readers()


def send(client, token, address):
    return client.post(
        reverse("analytics_view"),
        data=json.dumps({"t": token, "r": ""}),
        content_type="text/plain",
        headers={"User-Agent": DESKTOP},
        REMOTE_ADDR=address,
    )


def countries() -> dict[str, int]:
    return dict(DailyCountries.objects.values_list("country", "views"))


@pytest.fixture
def token(article):
    return target_token(article.url, article.pk)


def test_views_are_counted_per_country_of_their_address(client, redis_cache, country_database, token):
    for address in ("203.0.113.5", "203.0.113.6", "2001:db8::1", "192.0.2.9", "198.51.100.1"):
        assert send(client, token, address).status_code == 204
    page_views_flush()

    # 192.0.2.9 has only a registered country; 198.51.100.1 is in no network of the database.
    assert countries() == {"NZ": 2, "FR": 1, "IN": 1, "": 1}


def test_country_counts_add_up_across_flushes(client, redis_cache, country_database, token):
    send(client, token, "203.0.113.5")
    page_views_flush()
    send(client, token, "203.0.113.6")
    page_views_flush()

    assert countries() == {"NZ": 2}


def test_without_a_database_no_country_is_counted(client, redis_cache, settings, token):
    settings.TRIBUNE_GEOIP_DATABASE = ""

    send(client, token, "203.0.113.5")
    page_views_flush()

    assert countries() == {}
    assert sum(HourlyPageViews.objects.values_list("views", flat=True)) == 1


@pytest.mark.parametrize("content", [None, b"not a database"], ids=["missing", "unreadable"])
def test_a_database_that_cannot_be_read_counts_views_as_unknown_with_one_warning(
    client, redis_cache, settings, tmp_path, caplog, token, content
):
    path = tmp_path / "countries.mmdb"
    if content is not None:
        path.write_bytes(content)
    settings.TRIBUNE_GEOIP_DATABASE = str(path)
    geo.forget_readers()

    with caplog.at_level(logging.WARNING, logger="tribune.analytics.geo"):
        statuses = [send(client, token, f"203.0.113.{n}").status_code for n in range(3)]
    page_views_flush()
    geo.forget_readers()

    assert statuses == [204, 204, 204]
    assert countries() == {"": 3}
    assert len([record for record in caplog.records if record.name == "tribune.analytics.geo"]) == 1


def test_the_address_is_looked_up_not_kept(client, redis_cache, country_database, token):
    send(client, token, "203.0.113.77")
    stored = list(redis_cache.scan_iter())
    stored += [value for key in stored if redis_cache.type(key) == b"hash" for value in redis_cache.hkeys(key)]
    page_views_flush()

    assert not any(b"203.0.113.77" in item for item in stored)
    assert "203.0.113.77" not in repr(list(DailyCountries.objects.values()))

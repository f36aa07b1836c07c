"""Idle sessions end (ASVS 5.0 V7.3.1: staff after two hours, readers after a week, both configurable) and refused
authorisation is logged (V16.3.2)."""

import time

import pytest

from django.contrib.auth.models import Group

from tests.factories import UserFactory
from tribune.accounts.middleware import LAST_SEEN_KEY

from .test_security_log import security  # noqa: F401 - the security log's records


def idle_for(client, seconds: int) -> None:
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - seconds
    session.save()


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


def test_a_staff_session_idle_past_the_limit_ends_and_is_logged(client, home, staff, security, settings):  # noqa: F811
    settings.TRIBUNE_STAFF_IDLE_SECONDS = 600
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200
    idle_for(client, 601)

    response = client.get("/admin/")

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "_auth_user_id" not in client.session
    assert security.event("session_idle_ended").user_id == staff.pk


def test_a_session_in_use_stays_and_its_last_use_is_kept(client, home, staff, settings):
    settings.TRIBUNE_STAFF_IDLE_SECONDS = 600
    client.force_login(staff)
    idle_for(client, 599)

    assert client.get("/admin/").status_code == 200
    assert int(time.time()) - client.session[LAST_SEEN_KEY] < 5  # the use moved the clock on
    assert client.get("/admin/").status_code == 200


def test_a_readers_session_lasts_longer_than_a_staff_one(client, home, settings):
    settings.TRIBUNE_STAFF_IDLE_SECONDS = 600
    settings.TRIBUNE_READER_IDLE_SECONDS = 7 * 24 * 3600
    reader = UserFactory()
    client.force_login(reader)
    client.get("/accounts/profile/")
    idle_for(client, 3600)

    assert client.get("/accounts/profile/").status_code == 200


def test_a_refused_admin_request_is_logged_with_who_and_where(client, home, security):  # noqa: F811
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))  # in the admin, but not on the translation board
    client.force_login(moderator)

    response = client.get("/admin/editorial/translations/")

    assert response.status_code == 403
    record = security.event("access_refused")
    assert (record.user_id, record.status, record.method) == (moderator.pk, 403, "GET")
    assert record.path == "/admin/editorial/translations/"

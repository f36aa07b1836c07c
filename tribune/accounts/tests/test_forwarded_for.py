"""Behind trusted proxies (ALLAUTH_TRUSTED_PROXY_COUNT), a request whose X-Forwarded-For holds fewer entries than
they add did not come through them: bad input, a 400, never allauth's 500."""

import pytest

from django.test import Client


@pytest.mark.parametrize("forwarded_for", ["203.0.113.9", ""])
def test_a_short_forwarded_for_is_a_400_on_sign_in(db, settings, forwarded_for):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    client = Client(raise_request_exception=False)
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}

    response = client.post("/accounts/login/", {"login": "someone@example.org", "password": "wrong"}, **headers)

    assert response.status_code == (400 if forwarded_for else 200)


def test_a_full_forwarded_for_signs_in_as_usual(db, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    client = Client(raise_request_exception=False)

    response = client.post(
        "/accounts/login/",
        {"login": "someone@example.org", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9",
    )

    assert response.status_code == 200  # the form again, with its error

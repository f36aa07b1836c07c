"""allauth follows a ``next`` only where the site's one same-site check allows (issue 17, finding 9): its own check
would also trust every ALLOWED_HOSTS and CSRF_TRUSTED_ORIGINS host."""

import pytest
from allauth.account.adapter import get_adapter
from allauth.core import context

from django.test import RequestFactory

from tribune.core.redirects import is_same_site
from tribune.core.tests.test_redirects import EVIL_NEXT
from tribune.discussion.tests.conftest import verified_reader

PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory
OTHER_HOST = "https://other.example/politics/"


@pytest.fixture
def other_host_allowed(settings):
    """Another host this deployment answers to and trusts for CSRF: still not where a sign-in may send a reader."""
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    settings.CSRF_TRUSTED_ORIGINS = ["https://other.example"]


@pytest.mark.parametrize("candidate", [*EVIL_NEXT, OTHER_HOST, "/politics/", "http://testserver/politics/"])
def test_the_adapter_answers_as_the_sites_same_site_check(other_host_allowed, candidate):
    request = RequestFactory().get("/accounts/login/")

    with context.request_context(request):
        assert get_adapter(request).is_safe_url(candidate) is is_same_site(request, candidate)


@pytest.mark.parametrize("evil", ["//evil.example", "https:evil.example", OTHER_HOST])
def test_signing_in_with_an_off_site_next_stays_on_the_site(client, home, other_host_allowed, evil):
    reader = verified_reader("wanderer")

    response = client.post("/accounts/login/", {"login": reader.email, "password": PASSWORD, "next": evil})

    assert response.status_code == 302
    assert response["Location"] == "/"  # LOGIN_REDIRECT_URL
    assert client.session.get("_auth_user_id") == str(reader.pk)


def test_signing_in_with_a_next_on_the_site_goes_there(client, home):
    reader = verified_reader("homebody")

    response = client.post("/accounts/login/", {"login": reader.email, "password": PASSWORD, "next": "/politics/"})

    assert response["Location"] == "/politics/"

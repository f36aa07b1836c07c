"""Anti-automation (ASVS 5.0 V2.4.1) and the client address behind proxies (V4.1.3): every rate-limited path answers
429 with ``Retry-After``, and a forged ``X-Forwarded-For`` neither dodges a limit nor lands in the security log.

Each limit is lowered to one request so that the second is refused; the real values are in settings.
"""

import pytest
from allauth.account.models import EmailAddress

from django.test import RequestFactory

from wagtail.models import PageViewRestriction

from tests.factories import UserFactory
from tribune.accounts import security_log
from tribune.discussion import views as discussion_views

PASSWORD = "correct-horse-battery"  # UserFactory's
ONE = {
    "login": "1/m/ip",
    "login_failed": "1/m/ip,1/5m/key",
    "signup": "1/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "1/m/ip,1/h/key",
    "reset_password_from_key": "1/m/ip",
    "page_password": "1/m/ip",
    "change_password": "1/m/user",
    "reauthenticate": "1/m/user",
}
# Limits that refuse without a 429, and why that is the right answer there.
NOT_429 = {
    # A wrong password once the failed-attempt limit is reached is the sign-in form with "Too many failed login
    # attempts": a form error, so a person sees why; the per-client "login" limit above it answers 429.
    "login_failed",
    # Confirmation mail beyond the limit is not sent; the page answers as if it were, so no address is revealed.
    "confirm_email",
}


@pytest.fixture
def limits(settings):
    settings.ACCOUNT_RATE_LIMITS = ONE
    return ONE


@pytest.fixture
def member(db):
    user = UserFactory(username="limited-member")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def signed_in(client, user):
    client.force_login(user)
    return client


# name → a function making (client, method, path, data) for one attempt
def _login(client, member, article):
    return client, "post", "/accounts/login/", {"login": member.email, "password": "not-it"}


def _signup(client, member, article):
    email = f"new-{id(object())}@example.org"
    return (
        client,
        "post",
        "/accounts/signup/",
        {
            "email": email,
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
            "display_name": "Newcomer",
        },
    )  # noqa: E501


def _reset_password(client, member, article):
    return client, "post", "/accounts/password/reset/", {"email": member.email}


def _reset_password_from_key(client, member, article):
    # A wrong key: the limit counts attempts per client whether or not the key is right.
    return client, "post", "/accounts/password/reset/key/1-set-password/", {"password1": "x", "password2": "x"}


def _page_password(client, member, article):
    restriction, _ = PageViewRestriction.objects.get_or_create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, defaults={"password": "harbour-lights"}
    )
    path = f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/"
    return client, "post", path, {"password": "guess", "return_url": article.url}


def _change_password(client, member, article):
    from tribune.accounts.tests.test_reauthentication import confirmed_seconds_ago

    if "_auth_user_id" not in client.session:
        confirmed_seconds_ago(client, member, 10)
    return client, "post", "/accounts/password/change/", {"oldpassword": "wrong", "password1": "x", "password2": "x"}


def _reauthenticate(client, member, article):
    if "_auth_user_id" not in client.session:
        client.force_login(member)
    return client, "post", "/accounts/reauthenticate/", {"password": "wrong"}


ATTEMPTS = {
    "login": _login,
    "signup": _signup,
    "reset_password": _reset_password,
    "reset_password_from_key": _reset_password_from_key,
    "page_password": _page_password,
    "change_password": _change_password,
    "reauthenticate": _reauthenticate,
}


def test_every_configured_limit_is_walked_or_explained(settings):
    assert set(settings.ACCOUNT_RATE_LIMITS) <= set(ATTEMPTS) | NOT_429
    assert set(ONE) == set(ATTEMPTS) | NOT_429


@pytest.mark.parametrize("action", sorted(ATTEMPTS))
def test_a_refused_request_is_429_with_retry_after(client, member, article, limits, action):
    answers = []
    for _attempt in range(3):
        who, method, path, data = ATTEMPTS[action](client, member, article)
        answers.append(getattr(who, method)(path, data))

    refused = [answer for answer in answers if answer.status_code == 429]
    assert refused, [answer.status_code for answer in answers]
    assert answers[0].status_code != 429
    for answer in refused:
        assert answer["Retry-After"].isdigit() and int(answer["Retry-After"]) > 0


def test_a_429_from_a_view_that_says_when_keeps_its_own_retry_after(client, rf):
    from django.http import HttpResponse

    from tribune.accounts.middleware import RateLimitLogMiddleware

    own = HttpResponse(status=429)
    own["Retry-After"] = "5"

    answer = RateLimitLogMiddleware(lambda request: own)(rf.get("/"))

    assert answer["Retry-After"] == "5"


# X-Forwarded-For


def login_attempt(client, member, forwarded_for=None, remote_addr="127.0.0.1"):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded_for:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post("/accounts/login/", {"login": member.email, "password": "not-it"}, **headers)


def test_without_trusted_proxies_a_forged_forwarded_for_is_ignored(client, member, home, limits, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0

    first = login_attempt(client, member, forwarded_for="198.51.100.1")
    second = login_attempt(client, member, forwarded_for="198.51.100.2")

    assert first.status_code != 429
    assert second.status_code == 429  # the same REMOTE_ADDR, whatever the header says


def test_behind_two_proxies_only_the_address_they_appended_counts(client, member, home, limits, settings):
    # deploy/'s nginx front appends the client's address, the edge cache appends the front's: the client's is the
    # second from the right. Anything left of it is what the client wrote.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2

    first = login_attempt(client, member, forwarded_for="198.51.100.1, 203.0.113.9, 10.0.0.2")
    forged = login_attempt(client, member, forwarded_for="198.51.100.77, 203.0.113.9, 10.0.0.2")
    other_reader = login_attempt(client, member, forwarded_for="198.51.100.1, 203.0.113.10, 10.0.0.2")

    assert first.status_code != 429
    assert forged.status_code == 429  # a new forged address on the left is still client 203.0.113.9
    assert other_reader.status_code != 429  # another real client has its own count


def test_the_security_log_and_the_discussion_limits_use_the_same_client_address(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    request = RequestFactory().post(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66, 203.0.113.9, 10.0.0.2"
    )

    assert security_log.client_ip(request) == "203.0.113.9"
    assert discussion_views._client_ip(request) == "203.0.113.9"  # was REMOTE_ADDR: every reader one client


def test_with_no_trusted_proxies_the_discussion_counts_the_connecting_address(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.44", HTTP_X_FORWARDED_FOR="198.51.100.66")

    assert discussion_views._client_ip(request) == "192.0.2.44"

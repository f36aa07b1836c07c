"""Sensitive account changes need a recent re-authentication (allauth's, ACCOUNT_REAUTHENTICATION_TIMEOUT): a session
alone — stolen, or left open — cannot add or promote an email address, change the password, turn two-factor off,
make new recovery codes or delete the account. The display name is not sensitive."""

import time

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from django.contrib.auth import get_user_model

from .conftest import current_code
from .test_account_pages import assert_is_a_tribune_page

PASSWORD = "correct-horse-battery"  # UserFactory's
REAUTHENTICATE = "/accounts/reauthenticate/"
MFA_REAUTHENTICATE = "/accounts/2fa/reauthenticate/"


def confirmed_seconds_ago(client, user, seconds: float) -> None:
    """Sign in with a session whose last confirmation (allauth's authentication record) is ``seconds`` old."""
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time() - seconds, "username": user.username, "reauthenticated": True}
    ]
    session["account_authentication_methods_user"] = str(user.pk)  # allauth's record owner, beside its records
    session.save()


@pytest.fixture
def stale(client, settings):
    """Sign a user in with a confirmation older than the timeout."""

    def sign_in(user):
        confirmed_seconds_ago(client, user, settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 60)
        return user

    return sign_in


def assert_sent_to_reauthenticate(response, path, where=REAUTHENTICATE):
    assert response.status_code == 302, response.status_code
    assert response["Location"] == f"{where}?next={path.replace('/', '%2F')}"


def test_the_setting_is_on_with_a_short_timeout(settings):
    assert settings.ACCOUNT_REAUTHENTICATION_REQUIRED is True
    assert settings.MFA_REAUTHENTICATION_REQUIRED is True
    assert 0 < settings.ACCOUNT_REAUTHENTICATION_TIMEOUT <= 900


def test_adding_an_email_address_waits_for_the_password_then_happens(client, home, confirmed_reader, stale):
    stale(confirmed_reader)

    response = client.post("/accounts/email/", {"action_add": "", "email": "thief@example.net"})

    assert_sent_to_reauthenticate(response, "/accounts/email/")
    assert not EmailAddress.objects.filter(email="thief@example.net").exists()

    wrong = client.post(REAUTHENTICATE, {"password": "not-it", "next": "/accounts/email/"})
    assert wrong.status_code == 200
    assert not EmailAddress.objects.filter(email="thief@example.net").exists()

    client.post(REAUTHENTICATE, {"password": PASSWORD, "next": "/accounts/email/"})
    assert EmailAddress.objects.get(email="thief@example.net").user == confirmed_reader


def test_making_another_address_primary_needs_a_fresh_confirmation(client, home, confirmed_reader, stale):
    other = EmailAddress.objects.create(user=confirmed_reader, email="second@example.org", primary=False, verified=True)
    stale(confirmed_reader)

    response = client.post("/accounts/email/", {"action_primary": "", "email": other.email})

    assert_sent_to_reauthenticate(response, "/accounts/email/")
    assert EmailAddress.objects.get_primary(confirmed_reader).email == confirmed_reader.email

    client.post(REAUTHENTICATE, {"password": PASSWORD, "next": "/accounts/email/"})
    assert EmailAddress.objects.get_primary(confirmed_reader).email == "second@example.org"


def test_removing_an_address_needs_a_fresh_confirmation(client, home, confirmed_reader, stale):
    EmailAddress.objects.create(user=confirmed_reader, email="second@example.org", primary=False, verified=True)
    stale(confirmed_reader)

    response = client.post("/accounts/email/", {"action_remove": "", "email": "second@example.org"})

    assert_sent_to_reauthenticate(response, "/accounts/email/")
    assert EmailAddress.objects.filter(email="second@example.org").exists()


def test_changing_the_password_needs_a_fresh_confirmation_even_to_see_the_form(client, home, confirmed_reader, stale):
    stale(confirmed_reader)
    new = {"oldpassword": PASSWORD, "password1": "a-new-long-pass-phrase", "password2": "a-new-long-pass-phrase"}

    assert_sent_to_reauthenticate(client.get("/accounts/password/change/"), "/accounts/password/change/")
    response = client.post("/accounts/password/change/", new)

    assert_sent_to_reauthenticate(response, "/accounts/password/change/")
    confirmed_reader.refresh_from_db()
    assert confirmed_reader.check_password(PASSWORD)

    client.post(REAUTHENTICATE, {"password": PASSWORD, "next": "/accounts/password/change/"})
    confirmed_reader.refresh_from_db()
    assert confirmed_reader.check_password("a-new-long-pass-phrase")


def test_deleting_the_account_needs_a_fresh_confirmation(client, home, confirmed_reader, stale):
    stale(confirmed_reader)

    response = client.post("/accounts/delete/", {"comments": "keep", "confirm": "on"})

    assert_sent_to_reauthenticate(response, "/accounts/delete/")
    assert get_user_model().objects.filter(pk=confirmed_reader.pk).exists()

    client.post(REAUTHENTICATE, {"password": PASSWORD, "next": "/accounts/delete/"})
    assert not get_user_model().objects.filter(pk=confirmed_reader.pk).exists()


def test_turning_two_factor_off_takes_the_password_or_a_code(client, home, two_factor_reader, stale):
    stale(two_factor_reader)

    response = client.post("/accounts/2fa/totp/deactivate/")

    assert_sent_to_reauthenticate(response, "/accounts/2fa/totp/deactivate/")
    assert Authenticator.objects.filter(user=two_factor_reader, type=Authenticator.Type.TOTP).exists()
    # The password page offers the authenticator code instead, and the code is enough.
    page = client.get(response["Location"])
    assert f'href="{MFA_REAUTHENTICATE}?next=%2Faccounts%2F2fa%2Ftotp%2Fdeactivate%2F"' in page.content.decode()

    wrong = client.post(MFA_REAUTHENTICATE, {"code": "000000", "next": "/accounts/2fa/totp/deactivate/"})
    assert wrong.status_code == 200
    assert Authenticator.objects.filter(user=two_factor_reader, type=Authenticator.Type.TOTP).exists()

    client.post(
        MFA_REAUTHENTICATE,
        {"code": current_code(two_factor_reader.totp_secret), "next": "/accounts/2fa/totp/deactivate/"},
    )
    assert not Authenticator.objects.filter(user=two_factor_reader, type=Authenticator.Type.TOTP).exists()


def test_new_recovery_codes_need_a_fresh_confirmation(client, home, two_factor_reader, stale):
    codes = Authenticator.objects.get(user=two_factor_reader, type=Authenticator.Type.RECOVERY_CODES)
    before = codes.wrap().get_unused_codes()
    stale(two_factor_reader)

    response = client.post("/accounts/2fa/recovery-codes/generate/")

    assert_sent_to_reauthenticate(response, "/accounts/2fa/recovery-codes/generate/")
    codes.refresh_from_db()
    assert codes.wrap().get_unused_codes() == before

    client.post(REAUTHENTICATE, {"password": PASSWORD, "next": "/accounts/2fa/recovery-codes/generate/"})
    codes = Authenticator.objects.get(user=two_factor_reader, type=Authenticator.Type.RECOVERY_CODES)
    assert codes.wrap().get_unused_codes() != before


def test_setting_up_two_factor_needs_a_fresh_confirmation(client, home, confirmed_reader, stale):
    stale(confirmed_reader)

    assert_sent_to_reauthenticate(client.get("/accounts/2fa/totp/activate/"), "/accounts/2fa/totp/activate/")


def test_within_the_timeout_the_change_happens_at_once(client, home, confirmed_reader):
    confirmed_seconds_ago(client, confirmed_reader, 10)

    response = client.post("/accounts/email/", {"action_add": "", "email": "second@example.org"})

    assert response.status_code == 302 and response["Location"] == "/accounts/email/"
    assert EmailAddress.objects.filter(email="second@example.org", user=confirmed_reader).exists()


def test_the_display_name_is_not_sensitive(client, home, confirmed_reader, stale):
    stale(confirmed_reader)

    response = client.post("/accounts/profile/", {"display_name": "Ama Reader"})

    assert response.status_code == 302 and response["Location"] == "/accounts/profile/"
    confirmed_reader.refresh_from_db()
    assert confirmed_reader.display_name == "Ama Reader"


def test_signed_out_the_sensitive_pages_lead_to_sign_in(client, home):
    for path in ["/accounts/password/change/", "/accounts/delete/"]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), path


@pytest.mark.parametrize("path", [REAUTHENTICATE, MFA_REAUTHENTICATE])
def test_both_confirmation_pages_are_tribune_pages_offering_the_other_way(client, home, two_factor_reader, stale, path):
    stale(two_factor_reader)

    soup = assert_is_a_tribune_page(client.get(f"{path}?next=/accounts/email/"))

    form = soup.select_one("main form.tribune-form")
    assert form.select_one("input[name=next][value='/accounts/email/']")
    other = MFA_REAUTHENTICATE if path == REAUTHENTICATE else REAUTHENTICATE
    assert soup.select_one(f'main a[href^="{other}?next="]')

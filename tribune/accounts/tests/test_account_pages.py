"""Every allauth page a reader reaches is a Tribune page: the site's header, navigation and footer, one heading,
every field labelled, the site's form styles, and no script (they work without JavaScript)."""

import time

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from bs4 import BeautifulSoup

from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"  # UserFactory's
FIELDS = "input:not([type=hidden]), select, textarea"

ANONYMOUS_PAGES = {
    "sign in": "/accounts/login/",
    "sign up": "/accounts/signup/",
    "password reset": "/accounts/password/reset/",
    "password reset sent": "/accounts/password/reset/done/",
    "new password set": "/accounts/password/reset/key/done/",
    "verification sent": "/accounts/confirm-email/",
    "inactive account": "/accounts/inactive/",
}
READER_PAGES = {
    "log out": "/accounts/logout/",
    "change password": "/accounts/password/change/",
    "email addresses": "/accounts/email/",
    "reauthenticate": "/accounts/reauthenticate/",
    "two-factor overview": "/accounts/2fa/",
    "two-factor set-up": "/accounts/2fa/totp/activate/",
    "profile": "/accounts/profile/",
    "delete account": "/accounts/delete/",
}
TWO_FACTOR_PAGES = {
    "two-factor off": "/accounts/2fa/totp/deactivate/",
    "recovery codes": "/accounts/2fa/recovery-codes/",
    "new recovery codes": "/accounts/2fa/recovery-codes/generate/",
    "two-factor reauthenticate": "/accounts/2fa/reauthenticate/",
}


def assert_is_a_tribune_page(response):
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("header.site-header a[rel=home]"), "no site header"
    assert soup.select_one("nav.site-nav[aria-label]"), "no site navigation landmark"
    assert soup.select_one("footer.site-footer"), "no site footer"
    main = soup.select_one("main#main")
    assert len(main.find_all("h1")) == 1, [h.get_text(strip=True) for h in main.find_all("h1")]
    assert not soup.find("script"), "needs JavaScript"
    for form in main.find_all("form"):
        if form.select(FIELDS) or form.find("button"):  # not a form other buttons submit (form="…")
            assert "tribune-form" in form.get("class", []), f"a form without the site's form styles: {form}"
    for field in main.select(FIELDS):
        if field.get("type") in {"submit", "button"}:
            continue
        labelled = field.find_parent("label") or (field.get("id") and main.select_one(f'label[for="{field["id"]}"]'))
        assert labelled or field.get("aria-label"), f"unlabelled field: {field}"
    # Labels are words, not "Password:" in Django's default style.
    assert not [
        label.get_text(strip=True) for label in main.find_all("label") if label.get_text(strip=True)[-1:] == ":"
    ]
    return soup


def sign_in(client, user):
    """allauth's form, for an account whose address is confirmed (none signs in before)."""
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def confirm_password(client):
    """Two-factor settings ask for the password again first (allauth's reauthentication)."""
    assert client.post("/accounts/reauthenticate/", {"password": PASSWORD}).status_code == 302


@pytest.mark.parametrize("path", ANONYMOUS_PAGES.values(), ids=ANONYMOUS_PAGES.keys())
def test_a_readers_page_before_signing_in_is_a_tribune_page(client, home, path):
    assert_is_a_tribune_page(client.get(path))


@pytest.mark.parametrize("path", READER_PAGES.values(), ids=READER_PAGES.keys())
def test_a_signed_in_readers_page_is_a_tribune_page(client, home, path):
    sign_in(client, UserFactory())
    confirm_password(client)

    assert_is_a_tribune_page(client.get(path))


def test_the_password_reset_link_and_a_spent_one_open_tribune_pages(client, home):
    user = UserFactory()
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"

    soup = assert_is_a_tribune_page(client.get(f"/accounts/password/reset/key/{key}/", follow=True))
    assert soup.select_one("main input[type=password]")
    assert_is_a_tribune_page(client.get("/accounts/password/reset/key/1-not-a-token/", follow=True))


def test_the_email_confirmation_link_opens_a_tribune_page(client, home):
    user = UserFactory()
    address = EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)

    assert_is_a_tribune_page(client.get(f"/accounts/confirm-email/{EmailConfirmationHMAC(address).key}/"))


def test_setting_a_first_password_is_a_tribune_page(client, home):
    user = UserFactory()
    user.set_unusable_password()
    user.save()
    client.force_login(user)

    assert_is_a_tribune_page(client.get("/accounts/password/set/"))


@pytest.fixture
def two_factor_reader(db):
    user = UserFactory()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    user.totp_secret = secret
    return user


def test_the_two_factor_step_of_signing_in_and_its_management_pages_are_tribune_pages(client, home, two_factor_reader):
    response = sign_in(client, two_factor_reader)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert_is_a_tribune_page(client.get("/accounts/2fa/authenticate/"))
    code = format_hotp_value(hotp_value(two_factor_reader.totp_secret, int(time.time()) // 30))
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    assert_is_a_tribune_page(client.get("/accounts/2fa/reauthenticate/"))
    confirm_password(client)

    for path in TWO_FACTOR_PAGES.values():
        assert_is_a_tribune_page(client.get(path))

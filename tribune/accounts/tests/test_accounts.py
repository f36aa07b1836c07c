"""Reader accounts: sign-up with a display name, safe returns to the article, deletion, staff two-factor."""

import pytest
from allauth.account.models import EmailAddress

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from tests.factories import UserFactory
from tribune.accounts.models import SecuritySettings
from tribune.accounts.names import display_name_clean

from .test_reauthentication import confirmed_seconds_ago


def signup(client, **fields):
    data = {
        "email": "reader@example.org",
        "password1": "a-long-pass-phrase-42",
        "password2": "a-long-pass-phrase-42",
        "display_name": "Ama Reader",
        **fields,
    }
    return client.post("/accounts/signup/?next=/opinion/some-article/", data)


def confirmed(user):
    """An account whose address is confirmed: accounts sign in only then (ACCOUNT_EMAIL_VERIFICATION)."""
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_signup_creates_a_reader_with_a_display_name_and_sends_a_confirmation_link(client, db, mailoutbox):
    response = signup(client)

    user = get_user_model().objects.get(email="reader@example.org")
    assert user.display_name == "Ama Reader"
    assert user.public_name == "Ama Reader"
    assert not user.has_perm("wagtailadmin.access_admin")
    # Signed in by the link (tribune/accounts/tests/test_signup_enumeration.py), which returns them to the article.
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert "/accounts/confirm-email/" in mailoutbox[0].body
    assert not EmailAddress.objects.get(user=user).verified


def test_passwords_are_hashed_with_argon2(client, db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    signup(client)

    assert get_user_model().objects.get(email="reader@example.org").password.startswith("argon2")


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_login_never_redirects_off_site(client, db, next_url):
    confirmed(UserFactory(username="r1", email="r1@example.org"))

    response = client.post(
        f"/accounts/login/?next={next_url}", {"login": "r1@example.org", "password": "correct-horse-battery"}
    )

    assert response.status_code == 302
    assert not response["Location"].startswith(("http", "//", "javascript"))


def test_login_returns_the_reader_to_the_article(client, db):
    confirmed(UserFactory(username="r2", email="r2@example.org"))

    response = client.post(
        "/accounts/login/?next=/politics/a-piece/%23discussion",
        {"login": "r2@example.org", "password": "correct-horse-battery"},
    )

    assert response["Location"] == "/politics/a-piece/#discussion"


def test_failed_logins_are_rate_limited(client, db):
    confirmed(UserFactory(username="r3", email="r3@example.org"))
    responses = [client.post("/accounts/login/", {"login": "r3@example.org", "password": "wrong"}) for _ in range(6)]

    assert "Too many failed login attempts" not in responses[0].content.decode()
    assert "Too many failed login attempts" in responses[-1].content.decode()
    # Even the right password is refused while the limit holds.
    right = client.post("/accounts/login/", {"login": "r3@example.org", "password": "correct-horse-battery"})
    assert "_auth_user_id" not in client.session and right.status_code != 302


@pytest.mark.parametrize(
    "name,code",
    [
        ("Ada\u202eLovelace", "invisible"),
        ("Ad\u200ba", "invisible"),
        ("Pаypal Support", "mixed_scripts"),  # Cyrillic "а"
        ("Tribune", "reserved"),
        ("M o d e r a t o r", "reserved"),
        ("x", "length"),
        ("1234", "no_letters"),
    ],
)
def test_deceptive_display_names_are_refused(db, name, code):
    with pytest.raises(ValidationError) as error:
        display_name_clean(name)

    assert error.value.code == code


@pytest.mark.parametrize("name", ["Ama Reader", "Zoë Ó Briain", "Анна Петрова", "محمد علي", "山田 太郎"])
def test_names_in_any_single_script_are_welcome(db, name):
    assert display_name_clean(name) == name


def test_signup_with_a_homoglyph_name_shows_an_error(client, db):
    response = signup(client, display_name="Pаypal")

    assert response.status_code == 200
    assert "one writing system" in response.content.decode()
    assert not get_user_model().objects.filter(email="reader@example.org").exists()


def test_profile_page_changes_display_name_and_reply_emails(client, db):
    user = UserFactory(username="r4", email="r4@example.org")
    client.force_login(user)

    client.post("/accounts/profile/", {"display_name": "New Name", "notify_replies": "on"})

    user.refresh_from_db()
    assert user.display_name == "New Name" and user.notify_replies


def test_deleting_an_account_needs_a_choice_and_a_confirmation(client, db):
    user = UserFactory(username="r5", email="r5@example.org")
    confirmed_seconds_ago(client, user, 10)  # signed in, password confirmed just now (test_reauthentication.py)

    refused = client.post("/accounts/delete/", {"comments": "keep"})
    assert refused.status_code == 200 and get_user_model().objects.filter(pk=user.pk).exists()

    client.post("/accounts/delete/", {"comments": "keep", "confirm": "on"})
    assert not get_user_model().objects.filter(pk=user.pk).exists()


def test_staff_must_set_up_two_factor_when_the_setting_requires_it(client, home, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200

    security = SecuritySettings.for_site(home.get_site())
    security.require_staff_two_factor = True
    security.save()

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")


def test_readers_are_not_asked_for_two_factor(client, home, reader):
    security = SecuritySettings.for_site(home.get_site())
    security.require_staff_two_factor = True
    security.save()
    client.force_login(reader)

    assert client.get("/accounts/profile/").status_code == 200


def test_staff_with_an_authenticator_must_give_a_code_to_reach_the_admin(client, editor):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    editor.email = "desk@example.org"
    editor.save()
    confirmed(editor)
    TOTP.activate(editor, generate_totp_secret())

    start = client.get("/admin/login/?next=/admin/")
    assert start.status_code == 302 and start["Location"].startswith("/accounts/login/")
    after_password = client.post(start["Location"], {"login": "editor", "password": "correct-horse-battery"})

    assert after_password.status_code == 302
    assert after_password["Location"].startswith("/accounts/2fa/authenticate/")
    assert "_auth_user_id" not in client.session  # not signed in until the code is given
    assert client.get("/admin/").status_code == 302

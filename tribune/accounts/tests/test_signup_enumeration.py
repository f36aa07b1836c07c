"""Signing up with an address that has an account answers as for a new one and mails the owner instead; new
readers sign in once their address is confirmed (issue 17, finding 3)."""

import re

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC

from django.contrib.auth import get_user_model
from django.test import Client

from tests.factories import UserFactory

SIGNUP = "/accounts/signup/?next=/opinion/some-article/"
CHECK_YOUR_EMAIL = "/accounts/confirm-email/"
PASSWORD = "a-long-pass-phrase-42"


def signup_data(email, display_name="Ama Reader"):
    return {"email": email, "password1": PASSWORD, "password2": PASSWORD, "display_name": display_name}


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', html)


def sign_up(email, **fields):
    """A fresh visitor signs up; what they see, with the CSRF token left out."""
    client = Client()
    posted = client.post(SIGNUP, signup_data(email, **fields))
    shown = client.get(posted["Location"]) if posted.status_code == 302 else posted
    seen = (
        posted.status_code,
        posted.get("Location"),
        shown.status_code,
        [t.name for t in shown.templates],
        # The page names the address it wrote to, whichever it is.
        re.sub(re.escape(email), "ADDRESS", without_csrf(shown.content.decode()), flags=re.IGNORECASE),
    )
    return client, seen


@pytest.fixture
def owner(db):
    user = UserFactory(username="owner", email="owner@example.org", display_name="Owner")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.mark.parametrize("taken", ["owner@example.org", "OWNER@Example.org"])
def test_signing_up_with_a_taken_address_answers_as_a_new_address_does(owner, mailoutbox, taken):
    _, new = sign_up("newcomer@example.org")
    _, existing = sign_up(taken)

    assert existing == new
    assert new[:2] == (302, CHECK_YOUR_EMAIL)
    assert "Check your email" in new[4]
    assert get_user_model().objects.filter(email__iexact="owner@example.org").count() == 1


def test_the_owner_of_a_taken_address_is_told_someone_tried_and_nothing_changed(owner, mailoutbox):
    sign_up("owner@example.org", display_name="Impostor")

    [mail] = mailoutbox
    assert mail.to == ["owner@example.org"]
    assert mail.subject == "You already have an account"
    assert "/accounts/password/reset/" in mail.body and "/accounts/confirm-email/" not in mail.body
    owner.refresh_from_db()
    assert owner.display_name == "Owner" and owner.check_password("correct-horse-battery")


def test_repeated_sign_ups_with_a_taken_address_mail_the_owner_once_in_a_while(owner, mailoutbox):
    for _ in range(5):
        sign_up("owner@example.org")

    assert len(mailoutbox) == 1  # ACCOUNT_RATE_LIMITS["confirm_email"]: one mail per address every three minutes


def test_a_new_reader_is_signed_in_by_the_confirmation_link_and_returns_to_the_article(db, mailoutbox):
    client, seen = sign_up("newcomer@example.org")

    assert "_auth_user_id" not in client.session  # not before the address is confirmed
    user = get_user_model().objects.get(email="newcomer@example.org")
    assert user.display_name == "Ama Reader"
    [mail] = mailoutbox
    # The key is signed with the time it was made: read it from the mail (made a moment ago, perhaps in another
    # second) and check that it confirms this reader's address.
    key = re.search(r"/accounts/confirm-email/([^/\s]+)/", mail.body).group(1)
    assert EmailConfirmationHMAC.from_key(key).email_address == EmailAddress.objects.get(user=user)

    confirmed = client.post(f"/accounts/confirm-email/{key}/")

    assert confirmed.status_code == 302 and confirmed["Location"] == "/opinion/some-article/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert EmailAddress.objects.get(user=user).verified


def test_signing_in_before_confirming_sends_the_link_again_and_does_not_sign_in(client, db, mailoutbox):
    user = UserFactory(username="pending", email="pending@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    response = client.post("/accounts/login/", {"login": user.email, "password": "correct-horse-battery"})

    assert response.status_code == 302 and response["Location"] == CHECK_YOUR_EMAIL
    assert "_auth_user_id" not in client.session
    assert "/accounts/confirm-email/" in mailoutbox[0].body


def test_a_wrong_password_for_an_unconfirmed_address_reads_as_any_wrong_password(client, db, mailoutbox):
    user = UserFactory(username="pending", email="pending@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    pending = client.post("/accounts/login/", {"login": user.email, "password": "wrong"})
    unknown = client.post("/accounts/login/", {"login": "nobody@example.org", "password": "wrong"})

    assert pending.status_code == unknown.status_code == 200
    assert pending.context["form"].errors == unknown.context["form"].errors
    assert mailoutbox == []

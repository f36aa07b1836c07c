"""``manage.py createsuperuser`` makes a superuser who can sign in at once under mandatory email confirmation: the
address the operator typed is recorded as confirmed, and a superuser without an address is refused."""

import pytest
from allauth.account.models import EmailAddress

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from tribune.accounts.management.commands.createsuperuser import EMAIL_REQUIRED

PASSWORD = "a-long-operator-secret-7"


class ConsoleInput:
    """An operator's terminal (Django asks only a TTY)."""

    def isatty(self):
        return True


@pytest.fixture
def operator_password(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)


def test_a_superuser_made_on_the_console_signs_in_at_once(client, home, operator_password):
    call_command("createsuperuser", "--noinput", "--username", "root", "--email", "root@example.org")

    response = client.post("/accounts/login/", {"login": "root@example.org", "password": PASSWORD})

    user = get_user_model().objects.get(username="root")
    assert response.status_code == 302 and response["Location"] != "/accounts/confirm-email/"
    assert client.session.get("_auth_user_id") == str(user.pk)
    assert EmailAddress.objects.filter(user=user, email="root@example.org", verified=True, primary=True).exists()


@pytest.mark.parametrize("email", ["", "  "])
def test_a_superuser_without_an_email_address_is_refused_with_a_clear_message(db, operator_password, email):
    with pytest.raises(CommandError, match="needs an email address"):
        call_command("createsuperuser", "--noinput", "--username", "nomail", "--email", email)

    assert not get_user_model().objects.filter(username="nomail").exists()
    assert "ACCOUNT_EMAIL_VERIFICATION" in EMAIL_REQUIRED


def test_an_operator_typing_no_address_is_asked_again(db, monkeypatch):
    answers = iter(["console", "", "console@example.org", PASSWORD, PASSWORD])
    monkeypatch.setattr("builtins.input", lambda message="": next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))

    call_command("createsuperuser", interactive=True, stdin=ConsoleInput())

    user = get_user_model().objects.get(username="console")
    assert EmailAddress.objects.get(user=user).verified


def test_other_users_saved_meanwhile_are_not_confirmed(db, operator_password):
    call_command("createsuperuser", "--noinput", "--username", "root", "--email", "root@example.org")
    reader = get_user_model().objects.create_user("later", "later@example.org", "x-secret-password-1")

    assert not EmailAddress.objects.filter(user=reader, verified=True).exists()

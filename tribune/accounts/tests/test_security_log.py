"""Security events leave structured records on the ``tribune.security`` logger — sign-ins, failures, lock-outs,
two-factor, password, email, role and account changes — and no record holds a secret: not the password typed, not a
two-factor code or secret, not a reset or confirmation key, not a full email address."""

import json
import logging
import os
import subprocess
import sys

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
)

from django.conf import settings as django_settings
from django.contrib.auth.models import Group, Permission

from tests.browser.conftest import _migration_rows_put_back  # noqa: F401 - a transactional test flushes the database
from tests.factories import UserFactory
from tribune.accounts.security_log import JsonFormatter, login_hash, mask_email, mask_login

from .conftest import current_code
from .test_reauthentication import confirmed_seconds_ago

PASSWORD = "correct-horse-battery"  # UserFactory's
NEW_PASSWORD = "a-new-long-pass-phrase-77"


@pytest.fixture
def security(caplog):
    """The security records, and every record of any logger rendered as production writes it."""
    caplog.set_level(logging.INFO, logger="tribune.security")

    class Log:
        @staticmethod
        def events(name=None):
            found = [r for r in caplog.records if r.name == "tribune.security"]
            return [r for r in found if r.event == name] if name else found

        @staticmethod
        def event(name):
            found = Log.events(name)
            assert len(found) == 1, [r.getMessage() for r in Log.events()]
            return found[0]

        @staticmethod
        def assert_holds_none_of(*secrets):
            formatter = JsonFormatter()
            for record in caplog.records:
                text = formatter.format(record) + record.getMessage()
                for secret in secrets:
                    assert str(secret).lower() not in text.lower(), (secret, text)

    return Log


def test_masking_keeps_the_domain_and_one_letter():
    assert mask_email("alice@example.org") == "a***@example.org"
    assert mask_login("Editor-in-chief") == "E***"
    assert mask_login("") == ""
    assert login_hash("Alice@Example.org ") == login_hash("alice@example.org") != login_hash("bob@example.org")


def test_a_sign_in_is_logged_with_the_account_method_and_client(client, home, confirmed_reader, security):
    client.post("/accounts/login/", {"login": confirmed_reader.email, "password": PASSWORD})

    record = security.event("sign_in")
    assert (record.user_id, record.method, record.client_ip) == (confirmed_reader.pk, "password", "127.0.0.1")
    assert record.staff is False
    security.assert_holds_none_of(PASSWORD, confirmed_reader.email, client.session.session_key)


def test_a_two_factor_sign_in_names_both_steps_and_a_wrong_code_is_logged(client, home, two_factor_reader, security):
    client.post("/accounts/login/", {"login": two_factor_reader.email, "password": PASSWORD})
    assert not security.events("sign_in")  # the password alone does not sign in

    client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    failed = security.event("mfa_failed")
    assert (failed.user_id, failed.type, failed.reauthentication) == (two_factor_reader.pk, "totp", False)

    code = current_code(two_factor_reader.totp_secret)
    client.post("/accounts/2fa/authenticate/", {"code": code})
    assert security.event("sign_in").method == "password+mfa"
    security.assert_holds_none_of(PASSWORD, code, two_factor_reader.totp_secret, two_factor_reader.email)


def test_a_failed_sign_in_is_logged_masked_with_the_client(client, home, confirmed_reader, security):
    client.post("/accounts/login/", {"login": confirmed_reader.email, "password": "Tr0ub4dor&3-typed"})

    record = security.event("sign_in_failed")
    assert record.login == mask_email(confirmed_reader.email)
    assert record.login_hash == login_hash(confirmed_reader.email)
    assert record.client_ip == "127.0.0.1"
    assert not security.events("sign_in")
    security.assert_holds_none_of("Tr0ub4dor&3-typed", confirmed_reader.email)


def test_the_failed_sign_in_limit_is_logged_as_a_lock_out(client, home, confirmed_reader, security):
    for attempt in range(6):
        client.post("/accounts/login/", {"login": confirmed_reader.email, "password": f"guess-{attempt}"})

    assert len(security.events("sign_in_failed")) == 5
    locked = security.event("sign_in_locked")
    assert (locked.login, locked.client_ip) == (mask_email(confirmed_reader.email), "127.0.0.1")
    security.assert_holds_none_of(*[f"guess-{attempt}" for attempt in range(6)], confirmed_reader.email)


def test_an_answer_refused_by_a_rate_limit_is_logged(client, home, confirmed_reader, security, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/m/ip"}
    client.post("/accounts/login/", {"login": confirmed_reader.email, "password": "first"})

    response = client.post("/accounts/login/", {"login": confirmed_reader.email, "password": "second"})

    assert response.status_code == 429
    record = security.event("rate_limited")
    assert (record.view, record.http_method, record.client_ip, record.user_id) == (
        "account_login",
        "POST",
        "127.0.0.1",
        None,
    )


# Really committed: allauth signals each change on commit, and the change ends the reader's other sessions while
# keeping this one, which must happen before this request's session is saved, as it does outside tests.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_turning_two_factor_on_and_off_and_new_recovery_codes_are_logged(
    client, home, confirmed_reader, security, django_capture_on_commit_callbacks
):
    confirmed_seconds_ago(client, confirmed_reader, 10)
    client.get("/accounts/2fa/totp/activate/")
    secret = client.session[SECRET_SESSION_KEY]
    code = current_code(secret)

    with django_capture_on_commit_callbacks(execute=True):  # allauth signals it once the activation is committed
        client.post("/accounts/2fa/totp/activate/", {"code": code})

    added = {r.type for r in security.events("mfa_added")}
    assert "totp" in added
    assert all(r.user_id == confirmed_reader.pk for r in security.events("mfa_added"))

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/2fa/recovery-codes/generate/")
    assert security.event("mfa_reset").type == "recovery_codes"
    recovery_codes = Authenticator.objects.get(user=confirmed_reader, type=Authenticator.Type.RECOVERY_CODES)
    unused = recovery_codes.wrap().get_unused_codes()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/2fa/totp/deactivate/")
    assert {r.type for r in security.events("mfa_removed")} == {"totp", "recovery_codes"}  # the codes go with it
    assert {r.reason for r in security.events("other_sessions_ended")} == {"two-factor change"}

    security.assert_holds_none_of(secret, code, *unused)


def test_a_wrong_password_when_confirming_and_the_confirmation_are_logged(client, home, confirmed_reader, security):
    confirmed_seconds_ago(client, confirmed_reader, 3600)

    client.post("/accounts/reauthenticate/", {"password": "not-my-password"})
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})

    assert security.event("reauthentication_failed").user_id == confirmed_reader.pk
    assert (security.event("reauthenticated").user_id, security.event("reauthenticated").method) == (
        confirmed_reader.pk,
        "password",
    )
    assert not security.events("sign_in_failed")
    security.assert_holds_none_of("not-my-password", PASSWORD)


def test_a_password_change_is_logged_without_either_password(client, home, confirmed_reader, security):
    confirmed_seconds_ago(client, confirmed_reader, 10)

    client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert security.event("password_changed").user_id == confirmed_reader.pk
    security.assert_holds_none_of(PASSWORD, NEW_PASSWORD)


def test_a_password_reset_is_logged_without_the_key_or_the_new_password(client, home, confirmed_reader, security):
    token = default_token_generator.make_token(confirmed_reader)
    key = f"{user_pk_to_url_str(confirmed_reader)}-{token}"

    set_password_page = client.get(f"/accounts/password/reset/key/{key}/")
    client.post(set_password_page["Location"], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    confirmed_reader.refresh_from_db()
    assert confirmed_reader.check_password(NEW_PASSWORD)
    assert security.event("password_reset").user_id == confirmed_reader.pk
    security.assert_holds_none_of(token, NEW_PASSWORD, confirmed_reader.email)


def test_email_addresses_added_confirmed_and_made_primary_are_logged_masked(client, home, confirmed_reader, security):
    confirmed_seconds_ago(client, confirmed_reader, 10)

    client.post("/accounts/email/", {"action_add": "", "email": "second.address@example.net"})
    added = EmailAddress.objects.get(email="second.address@example.net")
    key = EmailConfirmationHMAC(added).key
    client.post(f"/accounts/confirm-email/{key}/")
    client.post("/accounts/email/", {"action_primary": "", "email": "second.address@example.net"})

    assert (security.event("email_added").user_id, security.event("email_added").email) == (
        confirmed_reader.pk,
        "s***@example.net",
    )
    assert security.event("email_confirmed").email == "s***@example.net"
    changed = security.event("email_primary_changed")
    assert (changed.from_email, changed.to_email) == (mask_email(confirmed_reader.email), "s***@example.net")
    security.assert_holds_none_of(key, "second.address@example.net", confirmed_reader.email)


def test_role_changes_are_logged_from_either_side(db, security):
    user = UserFactory()
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    editors = Group.objects.create(name="Editors · Test desk")

    user.groups.add(moderators, editors)
    moderators.user_set.remove(user)
    user.groups.clear()

    records = security.events("role_changed")
    assert [(r.user_id, getattr(r, "groups_added", None), getattr(r, "groups_removed", None)) for r in records] == [
        (user.pk, ["Editors · Test desk", "Moderators"], None),
        (user.pk, None, ["Moderators"]),
        (user.pk, None, ["Editors · Test desk"]),
    ]


def test_staff_and_superuser_flags_and_group_permissions_are_logged(db, security):
    user = UserFactory()
    user.last_login = None
    user.save(update_fields=["last_login"])
    assert not security.events("privileges_changed")  # a sign-in's own save is no change of role

    user.is_staff = user.is_superuser = True
    user.save()
    group = Group.objects.create(name="Desk")
    group.permissions.add(Permission.objects.get(codename="access_admin"))

    assert (
        vars(security.event("privileges_changed")).items()
        >= {
            "user_id": user.pk,
            "is_staff": True,
            "is_superuser": True,
        }.items()
    )
    permissions = security.event("group_permissions_changed")
    assert (permissions.group, permissions.permissions_added) == ("Desk", ["access_admin"])


def test_deleting_an_account_is_logged(client, home, confirmed_reader, security):
    confirmed_seconds_ago(client, confirmed_reader, 10)

    client.post("/accounts/delete/", {"comments": "keep", "confirm": "on"})

    assert security.event("account_deleted").user_id == confirmed_reader.pk
    assert security.event("sign_out").user_id == confirmed_reader.pk


def test_in_production_the_security_log_is_written_as_json_even_when_log_level_is_warning(tmp_path):
    script = (
        "import django, logging; django.setup();"
        "from tribune.accounts.security_log import log_event;"
        "log_event('sign_in', user_id=7, method='password');"
        "logging.getLogger('tribune.other').info('not at WARNING')"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tribune.settings.production",
        "SECRET_KEY": "x" * 50,
        "LOG_LEVEL": "WARNING",
        "LOG_FORMAT": "json",
        "DEBUG": "false",
    }
    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, cwd=django_settings.BASE_DIR
    )

    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    entry = json.loads(lines[0])
    assert entry["logger"] == "tribune.security" and entry["level"] == "INFO"
    assert (entry["event"], entry["user_id"], entry["method"]) == ("sign_in", 7, "password")

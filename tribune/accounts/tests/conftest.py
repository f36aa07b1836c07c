"""Readers as the account tests need them: with a confirmed address (mandatory confirmation lets no one else sign
in), and with two-factor authentication on."""

import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value

from tests.factories import UserFactory


@pytest.fixture
def confirmed_reader(db):
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


@pytest.fixture
def two_factor_reader(confirmed_reader):
    """``totp_secret`` holds the secret, for ``current_code``."""
    secret = generate_totp_secret()
    TOTP.activate(confirmed_reader, secret)
    RecoveryCodes.activate(confirmed_reader)
    confirmed_reader.totp_secret = secret
    return confirmed_reader


def current_code(secret: str) -> str:
    """The authenticator app's code for ``secret`` now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))

import pytest
from allauth.account.models import EmailAddress

from tests.factories import UserFactory


def verified_reader(username: str, **fields):
    user = UserFactory(username=username, email=f"{username}@example.org", display_name=username.title(), **fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def alice(db):
    return verified_reader("alice")


@pytest.fixture
def bob(db):
    return verified_reader("bob")


@pytest.fixture
def config(home):
    from tribune.discussion.services import discussion_settings

    settings = discussion_settings()
    settings.trusted_after = 0  # most tests are about other rules; new-reader holding has its own tests
    settings.hold_links = True
    settings.save()
    return settings

import pytest

from django.test import Client

from tribune.taxonomy.models import Country, Topic


@pytest.fixture
def signed_in(client, reader):
    client.force_login(reader)
    return client


@pytest.fixture
def topic(article):
    return Topic.objects.get(slug="elections")


@pytest.fixture
def country(db):
    return Country.objects.get(code="KE")


@pytest.fixture
def strict_client(reader):
    """A signed-in reader's browser whose forms must carry the CSRF token, as a real one's must."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    return client

"""Wagtail's embeds fetch through the SSRF guard: the configured finder, the article body's embed block and the
admin's embed chooser refuse a provider endpoint on a private address with a message, never a 500."""

import ipaddress

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.embeds.blocks import EmbedValue
from wagtail.embeds.finders import get_finders

from tests.local_http import LocalServer
from tribune.core import safe_fetch
from tribune.core.embeds import EmbedRefused, GuardedOEmbedFinder
from tribune.newsroom.blocks import AllowListedEmbedBlock

OEMBED_ANSWER = b'{"type": "video", "title": "A talk", "html": "<iframe></iframe>"}'
OEMBED = (200, {"Content-Type": "application/json"}, OEMBED_ANSWER)


@pytest.fixture
def provider():
    """A local oEmbed provider for https://video.example/ addresses, reachable on 127.0.0.1."""
    with LocalServer("127.0.0.1", {"/oembed": OEMBED}) as running:
        running.providers = [{"endpoint": running.url("/oembed"), "urls": [r"^https://video\.example/.+$"]}]
        yield running


class LoopbackTestFinder(GuardedOEmbedFinder):
    """Allows the test provider's 127.0.0.1 only (see core.safe_fetch's docstring); 127.0.0.2 stays refused."""

    allow_address = staticmethod(
        lambda address: address == ipaddress.ip_address("127.0.0.1") or safe_fetch.is_public_address(address)
    )


@pytest.fixture
def configured_finder(settings, provider):
    settings.WAGTAILEMBEDS_FINDERS = [{"class": "tribune.core.embeds", "providers": provider.providers}]
    settings.TRIBUNE_EMBED_PROVIDERS = ["video.example"]
    get_finders.cache_clear()
    yield
    get_finders.cache_clear()


def test_the_configured_finder_is_the_guarded_one(settings):
    get_finders.cache_clear()
    assert [type(finder) for finder in get_finders()] == [GuardedOEmbedFinder]
    get_finders.cache_clear()


def test_the_guarded_finder_keeps_wagtails_providers():
    assert GuardedOEmbedFinder().accept("https://www.youtube.com/watch?v=abc")


def test_a_provider_endpoint_on_loopback_is_refused_without_a_request(provider):
    with pytest.raises(EmbedRefused, match="private or reserved"):
        GuardedOEmbedFinder(providers=provider.providers).find_embed("https://video.example/talk")

    assert provider.requests == []


def test_with_loopback_allowed_the_guarded_finder_builds_the_embed(provider):
    embed = LoopbackTestFinder(providers=provider.providers).find_embed("https://video.example/talk", max_width=640)

    assert embed["title"] == "A talk"
    assert embed["html"] == "<iframe></iframe>"
    assert "maxwidth=640" in provider.requests[0][0]


def test_a_provider_redirecting_to_another_private_address_is_refused(provider):
    with LocalServer("127.0.0.2", {"/oembed": OEMBED}) as internal:
        provider.routes["/oembed"] = (302, {"Location": internal.url("/oembed")}, b"")

        with pytest.raises(EmbedRefused, match="127.0.0.2"):
            LoopbackTestFinder(providers=provider.providers).find_embed("https://video.example/talk")

        assert internal.requests == []


def test_the_article_embed_block_tells_the_editor_why(db, configured_finder, provider):
    with pytest.raises(ValidationError) as refusal:
        AllowListedEmbedBlock().clean(EmbedValue("https://video.example/talk"))

    assert "private or reserved network" in str(refusal.value)
    assert provider.requests == []


def test_the_admin_embed_chooser_answers_a_form_error_not_a_500(client, superuser, configured_finder, provider):
    client.force_login(superuser)

    response = client.post(reverse("wagtailembeds:chooser_upload"), {"embed-chooser-url": "https://video.example/talk"})

    assert response.status_code == 200
    assert response.json()["step"] == "chooser"  # the form again, with its error
    assert provider.requests == []

import pytest

from django.core.exceptions import ValidationError

from wagtail.embeds.blocks import EmbedValue

from tribune.newsroom.blocks import AllowListedEmbedBlock, host_is_allowed


@pytest.mark.parametrize(
    "url,allowed",
    [
        ("https://www.youtube.com/watch?v=abc", True),
        ("https://youtu.be/abc", True),
        ("https://player.vimeo.com/video/1", True),
        ("https://evil.example.com/embed", False),
        ("https://youtube.com.evil.example/x", False),
        ("https://notyoutube.com/x", False),
        ("javascript:alert(1)", False),
    ],
)
def test_embed_hosts_are_matched_exactly_or_as_subdomains(url, allowed):
    assert host_is_allowed(url, ["youtube.com", "youtu.be", "vimeo.com"]) is allowed


def test_embed_block_refuses_providers_off_the_allow_list(settings):
    settings.TRIBUNE_EMBED_PROVIDERS = ["youtube.com"]
    block = AllowListedEmbedBlock()

    with pytest.raises(ValidationError, match="not allowed"):
        block.clean(EmbedValue("https://tracker.example.net/widget"))

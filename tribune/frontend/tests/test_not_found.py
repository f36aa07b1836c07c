"""An unknown address answers the site's own 404 page, with DEBUG on as with it off: never Django's list of URL
patterns, which tells a visitor (or a developer trying the demo) nothing about Tribune."""

import pytest

from django.test import override_settings

MISSES = {
    "wagtail catch-all": "/no/such/page/",
    "a view that raises Http404": "/feeds/experts/nobody-by-that-name/rss/",
    "no URL pattern at all": "/no-such-file.txt",
    "a language-prefixed miss": "/en/no/such/page/",
}
TECHNICAL_404_MARKERS = ("Django tried these URL patterns", "Using the URLconf defined in", "technical_404")


@pytest.mark.parametrize("debug", [True, False], ids=["debug", "no-debug"])
@pytest.mark.parametrize("path", MISSES.values(), ids=MISSES.keys())
def test_an_unknown_address_answers_the_sites_own_404_page(client, home, path, debug):
    with override_settings(DEBUG=debug):
        response = client.get(path)

    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    html = response.content.decode()
    assert "We couldn&#x27;t find that page" in html or "We couldn't find that page" in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert not [marker for marker in TECHNICAL_404_MARKERS if marker in html]
    assert "admin/" not in html.split('id="main"')[1]  # no route list in the page body


def test_the_debug_404_tells_a_developer_why_and_the_public_one_does_not(client, home):
    with override_settings(DEBUG=True):
        debug_html = client.get("/no-such-file.txt").content.decode()
    public_html = client.get("/no-such-file.txt").content.decode()

    assert "Developer note (DEBUG is on)" in debug_html and "no-such-file.txt" in debug_html
    assert 'class="site-header"' in debug_html
    assert "DEBUG" not in public_html
